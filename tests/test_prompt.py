"""The real questionary prompts, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from scaffold.models import Options, Value
from scaffold.options import Layer, resolve
from scaffold.prompt import QuestionaryAsker, ask_options
from scaffold.template.render import read_variables

TEMPLATE = Path(__file__).parent / "fixtures" / "mini-template"
ENTER = "\r"
DOWN = "\x1b[B"
CLEAR_LINE = "\x15"  # Ctrl-U


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def run(pipe: PipeInput, keys: str, detected: Mapping[str, Value] | None = None) -> Options:
    variables = read_variables(TEMPLATE)
    below = [Layer.of("detected", detected or {}, strict=False)]

    def again(answers: Mapping[str, Value]) -> Options:
        return resolve("go", variables, [Layer.of("your answer", answers), *below])

    pipe.send_text(keys)
    return ask_options(variables, QuestionaryAsker(input=pipe, output=DummyOutput()), again)


def test_enter_everywhere_accepts_the_detected_values(pipe: PipeInput) -> None:
    opts = run(pipe, ENTER * 4, detected={"version": "1.22", "app_name": "svc"})
    assert opts.context() == {
        "app_name": "svc",
        "version": "1.22",
        "flavor": "slim",
        "build_image": "toolchain:1.22-slim",
        "debug": False,
    }


def test_answers_change_values_and_derived_defaults_follow(pipe: PipeInput) -> None:
    keys = CLEAR_LINE + "api" + ENTER + CLEAR_LINE + "1.23" + ENTER + DOWN + ENTER + "y"
    opts = run(pipe, keys)
    assert opts.context() == {
        "app_name": "api",
        "version": "1.23",
        "flavor": "full",
        "build_image": "toolchain:1.23-full",
        "debug": True,
    }
    assert opts.values["flavor"].source == "your answer"
    assert opts.values["build_image"].source == "default"


def test_ctrl_c_raises_keyboard_interrupt_instead_of_returning_none(pipe: PipeInput) -> None:
    with pytest.raises(KeyboardInterrupt):
        run(pipe, ENTER + "\x03")
