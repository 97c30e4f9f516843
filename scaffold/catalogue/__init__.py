"""The language catalogues: one TOML data file per language, read here and nowhere else.

Each `<language>.toml` beside this module holds the facts that are data, not logic: which versions have
base images, default versions and ports, frameworks and their build outputs, native packages and the
Debian packages they need at build and at run time. Providers read their language's catalogue through
`load`; templates never repeat it: their image, version and tool-pin defaults come from the
`[template]` table (`template_default`).
`secrets.toml` (the files no image may hold) is shared by every language and read through
`load("secrets")` by scaffold/secret_files.py alone.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from packaging.version import Version

from scaffold.errors import TemplateError
from scaffold.models import Value

CATALOGUE_DIR = Path(__file__).parent


@cache
def load(language: str) -> dict[str, Any]:
    """The catalogue of `language` (an empty one when scaffold ships none for it)."""
    path = CATALOGUE_DIR / f"{language}.toml"
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        # Shipped with scaffold: a broken file is a broken installation, reported in one line.
        raise TemplateError(f"{path}: {exc}") from None


def template_default(language: str, key: str, values: Mapping[str, Value]) -> str | None:
    """The catalogue's default for template variable `key` (its `[template]` table), None when it has none.

    A template leaves such a variable empty in cookiecutter.json and gets the catalogue's value, so image
    names, versions and tool pins are written once. An entry is a format string over the values resolved
    before it (`python:{python_version}-slim-{debian}`), over the catalogue's own tables, and over
    `newest_image` (the newest version of `[images]`) and `image_release` (the `[images]` entry of the
    `<language>_version` value); or a table choosing by another variable: `by = "runtime"`, one entry per
    value (`true`/`false` for yes/no) and `default`.
    """
    data = load(language)
    entry = data.get("template", {}).get(key)
    if isinstance(entry, dict):
        chosen = values.get(str(entry.get("by", "")))
        word = ("true" if chosen else "false") if isinstance(chosen, bool) else str(chosen)
        entry = entry.get(word, entry.get("default"))
    if not isinstance(entry, str):
        return None
    images = image_versions(language)
    names: dict[str, Any] = {**data, **{k: "" if v is None else v for k, v in values.items()}}
    if images:
        names["newest_image"] = max(images, key=Version)
        names["image_release"] = images.get(str(values.get(f"{language}_version", "")), "")
    try:
        return entry.format_map(names)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        # Shipped with scaffold: a broken entry is a broken installation, reported in one line.
        raise TemplateError(f"{CATALOGUE_DIR / f'{language}.toml'}: template.{key}: {exc!r}") from None


def image_versions(language: str) -> dict[str, str]:
    """Version → Debian release ("" when the catalogue names none) of the language's base images.

    `$SCAFFOLD_<LANGUAGE>_IMAGES` (a registry's own list: `3.11=bookworm,3.13=trixie`, or majors `22,20`)
    replaces the catalogue's `[images]` (or `[versions] image_majors`); the providers check its grammar.
    """
    listed = os.environ.get(f"SCAFFOLD_{language.upper()}_IMAGES", "").strip()
    if listed:
        pairs = (item.partition("=") for item in listed.split(",") if item.strip())
        return {version.strip(): release.strip() for version, _, release in pairs}
    data = load(language)
    images = data.get("images")
    if isinstance(images, dict):
        return {str(k): str(v) for k, v in images.items()}
    majors = data.get("versions", {}).get("image_majors", [])
    return {str(m): "" for m in majors}
