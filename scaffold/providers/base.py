"""The Provider protocol every language module implements."""

from __future__ import annotations

from typing import Protocol

from scaffold.models import Detection
from scaffold.project import ProjectDir


class Provider(Protocol):
    """Detects one language. Stateless: reads only through ProjectDir, raises InputError on bad files."""

    @property
    def name(self) -> str:
        """The language name, also the built-in template's folder name."""
        ...

    @property
    def priority(self) -> int:
        """Breaks ties between detections with the same score (higher wins)."""
        ...

    @property
    def looks_for(self) -> tuple[str, ...]:
        """The files this provider looks for, listed when no language is found."""
        ...

    def detect(self, project: ProjectDir) -> Detection | None:
        """A Detection if this is a project of the provider's language, else None."""
        ...
