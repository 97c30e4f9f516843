// Bun's own HTTP server: it reads PORT (default 3000) and listens on all interfaces.
const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 3010),
  fetch(req) {
    return new Response(`Hello from Bun ${Bun.version}!\n`);
  },
});

console.log(`Listening on ${server.url}`);
