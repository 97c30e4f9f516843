"""A tiny Falcon WSGI app."""

import falcon

QUOTES = ["Simple is better than complex.", "Readability counts."]


class QuoteResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"quote": QUOTES[0], "from": "Hello from a Poetry app!"}


app = falcon.App()
app.add_route("/", QuoteResource())
