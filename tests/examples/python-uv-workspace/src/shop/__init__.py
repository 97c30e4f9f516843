from catalog import items
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def index(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"Hello from a uv workspace! We sell {', '.join(items())}.\n")


app = Starlette(routes=[Route("/", index)])


def main() -> None:
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8007)
