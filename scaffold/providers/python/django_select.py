"""A Django settings package that chooses its module by an environment variable, and the value choosing production.

    ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
    if ENVIRONMENT == "production":
        from .production import *
    else:
        from .development import *

Unset, the variable gives development's settings (DEBUG on, a dev key), so the image sets it to production's value.
Read with `ast`; nothing is imported or run.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

PRODUCTION = ("production", "prod")
"""The module names of a settings package's production settings."""
_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_VALUE = re.compile(r"[\w.-]{1,64}")
_READERS = frozenset({"get", "getenv", "env", "config"})
"""`os.environ.get`, `os.getenv`, django-environ's `env(...)`, decouple's `config(...)`."""


@dataclass(frozen=True)
class Selector:
    variable: str
    value: str
    """What the image sets the variable to; "" when its default already chooses production."""
    module: str
    """The production module (`production`)."""
    others: frozenset[str]
    """The modules the other branches star-import (`development`), which the served settings never read."""

    @property
    def setting(self) -> str:
        """`DJANGO_ENV=production`, or "" when nothing needs setting."""
        return f"{self.variable}={self.value}" if self.value else ""


def selector(text: str) -> Selector | None:
    """The selector in a settings module's text (its `__init__.py`), or None."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    reads: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            read = _read(node.value)
            if read is not None:
                reads[node.targets[0].id] = read
        if isinstance(node, ast.If):
            found = _chain(node, reads)
            if found is not None:
                return found
    return None


def _read(node: ast.expr) -> tuple[str, str | None] | None:
    """(variable, default) for `os.environ.get("X", "dev")` and the like, also followed by `.lower()`."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("lower", "strip")
        and not node.args
    ):
        node = node.func.value
    if not (isinstance(node, ast.Call) and node.args):
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    first = node.args[0]
    if name not in _READERS or not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    default_node = (
        node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "default"), None)
    )
    default = default_node.value if isinstance(default_node, ast.Constant) else None
    return (first.value, default if isinstance(default, str) else None)


def _star_modules(body: list[ast.stmt]) -> set[str]:
    return {
        (n.module or "").rpartition(".")[2]
        for n in body
        if isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)
    }


def _chain(node: ast.If, reads: dict[str, tuple[str, str | None]]) -> Selector | None:
    """An if/elif/else chain comparing one variable with constants, one branch star-importing production."""
    branches: list[tuple[str | None, set[str]]] = []  # (the value choosing it, or None for `else`), its modules
    variable, default = "", None
    current: ast.If | None = node
    while current is not None:
        test = _test(current.test, reads)
        if test is None or (variable and test[0] != variable):
            return None
        variable, default = test[0], test[1]
        branches.append((test[2], _star_modules(current.body)))
        rest = current.orelse
        current = rest[0] if len(rest) == 1 and isinstance(rest[0], ast.If) else None
        if current is None and rest:
            branches.append((None, _star_modules(rest)))
    every = set().union(*(mods for _, mods in branches))
    for value, mods in branches:
        module = next((m for m in PRODUCTION if m in mods), "")
        if not module:
            continue
        setting = _setting(value, default, {v for v, _ in branches if v is not None}, module)
        if setting is None or (setting and not _VALUE.fullmatch(setting)) or not _NAME.fullmatch(variable):
            return None
        return Selector(variable, setting, module, frozenset(every - mods))
    return None


def _setting(value: str | None, default: str | None, chosen: set[str], module: str) -> str | None:
    """What the image sets for production's branch (`value`, None for `else`): "" when the default already
    takes it, None when no value can."""
    if value is not None:
        return "" if default == value else value
    # The else branch: production whenever the variable names no other branch; its default may.
    if default is None or default not in chosen:
        return ""
    if module in chosen:
        return None
    # `DEBUG == "true"` chooses development: "false" reads as meant; else the module's own name.
    return "false" if {c.lower() for c in chosen} <= {"true", "1", "yes", "on"} else module


def _test(test: ast.expr, reads: dict[str, tuple[str, str | None]]) -> tuple[str, str | None, str] | None:
    """(variable, default, value) for `NAME == "production"`, `os.environ.get("X") == "prod"`, or
    `NAME in ("production", "prod")` (the first value)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In))):
        return None
    left, right = test.left, test.comparators[0]
    read = reads.get(left.id) if isinstance(left, ast.Name) else _read(left)
    if read is None:
        return None
    if isinstance(test.ops[0], ast.In) and isinstance(right, (ast.Tuple, ast.List, ast.Set)) and right.elts:
        right = right.elts[0]
    if not (isinstance(right, ast.Constant) and isinstance(right.value, str)):
        return None
    return (read[0], read[1], right.value)
