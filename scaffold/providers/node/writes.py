"""The shipped folders and files a Node app writes at run time (a JSON database, SQLite, uploads, logs).

The final image copies these owned by the app's user: copied root's, the app crashes with EACCES at its first
write, and a data folder is data, not code. Everything else the image ships stays root's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from scaffold import data_folders
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data

_WRITES = re.compile(
    r"\b(?:writeFile(?:Sync)?|appendFile(?:Sync)?|createWriteStream|mkdir(?:Sync)?|rename(?:Sync)?|copyFile(?:Sync)?"
    r"|multer|diskStorage|JSONFile(?:Sync|Preset)?|Datastore|transports\.File|sqlite3?|better-sqlite3|lowdb"
    r"|storage\s*:|filename\s*:)"
)
"""A source that writes files: Node's fs writes, multer, lowdb, nedb, winston's file transport, SQLite."""
_SQLITE = (".sqlite", ".sqlite3", ".db")


def writable_facts(
    project: ProjectDir, runtime_files: list[str], source_paths: list[str], start: str, notes: list[str]
) -> list[Fact]:
    """The `writable_files` fact (none when the app writes nothing it ships), with a note saying why."""
    sources = {path: project.read_text(path) for path in source_paths}
    written = writable_files(project, runtime_files, sources, start)
    if not written:
        return []
    shown = ", ".join(f"{w}/" if project.is_dir(w) else w for w in written)
    notes.append(f"the app writes {shown} at run time: the image copies them owned by its user (code stays root's)")
    return [Fact("writable_files", " ".join(written), "source (writes files)")]


def writable_files(project: ProjectDir, runtime_files: list[str], sources: Mapping[str, str], start: str) -> list[str]:
    """The runtime files (top-level names) the app writes: see the module docstring, data_folders.toml and
    node.toml's [writable]."""
    suffixes = tuple(str(s) for s in node_data().get("writable", {}).get("file_suffixes", []))
    writers = [text for text in sources.values() if _WRITES.search(text)]
    coded = {path.split("/", 1)[0] for path in sources if "/" in path}
    found = []
    for name in runtime_files:
        if name == "package.json" or name in coded:
            continue  # the manifest and folders of code stay root's
        if project.is_dir(name):
            if name.lower() in data_folders.names() and writers:
                found.append(name)
        elif name.lower().endswith(suffixes) and (
            name in start.split()
            or any(_names(text, name) for text in writers)
            or (name.lower().endswith(_SQLITE) and any(_names(text, name) for text in sources.values()))
        ):
            found.append(name)
    return found


def _names(text: str, name: str) -> bool:
    """`name` appears in the source as a path of its own ('db.json', "./db.json"), not as a module it loads
    (`require('./config.json')` reads it once)."""
    literal = re.compile(rf"""(?<!require\()(?<!import\()(?<!from )['"`](?:\./)?{re.escape(name)}['"`]""")
    return literal.search(text) is not None
