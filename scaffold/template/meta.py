"""`__internal__` in a template's cookiecutter.json: the variables that are the template's plumbing.

A lockfile name, a tool's version: default tables hide them; `--verbose` and `detect --json` show
them; `--set` still sets them. (Kinds are declared under `__kinds__`, read by render/values.)
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

INTERNAL_KEY = "__internal__"


def _context(template: Path) -> dict[str, Any]:
    try:
        data = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # render reports a broken cookiecutter.json; no conventions is the safe reading
    return data if isinstance(data, dict) else {}


def internal_options(template: Path) -> frozenset[str]:
    """The variables the template marks internal (none when it has no `__internal__` list)."""
    names = _context(template).get(INTERNAL_KEY)
    return frozenset(n for n in names if isinstance(n, str)) if isinstance(names, list) else frozenset()


def problems(template: Path, declared: Collection[str]) -> list[str]:
    """What is wrong with a template's `__internal__` list (not a list of names, names it does not declare)."""
    data = _context(template)
    out = []
    internal = data.get(INTERNAL_KEY)
    if internal is not None and not (isinstance(internal, list) and all(isinstance(n, str) for n in internal)):
        out.append(f"{INTERNAL_KEY}: expected a list of variable names")
    elif internal:
        out += [f"{INTERNAL_KEY}: {n!r} is not a variable of the template" for n in internal if n not in declared]
    return out
