export enum Tone {
  Plain = "plain",
  Loud = "loud",
}

export function greet(name: string, tone: Tone = Tone.Plain): string {
  const text = `Hello from tsx, ${name}!`;
  return tone === Tone.Loud ? text.toUpperCase() : text;
}
