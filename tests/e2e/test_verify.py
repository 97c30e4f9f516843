"""`scaffold verify --json` on the real engine: planted defects fail with the right message, the table and the
options behave. Every example verifying clean is in test_images.py (one image per example for both).

The checks users get are the checks we trust: these tests assert on verify's own report.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE_LIST, REPO, STANDIN_ENV, copy_example, run_cli
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker

FIXTURES = REPO / "tests" / "fixtures" / "verify"


def verify(engine: Engine, project: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    """Run the real CLI; return its exit code, its JSON report and stderr."""
    net = f"--network {engine.network}"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaffold",
            "verify",
            "--json",
            "--build-flag",
            net,
            "--run-flag",
            net,
            *extra,
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, **STANDIN_ENV, "SCAFFOLD_DOCKER": engine.binary},
    )
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def checks(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["check"]: c for c in report["checks"]}


DEFECTS = {
    # fixture: (the only check that fails, words its figure or hint must contain)
    "root": ("user", "runs as root"),
    "dotenv": ("secrets", "/app/.env"),
    "loopback": ("listen", "127.0.0.1 only"),
    "fastify-loopback": ("listen", "in server.js, pass host: '0.0.0.0' to listen()"),
    "sigterm": ("stop", "SIGTERM"),
    "gcc": ("tooling", "/usr/bin/gcc"),
    "npm-cache": ("tooling", "/home/node/.npm"),
    "failing-test": ("test", "test stage failed"),
    "crash": ("run", "cannot open config.toml"),
    "dev-deps": ("dev-deps", "iniconfig"),
    "setuid": ("setuid", "/usr/local/bin/helper"),
    "wasted": ("wasted", "/tmp/blob"),
    "lint": ("lint", "DL3003"),
}


@pytest.mark.parametrize("fixture", sorted(DEFECTS))
def test_planted_defect_fails_with_the_right_message(fixture: str, engine: Engine, tmp_path: Path) -> None:
    check, words = DEFECTS[fixture]
    project = tmp_path / fixture

    shutil.copytree(FIXTURES / fixture, project)
    code, report, err = verify(engine, project)
    rows = checks(report)
    failed = [c["check"] for c in report["checks"] if c["result"] == "fail"]
    assert code == 1 and not report["passed"], err
    assert failed == [check], f"expected only {check} to fail, got {failed}: {report['checks']}"
    assert words in rows[check]["figure"] + " " + rows[check]["hint"], rows[check]
    later = report["checks"][[c["check"] for c in report["checks"]].index(check) + 1 :]
    assert all(c["result"] == "skip" for c in later), "verify stops at the first failure"
    assert not report["image_kept"]
    assert engine.run_cmd("image", "inspect", report["image"], check=False).returncode != 0, "its image is removed"


def test_a_server_that_exits_skips_listen_and_stop(engine: Engine, tmp_path: Path) -> None:
    project = tmp_path / "crash"
    shutil.copytree(FIXTURES / "crash", project)
    code, report, _ = verify(engine, project, "--keep-going")
    rows = checks(report)
    assert code == 1 and rows["run"]["figure"] == "the server exited"
    assert rows["listen"]["hint"] == rows["stop"]["hint"] == "the server exited"
    assert rows["user"]["result"] == "pass", "--keep-going still inspects the image"


def test_keep_going_runs_every_check_and_keep_keeps_the_image(engine: Engine, tmp_path: Path) -> None:

    project = tmp_path / "root"
    shutil.copytree(FIXTURES / "root", project)
    code, report, _ = verify(engine, project, "--keep-going", "--keep")
    try:
        rows = checks(report)
        assert code == 1 and rows["user"]["result"] == "fail"
        assert rows["secrets"]["result"] == "pass" and rows["size"]["result"] == "info"
        assert report["image_kept"] and engine.inspect(report["image"])
    finally:
        engine.remove_image(report["image"])


def test_table_output_and_verdict(engine: Engine, tmp_path: Path) -> None:

    project = tmp_path / "sigterm"
    shutil.copytree(FIXTURES / "sigterm", project)
    net = f"--network {engine.network}"
    proc = subprocess.run(
        [sys.executable, "-m", "scaffold", "verify", "--build-flag", net, "--run-flag", net, str(project)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "SCAFFOLD_DOCKER": engine.binary, "COLUMNS": "200", "NO_COLOR": "1"},
    )
    assert proc.returncode == 1
    assert "│ stop " in proc.stdout and "killed after" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].startswith("FAILED: stop")


# A Dockerfile without apt-get: the fallback's `make lint` runs hadolint without the project's .hadolint.yaml.
MAKE_EXAMPLE = next(e for e in EXAMPLE_LIST if e.name == "go-hello")


def _make_verify(engine: Engine, project: Path, scaffold: str) -> subprocess.CompletedProcess[str]:
    net = f"--network {engine.network}"
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "verify",
            f"SCAFFOLD={scaffold}",
            f"DOCKER={engine.binary}",
            f"BUILD_FLAGS={net}",
            f"RUN_FLAGS={net}",
            "IMAGE=scaffold-e2e/make-verify",
            "TAG=t",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )


def test_make_verify_runs_scaffold_verify_else_falls_back(engine: Engine, tmp_path: Path) -> None:
    for wanted, source in MAKE_EXAMPLE.retag.items():
        engine.tag(source, wanted)  # stand-ins exist under a few tags only (see the example's yaml)
    project = copy_example(MAKE_EXAMPLE, tmp_path)
    assert run_cli(*MAKE_EXAMPLE.init_args(), project).code == 0
    scaffold = str(Path(sys.executable).parent / "scaffold")
    done = _make_verify(engine, project, scaffold)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "│ build " in done.stdout and "verified: " in done.stdout
    fallback = _make_verify(engine, project, "no-such-scaffold")
    try:
        assert fallback.returncode == 0, fallback.stdout + fallback.stderr
        assert "scaffold is not installed" in fallback.stdout
        assert MAKE_EXAMPLE.expect["stdout"] in fallback.stdout, "the fallback builds and runs the app"
    finally:
        engine.remove_image("scaffold-e2e/make-verify:t")


def test_verify_target_verifies_one_bake_target(engine: Engine, tmp_path: Path) -> None:
    """`--target api` in a Node workspace with two apps: api.Dockerfile's image, serving api's own port (the default
    Dockerfile's app serves 3022), every check passing, the report naming the target."""
    [example] = [e for e in EXAMPLE_LIST if e.name == "node-workspace-apps"]
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    code, report, err = verify(engine, project, "--target", "api")
    assert code == 0, err + json.dumps(report, indent=1)
    assert report["target"] == "api" and "api.Dockerfile" in err
    assert ":3021/" in checks(report)["run"]["data"]["url"]
