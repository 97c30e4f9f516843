"""The commands a script runs through the scripts it names: `concurrently "npm:lint" "npm:test:*"` (Ember's
test script), `npm-run-all --parallel test:*`, `run-s lint test:unit`."""

from __future__ import annotations

import fnmatch
import shlex

_RUNNERS = ("npm-run-all", "run-s", "run-p")
_PREFIXES = ("npm:", "yarn:", "pnpm:", "bun:")


def commands_of(script: str, scripts: dict[str, str]) -> list[str]:
    """The script's own command, then (one level down) the commands of the scripts it runs by name pattern."""
    try:
        words = shlex.split(script)
    except ValueError:
        return [script]
    patterns = [w.split(":", 1)[1] for w in words if w.startswith(_PREFIXES)]
    if words[:1] and words[0] in _RUNNERS:
        patterns += [w for w in words[1:] if not w.startswith("-")]
    # concurrently's `npm:lint:*(!fix)` excludes names: the exclusion is dropped (a wider match only adds commands)
    patterns = [p.split("(", 1)[0] for p in patterns]
    named = [body for name, body in scripts.items() if any(fnmatch.fnmatchcase(name, p) for p in patterns if p)]
    return [script, *named]


_PARALLEL = ("concurrently", "npm-run-all", "run-p")
_RUN = (["npm", "run"], ["yarn", "run"], ["pnpm", "run"], ["bun", "run"])


def parallel_server(script: str, scripts: dict[str, str], servers: tuple[str, ...]) -> str:
    """The one command of a start script that runs several at once (`concurrently "npm run server" "npm run
    client"`) that starts a server (its first word in `servers`: node, nodemon), else ''. The others are a
    client's dev server or a watcher, which the image replaces with the build's output."""
    try:
        words = shlex.split(script)
    except ValueError:
        return ""
    if not words or words[0] not in _PARALLEL:
        return ""
    bodies = [*commands_of(script, scripts)[1:], *(_named(w, scripts) for w in words[1:] if " " in w)]
    found = [b for b in bodies if b.split()[:1] and b.split()[0] in servers]
    return found[0] if len(found) == 1 else ""


def _named(command: str, scripts: dict[str, str]) -> str:
    """The body of the script a quoted command runs by name (`npm run server`, `yarn server`), else the command."""
    words = command.split()
    name = (
        words[2]
        if words[:2] in _RUN and len(words) == 3
        else words[1]
        if words[:1] == ["yarn"] and len(words) == 2
        else ""
    )
    return scripts.get(name, command) if name else command
