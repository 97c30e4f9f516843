"""Every option value is data of a known kind: validated here before any template sees it.

A kind (port, image, path, version, command, …) and which variable has which kind live in
value_kinds.toml beside this module. No kind admits a newline or a control character, so no value can
add a line to a generated file; the structured kinds admit only characters that mean nothing to a shell,
a Makefile, a `--mount` option or a Dockerfile instruction.
"""

from __future__ import annotations

import re
import shlex
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

KINDS_FILE = Path(__file__).with_name("value_kinds.toml")
DEFAULT_KIND = "text"


@dataclass(frozen=True)
class Kind:
    """One kind of value: a whole-value pattern (or a list of items of another kind) and what is allowed."""

    name: str
    allowed: str
    pattern: re.Pattern[str] | None = None
    item: str | None = None
    """Set for a space-separated list: the kind of each item."""
    text: bool = False
    """Free single-line text (a command): checked for control characters and length only."""
    limit: int = 255
    empty: bool = True
    maximum: int | None = None
    forbid: str = ""
    """Characters free text may not hold."""
    separator: str = " "
    """Between the items of a list kind."""
    unique: bool = False
    """A list whose items name things (NAME=…): no name twice (two Dockerfile stages or services of one name)."""
    words: bool = False
    """Free text a shell splits into words (a command): its quotes must close, or the command fails at start."""


class InvalidValue(ValueError):
    """A value that is not of its kind; the message says what is allowed."""


@cache
def _data() -> dict[str, Any]:
    # Shipped with scaffold; a broken file is a broken installation (and a test fails first).
    with KINDS_FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def kinds() -> dict[str, Kind]:
    out = {}
    for name, spec in _data()["kinds"].items():
        pattern = spec.get("pattern")
        out[name] = Kind(
            name,
            spec["allowed"],
            re.compile(pattern) if pattern else None,
            spec.get("item"),
            bool(spec.get("text", False)),
            int(spec.get("limit", 255)),
            bool(spec.get("empty", True)),
            spec.get("max"),
            str(spec.get("forbid", "")),
            str(spec.get("separator", " ")),
            bool(spec.get("unique", False)),
            bool(spec.get("words", False)),
        )
    return out


def kind_of(variable: str, declared: str | None = None) -> Kind:
    """The kind of `variable`: as its template declares, else by name, else by suffix, else free text."""
    table = kinds()
    if declared is not None:
        return table[declared]
    data = _data()
    name = data["variables"].get(variable)
    if name is None:
        name = next((k for suffix, k in data["suffixes"].items() if variable.endswith(suffix)), DEFAULT_KIND)
    return table[name]


def is_kind(name: str) -> bool:
    return name in kinds()


def check(kind: Kind, value: str) -> str:
    """`value` unchanged if it is of `kind`, else InvalidValue saying what is allowed."""
    if value == "":
        if kind.empty:
            return value
        raise InvalidValue(f"must not be empty: expected {kind.allowed}")
    if _has_control(value):
        raise InvalidValue(f"holds a newline or control character: expected {kind.allowed}")
    if kind.item is not None:
        item_kind = kinds()[kind.item]
        names: set[str] = set()
        for item in value.split(kind.separator):
            if item == "":
                continue
            try:
                _check_one(item_kind, item)
            except InvalidValue:
                raise InvalidValue(f"holds {item[:60]!r}, which is not allowed: expected {kind.allowed}") from None
            name = item.partition("=")[0]
            if kind.unique and name in names:
                raise InvalidValue(f"names {name[:60]!r} twice: expected {kind.allowed}, each name once")
            names.add(name)
        return value
    _check_one(kind, value)
    return value


def _check_one(kind: Kind, value: str) -> None:
    if len(value) > kind.limit:
        raise InvalidValue(f"is longer than {kind.limit} characters: expected {kind.allowed}")
    if kind.text:
        if any(ch in kind.forbid for ch in value):
            raise InvalidValue(f"holds one of {kind.forbid!r}: expected {kind.allowed}")
        if kind.words:
            try:
                shlex.split(value)
            except ValueError:
                raise InvalidValue(f"has a quote that does not close: expected {kind.allowed}") from None
        return
    if kind.pattern is None or kind.pattern.fullmatch(value) is None:
        raise InvalidValue(f"is not allowed: expected {kind.allowed}")
    if kind.maximum is not None and int(value) > kind.maximum:
        raise InvalidValue(f"is out of range: expected {kind.allowed}")
    if kind.name in ("path", "glob") and ".." in value.split("/"):
        raise InvalidValue(f"leaves the project: expected {kind.allowed}")


def shown(text: str) -> str:
    """A value as an error message quotes it: escaped (no newline, no surrogate), at most 60 characters."""
    quoted = repr(text[:60]) + ("..." if len(text) > 60 else "")
    return quoted.encode("ascii", "backslashreplace").decode("ascii")


def _has_control(value: str) -> bool:
    # Cc: control characters (newline, tab, ESC…); Cs: lone surrogates that cannot be encoded;
    # Zl/Zp: Unicode line and paragraph separators, which some tools treat as newlines.
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in value)
