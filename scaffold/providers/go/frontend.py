"""A frontend that //go:embed reads once it is built: the embedded folder is not in the project (a git-ignored
dist/) and a package.json with a build script beside it (or in a folder above it) makes it. The Dockerfile then
builds it in a Node stage and mounts the output into the Go build, which otherwise fails with
`pattern dist: no matching files found`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import basename, dirname, join, normpath

from scaffold.errors import InputError
from scaffold.project import ProjectDir

MANAGERS = (
    ("package-lock.json", "npm ci", "npm run build"),
    ("npm-shrinkwrap.json", "npm ci", "npm run build"),
    ("pnpm-lock.yaml", "corepack pnpm install --frozen-lockfile", "corepack pnpm run build"),
    ("yarn.lock", "corepack yarn install --frozen-lockfile", "corepack yarn run build"),
)
"""Lockfile, install and build commands, by the lockfile the frontend has (npm's when it has none)."""
NO_LOCK = ("", "npm install", "npm run build")
_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class Frontend:
    dir: str
    """The folder with package.json, relative to the project (`.` for its root)."""
    dist: str
    """The folder the build writes and //go:embed reads, relative to the project."""
    lock: str
    install: str
    build: str


def find_frontend(project: ProjectDir, module_dir: str, embeds: tuple[str, ...]) -> Frontend | None:
    """The first embedded folder (module-relative patterns) that is missing or holds only hidden files
    (dist/.gitkeep), with the package.json that builds it."""
    prefix = "" if module_dir == "." else module_dir + "/"
    for pattern in embeds:
        parts = []
        for part in pattern.split("/"):
            if _GLOB & set(part):
                break
            parts.append(part)
        if not parts or ".." in parts or "." in parts:
            continue
        folder = prefix + "/".join(parts)
        if not _has_files(project, folder) and (built := _builder(project, folder)) is not None:
            return built
    return None


BUILD_OUTPUTS = frozenset({"dist", "build", "out", "output", "public", "www", "static", "site"})
"""The folder names frontend builds write (Vite's dist, CRA's build, Next's out); another name counts only when
a Vite config's outDir names it."""
SERVED_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
SYSTEM_DIRS = frozenset({"bin", "boot", "dev", "etc", "home", "lib", "lib64", "proc", "root", "run", "sbin", "sys"})
SYSTEM_DIRS |= {"tmp", "usr", "var"}
"""Top folders of the final image a served frontend's copy must not land in (a path like ../../etc)."""


def find_served_frontend(
    project: ProjectDir, module_dir: str, literals: tuple[str, ...], app_dir: str
) -> tuple[Frontend, str] | None:
    """A frontend build the server reads from disk by a relative path (http.Dir("../frontend/dist"),
    r.Static("/", "./web/dist")) that is not in the project (git-ignored) while a package.json above it builds
    it: the Frontend and where the final image puts its output, the path resolved from the app's working
    directory `app_dir` (the module's folder there)."""
    for literal in literals:
        path = normpath(literal)
        names = [p for p in path.split("/") if p != ".."]
        if path.startswith("/") or not names or not all(SERVED_NAME.match(p) for p in names):
            continue
        folder = normpath(join(module_dir, path))
        target = normpath(join(app_dir, path))
        if folder.split("/")[0] in ("..", ".") or target.split("/")[1] in SYSTEM_DIRS:
            continue  # outside the project, or onto the image's own folders
        if _has_files(project, folder):
            continue
        if names[-1] not in BUILD_OUTPUTS and not _writing_elsewhere(project, folder):
            continue  # a string that merely looks like a path ("Content-Type") is no build output
        if (built := _builder(project, folder)) is not None:
            return built, target
    return None


def _builder(project: ProjectDir, folder: str) -> Frontend | None:
    """The package.json whose build script makes `folder` (project-relative): in the folder or one above it, or
    a frontend folder whose Vite config writes there."""
    parts = folder.split("/")
    above = ["/".join(parts[:depth]) or "." for depth in range(len(parts) - 1, -1, -1)]
    for where in [*above, *_writing_elsewhere(project, folder)]:
        manifest = "package.json" if where == "." else f"{where}/package.json"
        if project.has(manifest) and _builds(project, manifest):
            lock, install, build = next(
                (m for m in MANAGERS if project.has(m[0] if where == "." else f"{where}/{m[0]}")), NO_LOCK
            )
            return Frontend(where, folder, lock, install, build)
    return None


VITE_CONFIGS = ("vite.config.ts", "vite.config.js", "vite.config.mjs", "vite.config.mts")
_OUT_DIR = re.compile(r"""\boutDir\s*:\s*['"]([^'"\n]+)['"]""")


def _writing_elsewhere(project: ProjectDir, folder: str) -> list[str]:
    """Frontend folders (one or two levels down: web/, frontend/, ui/app/) whose Vite config writes its build
    into `folder` (`build: {outDir: "../internal/ui/dist"}`), outside the frontend's own folder."""
    out = []
    for config in (c for name in VITE_CONFIGS for c in (*project.glob(f"*/{name}"), *project.glob(f"*/*/{name}"))):
        where = dirname(config)
        for target in _OUT_DIR.findall(project.read_text(config)):
            if normpath(join(where, target)) == folder and where not in out:
                out.append(where)
    return out


def _has_files(project: ProjectDir, folder: str) -> bool:
    """A file, or a folder with a file that is not hidden (a .gitkeep alone keeps an empty dist/ in git)."""
    if not project.is_dir(folder):
        return project.has(folder)
    return any(not basename(f).startswith(".") for f in project.glob(f"{folder}/**/*") if not project.is_dir(f))


def _builds(project: ProjectDir, manifest: str) -> bool:
    try:
        data = project.read_json(manifest)
    except InputError:
        return False
    scripts = data.get("scripts") if isinstance(data, dict) else None
    return isinstance(scripts, dict) and isinstance(scripts.get("build"), str)
