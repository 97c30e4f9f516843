"""The command that creates an app's SQLite schema, run at container start (as Django's migrate is): Flask's,
or Alembic's `alembic upgrade head` for any other app whose alembic.ini sits at the root (FastAPI's usual way).

The SQLite database is not in the image (it would be a secret and is rebuilt per container), so an app whose
tables come from a CLI command (the Flask tutorial's `flask --app flaskr init-db`, Flask-Migrate's
`flask db upgrade`) answers 500 ("no such table") until someone runs it. A command that drops and recreates the
tables runs only when the database file is absent, so a volume's data survives a restart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffold.project import ProjectDir

_INIT_COMMAND = re.compile(
    r"""@(?:click|\w+\.cli)\.command\(\s*["']((?:init|create|setup)[-_]?db|db[-_](?:init|create)|initdb)["']"""
)
"""`@click.command("init-db")` registered on the app's CLI, or `@app.cli.command("create-db")`."""
_INIT_FUNCTION = re.compile(r"""@\w+\.cli\.command\(\s*\)\s*\n(?:@[^\n]*\n)*def\s+((?:init|create)_db)\(""")
"""`@app.cli.command()` over `def init_db():` (Click names it init-db)."""
_SQLITE = re.compile(r"""sqlite3\.connect\(|["']sqlite:///""")
_INSTANCE_FILE = re.compile(r"""instance_path\s*,\s*["']([\w.-]+\.(?:sqlite3?|db))["']""")
"""`os.path.join(app.instance_path, "flaskr.sqlite")`: the database file in Flask's instance folder."""
_MIGRATE = re.compile(r"""\bMigrate\(""")


@dataclass(frozen=True)
class DbInit:
    command: str
    """What runs before the server, e.g. `flask --app flaskr init-db`."""
    guard: str
    """Run only when this file (relative to /app) is absent; "" to run at every start (idempotent commands)."""
    source: str


def flask_db_init(project: ProjectDir, sources: list[str], app_module: str) -> DbInit | None:
    """The schema command of a Flask app on SQLite whose module is `app_module` (`flaskr`), if it has one."""
    texts = {path: project.read_text(path) for path in sources}
    if not app_module or not any(_SQLITE.search(text) for text in texts.values()):
        return None
    flask = f"flask --app {app_module}"
    migrations = project.has("migrations/alembic.ini") or project.has("migrations/env.py")
    migrate = next((path for path, text in texts.items() if _MIGRATE.search(text)), None)
    if migrations and migrate is not None:
        return DbInit(f"{flask} db upgrade", "", migrate)  # Alembic applies only what is missing
    for path, text in texts.items():
        found = _INIT_COMMAND.search(text) or _INIT_FUNCTION.search(text)
        if found is None:
            continue
        name = found.group(1).replace("_", "-")
        database = next((m.group(1) for t in texts.values() if (m := _INSTANCE_FILE.search(t))), None)
        # An init command that drops its tables must not run over a volume's data: without a known file, no.
        return DbInit(f"{flask} {name}", f"instance/{database}", path) if database else None
    return None


def alembic_db_init(project: ProjectDir, sources: list[str]) -> DbInit | None:
    """`alembic upgrade head` for an app on SQLite with alembic.ini at the root and its migration scripts there.

    Alembic applies only the revisions the database lacks, so it runs at every start and a volume's data stays.
    """
    if not project.has("alembic.ini"):
        return None
    ini = project.read_text("alembic.ini")
    location = _SCRIPT_LOCATION.search(ini)
    folder = location.group(1).strip() if location else "alembic"
    if not project.has(f"{folder}/env.py"):
        return None
    if not (_SQLITE.search(ini) or any(_SQLITE.search(project.read_text(p)) for p in sources)):
        return None
    return DbInit("alembic upgrade head", "", "alembic.ini")


_SCRIPT_LOCATION = re.compile(r"^\s*script_location\s*=\s*(?:%\(here\)s/)?([\w./-]+)\s*$", re.MULTILINE)
