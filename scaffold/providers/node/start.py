"""The command a Node app's image starts with, read from package.json's scripts (start, the production
scripts, a Procfile's web line, `main`), and the script that builds it first."""

from __future__ import annotations

import itertools
import re
import shlex
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.entry import bin_file, procfile_command
from scaffold.providers.node.env_loader import without_env_loader
from scaffold.providers.node.jsonc import read_jsonc
from scaffold.providers.node.process_manager import managed_script
from scaffold.providers.node.runtime_files import BUN_SUFFIXES, NOT_RUNTIME, inside, not_runtime
from scaffold.providers.node.script_refs import parallel_server


def build_script_of(scripts: dict[str, str]) -> str:
    """The script that builds the app: `build`, else a lifecycle or platform hook that runs a build tool
    (`postinstall: tsc --build`, `heroku-postbuild: webpack`), else ''."""
    if "build" in scripts:
        return "build"
    spec: dict[str, list[str]] = node_data().get("build_hooks", {})
    tools = set(spec.get("tools", ()))
    for hook in spec.get("hooks", ()):
        if _runs_tool(scripts.get(hook, ""), tools):
            return hook
    return _start_prerequisite(scripts, tools)


def _runs_tool(script: str, tools: set[str]) -> bool:
    return bool(tools & {w.rsplit("/", 1)[-1] for w in re.split(r"[\s;&|]+", script)})


def _start_prerequisite(scripts: dict[str, str], tools: set[str]) -> str:
    """The script that start (or prestart) runs first to build the app under another name: fastify-cli's
    TypeScript template starts with `npm run build:ts && fastify start dist/app.js`; '' when there is none."""
    for key in ("prestart", "start"):
        for part in scripts.get(key, "").split("&&"):
            named = RUN_BUILD.match(part.strip())
            if not named or named.group(1) not in scripts:
                break  # only the commands before the app's own count
            if _runs_tool(scripts[named.group(1)], tools):
                return named.group(1)
    return ""


def start_command(
    project: ProjectDir,
    manifest: dict[str, Any],
    scripts: dict[str, str],
    deps: set[str],
    output: str,
    bun_apis: bool = False,
    dev: set[str] | None = None,
) -> tuple[str, str, str]:
    """The command the final image runs, its source, and a note when it is not a plain `node <file>`."""
    # A start script that runs a development tool (`vite --mode ssr`: Qwik's, with its server adapter's `serve`)
    # cannot run in a production image: a production script that is a plain `node <file>` comes first then.
    tool = tool_of(scripts.get("start", ""))
    runners: dict[str, str] = node_data().get("dev_runners", {})
    dev_start = tool not in runners and (tool in _dev_tools(deps) or tool in (dev or set()) - deps)
    keys = ("start:prod", *_PRODUCTION_SCRIPTS, "start") if dev_start else ("start:prod", "start", *_PRODUCTION_SCRIPTS)
    for key in keys:
        script = scripts.get(key)
        if script is None or (
            key in _PRODUCTION_SCRIPTS and (("start" in scripts and not dev_start) or not plain_node(script))
        ):
            continue  # a production server script (`preview: NODE_ENV=production node server`) when no start
        script = after_build(_runner_config(project, manifest, script), scripts)
        script = managed_script(project, script) or script
        script = parallel_server(script, scripts, ("node", *node_data().get("dev_runners", {}))) or script
        unwrapped = without_env_loader(script)
        loads_env, script = unwrapped != script, unwrapped
        compiled = (
            _compiled_source(project, script, output) if _builds_with_tsc(scripts) else _babel_output(script, scripts)
        )
        command = compiled or (
            plain_node(script) or _plain_bun(script) or _dependency_bin(script, deps) or _dev_runner(script)
        )
        if not command and not output:
            # A runner from devDependencies (tsx, ts-node) with no build: the image keeps it (and ships every
            # dependency, see dev_only_tool); its projects rarely compile with tsc (noEmit, extensionless imports).
            command = _dependency_bin(script, dev or set())
        if command:
            cleaned = _package_main(_without_env_file(command), manifest)
            note = (
                f"scripts.{key} loads a .env file, which stays out of the image: the image runs {cleaned!r}; "
                "set the variables with docker run -e or compose"
            )
            return cleaned, f"package.json scripts.{key}", note if cleaned != command or loads_env else ""
    main = manifest.get("main")
    if main is not None and not isinstance(main, str):
        raise InputError("package.json", "main: expected a file path")
    if "start" in scripts and not (output and tool_of(scripts["start"]) in _dev_tools(deps)):
        return (
            "npm start",
            "package.json scripts.start",
            (
                f"scripts.start ({scripts['start']!r}) is not a plain `node <file>`: the image runs `npm start`, "
                "which needs npm in the final image (not distroless); a `node <file>` start script is leaner"
            ),
        )
    if bun_apis:
        for candidate in (main, "index.ts", "src/index.ts", "server.ts", "src/server.ts", "index.js"):
            if candidate and project.has(candidate):
                return f"bun {candidate.removeprefix('./')}", candidate, ""
    # A Procfile names the process a platform runs (Heroku, Dokku, Render): the same command, once it is one an
    # image can run without npm; a command-line package's `bin` is the program, where `main` is its library.
    procfile = procfile_command(project)
    command = procfile and (plain_node(procfile) or _dependency_bin(procfile, deps) or _dev_runner(procfile))
    if command:
        return command, "Procfile", ""
    program = bin_file(project, manifest, output)
    if program:
        return f"node {program}", "package.json bin", ""
    candidates = [main] if main else []
    candidates += [f"{output}/index.js", f"{output}/main.js"] if output else []
    candidates += ["server.js", "index.js", "app.js", "main.js", "src/index.js", "src/server.js"]
    for candidate in candidates:
        if candidate and (project.has(candidate) or (output and candidate.startswith(f"{output}/"))):
            return f"node {candidate.removeprefix('./')}", "package.json main" if candidate == main else candidate, ""
    return "node index.js", "default", "no start script, main or index.js/server.js found: the image runs index.js"


_PRODUCTION_SCRIPTS = ("serve", "prod", "production", "preview")
"""Scripts that start the production server when a project has no start script (Vite's SSR templates run
`cross-env NODE_ENV=production node server` as `preview`): only a plain `node <file>` counts."""


_TS_RUNNERS = ("ts-node", "tsx", "ts-node-dev", "tsnd", "node", "nodemon", "node-dev")


TS_SOURCE = (".ts", ".mts", ".cts", ".tsx")


def _runner_config(project: ProjectDir, manifest: dict[str, Any], script: str) -> str:
    """What a restart-on-change wrapper runs, without the wrapper: `nodemon --watch src src/app.js` runs
    `node src/app.js`; with no file it runs nodemon.json's (or package.json nodemonConfig's) `exec` command, else
    package.json `main`; `--exec` on the command line wins over the config, as in nodemon."""
    words = plain_words(script)
    runners: dict[str, str] = node_data().get("dev_runners", {})
    if not words or words[0] not in runners:
        return script
    files: list[str] = []
    command = ""
    rest = iter(words[1:])
    for word in rest:
        flag, equals, value = word.partition("=")
        if flag in _RUNNER_VALUE_FLAGS:
            value = value if equals else next(rest, "")
            command = value if flag in ("-x", "--exec") else command
        elif word == "--":
            files += list(rest)
        elif not word.startswith("-"):
            files.append(word)
    config: Any = manifest.get("nodemonConfig")
    if project.has("nodemon.json"):
        try:
            config = read_jsonc(project, "nodemon.json")
        except InputError:
            config = None
    configured = config.get("exec") if isinstance(config, dict) else None
    command = command or (configured.strip() if isinstance(configured, str) else "")
    main = manifest.get("main")
    target = " ".join(files) or (main.strip() if isinstance(main, str) else "")
    if command:
        # `exec: "ts-node ./src/app.ts"` names the file; `exec: "ts-node"` runs it on the file or main, as nodemon does
        named = any(not w.startswith("-") for w in command.split()[1:])
        return command if named or not target else f"{command} {target}"
    return f"{runners[words[0]]} {target}" if target else script


_RUNNER_VALUE_FLAGS = frozenset(
    ("-w", "--watch", "-e", "--ext", "-i", "--ignore", "-x", "--exec", "-d", "--delay", "--signal", "--config", "-s")
)
"""nodemon's (and node-dev's) flags that take a value: the word after one is not the file to run."""


def _compiled_source(project: ProjectDir, script: str, output: str) -> str:
    """`ts-node src/app.ts`, `nodemon src/index.ts`, `tsx watch src/server.ts` when a build compiles the sources:
    the image runs what the build wrote for that file (`node dist/app.js`, tsconfig rootDir/outDir), with node."""
    words = plain_words(script)
    if not output or not words or words[0] not in _TS_RUNNERS:
        return ""
    source = next((w for w in words[1:] if w.endswith(TS_SOURCE) and not w.endswith(".d.ts")), "")
    if not source or not project.has(source):
        return ""
    path = source.removeprefix("./")
    root = _ts_root_dir(project, path)
    if root and path.startswith(f"{root}/"):
        path = path[len(root) + 1 :]
    stem, suffix = path.rsplit(".", 1)
    js = {"mts": "mjs", "cts": "cjs"}.get(suffix, "js")
    return f"node {output}/{stem}.{js}"


def _babel_output(script: str, scripts: dict[str, str]) -> str:
    """`babel-node src/index.js` when the build is `babel src -d dist`: the image runs what Babel wrote for that file
    (`node dist/index.js`) instead of compiling at every start with @babel/node, a devDependency."""
    words = plain_words(script)
    build = build_script_of(scripts)
    if words[:1] != ["babel-node"] or not build:
        return ""
    source = next((w.removeprefix("./") for w in words[1:] if not w.startswith("-")), "")
    for command in re.split(r"&&|;|\|\|", scripts[build]):
        parts = command.split()
        if "babel" not in parts:
            continue
        rest = parts[parts.index("babel") + 1 :]
        out = next((b for a, b in itertools.pairwise(rest) if a in ("-d", "--out-dir")), "")
        src = next((w.removeprefix("./").rstrip("/") for w in rest if not w.startswith("-") and w != out), "")
        if src and out and source.startswith(f"{src}/"):
            return f"node {out.removeprefix('./').rstrip('/')}/{source[len(src) + 1 :]}"
    return ""


def runs_ts_source(scripts: dict[str, str]) -> bool:
    """The start script runs a TypeScript source with a runner (`tsx src/index.ts`), not the build's output."""
    words = plain_words(after_build(scripts.get("start", ""), scripts))
    return bool(words) and words[0] in _TS_RUNNERS and any(w.endswith(TS_SOURCE) for w in words[1:])


def _builds_with_tsc(scripts: dict[str, str]) -> bool:
    """The build compiles with tsc (`tsc`, `tsc -p .`, `rimraf dist && tsc`), whose output mirrors the sources: a
    bundler's (vite, tsup, esbuild) is named by its own config, and may not hold the server at all."""
    build = build_script_of(scripts)
    return bool(build) and "tsc" in re.split(r"[\s&|;]+", scripts[build])


def _ts_root_dir(project: ProjectDir, source: str) -> str:
    """tsc's rootDir: the option, else the deepest folder holding every compiled source (`src` for most apps)."""
    config = read_jsonc(project, "tsconfig.json") if project.has("tsconfig.json") else {}
    options = config.get("compilerOptions", {}) if isinstance(config, dict) else {}
    root = options.get("rootDir") if isinstance(options, dict) else None
    if isinstance(root, str):
        return root.strip().removeprefix("./").rstrip("/").strip(".")
    top = source.split("/", 1)[0] if "/" in source else ""
    sources = [p for p in project.walk(TS_SOURCE, limit=2000) if not p.endswith(".d.ts")]
    sources = [p for p in sources if p.split("/", 1)[0] not in NOT_RUNTIME and not not_runtime(p)]
    return top if top and all(p.startswith(f"{top}/") for p in sources) else ""


def port_flag(script: str) -> str:
    """The port a start script passes its server on the command line (`json-server db.json --port 3004`,
    `serve -p 8080`, `--port=4000`): the port the server listens on, whatever its code's default."""
    words = plain_words(script)
    for i, word in enumerate(words[1:], start=1):
        flag, equals, value = word.partition("=")
        if flag in ("--port", "-p", "--http-port") and (equals or i + 1 < len(words)):
            value = value if equals else words[i + 1]
            if value.isdigit() and 0 < int(value) < 65536:
                return value
    return ""


RUN_BUILD = re.compile(r"^(?:npm run|yarn run|yarn|pnpm run|pnpm|bun run) ([\w:.-]+)$")


def after_build(script: str, scripts: dict[str, str]) -> str:
    """`npm run build && node dist/app.js` → `node dist/app.js`: the build stage already ran the project's
    build, and the final image has no build tools to run it again at every start. Cleaning steps before the build
    (`rimraf dist && tsc && node dist/index.js`) go with it, and a last step that runs another script by name
    (`npm run build && npm run serve`) is that script's command."""
    parts = [p.strip() for p in script.split("&&")]
    build = build_script_of(scripts)
    if len(parts) < 2 or not build:
        return script
    tools = set(node_data().get("build_hooks", {}).get("tools", ()))
    built = 0  # how many leading steps build (or clean before a build)
    for index, part in enumerate(parts[:-1]):
        named = RUN_BUILD.match(part)
        words = part.split()
        if (named and named.group(1) in (build, "build")) or (words and words[0] in tools):
            built = index + 1
        elif not (words and words[0] in _CLEANERS):
            break
    if not built:
        return script
    rest = parts[built:]
    named = RUN_BUILD.match(rest[-1]) if len(rest) == 1 else None
    target = scripts.get(named.group(1), "") if named and named.group(1) not in ("start", build) else ""
    if target and "&&" not in target and not RUN_BUILD.match(target.strip()):
        return target.strip()
    return " && ".join(rest)


_CLEANERS = ("rimraf", "del", "del-cli", "rm", "shx", "trash")
"""Commands a start script may clean the build output with before building again (`rimraf dist && tsc`)."""


def _without_env_file(command: str) -> str:
    """The command without node's `--env-file` flags: the .env file stays out of the image (a secret), and node
    exits when the file is missing; the container's environment (docker run -e, compose) sets the variables."""
    words = command.split()
    if words[:1] != ["node"]:
        return command
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word == "--env-file":
            skip = True
        elif not word.startswith("--env-file="):
            kept.append(word)
    return " ".join(kept)


def _package_main(command: str, manifest: dict[str, Any]) -> str:
    """`node .` (LoopBack's `node -r source-map-support/register .`) runs package.json `main`: name that file, so
    the image ships it (and its folder), not the whole project."""
    words = command.split()
    main = manifest.get("main")
    if words[:1] != ["node"] or not isinstance(main, str) or not inside(main) or " " in main:
        return command
    at = next((i for i, w in enumerate(words[1:], start=1) if w in (".", "./")), 0)
    if not at:
        return command
    return " ".join([*words[:at], inside(main), *words[at + 1 :]])


def _plain_bun(script: str) -> str:
    """`bun <file> ...` or `bun run <file> ...` (a file, not a script name), else ''."""
    words = plain_words(script)
    args = words[2:] if words[1:2] == ["run"] else words[1:]
    if words[:1] != ["bun"] or not args or not args[0].endswith(BUN_SUFFIXES):
        return ""
    return " ".join(["bun", *args])


def _dev_runner(script: str) -> str:
    """`nodemon server.js` → `node server.js`: a restart-on-change wrapper is not needed in an image."""
    words = plain_words(script)
    runners: dict[str, str] = node_data().get("dev_runners", {})
    if len(words) < 2 or words[0] not in runners or words[1].startswith("-"):
        return ""
    return " ".join([runners[words[0]], *words[1:]])


def tool_of(script: str) -> str:
    words = plain_words(script)
    return words[0] if words else ""


def _dev_tools(deps: set[str]) -> set[str]:
    bins: dict[str, str] = node_data().get("bins", {})
    return {tool for tool, package in bins.items() if package not in deps}


def dev_only_tool(start: str, deps: set[str], dev: set[str]) -> str:
    """The devDependency the start command needs at run time: a tool's bin it runs (`node node_modules/.bin/tsx
    src/index.ts`) or a loader node preloads (`node --import tsx`, `node -r ts-node/register`); '' when none."""
    words = start.split()
    if words[:1] != ["node"]:
        return ""
    bins: dict[str, str] = node_data().get("bins", {})
    if len(words) > 1 and words[1].startswith("node_modules/.bin/"):
        package = bins.get(words[1].removeprefix("node_modules/.bin/"), "")
        return package if package in dev else ""
    for flag, value in itertools.pairwise(words[1:]):
        if flag in ("--import", "--require", "-r", "--loader", "--experimental-loader"):
            package = _package_of(value)
            if package in dev and package not in deps:
                return package
    return ""


def type_checking_runner(project: ProjectDir, start: str, dev: set[str]) -> str:
    """The runner the start command runs that type-checks (ts-node by default, catalogue type_checking_runners) when
    the types it checks against are devDependencies (typescript, @types/*), which a production install leaves out
    (TSError at start); '' when it transpiles only (a flag, or tsconfig's "ts-node": {"transpileOnly": true})."""
    words = start.split()
    if words[:1] != ["node"] or not ("typescript" in dev or any(d.startswith("@types/") for d in dev)):
        return ""
    runner = checking_runner(words)
    if not runner:
        return ""
    config = read_jsonc(project, "tsconfig.json") if project.has("tsconfig.json") else {}
    options = config.get(runner) if isinstance(config, dict) else None
    if isinstance(options, dict) and (options.get("transpileOnly") is True or options.get("swc") is True):
        return ""
    return runner


def checking_runner(words: list[str]) -> str:
    """The catalogued type-checking runner these command words run, unless a word turns checking off; ''."""
    table: dict[str, dict[str, list[str]]] = node_data().get("type_checking_runners", {})
    for runner, spec in table.items():
        runs = any(w.removeprefix("node_modules/.bin/") in spec.get("runs", ()) for w in words)
        if runs and not any(w in spec.get("transpile_only", ()) for w in words):
            return runner
    return ""


def _package_of(specifier: str) -> str:
    """`ts-node/register` → ts-node, `@swc-node/register` → @swc-node/register; '' for a relative path."""
    if specifier.startswith((".", "/")):
        return ""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def _dependency_bin(script: str, deps: set[str]) -> str:
    """`node node_modules/.bin/<tool> args` when the script runs a known tool of a production dependency."""
    words = plain_words(script)
    bins: dict[str, str] = node_data().get("bins", {})
    if not words or bins.get(words[0], "") not in deps:
        return ""
    return " ".join(["node", f"node_modules/.bin/{words[0]}", *words[1:]])


def plain_words(script: str) -> list[str]:
    """The script's words after VAR=value prefixes; [] when it uses shell syntax or words with spaces.
    `${PORT:-4000}` is its default, the port the image sets PORT to; any other `$` needs a shell (npm start)."""
    script = _SHELL_PORT.sub(r"\1", script)
    if any(op in script for op in ("&&", "||", ";", "|", "$", "`", ">")):
        return []
    try:
        words = shlex.split(script)
    except ValueError:
        return []
    options: list[str] = []
    while words and (words[0] == "cross-env" or ("=" in words[0] and not words[0].startswith("-"))):
        word = words.pop(0)  # VAR=value prefixes (and cross-env's): the image's ENV sets what it needs
        if word.startswith("NODE_OPTIONS="):  # but node's options are the command's own: kept as its flags
            options += word.removeprefix("NODE_OPTIONS=").split()
    if options and words[:1] == ["node"] and all(o.startswith("-") or _OPTION_VALUE.fullmatch(o) for o in options):
        words[1:1] = options
    return [] if any(" " in w for w in words) else words


def script_env(script: str) -> tuple[list[str], str]:
    """What a script's `VAR=value` prefixes (and cross-env's) set for the command it runs, which the image runs
    without npm: the variables (plain values; not NODE_ENV, PORT or HOST, which the image sets itself, nor a
    credential), and node's options from NODE_OPTIONS when the command is not node itself (`NODE_OPTIONS=--max-
    old-space-size=4096 next start`: before node they are its flags, plain_words). What is not plain text is left
    out."""
    try:
        words = shlex.split(script.rsplit("&&", maxsplit=1)[-1])
    except ValueError:
        return [], ""
    pairs: list[str] = []
    options: list[str] = []
    while words and (words[0] == "cross-env" or ("=" in words[0] and not words[0].startswith("-"))):
        word = words.pop(0)
        if word.startswith("NODE_OPTIONS="):
            options += word.removeprefix("NODE_OPTIONS=").split()
        elif _ENV_PAIR.fullmatch(word) and not _IMAGE_SETS.fullmatch(word.split("=", 1)[0]):
            pairs.append(word)
    if words[:1] == ["node"] or not all(_NODE_FLAG.fullmatch(o) for o in options):
        options = []
    return pairs, " ".join(options)


_ENV_PAIR = re.compile(r"[A-Z][A-Z0-9_]*=[A-Za-z0-9._/:-]*")
# What the image sets itself, and what looks like a credential (JWT_SECRET=…): never baked into an image layer.
_IMAGE_SETS = re.compile(r"NODE_ENV|PORT|HOST|HOSTNAME|.*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASS|KEY|CREDENTIALS?|AUTH).*")
_NODE_FLAG = re.compile(r"--?[a-z][a-z0-9-]*(?:=[A-Za-z0-9._/:@+-]+)?")
_OPTION_VALUE = re.compile(r"[A-Za-z0-9@][A-Za-z0-9@._/:=+-]*")  # `-r dotenv/config`: a flag's separate value


_SHELL_PORT = re.compile(r"\$\{PORT:?-([0-9]{1,5})\}")


def plain_node(script: str) -> str:
    """`node <args>` when the script is just that (after VAR=value prefixes), else ''."""
    words = plain_words(script)
    return " ".join(words) if len(words) >= 2 and words[0] == "node" else ""


def dev_bin_in_script(script: str, deps: set[str], dev: set[str], lock_bins: dict[str, str]) -> str:
    """The devDependency whose bin a step of a compound start script runs (`prisma migrate deploy && node
    dist/index.js`, `sequelize db:migrate && node app.js`), which a production install leaves out; '' when none.
    A bin's package: the lockfile's `bin` fields, the catalogue's `bins`, else the package of the bin's name."""
    bins: dict[str, str] = {**node_data().get("bins", {}), **lock_bins}
    for step in re.split(r"&&|\|\||;", script):
        words = plain_words(step.strip())
        if words[:1] == ["npx"]:
            words = [w for w in words[1:] if not w.startswith("-")]
        if not words:
            continue
        package = bins.get(words[0], words[0])
        if package in dev and package not in deps:
            return package
    return ""
