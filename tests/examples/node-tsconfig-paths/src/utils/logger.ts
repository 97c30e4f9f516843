export const log = (message: string): void => console.log(message);
