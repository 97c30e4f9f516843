import { defineConfig } from "vite";

// The Flask app serves the build: index.html and its assets land in app/static, under Flask's /static/ URL.
export default defineConfig({
  base: "/static/",
  build: {
    outDir: "../app/static",
    emptyOutDir: true,
  },
});
