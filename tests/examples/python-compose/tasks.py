"""The rq worker's job: runs in `rq worker` (compose.yaml's worker service), not in the web process."""

import os

from redis import Redis


def record_visit(count: int) -> str:
    # Marks that a worker ran a job: /worked reads it back.
    Redis.from_url(os.environ["REDIS_URL"]).incr("worked")
    return f"visit {count} recorded"
