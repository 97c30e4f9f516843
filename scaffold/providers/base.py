"""The Provider protocol every language module implements."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from scaffold.models import Detection, Options
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


# Optional provider attributes, read by the registry with defaults:
#   title: str       the language as people write it (default: the name, capitalized)
#   template: Path   the built-in template folder (default: scaffold's templates/<name>/)


@runtime_checkable
class HintedDetector(Protocol):
    """A provider whose detection follows a person's choice (--set, a recorded answer), such as which
    workspace member to containerize. Optional: the registry calls `detect_hinted` when a provider has it."""

    def detect_hinted(self, project: ProjectDir, hints: Mapping[str, str]) -> Detection | None:
        """As `detect`, steered by `hints` (option name → the value a person chose)."""
        ...


@runtime_checkable
class Decider(Protocol):
    """A provider that derives values from the resolved options (an image from a version) or refuses them.

    Optional, like the attributes above: the registry calls `decide` after every option is resolved."""

    def decide(self, detection: Detection, options: Options) -> Options:
        """`options` with derived values set where no person chose them; ScaffoldError to refuse."""
        ...


@runtime_checkable
class DependencyLister(Protocol):
    """A provider that names the project's runtime dependencies as its manifests spell them (compose.yaml's
    backing services follow from them). Optional: without it a language gets no services."""

    def dependencies(self, project: ProjectDir) -> tuple[str, ...]:
        """The runtime dependency names; () when the manifest is missing or one detect would refuse."""
        ...


@runtime_checkable
class ProgramLister(Protocol):
    """A provider whose image holds programs by name (Go's binaries: the app's, and its other cmd/* ones):
    compose.yaml runs a worker among them from the app's image. Optional: without it a language's workers come from
    its Procfile, scripts and dependencies alone."""

    def programs(self, detection: Detection) -> dict[str, str]:
        """Each program's name -> its absolute path in the image, the one the image runs first ({} for none)."""
        ...


DIRECTORY_NAME = "directory name"
"""The source of a fact read from the project's directory name: not in the repository, so it is recorded."""

_UNSAFE_IN_IMAGE_NAME = re.compile(r"[^a-z0-9._-]+")


def image_name(raw: str) -> str:
    """A docker-safe image name from a module, package or directory name ("app" if nothing is left)."""
    return _UNSAFE_IN_IMAGE_NAME.sub("-", raw.lower()).strip("._-") or "app"
