"""The command of the Dockerfile's dev stage: the app from its sources in /app, reloading on change, with the
server or framework's own reloader (uvicorn --reload, flask --debug run, Django's runserver, gunicorn --reload).

Decided from the resolved entry and the detected framework, after every layer; a dev_command a person chose
stays. The text runs as `sh -c TEXT` (like a `command` entry), so it is of the `command` kind; it execs the
server so that the server is PID 1 and gets the stop signal.
"""

from __future__ import annotations

import shlex

from scaffold.models import Value
from scaffold.providers.python.entry_model import shell_exec

ANY_HOST = "0.0.0.0"
"""Reachable from outside the container (a server on 127.0.0.1 answers nobody through a published port)."""
DEFAULT_PORT = "8000"


def _init_first(values: dict[str, Value]) -> str:
    """The schema command before the dev server (the dev container starts with no database either)."""
    command, guard = str(values.get("init_command", "")), str(values.get("init_guard", ""))
    if not command:
        return ""
    return (f"[ -e {shlex.quote(guard)} ] || " if guard else "") + f"{command} && "


def dev_command(values: dict[str, Value], framework: str) -> str:
    """The dev stage's command for these option values and the framework detection found ("" for none)."""
    kind, entry = str(values.get("entry_kind", "")), str(values.get("entry", ""))
    port = str(values.get("port", "")) or DEFAULT_PORT
    if values.get("django_settings"):
        serve = f"exec python manage.py runserver {ANY_HOST}:{port}"
        return f"python manage.py migrate --noinput && {serve}" if values.get("migrate_at_start") is True else serve
    if kind == "gunicorn" and framework == "Flask":
        serve = f"exec flask --app {shlex.quote(entry)} --debug run --host {ANY_HOST} --port {port}"
        return _init_first(values) + serve
    if kind == "uvicorn":
        return f"exec uvicorn {entry} --reload --host {ANY_HOST} --port {port}"
    if kind == "gunicorn":
        # Quoted: a factory call (`app:create_app()`) or a loader's string argument is gunicorn's, not the shell's.
        return f"exec gunicorn --reload --bind {ANY_HOST}:{port} {shlex.quote(entry)}"
    if kind == "module":
        return f"exec python -m {entry}"
    if kind == "file":
        return f"exec python {entry}"
    if kind == "command":
        return shell_exec(entry)  # the project's own command, already exec'ing its program (`exec exec` fails)
    return f"exec {entry}"  # a console script: run as the image runs it
