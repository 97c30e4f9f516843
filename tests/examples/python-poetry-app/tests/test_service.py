from falcon import testing

from service import app


def test_quote() -> None:
    assert testing.TestClient(app).simulate_get("/").json["from"] == "Hello from a Poetry app!"
