"""The Node provider's data: package managers and their commands, frameworks and their builds, native
packages, Node's own modules, build hooks and workspace tools.

It all lives in the Node catalogue (scaffold/catalogue/node.toml); the Node modules read it through here
only, so the catalogue has one reader per language.
"""

from __future__ import annotations

from typing import Any

from scaffold import catalogue


def node_data() -> dict[str, Any]:
    """The whole Node catalogue, parsed once (catalogue.load caches it)."""
    return catalogue.load("node")


def package_manager(name: str) -> dict[str, Any]:
    """One package manager's commands and cache (`[package_managers.<name>]`)."""
    spec: dict[str, Any] = node_data()["package_managers"][name]
    return spec
