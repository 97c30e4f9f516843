"""Starter apps for a new repo: the smallest program per language that the generated Docker files build,
run and test on the first try.

The files are data, shipped in the package under scaffold/starters/<language>/ (Go: the multi-stage
tutorial's `go-app` printing "Hello from Go!"; Node: an HTTP server with a dev dependency and a test;
Python: a Flask app with a test). They are offered only where no project is detected.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scaffold.models import Detection
from scaffold.project import ProjectDir
from scaffold.providers import detect_all

STARTERS = Path(__file__).parent / "starters"


def languages() -> list[str]:
    return sorted(p.name for p in STARTERS.iterdir() if p.is_dir())


def files(language: str) -> dict[str, bytes]:
    """The starter's files, relative posix path → bytes."""
    root = STARTERS / language
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def detect(project_name: str, language: str, starter: dict[str, bytes]) -> Detection:
    """What the providers detect in the starter, as if it were already in a directory named like the project.

    Detection reads files on disk; the starter is laid out in a private directory of the same name, so the
    Docker files are decided before anything reaches the project.
    """
    with tempfile.TemporaryDirectory(prefix="scaffold-starter-") as tmp:
        root = Path(tmp) / project_name
        for rel, data in starter.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        found = detect_all(ProjectDir(root))
    return next((d for d in found if d.language == language), Detection(language, 0, ("starter",)))
