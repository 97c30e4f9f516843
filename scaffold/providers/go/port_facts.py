"""The port facts of a Go server: from the environment variable it reads (and the example env file), from its
config file, and the host variable the image sets."""

from __future__ import annotations

import re
from posixpath import isabs, normpath

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.go.data import default_port
from scaffold.providers.go.env_example import example_port
from scaffold.providers.go.layout import ADDRESS_SUFFIXES
from scaffold.providers.go.runtime_files import CONFIG_SUFFIXES, example_of
from scaffold.providers.go.source import SourceScan


def env_port(project: ProjectDir, module_dir: str, name: str, where: str) -> Fact:
    """The port of a server that reads it from `name` with no default in the code: the value the project's
    example env file gives it (`APP_PORT=8088` in .env.example), else the catalogue's default."""
    example = example_port(project, module_dir, name)
    if example is not None:
        return Fact("port", example[0], f"{example[1]} sets {name}, which {where} reads")
    return Fact("port", default_port(), f"{where} reads {name} (catalogue/go.toml default)")


def port_env_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
    """How the app reads its port from the environment: PORT (port_env), a prefixed name the image sets too
    (port_name_env), or not at all (a note); notes go to `notes`."""
    out: list[Fact] = []
    if found.port_env:
        out.append(Fact("port_env", True, found.port_env[0]))
    elif found.port_names and (found.ports or found.listens):
        name, where = found.port_names[0]
        out.append(Fact("port_name_env", name, where))
        what = "listen address" if name.endswith(ADDRESS_SUFFIXES) else "port"
        notes.append(
            f"{where} reads its {what} from ${name}: the image sets {name} to the port it exposes"
            f"{' (:PORT, every interface)' if what != 'port' else ''}, so --set port= moves the app too"
        )
    elif found.ports:
        notes.append(
            f"{found.ports[0][1]} listens on a fixed port: the image sets ENV PORT, but only an app that reads "
            "PORT follows it (--set port= changes EXPOSE alone)"
        )
    return out


def host_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
    """The server's host variable (HOST) the image sets to every interface; the note goes to `notes`."""
    if not found.host_env or not (found.ports or found.port_env):
        return []
    name, where = found.host_env[0]
    notes.append(f"{where} listens on the host ${name} names: the image sets {name}=0.0.0.0 (every interface)")
    return [Fact("host_env", name, where)]


_CONFIG_PORT = re.compile(
    r"""(?i)(?<![\w-])["']?(?:(?:default|http|server|listen|web|app)[_-]?){0,2}(?:port|addr|address|listen|bind)["']?"""
    r"""\s*[:=]\s*["']?(?:[\w.\-\[\]]*:)?(\d{2,5})\b"""
)
"""A port, or a listen address with one, in a JSON, YAML, TOML, INI or env file (`"port": 8081`, `addr: ":8080"`,
`http_port = 9000`, `HTTP_SERVER_ADDRESS=0.0.0.0:8080`): what a server that reads its address from that file
listens on. Only names that mean the server's own address (`db_port` is some other server's), as in the code
(source.py)."""


def config_port(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[str, str] | None:
    """A server whose listen address is not in the code: the port its config file (one the code opens by a
    relative path, copied into the image) names, and that file."""
    prefix = "" if module_dir == "." else module_dir + "/"
    for literal, _ in (*found.opened, *found.named):
        path = prefix + normpath(literal)
        if isabs(literal) or not literal.endswith(CONFIG_SUFFIXES) or ".." in path.split("/"):
            continue
        if not project.has(path):  # a git-ignored config file: its committed example (copied in its place)
            example = example_of(project, prefix, normpath(literal))
            if example is None:
                continue
            path = prefix + example
        ports = [p for p in _CONFIG_PORT.findall(project.read_text(path)) if 0 < int(p) < 65536]
        if ports:
            return ports[0], path
    return None
