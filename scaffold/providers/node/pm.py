"""Which package manager installs a Node project, and what its install steps need.

Order: the `packageManager` field (that exact version is installed from the npm registry), then lockfiles
(package-lock.json / npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock / bun.lockb). yarn.lock
is yarn 1 unless the project has `.yarnrc.yml` or the lock has a `__metadata` entry (yarn 2+).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from scaffold import secret_files
from scaffold.errors import InputError
from scaffold.project import ProjectDir

LOCK_LIMIT = 64 * 1024 * 1024
"""Lockfiles of real projects run to megabytes; only their first lines are parsed."""

LOCKFILES: tuple[tuple[str, str], ...] = (
    ("package-lock.json", "npm"),
    ("npm-shrinkwrap.json", "npm"),
    ("yarn.lock", "yarn"),
    ("pnpm-lock.yaml", "pnpm"),
    ("bun.lock", "bun"),
    ("bun.lockb", "bun"),
)

PNPM_FOR_LOCK: dict[str, str] = {"5": "pnpm@7", "6": "pnpm@8", "7": "pnpm@9", "9": "pnpm@9"}
"""pnpm-lock.yaml's lockfileVersion major → the pnpm release line that writes it."""

EXTRA_INSTALL_FILES = (".npmrc", ".yarnrc", "pnpm-workspace.yaml", "bunfig.toml")
"""Files an install step reads besides the manifest and lockfile, when the project has them."""


@dataclass(frozen=True)
class PackageManager:
    name: str
    """npm, yarn (1.x), yarn-berry (2+), pnpm or bun: the template's choice values."""
    source: str
    lockfile: str = ""
    spec: str = ""
    """The npm package that provides the pinned manager (`pnpm@9`, `@yarnpkg/cli-dist@4.5.3`, `bun@1`), installed
    from the npm registry without corepack; empty when the image's own npm or yarn 1 (or a yarnPath) serves."""
    corepack_field: bool = False
    """True when package.json's packageManager field names the exact version."""
    install_files: tuple[str, ...] = ()
    """Extra files or dirs the install step must see (.yarnrc.yml, .yarn/releases, .npmrc, …)."""
    pnp: bool = False
    notes: tuple[str, ...] = ()
    npmrc_secret: bool = False
    """.npmrc holds a registry credential: it reaches installs as a build secret, never the context."""
    yarnrc_secret: bool = False
    """yarn 2+'s .yarnrc.yml holds a credential: it reaches every yarn step as a build secret, never the context."""


def _tokened(project: ProjectDir, rel: str) -> bool:
    # scaffold/catalogue/secrets.toml says which .npmrc/.yarnrc.yml holds a credential (a key, or user:password
    # in a URL): the .dockerignore keeps that file out of the context.
    return project.has(rel) and secret_files.holds_credential(rel, project.read_text(rel))


def detect_package_manager(project: ProjectDir, manifest: dict[str, Any]) -> PackageManager:
    locks = [(name, pm) for name, pm in LOCKFILES if project.has(name)]
    secret = _tokened(project, ".npmrc")
    extras = tuple(f for f in EXTRA_INSTALL_FILES if project.has(f) and not (secret and f == ".npmrc"))
    notes: list[str] = []
    if secret:
        notes.append(
            ".npmrc holds a registry credential: it stays out of the build context and reaches installs as the "
            "build secret `npmrc` (make build passes it; with plain docker: --secret id=npmrc,src=.npmrc)"
        )
    field = manifest.get("packageManager")
    if field is not None:
        pm = _from_field(project, field, locks, extras)
    elif locks:
        lock, name = locks[0]
        pm = _from_lock(project, lock, name, extras)
    elif _scripts_run_bun(manifest):
        pm = PackageManager("bun", "package.json scripts", "", "bun@1", False, extras)
        notes.append("no lockfile, scripts run bun: bun installs (`bun install`); commit bun.lock to pin versions")
    else:
        pm = PackageManager("npm", "default", "", install_files=extras)
        notes.append(
            "no lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock): the image runs `npm install`, "
            "so every build may resolve different versions; commit a lockfile for reproducible images"
        )
    yarnrc = pm.name == "yarn-berry" and _tokened(project, ".yarnrc.yml")
    if yarnrc:
        notes.append(
            ".yarnrc.yml holds a registry credential: it stays out of the build context and reaches each yarn step "
            "as the build secret `yarnrc` (make build passes it; with plain docker: --secret id=yarnrc,src=.yarnrc.yml)"
        )
    others = sorted({n for n, p in locks if p != _family(pm.name)})
    if others:
        notes.append(f"lockfiles of another package manager are present ({', '.join(others)}); using {pm.name}")
    return PackageManager(
        pm.name,
        pm.source,
        pm.lockfile,
        pm.spec,
        pm.corepack_field,
        pm.install_files,
        pm.pnp,
        (*pm.notes, *notes),
        secret,
        yarnrc,
    )


def _scripts_run_bun(manifest: dict[str, Any]) -> bool:
    scripts = manifest.get("scripts")
    return isinstance(scripts, dict) and any(isinstance(v, str) and v.startswith("bun ") for v in scripts.values())


def _family(name: str) -> str:
    return "yarn" if name == "yarn-berry" else name


def _from_field(
    project: ProjectDir, field: object, locks: list[tuple[str, str]], extras: tuple[str, ...]
) -> PackageManager:
    if not isinstance(field, str) or "@" not in field.lstrip("@"):
        raise InputError("package.json", f"packageManager {field!r}: expected name@version, e.g. pnpm@9.15.0")
    tool, _, version = field.partition("@")
    major = version.split(".", 1)[0]
    if tool not in ("npm", "yarn", "pnpm", "bun") or not (major.isascii() and major.isdigit()):
        raise InputError("package.json", f"packageManager {field!r}: expected npm, yarn, pnpm or bun with a version")
    lock = next((n for n, p in locks if p == tool), "")
    # The exact version, without corepack's "+sha512…" suffix: npm checks the registry's integrity instead.
    exact = version.split("+", 1)[0]
    if tool == "yarn" and int(major) >= 2:
        berry = _berry(project, extras)
        package = "" if _has_yarn_path(berry[0]) else f"@yarnpkg/cli-dist@{exact}"
        return PackageManager("yarn-berry", "package.json", lock, package, True, berry[0], berry[1], berry[2])
    # npm and yarn 1 come with the node image; pnpm and bun are npm packages of the same name.
    package = f"{tool}@{exact}" if tool in ("pnpm", "bun") else ""
    return PackageManager(tool, "package.json", lock, package, tool != "npm", extras)


_VERSION = re.compile(r"\d+(\.\d+){0,2}")


def tool_pin(project: ProjectDir, tool: str) -> tuple[str, str]:
    """(version, file) of `tool` in mise.toml's [tools] or .tool-versions, when it is a plain version number."""
    value: Any = None
    where = ""
    if project.has("mise.toml"):
        tools = project.read_toml("mise.toml").get("tools", {})
        value = tools.get(tool) if isinstance(tools, dict) else None
        value = value[0] if isinstance(value, list) and value else value
        value = value.get("version") if isinstance(value, dict) else value
        where = "mise.toml"
    if value is None and project.has(".tool-versions"):
        for line in project.read_text(".tool-versions").splitlines():
            words = line.split("#", 1)[0].split()
            if len(words) >= 2 and words[0] == tool:
                value, where = words[1], ".tool-versions"
                break
    text = str(value).removeprefix("v") if isinstance(value, str | int) else ""
    return (text, where) if _VERSION.fullmatch(text) else ("", "")


def berry_has_focus(project: ProjectDir, manifest: dict[str, Any]) -> bool:
    """Whether the project's yarn 2+ has `yarn workspaces focus` (the production install): builtin from yarn 4,
    a plugin (workspace-tools) before, which yarn fetches from GitHub unless the project checked it in."""
    field = manifest.get("packageManager")
    rc: Any = {}
    if project.has(".yarnrc.yml"):
        rc = yaml.safe_load(project.read_text(".yarnrc.yml")) or {}  # valid: _berry has parsed it
    version = field.partition("@")[2] if isinstance(field, str) and field.startswith("yarn@") else ""
    release = re.search(r"yarn-(\d+)\.", str(rc.get("yarnPath", "")) if isinstance(rc, dict) else "")
    major = version.split(".", 1)[0] if version else release.group(1) if release else "4"
    plugins = rc.get("plugins") if isinstance(rc, dict) else None
    listed = " ".join(str(p) for p in plugins) if isinstance(plugins, list) else ""
    return not major.isdigit() or int(major) >= 4 or "plugin-workspace-tools" in listed


def _has_yarn_path(files: tuple[str, ...]) -> bool:
    # The node image's yarn 1 hands over to a checked-in release named by .yarnrc.yml's yarnPath.
    return any(f.startswith(".yarn/releases/") or f.endswith((".cjs", ".js")) for f in files)


def _from_lock(project: ProjectDir, lock: str, name: str, extras: tuple[str, ...]) -> PackageManager:
    if name == "yarn":
        if project.has(".yarnrc.yml") or _yarn_lock_is_berry(project):
            files, pnp, notes = _berry(project, extras)
            package = "" if _has_yarn_path(files) else "@yarnpkg/cli-dist@4"
            return PackageManager("yarn-berry", lock, lock, package, False, files, pnp, notes)
        return PackageManager("yarn", lock, lock, "", False, extras)
    if name == "pnpm":
        header = _first_yaml_line(project, lock)
        version = str(header.get("lockfileVersion", "")) if isinstance(header, dict) else ""
        spec = PNPM_FOR_LOCK.get(version.split(".", 1)[0])
        if spec is None:
            raise InputError(lock, f"lockfileVersion {version!r} is not one pnpm 7-10 writes (5.x-9.0)")
        pinned, where = tool_pin(project, "pnpm")
        if pinned:
            # The pnpm the project's version manager installs (and so the one that made the lock).
            return PackageManager("pnpm", where, lock, f"pnpm@{pinned}", False, extras)
        return PackageManager("pnpm", lock, lock, spec, False, extras)
    return PackageManager(name, lock, lock, "bun@1" if name == "bun" else "", False, extras)


def _yarn_lock_is_berry(project: ProjectDir) -> bool:
    # yarn 2+ writes a YAML lockfile with a top-level __metadata entry; yarn 1's format is not YAML.
    text = project.read_text("yarn.lock", LOCK_LIMIT)
    return any(line.startswith("__metadata:") for line in text.splitlines())


def _first_yaml_line(project: ProjectDir, rel: str) -> Any:
    """The first non-comment line of a YAML file, parsed (lockfiles put their version there)."""
    text = project.read_text(rel, LOCK_LIMIT)
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    try:
        return yaml.safe_load(first)
    except yaml.YAMLError as exc:
        raise InputError(rel, f"invalid YAML: {str(exc).splitlines()[0]}") from None


def _berry(project: ProjectDir, extras: tuple[str, ...]) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """Install files, Plug'n'Play or not, and notes for a yarn 2+ project."""
    rc: Any = {}
    files = [*extras]
    if project.has(".yarnrc.yml"):
        try:
            rc = yaml.safe_load(project.read_text(".yarnrc.yml")) or {}
        except yaml.YAMLError as exc:
            raise InputError(".yarnrc.yml", f"invalid YAML: {str(exc).splitlines()[0]}") from None
        if not isinstance(rc, dict):
            raise InputError(".yarnrc.yml", "expected a mapping of settings")
        if not _tokened(project, ".yarnrc.yml"):
            files.append(".yarnrc.yml")  # a tokened one is mounted as the build secret `yarnrc` instead
    yarn_path = rc.get("yarnPath")
    if isinstance(yarn_path, str) and yarn_path:
        if not project.has(yarn_path):
            raise InputError(".yarnrc.yml", f"yarnPath {yarn_path!r} does not exist")
        files.append(yarn_path)
    files += [d for d in (".yarn/plugins", ".yarn/patches") if project.is_dir(d)]
    linker = rc.get("nodeLinker", "pnp")
    pnp = linker == "pnp"
    notes = (
        (
            "yarn Plug'n'Play (nodeLinker: pnp): the image installs with YARN_NODE_LINKER=node-modules so that "
            "plain `node` runs it without the .pnp.cjs loader; set nodeLinker: node-modules to match locally",
        )
        if pnp
        else ()
    )
    return tuple(files), pnp, notes
