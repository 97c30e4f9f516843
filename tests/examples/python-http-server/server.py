"""A server on the standard library alone, as the http.server docs start one: no framework, no manifest."""

import http.server

PORT = 8123


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"Hello from http.server!\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


with http.server.ThreadingHTTPServer(("", PORT), Hello) as httpd:
    print(f"serving on port {PORT}", flush=True)
    httpd.serve_forever()
