"""The port of a framework started with no address whose config file names it (beego's conf/app.conf
`httpport = 8080`), else the framework's default."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from scaffold.project import ProjectDir
from scaffold.providers.go.data import BareServer, bare_servers
from scaffold.providers.go.listen import calls_bare_server


def configured_port(project: ProjectDir, prefix: str, server: BareServer) -> str:
    """The port `server.port_key` sets in `server.config` (an INI line `httpport = 8080`), else server.port."""
    if not server.config or not server.port_key or not project.has(prefix + server.config):
        return server.port
    line = re.compile(rf"(?im)^[ \t]*{re.escape(server.port_key)}[ \t]*=[ \t]*[\"']?(\d{{2,5}})[\"']?[ \t]*$")
    for m in line.finditer(project.read_text(prefix + server.config)):
        if 0 < int(m.group(1)) < 65536:
            return str(int(m.group(1)))
    return server.port


def conventional_folders(project: ProjectDir, prefix: str, servers: Sequence[BareServer]) -> list[str]:
    """The folders the started frameworks read by convention that the module has (beego's conf, views, static)."""
    return [d for server in servers for d in server.folders if project.is_dir(prefix + d)]


def started_servers(project: ProjectDir, prefix: str, code: str) -> list[BareServer]:
    """The frameworks a file starts with no address, each with the port it then listens on."""
    started = [server for server in bare_servers() if calls_bare_server(code, server)]
    return [replace(server, port=configured_port(project, prefix, server)) for server in started]
