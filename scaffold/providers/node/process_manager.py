"""A start script that runs the app under a process manager (`pm2-runtime start ecosystem.config.js`, `pm2 start
app.js --no-daemon`, `forever start server.js`): in a container the image runs the app itself with node, one
process, as the managers' own Docker advice has it. `pm2 start` without --no-daemon would even exit at once,
leaving the app to a daemon the container does not wait for. The ecosystem file is read as text, never run.
"""

from __future__ import annotations

import json
import re
import shlex

from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data

_SCRIPT_KEY = re.compile(r"""\bscript\s*:\s*['"]([^'"\n]+)['"]""")
_RUNNABLE = (".js", ".mjs", ".cjs")


def managed_script(project: ProjectDir, script: str) -> str:
    """`node <file>` for a start script that hands the app's file to a process manager, else ''."""
    spec = node_data().get("process_managers", {})
    try:
        words = shlex.split(script)
    except ValueError:
        return ""
    if not words or words[0] not in spec.get("tools", ()):
        return ""
    args = [w for w in words[1:] if not w.startswith("-")]
    if args[:1] == ["start"]:
        args = args[1:]
    target = args[0].removeprefix("./") if args else ""
    if target.endswith(_RUNNABLE) and not _is_config(target) and project.has(target):
        return f"node {target}"
    if _is_config(target) and project.has(target):
        found = _config_script(project, target)
        return f"node {found}" if found else ""
    return ""


def _is_config(name: str) -> bool:
    return name.rsplit("/", 1)[-1].startswith(("ecosystem", "process", "pm2")) or name.endswith(".json")


def _config_script(project: ProjectDir, name: str) -> str:
    """The first app's `script` in an ecosystem file, when it is a file of the project."""
    text = project.read_text(name)
    found = ""
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return ""
        apps = data.get("apps") if isinstance(data, dict) else data
        first = apps[0] if isinstance(apps, list) and apps else apps
        found = str(first.get("script", "")) if isinstance(first, dict) else ""
    else:
        match = _SCRIPT_KEY.search(text)
        found = match.group(1) if match else ""
    found = found.strip().removeprefix("./")
    if not found.endswith(_RUNNABLE) or found.startswith(("/", "..")) or " " in found or not project.has(found):
        return ""
    return found
