"""Trust boundaries (issue 18): what a template may write, and whose code may run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

DOCKERFILE = "FROM golang:1.24-bookworm\n"


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
    user = Path(os.environ["XDG_CONFIG_HOME"]) / "scaffold" / "config.yaml"  # the test's own (conftest)
    user.parent.mkdir(parents=True)
    user.write_text(f"template: {mine}\n")
    (project / ".scaffold.yaml").write_text("config:\n  labels: {team: payments}\n")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert f"template: {mine}" in result.out
    assert 'LABEL team="payments"' in (project / "Dockerfile").read_text()


# --- 6. smaller holes ----------------------------------------------------------------------------------


def python_project(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    for rel, text in files.items():
        (root / rel).write_text(text)
    return root


def test_a_root_file_name_stays_a_name_in_the_streamlit_command(tmp_path: Path) -> None:
    name = "a$(touch PWNED).py"
    proj = python_project(tmp_path / "st", {"requirements.txt": "streamlit\n", name: "import streamlit as st\n"})
    result = run_cli("init", "--yes", proj)
    assert result.code == 0, result.err
    dockerfile = (proj / "Dockerfile").read_text()
    assert "streamlit run \\u0027a$(touch PWNED).py\\u0027 --server" in dockerfile  # JSON's ' is \u0027


def test_procfile_exec_goes_after_quoted_assignments(tmp_path: Path) -> None:
    from scaffold.providers.python.entry_model import shell_exec

    assert shell_exec('BAR="x y" cmd --flag') == 'BAR="x y" exec cmd --flag'
    assert shell_exec("cd src && A='1 2' B=3 gunicorn app:app") == "cd src && A='1 2' B=3 exec gunicorn app:app"
    proc = {"requirements.txt": "flask\ngunicorn\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    proj = python_project(tmp_path / "pf", {**proc, "Procfile": 'web: BAR="x y" gunicorn app:app\n'})
    result = run_cli("init", "--yes", proj)
    assert result.code == 0, result.err
    assert 'BAR=\\"x y\\" exec gunicorn app:app' in (proj / "Dockerfile").read_text()


def test_a_script_entry_must_be_a_file_of_the_project(tmp_path: Path) -> None:
    proj = python_project(tmp_path / "s", {"requirements.txt": "flask\n", "app.py": "print(1)\n"})
    result = run_cli("init", "--yes", "--set", "entry_kind=file", "--set", "entry=../../../bin/sh", proj)
    assert result.code == 2
    assert "entry='../../../bin/sh'" in one_line_error(result.err)
    assert not (proj / "Dockerfile").exists()


def test_recorded_paths_never_lead_check_or_update_outside_the_project(tmp_path: Path, project: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT\n")
    assert run_cli("init", "--yes", project).code == 0
    record = project / ".scaffold.yaml"
    original = record.read_text()
    record.write_text(original.replace("generated:\n", "generated:\n  ../secret.txt: x\n", 1))
    for command in ("check", "update"):
        result = run_cli(command, project)
        assert result.code == 2, result.out + result.err
        assert "'../secret.txt' is not a path inside the project" in one_line_error(result.err)
        assert "SECRET-CONTENT" not in result.out + result.err
    record.write_text(original)
    (project / "Dockerfile").unlink()
    (project / "Dockerfile").symlink_to(secret)
    result = run_cli("check", project)
    assert result.code != 0
    assert "symlink" in one_line_error(result.err)
    assert "SECRET-CONTENT" not in result.out + result.err


@pytest.mark.parametrize(
    "source",
    [
        "/srv/templates.git@--upload-pack=touch PWNED",
        "https://127.0.0.1/t.git@-oProxyCommand=x",
        "-uhttps://127.0.0.1/t.git",
        "ext::sh -c touch% PWNED",
        "file::/srv/t.git",
    ],
)
def test_git_options_and_transports_never_reach_git(tmp_path: Path, project: Path, source: str) -> None:
    result = run_cli("init", "--yes", "--dry-run", "--template", source, project, cwd=tmp_path)
    assert result.code == 2
    assert "error:" in one_line_error(result.err)
    assert not (tmp_path / "PWNED").exists()


def test_git_errors_keep_their_cause(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_SSH_COMMAND", "false")  # an ssh that fails at once, as a refused key does
    result = run_cli("init", "--yes", "--dry-run", "--template", "ssh://git@127.0.0.1/team.git", project)
    assert result.code == 2
    assert "Could not read from remote repository" in one_line_error(result.err)


def test_only_go_private_modules_get_the_netrc(tmp_path: Path, project: Path) -> None:
    assert run_cli("init", "--yes", project).code == 0
    assert ".netrc" not in (project / "Makefile").read_text().replace("~/.netrc stays home", "")
    assert run_cli("init", "--yes", "--force", "--set", "go_private=github.com/acme/*", project).code == 0
    assert "src=$(HOME)/.netrc" in (project / "Makefile").read_text()
    node = tmp_path / "node"
    node.mkdir()
    (node / "package.json").write_text('{"name": "a", "scripts": {"start": "node s.js"}}')
    assert run_cli("init", "--yes", node).code == 0
    assert "src=$(HOME)/.netrc" not in (node / "Makefile").read_text()
