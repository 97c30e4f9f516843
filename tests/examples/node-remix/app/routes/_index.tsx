import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Remix" }];

export default function Index() {
  return <h1>Hello from Remix!</h1>;
}
