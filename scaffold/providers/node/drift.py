"""Lockfile drift: a lockfile that no longer matches package.json makes `npm ci` (and every frozen install) fail.

Each lockfile records the ranges package.json asked for when it was written; a dependency added, removed or
re-ranged since then is drift. yarn.lock (1 and berry) keys its entries by `name@range`, so a range
package.json asks for with no entry of its own is drift too. Reported at init in one line with the command
that fixes it, and the image installs without freezing the lock (detect.py), so the build does not fail on it.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from scaffold.project import ProjectDir
from scaffold.providers.node.jsonc import strip_jsonc

LOCK_LIMIT = 64 * 1024 * 1024
DEP_KEYS = ("dependencies", "devDependencies", "optionalDependencies")
FIX = {
    "npm": "npm install",
    "yarn": "yarn install",
    "yarn-berry": "yarn install",
    "pnpm": "pnpm install",
    "bun": "bun install",
}


def drift_note(project: ProjectDir, manifest: dict[str, Any], manager: str, lockfile: str) -> str:
    """One line naming the first mismatch and the fix, or '' when the lockfile matches (or cannot be judged)."""
    wanted = {n: r for k in DEP_KEYS for n, r in (manifest.get(k) or {}).items() if isinstance(r, str)}
    locked = _yarn_ranges(project, wanted) if lockfile == "yarn.lock" else _locked_ranges(project, lockfile)
    if locked is None:
        return ""
    missing = sorted(n for n in wanted if n not in locked)
    changed = sorted(n for n in wanted if n in locked and locked[n] is not None and locked[n] != wanted[n])
    extra = sorted(n for n in locked if n not in wanted)
    if not (missing or changed or extra):
        return ""
    if missing:
        what = f"{missing[0]} is in package.json but not in {lockfile}"
    elif changed:
        what = f"{changed[0]} is {wanted[changed[0]]!r} in package.json but {locked[changed[0]]!r} in {lockfile}"
    else:
        what = f"{lockfile} still lists {extra[0]}, which package.json no longer has"
    return (
        f"{lockfile} is out of sync with package.json ({what}): a frozen install would fail, so the image "
        f"installs without freezing the lock (versions may differ from it); run `{FIX.get(manager, 'npm install')}` "
        f"and commit {lockfile}"
    )


_TEXT_LOCKS = ("package-lock.json", "npm-shrinkwrap.json", "bun.lock", "pnpm-lock.yaml")


def _locked_ranges(project: ProjectDir, lockfile: str) -> dict[str, str | None] | None:
    """Direct dependency → the range the lockfile recorded (None: present, range not recorded); None for a lockfile
    it cannot read (bun.lockb is binary: bun itself judges it)."""
    if lockfile not in _TEXT_LOCKS:
        return None
    try:
        text = project.read_text(lockfile, LOCK_LIMIT)
        if lockfile in ("package-lock.json", "npm-shrinkwrap.json"):
            root = json.loads(text).get("packages", {}).get("")
            return _ranges(root) if isinstance(root, dict) else None
        if lockfile == "bun.lock":
            root = json.loads(strip_jsonc(text)).get("workspaces", {}).get("")
            return _ranges(root) if isinstance(root, dict) else None
        if lockfile == "pnpm-lock.yaml":
            data = yaml.safe_load(text) or {}
            root = (data.get("importers") or {}).get(".") or data
            return {
                n: (v.get("specifier") if isinstance(v, dict) else None)
                for k in DEP_KEYS
                for n, v in (root.get(k) or {}).items()
            }
    except (ValueError, AttributeError, yaml.YAMLError):
        return None  # an unreadable lockfile is the package manager's to report
    return None


def _yarn_ranges(project: ProjectDir, wanted: dict[str, str]) -> dict[str, str | None] | None:
    """yarn.lock as the ranges it holds for each wanted dependency: the wanted range when an entry is keyed by it,
    else another range it has for that name; names it has no entry for are left out (so they count as missing).

    yarn.lock does not say which entries are direct dependencies, so a dependency removed from package.json is not
    seen; only ranges of the registry's own form are judged (a `workspace:`, `patch:` or git range is skipped).
    """
    try:
        text = project.read_text("yarn.lock", LOCK_LIMIT)
    except ValueError:
        return None
    keyed: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line[0] in " #\t" or not line.rstrip().endswith(":"):
            continue
        for spec in line.rstrip()[:-1].split(", "):
            name, _, rng = spec.strip().strip('"').rpartition("@")
            if name and not name.startswith("__"):
                keyed.setdefault(name, set()).add(rng.removeprefix("npm:"))
    out: dict[str, str | None] = {}
    for name, rng in wanted.items():
        if ":" in rng or "/" in rng:
            out[name] = None  # not a registry range: the lock's own form of it is not compared
        elif name in keyed:
            out[name] = rng if rng in keyed[name] else sorted(keyed[name])[0]
    return out


def _ranges(root: dict[str, Any]) -> dict[str, str | None]:
    return {n: r for k in DEP_KEYS for n, r in (root.get(k) or {}).items() if isinstance(r, str)}
