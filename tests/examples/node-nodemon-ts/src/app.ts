import express from "express";
import { greeting } from "./greeting";

const app = express();
const port = Number(process.env.PORT) || 3460;

app.get("/", (_req, res) => {
  res.send(greeting("nodemon"));
});

app.listen(port, () => console.log(`listening on ${port}`));
