"""Read a Python project's manifests: which installer, which dependencies, which version constraints.

Every manifest is parsed with a real parser (tomllib, json, `packaging`, `ast` for setup.py); a file that
does not parse raises InputError naming it.
"""

from __future__ import annotations

import ast
import configparser
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python.conda import names as conda_names_of
from scaffold.providers.python.conda import read_conda
from scaffold.providers.python.data import extras_provide, not_on_pypi, windows_only

DEV_REQUIREMENTS = (
    "requirements-dev.txt",
    "dev-requirements.txt",
    "requirements-test.txt",
    "test-requirements.txt",
    "requirements_dev.txt",
    "requirements/dev.txt",
    "requirements/test.txt",
)
REQUIREMENTS = (
    "requirements.txt",
    "requirements.in",
    "requirements/production.txt",
    "requirements/prod.txt",
    "requirements/base.txt",
    "requirements/common.txt",
    "requirements/main.txt",
    "requirements/requirements.txt",
)
"""The app's requirements file, first found wins: pip-tools' `requirements.in` when its compiled `.txt` is not
committed, and a `requirements/` folder split by environment (cookiecutter-django: production.txt `-r base.txt`)."""
TEST_EXTRAS = ("test", "tests", "testing", "dev")


@dataclass(frozen=True)
class Constraint:
    """A Python version constraint and the file that stated it."""

    spec: SpecifierSet | tuple[SpecifierSet, ...]
    """A specifier set, or a union of them (poetry's `||`)."""
    source: str


@dataclass(frozen=True)
class Manifest:
    """What the manifests say, whatever installer the project uses."""

    installer: str
    evidence: tuple[str, ...]
    name: str = ""
    deps: frozenset[str] = frozenset()
    """Normalized names of the runtime dependencies."""
    dev_deps: frozenset[str] = frozenset()
    requirements_files: tuple[str, ...] = ()
    requirements_local: bool = False
    requirements_skip: tuple[str, ...] = ()
    """Requirements of the first requirements file no Linux image can install (pywin32, pkg-resources==0.0.0):
    the build installs a copy without those lines."""
    exact_pins: bool = False
    """requirements.txt pins exact versions: an older set whose wheels may not exist for the newest Python."""
    pins: tuple[tuple[str, str], ...] = ()
    """(normalized name, version) of each requirement pinned to one version."""
    dev_requirements: tuple[str, ...] = ()
    dev_extra: str = ""
    dev_group_packages: tuple[str, ...] = ()
    """PEP 735 group requirements, for installers that cannot install a group themselves."""
    install_project: bool = False
    own_extension: bool = False
    """The project compiles C code of its own (setup.py ext_modules)."""
    scripts: tuple[str, ...] = ()
    workspace_manifests: tuple[str, ...] = ()
    """uv workspace members' pyproject.toml files (the lock names them: the dependency step needs them)."""
    virtual_root: bool = False
    """A uv workspace whose root is no project: every member is installed."""
    constraints: tuple[Constraint, ...] = ()
    conda_requirements: tuple[str, ...] = ()
    """environment.yml's packages as pip requirements (installer conda)."""
    notes: tuple[str, ...] = field(default_factory=tuple)


def read_manifest(project: ProjectDir) -> Manifest | None:
    """The project's manifest facts, or None when it has no Python manifest at all."""
    requirements = next((f for f in REQUIREMENTS if project.has(f)), "")
    evidence = [f for f in ("pyproject.toml", "setup.py", "Pipfile", requirements) if f and project.has(f)]
    if not evidence:
        return _conda_only(project) or _nested_requirements(project)
    pyproject = project.read_toml("pyproject.toml") if project.has("pyproject.toml") else {}
    setup = _read_setup_py(project) if project.has("setup.py") else None
    if project.has("setup.cfg") and (setup is not None or "build-system" in pyproject):
        # setuptools' declarative form (PyScaffold, older projects): setup.py is often a bare setup() call.
        setup = _merge_setup(setup, _read_setup_cfg(project))
    pipfile = project.read_toml("Pipfile") if project.has("Pipfile") else None
    reqs = _requirement_files(project, requirements, skippable=True) if requirements else None

    acc = _Acc()
    _from_pyproject(acc, pyproject)
    if setup is not None:
        acc.name = acc.name or setup.name
        acc.deps |= set(setup.deps)
        acc.pins += setup.pins
        acc.scripts += setup.scripts
        acc.dev_extra = acc.dev_extra or next((e for e in TEST_EXTRAS if e in setup.extras), "")
        if setup.python_requires:
            acc.constraints.append(Constraint(_spec(setup.python_requires, "setup.py python_requires"), "setup.py"))
    if pipfile is not None:
        _from_pipfile(acc, pipfile)
    dev_reqs = [path for path in DEV_REQUIREMENTS if project.has(path)]
    for path in dev_reqs:
        acc.dev |= _requirement_files(project, path).names
    if reqs is not None:
        acc.deps |= reqs.names

    tool = _table(pyproject, "tool", "pyproject.toml")
    poetry = _table(tool, "poetry", "pyproject.toml [tool]")
    notes: list[str] = []
    installer, lock = _installer(project, pyproject, poetry, pipfile, reqs, setup, notes)
    buildable = "build-system" in pyproject or setup is not None
    return Manifest(
        installer=installer,
        evidence=(*evidence, lock) if lock else tuple(evidence),
        name=acc.name,
        deps=frozenset(acc.deps),
        dev_deps=frozenset(acc.dev),
        requirements_files=reqs.files if reqs is not None else (),
        requirements_local=reqs is not None and reqs.local,
        requirements_skip=reqs.skip if reqs is not None else (),
        exact_pins=reqs is not None and reqs.exact,
        pins=reqs.pins if reqs is not None else tuple(acc.pins) if installer in ("pip", "setuppy") else (),
        dev_requirements=tuple(dev_reqs),
        dev_extra=acc.dev_extra,
        dev_group_packages=acc.group_packages,
        install_project=buildable and _is_package(poetry, tool) and _poetry_has_package(project, poetry, notes),
        own_extension=setup is not None and setup.ext_modules,
        scripts=tuple(dict.fromkeys(acc.scripts)),
        workspace_manifests=_uv_members(project, tool) if installer == "uv" else (),
        virtual_root=installer == "uv" and "project" not in pyproject,
        constraints=tuple(acc.constraints),
        notes=tuple(notes),
    )


CONDA_FILES = ("environment.yml", "environment.yaml")


def _conda_only(project: ProjectDir) -> Manifest | None:
    """A conda environment file and no pip manifest: the images have no conda, so pip installs its packages by
    their PyPI names (conda.py); one that cannot be read so is refused at init in one line."""
    path = next((f for f in CONDA_FILES if project.has(f)), "")
    if not path or next(iter(project.walk((".py",))), None) is None:
        return None
    env = read_conda(project, path)
    constraints = (Constraint(_spec(f"=={env.python}.*", path), path),) if env.python else ()
    note = f"{path}: conda's packages install with pip by their PyPI names (the images have no conda)"
    return Manifest(
        installer="conda",
        evidence=(path,),
        deps=conda_names_of(env),
        conda_requirements=env.requirements,
        constraints=constraints,
        notes=(note,),
    )


def _nested_requirements(project: ProjectDir) -> Manifest | None:
    """No manifest at the root, but one folder holds requirements.txt (`backend/requirements.txt`): that one."""
    found = [p for p in project.glob("*/requirements.txt") if not p.startswith(("test", "doc", "example"))]
    if len(found) != 1:
        return None
    reqs = _requirement_files(project, found[0], skippable=True)
    return Manifest(
        installer="requirements",
        evidence=(found[0],),
        deps=reqs.names,
        requirements_files=reqs.files,
        requirements_local=reqs.local,
        requirements_skip=reqs.skip,
        exact_pins=reqs.exact,
        pins=reqs.pins,
        notes=(f"no manifest at the root: dependencies come from {found[0]}",),
    )


@dataclass
class _Acc:
    """What the manifests say so far (they are read one after another)."""

    name: str = ""
    deps: set[str] = field(default_factory=set)
    dev: set[str] = field(default_factory=set)
    scripts: list[str] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    pins: list[tuple[str, str]] = field(default_factory=list)
    """Exact pins and ceilings of [project] dependencies: pip resolves them unlocked, as from requirements."""
    dev_extra: str = ""
    group_packages: tuple[str, ...] = ()


def _name(table: Mapping[str, Any], where: str) -> str:
    """A project name: a string (PEP 621 and Poetry both say so), else InputError naming the key."""
    name = table.get("name")
    if name is None:
        return ""
    if not isinstance(name, str):
        raise InputError(where, f"expected a string, not {type(name).__name__}")
    if not _PROJECT_NAME.fullmatch(name):
        # PEP 508's name grammar (PEP 621 and Poetry require it): `../x`, "" or "a b" is no project name.
        raise InputError(where, f"{name[:60]!r} is not a project name (letters, digits, . _ -)")
    return name


_PROJECT_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")


def _from_pyproject(acc: _Acc, pyproject: Mapping[str, Any]) -> None:
    proj: dict[str, Any] = _table(pyproject, "project", "pyproject.toml")
    tool = _table(pyproject, "tool", "pyproject.toml")
    poetry = _table(tool, "poetry", "pyproject.toml [tool]")
    acc.name = _name(proj, "pyproject.toml [project] name") or _name(poetry, "pyproject.toml [tool.poetry] name")
    acc.deps |= set(_names(proj.get("dependencies", []), "pyproject.toml [project] dependencies"))
    acc.pins += _pins(proj.get("dependencies", []))
    extras = _table(proj, "optional-dependencies", "pyproject.toml [project]")
    acc.dev_extra = next((e for e in TEST_EXTRAS if e in extras), "")
    for extra in extras.values():
        acc.dev |= set(_names(extra, "pyproject.toml [project.optional-dependencies]"))
    groups = _dependency_groups(pyproject)
    acc.group_packages = tuple(r for reqs in groups.values() for r in reqs)
    for reqs in groups.values():
        acc.dev |= set(_names(reqs, "pyproject.toml [dependency-groups]"))
    acc.scripts += list(_table(proj, "scripts", "pyproject.toml [project]"))
    if "requires-python" in proj:
        spec = _spec(proj["requires-python"], "pyproject.toml requires-python")
        acc.constraints.append(Constraint(spec, "pyproject.toml"))
    if poetry:
        pdeps = _table(poetry, "dependencies", "pyproject.toml [tool.poetry]")
        if "python" in pdeps:
            acc.constraints.append(Constraint(poetry_constraint(str(pdeps["python"])), "pyproject.toml"))
        acc.deps |= {n for k, v in pdeps.items() if k != "python" for n in provided(k, _table_extras(v))}
        for group in _table(poetry, "group", "pyproject.toml [tool.poetry]").values():
            acc.dev |= {canonicalize_name(k) for k in _table(group, "dependencies", "[tool.poetry.group]")}
        acc.dev |= {canonicalize_name(k) for k in _table(poetry, "dev-dependencies", "[tool.poetry]")}
        acc.scripts += list(_table(poetry, "scripts", "pyproject.toml [tool.poetry]"))
    for name in ("pdm", "uv"):
        old = _table(tool, name, "pyproject.toml [tool]").get("dev-dependencies", {})
        for values in old.values() if isinstance(old, dict) else [old]:
            acc.dev |= set(_names(values, f"pyproject.toml [tool.{name}] dev-dependencies"))


def _from_pipfile(acc: _Acc, pipfile: Mapping[str, Any]) -> None:
    for key in ("packages", "dev-packages"):
        for name, spec in _table(pipfile, key, "Pipfile").items():
            if not isinstance(spec, str | dict):  # pipenv's grammar: "*", ">=1", or {version = …, …}
                raise InputError("Pipfile", f"[{key}] {name}: expected a version string or a table, not {spec!r}")
    acc.deps |= {n for k, v in _table(pipfile, "packages", "Pipfile").items() for n in provided(k, _table_extras(v))}
    acc.dev |= {canonicalize_name(k) for k in _table(pipfile, "dev-packages", "Pipfile")}
    requires = _table(pipfile, "requires", "Pipfile")
    wanted = requires.get("python_full_version") or requires.get("python_version")
    if wanted is not None and not isinstance(wanted, str):
        raise InputError("Pipfile", f'[requires] python_version: expected a string like "3.12", not {wanted!r}')
    if wanted:
        acc.constraints.append(Constraint(_spec(f"=={wanted}.*", "Pipfile [requires]"), "Pipfile"))


def _installer(
    project: ProjectDir,
    pyproject: Mapping[str, Any],
    poetry: Mapping[str, Any],
    pipfile: Mapping[str, Any] | None,
    reqs: _Requirements | None,
    setup: _SetupPy | None,
    notes: list[str],
) -> tuple[str, str]:
    """The installer and the lockfile that decided it ("" when none did)."""
    if project.has("uv.lock"):
        return "uv", "uv.lock"
    if project.has("poetry.lock"):
        project.read_toml("poetry.lock")  # a broken lock must fail here, not in the build
        return "poetry", "poetry.lock"
    if project.has("pdm.lock"):
        project.read_toml("pdm.lock")
        return "pdm", "pdm.lock"
    if project.has("Pipfile.lock"):
        project.read_json("Pipfile.lock")
        return "pipenv", "Pipfile.lock"
    if reqs is not None:
        if poetry:
            notes.append("pyproject.toml uses Poetry but there is no poetry.lock: requirements.txt is installed")
        return "requirements", ""
    if poetry and "project" not in pyproject:
        # Without a lock only pip can resolve, and pip reads Poetry's dependencies only by building the package.
        if "build-system" in pyproject and _is_package(poetry, {}) and _poetry_has_package(project, poetry, []):
            notes.append(
                "pyproject.toml uses Poetry but there is no poetry.lock: pip installs the package and "
                "resolves its dependencies, unlocked; run `poetry lock` for a locked image"
            )
            return "setuppy", ""
        raise InputError(
            "pyproject.toml",
            "a Poetry project with neither poetry.lock nor a package to build: its dependencies cannot be "
            "installed; run `poetry lock` and commit poetry.lock",
        )
    if pipfile is not None:
        notes.append("Pipfile without Pipfile.lock: its [packages] install with pip, unlocked; run `pipenv lock`")
        return "pipfile", ""
    if "project" in pyproject and "build-system" in pyproject:
        return "pip", ""
    if setup is not None:
        return "setuppy", ""
    if "project" in pyproject:
        return "pip", ""
    return "none", ""


def _is_package(poetry: Mapping[str, Any], tool: Mapping[str, Any]) -> bool:
    # Poetry's package-mode = false and uv's package = false mean "an app, not an installable package".
    uv = tool.get("uv", {})
    return poetry.get("package-mode", True) is not False and not (isinstance(uv, dict) and uv.get("package") is False)


def _uv_members(project: ProjectDir, tool: Mapping[str, Any]) -> tuple[str, ...]:
    """The pyproject.toml of each uv workspace member (`members` globs, minus `exclude`)."""
    uv = _table(tool, "uv", "pyproject.toml [tool]")
    workspace = _table(uv, "workspace", "pyproject.toml [tool.uv]")
    found: list[str] = []
    excluded = {m for pattern in workspace.get("exclude", []) for m in project.glob(str(pattern))}
    for pattern in workspace.get("members", []):
        for member in project.glob(str(pattern)):
            manifest = f"{member}/pyproject.toml"
            if member not in excluded and project.has(manifest) and manifest not in found:
                found.append(manifest)
    return tuple(found)


def _poetry_has_package(project: ProjectDir, poetry: Mapping[str, Any], notes: list[str]) -> bool:
    """Poetry finds a project's package by its name (or `packages = […]`); without one only the dependencies install."""
    if not poetry or "packages" in poetry or not poetry.get("name"):
        return True
    module = str(poetry["name"]).lower().replace("-", "_").replace(".", "_")
    for base in ("", "src/"):
        if project.is_dir(f"{base}{module}") or project.has(f"{base}{module}.py"):
            return True
    notes.append(
        f"pyproject.toml: Poetry project {poetry['name']!r} has no package {module}/ to install: "
        "the image installs its dependencies only (as with package-mode = false)"
    )
    return False


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError(_file(where), f"{where} {key}: expected a table")
    return value


def _file(where: str) -> str:
    """The manifest a location string like `pyproject.toml [project]` is in."""
    first = where.split(" ", 1)[0]
    return first if first in ("pyproject.toml", "setup.py", "setup.cfg", "Pipfile") else "pyproject.toml"


def _spec(text: object, where: str) -> SpecifierSet:
    try:
        return SpecifierSet(str(text))
    except InvalidSpecifier:
        raise InputError(_file(where), f"{where}: {text!r} is not a version specifier") from None


def _names(values: object, where: str) -> Iterable[str]:
    if not isinstance(values, list):
        raise InputError(_file(where), f"{where}: expected a list of requirements")
    for value in values:
        if isinstance(value, dict):  # a PEP 735 {include-group = "…"}: its group is read on its own
            continue
        if not isinstance(value, str):  # `dependencies = [1]` is not the requirement "1"
            raise InputError(_file(where), f"{where}: {value!r}: expected a requirement string")
        try:
            requirement = Requirement(value)
        except InvalidRequirement as exc:
            raise InputError(_file(where), f"{where}: {value!r}: {exc}") from None
        yield from provided(requirement.name, requirement.extras)


def provided(name: str, extras: Iterable[str]) -> list[str]:
    """The normalized names a requirement installs that scaffold decides by: its own and those its extras pull in
    (`fastapi[standard]` → fastapi, uvicorn, …; catalogue [extras_provide])."""
    own = canonicalize_name(name)
    table = extras_provide()
    pulled = [n for extra in extras for n in table.get(f"{own}[{canonicalize_name(str(extra))}]", ())]
    return list(dict.fromkeys([own, *pulled]))


def _table_extras(spec: object) -> list[str]:
    """The extras of a Poetry/Pipfile dependency table (`{version = "*", extras = ["standard"]}`)."""
    extras = spec.get("extras", []) if isinstance(spec, dict) else []
    return [str(e) for e in extras] if isinstance(extras, list) else []


def _pins(values: object) -> list[tuple[str, str]]:
    """(name, exact version or ceiling) of the requirements that bound their version from above."""
    out: list[tuple[str, str]] = []
    for value in values if isinstance(values, list) else []:
        try:
            requirement = Requirement(value) if isinstance(value, str) else None
        except InvalidRequirement:
            continue  # _names refuses it with the file named
        if requirement is None:
            continue
        exact = [spec.version for spec in requirement.specifier if spec.operator == "==" and "*" not in spec.version]
        bound = exact[0] if exact else _ceiling(requirement)
        if bound:
            out.append((canonicalize_name(requirement.name), bound))
    return out


def _dependency_groups(pyproject: Mapping[str, Any]) -> dict[str, list[str]]:
    groups = _table(pyproject, "dependency-groups", "pyproject.toml")
    out: dict[str, list[str]] = {}
    for name, values in groups.items():
        if not isinstance(values, list):
            raise InputError("pyproject.toml", f"[dependency-groups] {name}: expected a list")
        out[name] = [str(v) for v in values if isinstance(v, str)]
    return out


def poetry_constraint(text: str) -> tuple[SpecifierSet, ...]:
    """Poetry's version constraint syntax (`^3.10`, `~3.11`, `>=3.9,<4`, `3.11.*`, `a || b`) as specifier sets."""
    out = []
    for alternative in text.split("||"):
        parts: list[str] = []
        for raw in alternative.replace(",", " ").split():
            parts.append(_poetry_part(raw, text))
        out.append(_spec(",".join(parts), "pyproject.toml [tool.poetry.dependencies] python"))
    return tuple(out)


def _poetry_part(raw: str, whole: str) -> str:
    if raw in ("*", ""):
        return ">=0"
    if raw[0] in "^~" and not raw.startswith("~="):
        nums = raw[1:].split(".")
        if not all(n.isdigit() for n in nums):
            raise InputError("pyproject.toml", f"[tool.poetry.dependencies] python = {whole!r}: cannot read {raw!r}")
        ints = [int(n) for n in nums]
        if raw[0] == "^":
            # ^X.Y allows up to the next major (^0.Y up to the next minor), as in Poetry's documentation.
            first = next((i for i, n in enumerate(ints) if n != 0), len(ints) - 1)
            upper = [*ints[:first], ints[first] + 1]
        else:
            upper = [ints[0] + 1] if len(ints) == 1 else [ints[0], ints[1] + 1]
        return f">={'.'.join(nums)},<{'.'.join(map(str, upper))}"
    if raw[0].isdigit():
        return f"=={raw}"
    return raw


@dataclass(frozen=True)
class _Requirements:
    files: tuple[str, ...]
    names: frozenset[str]
    local: bool = False
    """Some requirement is a path in the project (`-e .`)."""
    exact: bool = False
    """Some requirement is pinned to one version (`numpy==1.26.4`)."""
    pins: tuple[tuple[str, str], ...] = ()
    """(normalized name, version) of each requirement pinned to one version."""
    skip: tuple[str, ...] = ()
    """Normalized names of the first file's requirements no Linux image installs (see _unbuildable)."""


def _requirement_files(project: ProjectDir, first: str, *, skippable: bool = False) -> _Requirements:
    """A requirements file and every file it includes with -r/-c, with the names they require. `skippable`: a
    requirement no Linux image installs, in the first file, is left out of the install (the image's requirements
    install from a filtered copy of that file), not refused."""
    files: list[str] = []
    names: set[str] = set()
    local = False
    exact = False
    pins: list[tuple[str, str]] = []
    skip: list[str] = []
    todo = [first]
    while todo:
        path = todo.pop(0)
        if path in files:
            continue
        files.append(path)
        for lineno, line in _logical_lines(project.read_text(path)):
            words = line.split()
            if words[0] in ("-r", "--requirement", "-c", "--constraint") or words[0].startswith(
                ("--requirement=", "--constraint=")
            ):
                target = words[1] if len(words) > 1 and "=" not in words[0] else words[0].partition("=")[2]
                include = str(PurePosixPath(path).parent / target)
                include = include.removeprefix("./")
                if not project.has(include):
                    raise InputError(path, f"line {lineno}: includes {target}, which does not exist")
                # Constraint files are mounted too, but name no requirement of their own.
                if not words[0].startswith(("-c", "--constraint")):
                    todo.append(include)
                elif include not in files:
                    files.append(include)
                continue
            target = words[1] if words[0] in ("-e", "--editable") and len(words) > 1 else words[0]
            if target.startswith((".", "/", "file:")):
                local = True  # a path in the project (`-e .`, `./libs/x`): it installs once the sources are there
            if line.startswith("-") or "/" in words[0] or words[0].startswith("."):
                continue  # an option (-e, --index-url, …) or a path/URL: no name to learn from it
            try:
                requirement = Requirement(line.split(" --", 1)[0])
                why = _unbuildable(path, lineno, requirement)
                if why and skippable and path == first:
                    skip.append(canonicalize_name(requirement.name))
                    continue
                if why:
                    raise InputError(path, why)
                names.update(provided(requirement.name, requirement.extras))
                exact = exact or any(spec.operator in ("==", "===") for spec in requirement.specifier)
                exact_pins = [
                    (canonicalize_name(requirement.name), spec.version)
                    for spec in requirement.specifier
                    if spec.operator == "==" and "*" not in spec.version
                ]
                ceiling = _ceiling(requirement)
                pins += exact_pins or ([(canonicalize_name(requirement.name), ceiling)] if ceiling else [])
            except InvalidRequirement as exc:
                raise InputError(path, f"line {lineno}: {line!r} is not a requirement: {exc}") from None
    if skip and local:
        # The file also installs the project (-e .) after the sources are copied: it installs whole, unfiltered.
        raise InputError(
            first,
            f"{', '.join(skip)}: no Linux image installs it (a Windows-only or pip-freeze name): "
            'remove the line, or give it a marker (; sys_platform == "win32")',
        )
    return _Requirements(tuple(files), frozenset(names), local, exact, tuple(pins), tuple(dict.fromkeys(skip)))


def _ceiling(requirement: Requirement) -> str:
    """The upper bound a range puts on a requirement (`numpy<2` → "<2", `pandas~=1.5.3` → "<1.6",
    `numpy==1.24.*` → "<1.25", `x<=1.2` → "<=1.2"), "" for none: the newest release it allows may have no wheels
    for the newest Python (numpy 1.26 has none for 3.13)."""
    bounds: list[str] = []
    for spec in requirement.specifier:
        try:
            version = Version(spec.version.removesuffix(".*"))
        except InvalidVersion:
            continue
        release = version.release
        if spec.operator in ("<", "<="):
            bounds.append(f"{spec.operator}{version}")
        elif spec.operator == "~=" and len(release) >= 2:
            bounds.append("<" + ".".join(map(str, (*release[:-2], release[-2] + 1))))
        elif spec.operator == "==" and spec.version.endswith(".*"):
            bounds.append("<" + ".".join(map(str, (*release[:-1], release[-1] + 1))))
    return min(bounds, key=lambda b: Version(b.lstrip("<=")), default="")


def _unbuildable(path: str, lineno: int, requirement: Requirement) -> str:
    """Why no Linux image can install a requirement (one line, with the fix), else ""."""
    name = canonicalize_name(requirement.name)
    if requirement.url and requirement.url.startswith("file:"):
        raise InputError(
            path,
            f"line {lineno}: {requirement.name} @ {requirement.url[:60]} is a path on the machine that froze it "
            f"(conda's pip freeze): pin a version instead ({requirement.name}==X.Y)",
        )
    if name in windows_only() and requirement.marker is None:
        return (
            f"line {lineno}: {requirement.name} installs on Windows only and the image is Linux: "
            f'add `; sys_platform == "win32"` to the line (or remove it)'
        )
    if name in not_on_pypi() and requirement.marker is None:
        return (
            f"line {lineno}: {requirement.name} is no distribution on PyPI (Debian's pip lists it in `pip freeze`): "
            "remove the line"
        )
    return ""


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, text) of each requirement line, comments stripped and `\\` continuations joined."""
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        if full:
            yield start, full
    if pending.strip():
        yield start, pending.strip()


@dataclass(frozen=True)
class _SetupPy:
    name: str
    deps: tuple[str, ...]
    scripts: list[str]
    python_requires: str
    ext_modules: bool
    extras: tuple[str, ...] = ()
    """Names of the optional-dependency extras (a test extra is installed by the test stage)."""
    pins: tuple[tuple[str, str], ...] = ()
    """Exact pins and ceilings of install_requires (pip resolves them unlocked)."""


def _read_setup_py(project: ProjectDir) -> _SetupPy:
    """The literal keyword arguments of setup.py's setup() call (code is parsed, never run)."""
    source = project.read_text("setup.py")
    try:
        tree = ast.parse(source, "setup.py")
    except SyntaxError as exc:
        raise InputError("setup.py", f"invalid Python at line {exc.lineno}: {exc.msg}") from None
    kwargs: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup":
            kwargs = {k.arg: k.value for k in node.keywords if k.arg}
    requires = _literal(kwargs.get("install_requires"), [])
    deps = tuple(_names(requires if isinstance(requires, list) else [], "setup.py install_requires"))
    entry_points = _literal(kwargs.get("entry_points"), {})
    scripts = []
    if isinstance(entry_points, dict):
        for spec in entry_points.get("console_scripts", []):
            scripts.append(str(spec).split("=", 1)[0].strip())
    extras = _literal(kwargs.get("extras_require"), {})
    return _SetupPy(
        name=str(_literal(kwargs.get("name"), "") or ""),
        deps=deps,
        scripts=scripts,
        extras=tuple(str(k) for k in extras) if isinstance(extras, dict) else (),
        python_requires=str(_literal(kwargs.get("python_requires"), "") or ""),
        ext_modules="ext_modules" in kwargs,
        pins=tuple(_pins(requires)),
    )


def _read_setup_cfg(project: ProjectDir) -> _SetupPy:
    """setup.cfg's [metadata] name, [options] install_requires/python_requires and console_scripts."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(project.read_text("setup.cfg"), "setup.cfg")
    except configparser.Error as exc:
        raise InputError("setup.cfg", f"not an INI file: {str(exc).splitlines()[0][:120]}") from None

    def lines(section: str, key: str) -> list[str]:
        text = parser.get(section, key, fallback="")
        return [ln.split("#", 1)[0].strip() for ln in text.splitlines() if ln.split("#", 1)[0].strip()]

    requires = [r for r in lines("options", "install_requires") if not r.startswith(("file:", "attr:"))]
    scripts = [spec.split("=", 1)[0].strip() for spec in lines("options.entry_points", "console_scripts")]
    return _SetupPy(
        name=parser.get("metadata", "name", fallback="").strip(),
        deps=tuple(_names(requires, "setup.cfg [options] install_requires")),
        scripts=[s for s in scripts if s],
        python_requires=parser.get("options", "python_requires", fallback="").strip(),
        ext_modules=False,
        extras=tuple(parser.options("options.extras_require")) if parser.has_section("options.extras_require") else (),
        pins=tuple(_pins(requires)),
    )


def _merge_setup(setup: _SetupPy | None, cfg: _SetupPy) -> _SetupPy:
    """setup.py's literal arguments win over setup.cfg's (setuptools applies them last)."""
    if setup is None:
        return cfg
    return _SetupPy(
        name=setup.name or cfg.name,
        deps=tuple(dict.fromkeys((*setup.deps, *cfg.deps))),
        scripts=list(dict.fromkeys((*setup.scripts, *cfg.scripts))),
        python_requires=setup.python_requires or cfg.python_requires,
        ext_modules=setup.ext_modules,
        extras=tuple(dict.fromkeys((*setup.extras, *cfg.extras))),
        pins=(*setup.pins, *cfg.pins),
    )


def _literal(node: ast.expr | None, default: object) -> object:
    if node is None:
        return default
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError):
        return default  # computed in code: scaffold cannot know it without running setup.py
