"""The generated compose.yaml brought up on the engine: PostgreSQL and Redis stand-ins, then the app, which
answers a request that uses both (tests/e2e/compose_up.py applies the host-network override); where the example
expects a worker, compose.yaml's worker services run from the same image and take the job the app queued."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli
from tests.e2e.compose_up import services_up, workers_up
from tests.e2e.engine import Engine, wait_for_http

pytestmark = pytest.mark.docker

COMPOSE_EXAMPLES = [e for e in EXAMPLE_LIST if "compose" in e.expect]


@pytest.mark.parametrize("example", COMPOSE_EXAMPLES, ids=lambda e: e.name)
def test_compose_services_come_up_and_the_app_uses_them(example: Example, engine: Engine, tmp_path: Path) -> None:
    project = copy_example(example, tmp_path)
    result = run_cli(*example.init_args(), project)
    assert result.code == 0, result.err
    assert (project / "compose.yaml").is_file()
    image = f"h-compose-e2e/{example.name}:test"
    engine.build(project, image)
    expect = example.expect["compose"]
    name = f"h-compose-e2e-{example.name}-app"
    try:
        with services_up(engine, project) as up:
            assert up.containers, "compose.yaml starts no service"
            engine.start(image, name, env=up.app_env)
            try:
                body = wait_for_http(f"http://127.0.0.1:{expect['port']}{expect['path']}")
                for text in expect["contains"]:
                    assert text in body.replace(" ", ""), f"{text!r} not in {body!r}\n{engine.logs(name)}"
                worker = example.expect.get("worker")
                if worker is not None:
                    assert up.workers, "compose.yaml runs no worker"
                    before = wait_for_http(f"http://127.0.0.1:{worker['port']}{worker['path']}").replace(" ", "")
                    assert not all(s in before for s in worker["contains"]), f"no worker runs, yet: {before!r}"
                    with workers_up(engine, image, up) as running:
                        url = f"http://127.0.0.1:{worker['port']}{worker['path']}"

                        # The job the /visits request queued, taken by the worker: polled with a bound, no fixed sleep.
                        deadline = time.monotonic() + 60
                        body = ""
                        while time.monotonic() < deadline and not all(s in body for s in worker["contains"]):
                            body = wait_for_http(url).replace(" ", "")
                            time.sleep(0.5)
                        logs = "".join(engine.logs(c) for c in running)
                        assert all(s in body for s in worker["contains"]), f"{url} answered {body!r}\n{logs}"
            finally:
                engine.run_cmd("rm", "-f", name, check=False)
    finally:
        engine.remove_image(image)
