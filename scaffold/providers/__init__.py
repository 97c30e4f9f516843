"""The registry of language providers."""

from __future__ import annotations

from scaffold.models import Detection
from scaffold.project import ProjectDir
from scaffold.providers.base import Provider
from scaffold.providers.go import GoProvider
from scaffold.providers.node import NodeProvider
from scaffold.providers.python import PythonProvider

PROVIDERS: dict[str, Provider] = {p.name: p for p in (GoProvider(), NodeProvider(), PythonProvider())}


def detect_all(project: ProjectDir) -> list[Detection]:
    """Every language found, best first: by score, then by provider priority."""
    found = [d for p in PROVIDERS.values() if (d := p.detect(project)) is not None]
    return sorted(found, key=lambda d: (-d.score, -PROVIDERS[d.language].priority))


def looked_for() -> str:
    """What detection looks for, for the 'nothing found' message."""
    return "; ".join(f"{name}: {', '.join(p.looks_for)}" for name, p in PROVIDERS.items())
