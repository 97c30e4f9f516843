"""Servers that listen on loopback only, which `docker run -p` can never reach, and the one-line code fix.

Two causes, both read from the sources (never run): a literal loopback host in the code (the Node docs' own
`server.listen(port, '127.0.0.1')`), and a framework whose default host is loopback when the code names none
(Fastify's `listen({ port })`; catalogue `loopback_servers`). No environment variable changes either: the image's
node preload moves a listen() on the app's PORT at a loopback host to all interfaces (`listen_all`, parts.py), init
says where and what to change in the code, and `scaffold verify`'s listen check repeats it when a server still
listens on loopback only (the `listen_fix` fact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data

_LOOPBACK = re.compile(r"""(?:\.listen\([^)]*?|\bhost(?:name)?\s*[:=]\s*)(['"`])(127\.0\.0\.1|localhost|::1)\1""")
_ALL_INTERFACES = ("0.0.0.0", "'::'", '"::"', "process.env.HOST")
_LISTEN_CALL = ".listen("


def listen_fix(project: ProjectDir, sources: Iterable[str], server: str) -> Fact | None:
    """The `listen_fix` fact (the code change, where) when the server would listen on loopback only."""
    texts = {path: project.read_text(path) for path in sources}
    for path, text in texts.items():
        match = _LOOPBACK.search(text)
        if match:
            return Fact(
                "listen_fix",
                f"{path} binds {match.group(2)!r}, which docker run -p cannot reach: "
                f"listen on '0.0.0.0' instead (all interfaces)",
                path,
            )
    table: dict[str, str] = node_data().get("loopback_servers", {})
    if server not in table or any(n in text for text in texts.values() for n in _ALL_INTERFACES):
        return None
    where = next((p for p, text in texts.items() if _LISTEN_CALL in text), "")
    return Fact(
        "listen_fix",
        f"{server} listens on 127.0.0.1 unless told otherwise (no environment variable changes it), which "
        f"docker run -p cannot reach: {'in ' + where + ', ' if where else ''}{table[server]}",
        where or "package.json",
    )


def loopback_note(fix: Fact) -> str:
    """Init's note for a loopback-only server: the image's preload moves a listen on the app's PORT at a loopback
    host to all interfaces (node-stop.cjs), so it answers as generated; the code change is still the clean fix."""
    return (
        f"{fix.value}; until then the image's node preload makes a listen() on PORT at a loopback host listen on "
        "all interfaces"
    )
