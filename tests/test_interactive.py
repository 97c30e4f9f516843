"""`scaffold init` as a person at a terminal sees it: real questionary prompts through a pipe."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from scaffold import app
from scaffold.models import Policy, Request
from scaffold.prompt import QuestionaryAsker
from scaffold.render import read_variables
from scaffold.report import Reporter
from scaffold.templates import builtin_template
from tests.conftest import tree

ENTER, UP, DOWN, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x03"
PROMPTED = sum(1 for v in read_variables(builtin_template("go")) if v.prompt)


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def go_project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    return tmp_path


def init(project: Path, pipe: PipeInput, keys: str) -> str:
    out = io.StringIO()
    pipe.send_text(keys)
    code = app.init(
        Request(path=project, policy=Policy.ASK),
        Reporter(file=out, err=out),
        QuestionaryAsker(input=pipe, output=DummyOutput()),
    )
    assert code == 0
    return out.getvalue()


def test_enter_through_every_question_generates_the_detected_setup(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    out = init(project, pipe, ENTER * PROMPTED)
    assert "created     Dockerfile" in out
    assert "golang:1.24-bookworm" in (project / "Dockerfile").read_text()


def test_conflict_prompt_can_show_the_diff_then_overwrite(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    # Every option as detected; then "show diff", then "overwrite (keep a .bak copy)".
    out = init(project, pipe, ENTER * PROMPTED + DOWN + ENTER + UP + ENTER)
    assert "-FROM mine" in out
    assert "overwritten Dockerfile  (your version kept as Dockerfile.bak)" in out
    assert (project / "Dockerfile.bak").read_text() == "FROM mine\n"


def test_conflict_prompt_defaults_to_keeping_the_users_file(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    (project / "Makefile").write_text("all:\n")
    out = init(project, pipe, ENTER * PROMPTED + ENTER)
    assert "skipped     Makefile  (kept your version)" in out
    assert (project / "Makefile").read_text() == "all:\n"


def test_ctrl_c_at_a_prompt_writes_nothing(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    before = tree(project)
    with pytest.raises(KeyboardInterrupt):
        init(project, pipe, ENTER * 2 + CTRL_C)
    assert tree(project) == before


def test_several_languages_are_offered_as_a_choice(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    (project / "package.json").write_text('{"name": "web", "scripts": {"start": "node index.js"}}')
    (project / "index.js").write_text("console.log('hi')\n")
    ranked = [d.language for d in app.detect(project)]
    assert sorted(ranked) == ["go", "node"]
    second = ranked[1]
    prompts = sum(1 for v in read_variables(builtin_template(second)) if v.prompt)
    # The best-ranked language is the default; DOWN picks the other one, then every option as detected.
    init(project, pipe, DOWN + ENTER + ENTER * prompts)
    assert f"language: {second}" in (project / ".scaffold.yaml").read_text()
