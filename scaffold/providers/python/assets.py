"""A package.json beside a Python web app that only builds its front-end assets (Tailwind's CSS, webpack's bundles
for django-webpack-loader): no start script, no `main` file, so no Node program. The Python app is the project; the
build's output is usually git-ignored, so the Dockerfile builds it in a Node stage (`assets`) and the Python build
stage copies the sources from there, built files included."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from scaffold import catalogue
from scaffold.project import ProjectDir
from scaffold.providers.python.data import assets_image

MANIFEST = "package.json"
MANAGERS = (
    ("package-lock.json", "npm ci", "npm run"),
    ("npm-shrinkwrap.json", "npm ci", "npm run"),
    ("pnpm-lock.yaml", "corepack pnpm install --frozen-lockfile", "corepack pnpm run"),
    ("yarn.lock", "corepack yarn install --frozen-lockfile", "corepack yarn run"),
)
"""Lockfile, install command and run command, by the lockfile the project has (npm's when it has none)."""
NO_LOCK = ("", "npm install", "npm run")
_SCRIPT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$")
"""A script name the build command may carry: a word (`build`, `build:css`), never shell text."""


@dataclass(frozen=True)
class Assets:
    script: str
    """The package.json script that builds the assets."""
    manifests: str
    """package.json and its lockfile, space-separated."""
    install: str
    build: str
    image: str


def asset_build(project: ProjectDir) -> Assets | None:
    """The assets build of a package.json that runs no Node program, if it has a build script."""
    if not project.has(MANIFEST):
        return None
    try:
        manifest: Any = json.loads(project.read_text(MANIFEST))
    except ValueError:
        return None
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    main = manifest.get("main")
    # `npm init -y` writes "main": "index.js" whatever the project is: only a main that exists is a Node program.
    if not isinstance(scripts, dict) or "start" in scripts or (isinstance(main, str) and project.has(main)):
        return None
    builds = sorted(name for name in scripts if isinstance(name, str) and name.split(":")[0] == "build")
    if not builds or not _SCRIPT.match(builds[0]):
        return None
    lock, install, run = next((m for m in MANAGERS if project.has(m[0])), NO_LOCK)
    majors = [m for m in catalogue.image_versions("node") if m.isascii() and m.isdigit()]
    template = assets_image()
    image = template.format(node_major=max(majors, key=int)) if majors and template else ""
    return Assets(builds[0], " ".join(filter(None, [MANIFEST, lock])), install, f"{run} {builds[0]}", image)
