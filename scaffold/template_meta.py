"""scaffold's two conventions in a template's cookiecutter.json, beside cookiecutter's own keys.

- `__internal__`: a list of variables that are the template's plumbing (a lockfile name, a tool's
  version). Default tables hide them; `--verbose` and `detect --json` show them. They can still be set.
- `__types__`: variable → "integer" or "list" (a space-separated list), so `detect --json` gives typed
  values. Booleans are booleans already; everything else is a string.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

INTERNAL_KEY = "__internal__"
TYPES_KEY = "__types__"
KINDS = ("integer", "list")


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


def declared_types(template: Path) -> dict[str, str]:
    """variable → "integer" | "list", as the template's `__types__` declares."""
    types = _context(template).get(TYPES_KEY)
    if not isinstance(types, dict):
        return {}
    return {str(k): v for k, v in types.items() if v in KINDS}


def problems(template: Path, declared: Collection[str]) -> list[str]:
    """What is wrong with a template's use of the two conventions (names it does not declare, unknown kinds)."""
    data = _context(template)
    out = []
    internal = data.get(INTERNAL_KEY)
    if internal is not None and not (isinstance(internal, list) and all(isinstance(n, str) for n in internal)):
        out.append(f"{INTERNAL_KEY}: expected a list of variable names")
    elif internal:
        out += [f"{INTERNAL_KEY}: {n!r} is not a variable of the template" for n in internal if n not in declared]
    types = data.get(TYPES_KEY)
    if types is not None and not isinstance(types, dict):
        out.append(f"{TYPES_KEY}: expected a mapping of variable to {' or '.join(KINDS)}")
    elif types:
        for name, kind in types.items():
            if name not in declared:
                out.append(f"{TYPES_KEY}: {name!r} is not a variable of the template")
            elif kind not in KINDS:
                out.append(f"{TYPES_KEY}: {name}: {kind!r} is not {' or '.join(KINDS)}")
    return out
