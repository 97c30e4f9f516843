import { Card } from "@repo/ui/card";

// Rendered per request, so the server (not just the build) is exercised.
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <main>
      <Card title="Hello from a Turborepo Next.js app!">rendered at {new Date().toISOString()}</Card>
    </main>
  );
}
