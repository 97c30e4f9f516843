"""Planted failures on the real engine: verify names the cause and remedy, and --fix goes fail → fix → pass.

The projects under tests/fixtures/failures/ each fail one way (the examples are reused with one option or one
flag that breaks them); tests/test_diagnose.py is the fast table of the same signatures over log excerpts.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, STANDIN_ENV
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker

PLANTED = REPO / "tests" / "fixtures" / "failures"
EXAMPLES = REPO / "tests" / "examples"


def scaffold(engine: Engine, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, on the stand-in images, with the engine's network for build and run."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, **STANDIN_ENV, "SCAFFOLD_DOCKER": engine.binary},
    )


def project(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def net(engine: Engine) -> list[str]:
    return ["--build-flag", f"--network {engine.network}", "--run-flag", f"--network {engine.network}"]


def answers(path: Path) -> dict[str, Any]:
    data = yaml.safe_load((path / ".scaffold.yaml").read_text(encoding="utf-8"))
    return dict(data["answers"])


@pytest.mark.parametrize(
    ("fixture", "changed", "dockerfile_has"),
    [
        # distutils left the standard library in 3.12: the newest Python with an image at or below 3.11.
        ("py-distutils", {"python_version": "3.11", "debian": "bookworm"}, "FROM python:3.11-slim-bookworm"),
        # A port scaffold could not read (computed): the non-root bind fails; the port gives the binary the cap.
        ("go-hidden-port80", {"port": "80"}, "setcap cap_net_bind_service=+ep"),
        # The port is computed (8090 + 3): generated as a program, it never exits; its log names the port.
        ("go-computed-port", {"port": "8093"}, "EXPOSE 8093"),
    ],
)
def test_init_verify_fix_goes_from_fail_to_pass(
    fixture: str, changed: dict[str, str], dockerfile_has: str, engine: Engine, tmp_path: Path
) -> None:
    app = project(tmp_path, PLANTED / fixture)
    done = scaffold(engine, "init", "--yes", "--verify", "--fix", *net(engine), app)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "fix round 1:" in done.stdout and "FAILED:" in done.stdout  # it failed first
    assert "the project now passes" in done.stdout
    assert "fix round 2:" not in done.stdout
    recorded = answers(app)
    assert {k: str(recorded[k]) for k in changed} == changed
    assert dockerfile_has in (app / "Dockerfile").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "fixture",
    [
        # A lock out of sync with package.json: init itself installs unfrozen (and says why), nothing to fix.
        "npm-lock-drift",
        # SQLite beside the code: every Python image's working directory is writable by the app's group.
        "py-workdir",
        # The port lives in config.json, which the code opens: init reads the port there.
        "go-config-port",
    ],
)
def test_what_init_now_generates_right_needs_no_fix(fixture: str, engine: Engine, tmp_path: Path) -> None:
    """Failures the fix loop used to repair, which init now gets right the first time (the loop stays idle)."""
    app = project(tmp_path, PLANTED / fixture)
    done = scaffold(engine, "init", "--yes", "--verify", "--fix", *net(engine), app)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "fix round 1:" not in done.stdout and "FAILED:" not in done.stdout
    assert "verified:" in done.stdout


@pytest.fixture
def port_taken() -> Iterator[int]:
    """Port 8081 (go-http's) held on 127.0.0.1: under --network host the container cannot bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 8081))
        sock.listen(1)
        yield 8081


PLANTED_VERIFY = [
    # (project, init sets, extra verify flags, failing check, signature, remedy the report offers)
    (PLANTED / "node-dev-dependency", {}, [], "run", "dev-dependency-at-run-time", []),
    (PLANTED / "py-loopback", {"port": "8000"}, [], "listen", "loopback-only", []),
    (PLANTED / "py-no-server", {"install_server": "no"}, [], "run", "server-not-installed", ["install_server=yes"]),
    (PLANTED / "py-env-missing", {}, [], "run", "missing-environment-variable", []),
    (PLANTED / "py-undeclared", {}, [], "run", "undeclared-dependency-python", []),
    # An app that opens .env at start: the file is a secret, kept out of the image.
    (PLANTED / "go-env-file", {}, [], "run", "env-file-missing", []),
    # A person's runtime_files left web/ out: the template the app parses is missing; the remedy adds it.
    (
        EXAMPLES / "go-literal-files",
        {"runtime_files": "greeting.txt"},
        [],
        "run",
        "runtime-file-missing",
        ["runtime_files=greeting.txt web"],
    ),
    (EXAMPLES / "python-flask", {}, ["--build-flag", "--network none"], "build", "download-blocked", []),
    (EXAMPLES / "go-hello", {"build_image": "golang:1.99-bookworm"}, [], "build", "base-image-unavailable", []),
    # setuptools-scm without .git: init sets SETUPTOOLS_SCM_PRETEND_VERSION unless a person empties version_env.
    (
        EXAMPLES / "python-pyscaffold",
        {"version_env": ""},
        [],
        "build",
        "vcs-version-setuptools-scm",
        ["version_env=SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0"],
    ),
    (
        PLANTED / "py-pdm-scm",
        {"version_env": ""},
        [],
        "build",
        "vcs-version-pdm",
        ["version_env=PDM_BUILD_SCM_VERSION=0.0.0"],
    ),
    # The detector knows psycopg2; a person who set the build packages by hand left libpq-dev out.
    (
        PLANTED / "py-psycopg2",
        {"build_packages": "gcc libc6-dev", "runtime_packages": ""},
        [],
        "build",
        "missing-headers",
        ["build_packages=gcc libc6-dev libpq-dev", "runtime_packages=libpq5"],
    ),
]


@pytest.mark.parametrize(
    ("source", "sets", "flags", "check", "signature", "remedy"),
    PLANTED_VERIFY,
    ids=[row[4] for row in PLANTED_VERIFY],
)
def test_planted_failure_is_diagnosed(
    source: Path,
    sets: dict[str, str],
    flags: list[str],
    check: str,
    signature: str,
    remedy: list[str],
    engine: Engine,
    tmp_path: Path,
) -> None:
    app = project(tmp_path, source)
    init = scaffold(engine, "init", "--yes", *[a for k, v in sets.items() for a in ("--set", f"{k}={v}")], app)
    assert init.returncode == 0, init.stderr
    run_net = ["--run-flag", f"--network {engine.network}"]
    build_net = [] if flags else ["--build-flag", f"--network {engine.network}"]
    done = scaffold(engine, "verify", "--json", *build_net, *flags, *run_net, app)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and not report["passed"], done.stderr
    [found] = [d for d in report["diagnosis"] if d["check"] == check]
    assert found["id"] == signature, found
    assert found["cause"] and found["excerpt"] and found["reproduce"]
    assert all(r in found["remedy"] for r in remedy), found


def test_port_in_use_is_diagnosed(engine: Engine, tmp_path: Path, port_taken: int) -> None:
    app = project(tmp_path, EXAMPLES / "go-http")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", "--json", *net(engine), app)
    report = json.loads(done.stdout)
    [found] = [d for d in report["diagnosis"] if d["check"] == "run"]
    assert found["id"] == "port-in-use", found
    assert str(port_taken) in found["cause"] and not found["fix"]


def test_text_report_prints_cause_and_remedy_after_the_failure(engine: Engine, tmp_path: Path) -> None:
    app = project(tmp_path, PLANTED / "py-distutils")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", *net(engine), app)
    assert done.returncode == 1
    out = done.stdout
    assert out.index("ModuleNotFoundError") < out.index("cause: distutils is gone") < out.index("remedy: scaffold")
    assert "--set python_version=3.11 --set debian=bookworm  (scaffold verify --fix applies it)" in out
