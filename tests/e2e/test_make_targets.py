"""The generated Makefile drives the real engine: build, run, size and clean for one example per language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker

PER_LANGUAGE = [e for e in EXAMPLE_LIST if e.name in ("go-hello", "node-express", "python-cli")]


@pytest.mark.parametrize("example", PER_LANGUAGE, ids=lambda e: e.name)
def test_make_build_size_clean(example: Example, engine: Engine, tmp_path: Path) -> None:
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    image = f"scaffold-e2e/make-{example.name}"
    common = [f"DOCKER={engine.binary}", f"BUILD_FLAGS=--network {engine.network}", f"IMAGE={image}", "TAG=t"]

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", *args, *common],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    built = make("build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert engine.inspect(f"{image}:t")["Config"]["Labels"]["org.opencontainers.image.version"] == "t"
    size = make("size")
    assert size.returncode == 0 and f"{image}:t" in size.stdout
    if "stdout" in example.expect:
        args = " ".join(example.expect.get("args", ()))
        ran = make("run", f"RUN_FLAGS=--network {engine.network}", f"ARGS={args}")
        assert ran.returncode == 0, ran.stderr
        assert example.expect["stdout"] in ran.stdout
    cleaned = make("clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert engine.run_cmd("image", "inspect", f"{image}:t", check=False).returncode != 0, "make clean removes it"
