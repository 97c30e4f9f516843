"""The files a Node app's final image holds besides node_modules: package.json, the code that runs, the files it
reads at run time; and which sources count as the app's (not tests, scripts or tooling)."""

from __future__ import annotations

import re
from typing import Any

from scaffold import secret_files
from scaffold.project import ProjectDir

ASSET_DIRS = ("public", "views", "static", "templates", "assets")
"""Directories apps read at run time besides their code."""
NOT_RUNTIME = frozenset(
    {"test", "tests", "__tests__", "spec", "e2e", "coverage", "scripts", "docs", "examples", "benchmarks"}
)
CONFIG_SUFFIXES = (".config.js", ".config.cjs", ".config.mjs", ".config.ts", "rc.js", "rc.cjs")
TEST_MARKERS = (".test.", ".spec.")
"""Test files beside the code (cli.test.js) never run in the final image."""
SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
BUN_SUFFIXES = (".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts")
COMPILED_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".jsx", ".c", ".cc", ".cpp", ".h", ".hpp")
"""Sources a build turns into its output: a directory of them is not read at run time."""
NOT_RUNTIME_FILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lock",
        "bun.lockb",
        "pnpm-workspace.yaml",
        "bunfig.toml",
        "tsconfig.json",
        "jsconfig.json",
        "Makefile",
        "node_modules",
        "binding.gyp",
        "nodemon.json",
        "Procfile",
        "turbo.json",
        "nx.json",
        "renovate.json",
        "biome.json",
        "deno.json",
        "tsconfig.build.json",
    }
)
"""Top-level files that only install, build or lint the app (a .gitignore'd build dir is handled apart)."""


def entry_of(start: str) -> str:
    words = start.split()
    args = words[1:] if words and words[0] in ("node", "bun") else []
    args = args[1:] if args[:1] == ["run"] else args
    return next((a for a in args if not a.startswith("-")), "")


def runtime_files(project: ProjectDir, manifest: dict[str, Any], start: str, output: str) -> list[str]:
    """Top-level paths the final image needs: package.json, the code that runs and every file it may read.

    Without a build that is every top-level entry but tests, docs, tooling config, lockfiles, dotfiles and
    the catalogue's secret files (the .dockerignore filters secrets inside the directories). With a build,
    the output plus each directory that holds no TypeScript source (config/, views/, migrations/, prisma/ ...
    are read at run time, src/ is compiled).
    """
    files = ["package.json"]
    listed = manifest.get("files")
    if isinstance(listed, list) and listed and all(isinstance(f, str) and "*" not in f for f in listed):
        tops = [f.strip().removeprefix("./").split("/", 1)[0] for f in listed]
    else:
        tops = [output] if output else []
        # a folder with its own project that the build builds (client/): its output ships, not its sources
        client = (
            output.split("/", 1)[0] if "/" in output and project.has(f"{output.split('/', 1)[0]}/package.json") else ""
        )
        entries = sorted(p.name for p in project.root.iterdir())
        for entry in entries:
            if not_runtime(entry) or (output and not _uncompiled_dir(project, entry)) or entry == client:
                continue
            tops.append(entry)
        tops += _required_configs(project, entries)
    entry = entry_of(start)
    if entry and not project.has(entry) and "." not in entry.rsplit("/", 1)[-1]:
        # `node server` loads server.js (node's own resolution: .js, .mjs, .cjs, then a folder's index.js)
        entry = next((f"{entry}{ext}" for ext in (".js", ".mjs", ".cjs") if project.has(f"{entry}{ext}")), entry)
    if entry:
        tops.append(entry.removeprefix("./").split("/", 1)[0])
    tops += [d for d in ASSET_DIRS if project.is_dir(d)]
    for top in tops:
        if top in files or not top or " " in top or secret_files.in_project(project, top):
            continue  # a secret (scaffold/catalogue/secrets.toml) is not in the build context to copy
        if project.has(top) or project.is_dir(top) or top == output:
            files.append(top)
    return files


def _required_configs(project: ProjectDir, entries: list[str]) -> list[str]:
    """Top-level `*.config.js` files the app's own code loads (`require('./db.config')`): tooling config is left
    out of the image, these are read at run time."""
    configs = [e for e in entries if e.endswith(CONFIG_SUFFIXES) and not e.startswith(".") and project.has(e)]
    if not configs:
        return []
    texts = [project.read_text(path) for path in runtime_sources(project) if path not in configs]
    found = []
    for config in configs:
        stem = re.escape(config.rsplit(".", 1)[0])
        loads = re.compile(rf"""(?:require\(|from|import\()\s*['"]\.{{1,2}}/(?:[\w.-]+/)*{stem}(?:\.[cm]?[jt]s)?['"]""")
        if any(loads.search(text) for text in texts):
            found.append(config)
    return found


def not_runtime(name: str) -> bool:
    lowered = name.lower()
    return (
        name.startswith(".")
        or name in NOT_RUNTIME
        or name in NOT_RUNTIME_FILES
        or name.endswith(CONFIG_SUFFIXES)
        or any(m in name for m in TEST_MARKERS)
        or lowered.endswith((".md", ".markdown", ".log", ".tsbuildinfo", ".map"))
        or lowered.startswith(("license", "licence", "changelog", "dockerfile", "docker-compose", "compose."))
        or re.search(r"\.bak(\.\d+)?$", name) is not None  # scaffold's backups of the user's files
    )


def _uncompiled_dir(project: ProjectDir, name: str) -> bool:
    """A directory the build does not compile: no TypeScript or JSX sources in it."""
    if not project.is_dir(name):
        return False
    return not any(
        path.startswith(f"{name}/") and not path.endswith(".d.ts")
        for path in project.walk(COMPILED_SUFFIXES, limit=4000)
    )


def runtime_sources(project: ProjectDir) -> list[str]:
    """The source files the app may run (not tests, scripts or type declarations)."""
    return [
        path
        for path in project.walk(SOURCE_SUFFIXES, limit=400)
        if path.split("/", 1)[0] not in NOT_RUNTIME and not path.endswith(".d.ts") and not not_runtime(path)
    ]


def any_source_mentions(project: ProjectDir, needles: tuple[str, ...]) -> bool:
    return any(
        any(n in project.read_text(path) for n in needles)
        for path in project.walk(SOURCE_SUFFIXES, limit=400)
        if path.split("/", 1)[0] not in NOT_RUNTIME
    )


def inside(path: str) -> str:
    """The path relative to the project, or '' when it leaves it."""
    cleaned = path.strip().removeprefix("./").rstrip("/")
    return "" if not cleaned or cleaned.startswith(("/", "..")) or " " in cleaned else cleaned
