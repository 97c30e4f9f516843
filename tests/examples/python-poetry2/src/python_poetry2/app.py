from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello_world():
    return "<p>Hello from Poetry 2!</p>"
