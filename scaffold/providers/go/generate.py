"""Embedded files `go generate` makes: a //go:embed pattern that matches nothing in the project (its output is
git-ignored) in a module with //go:generate lines. `go build` stops at "pattern …: no matching files found", so
the build stage runs `go generate ./...` first."""

from __future__ import annotations

import re

from scaffold.models import Fact
from scaffold.project import ProjectDir

GENERATE = re.compile(r"(?m)^//go:generate[ \t]+\S")
"""A go:generate directive (at the start of a line, as the go command reads it)."""
_GLOB = re.compile(r"[*?\[]")


def generate_facts(
    project: ProjectDir, module_dir: str, embeds: tuple[str, ...], generators: tuple[str, ...]
) -> tuple[list[Fact], list[str]]:
    """go_generate when an embedded pattern is missing and the module generates code; its note."""
    prefix = "" if module_dir == "." else module_dir + "/"
    missing = [p for p in embeds if not _matches(project, prefix, p)]
    if not missing or not generators:
        return [], []
    note = (
        f"//go:embed {missing[0]} matches nothing in the project and {generators[0]} has //go:generate lines: "
        "the build runs `go generate ./...` first (commit the generated files to build without it)"
    )
    return [Fact("go_generate", True, generators[0])], [note]


def _matches(project: ProjectDir, prefix: str, pattern: str) -> bool:
    """Whether an embed pattern (module-relative, `all:` stripped) matches a file or folder of the project."""
    pattern = pattern.removeprefix("all:")
    if not _GLOB.search(pattern):
        return project.has(prefix + pattern) or project.is_dir(prefix + pattern)
    return bool(project.glob(prefix + pattern))
