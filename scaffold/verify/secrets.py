"""Secrets in any layer above the base: by file name, by the .dockerignore's secret patterns, and by content."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from scaffold.verify.layers import Layer

# Files that hold credentials by their nature, whatever is in them.
SECRET_NAMES = (
    ".env",
    ".env.*",
    "*.env",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "*.pem.key",
    "*.p12",
    "*.pfx",
    ".netrc",
    ".git-credentials",
    "credentials.json",
    "service-account*.json",
)
NOT_SECRET = (".env.example", ".env.sample", ".env.template", ".env.dist", "*.env.example")
SECRET_PATHS = ("*/.aws/credentials", "*/.docker/config.json", "*/.config/gcloud/*credentials*", "*/.kube/config")

# Names that hold a credential only when the content says so (an .npmrc may just set a registry).
CONTENT_FOR_NAME: dict[str, re.Pattern[bytes]] = {
    ".npmrc": re.compile(rb"(_authToken|_auth|_password)\s*="),
    ".yarnrc.yml": re.compile(rb"npmAuthToken\s*:"),
    ".pypirc": re.compile(rb"^\s*password\s*[=:]", re.M),
    "pip.conf": re.compile(rb"https?://[^\s/:@]+:[^\s/@]+@"),
}

CONTENT = (
    ("private key", re.compile(rb"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----")),
    ("AWS access key", re.compile(rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("AWS secret key", re.compile(rb"aws_secret_access_key\s*[=:]\s*\S{20,}", re.I)),
    ("GCP service account key", re.compile(rb"\"type\"\s*:\s*\"service_account\"[\s\S]{0,2000}\"private_key\"")),
    ("GitHub token", re.compile(rb"\bgh[pousr]_[A-Za-z0-9]{36}\b")),
    ("Slack token", re.compile(rb"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("npm token", re.compile(rb"\bnpm_[A-Za-z0-9]{36}\b")),
)

# The .dockerignore names files of the build context; packages a package manager installed (certifi's
# cacert.pem, a library's test key fixtures) are not the project's secrets. Content rules still apply there.
INSTALLED_TREES = ("/site-packages/", "/dist-packages/", "/node_modules/", "/usr/share/", "/usr/lib/", "/etc/ssl/")

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


def _named(path: str, extra: Iterable[str]) -> str | None:
    name = posixpath.basename(path)
    if any(fnmatch.fnmatch(name, p) for p in NOT_SECRET):
        return None
    if any(fnmatch.fnmatch(name, p) for p in SECRET_NAMES):
        return "a secret file by its name"
    if any(fnmatch.fnmatch(path, p) for p in SECRET_PATHS):
        return "a credentials file"
    if any(tree in path for tree in INSTALLED_TREES):
        return None
    for pattern in extra:
        if fnmatch.fnmatch(name, pattern):
            return f"named by the .dockerignore pattern {pattern!r}"
    return None


def scan(layers: Iterable[Layer], ignore_patterns: tuple[str, ...] = ()) -> list[Finding]:
    """Every secret in the given layers, whether or not a later layer deleted it."""
    found = []
    for layer in layers:
        for path, entry in layer.entries.items():
            if not entry.is_file:
                continue
            why = _named(path, ignore_patterns)
            data = layer.texts.get(path)
            if why is None and data is not None:
                why = _by_content(posixpath.basename(path), data)
            if why is not None:
                found.append(Finding(path, layer.index, why))
    return found


def _by_content(name: str, data: bytes) -> str | None:
    rule = CONTENT_FOR_NAME.get(name)
    if rule is not None and rule.search(data):
        return f"{name} with a credential"
    for what, pattern in CONTENT:
        if pattern.search(data):
            return what
    return None
