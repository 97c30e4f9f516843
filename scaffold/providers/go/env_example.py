"""The port a project's example env file gives the variable its server reads (`APP_PORT=8088` in .env.example):
the value its README tells people to copy into .env, which never enters the image. Only a port-shaped value
of that one name is read; nothing else of the file reaches the Dockerfile."""

from __future__ import annotations

import re

from scaffold.errors import InputError
from scaffold.project import ProjectDir

EXAMPLE_FILES = (".env.example", ".env.sample", ".env.template", ".env.dist", "example.env", "env.example")
"""Where a project keeps the committed example of its .env, first found wins (module folder, then the root)."""
MAX_BYTES = 64 * 1024


def example_port(project: ProjectDir, module_dir: str, name: str) -> tuple[str, str] | None:
    """(port, file) when the example env file sets `name` to a port (`APP_PORT=8088`, `PORT="3000"`) or to a
    listen address ending in one (`HTTP_ADDR=:8088`, `ADDR=0.0.0.0:8088`)."""
    value = r"""["']?(?:[\w.\-\[\]]*:)?([0-9]{2,5})["']?[ \t]*(?:#.*)?$"""
    line = re.compile(rf"^[ \t]*(?:export[ \t]+)?{re.escape(name)}[ \t]*=[ \t]*" + value, re.M)
    folders = [module_dir, "."] if module_dir not in (".", "") else ["."]
    for folder in folders:
        for file in EXAMPLE_FILES:
            rel = file if folder == "." else f"{folder}/{file}"
            if not project.has(rel):
                continue
            try:
                text = project.read_text(rel, MAX_BYTES)
            except InputError:
                break
            match = line.search(text)
            if match and 0 < int(match.group(1)) < 65536:
                return match.group(1), rel
            break
    return None
