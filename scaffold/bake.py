"""The Dockerfiles a docker-bake.hcl names besides the main one (a Node workspace's other apps).

A provider that builds each app of a repository from its own Dockerfile lists them in `bake_apps` as
`NAME=DIR=FILE` (the bake target, the member directory, its Dockerfile); pipeline.generate renders each FILE
from the same template with the option `app_option` set to DIR. Go's `NAME=BINARY` items (stages of the one
Dockerfile) have no FILE and need nothing here.

`read_targets` reads a bake file back (`scaffold verify --target NAME` verifies one target: its Dockerfile and stage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffold.models import Options

MAIN = "Dockerfile"
APP_OPTION = "workspace_app"
"""The option that names the member a Dockerfile is for."""


def extra_dockerfiles(options: Options) -> dict[str, str]:
    """FILE -> DIR for each app whose Dockerfile is not the main one ({} when bake is off)."""
    bake = options.values.get("bake")
    value = options.values.get("bake_apps")
    if bake is None or bake.value is not True or value is None:
        return {}
    items = [i.split("=") for i in str(value.value).split()]
    return {parts[2]: parts[1] for parts in items if len(parts) == 3 and parts[2] != MAIN}


BAKE_FILE = "docker-bake.hcl"


@dataclass(frozen=True)
class Target:
    """One docker-bake.hcl target as `docker build` builds it: its context, Dockerfile and stage ("" for the last)."""

    name: str
    context: str = "."
    dockerfile: str = MAIN
    stage: str = ""


_BLOCK = re.compile(r'(?m)^\s*target\s+"([^"]+)"\s*\{')
_ATTRIBUTE = re.compile(r'(?m)^\s*(context|dockerfile|target)\s*=\s*"([^"]*)"')
_INHERITS = re.compile(r"(?m)^\s*inherits\s*=\s*\[([^\]]*)\]")


def read_targets(text: str) -> dict[str, Target]:
    """The targets of a bake file in HCL (scaffold writes one; hand edits in the same shape read the same), each
    merged with the targets it inherits. Attributes other than context, dockerfile, target and inherits are not
    what `docker build` needs and are skipped; a target that is an expression rather than a string is left out."""
    raw: dict[str, dict[str, str]] = {}
    parents: dict[str, list[str]] = {}
    for match in _BLOCK.finditer(text):
        body = _block_body(text, match.end())
        top = _top_level(body)
        raw[match.group(1)] = dict(_ATTRIBUTE.findall(top))
        inherits = _INHERITS.search(top)
        parents[match.group(1)] = re.findall(r'"([^"]+)"', inherits.group(1)) if inherits else []

    def merged(name: str, seen: frozenset[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for parent in parents.get(name, []):
            if parent in raw and parent not in seen:
                out |= merged(parent, seen | {parent})
        return out | raw.get(name, {})

    out = {}
    for name in raw:
        attrs = merged(name, frozenset({name}))
        out[name] = Target(name, attrs.get("context", "."), attrs.get("dockerfile", MAIN), attrs.get("target", ""))
    return out


def _block_body(text: str, start: int) -> str:
    """The text of a block from just after its `{` to its matching `}` (braces in strings do not count)."""
    depth, quoted, i = 1, False, start
    while i < len(text) and depth:
        char = text[i]
        if quoted:
            if char == "\\":
                i += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        i += 1
    return text[start : i - 1]


def _top_level(body: str) -> str:
    """A block's body without its nested blocks and maps (`args = {…}`): the lines of its own attributes."""
    out, depth, quoted = [], 0, False
    for i, char in enumerate(body):
        if quoted:
            if char == '"' and body[i - 1] != "\\":
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            continue
        if depth == 0:
            out.append(char)
    return "".join(out)
