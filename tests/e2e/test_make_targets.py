"""The generated Makefile drives the real engine: build, run, size and clean for one example per language."""

from __future__ import annotations

import subprocess
import sys
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


def test_make_ci_runs_the_pipeline_steps_on_the_engine(engine: Engine, tmp_path: Path) -> None:
    """`make ci` (lint, build, the test stage, scaffold verify, scaffold check --strict) on an example whose
    options ask for the GitHub pipeline: the same steps the workflow runs, here, without the push."""
    [example] = [e for e in EXAMPLE_LIST if e.name == "go-http"]
    assert example.sets.get("ci") == "github"
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    image = f"scaffold-e2e/make-ci-{example.name}"
    scaffold = Path(sys.executable).with_name("scaffold")
    flags = f"--network {engine.network}"
    common = [f"DOCKER={engine.binary}", f"BUILD_FLAGS={flags}", f"RUN_FLAGS={flags}", f"IMAGE={image}", "TAG=t"]
    try:
        done = subprocess.run(
            ["make", "--no-print-directory", "ci", *common, f"SCAFFOLD={scaffold}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=1500,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output[-3000:]
        # Each step ran: the test stage's build, verify's passing checks, and the drift gate.
        assert "--target test" in done.stdout
        assert f"{scaffold} verify" in done.stdout and f"{scaffold} check --strict ." in done.stdout
        assert engine.inspect(f"{image}:t")["Config"]["Labels"]["org.opencontainers.image.version"] == "t"
        # Drift is caught: a hand edit to the workflow fails the last step, so make ci fails.
        workflow = project / ".github/workflows/docker.yml"
        workflow.write_text(workflow.read_text().replace("cancel-in-progress: true", "cancel-in-progress: false"))
        gate = subprocess.run(
            [str(scaffold), "check", "--strict", "."],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert gate.returncode != 0 and "docker.yml" in gate.stdout + gate.stderr
    finally:
        engine.run_cmd("image", "rm", f"{image}:t", check=False)
