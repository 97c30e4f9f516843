"""cgo in Go source: files that `import "C"`, the system libraries they link, and vendored cgo."""

from __future__ import annotations

import re

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import BUILD_CONSTRAINT, PACKAGE, go_source

IMPORT_C = re.compile(r'^\s*import\s+"C"|^import\s*\((?:[^)]*\n)*?\s*"C"\s*\n', re.MULTILINE)
_CGO_LDFLAGS = re.compile(r"^(?://)?\s*#cgo\s+(?:[\w,!]+\s+)?LDFLAGS:(.*)$", re.MULTILINE)
_CGO_PKG_CONFIG = re.compile(r"^(?://)?\s*#cgo\s+(?:[\w,!]+\s+)?pkg-config:(.*)$", re.MULTILINE)
_STD_LIBS = frozenset({"-lc", "-lm", "-lpthread", "-ldl", "-lrt", "-lstdc++"})
CXX_SUFFIXES = (".cc", ".cpp", ".cxx")


def cgo_links(text: str) -> tuple[set[str], bool]:
    """The non-standard libraries a cgo file links (-l flags, pkg-config names), and whether it links libstdc++."""
    libs: set[str] = set()
    cxx = False
    for m in _CGO_LDFLAGS.finditer(text):
        flags = m.group(1).split()
        cxx = cxx or "-lstdc++" in flags
        libs.update(f for f in flags if f.startswith("-l") and f not in _STD_LIBS)
    for m in _CGO_PKG_CONFIG.finditer(text):
        libs.update(m.group(1).split())
    return libs, cxx


_OTHER_OS = re.compile(
    r"_(?:windows|darwin|ios|freebsd|openbsd|netbsd|dragonfly|solaris|illumos|aix|plan9|js|wasip1|android)"
    r"(?:_[a-z0-9]+)?\.go$"
)
MAX_VENDORED_FILES = 5000
"""At most this many vendored files are read for cgo (a huge vendor/ cannot make init slow)."""


def vendored_cgo(project: ProjectDir, module_dir: str) -> str | None:
    """The first vendored file the build compiles with cgo whatever the tags: a package listed in
    vendor/modules.txt (the packages the build uses) with `import "C"` in a file with no build constraint and no
    other OS in its name. A file constrained (`//go:build cgo`, a !cgo twin beside it) is optional and not counted."""
    prefix = "" if module_dir == "." else module_dir + "/"
    listed = project.read_text(prefix + "vendor/modules.txt")
    packages = [line.strip() for line in listed.splitlines() if line.strip() and not line.startswith("#")]
    read = 0
    for package in packages:
        if ".." in package.split("/"):
            continue
        folder = f"{prefix}vendor/{package}"
        if not project.is_dir(folder):
            continue
        # Not project.glob: it skips vendor/ (no project's own sources are there).
        for rel in sorted(f"{folder}/{p.name}" for p in project.path(folder).glob("*.go")):
            if rel.endswith("_test.go") or _OTHER_OS.search(rel):
                continue
            read += 1
            if read > MAX_VENDORED_FILES:
                return None
            text = go_source(project, rel)
            package_clause = PACKAGE.search(text)
            head = text[: package_clause.start()] if package_clause else text
            if not BUILD_CONSTRAINT.search(head) and IMPORT_C.search(text):
                return rel
    return None
