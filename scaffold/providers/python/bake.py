"""docker-bake.hcl for a uv workspace whose members are several servers: an image per server, one Dockerfile.

A workspace with a virtual root installs every member into the one venv (`uv sync --all-packages`), so every
server's image is the same runtime stage started another way: an `app-NAME` stage per server (FROM runtime, its
port and command), as Go's cmd/* binaries are `app-NAME` stages. Detection lists the servers
(`workspace_servers`: NAME=KIND=ENTRY=PORT); the decision turns them into `bake_apps` (NAME=NAME, the kind the CI
matrix reads), `bake_commands` (each stage's CMD, exec form, joined by ` + `) and `bake_ports`.
"""

from __future__ import annotations

import re

from scaffold.bake import one_app, target_name
from scaffold.errors import UsageError
from scaffold.models import Options, Origin, Resolved, Value, chosen
from scaffold.project import ProjectDir
from scaffold.providers.python.entry import find_entry
from scaffold.providers.python.manifest import Manifest
from scaffold.providers.python.start import start

SERVERS = ("uvicorn", "gunicorn")
SEPARATOR = " + "


def workspace_servers(project: ProjectDir, manifest: Manifest | None) -> str:
    """NAME=KIND=ENTRY=PORT for each member of a virtual uv workspace that runs a server ("" for fewer than two)."""
    if manifest is None or not manifest.virtual_root:
        return ""
    items: list[str] = []
    names: set[str] = set()
    for rel in manifest.workspace_manifests:
        member = rel.rpartition("/")[0]
        entry = find_entry(ProjectDir(project.root / member), None)
        name = target_name(member)
        if entry.kind not in SERVERS or not name or name in names or not re.fullmatch(r"[\w.]+:\w+", entry.target):
            continue
        names.add(name)
        items.append(f"{name}={entry.kind}={entry.target}={entry.port or '8000'}")
    return " ".join(items) if len(items) > 1 else ""


def decide(options: Options) -> Options:
    """`bake` on for two servers or more (unless a person said otherwise), and each server's stage values."""
    values = dict(options.values)
    if not {"bake", "bake_apps", "bake_commands", "workspace_servers"} <= set(values):
        return options  # a team's own template without bake
    servers = [s.split("=") for s in str(values["workspace_servers"].value).split()]
    if not chosen(values["bake"]) and len(servers) > 1:
        values["bake"] = Resolved(True, f"{len(servers)} servers in the uv workspace: an image each", Origin.DEFAULT)
    on = values["bake"].value is True
    if on and len(servers) < 2:
        raise UsageError(one_app("servers of a uv workspace"))
    plain: dict[str, Value] = {k: r.value for k, r in values.items()}
    commands = [
        str(start({**plain, "entry_kind": kind, "entry": entry, "port": port})["start_cmd"])
        for _, kind, entry, port in servers
    ]
    why = "decided: workspace_servers, bake"
    values["bake_apps"] = Resolved(" ".join(f"{s[0]}={s[0]}" for s in servers) if on else "", why, Origin.DEFAULT)
    values["bake_commands"] = Resolved(SEPARATOR.join(commands) if on else "", why, Origin.DEFAULT)
    if "bake_ports" in values:
        values["bake_ports"] = Resolved(" ".join(s[3] for s in servers) if on else "", why, Origin.DEFAULT)
    return Options(options.language, values)
