"""The environment variables an app reads: the keys of its example env file and the names its code reads.

Only names, never values: a real `.env` is never opened (it holds secrets), and an example file's values are
not copied either. The code scan is bounded like the other scanners (file count and size) and keeps only
names of the `env_name` kind.
"""

from __future__ import annotations

import re

from scaffold.errors import InputError
from scaffold.project import ProjectDir

EXAMPLE_FILES = (".env.example", ".env.sample", ".env.template")
MAX_FILES = 500
MAX_FILE_BYTES = 256 * 1024
MAX_NAMES = 100
NAME = re.compile(r"[A-Z_][A-Z0-9_]*")

_KEY_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", re.M)
_Q = r"""["'`]"""
_PATTERNS: dict[str, tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]] = {
    "python": (
        (".py",),
        (
            re.compile(rf"os\.environ\s*\[\s*{_Q}([A-Za-z_][A-Za-z0-9_]*){_Q}\s*\]"),
            re.compile(rf"os\.(?:environ\.get|getenv)\s*\(\s*{_Q}([A-Za-z_][A-Za-z0-9_]*){_Q}"),
        ),
    ),
    "node": (
        (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx"),
        (
            re.compile(r"process\.env\.([A-Za-z_][A-Za-z0-9_]*)"),
            re.compile(rf"process\.env\[\s*{_Q}([A-Za-z_][A-Za-z0-9_]*){_Q}\s*\]"),
        ),
    ),
    "go": (
        (".go",),
        (re.compile(r'os\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"'),),
    ),
}


def example_keys(project: ProjectDir) -> tuple[str, ...]:
    """Keys of the first example env file the project has (.env.example, .env.sample, .env.template)."""
    for rel in EXAMPLE_FILES:
        if project.has(rel):
            try:
                text = project.read_text(rel, MAX_FILE_BYTES)
            except InputError:
                return ()
            return tuple(m.group(1) for m in _KEY_LINE.finditer(text))
    return ()


def code_names(project: ProjectDir, language: str) -> tuple[str, ...]:
    """Names the code reads through the language's environment API, in the order first seen."""
    spec = _PATTERNS.get(language)
    if spec is None:
        return ()
    suffixes, patterns = spec
    out: list[str] = []
    for rel in project.walk(suffixes, limit=MAX_FILES):
        try:
            text = project.read_text(rel, MAX_FILE_BYTES)
        except InputError:
            continue  # a huge or undecodable file is nobody's configuration code
        for pattern in patterns:
            out.extend(m.group(1) for m in pattern.finditer(text))
    return tuple(out)


def read_names(project: ProjectDir, language: str) -> tuple[str, ...]:
    """Every name the app reads, valid env_name kind only, deduplicated, at most MAX_NAMES."""
    seen: dict[str, None] = {}
    for name in (*example_keys(project), *code_names(project, language)):
        if NAME.fullmatch(name) and name not in seen:
            seen[name] = None
    return tuple(seen)[:MAX_NAMES]
