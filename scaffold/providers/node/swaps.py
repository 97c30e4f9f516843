"""Locked packages that cannot build on the chosen Node, replaced in the image by ones that do, never in the
project's files: a version the catalogue (node.toml `swaps`) knows to fail gets a newer one (nan older than the
Node's V8 accepts: the addons built on it fail in node-gyp; sharp before 0.33: it downloads libvips from GitHub while
it installs); a package no image is old enough for gets its catalogued
stand-in (`node_ceilings.<name>.stand_in`: dart-sass for node-sass). The installs then run without scripts, each
stand-in (with its own dependencies) goes into every copy's folder, and the skipped install scripts run after
(`npm rebuild`, the project's own included, as the install would have run them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from scaffold.errors import InputError
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.ceiling import every_locked, replaced
from scaffold.providers.node.data import node_data, package_manager

INSTALLS = ("install_command", "prod_install_command")
SKIPS_SCRIPTS = ("--ignore-scripts", "ENABLE_SCRIPTS=false", "--mode=skip-build")


@dataclass(frozen=True)
class Swaps:
    facts: list[Fact]
    notes: list[str]


def floor_for(spec: dict[str, Any], major: int) -> str:
    """The oldest version of a swapped package that does on Node `major` (catalogue `below`, else `floors`), or ""
    where none is known to be needed."""
    if spec.get("below"):
        return str(spec["below"])
    known = sorted((int(m), str(v)) for m, v in spec.get("floors", {}).items())
    below = [v for m, v in known if m <= major]
    return below[-1] if below else ""


def swaps(project: ProjectDir, manifest: dict[str, Any], manager: str, major: int, facts: list[Fact]) -> Swaps:
    """The installs (and the facts `swap_packages`, `swap_rebuild`) for the locked packages Node `major` needs
    replaced; the facts unchanged where there are none or the package manager cannot rebuild."""
    rebuild = str(package_manager(manager).get("rebuild", ""))
    stand_ins = replaced(project, manifest, major)
    if not rebuild:
        for ceiling in stand_ins:  # no install can skip scripts and run them later: no image builds it
            raise InputError(ceiling.source, f"{ceiling.no_image}: {ceiling.remedy}")
        return Swaps(facts, [])
    found: list[tuple[str, str, str]] = []  # (folder, name@version, the note)
    notes: list[str] = []
    for ceiling in stand_ins:
        found.append((ceiling.package, ceiling.stand_in, ceiling.source))
        notes.append(
            f"{ceiling.no_image}: the image puts {ceiling.stand_in} in its place (the same JavaScript API); to "
            f"build with what runs here too: {ceiling.remedy}"
        )
    table: dict[str, dict[str, Any]] = node_data().get("swaps", {})
    for package, spec in sorted(table.items()):
        floor = floor_for(spec, major)
        stale = sorted({(v, s) for v, s in every_locked(project, package) if _older(v, floor)}) if floor else []
        if stale:
            found.append((package, str(spec["with"]), stale[0][1]))
            why = str(spec["why"]).format(major=major, floor=floor)
            notes.append(
                f"{stale[0][1]} pins {package} {', '.join(v for v, _ in stale)}, {why}: the image puts "
                f"{spec['with']} in place of every copy"
            )
    if not found:
        return Swaps(facts, [])
    source = ", ".join(sorted({s for _, _, s in found}))
    swapped = " ".join(f"{folder}={spec}" for folder, spec, _ in found)
    # An install that skips scripts already (a build or a Prisma hook in them) runs them later or not at all; the
    # others skip them now and run them once the packages are in place.
    running = {str(f.key) for f in facts if f.key in INSTALLS and not any(s in str(f.value) for s in SKIPS_SCRIPTS)}
    out = [Fact(f.key, f"{f.value} --ignore-scripts", source) if f.key in running else f for f in facts]
    out += [
        Fact("swap_packages", swapped, source),
        Fact("swap_rebuild", rebuild, source),
        Fact("swap_rebuild_build", "install_command" in running, source),
        Fact("swap_rebuild_deps", "prod_install_command" in running, source),
    ]
    if running:
        notes.append(f"the installs skip install scripts and run them once the packages are in place ({rebuild})")
    return Swaps(out, notes)


def _older(version: str, floor: str) -> bool:
    try:
        return Version(version) < Version(floor)
    except InvalidVersion:
        return False
