"""Scan Go source files (not manifests) for what the Dockerfile depends on.

Regexes are fine here: this is a scan of code for hints (package clause, `import "C"`, `//go:embed`,
listen addresses), not the parse of a manifest. Test files never count: they do not reach the binary.
Each kind of hint has its module (cgo, listen, port_env, paths, commands); this one gathers them per module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from scaffold.project import ProjectDir
from scaffold.providers.go.cgo import CXX_SUFFIXES, IMPORT_C, cgo_links
from scaffold.providers.go.commands import command_files, find_serve_command
from scaffold.providers.go.config_flag import config_flags
from scaffold.providers.go.data import bare_servers
from scaffold.providers.go.framework import conventional_folders, started_servers
from scaffold.providers.go.generate import GENERATE
from scaffold.providers.go.gofile import (
    BUILD_CONSTRAINT,
    COMMENT,
    FUNC_MAIN,
    IGNORE_TAG,
    PACKAGE,
    SourceFile,
    go_source,
    typed_version,
)
from scaffold.providers.go.listen import (
    ACME_IMPORT,
    LISTEN_CALL,
    LOOPBACK_FLAG,
    calls_bare_server,
    declared_ports,
    host_env,
    listen_ports,
    listens_on_loopback,
    served_only,
)
from scaffold.providers.go.paths import EMBED, WRITES, dotenv_loads, embed_patterns, paths_read
from scaffold.providers.go.port_env import PORT_ENV, PORT_LOOKUP, port_variables, tag_prefixed_port
from scaffold.providers.go.port_flag import loopback_host_flags, required_port_flags


@dataclass(frozen=True)
class SourceScan:
    """What the non-test Go files of one module say."""

    main_packages: tuple[str, ...] = ()
    test_dirs: tuple[str, ...] = ()
    """Beside standalone program files (a main package path ending in .go): every other package directory,
    which `go test` takes one by one (./... would compile the programs' folder, and stop)."""
    """Directories (relative to the module, `.` or `cmd/x`) holding a `package main`."""
    cgo_files: tuple[str, ...] = ()
    cxx: bool = False
    """C++ sources or -lstdc++: the runtime needs libstdc++ (distroless cc)."""
    c_libraries: tuple[str, ...] = ()
    """Non-standard libraries cgo links (-lsqlite3, pkg-config names): they need installing."""
    embeds: tuple[str, ...] = ()
    """//go:embed patterns, relative to the module."""
    embed_files: tuple[str, ...] = ()
    ports: tuple[tuple[str, str], ...] = field(default=())
    """(port, file) for each listen address found, main packages first."""
    port_env: tuple[str, ...] = ()
    """Files that read the PORT environment variable (themselves or through a framework that does)."""
    loopback: tuple[str, ...] = ()
    """Files that listen on 127.0.0.1 or localhost only."""
    opened: tuple[tuple[str, str], ...] = ()
    """(path literal, file) for each relative path the code opens at run time (module-relative literals)."""
    writes: tuple[str, ...] = ()
    """Files that create or write files (they may need a writable working directory)."""
    listens: tuple[str, ...] = ()
    """Files with a listen call whatever its argument (`ListenAndServe(":"+cfg.Port, …)`)."""
    loopback_flags: tuple[tuple[str, str, str], ...] = ()
    """(flag, port, file) for each listen-address flag whose default is loopback."""
    named: tuple[tuple[str, str], ...] = ()
    """(literal, file) for every path-shaped string literal outside the imports: those naming a file of the
    module are read at run time too (detect.py keeps only those that exist)."""
    host_env: tuple[tuple[str, str], ...] = ()
    port_names: tuple[tuple[str, str], ...] = ()
    """(variable, file) for each read of the server's own port variable under another name than PORT
    (APP_PORT, SERVER_PORT, HTTP_PORT), else of its listen-address variable (ADDR, LISTEN_ADDR: set to `:PORT`)."""
    """(variable, file) of the server's own host variable (HOST) read by a file that listens."""
    version_var_typed: str = ""
    """A main package file declaring a package-level `version` that is no string (the -X stamp cannot set it)."""
    config_flags: tuple[tuple[str, str], ...] = ()
    """(flag, file) of each config-file flag with no default a main package declares (`-config`)."""
    acme: str = ""
    """A file that gets its TLS certificates from an ACME CA at run time (autocert, certmagic)."""
    host_flags: tuple[tuple[str, str], ...] = ()
    """(flag, file) of each host flag with a loopback default, in a main package or a file that listens."""
    generators: tuple[str, ...] = ()
    """Files with //go:generate lines."""
    port_flags: tuple[tuple[str, bool, str], ...] = ()
    """(flag, takes an address, file) of each port or address flag with no default a main package declares."""
    dotenv: tuple[tuple[str, str], ...] = ()
    """(file name, source file) of each .env file godotenv.Load/Overload opens in the working directory (no
    arguments: `.env`); the app exits when it is missing, and a .env never enters the image."""
    serve_command: tuple[str, str] | None = None
    """(subcommand, file) of a CLI whose server is a subcommand (`app serve`): run with no arguments it prints
    its help and exits."""


def scan(project: ProjectDir, module_dir: str, files: Iterable[str]) -> SourceScan:
    prefix = "" if module_dir == "." else module_dir + "/"
    mains: set[str] = set()
    cgo: list[str] = []
    libs: set[str] = set()
    cxx = False
    embeds: list[str] = []
    embed_files: list[str] = []
    ports: list[tuple[str, str, bool]] = []
    port_env: list[str] = []
    loopback: list[str] = []
    opened: list[tuple[str, str]] = []
    writes: list[str] = []
    listens: list[str] = []
    named: list[tuple[str, str]] = []
    loopback_flags: list[tuple[str, str, str]] = []
    sources: list[SourceFile] = []
    for rel in files:
        text = go_source(project, rel)
        package = PACKAGE.search(text)
        if package is None or IGNORE_TAG.search(text[: package.start()]):
            continue
        pkg_dir = dirname(rel[len(prefix) :]) or "."
        is_main = package.group(1) == "main"
        if is_main:
            mains.add(pkg_dir)
        if IMPORT_C.search(text):
            cgo.append(rel)
            file_libs, file_cxx = cgo_links(text)
            libs.update(file_libs)
            cxx = cxx or file_cxx
        code = COMMENT.sub(lambda m: m.group(1) or "", text)
        file_embeds = [normpath(join(pkg_dir, p)) for m in EMBED.finditer(text) for p in embed_patterns(m.group(1))]
        embeds += file_embeds
        embed_files += [rel] if file_embeds else []
        own = listen_ports(code)
        sources.append(
            SourceFile(rel, pkg_dir, package.group(1), code, not own and bool(LISTEN_CALL.search(code)), text)
        )
        started = started_servers(project, prefix, code)
        ports += [(port, rel, is_main) for port in [*own, *(server.port for server in started)]]
        port_env += [rel] if PORT_ENV.search(code) or any(server.reads_port for server in started) else []
        loopback += [rel] if listens_on_loopback(code) else []
        loopback_flags += [(m["flag"], m["port"], rel) for m in LOOPBACK_FLAG.finditer(code) if is_main]
        file_opens, file_named = paths_read(code)
        # The folders a framework reads by convention (beego's views) count as opened (copied when they exist).
        opened += [(lit, rel) for lit in [*file_opens, *conventional_folders(project, prefix, started)]]
        named += [(lit, rel) for lit in file_named]
        writes += [rel] if WRITES.search(code) else []
        listens += [rel] if LISTEN_CALL.search(code) else []
    cxx = cxx or (bool(cgo) and any(project.glob(f"{prefix}**/*{suffix}") for suffix in CXX_SUFFIXES))
    ports, loopback_flags = served_only(ports, loopback_flags, sources)
    port_env = _port_readers(port_env, sources)
    ports = ports or [
        (p, s.file, s.package == "main") for s in sources if s.listens for p in declared_ports(s, sources)
    ]
    # A folder of standalone programs (every file a func main) is built file by file: `go build .` stops
    # with `main redeclared in this block`.
    serve = find_serve_command(command_files(project, files))
    return SourceScan(
        # First: it moves standalone program files into mains.
        test_dirs=tuple(_standalone_programs(sources, prefix, mains)),
        main_packages=tuple(sorted(mains)),
        cgo_files=tuple(cgo),
        cxx=cxx,
        c_libraries=tuple(sorted(libs)),
        embeds=tuple(dict.fromkeys(embeds)),
        embed_files=tuple(embed_files),
        ports=tuple((p, f) for p, f, _ in sorted(ports, key=lambda p: not p[2])),  # main packages first
        port_env=tuple(port_env),
        loopback=tuple(loopback),
        opened=tuple(dict.fromkeys(opened)),
        writes=tuple(writes),
        listens=tuple(listens),
        named=tuple(dict.fromkeys(named)),
        version_var_typed=next((s.file for s in sources if s.package == "main" and typed_version(s.code)), ""),
        config_flags=tuple((flag, s.file) for s in sources if s.package == "main" for flag in config_flags(s.code)),
        loopback_flags=tuple(loopback_flags),
        acme=next((s.file for s in sources if ACME_IMPORT.search(s.text)), ""),
        host_flags=_host_flags(sources, serve[1] if serve else ""),
        generators=tuple(s.file for s in sources if GENERATE.search(s.text)),
        port_flags=tuple(
            (flag, address, s.file)
            for s in sources
            if s.package == "main"
            for flag, address in required_port_flags(s.code)
        ),
        serve_command=serve,
        dotenv=tuple(dict.fromkeys(d for rel in files for d in dotenv_loads(project, rel))),
        host_env=tuple(
            (name, rel)
            for rel in files
            if (name := host_env(COMMENT.sub(lambda c: c.group(1) or "", go_source(project, rel))))
        ),
        port_names=port_variables(project, files),
    )


def _standalone_programs(sources: list[SourceFile], prefix: str, mains: set[str]) -> list[str]:
    """A folder of standalone programs (every file of package main has a func main and no build constraint:
    server.go and client.go, run with `go run server.go`) is built file by file, as `go build .` stops with
    `main redeclared in this block`: its files replace it in `mains`. Returns, when there is one, every other
    package folder for `go test` (./... would compile that folder too); else []."""
    programs: dict[str, list[str]] = {}
    for s in sources:
        if s.package == "main" and not BUILD_CONSTRAINT.search(s.text):
            programs.setdefault(s.dir, []).append(s.file[len(prefix) :] if FUNC_MAIN.search(s.code) else "")
    loose = {d for d, files in programs.items() if len(files) > 1 and all(files)}
    for pkg_dir in loose:
        mains.discard(pkg_dir)
        mains.update(programs[pkg_dir])
    return sorted({s.dir for s in sources} - loose) if loose else []


def _port_readers(port_env: list[str], sources: list[SourceFile]) -> list[str]:
    """The files that read PORT: a struct tag under a prefix (`envconfig.Process("app", …)` with
    `envconfig:"PORT"`) reads APP_PORT instead, so there PORT counts only where it is read by name."""
    if not tag_prefixed_port([(s.file, s.code) for s in sources]):
        return port_env
    servers = [server for server in bare_servers() if server.reads_port]
    by_name = {
        s.file for s in sources if PORT_LOOKUP.search(s.code) or any(calls_bare_server(s.code, v) for v in servers)
    }
    return [rel for rel in port_env if rel in by_name]


def _host_flags(sources: list[SourceFile], serve_file: str) -> tuple[tuple[str, str], ...]:
    """(flag, file) of the loopback host flags of main packages, files that listen and the serve command's file
    (cobra declares its flags in cmd/serve.go)."""
    return tuple(
        (flag, s.file)
        for s in sources
        if s.package == "main" or LISTEN_CALL.search(s.code) or s.file == serve_file
        for flag in loopback_host_flags(s.code)
    )
