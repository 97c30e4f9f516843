"""Notes on option values that quietly override each other, so the user hears of it before building."""

from __future__ import annotations

from scaffold import catalogue
from scaffold.models import Options


def runtime_notes(options: Options) -> list[str]:
    """A distroless runtime brings its own interpreter: say so when it is not the version chosen.

    The catalogue's `[distroless]` table names the option (`version_key`) and the image's version.
    """
    spec = catalogue.load(options.language).get("distroless") or {}
    runtime = options.values.get("runtime")
    chosen = options.values.get(str(spec.get("version_key", "")))
    if runtime is None or runtime.value != "distroless" or chosen is None or not spec.get("version"):
        return []
    if str(chosen.value) == str(spec["version"]):
        return []
    return [
        f"runtime=distroless runs the distroless image's Python {spec['version']}, not "
        f"{spec['version_key']}={chosen.value} ({chosen.source}); choose runtime=slim to keep {chosen.value}"
    ]
