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
