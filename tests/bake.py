"""docker-bake.hcl as BuildKit's bake reads it (parsed by python-hcl2): each target with what it inherits, and
the `docker build` that builds the same image (bake's targets are context + Dockerfile + stage + args)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaffold import bake


def read(path: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """(groups, targets) of a bake file, each target merged with the targets it inherits (scaffold's reader)."""
    return bake.read(path.read_text(encoding="utf-8"))


def build_spec(target: dict[str, Any], version: str) -> tuple[str, str, str, dict[str, str]]:
    """What `docker build` needs to build `target`: (context, Dockerfile, stage, build args), the version given."""
    args = {str(k): version for k in target.get("args", {})}  # each arg of ours is the image version (TAG)
    return target.get("context", "."), target.get("dockerfile", "Dockerfile"), target["target"], args
