"""Node provider: package.json is the manifest; the package manager, Node version and app shape come from
pm, version and app, one job each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaffold import catalogue
from scaffold.errors import InputError
from scaffold.models import Detection, Fact
from scaffold.project import ProjectDir
from scaffold.providers.base import image_name
from scaffold.providers.node.app import AppInfo, analyse
from scaffold.providers.node.drift import drift_note
from scaffold.providers.node.lifecycle import lifecycle
from scaffold.providers.node.manifest import read_manifest
from scaffold.providers.node.pm import detect_package_manager
from scaffold.providers.node.version import NodeVersion, default_major, major_for_pin, major_for_range, satisfies_major
from scaffold.providers.node.workspace import Workspace, check_workspace, find_workspace

MANIFEST = "package.json"
PIN_FILES = (".nvmrc", ".node-version")
PRECEDENCE_TEXT = "precedence: volta, .nvmrc, .node-version, .tool-versions, mise.toml, engines.node"
"""Pins name what developers run, so they win over engines.node unless engines forbids them."""


class NodeProvider:
    name = "node"
    priority = 20
    looks_for: tuple[str, ...] = (MANIFEST,)

    def detect(self, project: ProjectDir) -> Detection | None:
        return self.detect_hinted(project, {})

    def detect_hinted(self, project: ProjectDir, hints: Mapping[str, str]) -> Detection | None:
        """`hints["workspace_app"]` (--set or a recorded answer) names the workspace member to build."""
        if not project.has(MANIFEST):
            return None
        manifest = read_manifest(project, MANIFEST)
        check_workspace(project, manifest)
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
            Fact("pm_pinned", pm.corepack_field, MANIFEST if pm.corepack_field else "default"),
            Fact("lockfile", pm.lockfile, pm.lockfile or "default"),
            Fact("install_files", " ".join(pm.install_files), "project"),
            Fact("yarn_pnp", pm.pnp, ".yarnrc.yml" if pm.pnp else "default"),
            *_install_facts(pm.name, bool(pm.lockfile)),
            Fact("npmrc_secret", pm.npmrc_secret, ".npmrc" if pm.npmrc_secret else "default"),
        ]
        notes += pm.notes
        drift = drift_note(project, manifest, pm.name, pm.lockfile) if pm.lockfile else ""
        notes += [drift] if drift else []

        workspace = find_workspace(project, manifest, pm.name, hints.get("workspace_app", ""))
        if workspace is not None:
            facts += _workspace_facts(workspace)
            facts[0] = Fact("app_name", _app_name(workspace.manifest, project), f"{workspace.app}/package.json")
            notes += workspace.notes
            app = _hoisted(analyse(ProjectDir(project.root / workspace.app), workspace.manifest), workspace, pm.name)
        else:
            app = analyse(project, manifest)
        facts += app.facts
        notes += app.notes
        native = any(f.key == "native" and f.value is True for f in app.facts)
        prod = next(f.value for f in facts if f.key == "prod_install_command")
        hooks = lifecycle(project, manifest, pm.name, str(prod), native)
        # Later facts win: the production install as the lifecycle scripts require.
        facts = [f for f in facts if f.key != "prod_install_command"] + list(hooks.facts)
        notes += hooks.notes
        evidence = tuple(f for f in (MANIFEST, pm.lockfile) if f)
        return Detection("node", 100, evidence, tuple(facts), tuple(notes))


def _hoisted(app: AppInfo, workspace: Workspace, manager: str) -> AppInfo:
    """A start command that runs a tool from node_modules finds it at the workspace root when the manager hoists."""
    if manager == "pnpm":
        return app  # pnpm links each member's dependencies into its own node_modules
    up = "../" * (workspace.app.count("/") + 1)
    facts = tuple(
        Fact(f.key, f.value.replace("node_modules/", f"{up}node_modules/", 1), f.source)
        if f.key == "start" and isinstance(f.value, str) and " node_modules/" in f.value
        else f
        for f in app.facts
    )
    return AppInfo(facts, app.notes)


def _workspace_facts(workspace: Workspace) -> list[Fact]:
    source = "package.json workspaces"
    return [
        Fact("workspace_app", workspace.app, source),
        Fact("workspace_manifests", " ".join(workspace.manifests), source),
        Fact("workspace_packages", " ".join(workspace.packages), f"{workspace.app}/package.json"),
        Fact("workspace_builds", " ".join(workspace.builds), source),
    ]


def _install_facts(manager: str, locked: bool) -> list[Fact]:
    """The package manager's commands and cache, decided here from the catalogue (the template repeats none)."""
    spec = catalogue.load("node")["package_managers"][manager]
    suffix = "" if locked else "_unlocked"
    source = f"catalogue: {manager}"
    return [
        Fact("install_command", spec["install" + suffix], source),
        Fact("prod_install_command", spec["prod" + suffix], source),
        Fact("run_command", spec["run"], source),
        Fact("pm_cache", spec["cache"], source),
        Fact("pm_cache_locked", bool(spec.get("locked_cache")), source),
    ]


def _app_name(manifest: dict[str, Any], project: ProjectDir) -> str:
    raw = manifest.get("name")
    if raw is not None and not isinstance(raw, str):
        raise InputError(MANIFEST, "name: expected a string")
    # "@scope/name" → "name": the scope is a registry namespace, not part of an image name.
    return image_name((raw or project.root.name).rsplit("/", 1)[-1])


def _node_version(project: ProjectDir, manifest: dict[str, Any]) -> NodeVersion:
    """The first pin in PRECEDENCE (what developers run) that engines.node allows, else engines.node, else default.

    Pins that name another major than the chosen one are reported in a note, so a disagreement is visible.
    """
    engines = manifest.get("engines", {})
    if not isinstance(engines, dict):
        raise InputError(MANIFEST, "engines: expected an object")
    spec = engines.get("node")
    if spec is not None and not isinstance(spec, str):
        raise InputError(MANIFEST, "engines.node: expected a semver range string")
    from_range = major_for_range(spec, f"{MANIFEST} engines.node") if spec is not None else None
    pins = _pins(project, manifest)
    chosen: NodeVersion | None = None
    notes: list[str] = []
    for pinned in pins:
        if spec is None or satisfies_major(spec, pinned.major):
            chosen = chosen or pinned
        else:
            notes.append(f"{pinned.source} asks for Node {pinned.major} but engines.node {spec!r} does not allow it")
    if chosen is None:
        chosen = from_range or NodeVersion(default_major(), "default")
    others = sorted({p.source for p in pins if p.major != chosen.major} - {n.split(" ", 1)[0] for n in notes})
    if others:
        notes.append(f"{', '.join(others)} name another Node major; using {chosen.source} ({PRECEDENCE_TEXT})")
    note = "; ".join(n for n in (chosen.note, *notes) if n)
    return NodeVersion(chosen.major, chosen.source, note)


def _pins(project: ProjectDir, manifest: dict[str, Any]) -> list[NodeVersion]:
    """Every Node pin the project has, in precedence order."""
    found: list[NodeVersion] = []
    volta = manifest.get("volta")
    if isinstance(volta, dict) and isinstance(volta.get("node"), str):
        found.append(major_for_pin(volta["node"], "package.json volta.node"))
    for pin in PIN_FILES:
        if project.has(pin):
            found.append(major_for_pin(project.read_text(pin), pin))
    if project.has(".tool-versions"):
        for line in project.read_text(".tool-versions").splitlines():
            words = line.split("#", 1)[0].split()
            if len(words) >= 2 and words[0] in ("nodejs", "node"):
                found.append(major_for_pin(words[1], ".tool-versions"))
                break
    if project.has("mise.toml"):
        tools = project.read_toml("mise.toml").get("tools", {})
        value = tools.get("node") if isinstance(tools, dict) else None
        value = value[0] if isinstance(value, list) and value else value
        value = value.get("version") if isinstance(value, dict) else value
        if isinstance(value, str | int):
            found.append(major_for_pin(str(value), "mise.toml"))
    return found
