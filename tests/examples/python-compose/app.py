"""Flask with its services: visits counted in PostgreSQL, hits in Redis, a job queued for the rq worker.

compose.yaml's worker service runs `rq worker` from the same image (tasks.py holds its job); /worked says
whether it has run one.
"""

import os

import psycopg
from flask import Flask
from redis import Redis
from rq import Queue

from tasks import record_visit

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")


@app.get("/")
def index():
    return "Hello from Flask with PostgreSQL and Redis!\n"


@app.get("/visits")
def visits():
    redis = Redis.from_url(os.environ["REDIS_URL"])
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())")
        conn.execute("INSERT INTO visits DEFAULT VALUES")
        (count,) = conn.execute("SELECT count(*) FROM visits").fetchone()
    hits = redis.incr("hits")
    Queue(connection=redis).enqueue(record_visit, count)
    return {"visits": count, "hits": hits, "queued": Queue(connection=redis).count}


@app.get("/worked")
def worked():
    return {"worked": Redis.from_url(os.environ["REDIS_URL"]).get("worked") is not None}
