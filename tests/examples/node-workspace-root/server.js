const http = require("node:http");
const { greet } = require("@demo/greet");

const port = Number(process.env.PORT || 3041);
const server = http.createServer((req, res) => {
  res.end(greet("a workspace root that is the app") + "\n");
});
server.listen(port, () => console.log(`listening on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
