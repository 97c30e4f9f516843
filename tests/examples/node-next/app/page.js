// Rendered per request, so the server (not just the build) is exercised.
export const dynamic = "force-dynamic";

export default function Page() {
  return <main>Hello from Next.js! rendered at {new Date().toISOString()}</main>;
}
