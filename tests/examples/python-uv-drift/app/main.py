"""A tiny FastAPI service that gained a dependency (python-slugify) after uv.lock was written: `uv add` was
replaced by a hand edit of pyproject.toml, and nobody ran `uv lock`."""

from fastapi import FastAPI
from slugify import slugify

app = FastAPI(title="fastapi-demo")


@app.get("/")
def index() -> dict[str, str]:
    return {"message": f"Hello from a drifted lock! ({slugify('Hello World')})"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8001)
