"""Interactive questions, behind an Asker protocol so tests drive the real questionary through a pipe.

questionary's `.ask()` turns Ctrl-C into None; `.unsafe_ask()` raises KeyboardInterrupt, which the CLI
turns into "interrupted: nothing was written". Every decision is taken before the writer runs.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Protocol

from scaffold.models import Action, FileChange, Options, Request, Value, Variable
from scaffold.report import DIFFERS, Reporter


class Asker(Protocol):
    """Asks one question at a time."""

    def text(self, message: str, default: str) -> str: ...

    def select(self, message: str, choices: Sequence[str], default: str) -> str: ...

    def confirm(self, message: str, default: bool) -> bool: ...


class QuestionaryAsker:
    """The real prompts. `input`/`output` are prompt_toolkit objects; None means the terminal."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self._output = output

    def width(self) -> int:
        """The terminal's columns (the output's, when a test gives one)."""
        if self._output is not None:
            return int(self._output.get_size().columns)
        return shutil.get_terminal_size().columns

    def fit(self, message: str) -> str:
        """`message` broken between words to fit the terminal: prompt_toolkit would cut it mid-word."""
        return fit(message, self.width())

    def text(self, message: str, default: str) -> str:
        import questionary

        answer: str = questionary.text(self.fit(message), default=default, **self._io).unsafe_ask()
        return answer

    def select(self, message: str, choices: Sequence[str], default: str) -> str:
        import questionary

        question = questionary.select(self.fit(message), choices=list(choices), default=default, **self._io)
        answer: str = question.unsafe_ask()
        return answer

    def confirm(self, message: str, default: bool) -> bool:
        import questionary

        answer: bool = questionary.confirm(self.fit(message), default=default, **self._io).unsafe_ask()
        return answer


PROMPT_MARGIN = 16
"""Room on a prompt's last line for questionary's "? " mark and the answer typed or "(Y/n)"."""


def fit(message: str, columns: int) -> str:
    """`message` in lines that leave room for the prompt mark and the answer, broken only between words."""
    width = max(20, columns - PROMPT_MARGIN)
    return "\n".join(textwrap.wrap(message, width, break_long_words=False, break_on_hyphens=False)) or message


MORE = "Change other options?"
"""The one gate before every question beyond the basic ones (--advanced opens it)."""


def ask_options(
    variables: Sequence[Variable],
    asker: Asker,
    resolve: Callable[[Mapping[str, Value]], Options],
    basic: Collection[str] | None = None,
    advanced: bool = False,
) -> Options:
    """Ask the basic variables, the current value as default; then, if the user wants to (or `advanced`),
    every other variable that has a prompt.

    `basic` None: every prompted variable is basic (a template without a `__basic__` list).
    `resolve(answers)` is re-run after each answer so that defaults derived from earlier
    variables (an image tag from a version) follow what the user just chose.
    """
    prompted = [v for v in variables if v.prompt]
    first = [v for v in prompted if basic is None or v.key in basic]
    rest = [v for v in prompted if v not in first]
    answers: dict[str, Value] = {}
    options = _ask(first, asker, resolve, answers)
    if rest and (advanced or asker.confirm(f"{MORE} ({_names(rest)})", False)):
        options = _ask(rest, asker, resolve, answers)
    return options


def _names(variables: Sequence[Variable]) -> str:
    """The other options, named as --set names them (the labels follow if the user says yes)."""
    return ", ".join(v.key for v in variables)


def _ask(
    variables: Sequence[Variable],
    asker: Asker,
    resolve: Callable[[Mapping[str, Value]], Options],
    answers: dict[str, Value],
) -> Options:
    options = resolve(answers)
    for var in variables:
        current = options.values[var.key]
        # Say where the offered default comes from: detected in a file, the record, the team, the template;
        # the option's name in brackets is what --set takes.
        message = f"{var.prompt} [{var.key}, from {current.source}]"
        detected = _detected_list(options, var.key)
        if var.is_bool:
            answers[var.key] = asker.confirm(message, bool(current.value))
        elif var.choices:
            answers[var.key] = asker.select(message, var.choices, str(current.value))
        elif detected:
            default = str(current.value) if current.value in detected else detected[0]
            pick = asker.select(message, [*detected, OTHER], default)
            answers[var.key] = asker.text(message, default).strip() if pick == OTHER else pick
        else:
            answers[var.key] = asker.text(message, str(current.value)).strip()
        if answers.get(var.key) == current.value:
            # Accepting what was offered keeps its source (detected in go.mod, not "your answer") and
            # leaves it unrecorded, so it keeps following the project and the template.
            del answers[var.key]
        options = resolve(answers)
    return options


OTHER = "other (type it)"
"""The last entry of a detected list: the user may still type a value scaffold did not find."""


def _detected_list(options: Options, key: str) -> list[str]:
    """Several detected candidates for `key` (its plural option, space-separated: main_packages), else []."""
    plural = options.values.get(f"{key}s")
    if plural is None or not isinstance(plural.value, str):
        return []
    items = list(dict.fromkeys(plural.value.split()))
    return items if len(items) > 1 else []


def confirm_recap(
    options: Options,
    hidden: frozenset[str],
    changes: Sequence[FileChange],
    overwrite: set[str],
    req: Request,
    reporter: Reporter,
    asker: Asker,
) -> bool:
    """The recap a person reads before anything is written (every option, its source, each file's fate),
    then the one final confirm."""
    reporter.options(options, hidden, req.verbose, title="recap: options")
    fate = {Action.CREATE: "create", Action.UNCHANGED: "unchanged"}
    rows = [(fate.get(c.action) or differs(c.path in overwrite), c.path) for c in changes]
    reporter.outcomes(f"recap: files in {req.path}", rows)
    return asker.confirm("Write these files?", True)


def differs(overwrite: bool) -> str:
    """The state of a file that differs, with its fate."""
    return f"{DIFFERS}: {'overwrite (.bak kept)' if overwrite else 'keep yours'}"
