export function meta() {
  return [{ title: "React Router" }];
}

export function loader() {
  return { renderedAt: new Date().toISOString() };
}

export default function Home({ loaderData }: { loaderData: { renderedAt: string } }) {
  return (
    <main>
      <h1>Hello from React Router 8!</h1>
      <p>Server-rendered at {loaderData.renderedAt}.</p>
    </main>
  );
}
