"""The data folders a Python app ships and writes: the image gives them to the app's user (chown), the code
stays root's, and a distroless image (no shell to chown with) is left as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.python.detect import PythonProvider
from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]
FLASK = "flask==3.1.0\n"
READS = "import json\njson.load(open('data/a.json'))\n"
WRITES = "from pathlib import Path\nPath('data/notes.json').write_text('{}')\n"
FLASK_INSTANCE = (
    "from flask import Flask\napp = Flask(__name__, instance_relative_config=True)\n"
    "app.config.from_pyfile('config.py', silent=True)\n"
    "app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///app.db'\n"
)
FASTAPI_WRITES = "from fastapi import FastAPI\napp = FastAPI()\nopen('instance/log.txt', 'w')\n"


def data_dirs(files: Tree, tmp_path: Path) -> str:
    found = PythonProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    values: dict[str, Any] = {f.key: f.value for f in found.facts}
    return str(values.get("data_dirs", ""))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"requirements.txt": FLASK, "app.py": WRITES, "data/notes.json": "{}", "static/a.css": ""}, "data"),
        # Flask-SQLAlchemy's SQLite file lands in instance/; uploads/ is kept in git by .gitkeep
        (
            {
                "requirements.txt": FLASK,
                "app.py": "app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///app.db'\n",
                "instance/.gitkeep": "",
                "uploads/.gitkeep": "",
            },
            "instance uploads",
        ),
        # nothing writes files: data/ is read-only fixtures
        (
            {"requirements.txt": FLASK, "app.py": "import json\njson.load(open('data/a.json'))\n", "data/a.json": "{}"},
            "",
        ),
        # a package named data is code
        ({"requirements.txt": FLASK, "app.py": WRITES, "data/__init__.py": "", "data/models.py": ""}, ""),
        # Flask's instance/ with the deployment's config.py (app.config.from_pyfile): still the app's data folder
        (
            {"requirements.txt": FLASK, "app.py": FLASK_INSTANCE, "instance/config.py": "SECRET_KEY = 'dev'\n"},
            "instance",
        ),
        # ... but not when it is a package the app imports
        (
            {"requirements.txt": FLASK, "app.py": FLASK_INSTANCE, "instance/__init__.py": "", "instance/config.py": ""},
            "",
        ),
        # and another framework's instance/ with code in it stays code
        ({"requirements.txt": "fastapi\nuvicorn\n", "main.py": FASTAPI_WRITES, "instance/config.py": ""}, ""),
    ],
    ids=["data", "instance-uploads", "read-only", "package", "flask-instance-config", "instance-package", "not-flask"],
)
def test_shipped_data_folders_the_app_writes(files: Tree, expected: str, tmp_path: Path) -> None:
    assert data_dirs(files, tmp_path) == expected


@pytest.mark.parametrize(("runtime", "chowned"), [("slim", True), ("distroless", False)])
def test_the_final_stage_gives_data_folders_to_the_app_user(runtime: str, chowned: bool, tmp_path: Path) -> None:
    project = write_tree(tmp_path / "app", {"requirements.txt": FLASK, "app.py": WRITES, "data/notes.json": "{}"})
    done = run_cli("init", "--yes", "--set", f"runtime={runtime}", project.root)
    assert done.code == 0, done.out + done.err
    dockerfile = (project.root / "Dockerfile").read_text(encoding="utf-8")
    assert ("&& chown -R 10001:10001 /app/data\n" in dockerfile) is chowned
    assert "chown -R 10001:10001 /app\n" not in dockerfile  # the code stays root's
