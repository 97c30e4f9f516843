from flask import Flask

app = Flask(__name__)


@app.route("/")
def index() -> str:
    return "Hello from a Pipfile without a lock!"


if __name__ == "__main__":
    app.run(debug=True, port=5002)
