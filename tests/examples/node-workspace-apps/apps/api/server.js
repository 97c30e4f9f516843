const http = require("node:http");
const { greet } = require("@demo/greet");

const port = Number(process.env.PORT || 3021);
http
  .createServer((req, res) => {
    res.end(`api: ${greet("Ada")}\n`);
  })
  .listen(port, () => console.log(`api listening on ${port}`));
