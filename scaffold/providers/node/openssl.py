"""Builds whose bundler hashes with MD4 (webpack before 4.47: react-scripts 4, Vue CLI 4, Angular 11), which Node 17+
leaves out of its OpenSSL 3: the build runs with the legacy provider enabled (catalogue/node.toml `legacy_openssl`)
instead of stopping with ERR_OSSL_EVP_UNSUPPORTED."""

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


def _satisfies(version: str, spec: str) -> bool:
    try:
        return bool(nodesemver.satisfies(version, spec, loose=True))
    except (ValueError, TypeError):
        return False
