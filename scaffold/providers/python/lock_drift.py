"""A lock out of sync with pyproject.toml: requirements pyproject.toml declares that the lock does not hold
(a dependency added by hand, without `uv lock` or `poetry lock`).

`uv sync --frozen` installs such a lock as it is, so the new package is missing at run time (ModuleNotFoundError):
the image installs the locked packages first and lets uv lock again in the project step. `poetry export` refuses
a stale lock outright (its content-hash no longer matches pyproject.toml, a bound changed or a package was
added): the image runs `poetry lock` before it exports.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from scaffold.project import ProjectDir


def missing_from_lock(project: ProjectDir, installer: str) -> tuple[str, ...]:
    """Names pyproject.toml requires that the installer's lock lacks, sorted; () when in sync or not judged."""
    if installer == "poetry":
        return _poetry_missing(project)
    return _uv_missing(project) if installer == "uv" else ()


_POETRY_LEGACY_KEYS = ("dependencies", "source", "extras", "dev-dependencies")
_POETRY_KEYS = (*_POETRY_LEGACY_KEYS, "group")
_PROJECT_KEYS = ("requires-python", "dependencies", "optional-dependencies")


def poetry_lock_stale(project: ProjectDir) -> bool:
    """poetry.lock's content-hash differs from the one Poetry 2 computes from pyproject.toml (what `poetry export`
    and `poetry check --lock` compare); False without a hash to compare."""
    if not (project.has("poetry.lock") and project.has("pyproject.toml")):
        return False
    recorded = project.read_toml("poetry.lock").get("metadata", {})
    wanted = recorded.get("content-hash") if isinstance(recorded, dict) else None
    return isinstance(wanted, str) and wanted != _poetry_content_hash(project.read_toml("pyproject.toml"))


def _poetry_content_hash(data: dict[str, Any]) -> str:
    """The hash Poetry 2 records: the JSON of pyproject.toml's dependency-relevant tables, keys sorted (checked
    against every poetry.lock among the examples)."""
    project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    groups = data.get("dependency-groups") or {}
    tool = data.get("tool", {}) if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry", {}) if isinstance(tool.get("poetry"), dict) else {}
    relevant_project = {k: project[k] for k in _PROJECT_KEYS if project.get(k) is not None}
    relevant_poetry = {
        k: poetry.get(k)
        for k in _POETRY_KEYS
        if poetry.get(k) is not None or (k in _POETRY_LEGACY_KEYS and not relevant_project)
    }
    content: dict[str, Any] = relevant_poetry  # Poetry 1's layout: [tool.poetry]'s tables at the top
    if groups:
        content = {"project": relevant_project, "dependency-groups": groups, "tool": {"poetry": relevant_poetry}}
    elif relevant_project:
        content = {"project": relevant_project, "tool": {"poetry": relevant_poetry}}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _poetry_missing(project: ProjectDir) -> tuple[str, ...]:
    """Declared names (PEP 621 dependencies, [tool.poetry] dependencies and groups) with no package in poetry.lock."""
    if not (project.has("poetry.lock") and project.has("pyproject.toml")):
        return ()
    packages = project.read_toml("poetry.lock").get("package", [])
    locked = {_name(p.get("name")) for p in packages if isinstance(p, dict)} if isinstance(packages, list) else set()
    data = project.read_toml("pyproject.toml")
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    poetry = poetry if isinstance(poetry, dict) else {}
    groups = poetry.get("group")
    groups = groups if isinstance(groups, dict) else {}
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    tables += [g.get("dependencies") for g in groups.values() if isinstance(g, dict)]
    declared = {_name(k) for t in tables if isinstance(t, dict) for k in t if k.lower() != "python"}
    table = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    declared |= {_requirement_name(r) for r in table.get("dependencies", []) or [] if isinstance(r, str)}
    return tuple(sorted(declared - locked - {""}))


def _uv_missing(project: ProjectDir) -> tuple[str, ...]:
    """Names a pyproject.toml requires (dependencies, extras, dependency groups) that uv.lock's entry for it lacks,
    sorted: the root's and every workspace member's the lock lists as a local package; () when in sync, or when the
    lock records no requirements (an old lock format)."""
    if not (project.has("uv.lock") and project.has("pyproject.toml")):
        return ()
    packages = project.read_toml("uv.lock").get("package", [])
    name = project.read_toml("pyproject.toml").get("project", {}).get("name")
    root = _root(packages, name)
    if root is None or not _records(root):
        return ()
    missing = _entry_missing(project, "pyproject.toml", root)
    for member, entry in _members(project, packages):
        missing |= _entry_missing(project, member, entry)
    return tuple(sorted(missing - {""}))


def _records(entry: dict[str, Any]) -> bool:
    """The lock records this package's requirements (uv's lock format since 0.4 does, for local packages)."""
    meta = entry.get("metadata")
    return isinstance(meta, dict) and "requires-dist" in meta


def _entry_missing(project: ProjectDir, manifest: str, entry: dict[str, Any]) -> set[str]:
    """What `manifest` declares that the lock's `entry` for it does not record (a member that required nothing when
    it was locked has no metadata table at all)."""
    meta = entry.get("metadata") if _records(entry) else {}
    if not isinstance(meta, dict):
        return set()
    locked = {_name(r.get("name")) for r in meta.get("requires-dist", []) if isinstance(r, dict)}
    for group in (meta.get("requires-dev") or {}).values():
        locked |= {_name(r.get("name")) for r in group if isinstance(r, dict)} if isinstance(group, list) else set()
    return _declared(project, manifest) - locked


def _members(project: ProjectDir, packages: object) -> list[tuple[str, dict[str, Any]]]:
    """The lock's workspace members inside the project: (their pyproject.toml, their lock entry)."""
    found = []
    for entry in packages if isinstance(packages, list) else []:
        source = entry.get("source") if isinstance(entry, dict) else None
        folder = next((source[k] for k in ("editable", "virtual") if isinstance(source, dict) and k in source), None)
        if not isinstance(folder, str) or folder in (".", "") or folder.startswith(("/", "..")):
            continue
        manifest = f"{folder.strip('/')}/pyproject.toml"
        if project.has(manifest):
            found.append((manifest, entry))
    return found


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


def _declared(project: ProjectDir, manifest: str = "pyproject.toml") -> set[str]:
    data = project.read_toml(manifest)
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
