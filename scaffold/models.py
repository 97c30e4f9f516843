"""Immutable values passed between the stages of the pipeline."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Value = str | bool
"""A template variable's value: text (choices are text too) or a yes/no flag."""


@dataclass(frozen=True)
class Fact:
    """One thing a provider found, and the file it found it in."""

    key: str
    value: Value
    source: str


SCORE_TOOLING_ONLY = 10
"""The score of a manifest that holds only tooling (a package.json for a CSS build or git hooks): it ranks below
every other language's evidence, and a root holding nothing else is no app (the app may be a folder below)."""


@dataclass(frozen=True)
class Detection:
    """What one provider found in a project."""

    language: str
    score: int
    """Higher ranks first when a project holds several languages."""
    evidence: tuple[str, ...]
    """The files that made the provider say yes."""
    facts: tuple[Fact, ...] = ()
    notes: tuple[str, ...] = ()
    """Warnings and hints for the user (no lockfile, missing server, …)."""

    @property
    def tooling_only(self) -> bool:
        return self.score <= SCORE_TOOLING_ONLY

    def fact(self, key: str) -> Fact | None:
        """The fact with this key, if the provider found one."""
        return next((f for f in self.facts if f.key == key), None)


@dataclass(frozen=True)
class Variable:
    """A variable a template declares in its cookiecutter.json."""

    key: str
    default: Value
    """The raw default: may be a Jinja expression over earlier variables."""
    choices: tuple[str, ...] = ()
    prompt: str = ""
    kind: str | None = None
    """The kind its template declares (values.py); None: by its name."""

    @property
    def is_bool(self) -> bool:
        return isinstance(self.default, bool)


class Origin(enum.Enum):
    """Which layer of the precedence chain decided an option (highest first)."""

    SET = "--set"
    ANSWER = "your answer"
    RECORD = "recorded answer"
    TEAM = "team config"
    DETECTED = "detected"
    DEFAULT = "default"

    @property
    def chosen_by_a_person(self) -> bool:
        """--set, a prompt answer, or an earlier such answer: recorded so the next run keeps it."""
        return self in (Origin.SET, Origin.ANSWER, Origin.RECORD)


@dataclass(frozen=True)
class Resolved:
    """An option's value and the layer that decided it."""

    value: Value
    source: str
    """Where it came from, for people: "--set", "detected: go.mod (go directive)", …"""
    origin: Origin = Origin.DEFAULT


def chosen(resolved: Resolved | None) -> bool:
    """True when a person or the team chose the value (not a template default, a detected fact or a decision)."""
    return resolved is not None and resolved.origin not in (Origin.DETECTED, Origin.DEFAULT)


@dataclass(frozen=True)
class Options:
    """Every template variable with its final value, in the template's order."""

    language: str
    values: Mapping[str, Resolved]

    def context(self) -> dict[str, Value]:
        """The plain mapping handed to cookiecutter."""
        return {k: r.value for k, r in self.values.items()}

    def chosen(self) -> dict[str, Value]:
        """The values a person chose (--set, a prompt, an earlier recorded answer)."""
        return {k: r.value for k, r in self.values.items() if r.origin.chosen_by_a_person}


class Action(enum.Enum):
    """What the writer would do with one file, decided before anything is written."""

    CREATE = "create"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


class Outcome(enum.Enum):
    """What happened to one file."""

    CREATED = "created"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    OVERWRITTEN = "overwritten"
    """Replaced after a .bak copy of the user's version was kept."""
    UPDATED = "updated"
    """Replaced without a copy: scaffold's own record, or a merge that already holds the user's edits."""
    CONFLICT = "conflict"
    """Written by a merge that left conflict markers for the user to resolve."""


class Policy(enum.Enum):
    """What to do with a file that differs from the user's."""

    ASK = "ask"
    FAIL = "fail"
    OVERWRITE = "overwrite"
    KEEP = "keep"


@dataclass(frozen=True)
class FileChange:
    """One generated file against what is on disk."""

    path: str
    """Relative to the project root, with forward slashes."""
    action: Action
    new: bytes
    old: bytes | None = None


@dataclass(frozen=True)
class FileResult:
    path: str
    outcome: Outcome
    backup: str | None = None


@dataclass(frozen=True)
class Request:
    """Everything the user asked for on the command line."""

    path: Path
    language: str | None = None
    sets: Mapping[str, str] = field(default_factory=dict)
    assume_yes: bool = False
    policy: Policy = Policy.ASK
    dry_run: bool = False
    diff: bool = False
    template: str | None = None
    """--template: a directory, zip or git URL[@ref]; None means the recorded, team or built-in one."""
    directory: str | None = None
    config: Path | None = None
    trust: str | None = None
    """--trust SOURCE: the template source whose hooks may run and whose Jinja renders unsandboxed."""
    verbose: bool = False
    """Show template-internal options too."""
    starter: bool | None = None
    """--starter / --no-starter: create a starter app where no project is found (None: offer at a terminal)."""
    advanced: bool = False
    """--advanced: ask every option at once, without the "Change other options?" gate."""
