"""Which web framework builds the app, where its build writes, and how its server starts.

Every answer comes from the framework's own config (next.config.*, vite.config.*, astro.config.*,
svelte.config.*, react-router.config.*, angular.json, ...), read as text with conservative patterns and
never executed. A value that cannot be read statically falls back to the framework's default with a note.
The facts themselves (config names, default outputs, start commands, host variables, ports) are data in
scaffold/catalogue/node.toml. A framework mode that cannot run in a container is refused here, at init
time, in one line (InputError), instead of failing in the middle of a build.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.version import lowest_major


@dataclass(frozen=True)
class Shape:
    """What a framework app builds to and runs as. kind: `spa` (static files served by nginx), `next`
    (Next.js standalone or `next start`) or `node` (a node server: start command + runtime files)."""

    name: str
    kind: str
    source: str
    output: str = ""
    start: str = ""
    runtime_files: tuple[str, ...] = ()
    prod_deps: bool = True
    host_env: tuple[str, ...] = ()
    port: int | None = None
    standalone: bool = False
    notes: tuple[str, ...] = field(default=())
    build_adds: tuple[str, ...] = ()
    """Packages the build stage adds before building (the adapter adapter-auto would pick), never shipped."""
    build_env: tuple[str, ...] = ()
    """NAME=value pairs the build reads (what makes adapter-auto pick the Node adapter)."""
    build_script: str = ""
    """The package.json script that builds the site when it is not `build` (Storybook's `build-storybook`)."""
    build_command: str = ""
    """The command that builds the app when no package.json script does (Nx's `nx run <project>:build`)."""
    trace: str = ""
    """The server entry whose imports the build stage traces, so the final image ships only those files."""
    test_target: bool | None = None
    """Whether the app has a test target its task runner's `test` script runs (None: no task runner decides)."""


def frameworks() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = node_data().get("frameworks", {})
    return table


def detect_framework(project: ProjectDir, deps: set[str], every: set[str], scripts: dict[str, str]) -> Shape | None:
    """The framework shape, or None for a plain Node app (Express, a CLI, ...)."""
    table = frameworks()
    for key, spec in table.items():
        packages = {spec["package"], *spec.get("also", ())}
        if not packages & every:
            continue
        # Vite, CRA and the site generators only build static sites; a server dependency makes the app a server
        # that uses them, and without a script that builds they are a tool the app happens to have.
        static_only = key not in _DETECTORS
        if static_only and _server_dep(deps):
            return None
        if static_only and not _builds(scripts, key, spec):
            continue
        return _DETECTORS.get(key, _static)(project, key, spec, deps, scripts)
    return None


def _server_dep(deps: set[str]) -> bool:
    servers: dict[str, str] = node_data().get("servers", {})
    return bool(deps & set(servers))


def _config(project: ProjectDir, spec: dict[str, Any]) -> tuple[str, str]:
    """The first config file that exists and its text, else ('', '')."""
    for name in spec.get("configs", ()):
        if project.has(name):
            return name, _strip_comments(project.read_text(name))
    return "", ""


_COMMENTS = re.compile(r"/\*.*?\*/|(?<![:'\"\w])//[^\n]*", re.S)


def _strip_comments(text: str) -> str:
    # A commented-out `// output: 'export'` must not count; `https://` (preceded by a colon) is no comment.
    return _COMMENTS.sub("", text)


def _string_key(text: str, key: str) -> str | None:
    """The literal string value of `key: '...'` (or "..."/`...`), else None."""
    match = re.search(rf"\b{re.escape(key)}\s*:\s*(['\"`])([^'\"`$]*)\1", text)
    return match.group(2) if match else None


def _mentions_key(text: str, key: str) -> bool:
    return re.search(rf"\b{re.escape(key)}\s*:", text) is not None


def _host(spec: dict[str, Any]) -> tuple[str, ...]:
    return tuple(spec.get("host_env", ()))


def _port(spec: dict[str, Any]) -> int | None:
    value = spec.get("port")
    return int(value) if value is not None else None


def _builds(scripts: dict[str, str], key: str, spec: dict[str, Any]) -> bool:
    """A `build` script, or (a site generator's docs) a `docs:build` script that runs the generator."""
    return "build" in scripts or (key != "vite" and bool(_build_command(scripts, spec)))


def _build_command(scripts: dict[str, str], spec: dict[str, Any]) -> str:
    """The script that runs the generator's build: `build`, else `docs:build` (what `vitepress init` writes)."""
    return next((scripts[k] for k in ("build", "docs:build") if k in scripts), "")


def _static(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """Vite, Create React App, Gatsby and the static site generators: the build writes a static site."""
    name, text = _config(project, spec)
    output = spec["static_output"]
    notes: list[str] = []
    if key == "vite" and text:
        output, note = _vite_out_dir(text, name, output)
        notes += [note] if note else []
    if "{root}" in output:
        root = _root_after(_build_command(scripts, spec), str(spec.get("root_after", "")))
        output = _clean(output.replace("{root}", root))
    if text and "output_key" in spec:
        output = _clean(_string_key(text, spec["output_key"]) or output)
    output = _output_flag(_build_command(scripts, spec)) or output
    return Shape(spec["name"], "spa", name or "package.json", output=output, notes=tuple(notes))


def _root_after(command: str, words: str) -> str:
    """The first argument after `words` in the command (`vitepress build docs` → docs), else '.'."""
    match = re.search(rf"(?:^|[\s/]){re.escape(words)}((?:\s+-[\w-]+(?:=\S+)?)*)\s+([\w./-]+)", command)
    return match.group(2) if match else "."


_OUTPUT_FLAG = re.compile(r"\s(?:--out-dir|--outDir|--output|--dest)(?:=|\s+)([\w./-]+)")


def _output_flag(command: str) -> str:
    """The output directory a build command names with a flag (`docusaurus build --out-dir site`), else ''."""
    match = _OUTPUT_FLAG.search(command)
    return _clean(match.group(1)) if match else ""


def _vite_out_dir(text: str, config: str, default: str) -> tuple[str, str]:
    """build.outDir (relative to `root`) as Vite resolves it; the default with a note when it is not a literal."""
    root = _string_key(text, "root") or "."
    out = _string_key(text, "outDir")
    if out is None and _mentions_key(text, "outDir"):
        return _clean(posixpath.join(root, default)), (
            f"{config}: build.outDir is not a string literal; assuming Vite's default {default!r}"
        )
    return _clean(posixpath.join(root, out or default)), ""


def _clean(path: str) -> str:
    cleaned = posixpath.normpath(path.strip()).removeprefix("./")
    if cleaned.startswith("..") or cleaned.startswith("/"):
        raise InputError("build output", f"{path!r} is outside the project; scaffold builds inside it")
    return cleaned


_NEXT_EXPORT = re.compile(r"\bnext\s+export\b(?:\s+(?:-o|--outdir)[=\s]+(?P<dir>[\w./-]+))?")


def _next(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """output: 'standalone' → server.js; 'export' → out/ static; otherwise `next start` with node_modules."""
    config, text = _config(project, spec)
    output = _string_key(text, "output")
    dist = _string_key(text, "distDir") or ".next"
    public = ("public",) if project.is_dir("public") else ()
    host, port = _host(spec), _port(spec)
    if output is None and _mentions_key(text, "output"):
        note = f"{config}: output is not a string literal; assuming Next's default server (`next start`)"
    else:
        note = ""
    if output == "export":
        return Shape(spec["name"], "spa", config, output=spec["static_output"])
    exported = _NEXT_EXPORT.search(scripts.get("build", ""))
    if exported:
        # Next 13 and older: `next build && next export` writes the static site to out/ (or -o DIR)
        return Shape(spec["name"], "spa", "package.json", output=_clean(exported.group("dir") or spec["static_output"]))
    server = _custom_server(project, scripts.get("start", ""))
    if server:
        # Next's own servers (standalone server.js, `next start`) would drop what the custom server adds
        return Shape(
            spec["name"],
            "next",
            server,
            output=dist,
            start=f"node {server}",
            runtime_files=("package.json", dist, server, *((config,) if config else ()), *public),
            host_env=host,
            port=port,
            notes=(
                f"a custom Next.js server ({server} requires next, scripts.start runs it): the image runs it with "
                "the production dependencies and the build's output, not Next's standalone server",
            ),
        )
    # Without `output` in the config, the build turns standalone on through the environment variable Next reads
    # as that setting's default (config-shared.js), where the version the project asks for has it.
    forced = output is None and not note and _lowest_major(project, spec["package"]) >= spec["standalone_env_since"]
    if output == "standalone" or forced:
        return Shape(
            spec["name"],
            "next",
            config or "package.json",
            output=dist,
            start="node server.js",
            runtime_files=public,
            prod_deps=False,
            host_env=host,
            port=port,
            standalone=True,
            build_env=tuple(spec["standalone_env"]) if forced else (),
            notes=(
                f"Next.js without output: 'standalone' in {config or 'a next.config'}: the build sets "
                f"{' '.join(spec['standalone_env'])}, so the image runs the standalone server.js with only the "
                "files Next traced (no `next start` with every production dependency)",
            )
            if forced
            else (),
        )
    configs = (config,) if config else ()
    notes = [note] if note else []
    notes.append(
        "Next.js without output: 'standalone': the image ships all production dependencies and runs "
        "`next start`; set output: 'standalone' in next.config for a much smaller image"
    )
    return Shape(
        spec["name"],
        "next",
        config or "package.json",
        output=dist,
        start="node node_modules/next/dist/bin/next start",
        runtime_files=("package.json", dist, *configs, *public),
        host_env=host,
        port=port,
        notes=tuple(notes),
    )


_REQUIRES_NEXT = re.compile(r"""(?:require\(\s*|from\s+|import\(\s*)['"]next['"]""")


def _custom_server(project: ProjectDir, start: str) -> str:
    """The file of a custom Next.js server the start script runs with node (`NODE_ENV=production node server.js`,
    Next's "Custom Server" docs): a JavaScript file that loads `next` itself; '' otherwise."""
    words = start.split()
    while words and (words[0] == "cross-env" or ("=" in words[0] and not words[0].startswith("-"))):
        words.pop(0)
    if words[:1] != ["node"] or any(c in start for c in "&|;$`>"):
        return ""
    entry = next((w.removeprefix("./") for w in words[1:] if not w.startswith("-")), "")
    for name in (entry, f"{entry}.js", f"{entry}.mjs", f"{entry}.cjs"):
        if entry and name.endswith((".js", ".mjs", ".cjs")) and project.has(name):
            return name if _REQUIRES_NEXT.search(project.read_text(name)) else ""
    return ""


def _lowest_major(project: ProjectDir, package: str) -> int:
    """The lowest major the project's range for `package` allows (0 when it names none, or no range)."""
    manifest = project.read_json("package.json") if project.has("package.json") else {}
    for key in ("dependencies", "devDependencies"):
        deps = manifest.get(key) if isinstance(manifest, dict) else None
        if isinstance(deps, dict) and isinstance(deps.get(package), str):
            return lowest_major(deps[package]) or 0
    return 0


def _nitro(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """Nuxt, TanStack Start and SolidStart build with Nitro: .output/ is a self-contained server (no node_modules)."""
    config, text = _config(project, spec)
    build = scripts.get("build", "")
    old = spec.get("v2")
    if isinstance(old, dict) and 0 < _lowest_major(project, spec["package"]) < int(old["below"]):
        return _nuxt2(project, spec, old, config, text, build)
    if "static_output" in spec and ("generate" in build or re.search(r"\bssr\s*:\s*false\b", text)):
        return Shape(spec["name"], "spa", config or "package.json", output=spec["static_output"])
    output = spec["server_output"]
    return Shape(
        spec["name"],
        "node",
        config or "package.json",
        output=output,
        start=spec["server_start"],
        runtime_files=(output,),
        prod_deps=False,
        host_env=_host(spec),
        port=_port(spec),
    )


def _nuxt2(project: ProjectDir, spec: dict[str, Any], old: dict[str, Any], config: str, text: str, build: str) -> Shape:
    """Nuxt 2: `nuxt generate` (or `mode: 'spa'`/`ssr: false` with it) writes a static dist/; `nuxt build` writes
    .nuxt/, which `nuxt start` serves with the production dependencies."""
    source = config or "package.json"
    if "generate" in build:
        return Shape(spec["name"], "spa", source, output=old["static_output"])
    files = [f for f in old.get("files", ()) if project.is_dir(f)]
    return Shape(
        spec["name"],
        "node",
        source,
        output=old["output"],
        start=old["start"],
        runtime_files=("package.json", old["output"], *((config,) if config else ()), *files),
        host_env=tuple(old.get("host_env", ())),
        port=_port(spec),
    )


def _astro(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """Static dist/ unless an adapter renders on demand; only @astrojs/node in standalone mode runs here."""
    config, text = _config(project, spec)
    adapter = re.search(r"\badapter\s*:\s*([\w$]+)\s*\(", text)
    output = _string_key(text, "output") or "static"
    if adapter is None and output == "static":
        return Shape(spec["name"], "spa", config or "package.json", output=spec["static_output"])
    where = config or "package.json"
    if spec["adapter"] not in deps:
        raise InputError(
            where,
            f"Astro renders on demand (output {output!r} or an adapter) but {spec['adapter']} is not a dependency: "
            "only the Node adapter runs in a container; add it with `npx astro add node`",
        )
    if _string_key(text, "mode") == "middleware":
        raise InputError(
            where,
            "@astrojs/node mode 'middleware' builds a handler for your own server, which scaffold cannot "
            "start: use mode: 'standalone'",
        )
    out = spec["server_output"]
    return Shape(
        spec["name"],
        "node",
        where,
        output=out,
        start=spec["server_start"],
        runtime_files=("package.json", out),
        host_env=_host(spec),
        port=_port(spec),
        trace=spec.get("trace", ""),
    )


def _sveltekit(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """adapter-node (or adapter-auto, built as adapter-node) → `node build` with production dependencies;
    adapter-static → build/; others refused."""
    # SvelteKit reads its adapter from svelte.config.* (kit 2 and earlier) or vite.config.* (kit 2.60+, sv 0.17).
    config, text, adapter = "", "", ""
    for name in spec.get("configs", ()):
        if project.has(name):
            body = _strip_comments(project.read_text(name))
            match = re.search(r"['\"](@sveltejs/adapter-[\w-]+|svelte-adapter-[\w-]+)['\"]", body)
            if match:
                config, text, adapter = name, body, match.group(1)
                break
    where = config or "package.json"
    if adapter == "@sveltejs/adapter-static":
        pages = _string_key(text, "pages") or spec["static_output"]
        return Shape(spec["name"], "spa", where, output=_clean(pages))
    auto = adapter == "@sveltejs/adapter-auto"
    if auto or adapter == "@sveltejs/adapter-node":
        # adapter-auto picks adapter-node where the environment says Google Cloud Run: the build stage adds it
        # and sets that variable, so the app builds as adapter-node would, without a change to its files.
        out = spec["server_output"] if auto else _clean(_string_key(text, "out") or spec["server_output"])
        return Shape(
            spec["name"],
            "node",
            where,
            output=out,
            start=f"node {out}",
            runtime_files=("package.json", out),
            host_env=_host(spec),
            port=_port(spec),
            build_adds=(spec["auto_adapter"],) if auto else (),
            build_env=tuple(spec["auto_adapter_env"]) if auto else (),
            notes=(f"{where}: adapter-auto: the image builds with {spec['auto_adapter']} (a Node server)",)
            if auto
            else (),
        )
    raise InputError(
        where,
        f"SvelteKit with {adapter or 'no adapter'} builds for a hosting platform, not a container: "
        "use @sveltejs/adapter-node (a server) or @sveltejs/adapter-static (a static site)",
    )


def _react_router(
    project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]
) -> Shape:
    """React Router (7, 8, ...) / Remix (Vite): `ssr: false` → <buildDirectory>/client static; else the serve
    package's server on the bundle the config names (buildDirectory/server/serverBuildFile), or the one the
    project's own start script serves from that directory. Read from the config and scripts, never from one
    major's file names."""
    config, text = _config(project, spec)
    where = config or "package.json"
    build_dir = _clean(_string_key(text, "buildDirectory") or spec["server_output"])
    if re.search(r"\bssr\s*:\s*false\b", text):
        return Shape(spec["name"], "spa", where, output=posixpath.join(build_dir, "client"))
    serve = spec["server_start"].split()[1].rsplit("/", 1)[-1]
    bins: dict[str, str] = node_data().get("bins", {})
    start = scripts.get("start", "")
    if bins.get(serve, "") not in deps:
        raise InputError(
            "package.json",
            f"{spec['name']} server without {bins.get(serve, serve)} in dependencies (scripts.start {start!r}): "
            "scaffold runs the framework's own server; add it or make start a plain `node <file>`",
        )
    if where == "remix.config.js":
        # Remix's classic compiler: the server bundle is build/index.js and the browser assets public/build.
        return Shape(
            spec["name"],
            "node",
            where,
            output="build",
            start=f"node node_modules/.bin/{serve} ./build/index.js",
            runtime_files=("package.json", "build", "public"),
            host_env=_host(spec),
            port=_port(spec),
        )
    entry, note = _server_entry(text, where, build_dir, spec, serve, start)
    return Shape(
        spec["name"],
        "node",
        where,
        output=build_dir,
        start=f"node node_modules/.bin/{serve} ./{entry}",
        runtime_files=("package.json", build_dir),
        host_env=_host(spec),
        port=_port(spec),
        notes=(note,) if note else (),
    )


def _server_entry(
    text: str, where: str, build_dir: str, spec: dict[str, Any], serve: str, start: str
) -> tuple[str, str]:
    """The server bundle the serve command loads: the start script's own argument when it runs `serve` on a file
    inside the build directory, else <buildDirectory>/server/<serverBuildFile> from the config (the defaults are
    catalogue data). A start script naming a file outside the build output is stale: the config wins, with a note."""
    file = _string_key(text, "serverBuildFile") or spec["server_build_file"]
    configured = _clean(posixpath.join(build_dir, "server", file))
    words = start.split()
    at = next((i for i, w in enumerate(words[:2]) if posixpath.basename(w) == serve), None)
    args = [w for w in words[at + 1 :] if not w.startswith("-")] if at is not None else []
    if args and not args[0].startswith("$"):
        named = _clean(args[0])
        if named.startswith(build_dir + "/"):
            return named, ""
        return configured, (
            f"scripts.start serves {args[0]!r}, outside the build directory {build_dir!r} that {where} names; "
            f"the image serves {configured}"
        )
    return configured, ""


def _angular(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """angular.json: the application's outputPath; `browser/` for the application builder; SSR server.mjs."""
    if not project.has("angular.json"):
        raise InputError("package.json", "@angular/core without angular.json: scaffold reads the build from it")
    data = project.read_json("angular.json")
    projects = data.get("projects", {}) if isinstance(data, dict) else {}
    apps = {
        n: p
        for n, p in projects.items()
        if isinstance(p, dict) and p.get("projectType", "application") == "application"
    }
    if not apps:
        raise InputError("angular.json", "no application project to build")
    name = next(iter(apps))
    build = apps[name].get("architect", {}).get("build", {})
    builder = str(build.get("builder", ""))
    options = build.get("options", {}) or {}
    raw = options.get("outputPath", f"dist/{name}")
    application = builder.endswith(":application")
    if isinstance(raw, dict):
        base = str(raw.get("base", f"dist/{name}"))
        browser = str(raw.get("browser", "browser"))
        server = str(raw.get("server", "server"))
    else:
        base, browser, server = str(raw), "browser" if application else "", "server"
    base = _clean(base)
    ssr = application and bool(options.get("ssr") or options.get("server"))
    several = f"angular.json has several applications; building {name!r} (the first)"
    note: tuple[str, ...] = (several,) if len(apps) > 1 else ()
    if not ssr:
        return Shape(spec["name"], "spa", "angular.json", output=_clean(posixpath.join(base, browser)), notes=note)
    entry = posixpath.join(base, server, "server.mjs")
    return Shape(
        spec["name"],
        "node",
        "angular.json",
        output=base,
        start=f"node {entry}",
        runtime_files=("package.json", base),
        host_env=_host(spec),
        port=_port(spec),
        notes=note,
    )


def _qwik(project: ProjectDir, key: str, spec: dict[str, Any], deps: set[str], scripts: dict[str, str]) -> Shape:
    """A server adapter's build (server/ runs, serving dist/), the static adapter's dist/; without an adapter Qwik
    City builds no server and no pages, only the client bundle."""
    for adapter in (*spec["server_adapters"], spec["static_adapter"]):
        config = next(
            (c.format(adapter=adapter) for c in spec["adapter_configs"] if project.has(c.format(adapter=adapter))), ""
        )
        if not config:
            continue
        if adapter == spec["static_adapter"]:
            return Shape(spec["name"], "spa", config, output=spec["client_output"])
        server, client = spec["server_output"], spec["client_output"]
        return Shape(
            spec["name"],
            "node",
            config,
            output=server,
            start=spec["server_start"].format(adapter=adapter),
            runtime_files=("package.json", server, client),
            port=_port(spec),
            trace=spec["trace"].format(adapter=adapter),
        )
    raise InputError(
        "package.json",
        "Qwik City without a server adapter builds no server and no pages: add one with `npx qwik add node-server` "
        "(or express, or static for a static site)",
    )


_DETECTORS = {
    "next": _next,
    "qwik-city": _qwik,
    "nuxt": _nitro,
    "tanstack-start": _nitro,
    "solid-start": _nitro,
    "astro": _astro,
    "sveltekit": _sveltekit,
    "react-router": _react_router,
    "remix": _react_router,
    "angular": _angular,
}
