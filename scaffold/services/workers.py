"""Worker processes compose.yaml runs from the app's own image: a Procfile's non-web processes, package.json
`worker` scripts, and the dependencies of the catalogue's `workers` rows (Celery with its app module, rq,
BullMQ with its `new Worker(` file).

A worker is data like every other value: its command is split into words here (never run by scaffold) and
reaches compose.yaml as an exec-form JSON array of the `compose_worker` kind (`NAME=["celery", "-A", …]`,
several joined by ` + `, so a command with a `+` of its own is left out). A line that needs a shell
($VARIABLES, `&&`) runs through `/bin/sh -c`, which the decision below leaves out where the image has no shell.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass

from scaffold.errors import InputError
from scaffold.models import Options, Resolved, chosen
from scaffold.project import ProjectDir
from scaffold.services import catalogue
from scaffold.services.env_names import MAX_FILE_BYTES, MAX_FILES

SEPARATOR = " + "
RESERVED = frozenset({"app", "dev", "db", "cache", "mongo", "broker"})
"""Service names compose.yaml already uses (the app, its dev loop, the backing services)."""
SKIPPED = frozenset({"web", "release"})
"""Procfile processes that are no worker: the app itself, and the one-off release step."""
MAX_WORKERS = 8
SHELL = ("/bin/sh", "-c")
GO_BIN = "/usr/local/bin"
"""Where a Go image holds its binaries (templates/go: COPY --from=build /out/bin/ /usr/local/bin/)."""
_NAME = re.compile(r"[a-z][a-z0-9-]{0,39}")
_SHELL_WORDS = frozenset({"&&", "||", "|", ";", "&", ">", ">>", "<", "2>&1"})
_RUNNERS = {"npm": ("run", "run-script"), "pnpm": ("run",), "yarn": ("run",), "bun": ("run",)}
_SUFFIXES = {"python": (".py",), "node": (".js", ".mjs", ".cjs")}


@dataclass(frozen=True)
class Worker:
    """One worker process: its compose service name, the words it runs, and where that was read."""

    name: str
    command: tuple[str, ...]
    source: str

    def value(self) -> str:
        """The `compose_worker` value: NAME=exec-form JSON."""
        return f"{self.name}={json.dumps(list(self.command))}"


def find(
    project: ProjectDir, language: str, deps: tuple[str, ...], programs: Mapping[str, str] | None = None
) -> tuple[tuple[Worker, ...], dict[str, str]]:
    """The workers of a project (at most MAX_WORKERS) and the connection variables their programs read
    (variable -> service key). Where the image holds `programs` (name -> path, the one it runs first: Go's
    binaries), a worker is one of them run by its path: what a Procfile process runs, else another program named
    like a worker."""
    if programs:  # a Procfile names every process the app runs: the names of the programs count without one
        found = _procfile_programs(project, programs) if _procfile_processes(project) else _named_programs(programs)
        return _unique(found), {}
    if language not in _SUFFIXES:
        return (), {}
    found = _procfile(project, language)
    if language == "node":
        found += _scripts(project)
    variables: dict[str, str] = {}
    if not found and not _procfile_processes(project):  # a Procfile names every process the app runs
        for row in catalogue.worker_rows(language):
            if row.dependency not in deps:
                continue
            worker = _from_row(project, language, row)
            if worker is not None:
                found.append(worker)
                variables.update(row.variables)
                break  # one queue library is the app's worker; a second row would start a second consumer
    return _unique(found), variables


def _unique(found: list[Worker]) -> tuple[Worker, ...]:
    """At most MAX_WORKERS, each under a service name compose.yaml does not use yet."""
    named: list[Worker] = []
    taken = set(RESERVED)
    for worker in found[:MAX_WORKERS]:
        name = worker.name if worker.name not in taken else f"{worker.name}-worker"
        if name in taken or "+" in worker.value():
            continue  # a clash left after renaming, or a command the value kind cannot hold (` + ` joins them)
        taken.add(name)
        named.append(Worker(name, worker.command, worker.source))
    return tuple(named)


def _procfile_programs(project: ProjectDir, programs: Mapping[str, str]) -> list[Worker]:
    """Procfile processes that run one of the image's programs (`worker: bin/worker -queue=mail`, or the app's own
    with a subcommand: `worker: bin/app worker`), by its path in the image. The app's program with no arguments is
    the app itself; a line that needs a shell is left out (such an image, distroless, has none)."""
    app = next(iter(programs), "")
    out = []
    for kind, command in _procfile_processes(project).items():
        words = _words(command)
        program = posixpath.basename(words[0]) if words else ""
        name = _name(kind)
        itself = program == app and len(words) == 1
        if kind in SKIPPED or not name or words[:2] == SHELL or program not in programs or itself:
            continue
        out.append(Worker(name, (programs[program], *words[1:]), "Procfile"))
    return out


def _named_programs(programs: Mapping[str, str]) -> list[Worker]:
    """The programs besides the app's whose name says they are workers (catalogue `worker_programs`), run with no
    arguments."""
    return [
        Worker(_name(program), (path,), f"main package {program}")
        for program, path in list(programs.items())[1:]
        if catalogue.is_worker_program(program) and _name(program)
    ]


def _name(raw: str) -> str:
    """A Procfile process or npm script name as a compose service name ('' when nothing usable is left)."""
    name = re.sub(r"[^a-z0-9-]+", "-", raw.lower()).strip("-")
    return name if _NAME.fullmatch(name) else ""


def _words(command: str) -> tuple[str, ...]:
    """A command line as exec-form words: its own words when plain, else handed to /bin/sh -c."""
    try:
        words = shlex.split(command)
    except ValueError:
        return ()
    if not words:
        return ()
    if "$" in command or "`" in command or any(w in _SHELL_WORDS for w in words) or "=" in words[0]:
        return (*SHELL, command)
    return tuple(words)


def _procfile_processes(project: ProjectDir) -> dict[str, str]:
    """A Procfile's processes (name -> command line), the first line of a name winning; {} without one."""
    if not project.has("Procfile"):
        return {}
    try:
        lines = project.read_text("Procfile", MAX_FILE_BYTES).splitlines()
    except InputError:
        return {}
    processes: dict[str, str] = {}
    for line in lines:
        kind, sep, command = line.partition(":")
        if sep and kind.strip() and not kind.lstrip().startswith("#"):
            processes.setdefault(kind.strip(), command.strip())
    return processes


def _procfile(project: ProjectDir, language: str) -> list[Worker]:
    processes = _procfile_processes(project)
    if "web" not in processes:
        processes.pop("worker", None)  # without a web process the image itself runs the worker
    out = []
    for kind, command in processes.items():
        name = _name(kind)
        words = _node_script(project, command) if language == "node" else ()
        words = words or _words(command)
        if kind not in SKIPPED and name and words:
            out.append(Worker(name, words, "Procfile"))
    return out


def _manifest_scripts(project: ProjectDir) -> Mapping[str, str]:
    if not project.has("package.json"):
        return {}
    try:
        manifest = project.read_json("package.json")
    except InputError:
        return {}
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    if not isinstance(scripts, dict):
        return {}
    return {str(k): v for k, v in scripts.items() if isinstance(v, str)}


def _node_script(project: ProjectDir, command: str) -> tuple[str, ...]:
    """`npm run worker` (pnpm, yarn, bun alike) as the `node …` command of that script, when it is one."""
    words = command.split()
    if len(words) < 2 or words[0] not in _RUNNERS:
        return ()
    script = words[2] if words[1] in _RUNNERS[words[0]] and len(words) > 2 else words[1]
    text = _manifest_scripts(project).get(script, "")
    resolved = _words(text) if text else ()
    return resolved if resolved[:1] == ("node",) else ()


def _scripts(project: ProjectDir) -> list[Worker]:
    """package.json scripts named `worker`, `worker:NAME` or `NAME:worker` whose command is `node <file> …`."""
    out = []
    for key, text in _manifest_scripts(project).items():
        parts = key.split(":")
        if "worker" not in (parts[0], parts[-1]) or len(parts) > 2 or {"dev", "watch"} & set(parts):
            continue
        words = _words(text)
        name = _name(key)
        if words[:1] == ("node",) and len(words) > 1 and name:
            out.append(Worker(name, words, f"package.json scripts.{key}"))
    return out


def _from_row(project: ProjectDir, language: str, row: catalogue.WorkerRow) -> Worker | None:
    """The row's worker when its marker is in a source file (the first, in path order), or it needs none."""
    if not row.marker:
        return Worker(row.name, row.command, f"dependency {row.dependency}")
    for rel in project.walk(_SUFFIXES.get(language, ()), limit=MAX_FILES):
        try:
            text = project.read_text(rel, MAX_FILE_BYTES)
        except InputError:
            continue
        if row.marker not in text or ".listen(" in text:
            continue  # a web server that consumes in its own process needs no second one
        module = rel.removesuffix(".py").replace("/", ".")
        if language == "python" and not all(part.isidentifier() for part in module.split(".")):
            continue
        command = tuple(w.replace("{module}", module).replace("{file}", rel) for w in row.command)
        return Worker(row.name, command, f"dependency {row.dependency}, {rel}")
    return None


def decide(options: Options) -> Options:
    """The workers as the decided image runs them: distroless has no shell (a /bin/sh -c worker is left out) and
    keeps node at /nodejs/bin/node; a Node worker whose file is not in the image is left out too. A person's
    own `compose_workers` value stays as it is."""
    current = options.values.get("compose_workers")
    if current is None or chosen(current) or not current.value:
        return options
    values = {k: r.value for k, r in options.values.items()}
    distroless = "distroless" in f"{values.get('runtime', '')} {values.get('runtime_image', '')}"
    files = str(values.get("runtime_files", "")).split()
    held = _programs_held(values) if options.language == "go" else None
    app = [str(values.get("entrypoint", ""))]
    kept = []
    for name, command in _items(str(current.value)):
        if distroless and tuple(command[:2]) == SHELL:
            continue
        if held is not None and posixpath.dirname(command[0]) == GO_BIN and (command[0] not in held or command == app):
            continue  # a binary the final image does not copy (a person said all_binaries=no), or the app itself
        if options.language == "node" and command[0] in ("node", "/nodejs/bin/node") and len(command) > 1:
            if files and not any(_in(command[1], f) for f in files):
                continue  # the final image copies only the files the app runs: this worker's is not among them
            command[0] = "/nodejs/bin/node" if distroless else "node"
        kept.append(f"{name}={json.dumps(command)}")
    out = dict(options.values)
    out["compose_workers"] = Resolved(SEPARATOR.join(kept), current.source, current.origin)
    return Options(options.language, out)


def _items(value: str) -> list[tuple[str, list[str]]]:
    """A `compose_workers` value as (service name, command words) pairs."""
    out = []
    for item in value.split(SEPARATOR) if value else ():
        name, _, text = item.partition("=")
        out.append((name, [str(w) for w in json.loads(text)]))
    return out


def programs_run(options: Options) -> tuple[str, ...]:
    """The programs compose.yaml's workers run (each command's first word), as the value stands now."""
    current = options.values.get("compose_workers")
    return tuple(command[0] for _, command in _items(str(current.value))) if current is not None else ()


def _programs_held(values: Mapping[str, object]) -> set[str]:
    """The Go binaries the final image holds, by path: the build stage's `builds` (NAME=PACKAGE) when the final stage
    copies them all, else its one `final_binary`."""
    built = [item.partition("=")[0] for item in str(values.get("builds", "")).split()]
    copied = [str(values["final_binary"])] if values.get("final_binary") else built
    return {f"{GO_BIN}/{b}" for b in copied}


def _in(path: str, copied: str) -> bool:
    """Whether `path` is the copied file or inside the copied directory."""
    return path == copied or path.startswith(copied.rstrip("/") + "/")
