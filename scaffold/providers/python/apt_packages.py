"""packages.txt: the Debian packages a Hugging Face Space or a Streamlit Community Cloud app asks for, one a line
(`ffmpeg`, `libgl1`, `tesseract-ocr`); both platforms apt-get install them before the pip install. Build tools and
headers (`*-dev`, build-essential, cmake) go into the build stage, where pip may compile; the rest into the final
image, where the app runs (a compiler there would fail verify's tooling check and only add megabytes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffold.project import ProjectDir

FILE = "packages.txt"
_NAME = re.compile(r"[a-z0-9][a-z0-9+.-]+")
_BUILD_ONLY = re.compile(r".*-dev|build-essential|gcc|g\+\+|cpp|make|cmake|pkg-config|pkgconf|clang|autoconf|automake")


@dataclass(frozen=True)
class AptPackages:
    build: tuple[str, ...]
    """Build tools and headers: the build stage only."""
    run: tuple[str, ...]
    """Everything else: the final image."""
    ignored: tuple[str, ...]
    """Lines that are no Debian package name (left out, and said so)."""


def apt_packages(project: ProjectDir) -> AptPackages | None:
    """packages.txt's packages, or None when the project has none."""
    if not project.has(FILE):
        return None
    names: list[str] = []
    ignored: list[str] = []
    for raw in project.read_text(FILE).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        (names if _NAME.fullmatch(line) else ignored).append(line)
    names = list(dict.fromkeys(names))
    build = tuple(n for n in names if _BUILD_ONLY.fullmatch(n))
    return AptPackages(build, tuple(n for n in names if n not in build), tuple(ignored))
