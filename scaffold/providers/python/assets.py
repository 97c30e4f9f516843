"""A package.json beside a Python web app that only builds its front-end assets (Tailwind's CSS, webpack's bundles
for django-webpack-loader): no start script, no `main`, so no Node program. The Python app is the project, and
init says that the image does not run that build (its output is usually git-ignored)."""

from __future__ import annotations

import json
from typing import Any

from scaffold.project import ProjectDir

MANIFEST = "package.json"


def asset_build(project: ProjectDir) -> str:
    """The name of the asset build script of a package.json that runs no Node program, else ""."""
    if not project.has(MANIFEST):
        return ""
    try:
        manifest: Any = json.loads(project.read_text(MANIFEST))
    except ValueError:
        return ""
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    if not isinstance(scripts, dict) or "start" in scripts or "main" in manifest:
        return ""
    builds = sorted(name for name in scripts if isinstance(name, str) and name.split(":")[0] == "build")
    return builds[0] if builds else ""
