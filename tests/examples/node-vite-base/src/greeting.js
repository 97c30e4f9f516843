export function greeting(name) {
  return `Hello from Vite${name ? `, ${name}` : ""}!`;
}
