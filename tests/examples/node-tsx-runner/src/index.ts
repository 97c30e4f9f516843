import express, { type Request, type Response } from "express";
// An extensionless import of a .ts file with an enum: tsx runs it; plain node's type stripping could not.
import { greet, Tone } from "./greeting";

const app = express();
const port = Number(process.env.PORT ?? 3000);

app.get("/", (_req: Request, res: Response) => {
  res.type("text/plain").send(greet("Docker", Tone.Plain));
});

app.listen(port, () => {
  console.log(`listening on ${port}`);
});
