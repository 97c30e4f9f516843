export function greeting(name: string): string {
  return `Hello from a TypeScript app started by ${name}`;
}
