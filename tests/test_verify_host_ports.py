"""verify's hold on its host port: a second verify on the machine hears that it waits, and goes on after the
bound (then the run check reports a port still taken); without a holder nothing waits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.verify import host_ports

SECOND_VERIFY = """
import sys, tempfile
from pathlib import Path
from scaffold.verify import host_ports
host_ports.WAIT = 0  # the bound, reached at once: no test waits on a clock
host_ports.lock_dir = lambda: Path(sys.argv[1])
with host_ports.held(int(sys.argv[2]), print):
    print("ran")
"""


def _second(folder: Path, port: int) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SECOND_VERIFY, str(folder), str(port)], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_a_held_port_makes_another_verify_wait_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(host_ports, "lock_dir", lambda: tmp_path)
    heard: list[str] = []
    with host_ports.held(8000, heard.append):
        out = _second(tmp_path, 8000)
        assert "another scaffold verify on this machine is using port 8000: waiting for it" in out
        assert out.rstrip().endswith("ran")  # after the bound it goes on
        assert _second(tmp_path, 8001).strip() == "ran"  # another port: no wait
    assert heard == []
    assert _second(tmp_path, 8000).strip() == "ran"  # released


def test_an_unwritable_lock_folder_holds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(host_ports, "lock_dir", lambda: blocked / "locks")
    with host_ports.held(8000, pytest.fail):
        pass
