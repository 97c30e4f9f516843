"""Every generated Makefile parses, lists its targets, and has the contract's targets and variables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, GOLDEN, Example

TARGETS = ("help", "build", "run", "shell", "test", "lint", "push", "size", "clean", "buildx")
VARIABLES = ("IMAGE ?=", "TAG ?=", "PLATFORMS ?=", "DOCKER ?= docker")


def make(makefile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("make"), "GNU make is needed to check the generated Makefiles"
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(makefile), *args],
        cwd=makefile.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_help_is_the_default_and_lists_every_target(example: Example) -> None:
    makefile = GOLDEN / example.name / "Makefile"
    proc = make(makefile)
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.strip()}
    assert set(TARGETS) <= listed, f"make help lacks {set(TARGETS) - listed}"
    text = makefile.read_text()
    for variable in VARIABLES:
        assert variable in text


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_every_target_expands_with_the_chosen_docker(example: Example) -> None:
    # -n prints the commands without running them: checks the recipes expand and use $(DOCKER).
    proc = make(GOLDEN / example.name / "Makefile", "-n", "DOCKER=/opt/mydocker", "TAG=v1", *TARGETS[1:])
    assert proc.returncode == 0, proc.stderr
    docker_lines = [line for line in proc.stdout.splitlines() if "docker" in line and "hadolint" not in line]
    assert docker_lines and all("/opt/mydocker" in line for line in docker_lines), docker_lines
