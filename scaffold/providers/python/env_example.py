"""The variables a project's `.env.example` lists: the app reads them from a .env that never enters the image.

Read, never loaded: only the names reach the note (values in an example file may be real secrets).
"""

from __future__ import annotations

import re

from scaffold.project import ProjectDir
from scaffold.providers.python.data import env_example_files

_ASSIGN = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", re.MULTILINE)
SHOWN = 6
"""How many names the note spells out before `…`: one line, not the whole file."""


def example_env(project: ProjectDir) -> tuple[str, tuple[str, ...]]:
    """(the example file, the names it assigns), or ("", ()) when there is none or it names nothing."""
    for name in env_example_files():
        if project.has(name):
            names = tuple(dict.fromkeys(_ASSIGN.findall(project.read_text(name))))
            return (name, names) if names else ("", ())
    return "", ()


def example_note(project: ProjectDir) -> str:
    """One line naming what the container must be given, else ""."""
    path, names = example_env(project)
    if not names:
        return ""
    shown = " ".join(names[:SHOWN]) + (f" (+{len(names) - SHOWN} more)" if len(names) > SHOWN else "")
    return (
        f"{path} lists {shown}: the app reads them from the environment and a .env stays out of the image; "
        "give them where the container runs (docker run --env-file .env, compose.yaml's env_file)"
    )


def example_value(project: ProjectDir, name: str, pattern: str) -> tuple[str, str]:
    """(the example file, the value it gives `name`) when that value matches `pattern` (a validated literal, not
    a secret: a Python module path), else ("", "")."""
    line = re.compile(rf"""^\s*(?:export\s+)?{re.escape(name)}\s*=\s*["']?({pattern})["']?\s*(?:#.*)?$""", re.MULTILINE)
    for path in env_example_files():
        if project.has(path):
            found = line.search(project.read_text(path))
            return (path, found.group(1)) if found else ("", "")
    return "", ""
