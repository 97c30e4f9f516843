import polka from "polka";

const port = Number(process.env.PORT ?? 3002);

polka()
  .get("/", (_req, res) => {
    res.end("Hello from pnpm!");
  })
  .listen(port, () => {
    console.log(`listening on ${port}`);
  });
