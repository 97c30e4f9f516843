"""What `find_entry` answers: how a Python app starts (Entry), and the shell form a start command runs in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from scaffold.providers.python.data import server_requirements

DEFAULT_PORT = "8000"
"""gunicorn's, uvicorn's and Django's runserver's default port."""


@dataclass(frozen=True)
class Entry:
    kind: str
    """gunicorn, uvicorn, script, module, file or command (a Procfile line)."""
    target: str
    source: str
    port: str = ""
    port_source: str = ""
    framework: str = ""
    django_settings: str = ""
    collectstatic: bool = False
    writable_dirs: str = ""
    app_dir: str = ""
    """The folder the app runs from, relative to /app (Django's manage.py one folder down)."""
    migrate_at_start: bool = False
    """Django on SQLite: the database is not shipped, so the container migrates it before serving."""
    server_settings: str = ""
    """The other settings module of manage.py's and the server's wsgi/asgi file's, when they differ."""
    settings_by: str = ""
    """Set when the image serves the server's module, not manage.py's: the installed requirements file's stem."""
    settings_from: str = ""
    """The example env file that names the settings module when manage.py sets none: the image sets it."""
    collectstatic_env: str = ""
    """Build-only placeholders (`SECRET_KEY=build-placeholder`) for what the settings read with no default."""
    settings_select: str = ""
    test_env: str = ""
    """Build-only placeholders the test stage runs with (`SECRET_KEY=build-placeholder`): what the settings read."""
    """`DJANGO_ENV=production`: the variable a settings package chooses its module by, set to production's."""
    required_env: str = ""
    """Names the served settings module (and what it star-imports) reads with no default, space-separated."""
    listen_all: bool = False
    """The script listens on loopback: the image's interpreter hook moves a bind on $PORT to all interfaces."""
    udp_port: str = ""
    """A program serving datagrams on this UDP port: EXPOSEd as PORT/udp, no HTTP check."""
    """Directories under /app the app writes (a SQLite database beside manage.py, MEDIA_ROOT), space-separated."""
    notes: tuple[str, ...] = ()

    @property
    def program(self) -> str:
        """The program the container ends up running: the kind, or a command's last program (after exec)."""
        return program_of(self.kind, self.target)

    @property
    def server(self) -> str:
        """The server command this entry runs, if it is one scaffold knows."""
        return self.program if self.program in server_requirements() else ""


def program_of(kind: str, target: str) -> str:
    """The program an entry runs: gunicorn/uvicorn, the script's interpreter, or a command's last program."""
    if kind != "command":
        return kind
    last = target.rpartition("&&")[2].rpartition(";")[2]
    words = [w for w in last.split() if "=" not in w and w != "exec"]
    return PurePosixPath(words[0]).name if words else ""


def shell_exec(command: str) -> str:
    """`cd src && FOO=1 gunicorn app:app` → `cd src && FOO=1 exec gunicorn app:app`: the server replaces the shell."""
    head, sep, last = command.rpartition("&&")
    if not sep:
        head, sep, last = command.rpartition(";")
    last = last.strip()
    # Leading assignments end where a word does, quotes included: `BAR="x y" cmd` has one assignment.
    pos = 0
    while (m := _ASSIGNMENT.match(last, pos)) is not None and (m.end() == len(last) or last[m.end()].isspace()):
        pos = len(last) - len(last[m.end() :].lstrip())
    rest = last[pos:]
    if rest == "exec" or rest.startswith(("exec ", "exec\t")):
        return command
    last = f"{last[:pos]}exec {rest}"
    return f"{head.rstrip()} {sep} {last}" if sep else last


_ASSIGNMENT = re.compile(r"""[A-Za-z_]\w*=(?:"(?:[^"\\]|\\.)*"|'[^']*'|\$\([^)]*\)|[^\s'"$]+|\$)*""")
