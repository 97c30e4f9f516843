const express = require("express");
const { Pool } = require("pg");
const Redis = require("ioredis");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true });

const app = express();

app.get("/", (req, res) => {
  res.send("Hello from Express with PostgreSQL and Redis!");
});

app.get("/visits", async (req, res, next) => {
  try {
    await pool.query("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
    await pool.query("INSERT INTO visits DEFAULT VALUES");
    const { rows } = await pool.query("SELECT count(*)::int AS count FROM visits");
    const hits = await redis.incr("hits");
    await redis.rpush("jobs", JSON.stringify({ visit: rows[0].count })); // worker.js takes it
    res.json({ visits: rows[0].count, hits });
  } catch (err) {
    next(err);
  }
});

app.get("/worked", async (req, res, next) => {
  try {
    res.json({ worked: (await redis.get("worked")) !== null }); // set by worker.js once it took a job
  } catch (err) {
    next(err);
  }
});

const port = Number(process.env.PORT || 3000);
app.listen(port, () => {
  console.log(`listening on ${port}`);
});
