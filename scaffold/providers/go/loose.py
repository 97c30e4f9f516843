"""The module path of Go code without a go.mod (GOPATH-era tutorials): its packages import each other by
`<path>/<folder>`, so the path that prefixes a local folder in the imports is the one `go mod init` takes."""

from __future__ import annotations

import re
from posixpath import dirname

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import go_source

_IMPORTS = re.compile(r'^import\s*(?:\(([^)]*)\)|[\w.]*\s*("[^"\n]*"))', re.MULTILINE)
_PATH = re.compile(r'"([^"\s]+)"')
MODULE_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(?:/[A-Za-z0-9][A-Za-z0-9._~-]*)*")
"""What `go mod init` is given: letters, digits and . _ ~ - in slash-separated elements (no shell character)."""


def module_path(project: ProjectDir, files: list[str]) -> str | None:
    """The one path the files import their local folders by (`github.com/acme/blog/models` beside models/),
    or None when none or several do."""
    folders = {dirname(f) for f in files if "/" in f}
    found: set[str] = set()
    for rel in files:
        for m in _IMPORTS.finditer(go_source(project, rel)):
            for path in _PATH.findall(m.group(1) or m.group(2) or ""):
                found.update(path[: -len(d) - 1] for d in folders if path.endswith("/" + d))
    valid = {p for p in found if MODULE_PATH.fullmatch(p) and ".." not in p}
    return valid.pop() if len(valid) == 1 else None
