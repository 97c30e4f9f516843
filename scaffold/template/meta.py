"""`__internal__` and `__basic__` in a template's cookiecutter.json: how the template's variables meet people.

`__internal__`: the template's plumbing (a lockfile name, a tool's version): default tables hide them;
`--verbose` and `detect --json` show them; `--set` still sets them. `__basic__`: the (at most four)
variables the default interview asks; every other prompted one waits behind "Change other options?".
They live beside `__prompts__` (each variable's one-line label) because the template declares its
variables, so a team template words and chooses its own questions. (Kinds are under `__kinds__`.)
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

INTERNAL_KEY = "__internal__"
BASIC_KEY = "__basic__"
MAX_BASIC = 4
"""A newcomer answers at most four questions by default (what to run, version, port, how it starts)."""


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


def basic_options(template: Path) -> tuple[str, ...] | None:
    """The variables the default interview asks, or None when the template has no `__basic__` list
    (then every prompted variable is asked, as before the list existed)."""
    names = _context(template).get(BASIC_KEY)
    return tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else None


def problems(template: Path, declared: Collection[str]) -> list[str]:
    """What is wrong with a template's `__internal__` or `__basic__` list (not a list of names, names it
    does not declare, more than four basic questions)."""
    data = _context(template)
    out = []
    basic = data.get(BASIC_KEY)
    if basic is not None and not (isinstance(basic, list) and all(isinstance(n, str) for n in basic)):
        out.append(f"{BASIC_KEY}: expected a list of variable names")
    elif basic:
        out += [f"{BASIC_KEY}: {n!r} is not a variable of the template" for n in basic if n not in declared]
        if len(basic) > MAX_BASIC:
            out.append(f"{BASIC_KEY}: {len(basic)} questions; the default interview asks at most {MAX_BASIC}")
    internal = data.get(INTERNAL_KEY)
    if internal is not None and not (isinstance(internal, list) and all(isinstance(n, str) for n in internal)):
        out.append(f"{INTERNAL_KEY}: expected a list of variable names")
    elif internal:
        out += [f"{INTERNAL_KEY}: {n!r} is not a variable of the template" for n in internal if n not in declared]
    return out
