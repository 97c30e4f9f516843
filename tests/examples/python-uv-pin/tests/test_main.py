from app.main import index


def test_index() -> None:
    assert index() == {"message": "Hello from uv with a 3.12 pin!"}
