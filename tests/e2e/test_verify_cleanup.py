"""Whatever `scaffold verify` starts is removed on every exit path, and a taken port is named, not mistaken.

A signal that reaches only scaffold (a CI cancel, `timeout`, `kill`, a closed terminal) must not leave the
running container of the program under test, nor its image: verify removes both by name before it exits.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, STANDIN_ENV
from tests.e2e.engine import Engine
from tests.e2e.test_verify import checks, verify

pytestmark = pytest.mark.docker

FIXTURES = REPO / "tests" / "fixtures" / "verify"


def _ours(engine: Engine, what: str, project: str) -> set[str]:
    """Containers (`ps`) or images (`images`) verify made for `project` (its image is scaffold-verify/<project>),
    right now: other verifies on the same engine (a developer's, a parallel job's) are not this test's."""
    if what == "ps":
        rows = engine.run_cmd("ps", "-a", "--filter", "name=scaffold-verify-", "--format", "{{.Names}} {{.Image}}")
        pairs = [line.split(" ", 1) for line in rows.stdout.splitlines() if " " in line]
        return {name for name, image in pairs if image.startswith(f"scaffold-verify/{project}:")}
    out = engine.run_cmd("images", f"scaffold-verify/{project}", "--format", "{{.Repository}}:{{.Tag}}").stdout
    return set(out.split())


def _wait_for(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.5)
    return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_while_a_program_runs_leaves_no_container_or_image(
    signum: signal.Signals, engine: Engine, tmp_path: Path
) -> None:
    project = tmp_path / f"slow-{secrets.token_hex(4)}"  # a name no other verify's image has
    shutil.copytree(FIXTURES / "slow-program", project)
    containers_before, images_before = _ours(engine, "ps", project.name), _ours(engine, "images", project.name)
    net = f"--network {engine.network}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scaffold",
            "verify",
            "--build-flag",
            net,
            "--run-flag",
            net,
            "--timeout",
            "900",
            str(project),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **STANDIN_ENV, "SCAFFOLD_DOCKER": engine.binary},
        start_new_session=True,  # the signal reaches scaffold only, not the docker client it runs
    )
    try:
        started = _wait_for(lambda: _ours(engine, "ps", project.name) - containers_before, 600)
        assert started, "the program's container never started"
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("error: interrupted"), err
    assert _ours(engine, "ps", project.name) - containers_before == set(), "verify left its container behind"
    assert _ours(engine, "images", project.name) - images_before == set(), "verify left its image behind"


def test_a_port_taken_on_the_host_is_named(engine: Engine, tmp_path: Path) -> None:
    if engine.network != "host":
        pytest.skip("only a host-network run shares the host's ports")
    project = tmp_path / "crash"
    shutil.copytree(FIXTURES / "crash", project)  # EXPOSE 18933
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 18933))
        holder.listen(1)
        code, report, _ = verify(engine, project)
    rows = checks(report)
    assert code == 1 and rows["run"]["figure"] == "port 18933 is already in use on this host", rows["run"]
    assert rows["listen"]["result"] == "skip"
