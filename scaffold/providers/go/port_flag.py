"""A required listen flag: a port or address flag with no default (`flag.Int("port", 0, …)`, then
`if *port == 0 { log.Fatal(…) }`). Run without it the app exits, so the image passes the value the project's
run instructions name (README, Makefile, Procfile, compose: `./app -port 8080`), else the default port."""

from __future__ import annotations

import re

from scaffold.project import ProjectDir
from scaffold.providers.go.config_flag import RUN_DOCS

_INT_PORT = re.compile(
    r'\.(?:Int|Uint)(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>[\w-]*port)"\s*,(?:\s*"\w?"\s*,)?\s*0\s*,',
    re.IGNORECASE,
)
"""An int port flag whose default is 0 (no port)."""
_STRING_LISTEN = re.compile(
    r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>(?:[\w-]*[-_])?(?:port|addr|address|listen|bind)'
    r'(?:[-_]?addr(?:ess)?)?)"\s*,(?:\s*"\w?"\s*,)?\s*""\s*,',
    re.IGNORECASE,
)
"""A string port or address flag whose default is empty."""


LOOPBACK_HOST_FLAG = re.compile(
    r'\.String(?:Var)?P?\(\s*(?:&[\w.]+\s*,\s*)?"(?P<flag>(?:(?:http|server|listen|bind|web|app|api|serve)[-_.]?)?(?:host|bind|ip|interface|hostname))"\s*,'
    r'(?:\s*"\w?"\s*,)?\s*"(?:localhost|127\.0\.0\.1)"\s*,',
    re.IGNORECASE,
)
"""A host flag of its own whose default is loopback (`flag.String("host", "127.0.0.1", …)` beside a port flag):
the image passes it every interface (`--host 0.0.0.0`). Not a database's or an upstream's host (`-db-host`)."""


def loopback_host_flags(code: str) -> list[str]:
    """The host flags with a loopback default a file declares."""
    return [m["flag"] for m in LOOPBACK_HOST_FLAG.finditer(code)]


def required_port_flags(code: str) -> list[tuple[str, bool]]:
    """(flag, takes an address) of each listen flag with no default a file declares."""
    found = [(m["flag"], False) for m in _INT_PORT.finditer(code)]
    for m in _STRING_LISTEN.finditer(code):
        found.append((m["flag"], not m["flag"].lower().endswith("port")))
    return found


def given_port(project: ProjectDir, module_dir: str, flag: str) -> str | None:
    """The port the project's run instructions pass the flag (`-port 8080`, `--listen=:9000`,
    `-addr 0.0.0.0:8080`, compose's `command: ["./app", "-port", "9000"]`), else None."""
    prefix = "" if module_dir == "." else module_dir + "/"
    given = re.compile(
        rf"(?<![\w-])--?{re.escape(flag)}(?:=|[ \t]+|[\"'][ \t]*,[ \t]*)"
        r"[\"']?(?:(?:[\w.-]*|\[[:\w]*\]):)?(?P<port>\d{2,5})\b(?![.:\w])"
    )
    for doc in RUN_DOCS:
        for folder in dict.fromkeys((prefix, "")):
            if not project.has(folder + doc):
                continue
            for m in given.finditer(project.read_text(folder + doc)):
                if 0 < int(m["port"]) < 65536:
                    return str(int(m["port"]))
    return None
