"""A Flask app on SQLite whose tables come from a CLI command: the container runs it at start (guarded by the
database file when the command drops its tables), the dev stage too; other apps are left alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.python.detect import PythonProvider
from tests.conftest import REPO, run_cli, write_tree

Tree = dict[str, str | bytes]
FACTORY = (
    "import os\nfrom flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n"
    "    app.config['DATABASE'] = os.path.join(app.instance_path, 'site.db')\n    return app\n"
)
INIT_DB = "import click, sqlite3\n\n@click.command('init-db')\ndef init_db_command():\n    sqlite3.connect('x')\n"
FUNCTION = "import sqlite3\n\n@app.cli.command()\ndef create_db():\n    sqlite3.connect('x')\n"
MIGRATE = "from flask_migrate import Migrate\nmigrate = Migrate()\nURI = 'sqlite:///app.db'\n"


def values(files: Tree, tmp_path: Path) -> tuple[str, str]:
    found = PythonProvider().detect(write_tree(tmp_path, {"requirements.txt": "flask\n", **files}))
    assert found is not None
    facts: dict[str, Any] = {f.key: f.value for f in found.facts}
    return str(facts.get("init_command", "")), str(facts.get("init_guard", ""))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"site/__init__.py": FACTORY, "site/db.py": INIT_DB}, ("flask --app site init-db", "instance/site.db")),
        ({"site/__init__.py": FACTORY, "site/cli.py": FUNCTION}, ("flask --app site create-db", "instance/site.db")),
        # Flask-Migrate with its migrations folder: `db upgrade` applies what is missing, at every start
        (
            {
                "site/__init__.py": FACTORY,
                "site/ext.py": MIGRATE,
                "migrations/env.py": "",
                "migrations/alembic.ini": "",
            },
            ("flask --app site db upgrade", ""),
        ),
        # an init command whose database file is unknown is not run (it may drop a volume's tables)
        ({"site/__init__.py": FACTORY.replace("'site.db'", "NAME"), "site/db.py": INIT_DB}, ("", "")),
        # no SQLite: a database server's schema is the deployment's business
        ({"site/__init__.py": FACTORY, "site/db.py": INIT_DB.replace("sqlite3.connect('x')", "pass")}, ("", "")),
    ],
    ids=["init-db", "function-name", "flask-migrate", "unknown-file", "no-sqlite"],
)
def test_the_schema_command_of_a_flask_app(files: Tree, expected: tuple[str, str], tmp_path: Path) -> None:
    assert values(files, tmp_path) == expected


def test_the_flaskr_image_and_dev_stage_run_init_db_when_the_database_is_absent() -> None:
    dockerfile = (REPO / "tests/golden/python-flaskr/Dockerfile").read_text(encoding="utf-8")
    guarded = "[ -e instance/flaskr.sqlite ] || flask --app flaskr init-db"
    assert f'CMD ["/bin/sh", "-c", "set -e; {guarded}; exec /opt/venv/bin/gunicorn' in dockerfile
    assert f"{guarded} \\u0026\\u0026 exec flask --app" in dockerfile  # the dev stage


def test_distroless_has_no_shell_to_run_it(tmp_path: Path) -> None:
    app = write_tree(
        tmp_path / "app", {"requirements.txt": "flask\n", "site/__init__.py": FACTORY, "site/db.py": INIT_DB}
    )
    done = run_cli("init", "--yes", "--set", "runtime=distroless", app.root)
    assert done.code == 0, done.out + done.err
    assert "init-db" not in (app.root / "Dockerfile").read_text(encoding="utf-8").split(" AS runtime")[-1]
