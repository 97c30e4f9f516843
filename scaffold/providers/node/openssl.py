"""Old packages that need a build setting newer platforms dropped.

Builds whose bundler hashes with MD4 (webpack before 4.47: react-scripts 4, Vue CLI 4, Angular 11), which Node 17+
leaves out of its OpenSSL 3: the build runs with the legacy provider enabled (catalogue/node.toml `legacy_openssl`)
instead of stopping with ERR_OSSL_EVP_UNSUPPORTED. Native packages whose old builds run `python` (sqlite3 4): the
build stages get python-is-python3 (catalogue `python_name`)."""

from __future__ import annotations

from typing import Any

import nodesemver

from scaffold.project import ProjectDir
from scaffold.providers.node.ceiling import installed
from scaffold.providers.node.data import node_data


def legacy_openssl(project: ProjectDir, manifest: dict[str, Any]) -> tuple[str, str]:
    """(the build's environment setting, why) when an installed bundler needs OpenSSL's legacy provider; ('', '')."""
    table: dict[str, Any] = node_data().get("legacy_openssl", {})
    for package, spec in dict(table.get("packages", {})).items():  # the bundler itself first
        version, source = installed(project, manifest, package)
        if version.endswith(".x"):  # package.json's lowest allowed major only
            version = version.removesuffix(".x") + ".0.0"
        if version and _satisfies(version, str(spec)):
            why = f"{package} {version.removesuffix('.0.0') if source == 'package.json' else version} ({source})"
            return str(table["env"]), why
    return "", ""


def python_name_packages(project: ProjectDir, manifest: dict[str, Any]) -> list[str]:
    """The build packages that name python3 `python` when an installed native package's build runs `python`."""
    table: dict[str, Any] = node_data().get("python_name", {})
    for package, spec in dict(table.get("packages", {})).items():
        version = installed(project, manifest, package)[0]
        version = version.removesuffix(".x") + ".0.0" if version.endswith(".x") else version
        if version and _satisfies(version, str(spec)):
            return [str(p) for p in table.get("build", ())]
    return []


def _satisfies(version: str, spec: str) -> bool:
    try:
        return bool(nodesemver.satisfies(version, spec, loose=True))
    except (ValueError, TypeError):
        return False
