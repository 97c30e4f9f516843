"""The writer's conflict matrix, atomicity and refusal of unsafe paths, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold import writer
from scaffold.errors import WriteError
from scaffold.models import Action, FileChange, Outcome
from tests.conftest import tree

NEW = {"Dockerfile": b"FROM new\n", ".dockerignore": b".git\n", "Makefile": b"all:\n"}


def test_plan_classifies_absent_same_and_different(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_bytes(b".git\n")
    (tmp_path / "Dockerfile").write_bytes(b"FROM mine\n")
    actions = {c.path: c.action for c in writer.plan(NEW, tmp_path)}
    assert actions == {
        "Makefile": Action.CREATE,
        ".dockerignore": Action.UNCHANGED,
        "Dockerfile": Action.CONFLICT,
    }


@pytest.mark.parametrize(
    ("overwrite", "expected_docker", "outcome"),
    [((), b"FROM mine\n", Outcome.SKIPPED), (("Dockerfile",), b"FROM new\n", Outcome.OVERWRITTEN)],
)
def test_apply_honours_each_decision(
    tmp_path: Path, overwrite: tuple[str, ...], expected_docker: bytes, outcome: Outcome
) -> None:
    (tmp_path / ".dockerignore").write_bytes(b".git\n")
    (tmp_path / "Dockerfile").write_bytes(b"FROM mine\n")
    mtime = (tmp_path / ".dockerignore").stat().st_mtime_ns
    results = {r.path: r for r in writer.apply(writer.plan(NEW, tmp_path), tmp_path, overwrite)}
    assert results["Makefile"].outcome is Outcome.CREATED
    assert results[".dockerignore"].outcome is Outcome.UNCHANGED
    assert results["Dockerfile"].outcome is outcome
    files = tree(tmp_path)
    assert files["Dockerfile"] == expected_docker
    assert (tmp_path / ".dockerignore").stat().st_mtime_ns == mtime, "unchanged files are not touched"
    if outcome is Outcome.OVERWRITTEN:
        assert results["Dockerfile"].backup == "Dockerfile.bak"
        assert files["Dockerfile.bak"] == b"FROM mine\n"
        assert set(files) == {"Dockerfile", "Dockerfile.bak", ".dockerignore", "Makefile"}
    else:
        assert set(files) == {"Dockerfile", ".dockerignore", "Makefile"}


def test_backup_never_replaces_an_earlier_backup(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"v1\n")
    (tmp_path / "Dockerfile.bak").write_bytes(b"v0\n")
    [result] = writer.apply(writer.plan({"Dockerfile": b"v2\n"}, tmp_path), tmp_path, {"Dockerfile"})
    assert result.backup == "Dockerfile.bak.1"
    assert tree(tmp_path) == {"Dockerfile": b"v2\n", "Dockerfile.bak": b"v0\n", "Dockerfile.bak.1": b"v1\n"}


def test_overwrite_keeps_the_file_mode(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_bytes(b"old\n")
    (tmp_path / "Makefile").chmod(0o640)
    writer.apply(writer.plan({"Makefile": b"new\n"}, tmp_path), tmp_path, {"Makefile"})
    assert (tmp_path / "Makefile").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("rel", ["../outside", "/etc/passwd", "a/../../x", ""])
def test_paths_outside_the_project_are_refused(tmp_path: Path, rel: str) -> None:
    project = tmp_path / "p"
    project.mkdir()
    with pytest.raises(WriteError, match="outside the project"):
        writer.plan({rel: b"x"}, project)
    assert tree(tmp_path) == {}


def test_symlinked_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious\n")
    project = tmp_path / "p"
    project.mkdir()
    (project / "Dockerfile").symlink_to(victim)
    with pytest.raises(WriteError, match="symlink"):
        writer.plan({"Dockerfile": b"x"}, project)
    assert victim.read_bytes() == b"precious\n"


def test_symlinked_directory_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "p"
    project.mkdir()
    (project / "sub").symlink_to(outside)
    with pytest.raises(WriteError, match="symlink"):
        writer.plan({"sub/file": b"x"}, project)
    assert list(outside.iterdir()) == []


def test_failure_midway_rolls_back_every_file(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"mine\n")
    # A directory where the writer wants to create a file's parent makes the last write fail.
    (tmp_path / "zz").write_bytes(b"i am a file, not a directory\n")
    before = tree(tmp_path)
    changes = writer.plan({"Dockerfile": b"new\n", "Makefile": b"all:\n"}, tmp_path)
    changes.append(FileChange("zz/late", Action.CREATE, b"x\n"))
    with pytest.raises(WriteError, match="nothing was written"):
        writer.apply(changes, tmp_path, {"Dockerfile"})
    assert tree(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".scaffold-tmp")]


def test_interrupt_during_commit_restores_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"mine\n")
    before = tree(tmp_path)
    real_replace = os.replace
    calls = []

    def replace_then_interrupt(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 3:  # backups are written with os.replace too: interrupt after two real renames
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        writer.apply(writer.plan(NEW, tmp_path), tmp_path, {"Dockerfile"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert tree(tmp_path) == before


def test_file_changed_between_plan_and_apply_aborts(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"mine\n")
    changes = writer.plan(NEW, tmp_path)
    (tmp_path / "Dockerfile").write_bytes(b"edited meanwhile\n")
    with pytest.raises(WriteError, match="changed on disk"):
        writer.apply(changes, tmp_path, {"Dockerfile"})
    assert tree(tmp_path) == {"Dockerfile": b"edited meanwhile\n"}


def test_directory_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").mkdir()
    with pytest.raises(WriteError, match="not a regular file"):
        writer.plan(NEW, tmp_path)


def test_the_next_run_rolls_a_killed_commit_forward_and_removes_stray_temps(tmp_path: Path) -> None:
    # What a run killed between two renames leaves: a journal, one temp still to rename, a stray temp.
    (tmp_path / "Dockerfile").write_bytes(b"new\n")
    (tmp_path / "Dockerfile.bak").write_bytes(b"mine\n")
    (tmp_path / "Makefile").write_bytes(b"old make\n")
    (tmp_path / ".Makefile.abc123.scaffold-tmp").write_bytes(b"new make\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".x.zz.scaffold-tmp").write_bytes(b"half")
    journal = [[".Dockerfile.gone.scaffold-tmp", "Dockerfile"], [".Makefile.abc123.scaffold-tmp", "Makefile"]]
    (tmp_path / writer.JOURNAL).write_text(json.dumps(journal))
    results = writer.apply(writer.plan({"Makefile": b"new make\n"}, tmp_path), tmp_path)
    assert [r.outcome for r in results] == [Outcome.UNCHANGED]
    assert tree(tmp_path) == {"Dockerfile": b"new\n", "Dockerfile.bak": b"mine\n", "Makefile": b"new make\n"}


def test_a_journal_cannot_move_files_outside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (tmp_path / "victim").write_bytes(b"keep\n")
    (project / ".t.scaffold-tmp").write_bytes(b"evil\n")
    (project / "Dockerfile").write_bytes(b"mine\n")
    (project / "app.py").write_bytes(b"code\n")
    journal = [[".t.scaffold-tmp", "../victim"], ["../victim", "x"], ["app.py", "Dockerfile"], "junk"]
    (project / writer.JOURNAL).write_text(json.dumps(journal))
    assert writer.recover(project) == []
    assert (tmp_path / "victim").read_bytes() == b"keep\n"
    # Only scaffold's own temp names are ever renamed: a journal committed to a repo cannot shuffle its files.
    assert tree(project) == {"Dockerfile": b"mine\n", "app.py": b"code\n"}


@pytest.mark.slow  # runs scaffold as a process
def test_the_project_lock_is_reentrant_and_exclusive_between_processes(tmp_path: Path) -> None:
    with writer.project_lock(tmp_path), writer.project_lock(tmp_path):
        # Another process cannot take it meanwhile (flock is per open file description).
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import fcntl, os; fd = os.open({str(tmp_path)!r}, os.O_RDONLY); "
                "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert probe.returncode == 1 and "BlockingIOError" in probe.stderr
    free = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import fcntl, os; fd = os.open({str(tmp_path)!r}, os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
        ],
        check=False,
    )
    assert free.returncode == 0
