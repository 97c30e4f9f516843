const http = require("node:http");

function handler(req, res) {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end("Hello from Node!\n");
}

const server = http.createServer(handler);

if (require.main === module) {
  const port = Number(process.env.PORT || 3000);
  server.listen(port, "0.0.0.0", () => console.log(`listening on ${port}`));
  // Stop promptly on `docker stop`.
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

module.exports = { handler };
