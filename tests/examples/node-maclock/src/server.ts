import { createServer } from "node:http";
import sharp from "sharp";

const port: number = Number(process.env.PORT ?? 3412);

// A 3x2 red PNG made on each request: sharp's native libvips binding has to load for this to answer.
createServer(async (_req, res) => {
  const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: "#ff0000" } }).png().toBuffer();
  const meta = await sharp(png).metadata();
  res.setHeader("content-type", "text/plain");
  res.end(`thumbnail ${meta.width}x${meta.height} ${meta.format}\n`);
}).listen(port, () => console.log(`listening on ${port}`));
