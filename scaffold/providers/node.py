"""Node provider (placeholder until the node provider lands)."""

from __future__ import annotations

from scaffold.models import Detection
from scaffold.project import ProjectDir


class NodeProvider:
    name = "node"
    priority = 0
    looks_for: tuple[str, ...] = ()

    def detect(self, project: ProjectDir) -> Detection | None:
        return None
