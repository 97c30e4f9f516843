from flask import Blueprint

from flaskr.db import get_db

bp = Blueprint("blog", __name__)


@bp.route("/")
def index():
    posts = get_db().execute("SELECT id, title FROM post ORDER BY id DESC").fetchall()
    return {"posts": [dict(p) for p in posts], "message": "Hello from flaskr!"}
