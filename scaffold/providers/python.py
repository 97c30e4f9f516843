"""Python provider (placeholder until the python provider lands)."""

from __future__ import annotations

from scaffold.models import Detection
from scaffold.project import ProjectDir


class PythonProvider:
    name = "python"
    priority = 0
    looks_for: tuple[str, ...] = ()

    def detect(self, project: ProjectDir) -> Detection | None:
        return None
