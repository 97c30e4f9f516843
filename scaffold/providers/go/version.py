"""Pick the Go release to build with: the newest one with an image that satisfies go.mod's go and toolchain lines.

The go line is a minimum (Go builds every older module); building with the oldest release allowed would
compile an unsupported, unpatched standard library into the binary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scaffold.providers.go.data import IMAGES_ENV, directive_minimum, release_key

GO_VERSION = re.compile(r"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:(?:rc|beta)[1-9][0-9]*)?$")
"""A go directive, as golang.org/x/mod/modfile accepts it: 1.22, 1.22.4, 1.23rc1."""
TOOLCHAIN = re.compile(r"^go([^-+\s]+)(?:[-+][\w.+-]*)?$")
"""A toolchain directive: go1.23.2, optionally with a custom suffix (go1.23.2-corp)."""
IMAGE_TAG = re.compile(r"^[1-9][0-9]*\.(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?(?:(?:rc|beta)[1-9][0-9]*)?$")
"""What --set go_version accepts, as golang image tags are named: 1.25, 1.25.3, 1.26rc1."""


def go_minimum(version: str) -> tuple[int, int] | None:
    """(major, minor) of a valid go directive, else None."""
    m = GO_VERSION.match(version)
    return (int(m.group(1)), int(m.group(2))) if m else None


def go_triple(version: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) of a go directive or image tag (a missing patch is 0; rc/beta count as 0)."""
    m = GO_VERSION.match(version)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)) if m else None


def toolchain_minimum(toolchain: str) -> tuple[int, int] | None:
    """(major, minor) of a valid toolchain directive, else None."""
    m = TOOLCHAIN.match(toolchain)
    return go_minimum(m.group(1)) if m else None


@dataclass(frozen=True)
class Choice:
    release: str | None
    """None when no release with an image satisfies the project."""
    message: str
    directive: str = ""
    """The go.mod directive that set the minimum (go or toolchain), if any."""
    minimum: str = ""
    """The oldest Go the project accepts (`1.22.4`), from that directive; "" when it names none."""


def choose(
    available: Sequence[str],
    go: str | None,
    toolchain: str | None,
    source: str,
    directives: Sequence[tuple[str, int]] = (),
) -> Choice:
    """The newest release in `available` (oldest first) that is at least what the go and toolchain lines ask,
    and that parses every directive the file uses (`ignore` needs Go 1.25 whatever the go line says)."""
    wants = [
        (m, f"{verb} {v}", verb, v.removeprefix("go").split("-")[0].split("+")[0])
        for verb, v in (("go", go), ("toolchain", toolchain))
        if v and (m := _minimum(verb, v))
    ]
    parsed = _directive_wants(directives)
    have = ", ".join(available) or "none"
    if not available:
        return Choice(None, f"no Go release has an image ({IMAGES_ENV} is empty); --set go_version=X.Y")
    newest = available[-1]
    if not wants and not parsed:
        return Choice(newest, f"{source} names no Go version: building with Go {newest}, the newest with an image")
    need, line, verb, minimum = max(wants + parsed)
    wanted = f"{need[0]}.{need[1]}"
    fits = [r for r in available if release_key(r) >= need]
    if not fits and verb == "toolchain":
        fallback = _go_line_fallback(available, go, line, source, parsed)
        if fallback is not None:
            return fallback
    if not fits:
        return Choice(
            None,
            f"{source} needs Go {wanted} or newer ({line}) but the newest Go with an image is {newest} "
            f"(known: {have}); pass --set go_version={wanted} if your registry has golang:{wanted} "
            f"images, or list the releases it carries in {IMAGES_ENV}",
            verb,
            minimum,
        )
    chosen = fits[-1]
    return Choice(
        chosen,
        f"building with Go {chosen}, the newest supported release with an image ({source} asks for {line} or newer)",
        verb,
        minimum,
    )


Want = tuple[tuple[int, int], str, str, str]
"""(minimum (major, minor), what asks for it, the directive, the minimum as written)."""


def _directive_wants(directives: Sequence[tuple[str, int]]) -> list[Want]:
    """What the directives a file uses ask for: the Go release that first parses each (catalogue)."""
    table = directive_minimum()
    out: list[Want] = []
    for verb, line in directives:
        version = table.get(verb)
        if version and (m := go_minimum(version)):
            out.append((m, f"its {verb} directive on line {line}, which older Go cannot parse", verb, version))
    return out


def _go_line_fallback(
    available: Sequence[str], go: str | None, line: str, source: str, parsed: Sequence[Want]
) -> Choice | None:
    """The toolchain line only suggests a toolchain: the golang images set GOTOOLCHAIN=local, and the local Go
    builds the module whenever it satisfies the go line (the hard minimum) and parses every directive. None
    when that fails too."""
    need = go_minimum(go) if go else (1, 0)
    if need is None:
        return None
    need = max([need, *(w[0] for w in parsed)])
    fits = [r for r in available if release_key(r) >= need]
    if not fits:
        return None
    chosen = fits[-1]
    return Choice(
        chosen,
        f"building with Go {chosen}, the newest with an image: {source}'s {line} is newer, but it only suggests a "
        f"toolchain (GOTOOLCHAIN=local builds with the image's Go{f', which satisfies go {go}' if go else ''})",
        "go" if go else "",
        go or "",
    )


def _minimum(verb: str, value: str) -> tuple[int, int] | None:
    return go_minimum(value) if verb == "go" else toolchain_minimum(value)
