"""A new repo: `scaffold init` in a directory with no project creates a starter app, never beside a project."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from scaffold import starter
from scaffold.builtin_templates import builtin_template
from scaffold.commands import init as init_cmd
from scaffold.models import Policy, Request
from scaffold.prompt import QuestionaryAsker
from scaffold.report import Reporter
from scaffold.template.meta import basic_options
from tests.conftest import run_cli, tree

ENTER, UP, DOWN = "\r", "\x1b[A", "\x1b[B"


def test_go_starter_is_the_tutorial_program_named_after_its_directory_with_a_test(tmp_path: Path) -> None:
    project = tmp_path / "My Svc"
    project.mkdir()
    result = run_cli("init", "--yes", "--lang", "go", project)
    assert result.code == 0, result.err
    assert "creating a minimal go starter app (README.md, go.mod, main.go, main_test.go)" in result.out
    files = tree(project)
    assert files["go.mod"].decode().startswith("module my-svc\n")
    assert files["README.md"].decode().startswith("# my-svc\n")
    assert "IMAGE ?= my-svc\n" in files["Makefile"].decode()
    assert 'return "Hello from Go!"' in files["main.go"].decode()
    assert "func TestGreeting(t *testing.T)" in files["main_test.go"].decode()
    assert "make build" in files["README.md"].decode()
    assert {"Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"} <= set(files)
    dockerfile = files["Dockerfile"].decode()
    assert "golang:1.24-bookworm" in dockerfile and "go build" in dockerfile
    recorded = files[".scaffold.yaml"].decode()
    assert "main.go" not in recorded.split("generated:")[1], "the starter is the user's code, not a template file"


@pytest.mark.parametrize(
    ("language", "expected", "in_dockerfile"),
    [
        ("node", {"package.json", "package-lock.json", "server.js", "test/server.test.js"}, "npm ci"),
        ("python", {"app.py", "requirements.txt", "requirements-dev.txt", "tests/test_app.py"}, "gunicorn"),
    ],
)
def test_node_and_python_starters_have_a_test_and_a_readme(
    tmp_path: Path, language: str, expected: set[str], in_dockerfile: str
) -> None:
    result = run_cli("init", "--yes", "--lang", language, tmp_path)
    assert result.code == 0, result.err
    files = set(tree(tmp_path))
    assert expected | {"README.md", "Dockerfile", "Makefile"} <= files
    assert in_dockerfile in (tmp_path / "Dockerfile").read_text()
    assert "AS test" in (tmp_path / "Dockerfile").read_text()
    name = starter.name_for(tmp_path.name, language)
    assert name != f"{language}-app" and f"IMAGE ?= {name}\n" in (tmp_path / "Makefile").read_text()
    if language == "node":
        assert json.loads((tmp_path / "package.json").read_text())["name"] == name


def test_starter_flag_alone_needs_a_language_and_no_starter_keeps_the_old_behaviour(tmp_path: Path) -> None:
    missing = run_cli("init", "--starter", tmp_path)
    assert missing.code == 2 and "--starter: pass --lang" in missing.err
    assert tree(tmp_path) == {}
    plain = run_cli("init", "--yes", "--lang", "go", "--no-starter", tmp_path)
    assert plain.code == 0
    assert set(tree(tmp_path)) == {"Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"}


def test_no_starter_beside_an_existing_project_nor_over_a_users_file(tmp_path: Path) -> None:
    project = tmp_path / "svc"
    project.mkdir()
    (project / "requirements.txt").write_text("flask\n")
    (project / "app.py").write_text("print('mine')\n")
    result = run_cli("init", "--yes", "--lang", "python", "--starter", project)
    assert result.code == 0, result.err
    assert "starter app" not in result.out
    assert (project / "app.py").read_text() == "print('mine')\n"
    assert not (project / "tests").exists()

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "README.md").write_text("# my notes\n")
    made = run_cli("init", "--starter", "--lang", "go", fresh)
    assert made.code == 0, made.err
    assert "keeping your README.md" in made.out
    assert (fresh / "README.md").read_text() == "# my notes\n"
    assert (fresh / "main.go").is_file()


def test_dry_run_lists_the_starter_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("init", "--yes", "--lang", "node", "--dry-run", tmp_path)
    assert result.code == 0, result.err
    assert "create      server.js" in result.out and "create      Dockerfile" in result.out
    assert tree(tmp_path) == {}


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def test_a_terminal_is_offered_a_starter_as_a_choice(tmp_path: Path, pipe: PipeInput) -> None:
    prompts = len(basic_options(builtin_template("node")) or ()) + 1  # and "Change other options?"
    # Choices: go, node, python, "no: only the Docker files" (the default); UP twice picks node, then every
    # option as offered, then the final confirm.
    pipe.send_text(UP + UP + ENTER + ENTER * prompts + ENTER)
    out = io.StringIO()
    code = init_cmd.init(
        Request(path=tmp_path, policy=Policy.ASK),
        Reporter(file=out, err=out),
        QuestionaryAsker(input=pipe, output=DummyOutput()),
    )
    assert code == 0, out.getvalue()
    assert (tmp_path / "server.js").is_file() and (tmp_path / "Dockerfile").is_file()
    assert "create          server.js" in out.getvalue(), "the recap lists the starter's files"


def test_a_terminal_may_decline_the_starter_and_choose_the_language(tmp_path: Path, pipe: PipeInput) -> None:
    # The default is "no"; then the language the Docker files are for (DOWN: node), then the questions.
    pipe.send_text(ENTER + DOWN + ENTER + ENTER * 12)
    out = io.StringIO()
    code = init_cmd.init(
        Request(path=tmp_path, policy=Policy.ASK),
        Reporter(file=out, err=out),
        QuestionaryAsker(input=pipe, output=DummyOutput()),
    )
    assert code == 0, out.getvalue()
    assert set(tree(tmp_path)) == {"Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"}
    assert "language: node" in (tmp_path / ".scaffold.yaml").read_text()
