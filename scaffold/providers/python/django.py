"""Django projects: the settings module served, what it reads and writes, and the server that runs it.

Read with regexes over manage.py, the wsgi/asgi file and the settings package; nothing is imported or run.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from pathlib import PurePosixPath

from scaffold.project import ProjectDir
from scaffold.providers.python.django_env import required_env
from scaffold.providers.python.django_select import selector
from scaffold.providers.python.entry_model import DEFAULT_PORT, Entry, shell_exec
from scaffold.providers.python.env_example import example_value
from scaffold.providers.python.manifest import Manifest

_SETTINGS = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")
_DJANGO_APP = re.compile(r"""^(WSGI|ASGI)_APPLICATION\s*=\s*["']([\w.]+)["']""", re.MULTILINE)
_STATIC_ROOT = re.compile(r"^\s*STATIC_ROOT\s*=|ManifestStaticFilesStorage|[\"']STATIC_ROOT[\"']\s*:", re.MULTILINE)
"""Static files to collect: STATIC_ROOT set (also inside an `if`), or a manifest storage named (Django's, WhiteNoise's
or any subclass ending so): that storage fails at the first request without the manifest collectstatic writes."""
_MEDIA_ROOT = re.compile(r"""^MEDIA_ROOT\s*=.*["']([\w-]+)/?["']""", re.MULTILINE)


def procfile_django(procfile: Entry, django: Entry | None) -> Entry:
    """A Heroku-style Django app: the Procfile's web command runs it, and Django's facts (settings module,
    collectstatic, migrate on SQLite, what the settings need) still hold. A worker line stays a worker."""
    if django is None or not procfile.port:
        return procfile
    target = procfile.target
    if procfile.app_dir and procfile.app_dir != django.app_dir:
        # The Procfile's `cd` was taken out (entry.py), and the image runs from manage.py's folder instead.
        target = f"cd /app/{shlex.quote(procfile.app_dir)} && {target}"
    return replace(
        django,
        kind=procfile.kind,
        target=target,
        source=procfile.source,
        port=procfile.port,
        port_source=procfile.port_source,
        notes=(*django.notes, *procfile.notes),
    )


def _nested_manage(project: ProjectDir) -> str:
    """manage.py one folder down (`django-admin startproject mysite`), else two (`backend/src/manage.py` of a
    monorepo): the shallowest, then the first by name; tests' and docs' sample projects are no app."""
    for pattern in ("*/manage.py", "*/*/manage.py"):
        found = sorted(p for p in project.glob(pattern) if not _SAMPLE_PARTS & set(p.split("/")[:-1]))
        if found:
            return found[0]
    return ""


_SAMPLE_PARTS = frozenset({"tests", "test", "docs", "examples", "example", "node_modules", "venv", ".venv"})


def django(project: ProjectDir, port: str, port_source: str, deps: frozenset[str], installed: str = "") -> Entry | None:
    """A Django project: manage.py at the root, or one folder down (`django-admin startproject mysite`).
    `installed` is the stem of the requirements file the image installs (`production`)."""
    manage = "manage.py" if project.has("manage.py") else _nested_manage(project)
    if not manage:
        return None
    match = _SETTINGS.search(project.read_text(manage))
    # manage.py that sets no default and loads a .env (python-dotenv, django-environ): the example file names the
    # settings module the author's .env sets, and the image sets it in its place.
    from_example = ("", "") if match else example_value(project, "DJANGO_SETTINGS_MODULE", r"[A-Za-z_][\w.]*")
    if match is None and not from_example[1]:
        return None
    app_dir = str(PurePosixPath(manage).parent).removeprefix(".")
    base = f"{app_dir}/" if app_dir else ""
    settings = match.group(1) if match else from_example[1]
    settings_file = _settings_file(project, base, settings)
    text = _settings_text(project, settings_file)
    # The served module is a sibling of manage.py's (same package), so the server's module is read once.
    apps = dict(_DJANGO_APP.findall(text))
    package = settings.rsplit(".", 1)[0]
    wsgi = apps.get("WSGI", f"{package}.wsgi.application")
    server_file = f"{base}{wsgi.rpartition('.')[0].replace('.', '/')}.py"
    named = _SETTINGS.search(project.read_text(server_file)) if project.has(server_file) else None
    other, by = (named.group(1) if named and named.group(1) != settings else ""), ""
    if other and installed and other.rsplit(".", 1)[-1] == installed and _settings_file(project, base, other):
        # cookiecutter-django: requirements/production.txt is what the image installs, and settings.local (which
        # manage.py names) adds apps only requirements/local.txt has (debug_toolbar): serve settings.production.
        settings, other, by = other, settings, installed
        settings_file = _settings_file(project, base, settings)
        text = _settings_text(project, settings_file)
    # What the served module reads (its star-import chain), not a sibling: dev.py on SQLite says nothing of
    # a production.py on DATABASE_URL.
    select = selector(project.read_text(settings_file)) if settings_file else None
    # A package choosing its module by a variable: the image sets it to production's value, and what the served
    # settings read is production's chain, not development's.
    chain = _settings_chain(project, settings_file, select.others if select else frozenset())
    served, sqlite = "\n".join(chain), _on_sqlite(chain)
    setting = select.setting if select else ""
    notes: tuple[str, ...] = ()
    if not settings_file:
        notes = (f"{from_example[0] or manage} names {settings} but no such settings file was found",)
    elif from_example[1]:
        notes = (f"{from_example[0]} names DJANGO_SETTINGS_MODULE={settings} (manage.py sets none): the image sets it",)
    common = {
        "port": port or DEFAULT_PORT,
        "port_source": port_source or "Django's default",
        "framework": "Django",
        "django_settings": settings,
        "settings_from": from_example[0],
        "collectstatic": bool(_STATIC_ROOT.search(text)),
        "collectstatic_env": _collectstatic_env(text, served, setting) if _STATIC_ROOT.search(text) else "",
        "settings_select": setting,
        # The test stage imports the settings too (manage.py test), with no secrets: the same placeholders.
        "test_env": required_env(served),
        "required_env": " ".join(p.partition("=")[0] for p in required_env(served).split()),
        "writable_dirs": _django_writes(served, sqlite, app_dir),
        "migrate_at_start": sqlite,
        "app_dir": app_dir,
        "notes": notes,
    }
    asgi = apps.get("ASGI", f"{package}.asgi.application")
    if other:
        # manage.py and wsgi.py name different modules. collectstatic and migrate run through manage.py, so the
        # server is told the same module (ENV), not a second one: manage.py's, or the one the installed
        # requirements file is named after.
        common["server_settings"], common["settings_by"] = other, by
    asgi_only = "ASGI" in apps and "WSGI" not in apps
    # Django's ASGI: named alone in settings, or an ASGI server among the dependencies and not gunicorn.
    asgi_file = f"{base}{asgi.rpartition('.')[0].replace('.', '/')}.py"
    source = settings_file or manage
    channels = "ASGI" in apps and bool({"channels", "daphne"} & deps)
    if channels and "daphne" in deps:
        # Channels' own server: it speaks WebSocket, which a plain uvicorn (no websockets library) refuses.
        command = shell_exec(f'daphne -b 0.0.0.0 -p "$PORT" {shlex.quote(_colon(asgi))}')
        note = f"Django Channels: daphne serves {asgi} (HTTP and WebSocket)"
        return Entry("command", command, source, **{**common, "notes": (*notes, note)})  # type: ignore[arg-type]
    if asgi_only or channels or ("uvicorn" in deps and "gunicorn" not in deps and project.has(asgi_file)):
        return Entry("uvicorn", _colon(asgi), source, **common)  # type: ignore[arg-type]
    return Entry("gunicorn", _colon(wsgi), source, **common)  # type: ignore[arg-type]


_INCLUDE = re.compile(r"^\s*(?:-r|--requirement)\s*=?\s*(\S+\.txt)\s*$", re.MULTILINE)


def installed_stem(project: ProjectDir, manifest: Manifest | None) -> str:
    """The name of the requirements file the image installs (`production`), through a requirements.txt that is
    only `-r requirements/production.txt` (Heroku's convention, which cookiecutter-django follows)."""
    path = next((f for f in manifest.evidence if f.endswith(".txt")), "") if manifest else ""
    text = project.read_text(path) if path else ""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    included = _INCLUDE.findall(text)
    return PurePosixPath(included[0] if len(lines) == 1 and included else path).stem


def _settings_file(project: ProjectDir, base: str, settings: str) -> str:
    """The file a dotted settings module lives in (`mysite/settings/production.py`), else ""."""
    path = base + settings.replace(".", "/")
    return next((p for p in (f"{path}.py", f"{path}/__init__.py") if project.has(p)), "")


def _settings_text(project: ProjectDir, settings_file: str) -> str:
    """The settings module's text, and its siblings' when it lives in a settings package (`settings/prod.py`
    doing `from .base import *`): what they say holds for the app too."""
    if not settings_file:
        return ""
    folder = PurePosixPath(settings_file).parent
    package = project.has(f"{folder}/__init__.py") and folder.name.startswith("settings")
    files = sorted(project.glob(f"{folder}/*.py")) if package else [settings_file]
    return "\n".join(project.read_text(f) for f in dict.fromkeys([settings_file, *files]))


_SQLITE_DB = re.compile(r"""django\.db\.backends\.sqlite3|["']sqlite:///""")
"""SQLite named in Django's settings: its engine, or a URL default (`dj_database_url.config(default="sqlite:///…")`,
django-environ's `env.db(default=…)`): the database is not shipped, so the container migrates it."""
_STAR_IMPORT = re.compile(r"^\s*from\s+(?:[\w.]*\.)?(\w+)\s+import\s+\*", re.MULTILINE)


def _settings_chain(project: ProjectDir, settings_file: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """The settings module's text and that of the sibling modules it star-imports (`from .base import *`),
    transitively: what the served module reads, not what a sibling (dev.py, production.py) does. `skip`: the
    modules of branches a selector does not take."""
    if not settings_file:
        return []
    folder = PurePosixPath(settings_file).parent
    todo, seen = [settings_file], dict[str, str]()
    while todo:
        path = todo.pop()
        if path in seen or not project.has(path):
            continue
        seen[path] = project.read_text(path)
        todo += [f"{folder}/{name}.py" for name in _STAR_IMPORT.findall(seen[path]) if name not in skip]
    return list(seen.values())


_DATABASES = re.compile(r"^DATABASES\s*=", re.MULTILINE)


def _on_sqlite(chain: list[str]) -> bool:
    """SQLite is what the served settings use: the first module of the chain (the served one before what it
    imports) that sets DATABASES says; production.py's PostgreSQL overrides base.py's SQLite."""
    setting = next((text for text in chain if _DATABASES.search(text)), "\n".join(chain))
    return bool(_SQLITE_DB.search(setting))


def _collectstatic_env(text: str, served: str, setting: str) -> str:
    """The build's collectstatic placeholders: for every settings module (`text`), or with a selector set, its
    value first and placeholders for what production's chain (`served`) reads."""
    return " ".join(p for p in (setting, required_env(served)) if p) if setting else required_env(text)


def _django_writes(settings: str, sqlite: bool, app_dir: str) -> str:
    """What a Django app writes under /app: manage.py's folder for a SQLite file beside it, and MEDIA_ROOT."""
    base = f"{app_dir}/" if app_dir else ""
    dirs = []
    if sqlite:
        dirs.append(app_dir or ".")
    if media := _MEDIA_ROOT.search(settings):
        dirs.append(base + media.group(1))
    return " ".join(dirs)


def _colon(dotted: str) -> str:
    """Django's `pkg.wsgi.application` → the server's `pkg.wsgi:application`."""
    module, _, attr = dotted.rpartition(".")
    return f"{module}:{attr}"
