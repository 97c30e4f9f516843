"""Start scripts that load a .env file through a wrapper before the app (`env-cmd -f ./config/prod.env node
src/index.js`, dotenv-cli's `dotenv -e .env -- node index.js`, `dotenvx run -- node index.js`): the file stays out
of the image (a secret, usually not even in the repository), and the wrapper stops when it is missing. The image
runs the command the wrapper runs; the container's environment (docker run -e, compose) sets the variables.

The wrappers and their options are data (catalogue/node.toml `env_loaders`).
"""

from __future__ import annotations

import itertools
import shlex
from typing import Any

from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data


def missing_env_file(project: ProjectDir, script: str) -> str:
    """The file a .env-loading wrapper at the start of `script` names that the project does not hold (it is
    .gitignore'd: `env-cmd -f ./config/test.env jest`), or ''; the wrapper stops there before the command runs."""
    table: dict[str, dict[str, Any]] = node_data().get("env_loaders", {})
    try:
        words = shlex.split(script.split("&&", 1)[0])
    except ValueError:
        return ""
    while words and "=" in words[0] and not words[0].startswith("-"):
        words.pop(0)
    if not words or words[0].removeprefix("node_modules/.bin/") not in table:
        return ""
    files = [value for flag, value in itertools.pairwise(words) if flag in _FILE_FLAGS]
    return next((f for f in files if not project.has(f.removeprefix("./"))), "")


_FILE_FLAGS = ("-f", "--file", "--env-file", "-e")


def without_env_loader(script: str) -> str:
    """The command a .env-loading wrapper runs (`node src/index.js`), or `script` unchanged."""
    table: dict[str, dict[str, Any]] = node_data().get("env_loaders", {})
    try:
        words = shlex.split(script)
    except ValueError:
        return script
    prefix: list[str] = []
    while words and "=" in words[0] and not words[0].startswith("-"):
        prefix.append(words.pop(0))  # VAR=value before the wrapper: still the command's
    name = words[0].removeprefix("node_modules/.bin/") if words else ""
    spec = table.get(name)
    if spec is None:
        return script
    rest = words[1:]
    if spec.get("subcommand"):
        if rest[:1] != [spec["subcommand"]]:
            return script
        rest = rest[1:]
    if "--" in rest:
        command = rest[rest.index("--") + 1 :]
    else:
        takes_value = set(spec.get("value_flags", []))
        command = list(rest)
        while command and command[0].startswith("-"):
            flag = command.pop(0)
            if flag in takes_value and command:
                command.pop(0)
    if not command or any(" " in w for w in command):
        return script
    return " ".join([*prefix, *command])
