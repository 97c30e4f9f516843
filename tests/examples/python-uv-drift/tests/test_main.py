from app.main import index


def test_index() -> None:
    assert index() == {"message": "Hello from a drifted lock! (hello-world)"}
