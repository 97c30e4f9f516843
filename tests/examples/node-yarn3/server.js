const http = require("node:http");
const ms = require("ms");

const port = Number(process.env.PORT || 3044);
const server = http.createServer((req, res) => {
  res.end(`Hello from yarn 3 (${ms(120000)})!\n`);
});
server.listen(port, () => console.log(`listening on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
