"""Interactive questions, behind an Asker protocol so tests drive the real questionary through a pipe.

questionary's `.ask()` turns Ctrl-C into None; `.unsafe_ask()` raises KeyboardInterrupt, which the CLI
turns into "interrupted: nothing was written". Every decision is taken before the writer runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from scaffold.models import Action, FileChange, Options, Request, Value, Variable
from scaffold.report import Reporter


class Asker(Protocol):
    """Asks one question at a time."""

    def text(self, message: str, default: str) -> str: ...

    def select(self, message: str, choices: Sequence[str], default: str) -> str: ...

    def confirm(self, message: str, default: bool) -> bool: ...


class QuestionaryAsker:
    """The real prompts. `input`/`output` are prompt_toolkit objects; None means the terminal."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def text(self, message: str, default: str) -> str:
        import questionary

        answer: str = questionary.text(message, default=default, **self._io).unsafe_ask()
        return answer

    def select(self, message: str, choices: Sequence[str], default: str) -> str:
        import questionary

        answer: str = questionary.select(message, choices=list(choices), default=default, **self._io).unsafe_ask()
        return answer

    def confirm(self, message: str, default: bool) -> bool:
        import questionary

        answer: bool = questionary.confirm(message, default=default, **self._io).unsafe_ask()
        return answer


def ask_options(
    variables: Sequence[Variable], asker: Asker, resolve: Callable[[Mapping[str, Value]], Options]
) -> Options:
    """Ask every variable that has a prompt, the current value as default.

    `resolve(answers)` is re-run after each answer so that defaults derived from earlier
    variables (an image tag from a version) follow what the user just chose.
    """
    answers: dict[str, Value] = {}
    options = resolve(answers)
    for var in variables:
        if not var.prompt:
            continue
        current = options.values[var.key]
        # Say where the offered default comes from: detected in a file, the record, the team, the template.
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
    rows = [
        (fate.get(c.action) or ("overwrite (.bak kept)" if c.path in overwrite else "keep yours"), c.path)
        for c in changes
    ]
    reporter.outcomes(f"recap: files in {req.path}", rows)
    return asker.confirm("Write these files?", True)
