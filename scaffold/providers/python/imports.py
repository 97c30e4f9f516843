"""A project with no manifest at all (a tutorial's app.py, no requirements.txt): what its code imports, mapped to
PyPI distributions by the catalogue's [imports] table, is what the image installs, unpinned. Only names the
catalogue maps reach the Dockerfile; other third-party imports are named in a note."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import PurePosixPath

from scaffold.project import ProjectDir
from scaffold.providers.python.data import import_distributions
from scaffold.providers.python.source import scan

_SKIP_PARTS = frozenset({"tests", "test", "docs", "examples", "venv", ".venv", "env", "node_modules"})


@dataclass(frozen=True)
class Imported:
    requirements: tuple[str, ...]
    """PyPI distributions of the imports the catalogue knows, sorted."""
    unknown: tuple[str, ...]
    """Third-party top-level imports it does not know (neither the standard library nor the project's own)."""


def imported_requirements(project: ProjectDir) -> Imported:
    """The distributions the project's Python files import (tests and docs left out)."""
    files = [p for p in project.walk((".py",)) if not _SKIP_PARTS & set(PurePosixPath(p).parts[:-1])]
    own = {PurePosixPath(p).parts[0].removesuffix(".py") for p in files}
    own |= {PurePosixPath(p).stem for p in files}
    names: set[str] = set()
    for path in files:
        names |= set(scan(project.read_text(path), ()).imports)
    third = sorted(n for n in names if n not in sys.stdlib_module_names and n not in own and n != "__future__")
    table = import_distributions()
    found = sorted({table[n] for n in third if n in table}, key=str.lower)
    return Imported(tuple(found), tuple(n for n in third if n not in table))
