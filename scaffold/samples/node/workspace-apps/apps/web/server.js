const http = require("node:http");

const port = Number(process.env.PORT || 3042);
http.createServer((req, res) => res.end("web\n")).listen(port);
