from flaskr import create_app
from flaskr.db import init_db


def test_index_lists_posts(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "test.sqlite")})
    with app.app_context():
        init_db()
    assert app.test_client().get("/").json == {"posts": [], "message": "Hello from flaskr!"}
