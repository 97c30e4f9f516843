"""Dependencies that build only up to some Node major (node-sass 4.x: Node 14): the version the project installs,
from its lockfile (transitive ones too: node-sass-middleware brings node-sass), else from package.json. Init uses an
image major at or below the ceiling, or refuses in one line naming the package and the remedy (catalogue/node.toml
`node_ceilings`), instead of a build that fails in node-gyp after a download GitHub may not serve."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.version import NodeVersion, image_majors, lowest_major


@dataclass(frozen=True)
class Ceiling:
    """The newest Node major `package` (at `version`, found in `source`) builds on, and what to do instead."""

    package: str
    version: str
    source: str
    major: int
    remedy: str
    stand_in: str = ""
    """A package that can take its place (name@version), where no script runs its command."""

    @property
    def no_image(self) -> str:
        """What refuses or replaces it: '<package> <version> builds only on Node N or older, which has no image
        here'."""
        return f"{self.package} {self.version} builds only on Node {self.major} or older, which has no image here"


def ceilings(project: ProjectDir, manifest: dict[str, Any]) -> list[Ceiling]:
    """Every catalogued package the project installs whose version has a Node ceiling."""
    table: dict[str, dict[str, Any]] = node_data().get("node_ceilings", {})
    found: list[Ceiling] = []
    for package, spec in sorted(table.items()):
        nested = every_locked(project, package)  # a dependency's own copy counts: npm builds it too
        top = installed(project, manifest, package)
        candidates = nested or ([top] if top[0] else [])
        limits = [(spec.get("majors", {}).get(v.split(".", 1)[0]), v, s) for v, s in candidates]
        bound = [(limit, v, s) for limit, v, s in limits if isinstance(limit, int)]
        if bound:
            limit, version, source = min(bound)
            stand_in = "" if _runs_command(manifest, str(spec.get("cli", ""))) else str(spec.get("stand_in", ""))
            found.append(Ceiling(package, version, source, limit, str(spec.get("remedy", "")), stand_in))
    return found


def replaced(project: ProjectDir, manifest: dict[str, Any], major: int) -> list[Ceiling]:
    """The ceilings below Node `major` that a stand-in resolves: no image is old enough for them (swaps.py)."""
    return [c for c in ceilings(project, manifest) if c.major < major and _replaced(c)]


def _replaced(ceiling: Ceiling) -> bool:
    return bool(ceiling.stand_in) and not any(m <= ceiling.major for m in image_majors())


def _runs_command(manifest: dict[str, Any], command: str) -> bool:
    """Whether a package.json script runs `command` (a word of the script, not part of another)."""
    scripts = manifest.get("scripts")
    if not command or not isinstance(scripts, dict):
        return False
    word = re.compile(rf"(?:^|[\s;&|(]){re.escape(command)}(?:$|[\s;&|)])")
    return any(isinstance(s, str) and word.search(s) for s in scripts.values())


def within_ceilings(project: ProjectDir, manifest: dict[str, Any], version: NodeVersion) -> NodeVersion:
    """`version`, or the newest image major the installed packages still build on; InputError if there is none."""
    # A package with a stand-in that no image is old enough for is replaced instead (swaps.py).
    found = [c for c in ceilings(project, manifest) if c.major < version.major and not _replaced(c)]
    if not found:
        return version
    lowest = min(found, key=lambda c: c.major)
    fits = [m for m in image_majors() if m <= lowest.major]
    if not fits:
        raise InputError(lowest.source, f"{lowest.no_image}: {lowest.remedy}")
    note = (
        f"{lowest.package} {lowest.version} builds only on Node {lowest.major} or older: using Node {fits[0]} "
        f"(or {lowest.remedy})"
    )
    return NodeVersion(fits[0], lowest.source, "; ".join(n for n in (version.note, note) if n))


def installed(project: ProjectDir, manifest: dict[str, Any], package: str) -> tuple[str, str]:
    """(version, file) of `package` in the lockfile, else the lowest major its package.json range allows."""
    for locked in (_from_npm_lock(project, package), _from_text_lock(project, package)):
        if locked[0]:
            return locked
    for key in ("dependencies", "devDependencies"):
        deps = manifest.get(key)
        spec = deps.get(package) if isinstance(deps, dict) else None
        if isinstance(spec, str):
            major = lowest_major(spec)
            if major is not None:
                return f"{major}.x", "package.json"
    return "", ""


def _from_npm_lock(project: ProjectDir, package: str) -> tuple[str, str]:
    if not project.has("package-lock.json"):
        return "", ""
    try:
        lock = project.read_json("package-lock.json")
    except InputError:
        return "", ""
    if not isinstance(lock, dict):
        return "", ""
    packages = lock.get("packages")  # lockfile v2/v3
    entry = packages.get(f"node_modules/{package}") if isinstance(packages, dict) else None
    if entry is None:
        deps = lock.get("dependencies")  # lockfile v1: the hoisted tree
        entry = deps.get(package) if isinstance(deps, dict) else None
    version = entry.get("version") if isinstance(entry, dict) else None
    return (version, "package-lock.json") if isinstance(version, str) and _VERSION.match(version) else ("", "")


_VERSION = re.compile(r"\d+\.\d+\.\d+")


def every_locked(project: ProjectDir, package: str) -> list[tuple[str, str]]:
    """(version, lockfile) of every copy of `package` the lockfile installs, nested ones included."""
    found: list[tuple[str, str]] = []
    if project.has("package-lock.json"):
        try:
            lock = project.read_json("package-lock.json")
        except InputError:
            lock = None
        if isinstance(lock, dict):
            found = [(v, "package-lock.json") for v in _npm_versions(lock, package)]
    name = re.escape(package)
    patterns = {
        "yarn.lock": re.compile(rf'^"?{name}@[^\n]*:\n\s+version:?\s+"?(\d+\.\d+\.\d+)', re.M),
        "pnpm-lock.yaml": re.compile(rf"^\s+['\"]?/?{name}[@/](\d+\.\d+\.\d+)", re.M),
    }
    for lock_name, pattern in patterns.items():
        if not found and project.has(lock_name):
            found = [(v, lock_name) for v in pattern.findall(project.read_text(lock_name))]
    return found


def _npm_versions(lock: dict[str, Any], package: str) -> list[str]:
    """Versions of `package` anywhere in a package-lock.json: v2/v3's flat `packages`, v1's nested tree."""
    versions: list[Any] = []
    packages = lock.get("packages")
    if isinstance(packages, dict):
        suffix = f"node_modules/{package}"
        versions = [e.get("version") for k, e in packages.items() if k.endswith(suffix) and isinstance(e, dict)]
    else:
        stack: list[Any] = [lock.get("dependencies")]  # v1: walked without recursion, bounded
        seen = 0
        while stack and seen < 20000:
            deps = stack.pop()
            if not isinstance(deps, dict):
                continue
            for name, entry in deps.items():
                seen += 1
                if isinstance(entry, dict):
                    if name == package:
                        versions.append(entry.get("version"))
                    stack.append(entry.get("dependencies"))
    return [v for v in versions if isinstance(v, str) and _VERSION.match(v)]


def _from_text_lock(project: ProjectDir, package: str) -> tuple[str, str]:
    """yarn.lock (`node-sass@^4.0.0:` then `version "4.14.1"`), pnpm-lock.yaml (`/node-sass@4.14.1`)."""
    name = re.escape(package)
    patterns = {
        "yarn.lock": re.compile(rf'^"?{name}@[^\n]*:\n\s+version:?\s+"?(\d+\.\d+\.\d+)', re.M),
        "pnpm-lock.yaml": re.compile(rf"^\s+['\"]?/?{name}[@/](\d+\.\d+\.\d+)", re.M),
    }
    for lock, pattern in patterns.items():
        if project.has(lock):
            match = pattern.search(project.read_text(lock))
            if match:
                return match.group(1), lock
    return "", ""
