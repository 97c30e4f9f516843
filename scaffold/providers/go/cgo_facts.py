"""The facts of the system C libraries cgo code links: the Debian packages the build stage installs, and the
libraries whose run-time packages the final image installs (decided per Debian release: decide.py)."""

from __future__ import annotations

from collections.abc import Iterable

from scaffold.models import Fact
from scaffold.providers.go.data import c_libraries, c_library_names

PKG_CONFIG = "pkg-config"


def library_facts(names: Iterable[str], source: str) -> tuple[list[Fact], list[str]]:
    """Facts for the libraries `names` link (-l flags, pkg-config names, or [c_libraries] keys), and the names
    the catalogue does not know (they stay a note: nothing is installed for them)."""
    by_name = c_library_names()
    known = c_libraries()
    keys: list[str] = []
    unknown: list[str] = []
    pkg_config = False
    for name in names:
        key = name if name in known else by_name.get(name)
        if key is None:
            unknown.append(name)
            continue
        keys.append(key)
        # `#cgo pkg-config: libwebp` runs pkg-config in the build: it is no part of the golang image.
        pkg_config = pkg_config or not (name.startswith("-l") or name in known)
    keys = list(dict.fromkeys(keys))
    if not keys:
        return [], unknown
    build = [p for k in keys for p in known[k].build] + ([PKG_CONFIG] if pkg_config else [])
    return [
        Fact("cgo_libraries", " ".join(keys), source),
        Fact("cgo_build_packages", " ".join(dict.fromkeys(build)), source),
    ], unknown


def run_packages(libraries: str, debian: str) -> str:
    """The run-time packages of the [c_libraries] keys in `libraries` on `debian`."""
    known = c_libraries()
    keys = [k for k in libraries.split() if k in known]
    return " ".join(dict.fromkeys(p for k in keys for p in known[k].run_packages(debian)))
