"""Which files are secrets: scaffold/catalogue/secrets.toml, read here and nowhere else.

Its readers: the .dockerignore every template writes (`ignore_lines`: the catalogue's globs plus the
project's own files whose content holds a credential, `by_content`), the final-stage copy rules (`in_project`:
Node's runtime files and Go's files opened at run time skip secrets), the Node provider's .npmrc/.yarnrc.yml
decision (`holds_credential`), and `scaffold verify`'s layer scan (`why_secret`, `credential_in`).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from scaffold import catalogue
from scaffold.errors import InputError, TemplateError
from scaffold.project import ProjectDir

CATALOGUE = "secrets"
CONTENT_LIMIT = 64 * 1024
"""Files judged by content are read up to this size: credentials files are small (a service-account key is
about 2 KB), and a project's bigger JSON (package-lock.json, fixtures) is data, skipped unread."""
MAX_CONTENT_FILES = 2000
"""At most this many project files are read for a content rule (a hostile tree cannot make init slow)."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+~/-]")
"""Characters a .dockerignore line from a project path may not hold: each becomes `?` (one any-character)."""


@dataclass(frozen=True)
class Rule:
    """One catalogue entry."""

    id: str
    what: str
    names: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    content: re.Pattern[bytes] | None = None

    def named(self, path: str) -> bool:
        """True if `path` (absolute in an image, or relative in a project) is this rule's by name or place."""
        full = "/" + path.lstrip("/")
        name = posixpath.basename(full)
        if any(fnmatch.fnmatchcase(name, k) for k in self.keep):
            return False
        return (
            any(fnmatch.fnmatchcase(name, n) for n in self.names)
            or any(f"/{d}/" in full or full.endswith(f"/{d}") for d in self.dirs)
            or any(full.endswith(f"/{p}") for p in self.paths)
        )


@cache
def rules() -> tuple[Rule, ...]:
    """The catalogue's [[secret]] entries, in its order."""
    try:
        return tuple(_rule(entry) for entry in catalogue.load(CATALOGUE).get("secret", []))
    except (KeyError, TypeError, re.error) as exc:
        raise TemplateError(f"{catalogue.CATALOGUE_DIR / (CATALOGUE + '.toml')}: bad entry: {exc}") from None


@cache
def anywhere() -> tuple[tuple[str, re.Pattern[bytes]], ...]:
    """The catalogue's [[anywhere]] entries: what, and the content that is a credential whatever the file's name."""
    try:
        return tuple(
            (str(e["what"]), re.compile(str(e["content"]).encode()))
            for e in catalogue.load(CATALOGUE).get("anywhere", [])
        )
    except (KeyError, TypeError, re.error) as exc:
        raise TemplateError(f"{catalogue.CATALOGUE_DIR / (CATALOGUE + '.toml')}: bad entry: {exc}") from None


def _rule(entry: dict[str, object]) -> Rule:
    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"{key} must be a list of strings")
        return tuple(value)

    content = entry.get("content")
    return Rule(
        id=str(entry["id"]),
        what=str(entry["what"]),
        names=strings("names"),
        dirs=strings("dirs"),
        paths=strings("paths"),
        keep=strings("except"),
        content=re.compile(content.encode()) if isinstance(content, str) else None,
    )


def why_secret(path: str, data: bytes | None) -> str | None:
    """What the catalogue calls the file at `path` with content `data` (None: unread), or None if no secret."""
    for rule in rules():
        if not rule.named(path):
            continue
        if rule.content is None:
            return rule.what
        if data is not None and rule.content.search(data[:CONTENT_LIMIT]):
            return rule.what
    return None


def in_project(project: ProjectDir, rel: str) -> bool:
    """True if the project's `rel` is a secret the .dockerignore keeps out (by name or place, or by content)."""
    named = [rule for rule in rules() if rule.named(rel)]
    if any(rule.content is None for rule in named):
        return True
    if not named:
        return False
    try:
        data = project.read_bytes(rel, CONTENT_LIMIT)
    except InputError:
        return False  # a directory, too big, unreadable: not a credentials file by content
    return why_secret(rel, data) is not None


def kept(path: str) -> bool:
    """True if a catalogue entry names the file as no secret despite its globs (.env.example, id_rsa.pub)."""
    name = posixpath.basename(path)
    return any(fnmatch.fnmatchcase(name, k) for rule in rules() for k in rule.keep)


def credential_in(data: bytes) -> str | None:
    """What credential `data` holds by content alone (a private key, a token), or None."""
    return next((what for what, pattern in anywhere() if pattern.search(data)), None)


def holds_credential(name: str, text: str) -> bool:
    """True if a file called `name` with this text is a secret by content (.npmrc, .yarnrc.yml, .pypirc, ...)."""
    return why_secret(name, text.encode("utf-8", "replace")) is not None


def ignore_lines(held: Sequence[str] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The .dockerignore lines for secrets: the patterns that exclude, and the names kept despite them.

    Rules by name and place become `**/` globs; `held` (the project's files a content rule calls secret,
    from `by_content`) are listed by path.
    """
    exclude: list[str] = []
    keep: list[str] = []
    for rule in rules():
        if rule.content is None:
            exclude += [f"**/{n}" for n in (*rule.names, *rule.dirs, *rule.paths)]
        keep += [f"**/{k}" for k in rule.keep]
    exclude += held
    return tuple(dict.fromkeys(exclude)), tuple(dict.fromkeys(keep))


def by_content(project: ProjectDir) -> list[str]:
    """The project's files that a content rule calls secret, as .dockerignore lines."""
    found = []
    checked = 0
    content_rules = [r for r in rules() if r.content is not None]
    for rel in project.glob("**/*"):
        if checked >= MAX_CONTENT_FILES:
            break
        if not any(rule.named(rel) for rule in content_rules):
            continue
        checked += 1
        try:
            data = project.read_bytes(rel, CONTENT_LIMIT)
        except InputError:
            continue  # too big, unreadable or outside the project: not a credentials file scaffold can judge
        if why_secret(rel, data) is not None:
            found.append(_as_line(rel))
    return found


def _as_line(rel: str) -> str:
    # A project path as a literal .dockerignore line; a character a line cannot hold safely matches as `?`.
    line = _UNSAFE.sub("?", rel)
    return "?" + line[1:] if line.startswith("-") else line
