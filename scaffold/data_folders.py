"""Folder names that hold an app's data rather than its code (scaffold/catalogue/data_folders.toml)."""

from __future__ import annotations

from functools import cache

from scaffold import catalogue


@cache
def names() -> frozenset[str]:
    """The data folder names, lower case: a shipped folder so named (with no code in it) is the app's to write."""
    return frozenset(str(n).lower() for n in catalogue.load("data_folders").get("folders", []))
