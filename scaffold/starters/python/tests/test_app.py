from app import app


def test_index() -> None:
    assert app.test_client().get("/").data == b"Hello from Python!\n"
