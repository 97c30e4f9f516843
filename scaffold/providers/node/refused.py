"""Frameworks whose projects a generic Dockerfile cannot build: refused at init in one line naming their own way.

RedwoodJS splits a project into api/ and web/ sides that its CLI builds and serves together (`yarn rw build`,
`yarn rw serve`), with Prisma and a generated GraphQL schema between them; `yarn rw setup docker` writes the
Dockerfile for that. The table is catalogue/node.toml `own_deploy`."""

from __future__ import annotations

from typing import Any

from scaffold.errors import InputError
from scaffold.providers.node.data import node_data


def refuse_own_deploy(manifest: dict[str, Any]) -> None:
    """InputError when the root package.json depends on a framework that writes its own deployment."""
    table: dict[str, dict[str, str]] = node_data().get("own_deploy", {})
    for key in ("dependencies", "devDependencies"):
        deps = manifest.get(key)
        if not isinstance(deps, dict):
            continue
        for package, spec in table.items():
            if package in deps:
                raise InputError("package.json", f"a {spec['name']} project ({package}): {spec['remedy']}")
