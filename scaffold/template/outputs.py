"""Which files a template may produce: Dockerfile, .dockerignore, Makefile, and what it declares.

A template names any further file in its cookiecutter.json (`"__outputs__": ["compose.yaml", "ci/"]`; a
name ending in `/` declares a folder, a `*` in a name matches within one folder: `*.Dockerfile`, the Dockerfile of
each other app of a workspace). Whatever `--trust` says, nothing under a version-control folder
(.git/, .hg/, .svn/: a written `.git/config` or `.git/commondir` runs code on the next `git status`) and
none of scaffold's own files (.scaffold.yaml, its journal and temp files) may come from a template.
An undeclared file is refused unless the template is trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import Any

from scaffold.errors import TemplateError

OUTPUTS_KEY = "__outputs__"
STANDARD = ("Dockerfile", ".dockerignore", "Makefile")
_VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr"})
_OWN_FILES = frozenset({".scaffold.yaml", ".scaffold.journal"})


def declared(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The extra outputs a template's cookiecutter.json declares (TemplateError when malformed or forbidden)."""
    names = raw.get(OUTPUTS_KEY, [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise TemplateError(f"{where}: {OUTPUTS_KEY} must be a list of file names")
    for name in names:
        pure = PurePosixPath(name)
        if pure.is_absolute() or any(p in ("..", ".") for p in pure.parts) or "\\" in name:
            raise TemplateError(f"{where}: {OUTPUTS_KEY}: {name!r} is not a path inside the project")
        reason = forbidden(name.rstrip("/"))
        if reason:
            raise TemplateError(f"{where}: {OUTPUTS_KEY}: {name!r}: {reason}")
    return tuple(names)


def forbidden(path: str) -> str:
    """Why no template may produce `path` ("" when it may)."""
    parts = [p.lower() for p in PurePosixPath(path).parts]
    if any(p in _VCS_DIRS for p in parts):
        return "inside a version-control folder, which no template may write"
    if parts and (parts[-1] in _OWN_FILES or parts[-1].endswith(".scaffold-tmp")):
        return "scaffold's own file, which no template may write"
    return ""


def is_declared(path: str, extra: Iterable[str]) -> bool:
    if path in STANDARD:
        return True
    return any(path == name or (name.endswith("/") and path.startswith(name)) or _matches(path, name) for name in extra)


def _matches(path: str, name: str) -> bool:
    """A declared pattern (`*.Dockerfile`: a file per app of a workspace) matches within one folder: its `*` never
    spans a `/`."""
    return "*" in name and path.count("/") == name.count("/") and fnmatchcase(path, name)


def check(files: Iterable[str], extra: Iterable[str], *, trusted: bool, template: str) -> None:
    """Refuse forbidden outputs always, and undeclared ones unless the template is trusted."""
    extra = tuple(extra)
    for path in sorted(files):
        reason = forbidden(path)
        if reason:
            raise TemplateError(f"template {template} writes {path}: {reason}; refused, nothing was written")
    undeclared = [p for p in sorted(files) if not is_declared(p, extra)]
    if undeclared and not trusted:
        raise TemplateError(
            f"template {template} writes {', '.join(undeclared)}, not declared in its cookiecutter.json "
            f'"{OUTPUTS_KEY}" (a template may write Dockerfile, .dockerignore, Makefile and what it declares); '
            "refused, nothing was written (or trust its source with --trust SOURCE)"
        )


def extras(files: Iterable[str]) -> list[str]:
    """The produced files past Dockerfile, .dockerignore and Makefile (init lists them before writing)."""
    return sorted(p for p in files if p not in STANDARD)
