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
from scaffold.providers.python.data import asset_dirs, assets_image

MANIFEST = "package.json"
MANAGERS = (
    ("package-lock.json", "npm ci", "npm run"),
    ("npm-shrinkwrap.json", "npm ci", "npm run"),
    ("pnpm-lock.yaml", "corepack pnpm install --frozen-lockfile", "corepack pnpm run"),
    ("yarn.lock", "corepack yarn install --frozen-lockfile", "corepack yarn run"),
)
"""Lockfile, install command and run command, by the lockfile the project has (npm's when it has none)."""
NO_LOCK = ("", "npm install", "npm run")
BUILD_CONFIGS = (
    "vite.config.js",
    "vite.config.ts",
    "vite.config.mjs",
    "vite.config.mts",
    "webpack.config.js",
    "webpack.config.cjs",
    "webpack.config.mjs",
    "rollup.config.js",
    "rollup.config.mjs",
    "esbuild.config.js",
    "esbuild.config.mjs",
    "package.json",
)
"""Files of a front-end folder that say where its build writes."""
_ABOVE = re.compile(r"""["'`]\.\./|(?:--outDir|--out-dir|--output-path|--outdir|-o)[ =]\.\./""")
"""A path that leaves the folder: a quoted `../…` (Vite's outDir, webpack's path) or a CLI output option to `../`."""
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
    folder: str = ""
    """The folder holding package.json, "" for the root."""


def asset_build(project: ProjectDir) -> Assets | None:
    """The assets build of a package.json that runs no Node program, if it has a build script: at the root, else in
    a front-end folder (`frontend/`, catalogue [assets] dirs) whose build writes into the Python app's tree
    (Vite's `outDir: "../app/static"`, webpack's `path.resolve(__dirname, "../static")`)."""
    found = _build_in(project, "")
    for folder in asset_dirs() if found is None else ():
        if project.is_dir(folder) and _writes_above(project, folder):
            found = _build_in(project, folder)
            if found is not None:
                break
    return found


def _writes_above(project: ProjectDir, folder: str) -> bool:
    """Some build config (or the package.json) of the folder names a path outside it (`../app/static`)."""
    configs = [f"{folder}/{name}" for name in BUILD_CONFIGS]
    return any(project.has(p) and _ABOVE.search(project.read_text(p)) for p in configs)


def _build_in(project: ProjectDir, folder: str) -> Assets | None:
    """The assets build of `folder`'s package.json ("" is the root)."""
    where = f"{folder}/" if folder else ""
    if not project.has(where + MANIFEST):
        return None
    try:
        manifest: Any = json.loads(project.read_text(where + MANIFEST))
    except ValueError:
        return None
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    main = manifest.get("main")
    # `npm init -y` writes "main": "index.js" whatever the project is: only a main that exists is a Node program.
    if not isinstance(scripts, dict) or "start" in scripts or (isinstance(main, str) and project.has(where + main)):
        return None
    builds = sorted(name for name in scripts if isinstance(name, str) and name.split(":")[0] == "build")
    if not builds or not _SCRIPT.match(builds[0]):
        return None
    lock, install, run = next((m for m in MANAGERS if project.has(where + m[0])), NO_LOCK)
    majors = [m for m in catalogue.image_versions("node") if m.isascii() and m.isdigit()]
    template = assets_image()
    image = template.format(node_major=max(majors, key=int)) if majors and template else ""
    manifests = " ".join(where + name for name in (MANIFEST, lock) if name)
    return Assets(builds[0], manifests, install, f"{run} {builds[0]}", image, folder)
