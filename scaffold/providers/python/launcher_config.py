"""The port a launcher's own config file sets (Streamlit's `.streamlit/config.toml` `[server] port = 8502`): the
app's documented port, which the image serves on instead of the launcher's default."""

from __future__ import annotations

import tomllib
from typing import Any

from scaffold.project import ProjectDir


def config_port(project: ProjectDir, path: str, key: str) -> str:
    """The port at the dotted `key` of the TOML file `path`, "" when either is absent or the value is no port.
    A file that does not parse gives "": the launcher reports it itself when it starts."""
    if not path or not key or not project.has(path):
        return ""
    try:
        value: Any = tomllib.loads(project.read_text(path))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ""
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | str):
        return ""
    text = str(value).strip()
    return text if text.isascii() and text.isdigit() and 0 < int(text) < 65536 else ""
