"""The engine tests' host-port locks: a port one test process holds is held against every other process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import engine
from tests.e2e.engine import hold_ports

PROBE = """
import fcntl, sys
with open(sys.argv[1], "w") as f:
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(3)
"""


def _other_process_can_take(port: int) -> bool:
    done = subprocess.run([sys.executable, "-c", PROBE, str(engine.PORT_LOCKS / f"{port}.lock")], check=False)
    assert done.returncode in (0, 3)
    return done.returncode == 0


def test_a_held_port_is_held_against_other_processes_and_freed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "PORT_LOCKS", tmp_path)
    with hold_ports([18000, 17000, 18000], "host"):
        assert not _other_process_can_take(17000)
        assert not _other_process_can_take(18000)
        assert _other_process_can_take(19000)
    assert _other_process_can_take(17000) and _other_process_can_take(18000)


def test_a_bridge_network_holds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PORT_LOCKS", tmp_path)
    with hold_ports([18000], "bridge"):
        assert not list(tmp_path.iterdir())
        assert _other_process_can_take(18000)
