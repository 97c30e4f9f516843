"""The main package the image runs (of several, or standalone program files) and the subcommand that starts
its server."""

from __future__ import annotations

from posixpath import basename, dirname

from scaffold.models import Fact
from scaffold.providers.go.layout import binary_name
from scaffold.providers.go.source import SourceScan
from scaffold.services.catalogue import is_worker_program


def main_facts(
    found: SourceScan, module_dir: str, app: str, mains: list[str], facts: list[Fact], notes: list[str]
) -> None:
    """The main package the image runs (and the others), added to `facts` and `notes`."""
    if not mains:
        notes.append(
            "no main package found (package main at the root or under cmd/<name>/); --set main_package=./path/to/main"
        )
        return
    prefix = "" if module_dir == "." else module_dir + "/"
    serving = [f.removeprefix(prefix) for _, f in found.ports]
    chosen = choose_main(mains, app, serving)
    facts.append(Fact("main_package", chosen, main_source(chosen, prefix)))
    if any(m.endswith(".go") for m in mains):
        tests = [pkg_arg(d) for d in found.test_dirs] or [chosen]
        facts.append(Fact("test_dirs", " ".join(tests), "standalone program files (go run FILE.go)"))
    if len(mains) > 1:
        facts.append(Fact("main_packages", " ".join(mains), "package main"))
        notes.append(
            f"several main packages ({', '.join(mains)}); the image runs {chosen} "
            "(--set main_package=… to change, --set all_binaries=yes to build them all)"
        )


def serve_facts(
    found: SourceScan, module_dir: str, mains: list[str], facts: list[Fact], app: str, notes: list[str]
) -> list[Fact]:
    """The server subcommand the image runs (`app serve`), if the program serves and one is declared for it."""
    serves = bool(found.listens or found.ports)  # a CLI with a `run` command and no server keeps its default
    if not (
        found.serve_command and mains and serves and _runs_in_main(found.serve_command, module_dir, mains, facts, app)
    ):
        return []
    command, where = found.serve_command
    notes.append(
        f"{where}: the server is the `{command}` subcommand (run with no arguments the binary prints its help "
        f"and exits): the image runs `{app} {command}`; `docker run IMAGE <command>` runs another"
    )
    return [Fact("serve_command", command, where)]


def _runs_in_main(command: tuple[str, str], module_dir: str, mains: list[str], facts: list[Fact], app: str) -> bool:
    """True when the file declaring the serve subcommand is in the main package the image runs, or in a package
    that is no main package (cobra's cmd/): a subcommand of another binary would be an unknown argument. A
    command named like the binary is its root (cobra's `Use: "app"` built in a function), no subcommand."""
    name, where = command
    prefix = "" if module_dir == "." else module_dir + "/"
    package = pkg_arg(dirname(where.removeprefix(prefix)) or ".")
    chosen = next((str(f.value) for f in facts if f.key == "main_package"), "")
    if name in (app, binary_name(chosen, app)):
        return False
    return package not in mains or package == chosen


def choose_main(mains: list[str], app: str, serving: list[str]) -> str:
    """The main package the image runs: one that listens (named like the app among several), else one named like
    the app, else the root, else the first that is no worker by its name (a worker runs beside the app, from the
    same image: compose.yaml). Listening comes first: cmd/todo beside cmd/todo-server is the client."""
    if len(mains) == 1:
        return mains[0]
    listening: list[str] = []
    for path in serving:
        # A standalone program file (server.go beside client.go) is a main of its own.
        listening += [p for p in (pkg_arg(path), pkg_arg(dirname(path) or ".")) if p in mains and p not in listening]
    for main in listening or mains:
        if basename(main) == app:
            return main
    if listening:
        return listening[0]
    if "." in mains:
        return "."
    return next((m for m in mains if not is_worker_program(basename(m))), mains[0])


def main_source(main: str, prefix: str) -> str:
    if main.endswith(".go"):
        return f"{prefix}{main.removeprefix('./')} (func main)"
    where = prefix + main.removeprefix("./") + "/" if main != "." else prefix or "./"
    return f"{where} (package main)"


def pkg_arg(pkg_dir: str) -> str:
    """A package directory as `go build` wants it: `.` or `./cmd/x`."""
    return "." if pkg_dir == "." else "./" + pkg_dir
