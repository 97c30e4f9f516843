"""A uv.lock out of sync with pyproject.toml: requirements pyproject.toml declares that the lock's record of the
project does not (a dependency added without `uv lock`).

`uv sync --frozen` installs such a lock as it is, so the new package is missing at run time (ModuleNotFoundError).
The image then installs the locked packages first and lets uv lock again in the project step.
"""

from __future__ import annotations

from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from scaffold.project import ProjectDir


def missing_from_lock(project: ProjectDir) -> tuple[str, ...]:
    """Names pyproject.toml requires (dependencies, extras, dependency groups) that uv.lock's root lacks, sorted;
    () when in sync, or when the lock records no requirements for the project (an old lock format)."""
    if not (project.has("uv.lock") and project.has("pyproject.toml")):
        return ()
    name = project.read_toml("pyproject.toml").get("project", {}).get("name")
    root = _root(project.read_toml("uv.lock").get("package", []), name)
    meta = root.get("metadata") if root is not None else None
    if not isinstance(meta, dict) or "requires-dist" not in meta:
        return ()
    locked = {_name(r.get("name")) for r in meta.get("requires-dist", []) if isinstance(r, dict)}
    for group in (meta.get("requires-dev") or {}).values():
        locked |= {_name(r.get("name")) for r in group if isinstance(r, dict)} if isinstance(group, list) else set()
    return tuple(sorted(_declared(project) - locked - {""}))


def _root(packages: object, name: object) -> dict[str, Any] | None:
    """The lock's entry for the project itself (its source is the project folder, editable or virtual)."""
    if not isinstance(packages, list) or not isinstance(name, str):
        return None
    wanted = canonicalize_name(name)
    return next(
        (p for p in packages if isinstance(p, dict) and _name(p.get("name")) == wanted and _local(p.get("source"))),
        None,
    )


def _local(source: object) -> bool:
    return isinstance(source, dict) and (source.get("editable") == "." or source.get("virtual") == ".")


def _declared(project: ProjectDir) -> set[str]:
    data = project.read_toml("pyproject.toml")
    table = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    lines: list[object] = list(table.get("dependencies", []) or [])
    for extra in (table.get("optional-dependencies") or {}).values():
        lines += extra if isinstance(extra, list) else []
    for group in (data.get("dependency-groups") or {}).values():
        lines += group if isinstance(group, list) else []  # {include-group = …} tables are not requirements
    uv = data.get("tool", {}).get("uv", {}) if isinstance(data.get("tool"), dict) else {}
    lines += uv.get("dev-dependencies", []) if isinstance(uv, dict) else []
    return {_requirement_name(line) for line in lines if isinstance(line, str)}


def _requirement_name(line: str) -> str:
    try:
        return canonicalize_name(Requirement(line).name)
    except InvalidRequirement:
        return ""  # uv would refuse it too: not scaffold's to report here


def _name(value: object) -> str:
    return canonicalize_name(value) if isinstance(value, str) else ""
