"""Team templates start as a copy of a built-in one (issue 19): the copy must render exactly as the original
does, its errors must name what the user typed, and a project must keep the same answer in any clone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scaffold.template.builtin import templates_root
from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli, tree

GENERATED = ("Dockerfile", ".dockerignore", "Makefile")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for var in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{var}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{var}_EMAIL", "test@example.com")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def team_copy(language: str, dest: Path) -> Path:
    """A team's copy of the built-in template: outside scaffold's own folder, so it renders sandboxed."""
    target = dest / f"team-{language}"
    if not target.exists():
        shutil.copytree(templates_root() / language, target)
    return target


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_a_copy_of_the_built_in_template_renders_byte_identical_in_the_sandbox(
    example: Example, tmp_path: Path
) -> None:
    trusted = copy_example(example, tmp_path / "trusted")
    first = run_cli(*example.init_args(), trusted)
    assert first.code == 0, first.err
    sandboxed = copy_example(example, tmp_path / "sandboxed")
    copy = team_copy(example.language, tmp_path)
    second = run_cli(*example.init_args(), "--template", copy, sandboxed)
    assert second.code == 0, second.err
    ours, theirs = tree(trusted), tree(sandboxed)
    for name in GENERATED:
        assert theirs[name] == ours[name], f"{example.name}/{name}: the sandboxed copy renders differently"


def test_a_sandbox_refusal_names_the_template_as_typed_and_mentions_trust(tmp_path: Path) -> None:
    copy = team_copy("go", tmp_path)
    dockerfile = copy / "{{cookiecutter.project_dir}}" / "Dockerfile"
    dockerfile.write_text("{% set dirs = [] %}{% set _ = dirs.append('x') %}\n" + dockerfile.read_text())
    repo = tmp_path / "templates-repo"
    shutil.copytree(copy, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    project = tmp_path / "svc"
    project.mkdir()
    (project / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (project / "main.go").write_text("package main\n\nfunc main() {}\n")
    before = tree(project)

    local = run_cli("init", "--yes", "--template", copy, project)
    assert local.code == 2
    assert f"template {copy} failed to render" in local.err and "pass --trust" in local.err
    remote = run_cli("init", "--yes", "--template", f"{repo}@v1", project)
    assert remote.code == 2
    assert f"template {repo}@v1 (" in remote.err and "scaffold-template-" not in remote.err
    assert "pass --trust" in remote.err
    assert tree(project) == before
    trusted = run_cli("init", "--yes", "--trust", "--template", copy, project)
    assert trusted.code == 0, trusted.err
