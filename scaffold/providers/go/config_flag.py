"""A config-file flag with no default (`flag.String("config", "", …)`): run without it the app prints its usage
and exits. The file it takes comes from the project's run instructions (README, Makefile, Procfile, compose:
`./app -config config.json`), else from the one config file at the module's top (config.yaml)."""

from __future__ import annotations

import re
from posixpath import isabs, normpath

from scaffold import secret_files
from scaffold.project import ProjectDir

CONFIG_FLAG = re.compile(
    r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>(?:config|conf|cfg|c|settings)(?:[-_]?(?:file|path))?)"'
    r'\s*,(?:\s*"\w?"\s*,)?\s*""\s*,',
    re.IGNORECASE,
)
"""A string flag named for a config file whose default is empty."""
CONFIG_TYPES = (".json", ".yaml", ".yml", ".toml", ".ini", ".conf", ".hcl")
RUN_DOCS = ("README.md", "README", "README.rst", "Makefile", "Procfile", "docker-compose.yml", "compose.yaml")
DEFAULT_NAMES = tuple(f"config{ext}" for ext in CONFIG_TYPES)
_PATH = r"""["']?((?:\./)?[A-Za-z0-9_][\w./-]*)["']?"""


def config_flags(code: str) -> list[str]:
    """The config-file flags with no default a file declares."""
    return [m["flag"] for m in CONFIG_FLAG.finditer(code)]


def config_file(project: ProjectDir, module_dir: str, flag: str) -> str | None:
    """The module-relative config file the project runs the app with (`-config config.json` in its README), else
    the one config.* at the module's top; None when there is none or it is a secret."""
    prefix = "" if module_dir == "." else module_dir + "/"
    given = re.compile(rf"(?<![\w-])--?{re.escape(flag)}(?:=|[ \t]+){_PATH}")
    for doc in RUN_DOCS:
        for folder in dict.fromkeys((prefix, "")):
            for m in given.finditer(project.read_text(folder + doc) if project.has(folder + doc) else ""):
                path = normpath(m.group(1))
                if _usable(project, prefix, path):
                    return path
    found = [name for name in DEFAULT_NAMES if _usable(project, prefix, name)]
    return found[0] if len(found) == 1 else None


def _usable(project: ProjectDir, prefix: str, path: str) -> bool:
    """A config file of the module the image may copy: relative, inside it, not a secret."""
    if isabs(path) or path.startswith("..") or not path.endswith(CONFIG_TYPES):
        return False
    return project.has(prefix + path) and not secret_files.in_project(project, prefix + path)
