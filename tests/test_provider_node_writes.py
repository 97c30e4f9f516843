"""The shipped folders and files a Node app writes at run time: the image copies them owned by the app's user
(else the first write fails with EACCES), and everything else it ships stays root's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.node.detect import NodeProvider
from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]
WRITES_DATA = "const fs = require('fs');\nfs.writeFileSync(require('path').join(__dirname, 'data', 'db.json'), '{}');\n"


def app(server: str, start: str = "node server.js", **more: str) -> Tree:
    manifest = {"name": "demo", "scripts": {"start": start}, "dependencies": {"express": "4"}}
    return {"package.json": json.dumps(manifest), "package-lock.json": "{}", "server.js": server, **more}


def written(files: Tree, tmp_path: Path) -> str:
    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    values: dict[str, Any] = {f.key: f.value for f in found.facts}
    return str(values.get("writable_files", ""))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # a data folder the code writes into; views/ is read only and routes/ holds code: both stay root's
        (app(WRITES_DATA, **{"data/db.json": "{}", "views/index.ejs": "<p>", "routes/a.js": "x"}), "data"),
        # winston's file transport under logs/ and multer's uploads/ (kept in git by .gitkeep)
        (
            app("new winston.transports.File({ filename: 'logs/error.log' });\nmulter({ dest: 'uploads/' });\n")
            | {"logs/.gitkeep": "", "uploads/.gitkeep": ""},
            "logs uploads",
        ),
        # nothing writes: a data folder of fixtures the app only reads stays root's
        (app("const db = require('./data/db.json');\n", **{"data/db.json": "{}"}), ""),
        # a JSON file the writing code names, beside one it only reads
        (
            app(
                "fs.writeFileSync('db.json', x);\nrequire('./config.json');\n", **{"db.json": "{}", "config.json": "{}"}
            ),
            "db.json",
        ),
        # json-server rewrites the file its start command names
        (app("", start="json-server --watch db.json", **{"db.json": "{}"}), "db.json"),
        # a SQLite database any source names (sqlite writes even when the code only reads it)
        (app("const db = new Database('app.sqlite');\n", **{"app.sqlite": "SQLite format 3"}), "app.sqlite"),
    ],
    ids=["data-folder", "logs-uploads", "read-only", "json-file", "json-server", "sqlite"],
)
def test_what_the_app_writes_is_its_own(files: Tree, expected: str, tmp_path: Path) -> None:
    assert written(files, tmp_path) == expected


def test_the_dockerfile_copies_the_apps_data_as_its_user_and_the_code_as_roots(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "app", app(WRITES_DATA, **{"data/db.json": "{}", "lib/util.js": "x"})).root
    done = run_cli("init", "--yes", project)
    assert done.code == 0, done.out
    assert "the app writes data/ at run time" in done.out
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY --chown=1000:1000 data ./data\n" in dockerfile
    assert "COPY server.js ./server.js\n" in dockerfile and "COPY lib ./lib\n" in dockerfile
