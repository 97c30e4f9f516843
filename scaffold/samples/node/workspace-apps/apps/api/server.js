const http = require("node:http");

const port = Number(process.env.PORT || 3041);
http.createServer((req, res) => res.end("api\n")).listen(port);
