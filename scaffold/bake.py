"""The Dockerfiles a docker-bake.hcl names besides the main one (a Node workspace's other apps).

A provider that builds each app of a repository from its own Dockerfile lists them in `bake_apps` as
`NAME=DIR=FILE` (the bake target, the member directory, its Dockerfile); pipeline.generate renders each FILE
from the same template with the option `app_option` set to DIR. Go's `NAME=BINARY` items (stages of the one
Dockerfile) have no FILE and need nothing here.

`read_targets` reads a bake file back with python-hcl2, as BuildKit reads HCL (`scaffold verify --target NAME`
verifies one target: its Dockerfile and stage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scaffold.models import Options

MAIN = "Dockerfile"
_NOT_IN_NAME = re.compile(r"[^a-z0-9_-]+")


def target_name(directory: str) -> str:
    """A bake target name for an app's directory: its last part, lowercase, other characters as '-' ("" if none)."""
    return _NOT_IN_NAME.sub("-", directory.rstrip("/").rpartition("/")[2].lower()).strip("-_")


def one_app(apps: str) -> str:
    """The refusal of bake=yes where a project has one app (`apps` says which kind of repository has several)."""
    return (
        f"bake=yes: docker-bake.hcl builds the several {apps} and this project has one; "
        "build its image with `make build` (or leave bake unset)"
    )


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


def _text(value: Any) -> Any:
    # python-hcl2 keeps a string's quotes; a bare word (TAG) is an expression, kept as it is.
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items() if k != "__is_block__"}
    return value


def read(text: str) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """(groups, targets) of a bake file as BuildKit's HCL reads it (python-hcl2), each target merged with the
    targets it inherits (a target that inherits itself, directly or not, inherits nothing more).

    Raises ValueError with the parser's reason when the text is not HCL."""
    import hcl2
    from lark.exceptions import LarkError

    try:
        parsed = hcl2.loads(text)
    except LarkError as exc:
        raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None

    def blocks(kind: str) -> dict[str, dict[str, Any]]:
        return {_text(n): _text(b) for block in parsed.get(kind, []) for n, b in block.items() if isinstance(b, dict)}

    groups = {name: list(body.get("targets", [])) for name, body in blocks("group").items()}
    raw = blocks("target")

    def merged(name: str, seen: frozenset[str]) -> dict[str, Any]:
        body = dict(raw.get(name, {}))
        out: dict[str, Any] = {}
        for parent in body.pop("inherits", []):
            if isinstance(parent, str) and parent not in seen:
                out |= merged(parent, seen | {parent})
        return out | body

    return groups, {name: merged(name, frozenset({name})) for name in raw}


def read_targets(text: str) -> dict[str, Target]:
    """The targets of a bake file as `docker build` builds them: context, Dockerfile and stage. An attribute that
    is an expression rather than a string falls back to bake's default."""

    def string(attrs: dict[str, Any], key: str, default: str) -> str:
        value = attrs.get(key, default)
        return value if isinstance(value, str) and "${" not in value else default

    return {
        name: Target(name, string(a, "context", "."), string(a, "dockerfile", MAIN), string(a, "target", ""))
        for name, a in read(text)[1].items()
    }
