"""Read one YAML file (a team config, a .scaffold.yaml): safe_load, every problem one InputError naming it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scaffold.errors import InputError
from scaffold.files import read_limited

MAX_BYTES = 8 * 1024 * 1024
"""A config or a record is a few kB; a bigger one is refused (reading it would take seconds per MB)."""
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: same documents, 50x faster than the pure-Python one."""


def load_yaml(path: Path, shown: str) -> Any:
    """Parse a YAML file (a regular file, at most MAX_BYTES); InputError naming it on any problem."""
    try:
        text = read_limited(path, MAX_BYTES, shown).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "not valid UTF-8") from None
    try:
        return yaml.load(text, Loader=_LOADER)  # a safe loader: libyaml's or PyYAML's
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(shown, f"invalid YAML{where}: {problem}") from None
