"""The Dockerfile's dev stage (issue 21.2): `--target dev` builds, and the container serves the app from its
sources with the language's reloader; plain builds never build it (it sits before the final stage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, copy_example, run_cli
from tests.e2e.engine import Engine, hold_ports, wait_for_http

pytestmark = pytest.mark.docker

EXAMPLES = {e.name: e for e in EXAMPLE_LIST}
DEV = {
    # example: (port, path, what the dev server's answer holds)
    "go-http": (8081, "/", "Hello, world!"),
    "python-fastapi": (8001, "/", "Hello from FastAPI!"),
    "node-vite": (8080, "/", "/@vite/client"),  # Vite's dev server injects its client: not the built site
}


@pytest.mark.parametrize("name", sorted(DEV))
def test_dev_stage_serves_the_sources_and_reloads(name: str, engine: Engine, tmp_path: Path) -> None:
    example = EXAMPLES[name]
    project = copy_example(example, tmp_path)
    result = run_cli(*example.init_args(), project)
    assert result.code == 0, result.err
    dockerfile = (project / "Dockerfile").read_text()
    stages = [line.split()[-1] for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert "dev" in stages[:-1], "the dev stage comes before the final stage, so a plain build ends at the image"
    assert "--target dev" in (project / "Makefile").read_text()

    port, path, wanted = DEV[name]
    image, container = f"h-team-dev/{name}:test", f"h-team-dev-{name}"
    with hold_ports([port], engine.network):
        engine.build(project, image, target="dev")
        try:
            engine.start(image, container)
            try:
                body = wait_for_http(f"http://127.0.0.1:{port}{path}", seconds=120)
                assert wanted in body
                if name == "go-http":
                    # The polling loop rebuilds and restarts the server after a source change.
                    engine.run_cmd("exec", container, "sed", "-i", "s/Hello, /Hi, /", "internal/greeting/greeting.go")
                    deadline_body = _wait_for_change(port, path, "Hi, world!")
                    assert "Hi, world!" in deadline_body
            except AssertionError as exc:
                raise AssertionError(f"{exc}\ncontainer logs:\n{engine.logs(container)}") from None
            finally:
                engine.stop(container, 10)
        finally:
            engine.remove_image(image)


def _wait_for_change(port: int, path: str, wanted: str, seconds: float = 120) -> str:
    """The first answer that holds `wanted`, polling for at most `seconds` (the rebuild takes a few)."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
                body: bytes = resp.read()
                last = body.decode("utf-8", "replace")
                if wanted in last:
                    return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    return last
