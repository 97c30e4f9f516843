"""The rq worker's job: runs in `rq worker`, not in the web process."""


def record_visit(count: int) -> str:
    return f"visit {count} recorded"
