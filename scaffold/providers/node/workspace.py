"""Monorepos: npm/yarn/bun `workspaces`, pnpm-workspace.yaml, and the Turborepo or Nx on top of them.

npm, yarn (1 and berry, node-modules linker), pnpm and bun workspaces (node_modules at the root, members
linked into it) with one app are built at the root: every member's manifest takes part in the install, the
app's workspace packages are built before it (in dependency order) and shipped beside it, so the links in
node_modules resolve in the final image. The app may be the root itself (its own start script or main, and
the members it depends on): then the root is built as the app, with the members it links. Everything else
(several apps and no choice, no app, a member on its own) is refused here, at init time, in one line that
names the members and says why, instead of a build that fails on a missing sibling package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scaffold.errors import InputError, UsageError
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.manifest import check_globs, read_manifest

TOOLS = (("turbo.json", "Turborepo"), ("nx.json", "Nx"), ("lerna.json", "Lerna"))
PARENT_LEVELS = 4
"""How far up a member looks for its workspace root (apps/web → the root is two levels up)."""


@dataclass(frozen=True)
class Workspace:
    """The app to build in a workspace root, and the members it needs."""

    app: str
    """The app's directory, e.g. apps/api; empty when the workspace root itself is the app."""
    manifest: dict[str, Any]
    manifests: tuple[str, ...]
    """Every member's package.json: all take part in the install."""
    packages: tuple[str, ...]
    """The member directories the app imports (transitively), in build order."""
    builds: tuple[str, ...]
    """The members to build (theirs then the app's `build` script), in order."""
    tools: str
    notes: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    """Every deployable member (a start script, a server or framework, imported by no other member): several make
    a docker-bake.hcl with an image each."""


APP_OPTION = "workspace_app"
"""The option that names the member to containerize when a workspace has several apps (--set, recorded)."""

HOISTED = ("npm", "yarn", "bun", "pnpm", "yarn-berry")
"""Managers whose workspace install at the root puts every member's links in node_modules."""


def find_workspace(project: ProjectDir, manifest: dict[str, Any], manager: str, chosen: str = "") -> Workspace | None:
    """The workspace's one app (None when this is no workspace root); InputError when it cannot be built."""
    patterns = workspace_patterns(project, manifest)
    members = sorted({m for p in patterns for m in project.glob(f"{p.rstrip('/')}/package.json")})
    tools = "".join(f", {label}" for file, label in TOOLS if project.has(file))
    if not members:
        return None
    names = ", ".join(m.removesuffix("/package.json") for m in members[:4])
    more = f" and {len(members) - 4} more" if len(members) > 4 else ""
    where = f"a workspace root (monorepo{tools}; members {names}{more})"
    if project.has("pnpm-workspace.yaml"):
        manager = "pnpm"  # only pnpm reads pnpm-workspace.yaml
    if manager not in HOISTED:
        raise InputError(
            "package.json",
            f"{where} installed with {manager}: scaffold builds npm, yarn, pnpm and bun workspaces only; "
            "containerize a self-contained app instead",
        )
    manifests = {m.removesuffix("/package.json"): _manifest(project, m) for m in members}
    by_name = {str(m.get("name")): d for d, m in manifests.items() if m.get("name")}
    apps = [d for d, m in manifests.items() if _is_app(m) and not _imported(m.get("name"), manifests)]
    chosen = chosen.strip().strip("/")
    notes: tuple[str, ...] = ()
    if not chosen and _root_is_app(project, manifest) and (not apps or _links(manifest, by_name)):
        return _root_workspace(manifest, manifests, by_name, tuple(members), tools.removeprefix(", "))
    if chosen:
        if chosen not in manifests:
            raise UsageError(f"{APP_OPTION}={chosen!r}: not a member of the workspace (members: {names}{more})")
        app = chosen
    elif not apps:
        raise InputError(
            "package.json",
            f"{where}: no app to containerize (a member with a start script or a server or framework dependency "
            f"that no other member imports); name one with --set {APP_OPTION}=<dir>",
        )
    else:
        app = apps[0]
        if len(apps) > 1:
            notes = (
                f"the workspace has several apps ({', '.join(apps)}): building {app}; choose another with "
                f"scaffold init --set {APP_OPTION}=<dir>",
            )
    order: list[str] = []
    _visit(app, manifests, by_name, order, set())
    packages = tuple(d for d in order if d != app)
    builds = tuple(d for d in order if "build" in (manifests[d].get("scripts") or {}))
    every = tuple(apps) if app in apps else (app, *apps)
    return Workspace(app, manifests[app], tuple(members), packages, builds, tools.removeprefix(", "), notes, every)


def _root_workspace(
    root: dict[str, Any],
    manifests: dict[str, dict[str, Any]],
    by_name: dict[str, str],
    members: tuple[str, ...],
    tools: str,
) -> Workspace:
    """The root is the app: the members it depends on (transitively) are built first and shipped beside it."""
    order: list[str] = []
    seen: set[str] = set()
    for dep in sorted(_deps_of(root)):
        if dep in by_name:
            _visit(by_name[dep], manifests, by_name, order, seen)
    builds = tuple(d for d in order if "build" in (manifests[d].get("scripts") or {}))
    linked = ", ".join(order) or "none"
    note = f"the workspace root is the app (its own start script or main); members it links: {linked}"
    return Workspace("", root, members, tuple(order), builds, tools, (note,))


def _root_is_app(project: ProjectDir, root: dict[str, Any]) -> bool:
    """The root runs something itself: a start script that is not a monorepo tool running the members' scripts,
    or a main module that exists."""
    scripts = root.get("scripts") or {}
    start = scripts.get("start") if isinstance(scripts, dict) else None
    if isinstance(start, str) and start.strip():
        delegators: list[str] = node_data().get("workspace", {}).get("delegators", [])
        words = start.replace("&&", " ").split()
        return not any(w in delegators or w.startswith(("--workspace", "--filter")) for w in words)
    main = root.get("main")
    return isinstance(main, str) and project.has(main)


def _links(root: dict[str, Any], by_name: dict[str, str]) -> bool:
    """The root depends on one of its members (by name, `workspace:*` or a version)."""
    return bool(_deps_of(root) & set(by_name))


def _manifest(project: ProjectDir, rel: str) -> dict[str, Any]:
    return read_manifest(project, rel)


def _deps_of(manifest: dict[str, Any]) -> set[str]:
    return {n for k in ("dependencies", "devDependencies") for n in (manifest.get(k) or {})}


def _is_app(manifest: dict[str, Any]) -> bool:
    scripts = manifest.get("scripts") or {}
    servers: dict[str, str] = node_data().get("servers", {})
    frameworks = {f["package"] for f in node_data().get("frameworks", {}).values()}
    deps = _deps_of(manifest)
    return "start" in scripts or bool(deps & (set(servers) | frameworks - {"vite"}))


def _imported(name: object, manifests: dict[str, dict[str, Any]]) -> bool:
    return isinstance(name, str) and any(name in _deps_of(m) for m in manifests.values())


def _visit(
    member: str, manifests: dict[str, dict[str, Any]], by_name: dict[str, str], order: list[str], seen: set[str]
) -> None:
    """Depth-first: a member's workspace dependencies come before it."""
    if member in seen:
        return
    seen.add(member)
    for dep in sorted(_deps_of(manifests[member])):
        if dep in by_name:
            _visit(by_name[dep], manifests, by_name, order, seen)
    order.append(member)


def check_workspace(project: ProjectDir, manifest: dict[str, Any]) -> None:
    """InputError when the project is a workspace member that imports its siblings (a root is find_workspace's)."""
    if workspace_patterns(project, manifest):
        return  # a root: its members' links resolve inside it
    linked = sorted(
        name
        for key in ("dependencies", "devDependencies")
        for name, spec in (manifest.get(key) or {}).items()
        if isinstance(spec, str) and spec.startswith(("workspace:", "file:..", "link:.."))
    )
    if linked or _inside_workspace(project.root):
        # From inside a member the siblings are outside the build context: the root is where to run scaffold.
        what = f"imports {', '.join(linked[:3])} from the workspace" if linked else "belongs to a workspace above it"
        raise InputError(
            "package.json",
            f"this package {what}: its sibling packages and lockfile are outside this directory, so a build here "
            "cannot install them; run scaffold init at the workspace root",
        )


def workspace_patterns(project: ProjectDir, manifest: dict[str, Any]) -> list[str]:
    """The member globs of a workspace root: package.json `workspaces` (list or {packages}) or pnpm's file."""
    raw = manifest.get("workspaces")
    if isinstance(raw, dict):
        raw = raw.get("packages")
    found = [p for p in raw if isinstance(p, str)] if isinstance(raw, list) else []
    if project.has("pnpm-workspace.yaml"):
        try:
            data = yaml.safe_load(project.read_text("pnpm-workspace.yaml")) or {}
        except yaml.YAMLError as exc:
            raise InputError("pnpm-workspace.yaml", f"invalid YAML: {str(exc).splitlines()[0]}") from None
        packages = data.get("packages") if isinstance(data, dict) else None
        if packages is not None:
            packages = check_globs("pnpm-workspace.yaml", "packages", packages)
        found += [p for p in packages or () if not p.startswith("!")]
    return found


def _inside_workspace(root: Path) -> bool:
    """True if a directory above declares a workspace whose globs take in `root`."""
    # The only reads outside the project: a member's siblings live there, and a build here cannot see them.
    for level, parent in enumerate(root.parents):
        if level >= PARENT_LEVELS or (parent / ".git").exists():
            return _declares(parent, root)
        if _declares(parent, root):
            return True
    return False


def _declares(parent: Path, root: Path) -> bool:
    patterns: list[str] = []
    try:
        manifest = json.loads((parent / "package.json").read_text(encoding="utf-8"))
        raw = manifest.get("workspaces") if isinstance(manifest, dict) else None
        raw = raw.get("packages") if isinstance(raw, dict) else raw
        patterns += [p for p in raw or () if isinstance(p, str)]
    except (OSError, ValueError, AttributeError):
        pass
    try:
        data = yaml.safe_load((parent / "pnpm-workspace.yaml").read_text(encoding="utf-8")) or {}
        patterns += [p for p in (data.get("packages") or ()) if isinstance(p, str)]
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    rel = root.relative_to(parent).as_posix()
    return any(Path(rel).match(p.rstrip("/")) or rel == p.rstrip("/") for p in patterns if not p.startswith("!"))
