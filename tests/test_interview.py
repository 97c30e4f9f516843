"""A newcomer's interview (issue 20): real questionary prompts through a pipe, at 80 and 100 columns.

At most four plain questions by default, each with the detected value and where it came from; the rest
behind "Change other options?" (or --advanced); no default path ends in an error; every answer is in the
recap; nothing is asked when there is nothing to write.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from scaffold.commands import init as init_cmd
from scaffold.errors import ConflictError
from scaffold.models import Policy, Request
from scaffold.prompt import MORE, QuestionaryAsker
from scaffold.report import Reporter
from tests.conftest import EXAMPLE_LIST, Example, copy_example, one_per_language_fast, tree

ENTER, UP = "\r", "\x1b[A"
FINAL = "Write these files?"
WIDTHS = (80, 100)


class Screen(DummyOutput):
    """A terminal of a given width: prompt_toolkit asks the output how wide it is."""

    def __init__(self, columns: int) -> None:
        self.columns = columns

    def get_size(self) -> Size:
        return Size(rows=40, columns=self.columns)


class Keyboard(QuestionaryAsker):
    """The real prompts; before each question it types the next planned keys (ENTER: accept the default)
    and remembers the question as the screen showed it (wrapped to the width) with its default."""

    def __init__(self, pipe: PipeInput, columns: int = 80, keys: Sequence[str] = ()) -> None:
        super().__init__(input=pipe, output=Screen(columns))
        self.pipe = pipe
        self.keys = list(keys)
        self.seen: list[str] = []
        self.screen: list[str] = []

    def _type(self, message: str, shown: str) -> None:
        self.seen.append(message)
        self.screen.append(f"? {self.fit(message)} {shown}".rstrip())
        self.pipe.send_text(self.keys.pop(0) if self.keys else ENTER)

    def text(self, message: str, default: str) -> str:
        self._type(message, default)
        return super().text(message, default)

    def select(self, message: str, choices: Sequence[str], default: str) -> str:
        self._type(message, "(Use arrow keys)\n" + "\n".join(f"{'»' if c == default else ' '} {c}" for c in choices))
        return super().select(message, choices, default)

    def confirm(self, message: str, default: bool) -> bool:
        self._type(message, "(Y/n)" if default else "(y/N)")
        return super().confirm(message, default)

    @property
    def questions(self) -> list[str]:
        """The option questions: not the gate to the other options, not the final confirm."""
        return [m for m in self.seen if not m.startswith(MORE) and m != FINAL]


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def run(req: Request, asker: Keyboard, expect: int = 0, columns: int = 80) -> str:
    out = io.StringIO()
    code = init_cmd.init(req, Reporter(file=out, err=out, width=columns), asker)
    assert code == expect, out.getvalue()
    return out.getvalue()


def go_project(root: Path) -> Path:
    (root / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    server = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n'
    (root / "main.go").write_text(server)
    return root


def python_project(root: Path) -> Path:
    (root / "requirements.txt").write_text("flask\ngunicorn\n")
    (root / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    return root


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_the_default_interview_asks_at_most_four_questions(
    example: Example, tmp_path: Path, pipe: PipeInput, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_example(example, tmp_path)
    asker = Keyboard(pipe)
    run(Request(path=project, language=example.language, sets=example.sets, dry_run=True), asker)
    with capsys.disabled():
        print(f"\n{example.name}: {len(asker.questions)} questions: {', '.join(asker.questions)}")
    assert 1 <= len(asker.questions) <= 4, asker.questions
    assert all(re.search(r"\[[a-z_]+, from [^]]+\]$", q) for q in asker.questions), "each names its option and source"


@pytest.mark.parametrize("columns", WIDTHS)
def test_four_plain_questions_then_one_gate_and_the_recap(tmp_path: Path, pipe: PipeInput, columns: int) -> None:
    project = go_project(tmp_path)
    asker = Keyboard(pipe, columns)
    out = run(Request(path=project), asker, columns=columns)
    assert asker.questions == [
        "What to run: the main package (as for go build) [main_package, from detected: ./ (package main)]",
        "Which Go version to build with [go_version, from detected: go.mod (go directive)]",
        "Which port the app listens on (empty: none) [port, from detected: main.go]",
    ]
    gate = asker.seen[len(asker.questions)]
    assert gate.startswith(f"{MORE} (app_name, all_binaries, cgo, ")
    assert asker.seen[-1] == FINAL
    # What the screen shows: no line wider than the terminal, every word whole.
    for shown, message in zip(asker.screen, asker.seen, strict=True):
        assert all(len(line) <= columns for line in shown.splitlines()), shown
        assert " ".join(shown.split()).startswith(f"? {' '.join(message.split())}")
    assert all(len(line) <= columns for line in out.splitlines())
    assert "make run         # then open http://localhost:8080" in out
    assert (project / "Dockerfile").is_file()


def test_the_gate_opens_every_other_option_and_the_recap_shows_every_answer(tmp_path: Path, pipe: PipeInput) -> None:
    project = python_project(tmp_path)
    basic = Keyboard(pipe)
    run(Request(path=project, dry_run=True), basic)
    # Accept the basic answers, say yes at the gate, accept every other one, then confirm.
    asker = Keyboard(pipe, keys=[ENTER] * len(basic.questions) + ["y"])
    out = run(Request(path=project), asker)
    asked = [re.search(r"\[([a-z_]+),", q)[1] for q in asker.questions]  # type: ignore[index]
    assert len(asked) > 4 and {"copy_source", "install_server", "installer"} <= set(asked)
    recap = out[out.index("recap: options") :]
    missing = [key for key in asked if key not in recap]
    assert not missing, f"answered but not in the recap: {missing}"


def test_advanced_asks_everything_without_the_gate(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    asker = Keyboard(pipe)
    run(Request(path=project, advanced=True, dry_run=True), asker)
    assert not any(m.startswith(MORE) for m in asker.seen)
    assert "Image name [app_name, from detected: go.mod]" in asker.questions
    assert any(q.startswith("Write a compose.yaml") and "[compose, from default]" in q for q in asker.questions)
    assert len(asker.questions) == 12  # the compose, CI pipeline and docker-bake.hcl questions included


@pytest.mark.parametrize("columns", WIDTHS)
def test_an_empty_repo_never_defaults_into_an_error(tmp_path: Path, pipe: PipeInput, columns: int) -> None:
    # Enter everywhere: no starter (the default), then the language the Docker files are for, then the rest.
    asker = Keyboard(pipe, columns)
    out = run(Request(path=tmp_path), asker, columns=columns)
    assert asker.seen[0] == "No Go, Node or Python project here. Create a minimal starter app?"
    assert asker.seen[1] == "Which language are the Docker files for?"
    assert set(tree(tmp_path)) == {"Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"}
    assert all(len(line) <= columns for line in out.splitlines())


@pytest.mark.parametrize("columns", WIDTHS)
def test_a_starter_is_named_after_its_directory_and_its_note_wraps_between_words(
    tmp_path: Path, pipe: PipeInput, columns: int
) -> None:
    project = tmp_path / "Hello World"
    project.mkdir()
    # Choices: go, node, python, "no: only the Docker files" (the default); three UPs pick go.
    asker = Keyboard(pipe, columns, keys=[UP * 3 + ENTER])
    out = run(Request(path=project), asker, columns=columns)
    assert (project / "go.mod").read_text().startswith("module hello-world\n")
    assert "IMAGE ?= hello-world" in (project / "Makefile").read_text()
    note = "no project here: creating a minimal go starter app (README.md, go.mod, main.go, main_test.go)"
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines)
    assert note in " ".join(" ".join(lines).split()), "the note wraps between words, never inside one"


def test_a_re_init_with_nothing_to_write_asks_nothing_at_the_end(tmp_path: Path, pipe: PipeInput) -> None:
    project = go_project(tmp_path)
    run(Request(path=project), Keyboard(pipe))
    again = Keyboard(pipe)
    out = run(Request(path=project), again)
    assert FINAL not in again.seen
    assert "every file is already as scaffold would write it" in out


def test_lang_of_another_language_asks_at_a_terminal(tmp_path: Path, pipe: PipeInput) -> None:
    project = python_project(tmp_path)
    before = tree(project)
    asker = Keyboard(pipe)  # Enter: the default "no"
    with pytest.raises(ConflictError, match="--lang go: nothing was written"):
        run(Request(path=project, language="go", policy=Policy.ASK), asker)
    assert asker.seen == ["This looks like python (requirements.txt), not go. Write go Docker files anyway?"]
    assert tree(project) == before
