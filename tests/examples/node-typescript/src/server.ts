import { createServer } from "node:http";
import ms from "ms";

const started = Date.now();
const port = Number(process.env.PORT ?? 3001);

const server = createServer((_req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(`Hello from TypeScript! up ${ms(Date.now() - started)}\n`);
});

server.listen(port, () => {
  console.log(`listening on ${port}`);
});
