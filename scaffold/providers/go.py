"""Go provider (placeholder until the go provider lands)."""

from __future__ import annotations

from scaffold.models import Detection
from scaffold.project import ProjectDir


class GoProvider:
    name = "go"
    priority = 0
    looks_for: tuple[str, ...] = ()

    def detect(self, project: ProjectDir) -> Detection | None:
        return None
