// The worker: takes the jobs server.js queues on the Redis list "jobs" (npm run worker).
const Redis = require("ioredis");

const redis = new Redis(process.env.REDIS_URL);

async function main() {
  for (;;) {
    const [, job] = await redis.blpop("jobs", 0);
    console.log("job", JSON.parse(job));
    await redis.incr("worked");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
