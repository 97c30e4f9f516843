const http = require("node:http");
const ms = require("ms");

const started = Date.now();
const port = Number(process.env.PORT || 3003);

http
  .createServer((_req, res) => {
    res.end(`Hello from yarn berry! up ${ms(Date.now() - started)}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
