"""uv.lock out of sync with pyproject.toml: detection names what the lock lacks, and the image lets uv lock again
after installing the lock (before, `uv sync --frozen` left the new package out: ModuleNotFoundError at start)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.lock_drift import missing_from_lock, poetry_lock_stale
from tests.conftest import REPO, run_cli

FASTAPI = REPO / "tests/examples/python-fastapi"


def copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    app = tmp_path / "app"
    shutil.copytree(FASTAPI, app)
    text = (app / "pyproject.toml").read_text(encoding="utf-8")
    assert old in text
    (app / "pyproject.toml").write_text(text.replace(old, new), encoding="utf-8")
    return app


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        ("", "", ()),  # uv init + uv add: in sync
        ('"uvicorn>=0.30",', '"uvicorn>=0.30",\n    "Python_Slugify>=8",', ("python-slugify",)),
        ('dev = ["pytest>=8"]', 'dev = ["pytest>=8", "ruff"]', ("ruff",)),
        ('"uvicorn>=0.30",', '"uvicorn>=0.31",', ()),  # a changed bound: the lock still has every package
        ('"uvicorn>=0.30",', "", ()),  # a removed dependency: the lock installs one more, nothing breaks
    ],
    ids=["in-sync", "added", "added-dev", "bound", "removed"],
)
def test_what_the_lock_lacks(old: str, new: str, missing: tuple[str, ...], tmp_path: Path) -> None:
    assert missing_from_lock(ProjectDir(copy(tmp_path, old, new)), "uv") == missing


def test_a_lock_without_the_projects_requirements_is_not_judged(tmp_path: Path) -> None:
    app = copy(tmp_path)
    lock = (app / "uv.lock").read_text(encoding="utf-8")
    (app / "uv.lock").write_text(lock.replace("[package.metadata", "[package.unused"), encoding="utf-8")
    assert missing_from_lock(ProjectDir(app), "uv") == ()


def test_a_drifted_lock_installs_then_locks_again(tmp_path: Path) -> None:
    app = copy(tmp_path, '"uvicorn>=0.30",', '"uvicorn>=0.30",\n    "httpx>=0.27",')
    done = run_cli("init", "--yes", app)
    assert done.code == 0, done.out + done.err
    assert "uv.lock is out of sync with pyproject.toml (it lacks httpx)" in done.out
    dockerfile = (app / "Dockerfile").read_text(encoding="utf-8")
    assert "uv sync --frozen --no-dev --no-install-project\n" in dockerfile  # the lock first, cached
    assert "# uv.lock lacks httpx (added to pyproject.toml since `uv lock`)" in dockerfile
    assert "    uv sync --no-dev --no-editable\n" in dockerfile


WORKSPACE = REPO / "tests/examples/python-uv-workspace"


@pytest.mark.parametrize(
    ("member_deps", "missing"),
    [("dependencies = []", ()), ('dependencies = ["six>=1.16"]', ("six",))],
    ids=["in-sync", "member-added"],
)
def test_a_workspace_member_out_of_the_lock_is_drift_too(
    member_deps: str, missing: tuple[str, ...], tmp_path: Path
) -> None:
    """uv.lock records each member's requirements (a member that required nothing has no metadata table): one
    added to a member's pyproject.toml alone was installed as locked, then missing at run time."""
    app = tmp_path / "app"
    shutil.copytree(WORKSPACE, app)
    member = app / "packages/catalog/pyproject.toml"
    member.write_text(member.read_text(encoding="utf-8").replace("dependencies = []", member_deps), encoding="utf-8")
    assert missing_from_lock(ProjectDir(app), "uv") == missing
    done = run_cli("init", "--yes", app)
    assert done.code == 0, done.out + done.err
    frozen = "uv sync --frozen --no-dev --no-editable" in (app / "Dockerfile").read_text(encoding="utf-8")
    assert frozen != bool(missing), "a drifted workspace locks again in the project step"


POETRY = REPO / "tests/examples/python-poetry"


def test_a_poetry_lock_lacking_a_dependency_is_locked_again_before_the_export(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(POETRY, app)
    assert missing_from_lock(ProjectDir(app), "poetry") == ()
    text = (app / "pyproject.toml").read_text(encoding="utf-8")
    edited = text.replace('falcon = "^4.0"', 'falcon = "^4.0"\nHumanize = "^4.9"')
    edited = edited.replace('pytest = "^8.0"', 'pytest = "^8.0"\nruff = "*"')
    (app / "pyproject.toml").write_text(edited, encoding="utf-8")
    assert missing_from_lock(ProjectDir(app), "poetry") == ("humanize", "ruff")
    done = run_cli("init", "--yes", app)
    assert done.code == 0, done.out + done.err
    assert "poetry.lock is out of sync with pyproject.toml (it lacks humanize, ruff)" in done.out
    dockerfile = (app / "Dockerfile").read_text(encoding="utf-8")
    assert "source=poetry.lock" not in dockerfile  # the stale lock is not what the export reads
    assert dockerfile.count("/opt/poetry/bin/poetry lock \\\n") == 3  # the main install, the test and dev stages


@pytest.mark.parametrize("example", ["python-poetry", "python-poetry-app", "python-poetry2", "python-tornado-module"])
def test_poetrys_content_hash_is_recomputed_exactly(example: str) -> None:
    """Each example's poetry.lock was written by Poetry: the recomputed hash agrees with the recorded one."""
    assert not poetry_lock_stale(ProjectDir(REPO / "tests/examples" / example))
    assert poetry_lock_stale(ProjectDir(REPO / "tests/examples/python-poetry-drift"))


def test_a_changed_bound_makes_a_poetry_lock_stale_though_no_package_is_missing(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(POETRY, app)
    text = (app / "pyproject.toml").read_text(encoding="utf-8")
    (app / "pyproject.toml").write_text(text.replace('falcon = "^4.0"', 'falcon = "^4.1"'), encoding="utf-8")
    assert missing_from_lock(ProjectDir(app), "poetry") == () and poetry_lock_stale(ProjectDir(app))
    done = run_cli("init", "--yes", app)
    assert done.code == 0, done.out + done.err
    assert "poetry.lock is out of sync with pyproject.toml (its content-hash no longer matches)" in done.out
    dockerfile = (app / "Dockerfile").read_text(encoding="utf-8")
    assert "# poetry.lock is out of date (pyproject.toml changed since `poetry lock`)" in dockerfile
    assert "/opt/poetry/bin/poetry lock \\\n" in dockerfile and "source=poetry.lock" not in dockerfile
