"""scaffold's two conventions in a template's cookiecutter.json, beside cookiecutter's own keys.

- `__internal__`: a list of variables that are the template's plumbing (a lockfile name, a tool's
  version). Default tables hide them; `--verbose` and `detect --json` show them. They can still be set.
- `__types__`: variable → "integer" or "list" (a space-separated list), so `detect --json` gives typed
  values. Booleans are booleans already; everything else is a string.
"""

from __future__ import annotations

import json
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
