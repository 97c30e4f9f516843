"""The Linux builds a package-lock.json left out: npm writes a lock without the optional, platform-specific
packages of a native dependency (rollup, esbuild, @swc/core, @next/swc, lightningcss, sharp) when it was run on
macOS or Windows over an existing node_modules (npm/cli#4828). `npm ci` then installs no Linux binary and the
build fails with "Cannot find module @rollup/rollup-linux-x64-gnu"; `npm install` does not repair it either.

The lock still names what is missing: each package's `optionalDependencies` with the version it asks for. The
missing ones built for Linux on glibc (the images are Debian) are installed after `npm ci`, per architecture,
at those versions; a lock written on Linux lacks none of them and gets nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir

LOCK_LIMIT = 64 * 1024 * 1024
NPM_LOCKS = ("npm-shrinkwrap.json", "package-lock.json")
ARCHES = {"x64": "amd64", "amd64": "amd64", "arm64": "arm64", "aarch64": "arm64"}
"""A platform package's name token → Docker's TARGETARCH."""
OTHER_LIBCS = frozenset({"musl", "musleabihf", "android", "ohos", "openharmony"})
NAME = re.compile(r"(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")
VERSION = re.compile(r"[~^]?[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?")


@dataclass(frozen=True)
class LinuxPackages:
    """`name@version` specs per TARGETARCH: every missing one (build) and those of production packages (prod)."""

    build: dict[str, tuple[str, ...]]
    prod: dict[str, tuple[str, ...]]

    def __bool__(self) -> bool:
        return any(self.build.values())

    def names(self) -> list[str]:
        """The packages, each once (without version), for a note."""
        return sorted({spec.rpartition("@")[0] for specs in self.build.values() for spec in specs})


def missing_linux_packages(project: ProjectDir, lockfile: str) -> LinuxPackages:
    """What the npm `lockfile` lacks for Linux; empty for other lockfiles or a lock that cannot be read."""
    empty = LinuxPackages({}, {})
    if lockfile not in NPM_LOCKS:
        return empty
    try:
        lock = json.loads(project.read_text(lockfile, LOCK_LIMIT))
    except (InputError, ValueError, UnicodeDecodeError):
        return empty
    packages = lock.get("packages") if isinstance(lock, dict) else None
    if not isinstance(packages, dict):
        return empty
    build: dict[str, set[str]] = {"amd64": set(), "arm64": set()}
    prod: dict[str, set[str]] = {"amd64": set(), "arm64": set()}
    for path, entry in packages.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("optionalDependencies"), dict):
            continue
        for name, version in entry["optionalDependencies"].items():
            arch = _linux_arch(name)
            if not arch or not isinstance(version, str) or not VERSION.fullmatch(version):
                continue
            if _resolved(packages, str(path), name):
                continue
            build[arch].add(f"{name}@{version}")
            if not entry.get("dev"):
                prod[arch].add(f"{name}@{version}")
    return LinuxPackages(
        {a: tuple(sorted(s)) for a, s in build.items()},
        {a: tuple(sorted(s)) for a, s in prod.items()},
    )


def foreign_extraneous(project: ProjectDir, lockfile: str) -> list[str]:
    """The packages an npm `lockfile` marks extraneous, built for another platform and not optional: npm 11
    writes such entries (nested platform builds of a dependency it deduplicated) and skips them, while npm 10
    (Node 20's and 22's) installs them and stops with EBADPLATFORM. Empty for other lockfiles."""
    if lockfile not in NPM_LOCKS:
        return []
    try:
        lock = json.loads(project.read_text(lockfile, LOCK_LIMIT))
    except (InputError, ValueError, UnicodeDecodeError):
        return []
    packages = lock.get("packages") if isinstance(lock, dict) else None
    if not isinstance(packages, dict):
        return []
    found = []
    for path, entry in packages.items():
        if not isinstance(entry, dict) or not entry.get("extraneous") or entry.get("optional"):
            continue
        systems, cpus = entry.get("os"), entry.get("cpu")
        foreign = (isinstance(systems, list) and "linux" not in systems) or (
            isinstance(cpus, list) and not {"x64", "arm64"} & set(cpus)
        )
        if foreign:
            found.append(str(path).rpartition("node_modules/")[2])
    return sorted(set(found))


def _linux_arch(name: str) -> str:
    """The TARGETARCH a package named for Linux on glibc is built for, or ''."""
    if not NAME.fullmatch(name):
        return ""
    tokens = set(re.split(r"[-/_.@]", name))
    if "linux" not in tokens or tokens & OTHER_LIBCS:
        return ""
    found = {ARCHES[t] for t in tokens if t in ARCHES}
    return found.pop() if len(found) == 1 else ""


def _resolved(packages: dict[str, Any], path: str, name: str) -> bool:
    """Whether Node's resolution from `path` finds `name` in the lock (its own node_modules, then each parent's)."""
    base = path
    while True:
        candidate = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if candidate in packages:
            return True
        if not base:
            return False
        cut = base.rfind("/node_modules/")
        base = base[:cut] if cut >= 0 else ""
