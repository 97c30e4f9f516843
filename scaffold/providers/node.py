"""Node provider: package.json is the manifest; the package manager, Node version and app shape come from
node_pm, node_version and node_app, one job each."""

from __future__ import annotations

from typing import Any

from scaffold.errors import InputError
from scaffold.models import Detection, Fact
from scaffold.project import ProjectDir
from scaffold.providers.base import image_name
from scaffold.providers.node_app import analyse
from scaffold.providers.node_pm import detect_package_manager
from scaffold.providers.node_version import NodeVersion, default_major, major_for_pin, major_for_range, satisfies_major

MANIFEST = "package.json"
PIN_FILES = (".nvmrc", ".node-version")


class NodeProvider:
    name = "node"
    priority = 20
    looks_for: tuple[str, ...] = (MANIFEST,)

    def detect(self, project: ProjectDir) -> Detection | None:
        if not project.has(MANIFEST):
            return None
        manifest = project.read_json(MANIFEST)
        if not isinstance(manifest, dict):
            raise InputError(MANIFEST, "expected a JSON object")
        notes: list[str] = []
        facts = [Fact("app_name", _app_name(manifest, project), MANIFEST if manifest.get("name") else "directory")]

        version = _node_version(project, manifest)
        facts.append(Fact("node_version", str(version.major), version.source))
        if version.note:
            notes.append(version.note)

        pm = detect_package_manager(project, manifest)
        facts += [
            Fact("package_manager", pm.name, pm.source),
            Fact("pm_spec", pm.spec, pm.source if pm.spec else "default"),
            Fact("corepack_field", pm.corepack_field, MANIFEST if pm.corepack_field else "default"),
            Fact("lockfile", pm.lockfile, pm.lockfile or "default"),
            Fact("install_files", " ".join(pm.install_files), "project"),
            Fact("yarn_pnp", pm.pnp, ".yarnrc.yml" if pm.pnp else "default"),
        ]
        notes += pm.notes

        app = analyse(project, manifest)
        facts += app.facts
        notes += app.notes
        evidence = tuple(f for f in (MANIFEST, pm.lockfile) if f)
        return Detection("node", 100, evidence, tuple(facts), tuple(notes))


def _app_name(manifest: dict[str, Any], project: ProjectDir) -> str:
    raw = manifest.get("name")
    if raw is not None and not isinstance(raw, str):
        raise InputError(MANIFEST, "name: expected a string")
    # "@scope/name" → "name": the scope is a registry namespace, not part of an image name.
    return image_name((raw or project.root.name).rsplit("/", 1)[-1])


def _node_version(project: ProjectDir, manifest: dict[str, Any]) -> NodeVersion:
    """A pin file (.nvmrc, .node-version: what developers run) if engines.node allows it, else engines.node."""
    engines = manifest.get("engines", {})
    if not isinstance(engines, dict):
        raise InputError(MANIFEST, "engines: expected an object")
    spec = engines.get("node")
    if spec is not None and not isinstance(spec, str):
        raise InputError(MANIFEST, "engines.node: expected a semver range string")
    from_range = major_for_range(spec, f"{MANIFEST} engines.node") if spec is not None else None
    for pin in PIN_FILES:
        if project.has(pin):
            pinned = major_for_pin(project.read_text(pin), pin)
            if spec is None or satisfies_major(spec, pinned.major):
                return pinned
            assert from_range is not None
            note = f"{pin} asks for Node {pinned.major} but engines.node {spec!r} does not allow it; using engines"
            return NodeVersion(from_range.major, from_range.source, note)
    if from_range is not None:
        return from_range
    return NodeVersion(default_major(), "default")
