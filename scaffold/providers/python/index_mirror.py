"""Requirements files whose -i/--index-url names a public PyPI mirror (catalogue [pypi_mirrors]): pip reads a
file's index over its own settings, and an included file's (`-r base.txt`) as well, so the image installs from
copies without those lines (the mirror serves PyPI's packages). A private index stays: the build needs it, and
verify says so when it cannot reach it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from scaffold.project import ProjectDir
from scaffold.providers.python.data import pypi_mirrors

_INDEX = re.compile(r"^[ \t]*(?:-i|--index-url)(?:[ \t]+|[ \t]*=[ \t]*)(\S+)", re.MULTILINE)


def mirror_index(project: ProjectDir, files: Sequence[str]) -> str:
    """The mirror's host when every index line of the requirements files (the first and all it includes) names a
    public PyPI mirror, else ""."""
    urls = [url for path in files if project.has(path) for url in _INDEX.findall(project.read_text(path))]
    hosts = {(urlsplit(url).hostname or "").lower() for url in urls}
    if not hosts or not hosts <= pypi_mirrors():
        return ""
    return sorted(hosts)[0]
