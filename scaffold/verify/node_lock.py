"""The packages only a Node project's devDependencies need, from its lockfile, and which of them an image ships.

npm's lock marks them itself (`packages[...].dev`, handled in devdeps.py). pnpm 9, yarn (1 and berry) and bun
record no such flag, so the dependency graph each lock holds is walked twice: from every manifest's
dependencies (and optionalDependencies) and from its devDependencies; a package name reached only the second
way is dev-only. Names, not versions: a name the production graph reaches at any version is never reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

PROD_KEYS = ("dependencies", "optionalDependencies")
LOCK_LIMIT = 64 * 1024 * 1024
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_NAME = re.compile(r"^(@[^/@\s]+/)?[^/@\s]+$")

LOCAL = ("workspace:", "link:", "file:", "portal:")
"""A workspace member's lock entry lists its devDependencies too: members are roots of their own instead."""

Deps = dict[str, str]
"""name -> the range or version a manifest or lock entry asks for."""


def dev_only_names(project: Path) -> set[str]:
    """Package names only devDependencies reach, from pnpm-lock.yaml, yarn.lock or bun.lock (empty otherwise)."""
    for name, read in (("pnpm-lock.yaml", _pnpm), ("yarn.lock", _yarn), ("bun.lock", _bun)):
        lock = project / name
        if lock.is_file() and lock.stat().st_size <= LOCK_LIMIT:
            try:
                return read(project, lock.read_text(encoding="utf-8"))
            except (ValueError, AttributeError, TypeError, yaml.YAMLError):
                return set()  # an unreadable lock is the package manager's to report
    return set()


GLOBAL_MODULES = ("/usr/local/lib/node_modules/", "/usr/lib/node_modules/", "/opt/yarn")
"""Where node images keep their global tools (npm, corepack, yarn): none of them is the app's dependency."""


def names_in_image(names: set[str], files: Iterable[str]) -> list[str]:
    """The folders of installed packages (any node_modules, pnpm's .pnpm store included) named in `names`; not
    the base image's global tools (npm's own bundled abbrev, semver ... under /usr/local/lib/node_modules)."""
    found = set()
    for f in files:
        if not f.endswith("/package.json") or "/node_modules/" not in f or f.startswith(GLOBAL_MODULES):
            continue
        folder = f.removesuffix("/package.json")
        name = folder.rsplit("/node_modules/", 1)[1]
        if _NAME.match(name) and name in names:
            found.add(folder)
    return sorted(found)


def _walk(roots: Deps, edges: Callable[[str, str], Deps]) -> set[str]:
    seen: set[tuple[str, str]] = set()
    todo = list(roots.items())
    while todo:
        item = todo.pop()
        if item in seen:
            continue
        seen.add(item)
        if not item[1].startswith(LOCAL):
            todo += edges(*item).items()
    return {name for name, _ in seen}


def _split(roots: Iterable[dict[str, Any]], edges: Callable[[str, str], Deps]) -> set[str]:
    found_prod: set[str] = set()
    found_dev: set[str] = set()
    for manifest in roots:
        prod = {n: str(v) for k in PROD_KEYS for n, v in (manifest.get(k) or {}).items()}
        dev = {n: str(v) for n, v in (manifest.get("devDependencies") or {}).items()}
        found_prod |= _walk(prod, edges)
        found_dev |= _walk(dev, edges)
    return found_dev - found_prod


def _pnpm(project: Path, text: str) -> set[str]:
    data = yaml.safe_load(text) or {}
    importers = data.get("importers") or {".": data}
    # pnpm 9 keeps dependency edges in `snapshots` (name@version); 6-8 in `packages` (/name@version).
    table = {
        str(k).lstrip("/"): v or {}
        for k, v in {**(data.get("packages") or {}), **(data.get("snapshots") or {})}.items()
    }

    def version(spec: Any) -> str:
        return str(spec.get("version", "") if isinstance(spec, dict) else spec)

    def edges(name: str, ver: str) -> Deps:
        entry = table.get(f"{name}@{version(ver)}") or {}
        return {n: version(v) for k in PROD_KEYS for n, v in (entry.get(k) or {}).items()}

    roots = [
        {k: {n: version(v) for n, v in (imp.get(k) or {}).items()} for k in (*PROD_KEYS, "devDependencies")}
        for imp in importers.values()
        if isinstance(imp, dict)
    ]
    return _split(roots, edges)


def _yarn(project: Path, text: str) -> set[str]:
    entries = _yarn_berry(text) if "__metadata:" in text else _yarn_classic(text)

    def edges(name: str, rng: str) -> Deps:
        return entries.get(f"{name}@{rng}") or entries.get(f"{name}@npm:{rng}") or {}

    return _split(_manifests(project), edges)


def _yarn_berry(text: str) -> dict[str, Deps]:
    data = yaml.safe_load(text) or {}
    out: dict[str, Deps] = {}
    for key, entry in data.items():
        if key == "__metadata" or not isinstance(entry, dict):
            continue
        deps = {n: str(v) for k in PROD_KEYS for n, v in (entry.get(k) or {}).items()}
        for spec in str(key).split(", "):
            out[spec.strip()] = deps
    return out


def _yarn_classic(text: str) -> dict[str, Deps]:
    """yarn 1's own format: unindented `spec, spec:` headers; `  dependencies:` then `    name "range"` lines."""
    out: dict[str, Deps] = {}
    deps: Deps = {}
    section = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            deps = {}
            for spec in line.rstrip().removesuffix(":").split(", "):
                out[spec.strip().strip('"')] = deps
        elif not line.startswith("    "):
            section = line.strip().removesuffix(":")
        elif section in PROD_KEYS:
            name, _, rng = line.strip().partition(" ")
            deps[name.strip('"')] = rng.strip().strip('"')
    return out


def _bun(project: Path, text: str) -> set[str]:
    data = json.loads(_TRAILING_COMMA.sub(r"\1", text))  # bun.lock is JSON with trailing commas
    packages: dict[str, Any] = data.get("packages") or {}

    def edges(name: str, rng: str) -> Deps:
        entry = packages.get(name)
        info = entry[2] if isinstance(entry, list) and len(entry) > 2 and isinstance(entry[2], dict) else {}
        return {n: str(v) for k in PROD_KEYS for n, v in (info.get(k) or {}).items()}

    return _split((w for w in (data.get("workspaces") or {}).values() if isinstance(w, dict)), edges)


def _manifests(project: Path) -> list[dict[str, Any]]:
    """package.json and its workspace members' (yarn.lock merges a workspace's dependencies and devDependencies)."""
    root = json.loads((project / "package.json").read_text(encoding="utf-8"))
    found = [root]
    spaces = root.get("workspaces") or []
    patterns = spaces.get("packages", []) if isinstance(spaces, dict) else spaces
    for pattern in patterns:
        for member in sorted(project.glob(f"{pattern}/package.json")):
            found.append(json.loads(member.read_text(encoding="utf-8")))
    return found
