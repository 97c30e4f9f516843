"""The data folders a Python app ships and writes (data/, Flask's instance/, uploads/): the image gives them
to the app's user, since files copied root's cannot be rewritten (a JSON store, a SQLite file, a log)."""

from __future__ import annotations

import re

from scaffold import data_folders
from scaffold.project import ProjectDir

_WRITES = re.compile(
    r"""\bopen\([^)]*['"][wax]b?\+?['"]|\.write_(?:text|bytes)\(|\bmkdir\(|\bmakedirs\(|FileHandler\("""
    r"""|\.to_(?:csv|json|parquet|excel|pickle)\(|\b(?:json|pickle)\.dump\(|\bshutil\.(?:copy\w*|move)\("""
    r"""|sqlite3\.connect\(|sqlite(?:\+\w+)?:///|\.save\(|instance_path|\bSQLALCHEMY_DATABASE_URI\b"""
)
"""A source that writes files: open() for writing, pathlib writes, folders, logs, pandas, SQLite, uploads."""


def data_dirs(project: ProjectDir, sources: list[str], app_dir: str, flask: bool = False) -> list[str]:
    """Folders (relative to the project) named as data in data_folders.toml, holding none of `sources` (every .py
    file of the project), beside the app (at the root, or in the folder it runs from), when a source writes files.
    A Flask app's instance/ counts even with a config.py in it (read by from_pyfile, not imported): Flask's folder
    for one deployment's configuration and data, the SQLite database the app creates there included."""
    if not any(_WRITES.search(project.read_text(path)) for path in sources):
        return []
    found = []
    for base in dict.fromkeys(["", app_dir]):
        folder = project.root / base if base else project.root
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir(), key=lambda p: p.name):
            rel = f"{base}/{child.name}" if base else child.name
            config_only = flask and child.name == "instance" and not project.has(f"{rel}/__init__.py")
            if (
                child.name.lower() in data_folders.names()
                and project.is_dir(rel)
                and (config_only or not _has_code(sources, rel))
            ):
                found.append(rel)
    return found


def _has_code(sources: list[str], rel: str) -> bool:
    return any(path.startswith(f"{rel}/") for path in sources)
