"""docker-bake.hcl as BuildKit's bake reads it (parsed by python-hcl2): each target with what it inherits, and
the `docker build` that builds the same image (bake's targets are context + Dockerfile + stage + args)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _text(value: Any) -> Any:
    # python-hcl2 keeps a string's quotes; a bare word (TAG) is an expression, kept as it is.
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items() if k != "__is_block__"}
    return value


def _blocks(parsed: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {_text(name): _text(body) for block in parsed.get(kind, []) for name, body in block.items()}


def read(path: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """(groups, targets) of a bake file, each target merged with the targets it inherits."""
    import hcl2

    with path.open(encoding="utf-8") as fh:
        parsed = hcl2.load(fh)
    groups = {name: body["targets"] for name, body in _blocks(parsed, "group").items()}
    raw = _blocks(parsed, "target")

    def merged(name: str) -> dict[str, Any]:
        body = dict(raw[name])
        out: dict[str, Any] = {}
        for parent in body.pop("inherits", []):
            out |= merged(parent)
        return out | body

    return groups, {name: merged(name) for name in raw}


def build_spec(target: dict[str, Any], version: str) -> tuple[str, str, str, dict[str, str]]:
    """What `docker build` needs to build `target`: (context, Dockerfile, stage, build args), the version given."""
    args = {str(k): version for k in target.get("args", {})}  # each arg of ours is the image version (TAG)
    return target.get("context", "."), target.get("dockerfile", "Dockerfile"), target["target"], args
