"""What a Node project runs: framework, build step, start command, port, native code (the files it ships:
runtime_files.py)."""

from __future__ import annotations

import itertools
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from scaffold.errors import InputError
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.delegated import delegated_dir
from scaffold.providers.node.env_loader import missing_env_file
from scaffold.providers.node.esm_output import unresolvable_esm
from scaffold.providers.node.folder_install import folder_install
from scaffold.providers.node.framework import Shape, detect_framework
from scaffold.providers.node.jsonc import read_jsonc
from scaffold.providers.node.locked import Locked, lock_bins, locked_packages
from scaffold.providers.node.loopback import listen_fix, loopback_note
from scaffold.providers.node.nx import detect_nx
from scaffold.providers.node.openssl import python_name_packages
from scaffold.providers.node.runtime_files import (
    NOT_RUNTIME,
    SOURCE_SUFFIXES,
    any_source_mentions,
    entry_of,
    inside,
    runtime_files,
    runtime_sources,
)
from scaffold.providers.node.script_refs import commands_of
from scaffold.providers.node.site import routing
from scaffold.providers.node.site_base import site_base
from scaffold.providers.node.start import (
    TS_SOURCE,
    after_build,
    build_script_of,
    dev_bin_in_script,
    dev_only_tool,
    plain_node,
    plain_words,
    port_flag,
    runs_ts_source,
    script_env,
    start_command,
    tool_of,
    type_checking_runner,
)
from scaffold.providers.node.storybook import storybook_site
from scaffold.providers.node.writes import writable_facts

BUN_MARKERS = ("Bun.serve(", "Bun.file(", "Bun.env", "from 'bun'", 'from "bun"', "from 'bun:", 'from "bun:')
"""Source that only runs on bun: the final image then has bun instead of node."""

_LISTEN = re.compile(r"\.listen\(\s*(\d{2,5})\b")
_LISTEN_OBJ = re.compile(r"\.listen\(\s*\{[^)]*?\bport\s*:\s*(?:[^,}]*?(?:\|\||\?\?)\s*)?['\"]?(\d{2,5})\b", re.S)
_SERVE_OBJ = re.compile(r"\bserve\(\s*\{[^)]*?\bport\s*:\s*(?:[^,}]*?(?:\|\||\?\?)\s*)?['\"]?(\d{2,5})\b", re.S)
# `.listen(port, ...)` with the port in a variable: its `const port = 5000` (Express's hello-world shape) is the port.
# A config helper's default for PORT: Strapi's config/server.js `port: env.int('PORT', 1337)`, AdonisJS's
# `Env.get('PORT', 3333)`.
_ENV_HELPER_PORT = re.compile(r"\b[Ee]nv(?:\.int|\.get|\.number)?\(\s*['\"]PORT['\"]\s*,\s*['\"]?(\d{2,5})\b")
# Express's `app.set('port', 8081)` (then `app.listen(app.get('port'))`).
_APP_SET_PORT = re.compile(r"\.set\(\s*['\"]port['\"]\s*,\s*['\"]?(\d{2,5})\b")
_LISTEN_NAME = re.compile(r"\.listen\(\s*([A-Za-z_$][\w$]*)\s*[,)]")
# A server its constructor starts: socket.io's `require('socket.io')(8900, {...})` and `new Server(8900)`, ws's
# `new WebSocketServer({ port: 8080 })` (socket.io chat back ends beside a React client; no listen() call at all).
_SERVER_CTOR = re.compile(
    r"(?:require\(\s*['\"]socket\.io['\"]\s*\)\(|\bnew\s+(?:\w+\.)?(?:WebSocket)?Server\()\s*"
    r"(?:\{[^)]*?\bport\s*:\s*(?:[^,}]*?(?:\|\||\?\?)\s*)?)?['\"]?(\d{2,5})\b",
    re.S,
)
# An options object's `listen: { port: 4000 }` (Apollo Server's startStandaloneServer, Mercurius-style helpers).
_LISTEN_KEY = re.compile(r"\blisten\s*:\s*\{[^}]*?\bport\s*:\s*(?:[^,}]*?(?:\|\||\?\?)\s*)?['\"]?(\d{2,5})\b", re.S)
# `PORT || 3000`, `env["PORT"] ?? "3000"`, and the same through a conversion: `Number(process.env.PORT) || 3000`,
# `parseInt(process.env.PORT, 10) || 3000`.
_PORT_DEFAULT = re.compile(r"\bPORT\b['\"]?\]?(?:\s*,\s*10\s*)?\)?\s*(?:\|\||\?\?)\s*['\"]?(\d{2,5})\b")
_PORT_ENV = re.compile(r"\bprocess\.env(?:\.PORT\b|\[\s*['\"]PORT['\"]\s*\])|\{[^}]*\bPORT\b[^}]*\}\s*=\s*process\.env")
"""Code that reads the PORT variable (which the image sets), whatever its default."""
_NPM_NO_TEST = "no test specified"
STATIC_PAGES = ("index.html", "public/index.html", "src/index.html")
"""The page template a static build turns into the site's index.html."""
OUTPUT_FLAGS = ("--dest", "--dist-dir", "--out-dir", "--outDir", "--output-path", "--output", "-o", "-d")
"""A build script's flag for its output directory (vue-cli-service --dest, parcel --dist-dir, ...)."""
_OUTPUT_KEY = re.compile(
    r"\b(?:outputDir|outDir|distDir|dest)\s*:\s*['\"]([\w./-]+)['\"]"
    r"|\bpath\s*:\s*\w+\.(?:resolve|join)\(\s*__dirname\s*,\s*['\"]([\w./-]+)['\"]\s*\)"
)


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
    _refuse_desktop(scripts.get("start", ""))
    shape = (
        storybook_site(project, every, deps, set(_servers()), scripts, STATIC_PAGES)
        or detect_framework(project, deps, every, scripts)
        or detect_nx(project, every, scripts)
        or _static_server(project, scripts)
        or _static_site(project, deps, scripts)
    )
    build_script = shape.build_script if shape and shape.build_script else build_script_of(scripts)
    build = bool(build_script) or bool(shape and shape.build_command)
    server = next((name for pkg, name in _servers().items() if pkg in deps), "")

    if shape is not None:
        facts.append(Fact("framework_name", shape.name, "package.json"))
        kind = shape.kind
        notes += shape.notes
        if not build and shape.output != "." and not project.is_dir(shape.output):
            raise InputError(
                "package.json",
                f'{shape.name} app without a "build" script: add one (e.g. the framework\'s own build command) '
                "so the image can build it",
            )
    else:
        kind = "node"
        if server:
            facts.append(Fact("framework_name", server, "package.json"))
    facts.append(Fact("framework", kind, "package.json"))
    built = _build_facts(project, scripts, build_script, shape)
    facts += built.facts
    notes += built.notes

    dev = scripts.get("dev", "")
    facts.append(Fact("dev_script", dev, "package.json scripts.dev" if dev else "default"))
    locked = locked_packages(project)  # a dependency's own dependencies: native code, bins
    skipped = _skipped_tests(project, scripts.get("test", ""), shape, notes, every | locked.every) or (
        _test_env_file_missing(project, scripts.get("test", ""), notes)
    )
    test = _real_test(scripts.get("test", "")) and not skipped
    facts.append(Fact("test", test, "package.json" if test else "default"))
    facts += [Fact("test_skipped", skipped, "package.json scripts.test")] if skipped else []
    facts += _test_env(scripts.get("test", "")) if test else []

    facts += _native_facts(project, manifest, deps, every, locked)
    native = any(f.key == "native" and f.value is True for f in facts)
    if native:
        notes.append("native code: the build stages use the full node image (python3, make, g++); the final does not")
        if project.has("binding.gyp") and not build:
            notes.append('binding.gyp but no "build" script: add "build": "node-gyp rebuild" to compile the addon')

    facts += _run_facts(project, manifest, scripts, deps, kind, shape, notes)
    runner_host = _runner_host_env(scripts, deps) if shape is None else ()
    if runner_host:
        facts.append(Fact("host_env", " ".join(runner_host), "package.json scripts.start"))
    served = _how_served(project, manifest, kind, shape, server) if not runner_host else AppInfo(())
    facts += served.facts
    notes += served.notes
    port, port_source = _port(project, kind, server, shape, scripts.get("start", ""))
    facts.append(Fact("port", port, port_source))
    if kind == "node" and not port and not server:
        notes.append(
            "no server found (no listen() call or server framework): the image gets no port; "
            "set one with --set port=N if the app serves"
        )
    return AppInfo(tuple(facts), tuple(notes))


def _build_facts(project: ProjectDir, scripts: dict[str, str], build_script: str, shape: Shape | None) -> AppInfo:
    """Whether and where the project builds: the script that builds it and the folder the build writes; the
    variable that turns off the app's own environment validation in the build (t3-env)."""
    info = _build_where(project, scripts, build_script, shape)
    skip = _env_validation_skip(project) if any(f.key == "build" and f.value for f in info.facts) else None
    if skip is None:
        return info
    note = (
        f"{skip.source} validates the environment when the app's config loads: the build sets {skip.value}=1 "
        "(its own switch), since the build has no .env or secrets; give the variables to the container"
    )
    return AppInfo((*info.facts, skip), (*info.notes, note))


def _build_where(project: ProjectDir, scripts: dict[str, str], build_script: str, shape: Shape | None) -> AppInfo:
    if shape is not None and shape.build_command:
        # The framework's own build (an Nx target): it runs instead of any script that would hand it to the tool.
        facts = [Fact("build", True, shape.source), Fact("build_command", shape.build_command, shape.source)]
        return AppInfo((*facts, Fact("build_output", shape.output, shape.source)))
    build = bool(build_script)
    facts = [Fact("build", build, f"package.json scripts.{build_script}" if build else "default")]
    notes = []
    if build:
        facts.append(Fact("build_script", build_script, "package.json"))
    if build_script not in ("", "build") and "build" not in scripts:
        notes.append(
            f'the build lives in scripts.{build_script} ({scripts[build_script]!r}), with no "build" script: '
            "the build stage runs it once the sources are in place"
        )
    if shape is not None:
        facts.append(Fact("build_output", shape.output, shape.source))
    elif build:
        installs, note = folder_install(project, scripts, build_script)
        facts += installs
        notes += [note] if note else []
        output, output_source = _build_output(project, scripts, build_script)
        facts.append(Fact("build_output", output, output_source))
    return AppInfo(tuple(facts), tuple(notes))


def _how_served(project: ProjectDir, manifest: dict[str, Any], kind: str, shape: Shape | None, server: str) -> AppInfo:
    """A static site's routing (single-page fallback or 404 page) and the path it is served under; a server's
    loopback-only listen and its fix."""
    if kind == "spa" and shape is not None:
        fallback, note = routing(project, shape.name, shape.output)
        scripts = _scripts(manifest)
        base = site_base(project, manifest, scripts.get(build_script_of(scripts), ""))
        facts, notes = (fallback, *(base[:1] if base else ())), (note, *(base[1:] if base else ()))
        return AppInfo(facts, tuple(n for n in notes if n))
    fix = listen_fix(project, runtime_sources(project), server) if kind == "node" and shape is None else None
    return AppInfo((fix, Fact("listen_all", True, fix.source)), (loopback_note(fix),)) if fix else AppInfo(())


def _run_facts(
    project: ProjectDir,
    manifest: dict[str, Any],
    scripts: dict[str, str],
    deps: set[str],
    kind: str,
    shape: Shape | None,
    notes: list[str],
) -> list[Fact]:
    """What the final image runs: the start command, the files it needs, its host variables, node_modules."""
    facts: list[Fact] = []
    prod_deps = kind != "spa"
    if shape is not None and kind != "spa":
        facts.append(Fact("next_standalone", shape.standalone, shape.source))
        facts.append(Fact("start", shape.start, shape.source))
        facts.append(Fact("runtime_files", " ".join(shape.runtime_files), shape.source))
        facts.append(Fact("host_env", " ".join(shape.host_env), shape.source))
        if shape.build_adds:
            facts.append(Fact("build_adds", " ".join(shape.build_adds), f"catalogue: {shape.name}"))
        if shape.build_env:
            facts.append(Fact("build_env", " ".join(shape.build_env), f"catalogue: {shape.name}"))
        prod_deps = shape.prod_deps
        if shape.trace:
            facts.append(Fact("trace_entry", shape.trace, f"catalogue: {shape.name}"))
            facts.append(Fact("trace_tool", node_data()["trace"]["tool"], "catalogue: trace"))
    elif kind == "node":
        build_script = build_script_of(scripts)
        emits = bool(build_script) and not _type_check_only(project, scripts[build_script])
        unresolvable = unresolvable_esm(project, manifest) if emits and runs_ts_source(scripts) else ""
        if unresolvable:
            emits = False  # the image runs the sources with the start script's runner, as the project does
            notes.append(
                f"{unresolvable} imports a relative path without its extension, which tsc keeps as written in ES "
                "module output (moduleResolution bundler) and node cannot load: the image runs the sources with "
                "the start script's TypeScript runner; add .js to relative imports (module NodeNext) to run "
                "the compiled output"
            )
        output = _build_output(project, scripts, build_script)[0] if emits else ""
        bun_apis = any_source_mentions(project, BUN_MARKERS)
        dev = _deps(manifest, "devDependencies") - deps
        start, start_source, note = start_command(project, manifest, scripts, deps, output, bun_apis, dev)
        facts.append(Fact("start", start, start_source))
        words = start.split()
        loopback_bins: list[str] = node_data().get("loopback_bins", {}).get("tools", [])
        if words[1:2] and words[1].removeprefix("node_modules/.bin/") in loopback_bins:
            # a dependency's server whose default host is loopback (json-server): the preload opens it
            facts.append(Fact("listen_all", True, f"catalogue: loopback_bins ({start_source})"))
        shipped = _ships_dev_deps(project, start, deps, dev, scripts.get("start", ""))
        if shipped:
            facts.append(Fact("ship_all_deps", True, start_source))
            notes.append(shipped)
        if start.startswith("bun ") or bun_apis:
            facts.append(Fact("runtime", "bun", start_source if start.startswith("bun ") else "source (Bun APIs)"))
            if not start.startswith("bun "):
                notes.append(f"the sources use Bun APIs but the start command is {start!r}: set start='bun <file>'")
        notes += [note] if note else []
        files = runtime_files(project, manifest, start, output)
        runs_ts = start.startswith("node ") and any(w.endswith(TS_SOURCE) for w in start.split()[1:])
        for config in _tsconfigs_read(project, start, scripts.get("start", ""), bool(shipped or runs_ts)):
            if config not in files:
                files.append(config)  # a TypeScript runner or paths loader reads it (paths, jsx, module settings)
        facts.append(Fact("runtime_files", " ".join(files), "package.json"))
        facts += writable_facts(project, files, runtime_sources(project), f"{start} {scripts.get('start', '')}", notes)
    facts.append(Fact("prod_deps", prod_deps, shape.source if shape is not None else "package.json"))
    return facts + _script_env(scripts, facts)


def _tsconfigs_read(project: ProjectDir, start: str, script: str, runner: bool) -> list[str]:
    """The tsconfig files the start reads at run time: tsconfig.json for a TypeScript runner or a loader of its
    `paths` (catalogue tsconfig_loaders: `node -r tsconfig-paths/register dist/server.js`), or the one the start
    script names in TS_NODE_PROJECT."""
    loaders: list[str] = node_data().get("tsconfig_loaders", {}).get("preloads", [])
    if not runner and not any(w in loaders for w in start.split()):
        return []
    named = re.search(r"\bTS_NODE_PROJECT=([\w.-]+\.json)\b", script)
    config = named.group(1) if named else "tsconfig.json"
    return [config] if project.has(config) else []


def _script_env(scripts: dict[str, str], facts: list[Fact]) -> list[Fact]:
    """What the script the image's `node …` start comes from sets before its command (`TS_NODE_BASEURL=./dist node
    …`, `NODE_OPTIONS=… next start`; a framework's start script too): kept for the image's ENV, where npm would have
    set it."""
    start = next((f for f in facts if f.key == "start"), None)
    if start is None or not str(start.value).startswith("node "):
        return []
    key = start.source.removeprefix("package.json scripts.") if start.source.startswith("package.json") else "start"
    pairs, options = script_env(scripts.get(key, ""))
    source = f"package.json scripts.{key}"
    return [
        *([Fact("start_env", " ".join(pairs), source)] if pairs else []),
        *([Fact("node_options", options, f"{source} (NODE_OPTIONS)")] if options else []),
    ]


_SKIP_VALIDATION = re.compile(r"\bskipValidation\s*:\s*!{0,2}\s*process\.env\.([A-Z][A-Z0-9_]{1,63})\b")
"""t3-env's `createEnv({ skipValidation: !!process.env.SKIP_ENV_VALIDATION })` (create-t3-app's src/env.js)."""


def _env_validation_skip(project: ProjectDir) -> Fact | None:
    """The variable the app's environment module reads to skip validating the environment (t3-env), if any."""
    for path in ("src/env.js", "src/env.mjs", "src/env.ts", "env.js", "env.mjs", "env.ts", "src/env/server.mjs"):
        if project.has(path):
            match = _SKIP_VALIDATION.search(project.read_text(path))
            if match:
                return Fact("env_skip", match.group(1), path)
    return None


def _runner_host_env(scripts: dict[str, str], deps: set[str]) -> tuple[str, ...]:
    """The address variables of the server runner the start script names (catalogue `runner_hosts`), when a
    production dependency provides it."""
    tool = tool_of(after_build(scripts.get("start", ""), scripts))
    bins: dict[str, str] = node_data().get("bins", {})
    hosts: dict[str, list[str]] = node_data().get("runner_hosts", {})
    return tuple(hosts[tool]) if tool in hosts and bins.get(tool) in deps else ()


def _servers() -> dict[str, str]:
    table: dict[str, str] = node_data().get("servers", {})
    return table


_STATIC_DIRS = ("dist", "build", "public", "out", "_site", "www", "site")
"""Where a static file server's folder usually is, when its argument is not a folder yet (a build writes it)."""


def _static_server(project: ProjectDir, scripts: dict[str, str]) -> Shape | None:
    """A start script that serves a folder with a static file server (`serve -s build`, `http-server public`):
    the folder is a static site, built first when the project has a build."""
    words = plain_words(scripts.get("start", ""))
    servers: list[str] = node_data().get("static_servers", {}).get("tools", [])
    if not words or words[0] not in servers:
        return None
    args = words[1:]
    folder = next((a for a in args if not a.startswith("-") and (project.is_dir(a) or inside(a) in _STATIC_DIRS)), ".")
    output = inside(folder)
    if not output or output == ".":
        return None  # the project's own files: _static_site's plain HTML
    note = f"scripts.start serves {output}/ with {words[0]}: a static site, served by nginx"
    return Shape("static files", "spa", "package.json scripts.start", output=output, notes=(note,))


def _static_site(project: ProjectDir, deps: set[str], scripts: dict[str, str]) -> Shape | None:
    """A plain index.html with no build and no server: the files themselves are the site. With a build by a tool
    the catalogue does not know, see _static_build."""
    if "build" in scripts:
        return _static_build(project, deps, scripts)
    if not project.has("index.html") or deps & set(_servers()):
        return None
    start = scripts.get("start", "")
    if start and plain_node(start):
        return None
    return Shape("plain HTML", "spa", "index.html", output=".")


def _static_build(project: ProjectDir, deps: set[str], scripts: dict[str, str]) -> Shape | None:
    """A build that writes a static site, whatever the tool (Vue CLI, Parcel, webpack, ...): the project has an
    index.html page template, nothing serves it (no server dependency, no start script other than the build
    tool's own dev server, no main file, no listen() call), and the output directory is the build's flag or
    config key, else the convention `dist/`."""
    page = next((p for p in STATIC_PAGES if project.has(p)), "")
    start = scripts.get("start", "")
    dev_server = bool(tool_of(start)) and tool_of(start) == tool_of(scripts["build"])
    if not page or deps & set(_servers()) or (start and not dev_server):
        return None
    main = project.read_json("package.json").get("main") if project.has("package.json") else None
    # `main: index.html` (CodeSandbox's Parcel template) names the page, not a server
    served = isinstance(main, str) and main.endswith(SOURCE_SUFFIXES) and project.has(main)
    if served or any_source_mentions(project, (".listen(",)):
        return None
    output, source = _static_output(project, scripts["build"])
    note = f"a build with no server ({page}, no start): a static site from {output}/, served by nginx"
    return Shape("static build", "spa", source, output=output, notes=(note,))


def _static_output(project: ProjectDir, build: str) -> tuple[str, str]:
    """Where a static build writes: an output flag of the build script, a literal output key in a top-level
    config file (vue.config.js `outputDir`, webpack's `path.resolve(__dirname, 'dist')`), else dist/."""
    words = plain_words(build)
    for i, word in enumerate(words):
        flag, equals, value = word.partition("=")
        if flag in OUTPUT_FLAGS and (equals or i + 1 < len(words)):
            return _clean_output(value if equals else words[i + 1]), "package.json scripts.build"
    for config in _build_configs(project, words):
        match = _OUTPUT_KEY.search(project.read_text(config))
        # `__dirname` is the config's folder: webpack/webpack.common.js's '../build' is build/
        where = match and (match.group(1) or posixpath.join(posixpath.dirname(config), match.group(2)))
        if where and inside(posixpath.normpath(where)):
            return inside(posixpath.normpath(where)), config
    return "dist", "default"


def _build_configs(project: ProjectDir, words: list[str]) -> list[str]:
    """The config files that may name a static build's output: the one the build's --config flag names and the
    source files beside it (what it merges: webpack.common.js), then the top-level *.config.* files."""
    named = next((inside(b) for a, b in itertools.pairwise(words) if a in ("--config", "-c") and inside(b)), "")
    beside = sorted(project.glob(f"{posixpath.dirname(named)}/*")) if named and "/" in named else []
    configs = [named, *beside] if named else []
    found = dict.fromkeys([*configs, *project.glob("*.config.*")])
    return [c for c in found if c.endswith(SOURCE_SUFFIXES) and project.has(c)]


def _clean_output(path: str) -> str:
    cleaned = inside(path)
    if not cleaned:
        raise InputError("package.json", f"scripts.build writes to {path!r}: expected a directory inside the project")
    return cleaned


def _scripts_of(project: ProjectDir) -> dict[str, str]:
    """The project's package.json scripts (the test script's references: concurrently's `npm:test:*`)."""
    manifest = project.read_json("package.json") if project.has("package.json") else {}
    return _scripts(manifest) if isinstance(manifest, dict) else {}


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


def _native_facts(
    project: ProjectDir, manifest: dict[str, Any], deps: set[str], every: set[str], locked: Locked
) -> list[Fact]:
    """Whether the install compiles native code, and the Debian packages its build and the final image need."""
    native, native_source = _native(project, deps | every, locked)
    installed = deps | every | locked.every
    build_pkgs = native_packages(installed)[0]
    build_pkgs += [p for p in python_name_packages(project, manifest) if p not in build_pkgs] if native else []
    run_pkgs = native_packages(deps | locked.production)[1]
    return [
        Fact("native", native, native_source),
        Fact("native_build_packages", " ".join(build_pkgs), "catalogue: native"),
        Fact("native_run_packages", " ".join(run_pkgs), "catalogue: native"),
        Fact("native_install_env", " ".join(native_list(installed, "install_env")), "catalogue: native"),
        Fact("native_run_env", " ".join(native_list(deps | locked.production, "run_env")), "catalogue: native"),
    ]


def _ships_dev_deps(project: ProjectDir, start: str, deps: set[str], dev: set[str], script: str) -> str:
    """Why the image ships devDependencies too (the start command needs one at run time), or ''."""
    dev_tool = dev_only_tool(start, deps, dev)
    if not dev_tool and start.split()[1:2] in (["start"], ["run"]):  # `npm start`: the script's own steps
        dev_tool = dev_bin_in_script(script, deps, dev, lock_bins(project))
    if dev_tool:
        return (
            f"the start command runs {dev_tool}, a devDependency: the image ships every dependency (as in "
            f"development); move {dev_tool} to dependencies, or compile in a build script and start with node, "
            "for an image with production dependencies only"
        )
    checker = type_checking_runner(project, start, dev)
    if checker:
        return (
            f"the start command runs {checker}, which type-checks against typescript and @types/* from "
            "devDependencies (a production install leaves them out: TSError at start): the image ships every "
            f"dependency; pass --transpile-only to {checker}, or compile in a build script, for production "
            "dependencies only"
        )
    return ""


def _test_env(script: str) -> list[Fact]:
    """CI=true for a test command that would otherwise watch for changes and never end (react-scripts test)."""
    table: dict[str, Any] = node_data()["test_scripts"]
    command = " ".join(plain_words(script.split("&&", 1)[0]))
    if any(command.startswith(w) for w in table["watch_unless_ci"]) and "--watchAll=false" not in command:
        return [Fact("test_env", str(table["env"]), "catalogue: test_scripts (watches unless CI)")]
    return []


def _skipped_tests(project: ProjectDir, script: str, shape: Shape | None, notes: list[str], installed: set[str]) -> str:
    """Why a real test script is left out of the test stage ('browser', 'runner', 'nx'; '' when it runs): it
    launches a browser, `nx test` for an app with no test target (it fails where there is nothing to run), or a
    test runner no dependency installs (a global mocha)."""
    if not _real_test(script):
        return ""
    commands = [" ".join(plain_words(c.split("&&", 1)[0])) for c in commands_of(script, _scripts_of(project))]
    table = node_data()["test_scripts"]["needs_browser"]
    browser = next((b for b in table for c in commands if c.startswith(b["run"])), None)
    if browser is not None and browser["with"] in installed:
        notes.append(
            f"the test script runs `{browser['run']}`, which launches a browser the image has not ({browser['with']}): "
            "the test stage runs nothing; run those tests outside the image, or give it a headless test command"
        )
        return "browser"
    runners: dict[str, list[str]] = node_data().get("test_runners", {})
    tool = tool_of(script.split("&&", 1)[0])
    if tool in runners and not set(runners[tool]) & installed:
        notes.append(
            f"the test script runs {tool}, which no dependency installs (the build would stop with `{tool}: not "
            f"found`): the test stage runs nothing; add {runners[tool][0]} to devDependencies to run the tests"
        )
        return "runner"
    if _finds_no_tests(project, script, tool):
        notes.append(
            f"the test script runs {tool}, which exits 1 when it finds no test file, and the project has none: the "
            "test stage runs nothing; add a test (or pass --passWithNoTests) and it runs"
        )
        return "none"
    if shape is not None and shape.test_target is False and "nx" in script.split():
        notes.append(f"{shape.source} has no test target: the test stage runs nothing (`{script}` would fail)")
        return "nx"
    return ""


_TEST_FILE = re.compile(r"(?:^|/)(?:__tests__|tests?|spec)/|[.\-_](?:test|spec)\.[cm]?[jt]sx?$")


def _finds_no_tests(project: ProjectDir, script: str, tool: str) -> bool:
    """Whether the test script's runner exits 1 for want of a test file: it does so (catalogue
    `fail_without_tests`), the script does not tell it not to, and no file in the project looks like a test."""
    spec = node_data()["test_scripts"]
    if tool not in spec.get("fail_without_tests", []) or any(f in script for f in spec.get("no_tests_flags", [])):
        return False
    sources = (".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte")
    return not any(_TEST_FILE.search(rel) for rel in project.walk(sources, limit=5000))


def _test_env_file_missing(project: ProjectDir, script: str, notes: list[str]) -> str:
    """'envfile' when the test script loads a .env file the repository does not hold (env-cmd -f ./config/test.env
    jest): the wrapper stops before any test runs; '' otherwise."""
    missing = missing_env_file(project, script)
    if not missing:
        return ""
    notes.append(
        f"the test script loads {missing}, which is not in the project (kept out of git): the test stage runs "
        "nothing; commit an example of it without secrets, or set the variables in the test script, to run them"
    )
    return "envfile"


def _refuse_desktop(start: str) -> None:
    """InputError when the start script opens a desktop or mobile app (`electron .`): nothing a container serves."""
    runtimes: dict[str, str] = node_data().get("desktop_runtimes", {})
    tool = tool_of(start.rsplit("&&", maxsplit=1)[-1])
    if tool in runtimes:
        raise InputError(
            "package.json",
            f"scripts.start runs {tool} ({runtimes[tool]}): a desktop or mobile app, not a server a container can "
            "serve; scaffold builds images for servers, sites and command-line programs",
        )


def _real_test(script: str) -> bool:
    # npm init writes a test script that only fails; it is no test suite.
    return bool(script.strip()) and _NPM_NO_TEST not in script


def _build_output(project: ProjectDir, scripts: dict[str, str] | None = None, build: str = "") -> tuple[str, str]:
    """Where a plain Node build writes: in the folder whose own project the build script builds (a server's
    client/), else tsconfig's outDir, node-gyp's build/, else dist/."""
    script = scripts[build] if scripts and build in scripts else ""
    folder = delegated_dir(script, scripts) if scripts and script else ""
    if folder and project.has(f"{folder}/package.json"):
        output, source = _folder_output(ProjectDir(project.path(folder)))
        return f"{folder}/{output}", f"{folder}/{source}"
    entry = entry_of(plain_node(after_build((scripts or {}).get("start", ""), scripts or {})))
    flagged = _output_flags(script)
    # the flag whose folder holds what the start script runs (a client build may name its own folder first),
    # else the first, unless the start script runs a file of another folder the build writes
    started = _started_output(project, scripts or {})
    chosen = next((f for f in flagged if entry.removeprefix("./").startswith(f"{f}/")), "")
    if chosen or (flagged and not started):
        return chosen or flagged[0], f"package.json scripts.{build}"
    # a bundler's output (webpack's, whatever its config says) is where the start script looks; tsc's is outDir
    if project.has("tsconfig.json") and (not started or "tsc" in re.split(r"[\s&|;]+", script)):
        config = read_jsonc(project, "tsconfig.json")
        options = config.get("compilerOptions", {}) if isinstance(config, dict) else {}
        out = options.get("outDir") if isinstance(options, dict) else None
        if isinstance(out, str) and out.strip("./"):
            return out.strip().removeprefix("./").rstrip("/"), "tsconfig.json"
    if project.has("binding.gyp"):
        return "build", "binding.gyp"
    tool = plain_words(script)[:1]
    known: dict[str, str] = node_data().get("build_outputs", {})
    if not started and tool and tool[0] in known:
        return known[tool[0]], f"catalogue: build_outputs ({tool[0]})"
    return (started, "package.json scripts.start") if started else ("dist", "default")


_OUTFILE_FLAGS = ("--outfile", "--out-file")
"""A bundler's flag for its one output file (esbuild --outfile, babel --out-file): the output is its folder."""


def _output_flags(script: str) -> list[str]:
    """The output directories the build's commands name (`babel src -d lib`, `tsc --outDir build`, `esbuild ...
    --outfile=out/server.js`, `ncc build -o out`), in order."""
    found: list[str] = []
    for part in re.split(r"&&|;", script):
        words = plain_words(part.strip())
        for i, word in enumerate(words[1:], start=1):
            flag, equals, value = word.partition("=")
            value = inside(value if equals else (words[i + 1] if i + 1 < len(words) else ""))
            if not value or value == "." or value.startswith("-"):
                continue  # webpack 4's `-d` takes no value
            is_file = value.endswith((".js", ".mjs", ".cjs"))  # browserify -o bundle.js: a file
            if flag in (*OUTPUT_FLAGS, "--outdir") and not is_file:
                found.append(value)
            elif (flag in _OUTFILE_FLAGS or (is_file and flag in OUTPUT_FLAGS)) and "/" in value:
                found.append(value.rsplit("/", 1)[0])
    return found


def _started_output(project: ProjectDir, scripts: dict[str, str]) -> str:
    """The folder of the file the start script runs (`node build/server.js`) when the project does not have it:
    the build writes it."""
    entry = entry_of(plain_node(after_build(scripts.get("start", ""), scripts)))
    top = entry.removeprefix("./").split("/", 1)[0] if "/" in entry else ""
    return top if top and inside(top) and not project.has(top) else ""


def _folder_output(project: ProjectDir) -> tuple[str, str]:
    """Where the build of a folder's own project writes: its framework's output (Vite's dist/, Create React
    App's build/), a static build's flag or config key, else its tsconfig's outDir or dist/."""
    try:
        manifest = project.read_json("package.json")
        scripts = _scripts(manifest)
        deps = _deps(manifest, "dependencies")
        every = deps | _deps(manifest, "devDependencies")
    except InputError:
        return "dist", "default"
    shape = detect_framework(project, deps, every, scripts)
    if shape is not None and shape.output not in ("", "."):
        return shape.output, shape.source
    if "build" in scripts and not project.has("tsconfig.json"):
        return _static_output(project, scripts["build"])
    return _build_output(project)


def _type_check_only(project: ProjectDir, script: str) -> bool:
    """A build that only type-checks writes no output to run (`tsc --noEmit`, or `tsc` with tsconfig's noEmit):
    the image runs the start script's command (tsx, ts-node) on the sources instead of a dist/ that never exists."""
    words = plain_words(script)
    if words[:1] != ["tsc"]:
        return False
    if "--noEmit" in words:
        return True
    if len(words) > 1 or not project.has("tsconfig.json"):
        return False  # `tsc -p other.json` and the like: its own settings decide
    config = read_jsonc(project, "tsconfig.json")
    options = config.get("compilerOptions", {}) if isinstance(config, dict) else {}
    return isinstance(options, dict) and options.get("noEmit") is True


def _native(project: ProjectDir, deps: set[str], locked: Locked) -> tuple[bool, str]:
    if project.has("binding.gyp"):
        return True, "binding.gyp"
    table: dict[str, dict[str, Any]] = node_data().get("native", {})
    if any(table[d].get("compile") for d in deps & set(table)):
        return True, "package.json"
    # A dependency's own dependency compiles too (@prisma/adapter-better-sqlite3 → better-sqlite3).
    found = any(table[d].get("compile") for d in locked.every & set(table))
    return (True, locked.source) if found else (False, "default")


def native_list(deps: set[str], key: str) -> list[str]:
    """One list of the catalogue's native entries over the dependencies that have one, in dependency order, each
    item once: `build`/`run` (Debian packages), `install_env`/`run_env` (NAME=value pairs)."""
    table: dict[str, dict[str, Any]] = node_data().get("native", {})
    found: list[str] = []
    for dep in sorted(deps & set(table)):
        found += [item for item in table[dep].get(key, ()) if item not in found]
    return found


def native_packages(deps: set[str]) -> tuple[list[str], list[str]]:
    """The Debian packages the native dependencies need: (build stages, final image), from the catalogue."""
    return native_list(deps, "build"), native_list(deps, "run")


_CONFIG_GET = re.compile(
    r"\bconfig\.get\(\s*['\"]([\w.]*port)['\"]\s*\)|\bconfig\.((?:\w+\.)*port)\b|\bapp\.get\(\s*['\"](port)['\"]\s*\)",
    re.I,
)
"""node-config's `config.get('port')`, `config.get('server.port')`, `config.server.port`; Feathers' `app.get('port')`
(@feathersjs/configuration loads node-config's files into the app)."""
_CONFIG_FILES = ("config/production.json", "config/default.json")
"""What node-config reads under NODE_ENV=production (the image's), the first that sets the key winning."""


def _config_port(project: ProjectDir, text: str) -> tuple[str, str] | None:
    """The port node-config gives a `config.get('port')` in this source, from config/*.json; None without one."""
    match = _CONFIG_GET.search(text)
    if not match:
        return None
    keys = (match.group(1) or match.group(2) or match.group(3)).split(".")
    for rel in _CONFIG_FILES:
        if not project.has(rel):
            continue
        try:
            value: Any = project.read_json(rel)
        except InputError:
            continue
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int | str) and str(value).isdigit() and 0 < int(value) < 65536:
            return str(value), rel
    return None


def _listen_variable(text: str) -> str:
    """The port a `.listen(port)` call passes in a constant the same file sets (`const port = 5000`), else ''."""
    for call in _LISTEN_NAME.finditer(text):
        value = re.search(
            rf"\b(?:const|let|var)\s+{re.escape(call.group(1))}\s*(?::\s*\w+\s*)?=\s*['\"]?(\d{{2,5}})['\"]?\s*[;\n]",
            text,
        )
        if value and 0 < int(value.group(1)) < 65536:
            return value.group(1)
    return ""


def _port(project: ProjectDir, kind: str, server: str, shape: Shape | None, start: str = "") -> tuple[str, str]:
    ports = node_data().get("ports", {})
    if kind == "spa":
        return str(ports["static"]), "default"
    if shape is not None and shape.port is not None:
        # The framework's server reads PORT; its documented default is what it listens on without one.
        return str(shape.port), f"{shape.name} default"
    flagged = port_flag(start) if shape is None else ""
    if flagged:
        return flagged, "package.json scripts.start"
    for path in project.walk(SOURCE_SUFFIXES, limit=400):
        if path.split("/", 1)[0] in NOT_RUNTIME or path.endswith(".d.ts"):
            continue
        text = project.read_text(path)
        for pattern in (
            _PORT_DEFAULT,
            _LISTEN_OBJ,
            _LISTEN,
            _SERVE_OBJ,
            _LISTEN_KEY,
            _SERVER_CTOR,
            _APP_SET_PORT,
            _ENV_HELPER_PORT,
        ):
            match = pattern.search(text)
            if match and 0 < int(match.group(1)) < 65536:
                return match.group(1), path
        held = _listen_variable(text)
        if held:
            return held, path
        configured = _config_port(project, text)
        if configured:
            return configured
    if shape is not None or server:
        own: dict[str, int] = node_data().get("server_ports", {})
        if server in own:
            return str(own[server]), f"{server} default"
        return str(ports["server"]), "default"
    # A server with no literal port that listens where PORT says: the image's PORT decides, so any port works.
    for path in runtime_sources(project):
        text = project.read_text(path)
        if ".listen(" in text and _PORT_ENV.search(text):
            return str(ports["server"]), f"{path} (reads PORT)"
    return "", "default"
