from dash import Dash, Input, Output, dcc, html

app = Dash(__name__)
# Dash's deployment docs: expose the Flask server for a WSGI server (gunicorn app:server).
server = app.server

app.layout = html.Div(
    [
        html.H1("Hello from Dash!"),
        dcc.Input(id="name", value="world", type="text"),
        html.Div(id="greeting"),
    ]
)


@app.callback(Output("greeting", "children"), Input("name", "value"))
def greet(name):
    return f"Hello, {name}!"


if __name__ == "__main__":
    app.run(debug=True)
