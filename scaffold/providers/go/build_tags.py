"""The build tags a project's own build instructions pass to `go build` (Makefile, README, build scripts):
`-tags sqlite_fts5` compiles SQLite's full-text search in, `-tags prod` picks the production config file. The
image builds with the same tags."""

from __future__ import annotations

import re

from scaffold.project import ProjectDir

BUILD_DOCS = (
    "Makefile",
    "makefile",
    "GNUmakefile",
    "Justfile",
    "justfile",
    "build.sh",
    "scripts/build.sh",
    "README.md",
)
# `go run -tags dev` in a README is how to develop, not how to ship: only build and install lines count.
_TAGS = re.compile(r"\bgo\s+(?:build|install)\b[^\n]*?\s--?tags(?:=|\s+)(?:\"([^\"\n]*)\"|'([^'\n]*)'|([\w.,]+))")
TAG = re.compile(r"[A-Za-z0-9_.]+")


def build_tags(project: ProjectDir, module_dir: str) -> tuple[str, str] | None:
    """(tags joined by commas, file) of the first `go build -tags …` in the module's or the project's build
    instructions; None when none names plain tags (a make variable such as $(TAGS) is not read)."""
    prefix = "" if module_dir == "." else module_dir + "/"
    for doc in dict.fromkeys(p + d for p in (prefix, "") for d in BUILD_DOCS):
        if not project.has(doc):
            continue
        for m in _TAGS.finditer(project.read_text(doc)):
            tags = [t for t in re.split(r"[\s,]+", next(g for g in m.groups() if g is not None)) if t]
            if tags and all(TAG.fullmatch(t) for t in tags):
                return ",".join(dict.fromkeys(tags)), doc
    return None
