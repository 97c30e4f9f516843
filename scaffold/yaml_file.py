"""Read one YAML file (a team config, a .scaffold.yaml): safe_load, every problem one InputError naming it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scaffold.errors import InputError


def load_yaml(path: Path, shown: str) -> Any:
    """Parse a YAML file; InputError naming it on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "not valid UTF-8") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(shown, f"invalid YAML{where}: {problem}") from None
