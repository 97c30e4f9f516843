"""Every generated Dockerfile builds with Podman too (one example per language), via `scaffold verify --engine podman`.

Podman 4.3 (Debian's) rejects relative bind-mount targets, which is why the templates use absolute ones. On these
machines podman cannot start containers (the sandbox refuses its rlimits), so these tests prove the lint, build and
test steps; the run and image checks are proven on Docker (test_verify.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dockerfile
import pytest

from tests.conftest import EXAMPLE_LIST, REPO, STANDIN_ENV, Example, copy_example, run_cli
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker

PER_LANGUAGE = [e for e in EXAMPLE_LIST if e.name in ("go-http", "node-express", "python-cli")]
ENSURE = REPO / "tests" / "e2e" / "ensure-podman.sh"
CANNOT_INSTALL = 3


def base_images(path: Path) -> list[str]:
    """The images the Dockerfile starts from or mounts/copies from (not its own stage names)."""
    stages: set[str] = set()
    images: list[str] = []
    for cmd in dockerfile.parse_file(str(path)):
        words: list[str] = []
        if cmd.cmd == "FROM":
            words = [w for w in cmd.value if not w.startswith("--")]
            if len(words) >= 3:
                stages.add(words[2].lower())
            words = words[:1]
        words += [f.split("=", 1)[1] for f in cmd.flags if f.startswith("--from=")]
        words += [p.split("=", 1)[1] for f in cmd.flags if "from=" in f for p in f.split(",") if p.startswith("from=")]
        images += [w for w in words if w.lower() not in stages and w != "scratch" and w not in images]
    return images


@pytest.mark.parametrize("example", PER_LANGUAGE, ids=lambda e: e.name)
def test_podman_builds_the_generated_dockerfile(example: Example, engine: Engine, tmp_path: Path) -> None:
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    ensured = subprocess.run(
        ["bash", str(ENSURE), *base_images(project / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        env={**os.environ, "SCAFFOLD_DOCKER": engine.binary},
    )
    if ensured.returncode == CANNOT_INSTALL:
        pytest.skip(ensured.stderr.strip())
    assert ensured.returncode == 0, ensured.stderr
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaffold",
            "verify",
            "--json",
            "--engine",
            "podman",
            "--build-flag",
            "--network host",
            "--run-flag",
            "--network host",
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, **STANDIN_ENV},
    )
    report = json.loads(proc.stdout)
    rows = {c["check"]: c for c in report["checks"]}
    assert report["engine"] == "podman"
    assert rows["lint"]["result"] == "pass"
    assert rows["build"]["result"] == "pass", proc.stderr + json.dumps(rows["build"])
    assert rows["test"]["result"] == "pass", json.dumps(rows["test"])
    leftover = subprocess.run(["podman", "image", "exists", report["image"]], check=False)
    assert leftover.returncode != 0, "verify removes the image it built"
