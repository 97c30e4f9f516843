"""The language catalogues: one TOML data file per language, read here and nowhere else.

Each `<language>.toml` beside this module holds the facts that are data, not logic: which versions have
base images, default versions and ports, frameworks and their build outputs, native packages and the
Debian packages they need at build and at run time. Providers read their language's catalogue through
`load`; templates never repeat it. `secrets.toml` (the files no image may hold) is shared by every
language and read through `load("secrets")` by scaffold/secret_files.py alone.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from scaffold.errors import TemplateError

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
