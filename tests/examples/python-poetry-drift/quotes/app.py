"""A tiny Falcon WSGI app that gained a dependency (humanize) by a hand edit of pyproject.toml: `poetry add`
would have locked it, but nobody ran `poetry lock`."""

import falcon
import humanize

QUOTES = ["Simple is better than complex.", "Readability counts."]


class QuoteResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"quote": QUOTES[0], "from": f"Hello from a drifted Poetry lock! ({humanize.intcomma(12345)})"}


app = falcon.App()
app.add_route("/", QuoteResource())
