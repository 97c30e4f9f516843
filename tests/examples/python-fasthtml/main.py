from fasthtml.common import *

app, rt = fast_app()


@rt("/")
def get():
    return Titled("FastHTML", P("Hello from FastHTML!"))


serve(port=5001)
