// A Heroku-style app: the Procfile names the web process, package.json has no start script.
require("dotenv").config();
const http = require("node:http");

const port = Number(process.env.PORT) || 3470;
const greeting = process.env.GREETING || "Hello from the Procfile's web process";

http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`${greeting}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
