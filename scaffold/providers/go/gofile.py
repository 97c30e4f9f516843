"""A Go file as the scans read it: its text (within the read limit), package clause, build constraint,
comments dropped, and the module's non-test files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import join

from scaffold.project import MAX_BYTES, ProjectDir

PACKAGE = re.compile(r"^package\s+(\w+)", re.MULTILINE)
FUNC_MAIN = re.compile(r"^func main\(\)", re.MULTILINE)
IGNORE_TAG = re.compile(r"^//(go:build|\s*\+build)\s+ignore\b", re.MULTILINE)
COMMENT = re.compile(r"""("(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*')|//[^\n]*|/\*.*?\*/""", re.DOTALL)
"""A string (group 1, kept) or a comment (dropped): commented-out code (`// r.Run(":8080")`) and prose in comments
are no listen address, file or port. Directives (//go:embed, cgo's preamble) are read from the text as it is."""
BUILD_CONSTRAINT = re.compile(r"^//(?:go:build|\s*\+build)\s", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    """One Go file of the module, comments dropped, for what one file's address needs from the others."""

    file: str
    dir: str
    package: str
    code: str
    listens: bool
    """It has a listen call and no address of its own: the address is declared in another file."""
    text: str = ""
    """The file as written (its build constraint, which `code` drops with the comments)."""


def go_source(project: ProjectDir, rel: str) -> str:
    """A Go file's text, or "" for one over the read limit: a generated table or go-bindata's assets (x/text's
    collate tables are 5 MB, aws-sdk-go's service APIs more) hold no package main, listen call or cgo, and a
    project that has one must not be refused."""
    path = project.path(rel)
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        return ""
    return project.read_text(rel)


GO_SKIP_DIRS = frozenset({"vendor", "node_modules", "testdata"})
"""What the go tool never builds from; unlike other languages, `build/` or `dist/` may hold Go packages."""


def go_files(project: ProjectDir, module_dir: str) -> list[str]:
    """Non-test .go files of the module at `module_dir`, relative to the project root."""
    prefix = "" if module_dir == "." else module_dir + "/"
    out = []
    for rel in project.walk((".go",), skip=GO_SKIP_DIRS):
        if not rel.startswith(prefix) or rel.endswith("_test.go"):
            continue
        inner = rel[len(prefix) :]
        # The go tool ignores testdata and _-prefixed dirs; nested modules are not this module's.
        parts = inner.split("/")[:-1]
        if any(p == "testdata" or p.startswith("_") for p in parts):
            continue
        if any(project.has(join(prefix, *parts[: i + 1], "go.mod")) for i in range(len(parts))):
            continue
        out.append(rel)
    return out


def block_end(code: str, pos: int) -> int:
    """Where the brace-delimited literal or block around `pos` closes (the end of `code` if it does not)."""
    depth = 0
    start = code.rfind("{", 0, pos)
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code)


_TYPED_VERSION = re.compile(
    r"(?m)^(?:var[ \t]+|[ \t]+)version(?:[ \t]+(?!string\b)[*\[\w]"
    r"|[ \t]*=[ \t]*(?:flag\.|pflag\.|kingpin\.|\d|true\b|false\b|&|\[\]|map\[|[A-Za-z_][\w.]*\{))"
)
"""A `version` declared with a type or value that is no string (`var version = flag.Bool("version", …)`,
`version int`); a struct field of that name matches too, which costs only the stamp."""


def typed_version(code: str) -> bool:
    """True when the code (comments dropped) declares a `version` the linker's -X cannot set."""
    return bool(_TYPED_VERSION.search(code))
