"""A new repo on the first try: `scaffold init --yes --lang L` in an empty directory, then the generated
Makefile's `make build` and `make test` succeed and the image does what the starter says."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.e2e.engine import Engine, hold_ports, wait_for_http

pytestmark = pytest.mark.docker


@pytest.mark.parametrize(
    ("language", "port", "greeting"),
    [("go", None, "Hello from Go!"), ("node", 3000, "Hello from Node!"), ("python", 8000, "Hello from Python!")],
)
def test_starter_builds_tests_and_runs(
    language: str, port: int | None, greeting: str, engine: Engine, tmp_path: Path
) -> None:
    project = tmp_path / f"{language}-app"
    project.mkdir()
    result = run_cli("init", "--yes", "--lang", language, project)
    assert result.code == 0, result.err

    image = f"scaffold-e2e/starter-{language}"
    make = [
        "make",
        f"IMAGE={image}",
        "TAG=test",
        f"DOCKER={engine.binary}",
        f"BUILD_FLAGS=--network {engine.network}",
    ]
    try:
        for target in ("build", "test"):
            proc = subprocess.run([*make, target], cwd=project, capture_output=True, text=True, check=False)
            assert proc.returncode == 0, f"make {target}:\n{proc.stdout}\n{proc.stderr}"
        if port is None:
            ran = engine.run(f"{image}:test")
            assert ran.returncode == 0 and greeting in ran.stdout, ran.stdout + ran.stderr
            return
        name = f"scaffold-e2e-starter-{language}"
        with hold_ports([port], engine.network):
            engine.start(f"{image}:test", name)
            try:
                assert greeting in wait_for_http(f"http://127.0.0.1:{port}/")
            finally:
                assert engine.stop(name, 3) != 137, "the starter must stop on SIGTERM"
    finally:
        engine.remove_image(f"{image}:test")
