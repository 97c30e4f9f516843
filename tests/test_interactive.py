"""`scaffold init` as a person at a terminal sees it: real questionary prompts through a pipe."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from scaffold.builtin_templates import builtin_template
from scaffold.commands import detect as detect_cmd
from scaffold.commands import init as init_cmd
from scaffold.models import Policy, Request
from scaffold.prompt import QuestionaryAsker
from scaffold.report import Reporter
from scaffold.template.meta import basic_options
from tests.conftest import tree

ENTER, UP, DOWN, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x03"
CONFIRM = ENTER  # the final "Write these files?" (default yes)
PROMPTED = len(basic_options(builtin_template("go")) or ()) + 1  # the basic questions and "Change other options?"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def go_project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    return tmp_path


class SeenAsker(QuestionaryAsker):
    """The real questionary prompts, remembering each question and its choices (what the screen showed)."""

    def __init__(self, pipe: PipeInput) -> None:
        super().__init__(input=pipe, output=DummyOutput())
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def text(self, message: str, default: str) -> str:
        self.seen.append((message, ()))
        return super().text(message, default)

    def select(self, message: str, choices: Sequence[str], default: str) -> str:
        self.seen.append((message, tuple(choices)))
        return super().select(message, choices, default)

    def confirm(self, message: str, default: bool) -> bool:
        self.seen.append((message, ()))
        return super().confirm(message, default)


def init(project: Path, pipe: PipeInput, keys: str, expect: int = 0, asker: SeenAsker | None = None) -> str:
    out = io.StringIO()
    pipe.send_text(keys)
    code = init_cmd.init(
        Request(path=project, policy=Policy.ASK),
        Reporter(file=out, err=out),
        asker or QuestionaryAsker(input=pipe, output=DummyOutput()),
    )
    assert code == expect, out.getvalue()
    return out.getvalue()


def test_enter_through_every_question_generates_the_detected_setup(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    out = init(project, pipe, ENTER * PROMPTED + CONFIRM)
    assert "created     Dockerfile" in out
    assert "golang:1.24-bookworm" in (project / "Dockerfile").read_text()


def test_conflict_prompt_can_show_the_diff_then_overwrite(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    # Every option as detected; then "show diff", then "overwrite (keep a .bak copy)".
    out = init(project, pipe, ENTER * PROMPTED + DOWN + ENTER + UP + ENTER + CONFIRM)
    assert "-FROM mine" in out
    assert "overwritten Dockerfile  (your version kept as Dockerfile.bak)" in out
    assert (project / "Dockerfile.bak").read_text() == "FROM mine\n"


def test_conflict_prompt_defaults_to_keeping_the_users_file(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    (project / "Makefile").write_text("all:\n")
    out = init(project, pipe, ENTER * PROMPTED + ENTER + CONFIRM)
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
    ranked = [d.language for d in detect_cmd.detect(project)]
    assert sorted(ranked) == ["go", "node"]
    second = ranked[1]
    prompts = len(basic_options(builtin_template(second)) or ()) + 1
    # The best-ranked language is the default; DOWN picks the other one, then every option as detected.
    init(project, pipe, DOWN + ENTER + ENTER * prompts + CONFIRM)
    assert f"language: {second}" in (project / ".scaffold.yaml").read_text()


def test_recap_shows_every_option_its_source_and_each_files_fate_then_asks_once(
    tmp_path: Path, pipe: PipeInput
) -> None:
    project = go_project(tmp_path)
    (project / "Makefile").write_text("all:\n")
    before = tree(project)
    # Every option as detected, keep my Makefile, then say no at the final confirm.
    out = init(project, pipe, ENTER * PROMPTED + ENTER + "n", expect=1)
    assert "recap: options (go)" in out
    recap = out[out.index("recap: options") :]
    assert "go_version" in recap and "detected: go.mod (go directive)" in recap, "accepting a default keeps its source"
    assert "gcr.io/distroless/static-debian12:nonroot" in out
    assert "module_dir" not in out, "template-internal options stay out of the recap"
    assert "create               Dockerfile" in out and "differs: keep yours  Makefile" in out
    assert "note: nothing was written" in out
    assert tree(project) == before


def test_prompts_say_where_each_default_comes_from(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    asker = SeenAsker(pipe)
    init(project, pipe, ENTER * PROMPTED + CONFIRM, asker=asker)
    shown = [message for message, _ in asker.seen]
    assert any(m.endswith("[go_version, from detected: go.mod (go directive)]") for m in shown)
    assert any(m.endswith("[port, from default]") for m in shown)
    assert any(m.startswith("Change other options? (app_name, ") for m in shown)
    assert shown[-1] == "Write these files?"


def test_several_main_packages_are_a_choice_list(tmp_path: Path, pipe: PipeInput) -> None:
    (tmp_path / "go.mod").write_text("module example.com/multi\n\ngo 1.24\n")
    for name in ("admin", "greeter"):
        (tmp_path / "cmd" / name).mkdir(parents=True)
        (tmp_path / "cmd" / name / "main.go").write_text("package main\n\nfunc main() {}\n")
    detected = detect_cmd.detect(tmp_path)[0].fact("main_package")
    assert detected is not None
    # The questions come in cookiecutter.json order: main_package first, as a choice list.
    asker = SeenAsker(pipe)
    other = "./cmd/admin" if detected.value == "./cmd/greeter" else "./cmd/greeter"
    keys = (DOWN if other == "./cmd/greeter" else UP) + ENTER + ENTER * (PROMPTED - 1) + CONFIRM
    init(tmp_path, pipe, keys, asker=asker)
    [choices] = [c for m, c in asker.seen if "[main_package," in m]
    assert choices == ("./cmd/admin", "./cmd/greeter", "other (type it)")
    assert f"main_package: {other}" in (tmp_path / ".scaffold.yaml").read_text()


def test_keep_mine_keeps_the_file_under_the_next_update(tmp_path: Path, pipe: PipeInput) -> None:
    """Issue 19.7: "keep mine" once does not detach the file: `update --set` still reaches it, merged."""
    from tests.conftest import run_cli

    project = go_project(tmp_path)
    assert run_cli("init", "--yes", project).code == 0
    (project / "Dockerfile").write_text((project / "Dockerfile").read_text() + "# ours\n")
    out = init(project, pipe, ENTER * PROMPTED + ENTER + CONFIRM)  # the conflict prompt's default: keep mine
    assert "skipped     Dockerfile  (kept your version)" in out
    updated = run_cli("update", "--set", "port=9000", project)
    assert updated.code == 0, updated.err + updated.out
    text = (project / "Dockerfile").read_text()
    assert "EXPOSE 9000" in text and text.endswith("# ours\n")
