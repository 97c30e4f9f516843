"""A build script that builds another package.json's project in a folder of this one: the client of a
server-plus-client repository (`npm install --prefix client && npm run build --prefix client`, `cd client &&
npm run build`, `yarn --cwd web build`, `pnpm -C frontend build`). Its output is in that folder, not here.
"""

from __future__ import annotations

import posixpath
import re
import shlex

_MANAGERS = ("npm", "yarn", "pnpm", "bun")
_DIR_FLAGS = ("--prefix", "--cwd", "-C", "--dir")


def delegated_dir(script: str, scripts: dict[str, str], depth: int = 0) -> str:
    """The folder whose own build the script's last build command runs, else '' (it builds here). A script it
    runs by name (`npm run build:client`) is followed, once."""
    cwd = ""
    found = ""
    for part in re.split(r"&&|;", script):
        try:
            words = shlex.split(part)
        except ValueError:
            return ""
        while words and "=" in words[0] and not words[0].startswith("-"):
            words.pop(0)  # NPM_CONFIG_PRODUCTION=false and the like
        if words[:1] == ["cd"] and len(words) == 2:
            cwd = _relative(cwd, words[1])
            continue
        if words[:1] and words[0] in _MANAGERS and _runs_build(words[1:]):
            flagged = _flag_dir(words[1:])
            found = _relative(cwd, flagged) if flagged else cwd
        elif not cwd and depth == 0 and words[:2] in (["npm", "run"], ["yarn", "run"], ["pnpm", "run"]):
            named = words[2] if len(words) > 2 else ""
            inner = delegated_dir(scripts[named], scripts, 1) if named in scripts else ""
            found = inner or found
    return found if found and not found.startswith(("/", "..")) and found != "." else ""


def _runs_build(args: list[str]) -> bool:
    plain = [a for a in args if not a.startswith("-")]
    return "build" in plain[:3]


def _flag_dir(args: list[str]) -> str:
    for i, word in enumerate(args):
        flag, equals, value = word.partition("=")
        if flag in _DIR_FLAGS:
            return value if equals else (args[i + 1] if i + 1 < len(args) else "")
    return ""


def _relative(base: str, path: str) -> str:
    cleaned = path.strip()
    if not cleaned or cleaned.startswith("/"):
        return cleaned or base
    return posixpath.normpath(posixpath.join(base, cleaned)) if base else posixpath.normpath(cleaned)
