"""Node provider: package.json is the manifest; the package manager, Node version and app shape come from
pm, version and app, one job each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from scaffold.errors import InputError
from scaffold.models import SCORE_TOOLING_ONLY, Detection, Fact, Options
from scaffold.project import ProjectDir
from scaffold.providers.base import DIRECTORY_NAME, image_name
from scaffold.providers.node.app import AppInfo, _port, analyse
from scaffold.providers.node.ceiling import within_ceilings
from scaffold.providers.node.data import node_data, package_manager
from scaffold.providers.node.decide import decide
from scaffold.providers.node.drift import drift_note
from scaffold.providers.node.framework import frameworks
from scaffold.providers.node.lifecycle import lifecycle
from scaffold.providers.node.loopback import listen_fix, loopback_note
from scaffold.providers.node.loose import foreign_imports, loose_entry, loose_facts, runs_on_node
from scaffold.providers.node.manifest import read_manifest
from scaffold.providers.node.openssl import legacy_openssl
from scaffold.providers.node.peer_lock import unmet_peers
from scaffold.providers.node.platform_lock import foreign_extraneous, missing_linux_packages
from scaffold.providers.node.pm import PackageManager, berry_has_focus, detect_package_manager
from scaffold.providers.node.refused import refuse_own_deploy
from scaffold.providers.node.removed_flags import check_removed_flags
from scaffold.providers.node.runtime_files import NOT_RUNTIME, runtime_files, runtime_sources
from scaffold.providers.node.swaps import INSTALLS, swaps
from scaffold.providers.node.version import NodeVersion, default_major, major_for_pin, major_for_range, satisfies_major
from scaffold.providers.node.workspace import Workspace, check_workspace, find_workspace

MANIFEST = "package.json"
SCORE_LOOSE_FILES = 20
"""A lone script without package.json ranks below every manifest, as Go's and Python's loose files do."""
PIN_FILES = (".nvmrc", ".node-version")
PRECEDENCE_TEXT = "precedence: volta, .nvmrc, .node-version, .tool-versions, mise.toml, engines.node"
"""Pins name what developers run, so they win over engines.node unless engines forbids them."""


def _tooling_only(facts: list[Fact], manifest: Mapping[str, Any]) -> bool:
    """No Node program in package.json: the start command is the fallback (no entry file exists: a listen() the
    detector read is in another folder's app) or runs another language's program; no server framework, no site."""
    by_key = {f.key: f for f in facts}
    start, kind = by_key.get("start"), by_key.get("framework")
    return (
        start is not None
        and (start.source == "default" or _foreign_start(manifest))
        and kind is not None
        and kind.value == "node"
        and "framework_name" not in by_key
        and "workspace_app" not in by_key
    )


def _foreign_start(manifest: Mapping[str, Any]) -> bool:
    """scripts.start runs another language's program (`python app.py`, `gunicorn app:app`, `go run .`)."""
    scripts = manifest.get("scripts")
    start = scripts.get("start") if isinstance(scripts, dict) else None
    words = [w for w in start.split() if "=" not in w] if isinstance(start, str) else []
    programs: list[str] = node_data().get("foreign_runners", {}).get("programs", [])
    return bool(words) and words[0] in programs


class NodeProvider:
    name = "node"
    priority = 20
    looks_for: tuple[str, ...] = (MANIFEST, "server.js", "index.js", "app.js", "main.js")

    def detect(self, project: ProjectDir) -> Detection | None:
        return self.detect_hinted(project, {})

    def dependencies(self, project: ProjectDir) -> tuple[str, ...]:
        """The names under package.json's `dependencies`."""
        if not project.has(MANIFEST):
            return ()
        try:
            deps = read_manifest(project, MANIFEST).get("dependencies")
        except InputError:
            return ()
        return tuple(str(k) for k in deps) if isinstance(deps, dict) else ()

    def detect_hinted(self, project: ProjectDir, hints: Mapping[str, str]) -> Detection | None:
        """`hints["workspace_app"]` (--set or a recorded answer) names the workspace member to build."""
        if not project.has(MANIFEST):
            return _detect_loose(project)
        manifest = read_manifest(project, MANIFEST)
        _check_root(project, manifest)
        notes: list[str] = []
        facts = [Fact("app_name", _app_name(manifest, project), MANIFEST if manifest.get("name") else DIRECTORY_NAME)]

        version = within_ceilings(project, manifest, _node_version(project, manifest))
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
            Fact("npmrc_secret", pm.npmrc_secret, ".npmrc" if pm.npmrc_secret else "default"),
            Fact("yarnrc_secret", pm.yarnrc_secret, ".yarnrc.yml" if pm.yarnrc_secret else "default"),
        ]
        notes += pm.notes
        drift = drift_note(project, manifest, pm.name, pm.lockfile) if pm.lockfile else ""
        notes += [drift] if drift else []
        # A lock out of sync with package.json fails every frozen install: the image installs unfrozen instead.
        focus = pm.name != "yarn-berry" or berry_has_focus(project, manifest)
        install = _install_facts(pm.name, bool(pm.lockfile), bool(drift), focus)
        engines = _engines_check(pm.name, version)
        facts += [_with_flag(f, engines) if f.key.endswith("install_command") and engines else f for f in install]
        notes += (
            [
                f"yarn 1 checks every locked package's engines.node against Node {version.major}, which the project "
                f"does not pin ({version.source}): the installs pass {engines} so that a lock made with an older "
                "Node installs; pin that Node in .nvmrc to keep the check"
            ]
            if engines
            else []
        )
        facts.append(Fact("lock_drift", bool(drift), pm.lockfile if drift else "default"))
        npm_lock = pm.lockfile if pm.name == "npm" and not drift else ""
        facts = _npm_lock(project, npm_lock, version.major, facts, notes)

        workspace = find_workspace(project, manifest, pm.name, hints.get("workspace_app", ""))
        if workspace is not None and not workspace.app:
            facts += _workspace_facts(workspace)
            notes += workspace.notes
            app = _without_members(analyse(project, manifest), workspace)
        elif workspace is not None:
            facts += _workspace_facts(workspace)
            facts[0] = Fact("app_name", _app_name(workspace.manifest, project), f"{workspace.app}/package.json")
            notes += workspace.notes
            app = _hoisted(analyse(ProjectDir(project.root / workspace.app), workspace.manifest), workspace, pm.name)
            app = _traced_from_root(app, facts)
        else:
            app = analyse(project, manifest)
        # after app.facts: the start command's flags and the build's environment
        facts = _with_legacy_openssl(
            project, manifest, _with_flags(project, [*facts, *app.facts], version.major, notes), notes
        )
        notes += app.notes
        native = any(f.key == "native" and f.value is True for f in app.facts)
        value = {f.key: f.value for f in facts}
        commands = (str(value["install_command"]), str(value["prod_install_command"]))
        hooks = lifecycle(project, manifest, pm.name, commands, native, str(value.get("build_script", "")))
        # Later facts win: the installs as the lifecycle scripts require.
        replaced = ("install_command", "prod_install_command")
        facts = [f for f in facts if f.key not in replaced] + list(hooks.facts)
        notes += hooks.notes
        facts = _addon_installs(project, manifest, pm, native, version.major, facts, notes)
        evidence = tuple(f for f in (MANIFEST, pm.lockfile) if f)
        return Detection(
            "node", SCORE_TOOLING_ONLY if _tooling_only(facts, manifest) else 100, evidence, tuple(facts), tuple(notes)
        )

    def decide(self, detection: Detection, options: Options) -> Options:
        """Refusals (a lone script that imports registry packages); the image's user and stages (decide.py)."""
        return decide(detection, options)


def _with_flags(project: ProjectDir, facts: list[Fact], major: int, notes: list[str]) -> list[Fact]:
    """`facts` with an older node_version if the start command needs a flag `major` removed; notes on such flags."""
    flags = check_removed_flags(project, facts, major)
    notes += flags.notes
    if flags.major is None:
        return facts
    return [Fact("node_version", str(flags.major), "start") if f.key == "node_version" else f for f in facts]


def _with_legacy_openssl(
    project: ProjectDir, manifest: dict[str, Any], facts: list[Fact], notes: list[str]
) -> list[Fact]:
    """`facts` with the legacy OpenSSL provider in the build's environment when an old bundler builds the app."""
    if not any(f.key == "build" and f.value is True for f in facts):
        return facts
    env, why = legacy_openssl(project, manifest)
    if not env:
        return facts
    notes.append(
        f"{why} hashes with MD4, which Node 17+ leaves out of OpenSSL 3 (the build would stop with "
        f"ERR_OSSL_EVP_UNSUPPORTED): the build runs with {env}; upgrade the bundler to drop it"
    )
    old = " ".join(str(f.value) for f in facts if f.key == "build_env" and f.value)
    kept = [f for f in facts if f.key != "build_env"]
    return [*kept, Fact("build_env", f"{old} {env}".strip(), why.rpartition(" (")[2].rstrip(")"))]


def _detect_loose(project: ProjectDir) -> Detection | None:
    """No package.json: a lone script that uses only Node's built-in modules runs as it is, with no install."""
    entry = loose_entry(project)
    if not entry or not runs_on_node(project, entry):
        return None
    facts = [Fact("app_name", image_name(project.root.name), "directory")]
    foreign = foreign_imports(project, NOT_RUNTIME)
    if foreign:
        where, package = foreign[0]
        message = (
            f"{where} imports {package!r} but there is no package.json to install it: "
            f"run `npm init -y && npm install {package}` (and commit package-lock.json), then scaffold init"
        )
        return Detection("node", SCORE_LOOSE_FILES, (entry,), (*facts, Fact("unsupported", message, where)))
    version = _node_version(project, {})
    facts.append(Fact("node_version", str(version.major), version.source))
    facts += [
        Fact("package_manager", "npm", "default"),
        Fact("pm_spec", "", "default"),
        Fact("pm_pinned", False, "default"),
        Fact("lockfile", "", "default"),
        Fact("install_files", "", "default"),
        Fact("yarn_pnp", False, "default"),
        *_install_facts("npm", False),
        Fact("npmrc_secret", False, "default"),
    ]
    start = f"node {entry}"
    facts += loose_facts(entry, runtime_files(project, {}, start, ""))
    port, port_source = _port(project, "node", "", None)
    facts.append(Fact("port", port, port_source))
    notes = [
        f"no package.json: {entry} uses only Node's built-in modules, so the image installs nothing and runs "
        f"`node {entry}`"
    ]
    if not port:
        notes.append(f"no listen() call with a port in {entry}: the image gets no port; set one with --set port=N")
    fix = listen_fix(project, runtime_sources(project), "")
    facts += [fix, Fact("listen_all", True, fix.source)] if fix else []
    notes += [loopback_note(fix)] if fix else []
    notes += [version.note] if version.note else []
    return Detection("node", SCORE_LOOSE_FILES, (entry,), tuple(facts), tuple(notes))


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


def _traced_from_root(app: AppInfo, facts: list[Fact]) -> AppInfo:
    """A Next.js standalone app in a workspace: its trace starts at the workspace root (so hoisted dependencies and
    the members it imports are in .next/standalone), and no member is copied beside it."""
    if not any(f.key == "next_standalone" and f.value is True for f in app.facts):
        return app
    extra = " ".join(frameworks()["next"]["trace_root_env"])
    env = " ".join(filter(None, [*(str(f.value) for f in app.facts if f.key == "build_env"), extra]))
    for i, f in enumerate(facts):
        if f.key == "workspace_packages":
            facts[i] = Fact(f.key, "", "Next.js standalone trace")
    kept = tuple(f for f in app.facts if f.key != "build_env")
    return AppInfo((*kept, Fact("build_env", env, "catalogue: Next.js in a workspace")), app.notes)


def _without_members(app: AppInfo, workspace: Workspace) -> AppInfo:
    """A root app's runtime files leave the member directories out: the members it links are shipped built,
    from the build stage, and the others not at all."""
    tops = {m.split("/", 1)[0] for m in workspace.manifests}
    facts = tuple(
        Fact(f.key, " ".join(p for p in str(f.value).split() if p not in tops), f.source)
        if f.key == "runtime_files"
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
        *([Fact("workspace_apps", " ".join(workspace.apps), source)] if len(workspace.apps) > 1 else []),
    ]


EXACT_PINS = ("package.json volta.node", *PIN_FILES, ".tool-versions", "mise.toml")
"""Sources that name the Node a project runs (and made its lock with), unlike a default or an open range."""


def _engines_check(manager: str, version: NodeVersion) -> str:
    """The flag that skips a manager's strict engines check when the project pins no Node, else ''."""
    flag = package_manager(manager).get("ignore_engines", "")
    return "" if version.source in EXACT_PINS else str(flag)


APPROVALS = ("onlyBuiltDependencies", "allowBuilds", "neverBuiltDependencies", "dangerouslyAllowAllBuilds")
"""Where pnpm 10+ reads which dependencies may run build scripts (package.json `pnpm`, pnpm-workspace.yaml)."""


def _pnpm_builds(project: ProjectDir, manifest: dict[str, Any], spec: str) -> str:
    """The flag that lets pnpm 10+ build native dependencies when the project approves no build at all, else ''.

    pnpm 10 skips unapproved build scripts (the addon is missing at run time); 11 and later fail the install."""
    table = package_manager("pnpm")
    major = spec.partition("@")[2].split(".", 1)[0]
    if not major.isdigit() or int(major) < int(table["allow_builds_since"]):
        return ""
    settings = manifest.get("pnpm")
    if isinstance(settings, dict) and any(k in settings for k in APPROVALS):
        return ""
    if project.has("pnpm-workspace.yaml"):
        try:
            data = yaml.safe_load(project.read_text("pnpm-workspace.yaml")) or {}
        except yaml.YAMLError:
            return ""  # pnpm reports its own file's syntax
        if isinstance(data, dict) and any(k in data for k in APPROVALS):
            return ""
    return str(table["allow_builds"])


def _add_linux_builds(project: ProjectDir, lockfile: str, facts: list[Fact], notes: list[str]) -> list[Fact]:
    """The Linux builds an npm `lockfile` lacks, which the build and the deps stage add per TARGETARCH, and a
    note (nothing for an empty `lockfile`: another manager's, or one out of sync, which installs unfrozen)."""
    linux = missing_linux_packages(project, lockfile)
    if not linux:
        return facts
    source = f"{lockfile} (optionalDependencies without their Linux builds)"
    new = [
        Fact(f"{key}_{arch}", " ".join(specs[arch]), source)
        for key, specs in (("linux_packages", linux.build), ("linux_prod_packages", linux.prod))
        for arch in ("amd64", "arm64")
    ]
    note = (
        f"{lockfile} has no Linux builds of {', '.join(linux.names())} (npm writes it so on macOS or Windows over "
        f"an existing node_modules): the image adds them after `npm ci`; `rm -rf node_modules {lockfile} && npm "
        "install` writes a lock for every platform"
    )
    notes.append(note)
    return facts + new


def _addon_installs(
    project: ProjectDir,
    manifest: dict[str, Any],
    pm: PackageManager,
    native: bool,
    major: int,
    facts: list[Fact],
    notes: list[str],
) -> list[Fact]:
    """The installs as native addons need them: pnpm 10 approving their builds, locked packages Node `major`
    cannot build replaced (swaps.py)."""
    allow = _pnpm_builds(project, manifest, pm.spec) if pm.name == "pnpm" and native else ""
    if allow:
        facts = [_with_flag(f, allow) if f.key in INSTALLS else f for f in facts]
        notes.append(
            f"pnpm {pm.spec.partition('@')[2]} runs no dependency's build script unless the project approves it, "
            "and this one approves none (pnpm.onlyBuiltDependencies, pnpm-workspace.yaml allowBuilds): the "
            f"installs pass {allow} so that its native dependencies compile; run `pnpm approve-builds` to "
            "approve only those"
        )
    swapped = swaps(project, manifest, pm.name, major, facts)
    notes += swapped.notes
    env = next((str(f.value) for f in swapped.facts if f.key == "native_install_env"), "")
    # A dependency's install script that downloads what the image gets otherwise (Puppeteer's Chrome) is told not to.
    return [Fact(f.key, f"env {env} {f.value}", f.source) if env and f.key in INSTALLS else f for f in swapped.facts]


def _npm_lock(project: ProjectDir, lockfile: str, major: int, facts: list[Fact], notes: list[str]) -> list[Fact]:
    """The installs as an npm `lockfile` needs them: on npm 11, with legacy peers, with the Linux builds it lacks."""
    facts = _newer_npm(project, lockfile, major, facts, notes)
    unmet = unmet_peers(project, lockfile)
    if unmet:
        flag = str(package_manager("npm")["legacy_peers"])
        shown = "; ".join(unmet[:2]) + (f" and {len(unmet) - 2} more" if len(unmet) > 2 else "")
        notes.append(
            f"{lockfile} leaves peer dependencies unmet ({shown}), as `npm install {flag}` writes it, and a plain "
            f"`npm ci` stops with ERESOLVE: the installs pass {flag}; put legacy-peer-deps=true in .npmrc to say so"
        )
        facts = [_with_flag(f, flag) if f.key in ("install_command", "prod_install_command") else f for f in facts]
    return _add_linux_builds(project, lockfile, facts, notes)


def _newer_npm(project: ProjectDir, lockfile: str, major: int, facts: list[Fact], notes: list[str]) -> list[Fact]:
    """The installs run on the npm that reads the lock (catalogue `newer_npm`) when it lists extraneous builds
    for other platforms, which the image's npm 10 would try to install (EBADPLATFORM)."""
    if major >= int(package_manager("npm")["newer_npm_before"]):
        return facts
    foreign = foreign_extraneous(project, lockfile)
    if not foreign:
        return facts
    npm = str(package_manager("npm")["newer_npm"])
    source = f"{lockfile} (extraneous builds for other platforms)"
    shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    notes.append(
        f"{lockfile} lists {shown} as extraneous, built for another platform, which npm 11 skips and the image's "
        f"npm 10 tries to install (EBADPLATFORM): the installs run on {npm.rpartition(' ')[2]}"
    )
    return [
        Fact(f.key, f"{npm} {str(f.value).removeprefix('npm ')}", source)
        if f.key in ("install_command", "prod_install_command") and str(f.value).startswith("npm ")
        else f
        for f in facts
    ]


def _with_flag(fact: Fact, flag: str) -> Fact:
    return Fact(fact.key, f"{fact.value} {flag}", fact.source)


def _install_facts(manager: str, locked: bool, drift: bool = False, focus: bool = True) -> list[Fact]:
    """The package manager's commands and cache, decided here from the catalogue (the template repeats none).

    With a lock out of sync (drift), the install that resolves what changed: `<key>_drift` where the manager's
    plain install would still refuse to touch the lock, else its install without a lockfile. `focus`: yarn 2+
    has `workspaces focus` (4, or 2/3 with the workspace-tools plugin checked in); without it the production
    install runs on yarn 4, which reads the older lockfile."""
    spec = package_manager(manager)
    suffix = "" if locked else "_unlocked"
    install, prod = spec["install" + suffix], spec["prod" + suffix]
    source = f"catalogue: {manager}"
    if drift:
        install = spec.get("install_drift", spec["install_unlocked"])
        prod = spec.get("prod_drift", spec["prod_unlocked"])
        source += " (lock out of sync)"
    prod_source = source
    if not focus:
        prod, prod_source = spec["prod_without_focus"], f"{source} (yarn < 4 without workspace-tools)"
    return [
        Fact("install_command", install, source),
        Fact("prod_install_command", prod, prod_source),
        Fact("run_command", spec["run"], source),
        Fact("add_command", spec["add"], source),
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


def _check_root(project: ProjectDir, manifest: dict[str, Any]) -> None:
    """InputError for a root package.json init cannot build from: a framework with its own deployment, a workspace
    root whose members it cannot tell apart."""
    refuse_own_deploy(manifest)
    check_workspace(project, manifest)
