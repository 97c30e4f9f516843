"""Where the app is when the repository's root holds none: many repositories keep it one folder down
(`server/`, `backend/`, `api/`, a `client/` beside it), with no manifest at the root at all.

`scaffold init` at such a root generates for the app in that folder, as `scaffold init FOLDER` would, and says
so; a server beats a static site or a program, then the folder names servers usually have, then the detection's
own score. The others are named so that a person can generate for them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import ScaffoldError
from scaffold.models import Detection
from scaffold.project import ProjectDir
from scaffold.providers import detect_all

MAX_FOLDERS = 40
"""Folders looked at, in name order: a root with more is not one app's repository."""
NOT_APPS = frozenset(
    {"node_modules", "vendor", "venv", "env", "docs", "doc", "examples", "example", "test", "tests", "e2e",
     "scripts", "dist", "build", "target", "bin", "__pycache__", "site-packages", "fixtures", "migrations"}
)  # fmt: skip
SERVER_NAMES = ("server", "backend", "api", "app", "web", "service", "src")


@dataclass(frozen=True)
class Found:
    folder: str
    detection: Detection


GROUPS = ("apps", "services", "packages", "projects")
"""Folders that hold apps one level further down (`apps/api/`, `services/web/`) in repositories without a
workspace manifest: their folders are the candidates, never the group folder itself."""


def apps_below(root: Path) -> list[Found]:
    """The apps in `root`'s immediate folders and its group folders' folders, the one to generate for first."""
    return sorted((found for name, path in folders_below(root) if (found := _app_in(path, name))), key=_rank)


def folders_below(root: Path) -> list[tuple[str, Path]]:
    """The folders an app may be in (its name relative to `root`, its path): `root`'s own folders and those of
    its group folders, in name order, without the ones that hold no app by their name."""
    found = _folders_in(root, "")
    for group in GROUPS:
        if (root / group).is_dir() and not (root / group).is_symlink():
            found += _folders_in(root / group, f"{group}/")
    return found


def _folders_in(folder: Path, prefix: str) -> list[tuple[str, Path]]:
    try:
        folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return []
    return [
        (prefix + path.name, path)
        for path in folders[:MAX_FOLDERS]
        if not path.name.startswith((".", "_"))
        and path.name.lower() not in NOT_APPS
        and (prefix or path.name not in GROUPS)
    ]


def _app_in(path: Path, name: str) -> Found | None:
    try:
        detections = detect_all(ProjectDir(path))
    except ScaffoldError:
        return None  # a broken manifest in a folder nobody asked for is not this run's error
    return Found(name, detections[0]) if detections else None


def _rank(found: Found) -> tuple[int, int, int, str]:
    port = found.detection.fact("port")
    framework = found.detection.fact("framework")
    static = framework is not None and framework.value == "spa"  # Node's static sites, served by nginx
    server = port is not None and bool(port.value) and not static
    name = found.folder.rsplit("/", 1)[-1].lower()
    named = SERVER_NAMES.index(name) if name in SERVER_NAMES else len(SERVER_NAMES)
    return (0 if server else 1, named, -found.detection.score, name)
