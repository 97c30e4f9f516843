from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello_world():
    return "<p>Hello from Flask on an old gunicorn!</p>"
