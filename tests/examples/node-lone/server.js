// The Node.js "Introduction" server (nodejs.org/en/learn), with no package.json: only node: modules.
// It listens on every interface (the docs' 127.0.0.1 is unreachable from outside a container).
const { createServer } = require('node:http');
const { greeting } = require('./lib/greet');

const hostname = '0.0.0.0';
const port = process.env.PORT || 3410;

const server = createServer((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end(greeting());
});

server.listen(port, hostname, () => {
  console.log(`Server running at http://${hostname}:${port}/`);
});
