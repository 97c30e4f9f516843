"""A requirements file whose -i/--index-url names a public PyPI mirror (catalogue [pypi_mirrors]): pip reads the
file's index over its own settings, so the image installs from a copy without that line (the mirror serves PyPI's
packages). A private index stays: the build needs it, and verify says so when it cannot reach it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scaffold.project import ProjectDir
from scaffold.providers.python.data import pypi_mirrors

_INDEX = re.compile(r"^[ \t]*(?:-i|--index-url)(?:[ \t]+|[ \t]*=[ \t]*)(\S+)", re.MULTILINE)


def mirror_index(project: ProjectDir, requirements: str) -> str:
    """The mirror's host when every index line of `requirements` names a public PyPI mirror, else ""."""
    if not project.has(requirements):
        return ""
    urls = _INDEX.findall(project.read_text(requirements))
    hosts = {(urlsplit(url).hostname or "").lower() for url in urls}
    if not hosts or not hosts <= pypi_mirrors():
        return ""
    return sorted(hosts)[0]
