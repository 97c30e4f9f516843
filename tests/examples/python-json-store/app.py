"""A notes API that keeps its notes in data/notes.json, a file of the repository it rewrites at start."""

import json
import os
from pathlib import Path

from flask import Flask, jsonify, request

NOTES = Path(__file__).parent / "data" / "notes.json"

app = Flask(__name__)
notes = json.loads(NOTES.read_text(encoding="utf-8"))
notes["starts"] = notes.get("starts", 0) + 1  # written at start: the image must let the app write its data
NOTES.write_text(json.dumps(notes, indent=2), encoding="utf-8")


@app.get("/")
def index():
    return jsonify(message="Hello from the notes store!", starts=notes["starts"])


@app.post("/notes")
def add_note():
    notes["items"].append(str(request.get_json(force=True).get("text", "")))
    NOTES.write_text(json.dumps(notes, indent=2), encoding="utf-8")
    return jsonify(items=notes["items"]), 201


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
