"""The SQLite databases a Python app ships and writes (a committed sample database such as chinook.db): the image
gives each file to the app's user, since a file copied as root cannot be rewritten ("attempt to write a readonly
database"). Only a file whose name a source opens with sqlite3 or an SQLAlchemy sqlite:/// URL counts."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from scaffold.project import ProjectDir

SUFFIXES = (".db", ".sqlite", ".sqlite3")
_OPENS = re.compile(r"""sqlite3\.connect\(|sqlite(?:\+\w+)?:///""")
"""A source that opens a SQLite database."""


def data_files(project: ProjectDir, sources: list[str], skip: list[str]) -> list[str]:
    """Database files (relative to the project) outside the folders in `skip` (given to the user already) whose
    file name appears in a source that opens SQLite."""
    texts = [text for path in sources if _OPENS.search(text := project.read_text(path))]
    if not texts:
        return []
    found = []
    for path in sorted(project.walk(SUFFIXES)):
        if any(path == d or path.startswith(f"{d}/") for d in skip):
            continue
        name = PurePosixPath(path).name
        if any(re.search(rf"""["'/\\]{re.escape(name)}["']""", text) for text in texts):
            found.append(path)
    return found
