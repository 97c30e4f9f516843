"""Pick the Python version for the image: the project's wish, among the versions that have images."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python.manifest import Constraint

PATCH_PROBE = range(0, 40)
"""A minor version satisfies a specifier when one of its patch releases does (`>=3.11.4` accepts 3.11)."""


@dataclass(frozen=True)
class Choice:
    version: str
    source: str
    note: str = ""


def pinned_version(project: ProjectDir) -> tuple[str, str] | None:
    """(X.Y, file) from .python-version or runtime.txt, the files that name one interpreter."""
    found = _version_file(project)
    if found is None:
        return None
    release, path = found
    if isinstance(release, SpecifierSet):
        return None
    return f"{release[0]}.{release[1]}", path


def version_range(project: ProjectDir) -> Constraint | None:
    """A .python-version holding a range (`>= 3.10`, which uv accepts): a constraint like requires-python."""
    found = _version_file(project)
    if found is None:
        return None
    spec, path = found
    return Constraint(spec, path) if isinstance(spec, SpecifierSet) else None


def _version_file(project: ProjectDir) -> tuple[tuple[int, ...] | SpecifierSet, str] | None:
    """The first version file's release (major, minor, …) or range, and its name."""
    for path, prefix in ((".python-version", ""), ("runtime.txt", "python-")):
        if not project.has(path):
            continue
        lines = [ln.strip() for ln in project.read_text(path).splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            raise InputError(path, "is empty, expected a Python version")
        # uv also accepts `cpython@3.12` and `cpython-3.12`: the implementation is CPython here.
        text = lines[0].removeprefix(prefix)
        for implementation in ("cpython@", "cpython-", "python"):
            text = text.removeprefix(implementation)
        if text[:1] in "<>=!~":
            try:
                return SpecifierSet(text.replace(" ", "")), path
            except InvalidSpecifier:
                raise InputError(path, f"{lines[0]!r} is neither a Python version nor a version range") from None
        try:
            release = Version(text).release
        except InvalidVersion:
            raise InputError(path, f"{lines[0]!r} is not a Python version") from None
        if len(release) < 2:
            raise InputError(path, f"{lines[0]!r}: expected at least major.minor")
        return release, path
    return None


def satisfies(minor: str, constraint: Constraint) -> bool:
    specs = constraint.spec if isinstance(constraint.spec, tuple) else (constraint.spec,)
    return any(_minor_in(minor, spec) for spec in specs)


def _minor_in(minor: str, spec: SpecifierSet) -> bool:
    return any(Version(f"{minor}.{patch}") in spec for patch in PATCH_PROBE)


def choose(
    available: Sequence[str],
    pinned: tuple[str, str] | None,
    constraints: Sequence[Constraint],
    frozen_default: str = "",
) -> Choice:
    """The version to build with: a pin if it has an image, else the newest that every constraint allows.

    `frozen_default` is for projects that pin exact dependency versions and name no Python: their pins come
    from an older world, so the catalogue's well-supported version (or the nearest, older on a tie) is safer
    than the newest, whose wheels those pins may not have.
    """
    allowed = [v for v in available if all(satisfies(v, c) for c in constraints)]
    have = ", ".join(available)
    if pinned is not None:
        wanted, source = pinned
        if wanted in available:
            return Choice(wanted, source)
        pool = allowed or list(available)
        near = min(pool, key=lambda v: (abs(_ordinal(v) - _ordinal(wanted)), -_ordinal(v)))
        return Choice(
            near,
            source,
            f"{source} asks for Python {wanted}, which has no image here (known: {have}); using {near}, the "
            f"nearest. Pass --set python_version={wanted} if your registry has python:{wanted} images "
            "(or list the versions it carries in SCAFFOLD_PYTHON_IMAGES)",
        )
    if not constraints and frozen_default and available[-1] != frozen_default:
        near = min(available, key=lambda v: (abs(_ordinal(v) - _ordinal(frozen_default)), _ordinal(v)))
        return Choice(
            near,
            "requirements pin exact versions",
            f"nothing names a Python version and the requirements pin exact versions: using {near}, which "
            f"older pins have wheels for, not the newest ({available[-1]}); --set python_version=X.Y to choose",
        )
    if not constraints:
        return Choice(available[-1], "newest with an image")
    sources = ", ".join(dict.fromkeys(c.source for c in constraints))
    if allowed:
        return Choice(allowed[-1], sources)
    # The image nearest to what the constraint allows: a Pipfile's python_version = "3.7" was written for an older
    # world than the newest image (its unpinned packages may have dropped 3.7, but its code and pins fit 3.11 best).
    fits = [m for m in (f"3.{n}" for n in range(40)) if all(satisfies(m, c) for c in constraints)]
    near = (
        min(available, key=lambda v: (min(abs(_ordinal(v) - _ordinal(w)) for w in fits), -_ordinal(v)))
        if fits
        else available[-1]
    )
    return Choice(
        near,
        sources,
        f"{sources}: no Python version with an image here satisfies the project's constraint (known: {have}); "
        f"using {near}, the nearest. Pass --set python_version=X.Y if your registry has the one you need",
    )


def _ordinal(minor: str) -> int:
    major, _, rest = minor.partition(".")
    return int(major) * 100 + int(rest)


def wheel_cap(
    available: Sequence[str],
    pins: Sequence[tuple[str, str]],
    firsts: dict[str, dict[str, str]],
    chosen: str,
    constraints: Sequence[Constraint],
) -> Constraint | None:
    """A ceiling below `chosen` when a pinned compiled package has no Linux wheels for it (`numpy==1.24.3` has
    them up to 3.11: on 3.12 pip would compile it from source and fail), or None. The newest Python every such
    pin has wheels for, among those the other constraints allow; no ceiling when none is left."""
    ceiling = chosen
    why = ""
    for name, pinned in pins:
        by_python = firsts.get(name)
        # An exact pin (`1.24.3`), or a range's upper bound (`<2`, `<=1.2`): the newest release it allows.
        inclusive = not pinned.startswith("<") or pinned.startswith("<=")
        try:
            version = Version(pinned.lstrip("<="))
        except InvalidVersion:
            continue
        if not by_python:
            continue
        ready = [
            p
            for p in available
            if p in by_python and (version >= Version(by_python[p]) if inclusive else version > Version(by_python[p]))
        ]
        shown = f"{name}{pinned}" if pinned.startswith("<") else f"{name}=={pinned}"
        if ready and Version(ready[-1]) < Version(ceiling):
            ceiling, why = ready[-1], f"{shown} (Linux wheels up to Python {ready[-1]})"
    if not why:
        return None
    cap = Constraint(SpecifierSet(f"<={ceiling}"), why)
    if not any(Version(p) <= Version(ceiling) and all(satisfies(p, c) for c in [*constraints, cap]) for p in available):
        return None
    return cap
