const { createServer } = require("node:http");
const ms = require("ms");

const started = Date.now();
const port = Number(process.env.PORT || 3007);

createServer((_req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(`Hello from bun! up ${ms(Date.now() - started)}\n`);
}).listen(port, () => {
  console.log(`listening on ${port}`);
});
