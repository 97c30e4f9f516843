"""Find how a Python app starts and which port it listens on.

Order (the first that matches wins): a Procfile web line (else its worker line), Django, a web app built at
module level (found with `ast`: ASGI apps run with uvicorn, WSGI apps with gunicorn), a console script,
`python -m <package>`, then a script at the root (the one with a `__main__` block, or the only one).
Ports are read with regexes: a literal in a `run(port=…)` call or a PORT default is all that is needed.
"""

from __future__ import annotations

import configparser
import re
import shlex
from dataclasses import replace
from pathlib import PurePosixPath

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python.data import (
    asgi_servers,
    crawlers,
    frameworks,
    gunicorn_args,
    launchers,
    loopback_defaults,
    notebooks,
    refusals,
    script_server_ports,
    sites,
)
from scaffold.providers.python.django import django, installed_stem, procfile_django
from scaffold.providers.python.entry_model import DEFAULT_PORT, Entry, shell_exec
from scaffold.providers.python.launcher_config import config_port
from scaffold.providers.python.manifest import Manifest
from scaffold.providers.python.python2 import python2_line
from scaffold.providers.python.source import AppObject, scan
from scaffold.services import workers

SIGNAL_AWARE = frozenset({"gunicorn", "uvicorn", "hypercorn", "daphne", "granian", "sanic"})
"""Servers that handle SIGTERM as PID 1; anything else (a plain `python script.py`) runs behind tini."""
ROOT_SCRIPT_NAMES = ("main.py", "app.py", "run.py", "server.py", "bot.py", "worker.py", "start.py", "wsgi.py")
"""Conventional script names, preferred in this order when several root scripts could be the app."""
NOT_APPS = frozenset(
    {"setup.py", "conftest.py", "manage.py", "noxfile.py", "tasks.py", "fabfile.py", "gunicorn.conf.py"}
)

_WRITES_DB = re.compile(r"""sqlite3\.connect\(|sqlite(?:\+\w+)?:///(?!/)|\bdatabase\(\s*["']""")
"""A SQLite database at a relative path: the app creates it (and its journal) in the working directory."""
_PORT_KW = re.compile(
    r"\b(?:run|serve|run_app)\((?:[^()]|\([^()]*\))*?\bport\s*=\s*(\d{2,5}|[A-Za-z_]\w*)(?=\s*[,)])", re.DOTALL
)
"""`run(port=…)`, also after a call among the arguments (`web.run_app(create_app(), port=8081)`)."""
_PORT_LISTEN = re.compile(r"\.listen\(\s*(\d{2,5})\s*[,)]")
"""Tornado's `app.listen(8888)`."""
_PORT_OPTION = re.compile(r"""\bdefine\(\s*["']port["']\s*,\s*(?:default\s*=\s*)?(\d{2,5})\s*[,)]""")
"""Tornado's `define("port", default=8888, …)`, listened on as `app.listen(options.port)`."""
_PORT_ADDRESS = re.compile(
    r"\b(?:(?:Threading|Forking)?(?:HTTP|TCP)Server|WSGIServer)\(\s*\(\s*[^,()]*,\s*(\d{2,5}|[A-Za-z_]\w*)\s*\)"
    r"|\bmake_server\(\s*[^,()]*,\s*(\d{2,5}|[A-Za-z_]\w*)\s*,"
    r"|\.bind\(\s*\(\s*[^,()]*,\s*(\d{2,5}|[A-Za-z_]\w*)\s*\)\s*\)"
    r"|\b(?:serve|start_server|create_server)\(\s*[\w.]+\s*,\s*(?:[\"'][^\"']*[\"']|None|[A-Za-z_][\w.]*)\s*,"
    r"\s*(\d{2,5}|[A-Za-z_]\w*)\s*[,)]"
)
"""The standard library's servers (`HTTPServer(("", PORT), Handler)`, wsgiref's `make_server("", 8000, app)`), and
a socket server's `server.bind((HOST, PORT))` (a chat server tutorial: TCP, no HTTP), and host and port given in
place: `websockets.serve(handler, "localhost", 8765)`, asyncio's `start_server(handle, HOST, PORT)`."""
_UDP = re.compile(r"\bSOCK_DGRAM\b")
"""A datagram socket: its `bind((HOST, PORT))` is a UDP port, which no HTTP check (nor a TCP EXPOSE) fits."""
_CONSTANT = r"^[ \t]*{name}\s*(?::\s*int\s*)?=\s*(\d{{2,5}})\s*(?:#.*)?$"
"""An assignment `PORT = 8123`: a bare number must be the whole value (`PORT = 40 * 2` is no port)."""
_PORT_ENV = re.compile(r"""getenv\(\s*["']PORT["']\s*,\s*["']?(\d{2,5})|get\(\s*["']PORT["']\s*,\s*["']?(\d{2,5})""")
_BIND = re.compile(r"""^\s*bind\s*=\s*\[?\s*["'][^"']*:(\d{2,5})["']""", re.MULTILINE)
_SKIP_PARTS = frozenset({"tests", "test", "docs", "migrations", "scripts", "examples"})


NO_ENTRY_HEAD = "no entry point found"
"""How every refusal for want of an entry begins: decide.py refuses with the note that starts so."""
NO_ENTRY = (
    f"{NO_ENTRY_HEAD} (no web app, console script, `python -m` package, Procfile or script at the root): "
    "pass --set entry_kind=file --set entry=path/to/script.py (or gunicorn/uvicorn module:app, script, module, "
    "command)"
)
"""The one line `scaffold init` refuses with when nothing says how the app starts and no person said it either."""


def find_entry(project: ProjectDir, manifest: Manifest | None) -> Entry:
    """How the app starts. Always answers: a project with no clue gets main.py and a note."""
    entry = _find_entry(project, manifest)
    script = entry.source.endswith(".py") and project.has(entry.source)
    if script and (line := python2_line(project.read_text(entry.source))):
        why = (
            f"{NO_ENTRY_HEAD} that the image can run: {entry.source}:{line} is Python 2 code, which no Python "
            "image runs; port it to Python 3 (2to3 does most of it)"
        )
        return replace(entry, notes=(why,))
    udp = _udp_port(project, entry)
    if not udp:
        return entry
    note = f"{entry.source}: a UDP server on port {udp}, checked as a program (publish it with -p {udp}:{udp}/udp)"
    return replace(entry, notes=(*entry.notes, note), udp_port=udp)


def _udp_port(project: ProjectDir, entry: Entry) -> str:
    """The port a script without a TCP port binds a datagram socket to (`sock.bind((HOST, 9999))`), else ""."""
    if entry.port or entry.kind not in ("file", "script", "module") or not entry.source.endswith(".py"):
        return ""
    text = project.read_text(entry.source)
    if not _UDP.search(text):
        return ""
    for m in _PORT_ADDRESS.finditer(text):
        if ".bind" in m.group(0) and (port := _port_value(text, next(g for g in m.groups() if g))):
            return port
    return ""


def _find_entry(project: ProjectDir, manifest: Manifest | None) -> Entry:
    sources = [p for p in project.walk((".py",)) if not _SKIP_PARTS.intersection(PurePosixPath(p).parts[:-1])]
    port, port_source = _port(project, sources)
    deps = manifest.deps if manifest else frozenset()
    by_django = django(project, port, port_source, deps, installed_stem(project, manifest))
    procfile = _procfile(project, port, port_source)
    found = (
        procfile_django(procfile, by_django) if procfile else by_django or _paste(project) or _refused(project, deps)
    )
    if found is not None:
        return found
    ranked = sorted(sources, key=_rank)
    known = frameworks()
    mains: list[str] = []
    package_mains: list[str] = []
    """Modules inside a package with a `__main__` block (`src/pkg/server.py`): run as `python -m pkg.server`."""
    writes = "." if any(_WRITES_DB.search(project.read_text(p)) for p in sources) else ""
    launched = _launched(project, port, port_source)
    if launched is not None:
        return launched
    for path in ranked:
        facts = scan(project.read_text(path), known)
        if facts.has_main and path not in NOT_APPS and PurePosixPath(path).parent.name in ("", "src"):
            mains.append(path)
        elif facts.has_main and _in_package(project, path):
            package_mains.append(path)
        if facts.apps:
            app = facts.apps[0]
            kind = app.framework.server
            app_dir = _sibling_importer(project, path, facts.imports)
            module = PurePosixPath(path).stem if app_dir else _module(path)
            installed = manifest is not None and (
                manifest.install_project or manifest.virtual_root or bool(manifest.workspace_manifests)
            )
            if not app_dir and not installed and path.startswith("src/"):
                module, app_dir = _src_module(project, path, module)
            wrote = "." if app.framework.writes_workdir else writes
            target = f"{module}:{app.target}" if app.target else module
            entry = Entry(
                kind,
                app.framework.loader.format(target=target) if app.framework.loader else target,
                path,
                port or DEFAULT_PORT,
                port_source or f"{kind} default",
                framework=app.framework.name,
                writable_dirs=(app_dir or ".") if wrote else "",
                app_dir=app_dir,
            )
            own = _framework_server(entry, app, project.read_text(path))
            return own or _own_asgi_server(_with_gunicorn_args(entry, deps), deps)
    imported_app = _imported_app(project, ranked, deps, port, port_source) or _launched(
        project, port, port_source, below=True
    )
    if imported_app is not None:
        return _own_asgi_server(imported_app, deps)
    if manifest is not None and manifest.scripts:
        name = manifest.name
        script = name if name in manifest.scripts else manifest.scripts[0]
        return _moved(project, sources, Entry("script", script, manifest.evidence[0], port, port_source))
    for path in ranked:
        if path.endswith("/__main__.py") and path.count("/") <= 2:
            module, app_dir = _module_run(project, manifest, path, _module(path.rsplit("/", 1)[0] + ".py"))
            entry = Entry("module", module, path, port, port_source, app_dir=app_dir)
            return _moved(project, sources, entry)
    script = _root_script(project, mains)
    imports = scan(project.read_text(script), ()).imports if script else frozenset()
    run = next((r for r in launchers("script_runs") if r.module in imports and script in mains), None)
    if run is not None:
        command = shell_exec(run.command.format(script=shlex.quote(script)))
        where = port_source if port else f"{run.module} default"
        return Entry("command", command, script, port or run.port, where, framework=run.module)
    if script:
        notes = _loopback(project, script)
        moved = bool(notes and port)
        return Entry("file", script, script, port, port_source, writable_dirs=writes, notes=notes, listen_all=moved)
    return (
        _worker(project, deps)
        or _package_main(project, manifest, package_mains, port, port_source)
        or _site(project, deps)
        or _notebook(project, deps, port, port_source)
        or _crawler(project, deps)
        or Entry("file", "main.py", "default", port, port_source, notes=(NO_ENTRY,))
    )


def _notebook(project: ProjectDir, deps: frozenset[str], port: str, port_source: str) -> Entry | None:
    """Notebooks at the root and their server among the dependencies (Voila): the server runs them, the one
    notebook alone, several as its list (catalogue [notebooks])."""
    found = [p for p in project.glob("*.ipynb") if not p.startswith(".")]
    for server in notebooks():
        if found and deps.intersection(server.requires):
            only = shlex.quote(found[0]) if len(found) == 1 else ""
            command = shell_exec(" ".join(server.command.format(notebook=only).split()))
            note = f"{', '.join(found[:3])}: notebooks served by {server.name} on all interfaces"
            if server.kernels and not deps.intersection(server.kernels):
                note += f"; no dependency gives it a kernel: add {server.kernels[0]}, or every page answers 500"
            return Entry(
                "command",
                command,
                found[0],
                port or server.port,
                port_source or f"{server.name} default",
                notes=(note,),
            )
    return None


def _refused(project: ProjectDir, deps: frozenset[str]) -> Entry | None:
    """An app the catalogue's [refusals] names (Reflex): the refusal, in one line."""
    for config, requires, reason in refusals():
        if project.has(config) and deps.intersection(requires):
            return Entry("file", "main.py", config, notes=(f"{NO_ENTRY_HEAD} that the image can run: {reason}",))
    return None


def _site(project: ProjectDir, deps: frozenset[str]) -> Entry | None:
    """A static site's project (mkdocs.yml and MkDocs among the dependencies) with nothing else to run: the
    container builds the site and serves it (catalogue [sites])."""
    for site in sites():
        if project.has(site.config) and deps.intersection(site.requires):
            note = f"{site.config}: a static site, built when the container starts and served by python -m http.server"
            return Entry("command", shell_exec(site.command), site.config, site.port, f"{site.config}", notes=(note,))
    return None


_SPIDER_NAME = re.compile(r"""^\s+name\s*(?::\s*\w+\s*)?=\s*["']([\w.-]+)["']""", re.MULTILINE)


def _crawler(project: ProjectDir, deps: frozenset[str]) -> Entry | None:
    """A Scrapy project (scrapy.cfg) with nothing else to run: a spider runs once, as a job. With several, the
    first by name runs and init says how to pick another; with none found init refuses in one line."""
    for crawler in crawlers():
        if not (project.has(crawler.config) and deps.intersection(crawler.requires)):
            continue
        files = [p for p in project.walk((".py",)) if crawler.folder in PurePosixPath(p).parts[:-1]]
        names = sorted({n for path in files for n in _SPIDER_NAME.findall(project.read_text(path))})
        if names:
            command = shell_exec(crawler.command.format(name=shlex.quote(names[0])))
            # The note names the entry as detected, so init drops it when --set entry= picks another spider.
            note = f"{crawler.config}: a crawler: the container runs `{command}` once and exits when the crawl ends"
            if len(names) > 1:
                others = ", ".join(names[1:8]) + (", ..." if len(names) > 8 else "")
                other = crawler.command.format(name=shlex.quote(names[1]))
                note += (
                    f"; it has {len(names)} spiders, each a job of its own: the image runs the first, "
                    f"{names[0]} (others: {others}); pick another with --set entry_kind=command "
                    f"--set entry='{other}', or run one image per spider"
                )
            return Entry("command", command, crawler.config, notes=(note,))
        example = crawler.command.format(name="NAME")
        refusal = (
            f"{NO_ENTRY_HEAD}: {crawler.config} has no named spider under {crawler.folder}/: say which runs: "
            f"--set entry_kind=command --set entry='{example}'"
        )
        return Entry("file", "main.py", crawler.config, notes=(refusal,))
    return None


_SRC_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+src(?:\.\w+)*[ \t]+import\b|import[ \t]+src\.)", re.MULTILINE)


def _src_module(project: ProjectDir, path: str, module: str) -> tuple[str, str]:
    """(module, app_dir) of an app under a src/ nobody installs (requirements only): run from src/ (`app.main`),
    unless the code imports itself as `src.…` (`from src.routers import items`): then from the root, as
    `src.main` (what its README's `uvicorn src.main:app` does)."""
    if any(_SRC_IMPORT.search(project.read_text(p)) for p in project.glob("src/**/*.py")):
        return path.removesuffix(".py").replace("/", ".").removesuffix(".__init__").removesuffix(".__main__"), ""
    return module, "src"


def _in_package(project: ProjectDir, path: str) -> bool:
    """A module of a package at most two folders down (`pkg/server.py`, `src/pkg/server.py`), not a test."""
    parts = PurePosixPath(path).parts
    depth = len(parts) - (2 if parts[0] == "src" else 1)
    return depth == 1 and project.has(f"{PurePosixPath(path).parent}/__init__.py")


def _package_main(
    project: ProjectDir, manifest: Manifest | None, paths: list[str], port: str, port_source: str
) -> Entry | None:
    """The one package module with a `__main__` block (a Tornado server in src/pkg/server.py, no console script):
    run as `python -m pkg.server`. A src layout nobody installs runs from src/. Several: none is chosen."""
    if len(paths) != 1:
        return None
    path = paths[0]
    module, app_dir = _module_run(project, manifest, path, _module(path))
    entry = Entry("module", module, path, port, port_source, app_dir=app_dir)
    return _moved(project, [path], entry)


def _module_run(project: ProjectDir, manifest: Manifest | None, path: str, module: str) -> tuple[str, str]:
    """(module, app_dir) for `python -m`: from src/ for a src layout nobody installs, or from the root as
    `src.pkg` when its code imports itself as `src.…`."""
    if _uninstalled_src(manifest, path):
        return _src_module(project, path, module)
    return module, ""


def _uninstalled_src(manifest: Manifest | None, path: str) -> str:
    """ "src" for a module under src/ of a project nobody installs (requirements only): `python -m pkg` then
    runs from src/, where pkg is importable. Else "" (installed, the venv has it; or not under src/)."""
    installed = manifest is not None and (manifest.install_project or bool(manifest.workspace_manifests))
    return "src" if path.startswith("src/") and not installed else ""


def _moved(project: ProjectDir, sources: list[str], entry: Entry) -> Entry:
    """A console script or module whose code listens on a loopback host (`uvicorn.run(app, host="127.0.0.1")` in
    the function a script names): the note, and the start hook that moves a bind on $PORT (the only port moved)."""
    if not entry.port:
        return entry
    # Only a file whose loopback host sits in a server call: `redis.Redis(host="localhost")` is a client.
    serving = [p for p in sources if _serves_on_loopback(project.read_text(p))]
    notes = next((n for path in serving if (n := _loopback(project, path))), ())
    return replace(entry, notes=(*entry.notes, *notes), listen_all=bool(notes)) if notes else entry


def _with_gunicorn_args(entry: Entry, deps: frozenset[str]) -> Entry:
    """A gunicorn entry whose dependencies need more options (catalogue [gunicorn_args]) as the command that gives
    them; gunicorn still binds all interfaces on $PORT."""
    needs = [(dep, args) for dep, args in gunicorn_args().items() if dep in deps]
    if entry.kind != "gunicorn" or not needs:
        return entry
    dep, args = needs[0]
    serve = f'gunicorn {args} --bind "0.0.0.0:$PORT" --worker-tmp-dir /dev/shm --access-logfile - '
    note = f"{dep}: gunicorn serves the app with {args} (one connection per client needs a thread each)"
    return replace(entry, kind="command", target=shell_exec(serve + shlex.quote(entry.target)), notes=(note,))


def _framework_server(entry: Entry, app: AppObject, text: str) -> Entry | None:
    """An app that calls its framework's own server (`app.run(...)` of Sanic) as the command that runs that
    server on all interfaces and $PORT (catalogue [frameworks] own_server)."""
    command = app.framework.own_server
    if not command or not app.target.isidentifier() or not re.search(rf"\b{app.target}\.run\(", text):
        return None
    module, _, name = entry.target.partition(":")
    served = shell_exec(command.format(target=shlex.quote(f"{module}.{name}")))
    note = f"the app calls {app.target}.run(): {app.framework.name}'s own server runs it"
    return replace(entry, kind="command", target=served, notes=(*entry.notes, note))


def _own_asgi_server(entry: Entry, deps: frozenset[str]) -> Entry:
    """A uvicorn entry of a project that lists another ASGI server and not uvicorn (Quart with hypercorn) as the
    command that serves it with that one (catalogue [asgi_servers])."""
    if entry.kind != "uvicorn" or "uvicorn" in deps:
        return entry
    own = next(((name, command) for name, command in asgi_servers().items() if name in deps), None)
    if own is None:
        return entry
    name, command = own
    note = f"{name} among the dependencies: it serves the app (uvicorn is not installed)"
    served = shell_exec(command.format(target=shlex.quote(entry.target)))
    return replace(entry, kind="command", target=served, notes=(*entry.notes, note))


def _worker(project: ProjectDir, deps: frozenset[str]) -> Entry | None:
    """A project that is only a queue worker (a module making a Celery app, no web app or script): the image runs
    the worker the catalogue's `workers` row names (`celery -A tasks worker`); it needs its broker to start."""
    found, _ = workers.find(project, "python", tuple(sorted(deps)))
    if not found:
        return None
    worker = found[0]
    command = shlex.join(worker.command)
    note = f"no web app or script: the image runs the worker `{command}` ({worker.source}), which needs its broker"
    return Entry("command", shell_exec(command), worker.source.rpartition(", ")[2], notes=(note,))


def _imported_app(
    project: ProjectDir, ranked: list[str], deps: frozenset[str], port: str, port_source: str
) -> Entry | None:
    """`app = create_app()` in main.py/app.py with the factory imported from elsewhere: when the dependencies
    name exactly one web framework, that module's `app` is its app."""
    # A framework whose app is an attribute (Dash's app.server) cannot be loaded as `module:app`.
    used = [f for f in frameworks() if (f.module in deps or f"python-{f.module}" in deps) and not f.attribute]
    if len({f.server for f in used}) != 1 or len(used) != 1:
        return None
    framework = used[0]
    for path in ranked:
        if PurePosixPath(path).name not in ("main.py", "app.py", "asgi.py", "wsgi.py", "server.py", "api.py"):
            continue
        names = scan(project.read_text(path), ()).from_calls
        target = next((n for n in ("app", "application", "api") if n in names), "")
        if target:
            kind = framework.server
            return Entry(
                kind,
                f"{_module(path)}:{target}",
                path,
                port or DEFAULT_PORT,
                port_source or f"{kind} default",
                framework=framework.name,
            )
    return None


def _sibling_importer(project: ProjectDir, path: str, imports: frozenset[str]) -> str:
    """The folder of an app that is no package and imports its siblings by name (`backend/main.py` doing
    `import models` beside backend/models.py): the server must run from that folder. Else ""."""
    folder = str(PurePosixPath(path).parent)
    if folder == "." or project.has(f"{folder}/__init__.py"):
        return ""
    for name in imports:
        beside = project.has(f"{folder}/{name}.py") or project.is_dir(f"{folder}/{name}")
        if beside and not (project.has(f"{name}.py") or project.is_dir(name)):
            return folder
    return ""


def _launched(project: ProjectDir, port: str, port_source: str, below: bool = False) -> Entry | None:
    """A root script that imports a library with its own launcher (`streamlit run app.py`), or with `below` one a
    folder down (`streamlit run app/main.py`: the launcher puts the script's folder on sys.path, as for a root one);
    a web app found in the sources comes before the latter (a FastAPI backend beside a frontend/ dashboard)."""

    def rank(path: str) -> tuple[int, int, str]:
        name = PurePosixPath(path).name
        return (path.count("/"), ROOT_SCRIPT_NAMES.index(name) if name in ROOT_SCRIPT_NAMES else 99, path)

    found = project.glob("*/*.py") if below else project.glob("*.py")
    scripts = sorted(
        (p for p in found if PurePosixPath(p).name not in NOT_APPS and not _SKIP_PARTS & set(PurePosixPath(p).parts)),
        key=rank,
    )
    scripts = [p for p in scripts if not PurePosixPath(p).name.startswith("test")]
    for launcher in launchers():
        for script in scripts:
            text = project.read_text(script)
            if launcher.module in scan(text, ()).imports and launcher.marker in text:
                # The file name is data: quoted, `a$(id).py` stays a name in the shell that runs the command.
                command = shell_exec(
                    launcher.command.format(script=shlex.quote(script), module=shlex.quote(_module(script)))
                )
                own = "" if port else config_port(project, launcher.config, launcher.config_port)
                where = port_source if port else (launcher.config if own else f"{launcher.module} default")
                chosen = port or own or launcher.port
                entry = Entry("command", command, script, chosen, where, framework=launcher.module)
                # The launcher's variables lose to a host the code names (`launch(server_name="127.0.0.1")`).
                return _moved(project, [script], entry)
    return None


_SERVER_CALL = re.compile(r"\b(?:run|serve|run_app|listen|make_server|start_server|create_server|Config|bind|launch)\(")


def _serves_on_loopback(text: str) -> bool:
    """Some loopback host sits in a server call: on the call's line, or as an argument of a call written over
    several lines (`demo.launch(\n    server_name="127.0.0.1",\n)`)."""
    for m in _LOOPBACK_HOST.finditer(text):
        start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[start : end if end >= 0 else len(text)]
        if _SERVER_CALL.search(line) or _SERVER_CALL.search(_enclosing_call(text, m.start())):
            return True
    return False


def _enclosing_call(text: str, pos: int) -> str:
    """The callee and open parenthesis of the innermost call around `pos` (`demo.launch(`), "" outside any call."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(" and depth:
            depth -= 1
        elif text[i] == "(":
            m = re.search(r"[\w.]*$", text[max(0, i - 80) : i])
            return (m.group(0) if m else "") + "("
    return ""


_LOOPBACK_HOST = re.compile(
    r"""(?:\b(?:host|server_name)\s*=\s*|\b(?:serve|start_server|create_server)\(\s*[\w.]+\s*,\s*|\.bind\(\s*\(\s*"""
    r"""|\bmake_server\(\s*|\b\w*(?:HTTP|TCP|WSGI)Server\(\s*\(\s*)"""
    r"""["'](localhost|127\.0\.0\.1|::1)["']"""
)
"""`host="localhost"`, or a loopback host given in place: `websockets.serve(echo, "localhost", 8765)`,
`sock.bind(("127.0.0.1", PORT))`, `HTTPServer(("localhost", 8000), Handler)`, `make_server("localhost", 8000, app)`,
Gradio's `launch(server_name="127.0.0.1")`."""


def _loopback(project: ProjectDir, script: str) -> tuple[str, ...]:
    """A script that starts its server on the loopback interface (Bottle's docs: `run(host='localhost')`): only
    the container itself can reach it. Said at init with the one-line change; the image is still generated."""
    text = project.read_text(script)
    m = _LOOPBACK_HOST.search(text)
    if m is None:
        for call, (unless, fix) in loopback_defaults().items():
            found = re.search(rf"\b{re.escape(call)}\(", text)
            if found and not (unless and unless in text):
                line = text.count("\n", 0, found.start()) + 1
                return (
                    f"{script}:{line} {call}() listens on 127.0.0.1 only, which `docker run -p` cannot reach: {fix}"
                    f"{_UNTIL}",
                )
        return ()
    line = text.count("\n", 0, m.start()) + 1
    return (
        f"{script}:{line} listens on {m.group(1)} only, which `docker run -p` cannot reach: "
        f"change it to {_keyword(m.group(0))}'0.0.0.0'{_UNTIL}",
    )


def _keyword(found: str) -> str:
    """`host=` or `server_name=` when the loopback host was given by that keyword, else ""."""
    m = re.match(r"(host|server_name)\s*=", found)
    return f"{m.group(1)}=" if m else ""


_UNTIL = "; until then the image's Python start hook makes a bind on PORT at a loopback host take all interfaces"


def _root_script(project: ProjectDir, mains: list[str]) -> str:
    """The script at the root the app runs as: the one with a `__main__` block, a conventional name, the only
    one, or the only one no other imports."""
    if len(mains) == 1:
        return mains[0]
    candidates = mains or [p for p in project.glob("*.py") if p not in NOT_APPS and not p.startswith("test")]
    for name in ROOT_SCRIPT_NAMES:
        if name in candidates:
            return name
    if len(candidates) > 1:
        # The one module no other imports is the program; the rest are its helpers.
        imported = {m for c in candidates for m in scan(project.read_text(c), ()).imports}
        candidates = [c for c in candidates if PurePosixPath(c).stem not in imported]
    return candidates[0] if len(candidates) == 1 else ""


def _rank(path: str) -> tuple[int, int, str]:
    # The conventional app files first, then the shallowest: a project's app is rarely deep in a package.
    preferred = PurePosixPath(path).name in ("main.py", "app.py", "asgi.py", "wsgi.py", "server.py", "api.py")
    return (0 if preferred else 1, path.count("/"), path)


def _module(path: str) -> str:
    """`src/pkg/app.py` → `pkg.app` (src layout, at any depth), `app/main.py` → `app.main`."""
    parts = list(PurePosixPath(path.removesuffix(".py")).parts)
    if "src" in parts[:-1]:
        # src layout, also in a workspace member (`packages/api/src/api/main.py` → api.main): installed by name.
        parts = parts[len(parts) - parts[::-1].index("src") :]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _port(project: ProjectDir, sources: list[str]) -> tuple[str, str]:
    """A port the code or a server config names, and where."""
    for config in ("gunicorn.conf.py", "gunicorn_config.py"):
        if project.has(config) and (m := _BIND.search(project.read_text(config))):
            return m.group(1), config
    for path in sorted(sources, key=_rank):
        text = project.read_text(path)
        for pattern in (_PORT_KW, _PORT_ENV, _PORT_LISTEN, _PORT_ADDRESS, _PORT_OPTION):
            for m in pattern.finditer(text):
                port = _port_value(text, next(g for g in m.groups() if g))
                if port and not (pattern is _PORT_ADDRESS and _UDP.search(text) and ".bind" in m.group(0)):
                    return port, path
    for path in sorted(sources, key=_rank):
        text = project.read_text(path)
        for call, port in script_server_ports().items():
            if re.search(rf"\b{re.escape(call)}\(", text):
                return port, f"{path} ({call}'s default)"
    return "", ""


def _port_value(text: str, token: str) -> str:
    """A port literal as it is, a name by its module-level constant (or the PORT default it reads), else ""."""
    if token.isdigit():
        return token
    m = re.search(_CONSTANT.format(name=re.escape(token)), text, re.MULTILINE)
    if m:
        return m.group(1)
    m = re.search(rf"^[ \t]*{re.escape(token)}\s*=.*", text, re.MULTILINE)
    env = _PORT_ENV.search(m.group(0)) if m else None
    return next((g for g in env.groups() if g), "") if env else ""


PASTE_INIS = ("production.ini", "development.ini")
"""PasteDeploy files a Pyramid (or Pylons, TurboGears) app is served from, the production one first."""
_INI_PORT = re.compile(r"(?:^|:)(\d{2,5})\s*$")


def _paste(project: ProjectDir) -> Entry | None:
    """A PasteDeploy app (`pserve production.ini`): gunicorn loads the ini's [app:main] and binds all interfaces
    on $PORT (the ini's own listen address is often localhost)."""
    inis = [f for f in PASTE_INIS if project.has(f)] + sorted(f for f in project.glob("*.ini") if f not in PASTE_INIS)
    for ini in inis:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(project.read_text(ini), ini)
        except configparser.Error:
            continue
        if not parser.has_section("app:main"):
            continue
        server = parser["server:main"] if parser.has_section("server:main") else {}
        listen = str(server.get("listen", "")).split()[-1:] or [str(server.get("port", ""))]
        m = _INI_PORT.search(listen[0])
        port = m.group(1) if m else "6543"  # pserve's (waitress's) port in every Pyramid starter
        command = shell_exec(f'gunicorn --paste {shlex.quote(ini)} --bind "0.0.0.0:$PORT"')
        note = f"{ini}: a PasteDeploy app, served by gunicorn --paste on all interfaces (the ini's server is not used)"
        return Entry("command", command, ini, port, f"{ini} (server:main)" if m else "pserve default", notes=(note,))
    return None


def _procfile(project: ProjectDir, port: str, port_source: str) -> Entry | None:
    """The Procfile's web process, else its worker (a bot or queue consumer): run by a shell that `exec`s it."""
    if not project.has("Procfile"):
        return None
    processes: dict[str, tuple[int, str]] = {}
    for lineno, line in enumerate(project.read_text("Procfile").splitlines(), 1):
        kind, sep, command = line.partition(":")
        if sep and kind.strip() and not kind.lstrip().startswith("#"):
            processes.setdefault(kind.strip(), (lineno, command.strip()))
    chosen = next((k for k in ("web", "worker") if k in processes), "")
    if not chosen:
        return None
    lineno, command = processes[chosen]
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise InputError("Procfile", f"line {lineno}: {exc}") from None
    if not words:
        raise InputError("Procfile", f"line {lineno}: the {chosen} process has no command")
    notes: list[str] = []
    if chosen == "web":
        found = _flag_port(words)
        if found and "$" not in found:
            port, port_source = found, "Procfile"
        port, port_source = port or DEFAULT_PORT, port_source or "default"
        command = _bind_all(command, words)
    else:
        port, port_source = "", ""
        notes.append(f"Procfile has no web process: the image runs its {chosen} process (no port)")
    if "$" in command:
        notes.append("Procfile's $VARIABLES are expanded at run time by a shell that then execs the command")
    folder, command = _procfile_folder(project, command)
    return Entry("command", shell_exec(command), "Procfile", port, port_source, notes=tuple(notes), app_dir=folder)


_CD = re.compile(r"^\s*cd\s+(?:\./)?([\w.-]+(?:/[\w.-]+)*)/?\s*&&\s*")


def _procfile_folder(project: ProjectDir, command: str) -> tuple[str, str]:
    """`cd backend && gunicorn app:app`: the folder the command runs in (the image's WORKDIR, writable by the app
    like any working directory) and the command without the `cd`. A folder the project lacks stays in the command."""
    match = _CD.match(command)
    folder = match.group(1) if match else ""
    if not folder or ".." in folder.split("/") or not project.is_dir(folder):
        return "", command
    return folder, command[match.end() :] if match else command


def _bind_all(command: str, words: list[str]) -> str:
    """A web command that listens on all interfaces and on $PORT (servers default to 127.0.0.1)."""
    last = command.rpartition("&&")[2].rpartition(";")[2].split()
    program = [w for w in last if "=" not in w and w != "exec"]
    # `python -m uvicorn …` is uvicorn too.
    server = program[2] if program[:2] == ["python", "-m"] and len(program) > 2 else (program or [""])[0]

    def has(*flags: str) -> bool:
        return any(w in flags or w.startswith(tuple(f"{f}=" for f in flags)) for w in words)

    if server in ("uvicorn", "flask", "sanic", "granian", "litestar", "fastapi"):
        # `flask run`, `sanic app:app`, `granian`, `litestar run` and `fastapi dev` listen on 127.0.0.1 unless
        # told (`fastapi run` on 0.0.0.0, yet on 8000 whatever $PORT says).
        command += "" if has("--host", "-h", "-H") else " --host 0.0.0.0"
        command += "" if has("--port", "-p") else ' --port "$PORT"'
    elif server == "hypercorn" and not has("-b", "--bind"):
        command += ' --bind "0.0.0.0:$PORT"'
    elif server == "waitress-serve" and not has("--port", "--listen", "--unix-socket"):
        # waitress-serve listens on 0.0.0.0:8080 unless told, and reads its options before the app (getopt stops
        # at the first argument), so the port goes right after the program.
        head, sep, tail = command.rpartition("waitress-serve")
        command = f'{head}{sep} --port "$PORT"{tail}'
    elif server == "daphne":
        # Daphne listens on 127.0.0.1:8000 unless told.
        command += "" if has("-b", "--bind", "-u", "--unix-socket", "--fd", "-e", "--endpoint") else " -b 0.0.0.0"
        command += "" if has("-p", "--port", "-u", "--unix-socket", "--fd", "-e", "--endpoint") else ' -p "$PORT"'
    elif server == "streamlit" and not has("--server.port"):
        command += ' --server.address 0.0.0.0 --server.port "$PORT" --server.headless true'
    elif "runserver" in program and program.index("runserver") == len(program) - 1:
        # Django's runserver without an address listens on 127.0.0.1:8000.
        command += ' "0.0.0.0:$PORT"'
    # gunicorn without --bind listens on 0.0.0.0:$PORT by itself when PORT is set, and the image sets it.
    return command


def _flag_port(words: list[str]) -> str:
    for i, word in enumerate(words):
        value = ""
        if word in ("--bind", "-b", "--port", "-p") and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith(("--bind=", "--port=")):
            value = word.partition("=")[2]
        if value:
            return value.rsplit(":", 1)[-1]
    return ""
