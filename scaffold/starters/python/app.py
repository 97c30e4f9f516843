"""A small web app from scaffold init, served by gunicorn."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index() -> str:
    return "Hello from Python!\n"
