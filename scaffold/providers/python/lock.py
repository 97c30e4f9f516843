"""What a lockfile says beyond the manifests: every package it resolves for production, and the Python versions
its binary wheels were built for.

Read with tomllib/json only. A package counts when production reaches it: uv's dependency graph from the
project and its workspace members (dev groups left out), Poetry's `main` group, PDM's `default` group,
Pipfile.lock's `default` section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from scaffold.project import ProjectDir

LOCKS = {"uv": "uv.lock", "poetry": "poetry.lock", "pdm": "pdm.lock", "pipenv": "Pipfile.lock"}
_CPYTHON_TAG = re.compile(r"-cp(\d)(\d+)-(?!abi3)[^-]+-[^-]+\.whl$")
"""A wheel built for one CPython version (`cp311-cp311-manylinux…`); `abi3` wheels serve every later one."""


@dataclass(frozen=True)
class Locked:
    """The production packages a lockfile resolves, and the bound its wheels put on the Python version."""

    lockfile: str
    packages: frozenset[str]
    """Normalized names."""
    wheel_versions: tuple[str, ...] = ()
    """The X.Y versions every binary-wheeled package has a wheel for (empty when nothing bounds them)."""
    wheel_reason: str = ""
    """The package that bounds them most, with its versions (for `detect`)."""


def read_lock(project: ProjectDir, installer: str) -> Locked | None:
    path = LOCKS.get(installer, "")
    if not path or not project.has(path):
        return None
    if installer == "pipenv":
        data = project.read_json(path)
        default = data.get("default", {}) if isinstance(data, dict) else {}
        return Locked(path, frozenset(canonicalize_name(str(k)) for k in default))
    lock = project.read_toml(path)
    packages = [p for p in lock.get("package", []) if isinstance(p, dict) and isinstance(p.get("name"), str)]
    if installer == "uv":
        names = _uv_production(packages)
    else:
        main = "main" if installer == "poetry" else "default"
        names = {canonicalize_name(p["name"]) for p in packages if _in_group(p, main)}
    wanted = [p for p in packages if canonicalize_name(p["name"]) in names]
    versions, reason = _wheel_bound(wanted)
    return Locked(path, frozenset(names), versions, reason)


def _in_group(package: Mapping[str, Any], main: str) -> bool:
    groups = package.get("groups")
    if isinstance(groups, list):
        return main in groups
    category = package.get("category")  # Poetry 1's locks
    return category is None or category == main


def _uv_production(packages: list[dict[str, Any]]) -> set[str]:
    """Names reached from the project and its workspace members through their `dependencies` (not dev groups)."""
    by_name = {canonicalize_name(p["name"]): p for p in packages}
    todo = [
        name
        for name, p in by_name.items()
        if isinstance(p.get("source"), dict) and {"editable", "virtual", "directory"} & p["source"].keys()
    ]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        package = by_name.get(name, {})
        deps = package.get("dependencies", [])
        optional = package.get("optional-dependencies", {})
        extra = [d for group in optional.values() for d in group] if isinstance(optional, dict) else []
        for dep in [*(deps if isinstance(deps, list) else []), *extra]:
            if isinstance(dep, dict) and isinstance(dep.get("name"), str):
                todo.append(canonicalize_name(dep["name"]))
    return seen


def _wheel_files(package: Mapping[str, Any]) -> Iterable[str]:
    for entry in [*package.get("wheels", []), *package.get("files", [])]:
        if isinstance(entry, dict):
            yield str(entry.get("url") or entry.get("file") or "")


def _wheel_bound(packages: list[dict[str, Any]]) -> tuple[tuple[str, ...], str]:
    """The X.Y versions for which every package that ships only version-specific Linux wheels has one.

    A package with a pure-Python or abi3 wheel runs anywhere; one whose newest wheel is cp311 falls back to its
    sdist on 3.12+, which an old release rarely builds. Packages with no Linux wheel build from source anyway."""
    allowed: set[str] | None = None
    lowest: tuple[tuple[int, ...], str] = ((1000,), "")
    for package in packages:
        wheels = [f for f in _wheel_files(package) if f.endswith(".whl")]
        linux = [f for f in wheels if "linux" in f.rsplit("-", 1)[-1]]
        if not linux or any("-none-" in f or "-abi3-" in f for f in wheels):
            continue
        tags = {f"{m.group(1)}.{m.group(2)}" for f in linux if (m := _CPYTHON_TAG.search(f))}
        if not tags:
            continue
        allowed = tags if allowed is None else allowed & tags
        newest = max(_key(v) for v in tags)
        if newest < lowest[0]:
            lowest = (
                newest,
                f"{package['name']} {package.get('version', '')} has Linux wheels up to cp{''.join(map(str, newest))}",
            )
    if not allowed:
        return (), ""
    return tuple(sorted(allowed, key=_key)), lowest[1]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def lock_requires_python(project: ProjectDir, installer: str) -> str:
    """The Python requirement the lock was resolved for (uv's requires-python, PDM's targets), "" if none."""
    path = LOCKS.get(installer, "")
    if installer not in ("uv", "pdm") or not project.has(path):
        return ""
    lock = project.read_toml(path)
    if installer == "uv":
        return str(lock.get("requires-python", ""))
    targets = lock.get("metadata", {}).get("targets", [])
    found = [str(t["requires_python"]) for t in targets if isinstance(t, dict) and t.get("requires_python")]
    return found[0] if len(found) == 1 else ""


def wheel_spec(versions: tuple[str, ...]) -> SpecifierSet:
    """`3.9 … 3.11` as `>=3.9,<3.12`: the span the wheels cover."""
    low, high = versions[0], versions[-1]
    major, minor = high.split(".")
    return SpecifierSet(f">={low},<{major}.{int(minor) + 1}")
