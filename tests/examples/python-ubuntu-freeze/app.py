from flask import Flask, render_template

app = Flask(__name__)

TASKS = ["write the report", "review the pull request", "book the venue"]


@app.route("/")
def index():
    return render_template("index.html", tasks=TASKS)


if __name__ == "__main__":
    app.run(debug=True)
