"""How the final Python image starts: the comment above its start lines, its ENTRYPOINT and its CMD.

Decided from the resolved options (entry kind and entry, the runtime, tini, the port, migrate-at-start), so the
template prints three values instead of choosing among eleven branches. ENTRYPOINT and CMD are exec-form JSON
arrays written by json.dumps (as Jinja's `tojson` writes them): quotes, backslashes and control characters are
escaped, so the project's entry is one JSON string, never a second instruction.
"""

from __future__ import annotations

import shlex

from jinja2.utils import htmlsafe_json_dumps

from scaffold.models import Value

START_KEYS = ("start_comment", "start_entrypoint", "start_cmd")
"""The values decided here."""
LINE = " | "
"""Separates the lines of the decided comment."""
DEFAULT_PORT = "8000"
VENV = "/opt/venv/bin/"
TINI = ["/usr/bin/tini", "--"]
_SHELL_ARG = 'The app ("$0") is an argument of the shell, never parsed by it.'
_GUNICORN_FLAGS = ["--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
_STOPS = "is PID 1 and shuts down gracefully on SIGTERM."


def _exec(words: list[str]) -> str:
    # Jinja's tojson, byte for byte (the goldens were written by it): json.dumps, then <, >, & and ' escaped.
    return str(htmlsafe_json_dumps(words))


def _init_at_start(values: dict[str, Value]) -> str:
    """The schema command (init_command) as a shell prefix, guarded by the database file (init_guard) if any."""
    command = str(values.get("init_command", ""))
    if not command:
        return ""
    guard = str(values.get("init_guard", ""))
    return "set -e; " + (f"[ -e {shlex.quote(guard)} ] || " if guard else "") + f"{command}; "


def start(values: dict[str, Value]) -> dict[str, Value]:
    """start_comment (lines joined by LINE), start_entrypoint and start_cmd ("" for none) for these options."""
    kind, entry = str(values.get("entry_kind", "")), str(values.get("entry", ""))
    distroless = values.get("runtime") == "distroless"
    port = str(values.get("port", "")) or DEFAULT_PORT
    tini = TINI if values.get("init") is True else []
    migrate = "set -e; python manage.py migrate --noinput; " if values.get("migrate_at_start") is True else ""
    migrate = "" if distroless else migrate + _init_at_start(values)
    comment = ["The SQLite database is not in the image: each container starts by creating or migrating it."]
    comment = comment if migrate else []
    entrypoint, cmd = "", ""
    if kind == "gunicorn" and distroless:
        comment.append(f"Exec form (distroless has no shell): gunicorn {_STOPS}")
        cmd = _exec([f"{VENV}gunicorn", "--bind", f"0.0.0.0:{port}", *_GUNICORN_FLAGS, entry])
    elif kind == "gunicorn":
        comment += [
            f"A shell reads $PORT at run time and execs gunicorn: gunicorn {_STOPS}",
            _SHELL_ARG,
        ]
        serve = f'exec {VENV}gunicorn --bind "0.0.0.0:${{PORT:-{port}}}" {" ".join(_GUNICORN_FLAGS)} "$0"'
        cmd = _exec(["/bin/sh", "-c", migrate + serve, entry])
    elif kind == "uvicorn" and distroless:
        comment.append(f"Exec form (distroless has no shell): uvicorn {_STOPS}")
        cmd = _exec([f"{VENV}uvicorn", entry, "--host", "0.0.0.0", "--port", port])
    elif kind == "uvicorn":
        comment += [
            f"A shell reads $PORT at run time and execs uvicorn: uvicorn {_STOPS}",
            _SHELL_ARG,
        ]
        serve = f'exec {VENV}uvicorn "$0" --host 0.0.0.0 --port "${{PORT:-{port}}}"'
        cmd = _exec(["/bin/sh", "-c", migrate + serve, entry])
    elif kind == "script":
        entrypoint = _exec([*tini, VENV + entry])
    elif kind == "module":
        entrypoint = _exec([*tini, f"{VENV}python", "-m", entry])
    elif kind == "file":
        entrypoint = _exec([*tini, f"{VENV}python", entry])
    elif distroless:
        comment.append("distroless has no shell: the command runs in exec form with $PORT replaced by the port.")
        words = entry.replace("${PORT}", port).replace("$PORT", port).replace('"', "").split()
        entrypoint = _exec(tini) if tini else ""
        cmd = _exec(words[1:] if words[:1] == ["exec"] else words)
    else:
        how = " (under tini)" if tini else " (PID 1)"
        comment.append(f"The start command: a shell expands its $VARIABLES, then execs it{how}.")
        entrypoint = _exec(tini) if tini else ""
        cmd = _exec(["/bin/sh", "-c", migrate + entry])
    return {"start_comment": LINE.join(comment), "start_entrypoint": entrypoint, "start_cmd": cmd}
