"""A Hugging Face Space's README.md header (YAML front matter: `sdk: gradio`, `sdk_version: 5.9.1`): the Space
installs its SDK itself, so its requirements.txt often leaves it out. The image installs the version the header
names."""

from __future__ import annotations

import yaml
from packaging.version import InvalidVersion, Version

from scaffold.project import ProjectDir

README = "README.md"


def sdk_version(project: ProjectDir, sdk: str) -> str:
    """The `sdk_version` README.md's front matter gives when its `sdk` is `sdk`, else "" (no header, another SDK,
    or a value that is no version)."""
    if not project.has(README):
        return ""
    text = project.read_text(README)
    if not text.startswith("---"):
        return ""
    head, sep, _ = text[3:].partition("\n---")
    if not sep:
        return ""
    try:
        header = yaml.safe_load(head)
    except yaml.YAMLError:
        return ""
    if not isinstance(header, dict) or str(header.get("sdk", "")).lower() != sdk:
        return ""
    raw = str(header.get("sdk_version", "")).strip()
    try:
        return str(Version(raw)) if raw else ""
    except InvalidVersion:
        return ""
