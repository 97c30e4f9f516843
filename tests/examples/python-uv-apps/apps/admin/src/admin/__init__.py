from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def index(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello from the admin app of a uv workspace!\n")


app = Starlette(routes=[Route("/", index)])


def main() -> None:
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8032)
