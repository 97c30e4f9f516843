from falcon import testing

from quotes.app import app


def test_quote() -> None:
    assert testing.TestClient(app).simulate_get("/").json["from"] == "Hello from a drifted Poetry lock! (12,345)"
