"""The names of every package a lockfile installs, a dependency's dependencies included: what native code the
install compiles (bcrypt under a dependency) and which libraries the image needs for it (canvas: cairo).

package-lock.json v2/v3 lists them flat under `packages` ("node_modules/a/node_modules/b"); v1 (npm 5/6) nests them
in `dependencies`, each with its own `dependencies`. Both mark devDependencies-only packages `"dev": true`.
yarn.lock (1 and berry) and pnpm-lock.yaml name them in their entry keys, without telling dev from production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir

_NPM_LOCK = "package-lock.json"
_YARN_KEY = re.compile(r'^"?(@?[^@\s"]+)@', re.M)
_PNPM_KEY = re.compile(r"^\s{2}['\"]?/?(@?[^@/\s'\"]+(?:/[^@/\s'\"]+)?)[@/]\d", re.M)


@dataclass(frozen=True)
class Locked:
    """Package names the lockfile installs: all of them, and those the production install keeps."""

    every: frozenset[str] = field(default_factory=frozenset)
    production: frozenset[str] = field(default_factory=frozenset)
    source: str = ""


def locked_packages(project: ProjectDir) -> Locked:
    """Every package the project's lockfile installs; empty without a lockfile it can read."""
    if project.has(_NPM_LOCK):
        return _npm(project)
    for name, pattern in (("yarn.lock", _YARN_KEY), ("pnpm-lock.yaml", _PNPM_KEY)):
        if project.has(name):
            names = frozenset(pattern.findall(project.read_text(name)))
            return Locked(names, names, name)
    return Locked()


def _npm(project: ProjectDir) -> Locked:
    try:
        lock = project.read_json(_NPM_LOCK)
    except InputError:
        return Locked()
    if not isinstance(lock, dict):
        return Locked()
    every: set[str] = set()
    production: set[str] = set()
    packages = lock.get("packages")
    if isinstance(packages, dict):  # v2/v3
        for key, entry in packages.items():
            if isinstance(key, str) and "node_modules/" in key:
                _add(key.rsplit("node_modules/", 1)[1], entry, every, production)
        return Locked(frozenset(every), frozenset(production), _NPM_LOCK)
    stack: list[Any] = [lock.get("dependencies")]  # v1: a tree, walked without recursion
    while stack and len(every) < 20000:
        deps = stack.pop()
        if not isinstance(deps, dict):
            continue
        for name, entry in deps.items():
            if isinstance(name, str):
                _add(name, entry, every, production)
                stack.append(entry.get("dependencies") if isinstance(entry, dict) else None)
    return Locked(frozenset(every), frozenset(production), _NPM_LOCK)


def _add(name: str, entry: Any, every: set[str], production: set[str]) -> None:
    every.add(name)
    if not (isinstance(entry, dict) and entry.get("dev") is True):
        production.add(name)


def lock_bins(project: ProjectDir) -> dict[str, str]:
    """bin name → package, from a package-lock.json v2/v3's top-level entries (`"bin": {"sequelize": ...}`)."""
    if not project.has(_NPM_LOCK):
        return {}
    try:
        lock = project.read_json(_NPM_LOCK)
    except InputError:
        return {}
    packages = lock.get("packages") if isinstance(lock, dict) else None
    if not isinstance(packages, dict):
        return {}
    found: dict[str, str] = {}
    for key, entry in packages.items():
        name = key.removeprefix("node_modules/") if isinstance(key, str) else ""
        if name and "node_modules/" not in name and isinstance(entry, dict) and isinstance(entry.get("bin"), dict):
            found.update({str(b): name for b in entry["bin"]})
    return found
