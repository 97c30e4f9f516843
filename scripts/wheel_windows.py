"""Print the `[wheels]` table of scaffold/catalogue/python.toml: for each compiled package that requirements files
commonly pin, the first release with Linux x86_64 wheels for each Python that has an image.

A project pinning `numpy==1.24.3` builds on a Python that release has wheels for; on a newer one pip compiles it
from source, which fails. The data comes from PyPI's simple index (PEP 691 JSON, the index pip itself reads):

    python scripts/wheel_windows.py > /tmp/wheels.toml    # then replace the [wheels] table with it
"""

from __future__ import annotations

import json
import sys
import urllib.request

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
PACKAGES = (
    "numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "kiwisolver", "contourpy", "pillow", "lxml",
    "psycopg2-binary", "grpcio", "pyarrow", "pydantic-core", "greenlet", "gevent", "uvloop", "httptools", "orjson",
    "ujson", "pyyaml", "regex", "aiohttp", "frozenlist", "multidict", "yarl", "h5py", "shapely", "numba",
    "llvmlite", "tokenizers", "markupsafe", "cffi", "pyzmq", "msgpack", "zstandard", "psutil", "cryptography",
    "wrapt", "sqlalchemy", "tiktoken", "watchfiles", "statsmodels", "scikit-image", "pymupdf", "bcrypt",
    "lz4", "pycryptodome", "rpds-py", "jiter", "asyncpg", "torch",
)  # fmt: skip
INDEX = "https://pypi.org/simple/{name}/"


def files(name: str) -> list[dict[str, object]]:
    request = urllib.request.Request(INDEX.format(name=name), headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return list(json.load(response)["files"])


def usable(tags: frozenset[object], python: str) -> bool:
    """A wheel with these tags installs on CPython `python` on x86_64 Linux (glibc)."""
    cp = "cp" + python.replace(".", "")
    for tag in tags:
        interpreter, abi, platform = str(tag).split("-")
        linux = platform == "any" or ("linux" in platform and platform.endswith("x86_64") and "musl" not in platform)
        if not linux:
            continue
        if abi == "none" and interpreter.startswith("py3"):
            return True
        if interpreter == cp and abi in (cp, "none"):
            return True
        if abi == "abi3" and interpreter.startswith("cp3") and int(interpreter[3:]) <= int(cp[3:]):
            return True
    return False


def firsts(name: str) -> dict[str, str]:
    """Python → the release from which every later one has a usable wheel for it (a release with no usable
    wheel, an sdist only, compiles from source there). A lone patch release without one inside a minor series
    that has them (a botched upload) does not end the run."""
    by_version: dict[Version, list[frozenset[object]]] = {}
    for f in files(name):
        filename = str(f["filename"])
        if f.get("yanked"):
            continue
        try:
            if filename.endswith(".whl"):
                _, version, _, tags = parse_wheel_filename(filename)
            elif filename.endswith((".tar.gz", ".zip")):
                version, tags = (
                    Version(filename.rsplit("-", 1)[-1].removesuffix(".tar.gz").removesuffix(".zip")),
                    frozenset(),
                )
            else:
                continue
        except (InvalidWheelFilename, InvalidVersion):
            continue
        if not version.is_prerelease and not version.is_devrelease:
            by_version.setdefault(version, []).append(frozenset(tags))
    out = {}
    for python in PYTHONS:
        ok = [(v, any(usable(t, python) for t in wheels)) for v, wheels in sorted(by_version.items())]
        newest = max((i for i, (_, good) in enumerate(ok) if good), default=-1)
        if newest < 0:
            continue
        first = newest
        # Down while the releases are usable; one release without wheels between two with (a botched upload)
        # does not end the run.
        while first > 0 and (
            ok[first - 1][1]
            or (first > 1 and ok[first - 2][1] and ok[first - 1][0].release[:2] == ok[first][0].release[:2])
        ):
            first -= 1 if ok[first - 1][1] else 2
        out[python] = str(ok[first][0])
    return out


def main() -> int:
    print("[wheels]")
    for name in PACKAGES:
        found = firsts(name)
        cells = ", ".join(f'"{p}" = "{v}"' for p, v in found.items())
        print(f"{canonicalize_name(name)} = {{ {cells} }}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
