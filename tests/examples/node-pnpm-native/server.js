import { createServer } from "node:http";
import bcrypt from "bcrypt";

const hash = bcrypt.hashSync("secret", 4);
const port = process.env.PORT || 3018;

createServer((req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(`Hello from pnpm and bcrypt! match=${bcrypt.compareSync("secret", hash)}\n`);
}).listen(port, () => console.log(`listening on ${port}`));
