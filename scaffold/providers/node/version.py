"""Which Node major to build with: from `engines.node` (an npm semver range), `.nvmrc` or `.node-version`.

The supported majors are listed once, in catalogue/node.toml. Even majors are the LTS lines; image majors are those with
both a `node:<major>-bookworm-slim` and a `gcr.io/distroless/nodejs<major>-debian12` image, which a
generated Dockerfile can use as is, so they are preferred over LTS lines that merely satisfy a range.
A registry that carries other majors (an air-gapped mirror, say) names them in SCAFFOLD_NODE_IMAGES.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import nodesemver

from scaffold.errors import InputError, UsageError
from scaffold.providers.node.data import node_data

_VERSIONS = node_data()["versions"]

LTS_CODENAMES: dict[str, int] = {
    str(name): int(major) for name, major in {**_VERSIONS["eol_lts"], **_VERSIONS["lts"]}.items()
}
"""`lts/<codename>` in .nvmrc, for every LTS line we know, past ones included (catalogue/node.toml)."""

DEBIAN12_SINCE = int(_VERSIONS["debian12_since"])
"""The oldest major with Debian 12 images: older ones cannot be built on this template's bases."""

LTS_MAJORS: tuple[int, ...] = tuple(sorted({int(m) for m in _VERSIONS["lts"].values()}, reverse=True))
"""Every LTS major we know, newest first."""

UPSTREAM_IMAGE_MAJORS: tuple[int, ...] = tuple(int(m) for m in _VERSIONS["image_majors"])
"""The LTS majors upstream publishes both final bases for, newest first (catalogue/node.toml)."""

IMAGES_ENV = "SCAFFOLD_NODE_IMAGES"
"""Comma-separated majors a registry carries (replaces UPSTREAM_IMAGE_MAJORS), e.g. `22,20`."""


def image_majors() -> tuple[int, ...]:
    """The majors to generate for by preference, newest first: the environment's list, else upstream's."""
    listed = os.environ.get(IMAGES_ENV, "").strip()
    if not listed:
        return UPSTREAM_IMAGE_MAJORS
    parts = [p.strip() for p in listed.split(",") if p.strip()]
    if not parts or not all(p.isascii() and p.isdigit() for p in parts):
        raise UsageError(f"{IMAGES_ENV}: {listed!r}: expected Node majors separated by commas, e.g. 22,20")
    return tuple(sorted({int(p) for p in parts}, reverse=True))


def default_major() -> int:
    return image_majors()[0]


@dataclass(frozen=True)
class NodeVersion:
    """The major to use, where it came from, and a warning if the project's wish could not be met."""

    major: int
    source: str
    note: str = ""


def major_for_range(spec: str, source: str) -> NodeVersion:
    """The newest preferred LTS major that `spec` (an npm semver range) allows; InputError if it is no range."""
    try:
        rng = nodesemver.make_range(spec.strip() or "*", loose=True)
    except (ValueError, TypeError):
        raise InputError(source.split(" ", 1)[0], f"engines.node {spec!r} is not a valid npm semver range") from None
    preferred = image_majors()
    for major in (*preferred, *(m for m in LTS_MAJORS if m not in preferred)):
        if _allows_major(rng, major) and major < min(preferred):
            return _nearest_image(major, source, f"engines.node {spec!r}")
        if _allows_major(rng, major):
            return NodeVersion(major, source)
    for major in range(max(LTS_MAJORS) + 1, 9, -1):
        if major < DEBIAN12_SINCE and _allows_major(rng, major):
            return _oldest_with_images(major, source, f"engines.node {spec!r}")
        if _allows_major(rng, major):
            note = f"engines.node {spec!r} allows no supported LTS release; using Node {major}"
            return NodeVersion(major, source, note)
    fallback = default_major()
    return NodeVersion(fallback, source, f"engines.node {spec!r} matches no Node release; using Node {fallback}")


def lowest_major(spec: str, limit: int = 100) -> int | None:
    """The lowest major an npm semver range allows (a package's, not Node's), or None for no range."""
    try:
        rng = nodesemver.make_range(spec.strip() or "*", loose=True)
    except (ValueError, TypeError):
        return None
    return next((m for m in range(limit) if _allows_major(rng, m)), None)


def _allows_major(rng: object, major: int) -> bool:
    """True if some release of `major` satisfies the range.

    A union of intervals meets [major.0.0, major+1) exactly when one of these points is in it: major.0.0
    or a lower bound of the range that falls inside that major (the smallest point of each interval).
    """
    candidates = {f"{major}.0.0"}
    for comparators in rng.set:  # type: ignore[attr-defined]
        for comp in comparators:
            version: Any = getattr(comp, "semver", None)
            if not hasattr(version, "major"):
                continue  # `*` has no version
            if comp.operator in (">=", "", "=", None):
                candidates.add(f"{version.major}.{version.minor}.{version.patch}")
            elif comp.operator == ">":
                candidates.add(f"{version.major}.{version.minor}.{version.patch + 1}")
    return any(
        nodesemver.satisfies(v, rng.range, loose=True)  # type: ignore[attr-defined]
        for v in candidates
        if int(v.split(".")[0]) == major
    )


def major_for_pin(text: str, source: str) -> NodeVersion:
    """The major named in .nvmrc / .node-version: `20`, `v20.11.1`, `lts/*`, `lts/iron`, `node`."""
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    value = next((line for line in lines if line), "")
    lowered = value.lower()
    if not value:
        raise InputError(source, "is empty; expected a Node version such as 22 or lts/*")
    if lowered in ("lts/*", "lts", "node", "stable", "latest", "current"):
        return NodeVersion(default_major(), source)
    if lowered.startswith("lts/"):
        name = lowered.removeprefix("lts/")
        if name == "-1":
            return NodeVersion(LTS_MAJORS[LTS_MAJORS.index(default_major()) + 1], source)
        if name not in LTS_CODENAMES:
            raise InputError(source, f"{value!r}: unknown LTS name (known: {', '.join(LTS_CODENAMES)})")
        return _checked(LTS_CODENAMES[name], source)
    head = lowered.removeprefix("v").split(".", 1)[0]
    if not (head.isascii() and head.isdigit()):
        raise InputError(source, f"{value!r} is not a Node version (expected e.g. 22, v20.11.1, lts/iron)")
    return _checked(int(head), source)


def _checked(major: int, source: str) -> NodeVersion:
    if major in image_majors():
        return NodeVersion(major, source)
    if major < DEBIAN12_SINCE:
        return _oldest_with_images(major, source, f"Node {major}")
    if major < min(image_majors()):
        return _nearest_image(major, source, f"{source} ({major})")
    if major % 2:
        return NodeVersion(major, source, f"Node {major} is not an LTS release; consider an even major")
    return NodeVersion(major, source)


def _nearest_image(major: int, source: str, wish: str) -> NodeVersion:
    """A major older than every image major (Node 18: past its end of life, no distroless image, and no image in a
    registry that lists 22,20): the nearest newer image major, with a note, where its image would not be found."""
    nearest = min(m for m in image_majors() if m > major)
    return NodeVersion(
        nearest,
        source,
        f"{wish} asks for Node {major}, which has no image among those scaffold builds on "
        f"({', '.join(map(str, image_majors()))}); using Node {nearest}, the nearest newer (test the app on it, or "
        f"--set node_version={major} where a registry carries it)",
    )


def _oldest_with_images(major: int, source: str, wish: str) -> NodeVersion:
    """A major older than debian12_since has no Debian 12 image (neither node's bookworm tags nor distroless):
    the nearest major that has them, with a note, where a build would fail."""
    nearest = min(image_majors())
    return NodeVersion(
        nearest,
        source,
        f"{wish} is past its end of life and has no Debian 12 image; using Node {nearest} (test the app on it)",
    )


def satisfies_major(spec: str, major: int) -> bool:
    """True if the engines range allows some release of `major` (assumes a valid range)."""
    return _allows_major(nodesemver.make_range(spec.strip() or "*", loose=True), major)
