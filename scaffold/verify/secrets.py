"""Secrets in any layer above the base: by scaffold/catalogue/secrets.toml (names, places, content), by the
project's .dockerignore's secret patterns, and by content anywhere (a private key, a token)."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from scaffold import secret_files
from scaffold.verify.layers import Layer

# The catalogue and the .dockerignore name files of the build context; packages a package manager installed
# (certifi's cacert.pem, a library's test key fixtures) are not the project's secrets. Content rules still
# apply there.
INSTALLED_TREES = ("/site-packages/", "/dist-packages/", "/node_modules/", "/usr/share/", "/usr/lib/", "/etc/ssl/")
PROJECT_TREES = ("/usr/share/nginx/html/",)
"""Under an installed tree, but the project's own files: a static site's build output, served by nginx."""

PACKAGE_TEST_DIRS = ("test", "tests", "testing", "testdata", "test_data", "fixtures")
"""Folders inside an installed package that hold its own test suite: tornado/test/test.key, twisted's test keys and
the like are published fixtures, the same bytes in every install, not a credential of the project."""

# An installed package's documentation shows sample keys (dotenv's README has a PEM block to explain multi-line
# values): it is nobody's credential, and failing every app that depends on such a package would be noise.
INSTALLED_DOCS = (".md", ".markdown", ".rst")

# Installed Python code names the key formats it parses (cryptography's ssh.py holds the OpenSSH PEM marker, so
# every image with cryptography failed; autobahn's and twisted's docstrings show sample keys): for .py/.pyc under
# site-packages the private-key rule alone is not applied (tokens and cloud keys still are).
INSTALLED_PYTHON = ("/site-packages/", "/dist-packages/")
INSTALLED_CODE = (".py", ".pyc", ".pyi")
# The same for installed JavaScript: ssh2's key parser holds the markers, @dotenvx/dotenvx's CLI help shows a sample
# OpenSSH key (every app depending on it failed the scan).
INSTALLED_NODE = ("/node_modules/",)
INSTALLED_NODE_CODE = (".js", ".cjs", ".mjs", ".ts", ".cts", ".mts")

# Debian's file-type databases name every key format they recognise: shared-mime-info's magic and mime.cache (which
# ffmpeg, tesseract-ocr and most desktop libraries pull in) and file's magic.mgc hold "-----BEGIN … PRIVATE KEY"
# as patterns, so an image with ffmpeg failed the scan. Only the private-key rule is skipped there.
FORMAT_DATABASES = ("/usr/share/mime/", "/usr/share/misc/magic", "/usr/share/file/magic", "/usr/lib/file/magic")

IGNORE_SECRET_WORDS = ("env", "secret", "key", "pem", "credential", "token", "npmrc", "pypirc", "netrc", "id_")


@dataclass(frozen=True)
class Finding:
    path: str
    layer: int
    why: str


def dockerignore_patterns(text: str) -> tuple[str, ...]:
    """The .dockerignore lines that name secrets (a line with env, key, secret, token...), as name globs."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "!")):
            continue
        name = line.rstrip("/").split("/")[-1]
        if any(word in name.lower() for word in IGNORE_SECRET_WORDS):
            out.append(name)
    return tuple(out)


def why_secret(path: str, data: bytes | None, extra: Iterable[str] = ()) -> str | None:
    """Why the file at `path` (with its bytes, None when too big to keep) is a secret, or None."""
    if not _installed(path):
        why = secret_files.why_secret(path, data)
        if why is not None:
            return why
        name = posixpath.basename(path)
        for pattern in extra:
            if fnmatch.fnmatch(name, pattern) and not secret_files.kept(name):
                return f"named by the .dockerignore pattern {pattern!r}"
    if data is None or _package_test_fixture(path) or _installed_doc(path):
        return None
    if _installed_code(path):
        return next((w for w, p in secret_files.anywhere() if b"PRIVATE KEY" not in p.pattern and p.search(data)), None)
    return secret_files.credential_in(data)


def _package_test_fixture(path: str) -> bool:
    """A file in the test folder of a package under an installed tree (site-packages/tornado/test/test.key)."""
    tree = next((t for t in INSTALLED_TREES[:3] if t in path), "")
    if not tree:
        return False
    inside = path.split(tree, 1)[1].split("/")[1:-1]
    return any(part in PACKAGE_TEST_DIRS for part in inside)


def _installed(path: str) -> bool:
    return any(tree in path for tree in INSTALLED_TREES) and not path.startswith(PROJECT_TREES)


def _installed_code(path: str) -> bool:
    """Installed Python source or bytecode (site-packages/cryptography/.../ssh.py and its .pyc), installed JavaScript
    (node_modules/ssh2/lib/protocol/keyParser.js), Debian's file-type databases (/usr/share/mime/magic)."""
    name = posixpath.basename(path)
    if path.startswith(FORMAT_DATABASES):
        return True
    if any(t in path for t in INSTALLED_NODE) and name.endswith(INSTALLED_NODE_CODE):
        return True
    return any(t in path for t in INSTALLED_PYTHON) and name.endswith(INSTALLED_CODE)


def _installed_doc(path: str) -> bool:
    """An installed package's documentation (a README under node_modules or site-packages)."""
    return _installed(path) and posixpath.basename(path).lower().endswith(INSTALLED_DOCS)


def scan(layers: Iterable[Layer], ignore_patterns: tuple[str, ...] = ()) -> list[Finding]:
    """Every secret in the given layers, whether or not a later layer deleted it."""
    found = []
    for layer in layers:
        for path, entry in layer.entries.items():
            if not entry.is_file or entry.size == 0:
                continue  # an empty file holds nothing (a placeholder .env the app insists on opening)
            why = why_secret(path, layer.texts.get(path), ignore_patterns)
            if why is not None:
                found.append(Finding(path, layer.index, why))
    return found
