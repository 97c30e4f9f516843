"""What a Node project runs: framework, build step, start command, runtime files, port, native code."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from scaffold.errors import InputError
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node_jsonc import read_jsonc

SERVER_PACKAGES: dict[str, str] = {
    "@nestjs/core": "NestJS",
    "fastify": "Fastify",
    "express": "Express",
    "koa": "Koa",
    "@hapi/hapi": "hapi",
    "hono": "Hono",
}
"""Server frameworks, most specific first (NestJS apps also depend on express)."""

SPA_PACKAGES: dict[str, str] = {"vite": "Vite", "react-scripts": "Create React App"}
SPA_OUTPUT = {"vite": "dist", "react-scripts": "build"}
NATIVE_PACKAGES = frozenset(
    {"bcrypt", "sqlite3", "better-sqlite3", "canvas", "argon2", "node-sass", "cpu-features", "re2", "node-pty"}
)
"""Dependencies that compile C/C++ with node-gyp when no prebuilt binary fits the platform."""

ASSET_DIRS = ("public", "views", "static", "templates", "assets")
"""Directories apps read at run time besides their code."""
NOT_RUNTIME = frozenset(
    {"test", "tests", "__tests__", "spec", "e2e", "coverage", "scripts", "docs", "examples", "benchmarks"}
)
CONFIG_SUFFIXES = (".config.js", ".config.cjs", ".config.mjs", ".config.ts", "rc.js", "rc.cjs")
TEST_MARKERS = (".test.", ".spec.")
"""Test files beside the code (cli.test.js) never run in the final image."""
NEXT_CONFIGS = ("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")
SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
SERVER_DEFAULT_PORT = "3000"
SPA_PORT = "8080"
"""The unprivileged web server image listens here (ports below 1024 need root)."""

_LISTEN = re.compile(r"\.listen\(\s*(\d{2,5})\b")
_LISTEN_OBJ = re.compile(r"\.listen\(\s*\{[^)]*?\bport\s*:\s*(?:[^,}]*?(?:\|\||\?\?)\s*)?['\"]?(\d{2,5})\b", re.S)
_PORT_DEFAULT = re.compile(r"\bPORT\b['\"]?\]?\s*(?:\|\||\?\?)\s*['\"]?(\d{2,5})\b")
_STANDALONE = re.compile(r"\boutput\s*:\s*['\"]standalone['\"]")
_NPM_NO_TEST = "no test specified"


@dataclass(frozen=True)
class AppInfo:
    facts: tuple[Fact, ...]
    notes: tuple[str, ...] = field(default=())


def analyse(project: ProjectDir, manifest: dict[str, Any]) -> AppInfo:
    """Facts about how the project builds and runs, each with the file it came from."""
    scripts = _scripts(manifest)
    deps = _deps(manifest, "dependencies")
    every = deps | _deps(manifest, "devDependencies")
    facts: list[Fact] = []
    notes: list[str] = []

    server = next((name for pkg, name in SERVER_PACKAGES.items() if pkg in deps), "")
    spa = next((pkg for pkg in SPA_PACKAGES if pkg in every), "") if not server else ""
    if "next" in deps:
        kind = "next"
        facts.append(Fact("framework_name", "Next.js", "package.json"))
    elif spa and "build" in scripts:
        kind = "spa"
        facts.append(Fact("framework_name", SPA_PACKAGES[spa], "package.json"))
    else:
        kind = "node"
        if server:
            facts.append(Fact("framework_name", server, "package.json"))
    facts.append(Fact("framework", kind, "package.json"))

    build = "build" in scripts
    facts.append(Fact("build", build, "package.json" if build else "default"))
    output, output_source = _build_output(project, kind, spa)
    if build or kind == "next":
        facts.append(Fact("build_output", output, output_source))
    if kind == "next" and not build:
        notes.append('Next.js without a "build" script: add "build": "next build" so the image can build it')

    test = _real_test(scripts.get("test", ""))
    facts.append(Fact("test", test, "package.json" if test else "default"))

    native, native_source = _native(project, deps | every)
    facts.append(Fact("native", native, native_source))
    if native:
        notes.append("native code: the build stages use the full node image (python3, make, g++); the final does not")
        if project.has("binding.gyp") and not build:
            notes.append('binding.gyp but no "build" script: add "build": "node-gyp rebuild" to compile the addon')

    if kind == "next":
        _next_facts(project, facts, notes)
    elif kind == "node":
        start, start_source, note = _start(project, manifest, scripts, output if build else "")
        facts.append(Fact("start", start, start_source))
        notes += [note] if note else []
        files = _runtime_files(project, manifest, start, output if build else "")
        facts.append(Fact("runtime_files", " ".join(files), "package.json"))

    if server == "Fastify" and not _any_source_mentions(project, ("0.0.0.0", "'::'", '"::"')):
        notes.append(
            "Fastify listens on 127.0.0.1 unless told otherwise, which is unreachable from outside a "
            "container: pass host: '0.0.0.0' to listen()"
        )
    port, port_source = _port(project, kind, server)
    facts.append(Fact("port", port, port_source))
    if kind == "node" and not port and not server:
        notes.append(
            "no server found (no listen() call or server framework): the image gets no port; "
            "set one with --set port=N if the app serves"
        )
    return AppInfo(tuple(facts), tuple(notes))


def _next_facts(project: ProjectDir, facts: list[Fact], notes: list[str]) -> None:
    """Standalone output runs its own server.js; otherwise `next start` with all production dependencies."""
    standalone, config = _next_standalone(project)
    facts.append(Fact("next_standalone", standalone, config or "default"))
    public = ["public"] if project.is_dir("public") else []
    if standalone:
        facts.append(Fact("start", "node server.js", config))
        facts.append(Fact("runtime_files", " ".join(public), "package.json"))
        return
    notes.append(
        "Next.js without output: 'standalone': the image ships all production dependencies and runs "
        "`next start`; set output: 'standalone' in next.config for a much smaller image"
    )
    configs = [c for c in NEXT_CONFIGS if project.has(c)]
    facts.append(Fact("start", "node node_modules/next/dist/bin/next start", "package.json"))
    facts.append(Fact("runtime_files", " ".join(["package.json", ".next", *configs, *public]), "package.json"))


def _scripts(manifest: dict[str, Any]) -> dict[str, str]:
    scripts = manifest.get("scripts", {})
    if not isinstance(scripts, dict) or not all(isinstance(v, str) for v in scripts.values()):
        raise InputError("package.json", "scripts: expected an object of name → command strings")
    return scripts


def _deps(manifest: dict[str, Any], key: str) -> set[str]:
    deps = manifest.get(key, {})
    if not isinstance(deps, dict):
        raise InputError("package.json", f"{key}: expected an object of package → version")
    return set(deps)


def _real_test(script: str) -> bool:
    # npm init writes a test script that only fails; it is no test suite.
    return bool(script.strip()) and _NPM_NO_TEST not in script


def _build_output(project: ProjectDir, kind: str, spa: str) -> tuple[str, str]:
    if kind == "next":
        return ".next", "default"
    if kind == "spa":
        return SPA_OUTPUT.get(spa, "dist"), "default"
    if project.has("tsconfig.json"):
        config = read_jsonc(project, "tsconfig.json")
        options = config.get("compilerOptions", {}) if isinstance(config, dict) else {}
        out = options.get("outDir") if isinstance(options, dict) else None
        if isinstance(out, str) and out.strip("./"):
            return out.strip().removeprefix("./").rstrip("/"), "tsconfig.json"
    if project.has("binding.gyp"):
        return "build", "binding.gyp"
    return "dist", "default"


def _native(project: ProjectDir, deps: set[str]) -> tuple[bool, str]:
    if project.has("binding.gyp"):
        return True, "binding.gyp"
    if deps & NATIVE_PACKAGES:
        return True, "package.json"
    return False, "default"


def _next_standalone(project: ProjectDir) -> tuple[bool, str]:
    for config in NEXT_CONFIGS:
        if project.has(config):
            return bool(_STANDALONE.search(project.read_text(config))), config
    return False, ""


def _start(project: ProjectDir, manifest: dict[str, Any], scripts: dict[str, str], output: str) -> tuple[str, str, str]:
    """The command the final image runs, its source, and a note when it is not a plain `node <file>`."""
    for key in ("start:prod", "start"):
        script = scripts.get(key)
        if script is None:
            continue
        command = _plain_node(script)
        if command:
            return command, f"package.json scripts.{key}", ""
    main = manifest.get("main")
    if main is not None and not isinstance(main, str):
        raise InputError("package.json", "main: expected a file path")
    if "start" in scripts:
        return (
            "npm start",
            "package.json scripts.start",
            (
                f"scripts.start ({scripts['start']!r}) is not a plain `node <file>`: the image runs `npm start`, "
                "which needs npm in the final image (not distroless); a `node <file>` start script is leaner"
            ),
        )
    candidates = [main] if main else []
    candidates += [f"{output}/index.js", f"{output}/main.js"] if output else []
    candidates += ["server.js", "index.js", "app.js", "main.js", "src/index.js", "src/server.js"]
    for candidate in candidates:
        if candidate and (project.has(candidate) or (output and candidate.startswith(f"{output}/"))):
            return f"node {candidate.removeprefix('./')}", "package.json main" if candidate == main else candidate, ""
    return "node index.js", "default", "no start script, main or index.js/server.js found: the image runs index.js"


def _plain_node(script: str) -> str:
    """`node <args>` when the script is just that (after VAR=value prefixes), else ''."""
    if any(op in script for op in ("&&", "||", ";", "|", "$(", "`", ">")):
        return ""
    try:
        words = shlex.split(script)
    except ValueError:
        return ""
    while words and "=" in words[0] and not words[0].startswith("-"):
        words.pop(0)
    if len(words) < 2 or words[0] != "node" or any(" " in w for w in words):
        return ""
    return " ".join(words)


def _entry_of(start: str) -> str:
    args = start.split()[1:] if start.startswith("node ") else []
    return next((a for a in args if not a.startswith("-")), "")


def _runtime_files(project: ProjectDir, manifest: dict[str, Any], start: str, output: str) -> list[str]:
    """Top-level paths the final image needs: package.json, the code that runs and the assets it reads."""
    files = ["package.json"]
    listed = manifest.get("files")
    if isinstance(listed, list) and listed and all(isinstance(f, str) and "*" not in f for f in listed):
        tops = [f.strip().removeprefix("./").split("/", 1)[0] for f in listed]
    elif output:
        tops = [output]
    else:
        tops = []
        for path in project.walk((".js", ".mjs", ".cjs", ".json")):
            top = path.split("/", 1)[0]
            name = path.rsplit("/", 1)[-1]
            if (
                top in NOT_RUNTIME
                or name.endswith(CONFIG_SUFFIXES)
                or any(m in name for m in TEST_MARKERS)
                or path
                in ("package.json", "package-lock.json", "npm-shrinkwrap.json", "tsconfig.json", "jsconfig.json")
            ):
                continue
            tops.append(top)
    entry = _entry_of(start)
    if entry:
        tops.append(entry.removeprefix("./").split("/", 1)[0])
    tops += [d for d in ASSET_DIRS if project.is_dir(d)]
    for top in tops:
        if top and top not in files and " " not in top and (project.has(top) or project.is_dir(top) or top == output):
            files.append(top)
    return files


def _any_source_mentions(project: ProjectDir, needles: tuple[str, ...]) -> bool:
    return any(
        any(n in project.read_text(path) for n in needles)
        for path in project.walk(SOURCE_SUFFIXES, limit=400)
        if path.split("/", 1)[0] not in NOT_RUNTIME
    )


def _port(project: ProjectDir, kind: str, server: str) -> tuple[str, str]:
    if kind == "spa":
        return SPA_PORT, "default"
    for path in project.walk(SOURCE_SUFFIXES, limit=400):
        if path.split("/", 1)[0] in NOT_RUNTIME or path.endswith(".d.ts"):
            continue
        text = project.read_text(path)
        for pattern in (_PORT_DEFAULT, _LISTEN_OBJ, _LISTEN):
            match = pattern.search(text)
            if match and 0 < int(match.group(1)) < 65536:
                return match.group(1), path
    if kind == "next" or server:
        return SERVER_DEFAULT_PORT, "default"
    return "", "default"
