const http = require("node:http");
const { greet } = require("@demo/greet");

const port = Number(process.env.PORT || 3022);
http
  .createServer((req, res) => {
    res.end(`admin: ${greet("Ada")}\n`);
  })
  .listen(port, () => console.log(`admin listening on ${port}`));
