"""Projects whose version comes from git (setuptools-scm, hatch-vcs, pdm's scm source, poetry-dynamic-versioning).

The image's build context has no .git, so such a build stops with "unable to detect version": the build stage
sets the backend's own variable instead (SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0, …). Read from the manifests'
text with tomllib and `packaging` (setup.py's `use_scm_version` by `ast`); the project's code never runs.
"""

from __future__ import annotations

import ast
import configparser
from collections.abc import Mapping
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from scaffold.project import ProjectDir
from scaffold.providers.python.data import vcs_version

SETUPTOOLS_SCM = "setuptools-scm"


def vcs_env(project: ProjectDir, pyproject: Mapping[str, Any]) -> tuple[str, str]:
    """`VAR=version` pairs (space-separated) for the backends that version the project from git, and the file
    that says so; ("", "") when none does."""
    version, env = vcs_version()
    found: dict[str, str] = {}  # variable → evidence
    for name in _build_requires(pyproject):
        if name in env:
            found.setdefault(env[name], "pyproject.toml [build-system] requires")
    tool = pyproject.get("tool")
    tool = tool if isinstance(tool, dict) else {}
    if "setuptools_scm" in tool and SETUPTOOLS_SCM in env:
        found.setdefault(env[SETUPTOOLS_SCM], "pyproject.toml [tool.setuptools_scm]")
    pdm = tool.get("pdm")
    pdm_version = pdm.get("version") if isinstance(pdm, dict) else None
    if isinstance(pdm_version, dict) and pdm_version.get("source") == "scm" and "pdm" in env:
        found.setdefault(env["pdm"], "pyproject.toml [tool.pdm.version]")
    if SETUPTOOLS_SCM in env and (_setup_py_scm(project) or _setup_cfg_scm(project)):
        found.setdefault(env[SETUPTOOLS_SCM], "setup.py" if _setup_py_scm(project) else "setup.cfg")
    if not found:
        return "", ""
    return " ".join(f"{var}={version}" for var in found), next(iter(found.values()))


def _build_requires(pyproject: Mapping[str, Any]) -> list[str]:
    system = pyproject.get("build-system")
    requires = system.get("requires", []) if isinstance(system, dict) else []
    return [n for n in (_req_name(r) for r in requires if isinstance(r, str)) if n]


def _req_name(text: str) -> str:
    try:
        return canonicalize_name(Requirement(text).name)
    except InvalidRequirement:
        return ""


def _setup_py_scm(project: ProjectDir) -> bool:
    """setup.py calls setup(use_scm_version=…) (PyScaffold's setup.py, older setuptools-scm projects)."""
    if not project.has("setup.py"):
        return False
    try:
        tree = ast.parse(project.read_text("setup.py"), "setup.py")
    except SyntaxError:
        return False  # the manifest reader names the error
    return any(isinstance(n, ast.keyword) and n.arg == "use_scm_version" for n in ast.walk(tree))


def _setup_cfg_scm(project: ProjectDir) -> bool:
    """setup.cfg's [options] setup_requires names setuptools_scm."""
    if not project.has("setup.cfg"):
        return False
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(project.read_text("setup.cfg"), "setup.cfg")
    except configparser.Error:
        return False
    names = parser.get("options", "setup_requires", fallback="").replace(";", "\n").split()
    return any(_req_name(n) == SETUPTOOLS_SCM for n in names)
