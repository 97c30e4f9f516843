"""Compilers and package-manager caches: build tools that a final image should not ship."""

from __future__ import annotations

import re
from collections.abc import Iterable

COMPILERS = re.compile(
    r"^/usr/(?:local/)?bin/(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|(?:x86_64|aarch64)-linux-gnu-(?:gcc|g\+\+))(?:-\d+)?$"
    r"|^/usr/local/go/bin/go$"
)
CACHES = re.compile(
    r"^(?:/root|/home/[^/]+)/(?:\.npm|\.cache/(?:pip|yarn|uv|pypoetry|pdm|go-build)|\.yarn/berry/cache"
    r"|\.local/share/pnpm/store|\.bun/install/cache|\.pnpm-store)/"
    r"|^/usr/local/share/\.cache/yarn/|^/go/pkg/mod/"
)


def compilers(files: Iterable[str]) -> list[str]:
    return sorted(f for f in files if COMPILERS.match(f))


def caches(files: Iterable[str]) -> list[str]:
    """The cache folders holding files (one line per cache folder, not per file)."""
    roots = set()
    for f in files:
        if m := CACHES.match(f):
            roots.add(m.group(0).rstrip("/"))
    return sorted(roots)
