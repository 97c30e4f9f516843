"""Peer dependencies a package-lock.json leaves unmet: a lock written with `npm install --legacy-peer-deps` (the
usual answer to ERESOLVE in React projects) keeps a package whose peer range excludes the installed version, or
leaves its peer out. A plain `npm ci` re-checks the peers and stops with ERESOLVE; with the same flag it installs
what the lock says. An .npmrc that sets legacy-peer-deps (or force) already reaches the installs.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import nodesemver

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.node.platform_lock import LOCK_LIMIT, NPM_LOCKS

_NPMRC_FLAG = re.compile(r"^\s*(?:legacy-peer-deps|force)\s*=\s*true\s*$", re.M)


def unmet_peers(project: ProjectDir, lockfile: str) -> list[str]:
    """`package → peer@range` for each peer the npm `lockfile` leaves unmet; [] when npm's own settings
    (.npmrc) already relax the check, or for other lockfiles."""
    if lockfile not in NPM_LOCKS or (project.has(".npmrc") and _NPMRC_FLAG.search(project.read_text(".npmrc"))):
        return []
    try:
        lock = json.loads(project.read_text(lockfile, LOCK_LIMIT))
    except (InputError, ValueError, UnicodeDecodeError):
        return []
    packages = lock.get("packages") if isinstance(lock, dict) else None
    if not isinstance(packages, dict):
        return []
    unmet: list[str] = []
    for path, entry in packages.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("peerDependencies"), dict):
            continue
        meta = entry.get("peerDependenciesMeta")
        meta = meta if isinstance(meta, dict) else {}
        for name, wanted in entry["peerDependencies"].items():
            found = _resolve(packages, str(path), str(name))
            optional = isinstance(meta.get(name), dict) and meta[name].get("optional") is True
            version = found.get("version") if isinstance(found, dict) else None
            if (found is None and not optional) or (
                isinstance(version, str) and isinstance(wanted, str) and not _satisfies(version, wanted)
            ):
                unmet.append(f"{str(path).rpartition('node_modules/')[2]} → {name}@{wanted}")
    return unmet


def _resolve(packages: dict[str, Any], path: str, name: str) -> Any:
    """The lock entry Node's resolution from `path` finds for `name` (its own node_modules, then each parent's)."""
    base = path
    while True:
        candidate = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if candidate in packages:
            return packages[candidate]
        if not base:
            return None
        cut = base.rfind("/node_modules/")
        base = base[:cut] if cut >= 0 else ""


@cache
def _satisfies(version: str, wanted: str) -> bool:
    try:
        return bool(nodesemver.satisfies(version, wanted, loose=True, include_prerelease=True))
    except (ValueError, TypeError):
        return True  # a range npm itself would read differently (a tag, a URL): not ours to judge
