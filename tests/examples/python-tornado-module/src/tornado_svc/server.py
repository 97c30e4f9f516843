import asyncio
import os

import tornado.web
from tornado.options import define, options

define("port", default=int(os.environ.get("PORT", "8888")), help="run on the given port", type=int)


class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello from a Tornado module!")


def make_app():
    return tornado.web.Application([(r"/", MainHandler)])


async def main():
    options.parse_command_line()
    app = make_app()
    app.listen(options.port)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
