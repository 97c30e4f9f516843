import { createServer } from "node:http";

const port: number = Number(process.env.PORT) || 3472;
const greeting: string = process.env.GREETING ?? "Hello from a start script that builds first";

createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end(`${greeting}\n`);
}).listen(port, () => console.log(`listening on ${port}`));
