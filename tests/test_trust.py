"""Trust boundaries (issue 18): what a template may write, and whose code may run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

DOCKERFILE = "FROM golang:1.24-bookworm\n"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/app\n\ngo 1.22\n")
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    return root


def template(root: Path, files: dict[str, str], hook: str | None = None, **meta: object) -> Path:
    body = root / "{{cookiecutter.project_dir}}"
    body.mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "app_name": "app", **meta}))
    for rel, text in {"Dockerfile": DOCKERFILE, **files}.items():
        (body / rel).parent.mkdir(parents=True, exist_ok=True)
        (body / rel).write_text(text)
    if hook is not None:
        (root / "hooks").mkdir()
        (root / "hooks" / "post_gen_project.py").write_text(hook)
    return root


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    return lines[0]


# --- 1. declared outputs -------------------------------------------------------------------------------


@pytest.mark.parametrize("flags", [(), ("--force",), ("--force", "--trust", "TPL")])
def test_a_template_never_writes_under_git(tmp_path: Path, project: Path, flags: tuple[str, ...]) -> None:
    git = project / ".git"
    git.mkdir()
    (git / "config").write_text("[core]\n\tbare = false\n")
    before = {p.name: p.read_bytes() for p in git.iterdir()}
    evil = "[core]\n\tfsmonitor = touch PWNED\n"
    tpl = template(tmp_path / "tpl", {".git/commondir": "../evil\n", ".git/config": evil}, __outputs__=[])
    flags = tuple(str(tpl) if f == "TPL" else f for f in flags)
    result = run_cli("init", "--yes", "--template", tpl, *flags, project)
    assert result.code == 2, result.out + result.err
    assert ".git/" in one_line_error(result.err) and "version-control" in result.err
    assert {p.name: p.read_bytes() for p in git.iterdir()} == before
    assert not (project / "Dockerfile").exists()


def test_undeclared_outputs_are_refused_and_declared_ones_listed_before_writing(tmp_path: Path, project: Path) -> None:
    undeclared = template(tmp_path / "a", {"compose.yaml": "services: {}\n"})
    result = run_cli("init", "--yes", "--template", undeclared, project)
    assert result.code == 2
    assert "compose.yaml" in one_line_error(result.err) and "__outputs__" in result.err
    assert not (project / "Dockerfile").exists() and not (project / "compose.yaml").exists()

    declared = template(tmp_path / "b", {"compose.yaml": "services: {}\n"}, __outputs__=["compose.yaml"])
    result = run_cli("init", "--yes", "--template", declared, project)
    assert result.code == 0, result.err
    listed = result.out.index("also writes compose.yaml")
    assert listed < result.out.index("created     compose.yaml")
    assert (project / "compose.yaml").read_text() == "services: {}\n"


@pytest.mark.parametrize(
    ("outputs", "files", "expected"),
    [
        (None, {"compose.yaml": "x\n"}, "not declared"),
        (["compose.yaml"], {".git/config": "x\n"}, "version-control"),
        ([".git/config"], {}, "version-control"),
        (".scaffold.yaml", {}, "must be a list"),
    ],
)
def test_validate_reports_undeclared_and_forbidden_outputs(
    tmp_path: Path, outputs: object, files: dict[str, str], expected: str
) -> None:
    meta: dict[str, object] = {} if outputs is None else {"__outputs__": outputs}
    tpl = template(tmp_path / "tpl", files, None, **meta)
    result = run_cli("templates", "validate", tpl)
    assert result.code == 1
    assert expected in result.out + result.err


# --- 3. trust belongs to a source ----------------------------------------------------------------------


def test_bare_trust_without_a_template_on_the_command_line_is_one_line(project: Path) -> None:
    result = run_cli("update", project, "--trust")
    assert result.code == 2
    assert "--trust SOURCE" in one_line_error(result.err)


def test_update_trust_of_the_old_source_does_not_run_a_changed_source(tmp_path: Path, project: Path) -> None:
    marker = tmp_path / "PWNED"
    good = template(tmp_path / "good", {}, hook="open('HOOKED', 'w').write('ok')\n", __outputs__=["HOOKED"])
    evil = template(tmp_path / "evil", {}, hook=f"open({str(marker)!r}, 'w').write('x')\n", __outputs__=["HOOKED"])
    first = run_cli("init", "--yes", "--template", good, "--trust", good, project)
    assert first.code == 0, first.err
    assert first.out.index(f"trusted template source {good}") < first.out.index("created")
    record = project / ".scaffold.yaml"
    record.write_text(record.read_text().replace(str(good), str(evil)))  # what a pull request could do
    result = run_cli("update", "--force", "--trust", good, project)
    assert result.code == 2
    assert f"--trust {good}" in one_line_error(result.err)
    assert not marker.exists()


def test_hooks_skipped_get_a_note(tmp_path: Path, project: Path) -> None:
    tpl = template(tmp_path / "tpl", {}, hook="open('HOOKED', 'w').write('ok')\n")
    result = run_cli("init", "--yes", "--template", tpl, project)
    assert result.code == 0, result.err
    assert f"has hooks (post_gen_project.py); not run (pass --trust {tpl}" in result.out
    assert not (project / "HOOKED").exists()


def test_a_team_config_trusts_its_own_template_only(tmp_path: Path, project: Path) -> None:
    marker = tmp_path / "HOOK_RAN"
    hook = f"open({str(marker)!r}, 'w').write('x')\n"
    team_tpl = template(tmp_path / "team", {}, hook=hook)
    other = template(tmp_path / "other", {}, hook=hook)
    config = tmp_path / "team.yaml"
    config.write_text(f"template: {team_tpl}\ntrust: true\n")
    result = run_cli("init", "--yes", "--dry-run", "--template", other, "--config", config, project)
    assert result.code == 0, result.err
    assert not marker.exists()
    result = run_cli("init", "--yes", "--config", config, project)
    assert result.code == 0, result.err
    assert marker.exists()


@pytest.mark.parametrize("key", ["template", "directory", "trust"])
def test_a_projects_config_section_may_not_choose_or_trust_a_template(project: Path, key: str) -> None:
    value = {"template": "http://127.0.0.1:9/evil.git", "directory": "x", "trust": "true"}[key]
    (project / ".scaffold.yaml").write_text(f"config:\n  {key}: {value}\n")
    result = run_cli("init", "--yes", "--dry-run", project)
    assert result.code == 2
    assert f"{key}: a project's config: section" in one_line_error(result.err)


def test_the_users_config_keeps_choosing_the_template_under_a_project_section(tmp_path: Path, project: Path) -> None:
    mine = template(tmp_path / "mine", {}, __outputs__=[])
    user = tmp_path / "config" / "scaffold" / "config.yaml"
    user.parent.mkdir(parents=True)
    user.write_text(f"template: {mine}\n")
    (project / ".scaffold.yaml").write_text("config:\n  labels: {team: payments}\n")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert f"template: {mine}" in result.out
    assert 'LABEL team="payments"' in (project / "Dockerfile").read_text()
