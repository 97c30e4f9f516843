import os

import cherrypy


class HelloWorld:
    @cherrypy.expose
    def index(self):
        return "Hello from CherryPy!"


if __name__ == "__main__":
    cherrypy.config.update(
        {"server.socket_host": "0.0.0.0", "server.socket_port": int(os.environ.get("PORT", 8080))}
    )
    cherrypy.quickstart(HelloWorld())
