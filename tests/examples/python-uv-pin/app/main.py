"""A tiny FastAPI service."""

from fastapi import FastAPI

app = FastAPI(title="fastapi-demo")


@app.get("/")
def index() -> dict[str, str]:
    return {"message": "Hello from uv with a 3.12 pin!"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8006)
