"""Which language the image is for when a project holds several: a package.json of tooling alone (a CSS build,
linters, git hooks) beside a Python or Go app never wins over the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

TAILWIND = {
    "name": "assets",
    "version": "1.0.0",
    "main": "index.js",  # npm init's default, with no index.js
    "scripts": {"build:css": "tailwindcss -i ./static/src/input.css -o ./static/css/main.css --minify"},
    "devDependencies": {"tailwindcss": "^3.4.1"},
}
HOOKS = {"private": True, "scripts": {"prepare": "husky install"}, "devDependencies": {"husky": "^8.0.3"}}


def _candidates(project: Path) -> list[str]:
    result = run_cli("detect", "--json", project)
    assert result.code == 0, result.err
    return [c["language"] for c in json.loads(result.out)["candidates"]]


@pytest.mark.parametrize("tooling", [TAILWIND, HOOKS], ids=["tailwind", "husky"])
def test_a_python_app_wins_over_a_tooling_package_json(tmp_path: Path, tooling: dict[str, object]) -> None:
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\ngunicorn==22.0.0\n")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (tmp_path / "package.json").write_text(json.dumps(tooling))
    assert _candidates(tmp_path) == ["python", "node"]
    done = run_cli("init", "--yes", tmp_path)
    assert done.code == 0, done.err
    assert "FROM python:" in (tmp_path / "Dockerfile").read_text()


def test_loose_python_scripts_win_over_a_tooling_package_json(tmp_path: Path) -> None:
    (tmp_path / "bot.py").write_text("import os\nprint(os.environ.get('TOKEN'))\n")
    (tmp_path / "package.json").write_text(json.dumps(HOOKS))
    assert _candidates(tmp_path)[0] == "python"


def test_a_go_module_wins_over_a_tooling_package_json(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/api\n\ngo 1.22\n")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n'
    )
    (tmp_path / "package.json").write_text(json.dumps(TAILWIND))
    assert _candidates(tmp_path) == ["go", "node"]


def test_a_node_server_beside_python_scripts_still_wins(tmp_path: Path) -> None:
    """A package.json that starts a server is an app: it ranks as a manifest, above loose Python scripts."""
    (tmp_path / "seed.py").write_text("print('seed')\n")
    (tmp_path / "package.json").write_text(json.dumps({"name": "api", "scripts": {"start": "node server.js"}}))
    (tmp_path / "server.js").write_text("require('http').createServer().listen(3000)\n")
    assert _candidates(tmp_path)[0] == "node"


def test_a_tooling_package_json_alone_is_still_a_node_project(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(TAILWIND))
    assert _candidates(tmp_path) == ["node"]


@pytest.mark.parametrize("start", ["python app.py", "FLASK_ENV=production gunicorn app:app", "go run ."])
def test_a_start_script_running_another_language_is_tooling(tmp_path: Path, start: str) -> None:
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\ngunicorn==22.0.0\n")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (tmp_path / "package.json").write_text(json.dumps({**TAILWIND, "scripts": {"start": start}}))
    assert _candidates(tmp_path) == ["python", "node"]


def test_a_root_of_tooling_alone_generates_for_the_app_below(tmp_path: Path) -> None:
    """husky/lint-staged at the root of a repository whose Express server is in server/ (a Vite client beside)."""
    (tmp_path / "package.json").write_text(
        json.dumps({**HOOKS, "devDependencies": {"husky": "^8", "lint-staged": "^15"}})
    )
    server = tmp_path / "server"
    server.mkdir()
    manifest = {"name": "api", "scripts": {"start": "node index.js"}, "dependencies": {"express": "^4.19.2"}}
    (server / "package.json").write_text(json.dumps(manifest))
    (server / "index.js").write_text("require('express')().listen(process.env.PORT || 4000)\n")
    client = tmp_path / "client"
    client.mkdir()
    (client / "package.json").write_text(json.dumps({"name": "client", "scripts": {"build": "vite build"}}))
    (client / "index.html").write_text("<!doctype html><title>x</title>")
    done = run_cli("init", "--yes", tmp_path)
    assert done.code == 0, done.err
    assert "generating for the node app in server/" in done.out
    assert "EXPOSE 4000" in (server / "Dockerfile").read_text()
    assert not (tmp_path / "Dockerfile").exists()


def test_a_root_of_tooling_with_no_app_below_stays_at_the_root(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(TAILWIND))
    (tmp_path / "docs").mkdir()
    done = run_cli("init", "--yes", tmp_path)
    assert done.code == 0, done.err
    assert (tmp_path / "Dockerfile").is_file()


def test_a_package_json_the_python_app_builds_its_assets_with_is_tooling(tmp_path: Path) -> None:
    """A webpack build looks like a static site by itself; beside a Python web app whose image builds it (the
    assets stage), it is that app's tooling and ranks as such."""
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\ngunicorn==22.0.0\n")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    webpack = {"scripts": {"build": "webpack --mode production"}, "devDependencies": {"webpack": "^5.90.0"}}
    (tmp_path / "package.json").write_text(json.dumps(webpack))
    result = run_cli("detect", "--json", tmp_path)
    assert result.code == 0, result.err
    scores = {c["language"]: c["score"] for c in json.loads(result.out)["candidates"]}
    assert scores == {"python": 100, "node": 10}
