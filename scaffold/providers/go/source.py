"""Scan Go source files (not manifests) for what the Dockerfile depends on.

Regexes are fine here: this is a scan of code for hints (package clause, `import "C"`, `//go:embed`,
listen addresses), not the parse of a manifest. Test files never count: they do not reach the binary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from scaffold.project import MAX_BYTES, ProjectDir
from scaffold.providers.go.data import BareServer, bare_servers

_PACKAGE = re.compile(r"^package\s+(\w+)", re.MULTILINE)
_FUNC_MAIN = re.compile(r"^func main\(\)", re.MULTILINE)
_IGNORE_TAG = re.compile(r"^//(go:build|\s*\+build)\s+ignore\b", re.MULTILINE)
_IMPORT_C = re.compile(r'^\s*import\s+"C"|^import\s*\((?:[^)]*\n)*?\s*"C"\s*\n', re.MULTILINE)
_EMBED = re.compile(r"^//go:embed\s+(.+)$", re.MULTILINE)
_CGO_LDFLAGS = re.compile(r"^(?://)?\s*#cgo\s+(?:[\w,!]+\s+)?LDFLAGS:(.*)$", re.MULTILINE)
_CGO_PKG_CONFIG = re.compile(r"^(?://)?\s*#cgo\s+(?:[\w,!]+\s+)?pkg-config:(.*)$", re.MULTILINE)
_LISTEN_CALLS = (
    # http.ListenAndServe(":8080", …), ListenAndServeTLS, net.Listen("tcp", ":8080")
    re.compile(r'ListenAndServe(?:TLS)?\(\s*"[\w.\-\[\]:]*:(\d{2,5})"'),
    re.compile(r'Listen\(\s*"tcp[46]?"\s*,\s*"[\w.\-\[\]:]*:(\d{2,5})"'),
    # gin r.Run(":8080"), echo e.Start(":8080"), fiber app.Listen(":3000")
    re.compile(r'\.(?:Run|Start|Listen)\(\s*"[\w.\-]*:(\d{2,5})"'),
    # &http.Server{Addr: ":8080"}
    re.compile(r'Addr:\s*"[\w.\-]*:(\d{2,5})"'),
    # The port literal joined to a host: http.ListenAndServe(host+":8097", nil), Addr: cfg.Host + ":8080".
    re.compile(r'(?:ListenAndServe(?:TLS)?\(|Addr:)\s*[\w.()]+\s*\+\s*":(\d{2,5})"'),
)
_FLAG_DEFAULTS = (
    # A listen-address flag's default: flag.String("addr", ":4000", …), fs.StringVar(&cfg.addr, "listen", …),
    # pflag's StringP("bind", "b", "0.0.0.0:8080", …); the server binds it unless a flag says otherwise.
    re.compile(
        r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"[\w-]*(?:addr|listen|bind|http|port)[\w-]*"\s*,'
        r'(?:\s*"\w?"\s*,)?\s*"[\w.\-\[\]]*:(\d{2,5})"',
        re.IGNORECASE,
    ),
    # A port flag held as a string: flag.String("port", "8080", …) (then ":" + *port).
    re.compile(
        r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"[\w-]*port[\w-]*"\s*,(?:\s*"\w?"\s*,)?\s*"(\d{2,5})"\s*,',
        re.IGNORECASE,
    ),
    # urfave/cli's flags: &cli.IntFlag{Name: "port", Value: 8080}, &cli.StringFlag{Name: "addr", Value: ":8080"}.
    re.compile(
        r'(?:Int|Uint|String)Flag\{(?:[^{}]|\{[^{}]*\})*?Name:\s*"[\w-]*(?:port|addr|listen|bind)[\w-]*"(?:[^{}]|\{[^{}]*\})*?'
        r'Value:\s*"?(?:[\w.\-\[\]]*:)?(\d{2,5})\b',
        re.IGNORECASE,
    ),
    # A short flag whose usage says it is the port or address: flag.Int("p", 8080, "port to listen on"),
    # flag.String("a", ":8080", "listen address").
    re.compile(
        r'\.(?:Int|Uint|String)(?:Var)?\(\s*(?:&[\w.]+\s*,\s*)?"\w{1,2}"\s*,\s*"?(?:[\w.\-\[\]]*:)?(\d{2,5})"?\s*,'
        r'\s*"[^"\n]*\b(?:port|listen|bind|serve|http address)',
        re.IGNORECASE,
    ),
    # A port flag's default: flag.Int("port", 8080, …), flag.IntVar(&port, "port", 8080, …).
    re.compile(
        r'\.(?:Int|Uint)(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"[\w-]*port[\w-]*"\s*,(?:\s*"\w?"\s*,)?\s*(\d{2,5})\s*,',
        re.IGNORECASE,
    ),
)
"""A flag's default counts in a package that listens: a client's `flag.String("addr", "localhost:50051", "the
address to connect to")` (grpc-go's greeter_client) is where it dials, not a port it serves."""
_LISTEN = (*_LISTEN_CALLS, *_FLAG_DEFAULTS)
_COMMENT = re.compile(r"""("(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*')|//[^\n]*|/\*.*?\*/""", re.DOTALL)
"""A string (group 1, kept) or a comment (dropped): commented-out code (`// r.Run(":8080")`) and prose in comments
are no listen address, file or port. Directives (//go:embed, cgo's preamble) are read from the text as it is."""
_LOOPBACK_FLAG = re.compile(
    r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>[\w-]*(?:addr|listen|bind|http)[\w-]*)"\s*,(?:\s*"\w?"\s*,)?'
    r'\s*"(?:localhost|127\.0\.0\.1|\[::1\]):(?P<port>\d{2,5})"',
    re.IGNORECASE,
)
"""A listen-address flag whose default is loopback (`flag.String("addr", "localhost:8080", …)`): the image passes
the flag with the same port on every interface (`--addr :8080`)."""
_LISTEN_CALL = re.compile(r"ListenAndServe(?:TLS)?\(|\bAddr:|\bnet\.Listen\(|\.(?:Run|Start|Listen|Serve)\(")
"""A listen call whatever its argument: a variable's value is then the address (below)."""
_NAMED_ADDRESS = re.compile(
    r"(?im)\b(?:default|http|server|listen|web|app)?_?(?:addr|address|port|listen(?:addr|address)?|bind(?:addr)?)"
    r'\s*(?:string\s*|int\s*)?(?::=|=)\s*(?:"[\w.\-]*:(\d{2,5})"|"(\d{2,5})"|(\d{2,5})[ \t]*(?:$|;|\)|//))'
)
"""The listen address or port held in a variable or constant (`addr := ":8080"`, `const port = 8085`,
`listenAddr := "0.0.0.0:8086"`, the fallback of `if addr == "" { addr = ":8087" }`). Only names that mean the
server's own address: `dbPort` or `redisAddr` are some other server's. A bare number must be the whole value:
`port := 40 * 2` is computed, and its 40 is no port."""
_LISTEN_ARG = re.compile(
    r"\b(?:ListenAndServe(?:TLS)?|net\.Listen\(\s*\"tcp[46]?\"\s*,|\.(?:Run|Start|Listen))\(\s*([A-Za-z_]\w*)\s*[,)]"
)
"""The identifier a listen call takes as its address (`http.ListenAndServe(AddSrv, h)`, `e.Start(addr)`)."""
_ENV_NAME = r'"(?:(?:HTTP|SERVER|APP|WEB|API|LISTEN|SERVICE)_)?(?:PORT|ADDR|ADDRESS|LISTEN_ADDR|HTTP_ADDR|BIND_ADDR)"'
_ENV_DEFAULT = (
    # A helper reading a variable with a fallback: getEnv("SERVER_PORT", "7070"), envOr("ADDR", ":8080").
    re.compile(r"\b\w+\(\s*" + _ENV_NAME + r'\s*,\s*"(?:[\w.\-\[\]]*:)?(\d{2,5})"\s*\)'),
    # viper's default for the server's own key: viper.SetDefault("server.port", 8080), SetDefault("addr", ":9000").
    re.compile(
        r'SetDefault\(\s*"(?:[\w-]+\.)*(?:http_?)?(?:port|addr|address|listen)"\s*,\s*"?(?:[\w.\-]*:)?(\d{2,5})"?\s*\)',
        re.I,
    ),
    # A struct tag of envconfig or caarlos0/env: `envconfig:"PORT" default:"8080"`, `env:"PORT" envDefault:"8080"`.
    re.compile(r"(?:env|envconfig):" + _ENV_NAME + r'[^`\n]*?\b(?:envDefault|default):"(?:[\w.\-]*:)?(\d{2,5})"'),
)
"""The default of the variable a server's own address comes from (not DB_PORT: some other server's)."""
_JOIN_HOST_PORT = re.compile(r'JoinHostPort\(\s*"[^"]*"\s*,\s*"(\d{2,5})"')
# A struct field bound to PORT by its tag reads it too: kelseyhightower/envconfig (`envconfig:"PORT"`),
# caarlos0/env and sethvargo/go-envconfig (`env:"PORT" envDefault:"3000"`, `env:"PORT, default=3000"`).
_PORT_ENV = re.compile(r'(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)|`[^`\n]*\b(?:envconfig|env):"PORT[",]')
# The default next to a PORT lookup: port = "8080", cmp.Or(os.Getenv("PORT"), "8080"), ":" + "8080"
_PORT_DEFAULT = (
    re.compile(r'(?i)\bport\w*\s*:?=\s*"(\d{2,5})"'),
    re.compile(r'Getenv\(\s*"PORT"\s*\)\s*,\s*"(\d{2,5})"'),
)
_LOOPBACK = re.compile(r'"(?:127\.0\.0\.1|localhost|\[::1\]):')
"""A listen address on the loopback interface: nothing outside the container reaches it."""
# Calls that open files by path at run time (templates, static assets, data): their string literals name
# files the binary needs beside it, unless they are embedded.
_OPENS = re.compile(
    r"\b(?:ParseFiles|ParseGlob|LoadHTMLGlob|LoadHTMLFiles|Static|StaticFile|ServeFile|Dir|ReadFile|ReadDir|Open)"
    r"\(([^()]*)\)"
)
_LITERAL = re.compile(r'"([^"\\]+)"')
_PATH_LITERAL = re.compile(r'"(?:file://)?((?:\./)?[A-Za-z0-9_][\w.\-]*(?:/[\w.\-*]*)*)"')
"""A string literal shaped like a relative path (`"web"`, `"createTable.sql"`, `"templates/"`): one that names a
file of the module is read at run time, whatever the call (filepath.Join, a helper, a constant, a flag default, a
golang-migrate source `"file://migrations"`)."""
_IMPORTS = re.compile(r'^import\s*(?:\([^)]*\)|[\w.]*\s*"[^"]*")', re.MULTILINE)
_WRITES = re.compile(
    r'\b(?:os|ioutil)\.(?:WriteFile|Create|Mkdir|MkdirAll|OpenFile)\(|\bsql(?:x)?\.Open\(\s*"sqlite3?"|\bsqlite\.Open\('
)
"""Calls that create files in the working directory (an SQLite database included: sql.Open("sqlite3", "app.db"))."""
_CLI_IMPORT = re.compile(
    r'"github\.com/(?:spf13/cobra|urfave/cli(?:/v\d+)?|alecthomas/kong)"|os\.Args\[1\]|flag\.Arg\(0\)'
)
"""A program that dispatches subcommands: cobra, urfave/cli, or its own switch on the first argument."""
_COMMAND_DECL = re.compile(
    # cobra's Use ("serve [flags]"), a flag set named for its subcommand, a case of a switch on os.Args[1],
    # and urfave/cli's Name: (flags have Names too: those inside a …Flag{ literal are skipped below).
    r'\bUse:\s*"(?P<use>[a-z][\w-]*)'
    r'|\bNewFlagSet\(\s*"(?P<flagset>[a-z][\w-]*)"'
    r'|\bcase\s+"(?P<case>[a-z][\w-]*)"\s*(?:,[^:]*)?:'
    r'|(?:os\.Args\[1\]|flag\.Arg\(0\))\s*==\s*"(?P<equals>[a-z][\w-]*)"'
    # kong's command field: `Serve ServeCmd \`cmd:"" help:"…"\`` is the subcommand `serve`.
    r'|^\s*(?P<kong>[A-Z]\w*)\s+\*?[\w.]+\s+`[^`\n]*\bcmd:""'
    r'|\bName:\s*"(?P<name>[a-z][\w-]*)"',
    re.MULTILINE,
)
_ARG_SWITCH = re.compile(r"os\.Args\[1\]|flag\.Arg\(0\)|\.Command\(\)")
"""A switch on the first argument (or kong's ctx.Command()): its `case "serve":` lines name subcommands."""
_EXECUTED = re.compile(r"\b(\w+)\.Execute(?:C|Context)?\(")
_CMD_VAR = re.compile(r'\b(\w+)\s*:?=\s*&cobra\.Command\{\s*Use:\s*"([a-z][\w-]*)')
SERVER_COMMANDS = ("serve", "server", "web", "http", "api", "start", "run", "daemon")
"""Subcommand names that start a server, most telling first: the one run when the listen call is elsewhere."""
_STD_LIBS = frozenset({"-lc", "-lm", "-lpthread", "-ldl", "-lrt", "-lstdc++"})
_CXX_SUFFIXES = (".cc", ".cpp", ".cxx")


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
    dotenv: tuple[tuple[str, str], ...] = ()
    """(file name, source file) of each .env file godotenv.Load/Overload opens in the working directory (no
    arguments: `.env`); the app exits when it is missing, and a .env never enters the image."""
    serve_command: tuple[str, str] | None = None
    """(subcommand, file) of a CLI whose server is a subcommand (`app serve`): run with no arguments it prints
    its help and exits."""


def go_source(project: ProjectDir, rel: str) -> str:
    """A Go file's text, or "" for one over the read limit: a generated table or go-bindata's assets (x/text's
    collate tables are 5 MB, aws-sdk-go's service APIs more) hold no package main, listen call or cgo, and a
    project that has one must not be refused."""
    path = project.path(rel)
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        return ""
    return project.read_text(rel)


GO_SKIP_DIRS = frozenset({"vendor", "node_modules", "testdata"})
"""What the go tool never builds from; unlike other languages, `build/` or `dist/` may hold Go packages."""


def go_files(project: ProjectDir, module_dir: str) -> list[str]:
    """Non-test .go files of the module at `module_dir`, relative to the project root."""
    prefix = "" if module_dir == "." else module_dir + "/"
    out = []
    for rel in project.walk((".go",), skip=GO_SKIP_DIRS):
        if not rel.startswith(prefix) or rel.endswith("_test.go"):
            continue
        inner = rel[len(prefix) :]
        # The go tool ignores testdata and _-prefixed dirs; nested modules are not this module's.
        parts = inner.split("/")[:-1]
        if any(p == "testdata" or p.startswith("_") for p in parts):
            continue
        if any(project.has(join(prefix, *parts[: i + 1], "go.mod")) for i in range(len(parts))):
            continue
        out.append(rel)
    return out


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
    sources: list[_Source] = []
    for rel in files:
        text = go_source(project, rel)
        package = _PACKAGE.search(text)
        if package is None or _IGNORE_TAG.search(text[: package.start()]):
            continue
        pkg_dir = dirname(rel[len(prefix) :]) or "."
        is_main = package.group(1) == "main"
        if is_main:
            mains.add(pkg_dir)
        if _IMPORT_C.search(text):
            cgo.append(rel)
            file_libs, file_cxx = _cgo_links(text)
            libs.update(file_libs)
            cxx = cxx or file_cxx
        code = _COMMENT.sub(lambda m: m.group(1) or "", text)
        file_embeds = [normpath(join(pkg_dir, p)) for m in _EMBED.finditer(text) for p in _embed_patterns(m.group(1))]
        embeds += file_embeds
        embed_files += [rel] if file_embeds else []
        own = _ports(code)
        sources.append(_Source(rel, pkg_dir, package.group(1), code, not own and bool(_LISTEN_CALL.search(code)), text))
        servers = [(server.port, server.reads_port) for server in bare_servers() if _calls(code, server)]
        ports += [(port, rel, is_main) for port in [*own, *(port for port, _ in servers)]]
        port_env += [rel] if _PORT_ENV.search(code) or any(reads for _, reads in servers) else []
        loopback += [rel] if _loopback(code) else []
        loopback_flags += [(m["flag"], m["port"], rel) for m in _LOOPBACK_FLAG.finditer(code) if is_main]
        file_opens, file_named = _paths(code)
        opened += [(lit, rel) for lit in file_opens]
        named += [(lit, rel) for lit in file_named]
        writes += [rel] if _WRITES.search(code) else []
        listens += [rel] if _LISTEN_CALL.search(code) else []
    if cgo:
        cxx = cxx or any(project.glob(f"{prefix}**/*{suffix}") for suffix in _CXX_SUFFIXES)
    ports, loopback_flags = _served(ports, loopback_flags, sources)
    ports = ports or [
        (p, s.file, s.package == "main") for s in sources if s.listens for p in _declared_ports(s, sources)
    ]
    ordered = sorted(ports, key=lambda p: not p[2])
    # A folder of standalone programs (every file a func main) is built file by file: `go build .` stops
    # with `main redeclared in this block`.
    return SourceScan(
        # First: it moves standalone program files into mains.
        test_dirs=tuple(_standalone_programs(sources, prefix, mains)),
        main_packages=tuple(sorted(mains)),
        cgo_files=tuple(cgo),
        cxx=cxx,
        c_libraries=tuple(sorted(libs)),
        embeds=tuple(dict.fromkeys(embeds)),
        embed_files=tuple(embed_files),
        ports=tuple((p, f) for p, f, _ in ordered),
        port_env=tuple(port_env),
        loopback=tuple(loopback),
        opened=tuple(dict.fromkeys(opened)),
        writes=tuple(writes),
        listens=tuple(listens),
        named=tuple(dict.fromkeys(named)),
        loopback_flags=tuple(loopback_flags),
        serve_command=_serve_command(_commands(project, files)),
        dotenv=tuple(dict.fromkeys(d for rel in files for d in _dotenv(project, rel))),
        host_env=tuple(
            (name, rel)
            for rel in files
            if (name := host_env(_COMMENT.sub(lambda c: c.group(1) or "", go_source(project, rel))))
        ),
        port_names=_port_names(project, files),
    )


def _port_names(project: ProjectDir, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(variable, file) of the server's own port variables (APP_PORT), else of its address variables (ADDR)."""
    codes = [(rel, _COMMENT.sub(lambda c: c.group(1) or "", go_source(project, rel))) for rel in files]
    ports = tuple((name, rel) for rel, code in codes if (name := port_name_env(code)))
    if ports or any(_PORT_ENV.search(code) for _, code in codes):
        return ports
    return tuple((name, rel) for rel, code in codes if (name := addr_name_env(code)))


@dataclass(frozen=True)
class _Command:
    """A file that declares subcommands or dispatches on them."""

    file: str
    code: str
    dispatches: bool
    """It imports a CLI framework or switches on os.Args[1]."""
    main: bool


def _commands(project: ProjectDir, files: Iterable[str]) -> list[_Command]:
    """The files that declare subcommands or dispatch on them, with their code (comments dropped)."""
    out = []
    for rel in files:
        text = go_source(project, rel)
        if not (_CLI_IMPORT.search(text) or _COMMAND_DECL.search(text)):
            continue
        package = _PACKAGE.search(text)
        if package is None or _IGNORE_TAG.search(text[: package.start()]):
            continue
        code = _COMMENT.sub(lambda m: m.group(1) or "", text)
        out.append(_Command(rel, code, bool(_CLI_IMPORT.search(code)), package.group(1) == "main"))
    return out


def _serve_command(files: list[_Command]) -> tuple[str, str] | None:
    """The subcommand that starts the server of a CLI (cobra, urfave/cli, flag sets, a switch on os.Args[1]):
    the one declared nearest before the listen call in the same file, else one named like a server (`serve`).
    None when the listen call follows the root command's own declaration (the root serves with no arguments)."""
    if not any(f.dispatches for f in files):
        return None
    roots = {m.group(1) for f in files for m in _EXECUTED.finditer(f.code)}
    root_uses = {m.group(2) for f in files for m in _CMD_VAR.finditer(f.code) if m.group(1) in roots}
    named: list[tuple[str, str]] = []
    for f in files:
        decls = [(pos, name, f.file) for pos, name in _declarations(f.code, root_uses)]
        listen = _LISTEN_CALL.search(f.code)
        if listen is not None:
            # The innermost declaration whose literal (or block) holds the listen call.
            for pos, name, where in reversed([d for d in decls if d[0] < listen.start()]):
                if listen.start() < _block_end(f.code, pos):
                    return (name, where) if name else None
        named += [(name, where) for _, name, where in decls if name]
    for word in SERVER_COMMANDS:
        for name, where in named:
            if name == word:
                return name, where
    return None


def _block_end(code: str, pos: int) -> int:
    """Where the brace-delimited literal or block around `pos` closes (the end of `code` if it does not)."""
    depth = 0
    start = code.rfind("{", 0, pos)
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code)


def _declarations(code: str, root_uses: set[str]) -> list[tuple[int, str]]:
    """(position, subcommand) of each command declared in `code`; a root command (cobra's executed command,
    urfave/cli's App) as an empty name."""
    out: list[tuple[int, str]] = []
    switches = bool(_ARG_SWITCH.search(code))
    cobra, urfave = '"github.com/spf13/cobra"' in code, '"github.com/urfave/cli' in code
    for m in _COMMAND_DECL.finditer(code):
        if m["name"] is not None and urfave:
            # The literal this Name: belongs to: the text before its opening brace says which.
            literal = code[max(0, m.start() - 200) : m.start()].rsplit("{", 1)[0][-12:]
            if "Flag" in literal:
                continue
            out.append((m.start(), "" if "App" in literal else m["name"]))
        elif m["use"] is not None and cobra:
            out.append((m.start(), "" if m["use"] in root_uses else m["use"]))
        elif m["kong"] is not None:
            name = re.sub(r"(?<!^)(?=[A-Z])", "-", m["kong"]).lower()
            if '"github.com/alecthomas/kong"' in code and name in SERVER_COMMANDS:
                out.append((m.start(), name))
        elif m["flagset"] is not None or m["equals"] is not None or (m["case"] is not None and switches):
            # A branch on the first argument may return before a server the program starts by default
            # (`if os.Args[1] == "migrate" { …; return }`): only a name that means serving counts.
            name = m["flagset"] or m["equals"] or m["case"]
            if name in SERVER_COMMANDS:
                out.append((m.start(), name))
    return out


def _cgo_links(text: str) -> tuple[set[str], bool]:
    """The non-standard libraries a cgo file links (-l flags, pkg-config names), and whether it links libstdc++."""
    libs: set[str] = set()
    cxx = False
    for m in _CGO_LDFLAGS.finditer(text):
        flags = m.group(1).split()
        cxx = cxx or "-lstdc++" in flags
        libs.update(f for f in flags if f.startswith("-l") and f not in _STD_LIBS)
    for m in _CGO_PKG_CONFIG.finditer(text):
        libs.update(m.group(1).split())
    return libs, cxx


_JOIN_LITERALS = re.compile(r'\b(?:filepath|path)\.Join\(\s*("[\w.-]+"(?:\s*,\s*"[\w.-]+")+)\s*[,)]')
_VIPER_NAME = re.compile(r'SetConfigName\(\s*"([\w.-]+)"\s*\)')
_VIPER_PATH = re.compile(r'AddConfigPath\(\s*"([^"\\]+)"\s*\)')
VIPER_TYPES = (".yaml", ".yml", ".json", ".toml", ".env", ".ini", ".hcl", ".properties")
"""The extensions viper tries for a config named by SetConfigName, in each AddConfigPath directory."""


def _paths(code: str) -> tuple[list[str], list[str]]:
    """The path literals of calls that open files (and the files viper looks for), and every path-shaped
    literal outside the imports."""
    opened = [lit for call in _OPENS.finditer(code) for lit in _LITERAL.findall(call.group(1))]
    dirs = _VIPER_PATH.findall(code) or ["."]
    opened += [join(d, name + ext) for name in _VIPER_NAME.findall(code) for d in dirs for ext in VIPER_TYPES]
    named = _PATH_LITERAL.findall(_IMPORTS.sub("", code))
    # filepath.Join("client", "build"): the path its literal arguments make (a frontend build served from it).
    named += ["/".join(_LITERAL.findall(m.group(1))) for m in _JOIN_LITERALS.finditer(code)]
    return opened, named


def _embed_patterns(args: str) -> list[str]:
    """The patterns of one //go:embed line (space-separated or quoted); `all:` only affects hidden files."""
    out = []
    for token in re.findall(r'"[^"]*"|`[^`]*`|\S+', args):
        if token.startswith("//"):
            break
        pattern = token.strip('"`').removeprefix("all:")
        if pattern:
            out.append(pattern)
    return out


_GOROUTINE = re.compile(r"(?m)^[ \t]*go[ \t]+(?:func[ \t]*\([^)\n]*\)[ \t]*\{)?")
"""A `go` statement: a listen call it starts (`go http.ListenAndServe(":6060", nil)` for pprof, a metrics server
in `go func() { … }()`) serves beside the main server, which is the call that blocks."""


MAX_GOROUTINES = 100
GOROUTINE_WINDOW = 10_000
"""At most this many `go` statements are read, each literal's body within this many characters: a hostile file
of unclosed `go func() {` stays fast, and a real goroutine's listen call comes early in its body."""


def _in_goroutine(text: str) -> list[tuple[int, int]]:
    """The spans of the file's `go` statements: a `go func() {…}` literal's body, else the rest of the line."""
    spans = []
    for m in itertools.islice(_GOROUTINE.finditer(text), MAX_GOROUTINES):
        if m.group(0).rstrip().endswith("{"):
            window = text[m.end() - 1 : m.end() - 1 + GOROUTINE_WINDOW]
            spans.append((m.start(), m.end() - 1 + _block_end(window, 1)))
        else:
            end = text.find("\n", m.end())
            spans.append((m.start(), end if end >= 0 else len(text)))
    return spans


def _loopback(code: str) -> bool:
    """True when a listen call outside a goroutine binds loopback (pprof on localhost:6060 beside it is fine)."""
    spans = _in_goroutine(code)
    client = _DIAL.search(code) and not _LISTEN_CALL.search(code)
    patterns = _LISTEN_CALLS if client else _LISTEN  # a client's dial-address flag is no listen address
    return any(
        _LOOPBACK.search(m.group(0)) and not any(a <= m.start() < b for a, b in spans)
        for rx in patterns
        for m in rx.finditer(code)
    )


def _ports(text: str) -> list[str]:
    spans = _in_goroutine(text)

    def inside(m: re.Match[str]) -> bool:
        return any(a <= m.start() < b for a, b in spans)

    matches = [m for rx in (*_LISTEN, _JOIN_HOST_PORT, *_ENV_DEFAULT) for m in rx.finditer(text)]
    # A loopback server in a goroutine (pprof on localhost:6060) is a debugging aid nothing outside reaches: never
    # the app's port. The blocking listen call's port first: one in a goroutine may be a side server (metrics).
    matches = [m for m in matches if not (inside(m) and _LOOPBACK.search(m.group(0)))]
    matches.sort(key=inside)
    found = [m.group(1) for m in matches]
    if _PORT_ENV.search(text):
        found += [m.group(1) for rx in _PORT_DEFAULT for m in rx.finditer(text)]
    if not found and _LISTEN_CALL.search(text):
        # The call takes a variable: the address or port that variable (or constant) is given in this file.
        found = [next(g for g in m.groups() if g) for m in _NAMED_ADDRESS.finditer(text)]
    if not found:
        # Whatever its name (`const AddSrv = ":4040"`), the identifier the listen call is given.
        for name in dict.fromkeys(_LISTEN_ARG.findall(text)):
            assigned = re.compile(rf"\b{re.escape(name)}\s*(?:string\s*)?(?::=|=)\s*\"[\w.\-]*:(\d{{2,5}})\"")
            found += assigned.findall(text)
    return [p for p in found if 0 < int(p) < 65536]


_DIAL = re.compile(r"\b(?:Dial(?:Context|TLS|Timeout)?|NewClient)\(|\bhttp\.(?:Get|Post|NewRequest(?:WithContext)?)\(")
"""A client's call: it connects to the address its flag names."""


def _served(
    ports: list[tuple[str, str, bool]],
    flags: list[tuple[str, str, str]],
    sources: list[_Source],
) -> tuple[list[tuple[str, str, bool]], list[tuple[str, str, str]]]:
    """The ports and loopback flags without the flag defaults of packages that never listen (a client's dial
    address, `flag.String("addr", "localhost:50051", …)`)."""
    listening = {dirname(s.file) for s in sources if _LISTEN_CALL.search(s.code)}
    # A package that dials and never listens is a client; one that only declares flags (cobra's cmd/root.go
    # beside the server package) keeps them.
    clients = {dirname(s.file) for s in sources if _DIAL.search(s.code)} - listening
    dialed = {(port, s.file) for s in sources for rx in _FLAG_DEFAULTS for port in rx.findall(s.code)}
    kept = [p for p in ports if dirname(p[1]) not in clients or (p[0], p[1]) not in dialed]
    return kept, [f for f in flags if dirname(f[2]) not in clients]


def _calls(code: str, server: BareServer) -> bool:
    """True when the file imports a framework whose bare start call (`r.Run()`) listens on its default port."""
    return f'"{server.import_path}"' in code and bool(re.search(rf"\.{re.escape(server.call)}\(\s*\)", code))


@dataclass(frozen=True)
class _Source:
    """One Go file of the module, comments dropped, for what one file's address needs from the others."""

    file: str
    dir: str
    package: str
    code: str
    listens: bool
    """It has a listen call and no address of its own: the address is declared in another file."""
    text: str = ""
    """The file as written (its build constraint, which `code` drops with the comments)."""


def _standalone_programs(sources: list[_Source], prefix: str, mains: set[str]) -> list[str]:
    """A folder of standalone programs (every file of package main has a func main and no build constraint:
    server.go and client.go, run with `go run server.go`) is built file by file, as `go build .` stops with
    `main redeclared in this block`: its files replace it in `mains`. Returns, when there is one, every other
    package folder for `go test` (./... would compile that folder too); else []."""
    programs: dict[str, list[str]] = {}
    for s in sources:
        if s.package == "main" and not _BUILD_CONSTRAINT.search(s.text):
            programs.setdefault(s.dir, []).append(s.file[len(prefix) :] if _FUNC_MAIN.search(s.code) else "")
    loose = {d for d, files in programs.items() if len(files) > 1 and all(files)}
    for pkg_dir in loose:
        mains.discard(pkg_dir)
        mains.update(programs[pkg_dir])
    return sorted({s.dir for s in sources} - loose) if loose else []


_LISTEN_EXPR = re.compile(
    r"(?:\bListenAndServe(?:TLS)?\(|\bnet\.Listen\(\s*\"tcp[46]?\"\s*,|\.(?:Run|Start|Listen)\(|\bAddr:)"
    r"\s*((?:[^,(){}\n]|\([^()]*\))*)"
)
"""The address expression a listen call takes: `port`, `config.Addr`, `fmt.Sprintf(":%d", Port)`, `":" + port`."""
_OPERAND = re.compile(r'"(?:[^"\\\n]|\\.)*"|\b([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\b(?!\s*\()')
"""A string (skipped) or an identifier, maybe qualified (`config.Port`), that is not called (`fmt.Sprintf(`)."""
STD_QUALIFIERS = frozenset({"fmt", "strconv", "os", "net", "http", "strings", "time", "log", "flag", "cmp"})


MAX_OPERANDS = 20


def _declared_ports(listener: _Source, sources: list[_Source]) -> list[str]:
    """The port of the identifiers a file's listen call takes, declared at package level in another file: a
    sibling of the same package (`const port = 8080` in config.go), or the package a qualifier names
    (`config.Addr` → `const Addr = ":8080"` in config/)."""
    found: list[str] = []
    operands = dict.fromkeys(
        (m.group(1), m.group(2))
        for expr in _LISTEN_EXPR.findall(listener.code)
        for m in _OPERAND.finditer(expr)
        if m.group(1) is not None and m.group(1) not in STD_QUALIFIERS
    )
    siblings = [s for s in sources if s.dir == listener.dir and s.package == listener.package]
    # Each name is a search of its package's files: a few are enough (a hostile file may name thousands).
    for first, second in itertools.islice(operands, MAX_OPERANDS):
        imported = [s for s in sources if s.package == first and s.dir.rsplit("/", 1)[-1] == first]
        if second is None:
            places, declared = (
                siblings,
                rf"(?:^[ \t]*|\b(?:const|var)\s+){re.escape(first)}(?:\s+(?:string|int))?\s*=",
            )
        elif imported:
            places, declared = (
                imported,
                rf"(?:^[ \t]*|\b(?:const|var)\s+){re.escape(second)}(?:\s+(?:string|int))?\s*=",
            )
        else:
            # A field of a value (`cfg.Port`): the composite literal that sets it (`Config{Port: 4040}`).
            places, declared = siblings, rf"[{{,][ \t\n]*{re.escape(second)}:"
        value = re.compile(
            rf"(?m){declared}\s*"
            r'(?:"[\w.\-\[\]]*:(\d{2,5})"|"(\d{2,5})"|(\d{2,5})[ \t]*(?:$|;|//|,|\}))'
        )
        found += [next(g for g in v.groups() if g) for s in places for v in value.finditer(s.code)]
    return [p for p in dict.fromkeys(found) if 0 < int(p) < 65536]


_HOST_ENV = re.compile(r'\b(?:Getenv|LookupEnv|\w+)\(\s*"((?:(?:HTTP|SERVER|APP|WEB|API|LISTEN|BIND|SERVICE)_)?HOST)"')
"""The server's own host variable (HOST, SERVER_HOST; not DB_HOST: some other server's): a listen address built
from it with a loopback fallback reaches nothing outside the container unless the image sets it."""


def host_env(code: str) -> str | None:
    """The host variable a file that listens reads, if any."""
    m = _HOST_ENV.search(code)
    return m.group(1) if m and _LISTEN_CALL.search(code) else None


_PORT_NAME_ENV = re.compile(r'\b(?:Getenv|LookupEnv|\w+)\(\s*"((?:HTTP|SERVER|APP|WEB|API|LISTEN|SERVICE)_PORT)"')
"""The server's own port variable under a prefixed name (APP_PORT; not DB_PORT: some other server's), read with
os.Getenv, os.LookupEnv or a helper (`getenv("APP_PORT", "6969")`), in whichever file builds the config."""


def port_name_env(code: str) -> str | None:
    """The prefixed port variable a file reads, if any."""
    m = _PORT_NAME_ENV.search(code)
    return m.group(1) if m else None


_ADDR_NAME_ENV = re.compile(
    r'\b(?:Getenv|LookupEnv|\w+)\(\s*"((?:(?:HTTP|SERVER|APP|WEB|API|LISTEN|BIND|SERVICE)_)?(?:ADDR|ADDRESS)'
    r'|(?:LISTEN|HTTP|BIND)_ADDR(?:ESS)?)"'
)
"""The server's own listen-address variable (ADDR, LISTEN_ADDR, HTTP_ADDR; not REDIS_ADDR): empty, net/http
listens on :80, which the image's non-root user cannot bind. The image sets it to `:PORT` (only when no port
variable is read: SERVER_ADDRESS beside SERVER_PORT is a host)."""


def addr_name_env(code: str) -> str | None:
    """The listen-address variable a file reads, if any."""
    m = _ADDR_NAME_ENV.search(code)
    return m.group(1) if m else None


_DOTENV_LOAD = re.compile(r"\bgodotenv\.(?:Must)?(?:Load|Overload)\(([^()]*)\)")
_ENV_FILE_NAME = re.compile(r"\.env(?:\.[\w-]+)?|[\w-]+\.env")


def _dotenv(project: ProjectDir, rel: str) -> list[tuple[str, str]]:
    """The .env files `rel` loads with godotenv from the working directory: `.env` for Load(), else the plain
    .env-shaped names it is given (a path with a folder, or a variable, is left alone)."""
    text = go_source(project, rel)
    if "godotenv" not in text:
        return []
    out = []
    for m in _DOTENV_LOAD.finditer(_COMMENT.sub(lambda c: c.group(1) or "", text)):
        names = _LITERAL.findall(m.group(1)) if m.group(1).strip() else [".env"]
        out += [(n, rel) for n in names if _ENV_FILE_NAME.fullmatch(n)]
    return out


_BUILD_CONSTRAINT = re.compile(r"^//(?:go:build|\s*\+build)\s", re.MULTILINE)
_OTHER_OS = re.compile(
    r"_(?:windows|darwin|ios|freebsd|openbsd|netbsd|dragonfly|solaris|illumos|aix|plan9|js|wasip1|android)"
    r"(?:_[a-z0-9]+)?\.go$"
)
MAX_VENDORED_FILES = 5000
"""At most this many vendored files are read for cgo (a huge vendor/ cannot make init slow)."""


def vendored_cgo(project: ProjectDir, module_dir: str) -> str | None:
    """The first vendored file the build compiles with cgo whatever the tags: a package listed in
    vendor/modules.txt (the packages the build uses) with `import "C"` in a file with no build constraint and no
    other OS in its name. A file constrained (`//go:build cgo`, a !cgo twin beside it) is optional and not counted."""
    prefix = "" if module_dir == "." else module_dir + "/"
    listed = project.read_text(prefix + "vendor/modules.txt")
    packages = [line.strip() for line in listed.splitlines() if line.strip() and not line.startswith("#")]
    read = 0
    for package in packages:
        if ".." in package.split("/"):
            continue
        folder = f"{prefix}vendor/{package}"
        if not project.is_dir(folder):
            continue
        # Not project.glob: it skips vendor/ (no project's own sources are there).
        for rel in sorted(f"{folder}/{p.name}" for p in project.path(folder).glob("*.go")):
            if rel.endswith("_test.go") or _OTHER_OS.search(rel):
                continue
            read += 1
            if read > MAX_VENDORED_FILES:
                return None
            text = go_source(project, rel)
            package_clause = _PACKAGE.search(text)
            head = text[: package_clause.start()] if package_clause else text
            if not _BUILD_CONSTRAINT.search(head) and _IMPORT_C.search(text):
                return rel
    return None
