import http from "node:http";
import ms from "ms";

const port = Number(process.env.PORT ?? 3042);
const server = http.createServer((_req, res) => {
  res.end(`Hello from a build in postinstall (${ms(90000)})!\n`);
});
server.listen(port, () => console.log(`listening on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
