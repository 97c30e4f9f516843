"""Listen addresses in Go source: the ports a file serves on, in calls, flags, variables and declarations
elsewhere in the package; loopback binds; side servers in goroutines; clients that only dial."""

from __future__ import annotations

import itertools
import re
from posixpath import dirname

from scaffold.providers.go.data import BareServer
from scaffold.providers.go.gofile import SourceFile, block_end
from scaffold.providers.go.port_env import ENV_DEFAULT, PORT_DEFAULT, PORT_ENV

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
LOOPBACK_FLAG = re.compile(
    r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>[\w-]*(?:addr|listen|bind|http)[\w-]*)"\s*,(?:\s*"\w?"\s*,)?'
    r'\s*"(?:localhost|127\.0\.0\.1|\[::1\]):(?P<port>\d{2,5})"',
    re.IGNORECASE,
)
"""A listen-address flag whose default is loopback (`flag.String("addr", "localhost:8080", …)`): the image passes
the flag with the same port on every interface (`--addr :8080`)."""
LISTEN_CALL = re.compile(r"ListenAndServe(?:TLS)?\(|\bAddr:|\bnet\.Listen\(|\.(?:Run|Start|Listen|Serve)\(")
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
_JOIN_HOST_PORT = re.compile(r'JoinHostPort\(\s*"[^"]*"\s*,\s*"(\d{2,5})"')
_LOOPBACK = re.compile(r'"(?:127\.0\.0\.1|localhost|\[::1\]):')
"""A listen address on the loopback interface: nothing outside the container reaches it."""


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
            spans.append((m.start(), m.end() - 1 + block_end(window, 1)))
        else:
            end = text.find("\n", m.end())
            spans.append((m.start(), end if end >= 0 else len(text)))
    return spans


def listens_on_loopback(code: str) -> bool:
    """True when a listen call outside a goroutine binds loopback (pprof on localhost:6060 beside it is fine)."""
    spans = _in_goroutine(code)
    client = _DIAL.search(code) and not LISTEN_CALL.search(code)
    patterns = _LISTEN_CALLS if client else _LISTEN  # a client's dial-address flag is no listen address
    return any(
        _LOOPBACK.search(m.group(0)) and not any(a <= m.start() < b for a, b in spans)
        for rx in patterns
        for m in rx.finditer(code)
    )


_SERVICE = re.compile(r'"([\w.\-\[\]]*):(https?)"')
"""A listen address naming its port by service (`Addr: ":https"`, autocert's servers): Go resolves it to 80/443."""
_SERVICE_PORTS = {"http": "80", "https": "443"}
ACME_IMPORT = re.compile(r'"(?:golang\.org/x/crypto/acme/autocert|github\.com/caddyserver/certmagic)"')
"""Certificates from Let's Encrypt at run time: the server needs a public domain that resolves to it."""
_AUTOCERT_LISTENER = re.compile(r"\bautocert\.NewListener\(")
"""autocert.NewListener(domains…): a TLS listener on :443."""


def listen_ports(text: str) -> list[str]:
    text = _SERVICE.sub(lambda m: f'"{m.group(1)}:{_SERVICE_PORTS[m.group(2)]}"', text)
    spans = _in_goroutine(text)

    def inside(m: re.Match[str]) -> bool:
        return any(a <= m.start() < b for a, b in spans)

    matches = [m for rx in (*_LISTEN, _JOIN_HOST_PORT, *ENV_DEFAULT) for m in rx.finditer(text)]
    # A loopback server in a goroutine (pprof on localhost:6060) is a debugging aid nothing outside reaches: never
    # the app's port. The blocking listen call's port first: one in a goroutine may be a side server (metrics).
    matches = [m for m in matches if not (inside(m) and _LOOPBACK.search(m.group(0)))]
    matches.sort(key=inside)
    found = [m.group(1) for m in matches]
    found += ["443"] if _AUTOCERT_LISTENER.search(text) else []
    if PORT_ENV.search(text):
        found += [m.group(1) for rx in PORT_DEFAULT for m in rx.finditer(text)]
    if not found and LISTEN_CALL.search(text):
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


def served_only(
    ports: list[tuple[str, str, bool]],
    flags: list[tuple[str, str, str]],
    sources: list[SourceFile],
) -> tuple[list[tuple[str, str, bool]], list[tuple[str, str, str]]]:
    """The ports and loopback flags without the flag defaults of packages that never listen (a client's dial
    address, `flag.String("addr", "localhost:50051", …)`)."""
    listening = {dirname(s.file) for s in sources if LISTEN_CALL.search(s.code)}
    # A package that dials and never listens is a client; one that only declares flags (cobra's cmd/root.go
    # beside the server package) keeps them.
    clients = {dirname(s.file) for s in sources if _DIAL.search(s.code)} - listening
    dialed = {(port, s.file) for s in sources for rx in _FLAG_DEFAULTS for port in rx.findall(s.code)}
    kept = [p for p in ports if dirname(p[1]) not in clients or (p[0], p[1]) not in dialed]
    return kept, [f for f in flags if dirname(f[2]) not in clients]


def calls_bare_server(code: str, server: BareServer) -> bool:
    """True when the file imports a framework whose bare start call (`r.Run()`) listens on its default port."""
    return f'"{server.import_path}"' in code and bool(re.search(rf"\.{re.escape(server.call)}\(\s*\)", code))


_LISTEN_EXPR = re.compile(
    r"(?:\bListenAndServe(?:TLS)?\(|\bnet\.Listen\(\s*\"tcp[46]?\"\s*,|\.(?:Run|Start|Listen)\(|\bAddr:)"
    r"\s*((?:[^,(){}\n]|\([^()]*\))*)"
)
"""The address expression a listen call takes: `port`, `config.Addr`, `fmt.Sprintf(":%d", Port)`, `":" + port`."""
_OPERAND = re.compile(r'"(?:[^"\\\n]|\\.)*"|\b([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\b(?!\s*\()')
"""A string (skipped) or an identifier, maybe qualified (`config.Port`), that is not called (`fmt.Sprintf(`)."""
STD_QUALIFIERS = frozenset({"fmt", "strconv", "os", "net", "http", "strings", "time", "log", "flag", "cmp"})


MAX_OPERANDS = 20


def declared_ports(listener: SourceFile, sources: list[SourceFile]) -> list[str]:
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
    return m.group(1) if m and LISTEN_CALL.search(code) else None
