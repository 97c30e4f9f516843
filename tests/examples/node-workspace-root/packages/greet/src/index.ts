import ms from "ms";

export function greet(name: string): string {
  return `Hello from ${name}, a workspace package built by tsc (${ms(60000)})!`;
}
