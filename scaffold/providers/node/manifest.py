"""package.json, read once and checked for shape: every field scaffold reads has the type npm gives it.

A `"dependencies": "x"` or a workspace glob of "" or "/abs" is the project's mistake, not scaffold's: it is
refused here, naming the file and the field (exit 2), so no later step meets a value of the wrong type.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir

DEPENDENCY_FIELDS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def read_manifest(project: ProjectDir, rel: str) -> dict[str, Any]:
    """A package.json as a dict whose fields scaffold reads are of the right type; InputError otherwise."""
    data = project.read_json(rel)
    if not isinstance(data, dict):
        raise InputError(rel, "expected a JSON object")
    for key in (*DEPENDENCY_FIELDS, "scripts", "engines"):
        value = data.get(key)
        if value is not None and not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            raise InputError(rel, f"{key}: expected an object of names to strings")
    for key in ("packageManager", "name", "main", "type"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InputError(rel, f"{key}: expected a string")
    raw = data.get("workspaces")
    if isinstance(raw, dict):
        raw = raw.get("packages")
    if raw is not None:
        check_globs(rel, "workspaces", raw)
    return data


def check_globs(rel: str, key: str, raw: Any) -> list[str]:
    """Workspace member globs: a list of non-empty relative patterns inside the project (`!` excludes)."""
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise InputError(rel, f"{key}: expected a list of relative path patterns")
    for pattern in raw:
        path = PurePosixPath(pattern.removeprefix("!"))
        if not pattern.strip() or path.is_absolute() or ".." in path.parts or "\\" in pattern:
            raise InputError(rel, f"{key}: {pattern!r} is not a relative path pattern inside the project")
    return raw
