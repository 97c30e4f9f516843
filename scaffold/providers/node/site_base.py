"""The path a static site's build expects to be served under (GitHub Pages' `/<repo>/`): CRA's `homepage`,
Vite's `base`, Vue CLI's `publicPath`, Angular's `baseHref`, Ember's `rootURL`, or the build script's flag for them.

Such a build writes `/<repo>/assets/...` into its index.html; served at `/` the page answers 200 and every
asset 404s. nginx serves the files under that path instead, and `/` redirects there.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import urlsplit

from scaffold.errors import InputError
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.jsonc import read_jsonc

# The config files that name a base, and the key each uses; a conditional value
# (`mode === 'production' ? '/repo/' : '/'`) names the one the production build takes among its literals.
_CONFIGS = (
    *((f"vite.config.{ext}", "base") for ext in ("js", "mjs", "cjs", "ts", "mts", "cts")),
    ("vue.config.js", "publicPath"),
    ("vue.config.cjs", "publicPath"),
    ("vue.config.mjs", "publicPath"),
    ("config/environment.js", "rootURL"),
)
_FLAGS = ("--base", "--base-href", "--public-url")
_CRA = ("react-scripts", "@craco/craco", "react-app-rewired")
_LITERAL = re.compile(r"""(['"`])(/[^'"`\s]*)\1""")
_SEGMENTS = re.compile(r"[A-Za-z0-9._@+~-]+(?:/[A-Za-z0-9._@+~-]+)*")


def site_base(project: ProjectDir, manifest: dict[str, Any], build: str) -> tuple[Fact, str] | None:
    """The `site_base` fact (the path without its slashes) and a note, or None when the site is served at `/`."""
    for found in (_from_flag(build), _from_configs(project), _from_angular(project), _from_homepage(manifest)):
        if found is not None:
            base, source = found
            note = (
                f"the build expects to be served under /{base}/ ({source}): nginx serves it there "
                f"and / redirects to /{base}/"
            )
            return Fact("site_base", base, source), note
    return None


def _clean(value: str) -> str:
    """The path's segments joined by `/`, or "" for the root, a relative base or anything unsafe in a path."""
    path = value.strip().strip("/")
    if not path or not _SEGMENTS.fullmatch(path) or any(s in (".", "..") for s in path.split("/")):
        return ""
    return path


def _from_flag(build: str) -> tuple[str, str] | None:
    words = build.replace("=", " ").split()
    for flag, value in itertools.pairwise(words):
        if flag in _FLAGS and value.startswith("/") and _clean(value):
            return _clean(value), f"package.json build script {flag}"
    return None


def _from_configs(project: ProjectDir) -> tuple[str, str] | None:
    for rel, key in _CONFIGS:
        if not project.has(rel):
            continue
        try:
            text = project.read_text(rel)
        except InputError:
            continue
        # The literals of the key's value: to the end of its line (a ternary over two lines is rare).
        values = {
            _clean(m.group(2)) for line in re.findall(rf"\b{key}\s*:\s*([^\n]*)", text) for m in _LITERAL.finditer(line)
        }
        values.discard("")
        if len(values) == 1:
            return values.pop(), f"{rel} {key}"
    return None


def _from_angular(project: ProjectDir) -> tuple[str, str] | None:
    if not project.has("angular.json"):
        return None
    try:
        projects = read_jsonc(project, "angular.json").get("projects", {})
    except (InputError, AttributeError):
        return None
    for app in projects.values() if isinstance(projects, dict) else ():
        build = app.get("architect", {}).get("build", {}) if isinstance(app, dict) else {}
        if not isinstance(build, dict):
            continue
        production = build.get("configurations", {}).get("production", {})
        for options in (production, build.get("options", {})):
            value = options.get("baseHref") if isinstance(options, dict) else None
            if isinstance(value, str) and value.startswith("/") and _clean(value):
                return _clean(value), "angular.json baseHref"
    return None


def _from_homepage(manifest: dict[str, Any]) -> tuple[str, str] | None:
    """CRA builds for the path of package.json's `homepage` (other tools ignore the key: a repo link there)."""
    deps = [
        n for key in ("dependencies", "devDependencies") if isinstance(manifest.get(key), dict) for n in manifest[key]
    ]
    homepage = manifest.get("homepage")
    if not isinstance(homepage, str) or not any(name in deps for name in _CRA):
        return None
    path = _clean(urlsplit(homepage).path) if "//" in homepage or homepage.startswith("/") else ""
    return (path, "package.json homepage") if path else None
