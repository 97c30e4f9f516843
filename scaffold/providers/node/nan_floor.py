"""Old native addons (bcrypt 3, sqlite3 4, iconv, …) compile against nan, the C++ layer over V8 their lock pins; a
nan older than the chosen Node's V8 accepts (catalogue node.toml `nan_floor`) fails the install in node-gyp. The
installs then run without scripts, every copy of nan becomes the catalogued one, and the install scripts run after
(`npm rebuild`, the project's own included, as the install would have run them): the addon compiles unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.ceiling import every_locked
from scaffold.providers.node.data import node_data, package_manager

INSTALLS = ("install_command", "prod_install_command")
SKIPS_SCRIPTS = ("--ignore-scripts", "ENABLE_SCRIPTS=false", "--mode=skip-build")


@dataclass(frozen=True)
class NanFloor:
    facts: list[Fact]
    notes: list[str]


def floor_for(major: int) -> str:
    """The oldest nan that compiles on Node `major`, or "" where none is known to be needed."""
    floors: dict[str, str] = node_data().get("nan_floor", {}).get("floors", {})
    known = sorted((int(m), v) for m, v in floors.items())
    below = [v for m, v in known if m <= major]
    return below[-1] if below else ""


def nan_floor(project: ProjectDir, manager: str, major: int, facts: list[Fact]) -> NanFloor:
    """The installs (and the facts `nan_floor`, `nan_rebuild`) for a lock whose nan is too old for Node `major`."""
    rebuild = str(package_manager(manager).get("rebuild", ""))
    floor = floor_for(major)
    if not rebuild or not floor:
        return NanFloor(facts, [])
    stale = sorted({(v, s) for v, s in every_locked(project, "nan") if _older(v, floor)})
    if not stale:
        return NanFloor(facts, [])
    version = str(node_data()["nan_floor"]["version"])
    locked = ", ".join(v for v, _ in stale)
    installs = [str(f.value) for f in facts if f.key in INSTALLS]
    if any(skip in command for command in installs for skip in SKIPS_SCRIPTS):
        # An install that already skips scripts (a build or a Prisma hook in them) runs them elsewhere or not
        # at all: no second rebuild here; the note says what fails.
        note = (
            f"{stale[0][1]} pins nan {locked}, older than Node {major} compiles addons against ({floor}), and the "
            f"install skips install scripts: update the addons that need nan (npm ls nan) if the build fails"
        )
        return NanFloor(facts, [note])
    source = f"{stale[0][1]} (nan {locked})"
    out = [Fact(f.key, f"{f.value} --ignore-scripts", source) if f.key in INSTALLS else f for f in facts]
    out += [Fact("nan_floor", version, source), Fact("nan_rebuild", rebuild, source)]
    note = (
        f"{stale[0][1]} pins nan {locked}, which addons cannot compile against on Node {major} (it needs {floor} or "
        f"newer): the installs skip scripts, put nan {version} in place of every copy, then run them ({rebuild})"
    )
    return NanFloor(out, [note])


def _older(version: str, floor: str) -> bool:
    try:
        return Version(version) < Version(floor)
    except InvalidVersion:
        return False
