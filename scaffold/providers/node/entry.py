"""Where a Node project without a start script says what it runs: a Procfile's web (else worker) process, or the
`bin` of a command-line package. Both are read as data; only a plain `node <file>` (or what a start script may
be turned into, see app._start) is taken, anything else is left to the next candidate.
"""

from __future__ import annotations

from typing import Any

from scaffold.project import ProjectDir


def procfile_command(project: ProjectDir) -> str:
    """The command of the Procfile's web process, else its worker's, else ''."""
    if not project.has("Procfile"):
        return ""
    processes: dict[str, str] = {}
    for line in project.read_text("Procfile").splitlines():
        kind, sep, command = line.partition(":")
        if sep and kind.strip() and not kind.lstrip().startswith("#"):
            processes.setdefault(kind.strip(), command.strip())
    return next((processes[k] for k in ("web", "worker") if processes.get(k)), "")


def bin_file(project: ProjectDir, manifest: dict[str, Any], output: str = "") -> str:
    """The file a command-line package's `bin` runs: its only entry, or the one named after the package
    (npm's own rule for `npx <package>`); '' when there is none, or it neither exists nor is in the build's
    output directory."""
    value = manifest.get("bin")
    name = str(manifest.get("name", "")).rpartition("/")[2]
    if isinstance(value, str):
        path = value
    elif isinstance(value, dict) and value:
        entries = {str(k): v for k, v in value.items() if isinstance(v, str)}
        path = entries.get(name) or (next(iter(entries.values())) if len(entries) == 1 else "")
    else:
        return ""
    path = path.strip().removeprefix("./")
    if not path or path.startswith(("/", "..")) or " " in path:
        return ""
    if not project.has(path) and not (output and path.startswith(f"{output}/")):
        return ""
    return path
