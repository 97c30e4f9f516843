"""Find how a Python app starts and which port it listens on, by scanning its sources.

Regexes are fine here: this is source code, not a manifest. Order (the first that matches wins): a Procfile
web line, Django, an ASGI app (uvicorn), a WSGI app (gunicorn), a console script, `python -m <package>`,
main.py / app.py.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python_manifest import Manifest

DEFAULT_PORT = "8000"
"""gunicorn's, uvicorn's and Django's runserver's default port."""
SERVERS = {"gunicorn": "gunicorn", "uvicorn": "uvicorn"}
"""Server command → the distribution that provides it."""

_ASGI = re.compile(r"^(\w+)\s*(?::[^=]+)?=\s*(?:\w+\.)?(FastAPI|Starlette|Litestar|Quart)\(", re.MULTILINE)
_WSGI = re.compile(r"^(\w+)\s*(?::[^=]+)?=\s*(?:\w+\.)?(Flask|App|API|Bottle)\(", re.MULTILINE)
_WSGI_IMPORT = re.compile(r"^\s*(?:from|import)\s+(flask|falcon|bottle)\b", re.MULTILINE)
_PORT_KW = re.compile(r"\b(?:run|serve)\([^)]*?\bport\s*=\s*(\d{2,5})", re.DOTALL)
_PORT_ENV = re.compile(r"""getenv\(\s*["']PORT["']\s*,\s*["']?(\d{2,5})|get\(\s*["']PORT["']\s*,\s*["']?(\d{2,5})""")
_BIND = re.compile(r"""^\s*bind\s*=\s*\[?\s*["'][^"']*:(\d{2,5})["']""", re.MULTILINE)
_SETTINGS = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")
_DJANGO_APP = re.compile(r"""^(WSGI|ASGI)_APPLICATION\s*=\s*["']([\w.]+)["']""", re.MULTILINE)
_STATIC_ROOT = re.compile(r"^STATIC_ROOT\s*=", re.MULTILINE)
_SKIP_PARTS = frozenset({"tests", "test", "docs", "migrations", "scripts", "examples"})


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
    notes: tuple[str, ...] = ()

    @property
    def server(self) -> str:
        """The server command this entry runs, if it is one scaffold knows."""
        first = self.target.split()[0] if self.kind == "command" and self.target.split() else self.kind
        return first if first in SERVERS else ""


def find_entry(project: ProjectDir, manifest: Manifest | None) -> Entry:
    """How the app starts. Always answers: a project with no clue gets main.py and a note."""
    sources = [p for p in project.walk((".py",)) if not _SKIP_PARTS.intersection(PurePosixPath(p).parts[:-1])]
    port, port_source = _port(project, sources)
    for finder in (_procfile, _django):
        found = finder(project, port, port_source)
        if found is not None:
            return found
    ranked = sorted(sources, key=_rank)
    for pattern, kind, framework_group in ((_ASGI, "uvicorn", 2), (_WSGI, "gunicorn", 2)):
        for path in ranked:
            text = project.read_text(path)
            match = pattern.search(text)
            if match is None or (kind == "gunicorn" and not _WSGI_IMPORT.search(text)):
                continue
            target = f"{_module(path)}:{match.group(1)}"
            return Entry(
                kind,
                target,
                path,
                port or DEFAULT_PORT,
                port_source or f"{kind} default",
                framework=match.group(framework_group),
            )
    if manifest is not None and manifest.scripts:
        name = manifest.name
        script = name if name in manifest.scripts else manifest.scripts[0]
        return Entry("script", script, manifest.evidence[0], port, port_source)
    for path in ranked:
        if path.endswith("/__main__.py") and path.count("/") <= 2:
            return Entry("module", _module(path.rsplit("/", 1)[0] + ".py"), path, port, port_source)
    for name in ("main.py", "app.py", "run.py", "server.py"):
        if project.has(name):
            return Entry("file", name, name, port, port_source)
    return Entry(
        "file",
        "main.py",
        "default",
        port,
        port_source,
        notes=(
            "no entry point found (no server app, console script, __main__.py or main.py): "
            "the image runs main.py; pass --set entry_kind=… --set entry=… to change it",
        ),
    )


def _rank(path: str) -> tuple[int, int, str]:
    # The conventional app files first, then the shallowest: a project's app is rarely deep in a package.
    preferred = PurePosixPath(path).name in ("main.py", "app.py", "asgi.py", "wsgi.py", "server.py", "api.py")
    return (0 if preferred else 1, path.count("/"), path)


def _module(path: str) -> str:
    """`src/pkg/app.py` → `pkg.app` (src layout), `app/main.py` → `app.main`."""
    parts = list(PurePosixPath(path.removesuffix(".py")).parts)
    if len(parts) > 1 and parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _port(project: ProjectDir, sources: list[str]) -> tuple[str, str]:
    """A port the code or a server config names, and where."""
    for config in ("gunicorn.conf.py", "gunicorn_config.py"):
        if project.has(config) and (m := _BIND.search(project.read_text(config))):
            return m.group(1), config
    for path in sorted(sources, key=_rank):
        text = project.read_text(path)
        for pattern in (_PORT_KW, _PORT_ENV):
            m = pattern.search(text)
            if m:
                return next(g for g in m.groups() if g), path
    return "", ""


def _procfile(project: ProjectDir, port: str, port_source: str) -> Entry | None:
    if not project.has("Procfile"):
        return None
    for lineno, line in enumerate(project.read_text("Procfile").splitlines(), 1):
        kind, sep, command = line.partition(":")
        if kind.strip() != "web" or not sep:
            continue
        try:
            words = shlex.split(command)
        except ValueError as exc:
            raise InputError("Procfile", f"line {lineno}: {exc}") from None
        if not words:
            raise InputError("Procfile", f"line {lineno}: the web process has no command")
        if any(" " in w or '"' in w for w in words):
            raise InputError("Procfile", f"line {lineno}: arguments with spaces or quotes cannot be run in exec form")
        found = _flag_port(words)
        if found and found not in ("$PORT", "${PORT}"):
            port, port_source = found, "Procfile"
        notes: tuple[str, ...] = ()
        if "$PORT" in command or "${PORT}" in command:
            notes = ("Procfile uses $PORT: the image passes the port option's value instead",)
        return Entry(
            "command", " ".join(words), "Procfile", port or DEFAULT_PORT, port_source or "default", notes=notes
        )
    return None


def _flag_port(words: list[str]) -> str:
    for i, word in enumerate(words):
        value = ""
        if word in ("--bind", "-b", "--port", "-p") and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith(("--bind=", "--port=")):
            value = word.partition("=")[2]
        if value:
            return value.rsplit(":", 1)[-1]
    return ""


def _django(project: ProjectDir, port: str, port_source: str) -> Entry | None:
    if not project.has("manage.py"):
        return None
    match = _SETTINGS.search(project.read_text("manage.py"))
    if match is None:
        return None
    settings = match.group(1)
    path = settings.replace(".", "/")
    settings_file = next((p for p in (f"{path}.py", f"{path}/__init__.py") if project.has(p)), "")
    text = project.read_text(settings_file) if settings_file else ""
    apps = dict(_DJANGO_APP.findall(text))
    package = settings.rsplit(".", 1)[0]
    wsgi = apps.get("WSGI", f"{package}.wsgi.application")
    notes: tuple[str, ...] = ()
    if not settings_file:
        notes = (f"manage.py names {settings} but no such settings file was found",)
    common = {
        "port": port or DEFAULT_PORT,
        "port_source": port_source or "Django's default",
        "framework": "Django",
        "django_settings": settings,
        "collectstatic": bool(_STATIC_ROOT.search(text)),
        "notes": notes,
    }
    if "ASGI" in apps and "WSGI" not in apps:
        return Entry("uvicorn", _colon(apps["ASGI"]), settings_file or "manage.py", **common)  # type: ignore[arg-type]
    return Entry("gunicorn", _colon(wsgi), settings_file or "manage.py", **common)  # type: ignore[arg-type]


def _colon(dotted: str) -> str:
    """Django's `pkg.wsgi.application` → the server's `pkg.wsgi:application`."""
    module, _, attr = dotted.rpartition(".")
    return f"{module}:{attr}"
