import express, { Request, Response } from "express";

const app = express();
const port = Number(process.env.PORT) || 3490;

app.get("/", (_req: Request, res: Response) => {
  res.send("Hello from ts-node");
});

app.listen(port, () => console.log(`[server]: listening on ${port}`));
