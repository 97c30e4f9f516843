"""Node flags a start command passes that a newer Node major removed (catalogue/node.toml `removed_flags`).

Init keeps the start command as the project wrote it and says what the image does instead; the Dockerfile (parts.py)
rewrites the flag for the image's Node: a flag with a `replace` becomes an equivalent preload (the specifier
resolution `--experimental-specifier-resolution=node` gave: extensionless and directory imports), one without is
dropped where nothing the app runs depends on it. A flag the app needs (`needed_if` matches its sources) makes init
choose an image major that still has it, or refuse in one line with the remedy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scaffold.errors import InputError
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.version import image_majors

RESOLVE_HOOK = "/usr/local/lib/node-resolve/register.mjs"
"""The preload (written in the base stage, resolve-hook.Dockerfile) that registers the resolve hook beside it: what
`--experimental-specifier-resolution=node` gave (extensionless and directory imports), for Node 20.6+."""

REPLACEMENTS: dict[str, list[str]] = {"extensionless_imports": [f"--import={RESOLVE_HOOK}"]}
# One word: a dev tool that passes node flags on (nodemon) takes the next word of `--import PATH` for its script.
"""What a catalogued flag becomes on a Node that removed it (its `replace`): node arguments, our own code."""

_SOURCES = (".js", ".mjs", ".cjs", ".ts", ".mts")
_SKIP = ("node_modules", "dist", "build", "test", "tests", "coverage")


@dataclass(frozen=True)
class FlagCheck:
    """Init's notes on the start command's removed flags, and the older image major to use if the app needs one."""

    notes: tuple[str, ...] = ()
    major: int | None = None


def _table() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = node_data().get("removed_flags", {})
    return table


def node_options(start: Sequence[str], anywhere: bool = False) -> list[tuple[int, str, dict[str, Any]]]:
    """(index, word, catalogue entry) of each catalogued flag between `node` and the script it runs; `anywhere`: of
    each after the command's first word, whatever it runs (a dev script's nodemon passes them on to node)."""
    if list(start[:1]) != ["node"] and not anywhere:
        return []
    found: list[tuple[int, str, dict[str, Any]]] = []
    table = _table()
    skip = False
    for index, word in enumerate(start[1:], 1):
        if skip:
            skip = False
            continue
        if not word.startswith("-"):
            if anywhere:
                continue
            break
        spec = table.get(word.split("=", 1)[0])
        if spec is not None:
            found.append((index, word, spec))
            skip = "=" not in word and bool(spec.get("takes_value"))
    return found


def check_removed_flags(project: ProjectDir, facts: Sequence[Fact], major: int) -> FlagCheck:
    """What init says about the start command's flags that Node `major` removed; InputError when the app needs one
    and no image major has it."""
    start = next((str(f.value) for f in facts if f.key == "start"), "").split()
    notes: list[str] = []
    older: int | None = None
    for _, word, spec in node_options(start):
        since = int(spec.get("since", 0))
        if major < since:
            continue
        needed = _needed(project, str(spec.get("needed_if", "")))
        if needed:
            fits = [m for m in image_majors() if m < since]
            if not fits:
                raise InputError(
                    needed,
                    f"the start command passes {word}, which Node {since} removed (this image has Node {major}), "
                    f"and {needed} needs it: {spec.get('remedy', '')}",
                )
            older = min(fits[0], older or fits[0])
            notes.append(f"the start command passes {word}, which Node {since} removed: using Node {fits[0]}")
        elif spec.get("replace"):
            notes.append(
                f"the start command passes {word}, which Node {since} removed: the image preloads a resolve hook "
                f"that does what it did; {spec.get('remedy', '')} to need neither"
            )
        else:
            notes.append(f"the start command passes {word}, which Node {since} removed: the image drops it")
    return FlagCheck(tuple(notes), older)


def without_removed_flags(start: list[str], node_version: str, anywhere: bool = False) -> tuple[list[str], list[str]]:
    """`start` for an image with `node_version` (each removed flag replaced or dropped), and the Dockerfile's notes;
    `anywhere` as for node_options."""
    major = node_version.split(".", 1)[0]
    if not major.isdigit():
        return start, []
    out = list(start)
    comments: list[str] = []
    for index, word, spec in reversed(node_options(start, anywhere)):
        since = int(spec.get("since", 0))
        if int(major) < since:
            continue
        width = 2 if "=" not in word and spec.get("takes_value") else 1
        replacement = REPLACEMENTS.get(str(spec.get("replace", "")), [])
        out[index : index + width] = replacement
        flag = " ".join(start[index : index + width])
        if replacement:
            comments.insert(0, f"`{flag}` (removed in Node {since}) is a resolve hook preloaded with --import here.")
        else:
            comments.insert(0, f"`{flag}` (removed in Node {since}) is dropped: nothing the app runs needs it.")
    return out, comments


def _needed(project: ProjectDir, pattern: str) -> str:
    """The first source file (not a dependency's, test or build output) that `pattern` matches, or ''."""
    if not pattern:
        return ""
    regex = re.compile(pattern, re.M)
    for path in project.walk(_SOURCES, limit=400):
        if path.split("/", 1)[0] in _SKIP or path.endswith(".d.ts"):
            continue
        if regex.search(project.read_text(path)):
            return path
    return ""


def uses_resolve_hook(commands: Sequence[Sequence[str]], node_version: str) -> bool:
    """Whether any of these commands (the start command, node's flags first; the dev script, anywhere) preloads the
    resolve hook on this Node: the base stage then writes it."""
    return any(
        RESOLVE_HOOK in " ".join(without_removed_flags(list(words), node_version, anywhere=index > 0)[0])
        for index, words in enumerate(commands)
    )
