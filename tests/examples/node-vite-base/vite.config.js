import { defineConfig } from 'vite'

// Deployed to GitHub Pages as https://<user>.github.io/my-repo/: every asset URL starts with /my-repo/.
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/my-repo/' : '/',
}))
