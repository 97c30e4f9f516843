const fastify = require("fastify")({ logger: true });

fastify.get("/", async () => "Hello from Fastify!\n");

const port = Number(process.env.PORT || 3004);
// Fastify listens on 127.0.0.1 by default, which is unreachable from outside a container.
fastify.listen({ port, host: "0.0.0.0" }).catch((err) => {
  fastify.log.error(err);
  process.exit(1);
});
