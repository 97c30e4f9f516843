export const greeting = (what: string): string => `Hello from ${what}`;
