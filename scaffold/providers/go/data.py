"""The Go provider's data: which Go releases have build images, and the final images by need.

Both live in the Go catalogue (scaffold/catalogue/go.toml); the environment may replace the list of releases.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from scaffold import catalogue
from scaffold.errors import UsageError

IMAGES_ENV = "SCAFFOLD_GO_IMAGES"
"""`release=debian` pairs, comma-separated: the golang images a registry carries (replaces the data file's)."""
_RELEASE = re.compile(r"^[1-9][0-9]*\.(?:0|[1-9][0-9]*)$")
_DEBIAN = re.compile(r"^[a-z]+$")


def _data() -> dict[str, Any]:
    return catalogue.load("go")


def release_key(release: str) -> tuple[int, int]:
    major, _, minor = release.partition(".")
    return int(major), int(minor)


def image_releases() -> dict[str, str]:
    """Go release (X.Y) → Debian release of its golang image, oldest first (the environment, else the data file)."""
    listed = os.environ.get(IMAGES_ENV, "").strip()
    pairs: dict[str, str] = {}
    if not listed:
        pairs = {str(k): str(v) for k, v in _data()["images"].items()}
    for pair in filter(None, (p.strip() for p in listed.split(","))):
        release, sep, debian = (s.strip() for s in pair.partition("="))
        if not sep or not _RELEASE.match(release) or not _DEBIAN.match(debian):
            raise UsageError(f"{IMAGES_ENV}: {pair!r}: expected <go release>=<debian release>, e.g. 1.25=trixie")
        pairs[release] = debian
    return dict(sorted(pairs.items(), key=lambda kv: release_key(kv[0])))


def runtime_image(kind: str, debian: str) -> str:
    """The final image for `kind` (static, base, cc, scratch, debian) matching the build image's Debian release."""
    template: str = _data()["runtime"][kind]
    suffix = _data()["distroless"].get(debian)
    if suffix is None:
        raise UsageError(f"debian={debian!r}: no distroless images are known for it (known: bookworm, trixie)")
    return template.format(distroless=suffix, debian=debian)


def frontend_image() -> str:
    """The Node image that builds an embedded frontend (catalogue/go.toml [frontend]) on the newest Node major
    with an image (SCAFFOLD_NODE_IMAGES, else catalogue/node.toml)."""
    majors = [m for m in catalogue.image_versions("node") if m.isascii() and m.isdigit()]
    if not majors:
        raise UsageError("SCAFFOLD_NODE_IMAGES: expected Node majors separated by commas, e.g. 22,20")
    template: str = _data()["frontend"]["image"]
    return template.format(node_major=max(majors, key=int))


def default_port() -> str:
    return str(_data()["defaults"]["port"])


@dataclass(frozen=True)
class BareServer:
    """A framework call that starts a server with no address (gin's r.Run()), and the port it uses."""

    name: str
    import_path: str
    call: str
    port: str
    reads_port: bool
    config: str = ""
    """The config file whose `port_key` sets the port instead (beego's conf/app.conf), module-relative."""
    port_key: str = ""
    folders: tuple[str, ...] = ()
    """Folders it reads from the working directory by convention (beego's conf, views, static)."""


def bare_servers() -> tuple[BareServer, ...]:
    return tuple(
        BareServer(
            name,
            str(f["import"]),
            str(f["call"]),
            str(f["port"]),
            bool(f.get("reads_port", False)),
            str(f.get("config", "")),
            str(f.get("port_key", "")),
            tuple(str(d) for d in f.get("folders", ())),
        )
        for name, f in _data().get("frameworks", {}).items()
    )


@dataclass(frozen=True)
class CgoModule:
    """A module whose packages compile C through cgo (scaffold/catalogue/go.toml [cgo_modules])."""

    module: str
    what: str
    libraries: tuple[str, ...]
    """The [c_libraries] its C code links."""


def cgo_modules() -> dict[str, CgoModule]:
    return {
        str(name): CgoModule(str(name), str(m.get("what", "C code")), tuple(str(p) for p in m.get("libraries", ())))
        for name, m in _data().get("cgo_modules", {}).items()
    }


@dataclass(frozen=True)
class CLibrary:
    """A system C library cgo links (scaffold/catalogue/go.toml [c_libraries]) and its Debian packages."""

    name: str
    build: tuple[str, ...]
    run: dict[str, tuple[str, ...]]
    """Run-time packages by Debian release; "" for the releases not named."""

    def run_packages(self, debian: str) -> tuple[str, ...]:
        return self.run.get(debian, self.run[""])


def c_libraries() -> dict[str, CLibrary]:
    """Each known library by its catalogue key."""
    out = {}
    for key, entry in _data().get("c_libraries", {}).items():
        run = {"": tuple(str(p) for p in entry.get("run", ()))}
        run |= {str(k): tuple(str(p) for p in v) for k, v in entry.items() if k not in ("names", "build", "run")}
        out[str(key)] = CLibrary(str(key), tuple(str(p) for p in entry.get("build", ())), run)
    return out


def c_library_names() -> dict[str, str]:
    """The catalogue key of each -l flag and pkg-config name a library is linked by (-lsqlite3, libwebp)."""
    return {str(n): str(key) for key, entry in _data().get("c_libraries", {}).items() for n in entry.get("names", ())}


def directive_minimum() -> dict[str, str]:
    """The Go release that first parses each newer go.mod directive (scaffold/catalogue/go.toml [directive_minimum])."""
    return {str(k): str(v) for k, v in _data().get("directive_minimum", {}).items()}
