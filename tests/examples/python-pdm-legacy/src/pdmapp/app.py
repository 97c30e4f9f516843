"""The ASGI app."""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def index(request):  # type: ignore[no-untyped-def]
    return PlainTextResponse("Hello from an old PDM lock!\n")


app = Starlette(routes=[Route("/", index)])
