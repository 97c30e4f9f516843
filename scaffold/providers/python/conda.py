"""A conda environment file (environment.yml) read as pip requirements: the Python images have no conda.

Its `pip:` list is kept as it is; its conda packages go by their PyPI names (catalogue [conda]: what to skip,
what is renamed), `name=1.2` (conda's prefix match) becoming `name==1.2.*` and a build string dropped.
`python=3.11` is the Python version asked for. What cannot be read as a requirement is refused in one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python.data import conda_names

REFUSAL = (
    "a conda environment is not installable with pip and the Python images have no conda: list the packages "
    "(its `pip:` ones and the PyPI names of the rest) in requirements.txt, then run init again"
)
_CONDA_SPEC = re.compile(r"^(?:[\w.-]+::)?(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)\s*(?P<spec>.*)$")
_VERSION = re.compile(r"^[0-9][0-9A-Za-z.*+!-]*$")


@dataclass(frozen=True)
class CondaEnv:
    requirements: tuple[str, ...]
    """pip requirements, in the file's order."""
    python: str
    """The Python version asked for (`python=3.11` → "3.11"), or ""."""


def read_conda(project: ProjectDir, path: str) -> CondaEnv:
    """The environment file as pip requirements; InputError (one line) when some entry cannot be one."""
    try:
        data: Any = yaml.safe_load(project.read_text(path))
    except yaml.YAMLError:
        raise InputError(path, REFUSAL) from None
    deps = data.get("dependencies") if isinstance(data, dict) else None
    if not isinstance(deps, list):
        raise InputError(path, REFUSAL)
    skip, renames = conda_names()
    requirements: list[str] = []
    python = ""
    for dep in deps:
        if isinstance(dep, dict) and list(dep) == ["pip"] and isinstance(dep["pip"], list):
            for line in dep["pip"]:
                requirements.append(_pip_line(path, line))
            continue
        if not isinstance(dep, str) or (m := _CONDA_SPEC.match(dep.strip())) is None:
            raise InputError(path, f"{dep!r}: {REFUSAL}")
        name, spec = m.group("name"), _spec(m.group("spec"))
        if canonicalize_name(name) == "python":
            python = ".".join(spec.lstrip("=").rstrip(".*").split(".")[:2]) if spec.startswith("==") else ""
            continue
        if canonicalize_name(name) in skip or name.startswith(("lib", "_")):
            continue
        requirements.append(_checked(path, renames.get(name, name) + spec))
    return CondaEnv(tuple(requirements), python)


def _spec(text: str) -> str:
    """conda's version part as pip's: `=1.2` → `==1.2.*`, `=1.2=build` → `==1.2.*`, `1.2` → `==1.2.*`."""
    text = text.strip().replace(" ", "")
    if not text:
        return ""
    if text.startswith("=") and not text.startswith("=="):
        text = text[1:]
    elif text[0] in "<>!~=":
        return text
    version = text.split("=")[0]
    if not _VERSION.match(version):
        return "=" + text  # left to the requirement check below, which refuses it
    return f"=={version}" if "*" in version or version.count(".") >= 2 else f"=={version}.*"


def _pip_line(path: str, line: object) -> str:
    if not isinstance(line, str) or line.strip().startswith("-"):
        raise InputError(path, f"pip: {line!r}: {REFUSAL}")
    return _checked(path, line.strip())


def _checked(path: str, requirement: str) -> str:
    if ";" not in requirement:
        requirement = requirement.replace(" ", "")  # `pandas >= 2.0`, as pip reads it
    try:
        Requirement(requirement)
    except InvalidRequirement:
        raise InputError(path, f"{requirement!r}: {REFUSAL}") from None
    if any(ch.isspace() for ch in requirement) or '"' in requirement:
        raise InputError(path, f"{requirement!r}: {REFUSAL}")
    return requirement


def names(env: CondaEnv) -> frozenset[str]:
    """Normalized names of the requirements."""
    return frozenset(canonicalize_name(Requirement(r).name) for r in env.requirements)
