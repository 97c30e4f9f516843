"""The provider registry is the one list of languages: ranking in mixed repositories, and a fourth
language added by an installed plugin (tests/fixtures/language-plugin) without touching scaffold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scaffold.commands.detect import detect
from scaffold.providers import languages, titles
from tests.conftest import STANDIN_ENV, CliResult, tree, write_tree

PLUGIN = Path(__file__).parent / "fixtures" / "language-plugin"

GO = {"go.mod": "module example.com/x\n\ngo 1.24\n", "main.go": "package main\n\nfunc main() {}\n"}
NODE = {"package.json": '{"name": "web", "scripts": {"start": "node server.js"}}', "server.js": "console.log(1)\n"}
PYTHON = {"requirements.txt": "flask\n", "app.py": "import flask\napp = flask.Flask(__name__)\n"}


@pytest.mark.parametrize(
    ("files", "ranked"),
    [
        # A Go server with a package.json for its front-end assets is a Go project first.
        ({**GO, **NODE}, ["go", "node"]),
        # A Node app with a Python helper script: Node ranks first, Python is offered second.
        ({**NODE, **PYTHON}, ["node", "python"]),
        ({**GO, **PYTHON}, ["go", "python"]),
        ({**GO, **NODE, **PYTHON}, ["go", "node", "python"]),
        # A module in a subdirectory ranks below a manifest at the root.
        ({**{f"svc/{k}": v for k, v in GO.items()}, **PYTHON}, ["python", "go"]),
    ],
)
def test_mixed_repositories_rank_the_same_way(tmp_path: Path, files: dict[str, str], ranked: list[str]) -> None:
    write_tree(tmp_path, files)
    assert [d.language for d in detect(tmp_path)] == ranked


def test_the_built_in_languages_and_their_names() -> None:
    assert languages()[:3] == ("go", "node", "python")
    assert titles() == "Go, Node or Python"


def _scaffold(*args: str | Path, cwd: Path, plugin: bool = True, extra_env: dict[str, str] | None = None) -> CliResult:
    """scaffold in a process whose Python path holds the plugin's package and its dist-info, as pip installs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAFFOLD_")}
    env |= {**STANDIN_ENV, "COLUMNS": "200", "NO_COLOR": "1", **(extra_env or {})}
    if plugin:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PLUGIN), env.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.mark.slow  # runs scaffold as a process
def test_a_plugin_language_detects_inits_and_takes_team_defaults(tmp_path: Path) -> None:
    project = tmp_path / "crate"
    write_tree(
        project, {"Cargo.toml": '[package]\nname = "hello-rs"\nversion = "0.1.0"\n', "src/main.rs": "fn main() {}\n"}
    )
    found = _scaffold("detect", project, cwd=tmp_path)
    assert found.code == 0 and "rust" in found.out, found.err

    team = tmp_path / "team.yaml"
    team.write_text(yaml.safe_dump({"defaults": {"rust": {"rust_version": "1.83"}}}))
    made = _scaffold("init", "--yes", "--config", team, project, cwd=tmp_path)
    assert made.code == 0, made.err
    dockerfile = (project / "Dockerfile").read_text()
    assert "FROM rust:1.83-bookworm AS build" in dockerfile
    recorded = yaml.safe_load((project / ".scaffold.yaml").read_text())["template"]
    assert recorded == {"kind": "plugin", "location": "rust", "ref": "scaffold-rust-fake", "version": "0.1"}
    assert "template of the plugin scaffold-rust-fake 0.1" in made.err + made.out
    checked = _scaffold("check", project, "--config", team, cwd=tmp_path)
    assert checked.code == 0, checked.out + checked.err
    assert 'org.opencontainers.image.title="hello-rs"' in dockerfile

    empty = tmp_path / "new"
    empty.mkdir()
    assert _scaffold("init", "--yes", "--lang", "rust", empty, cwd=tmp_path).code == 0
    assert "FROM rust:1.80-bookworm AS build" in (empty / "Dockerfile").read_text()


@pytest.mark.slow  # runs scaffold as a process
def test_a_plugin_language_is_listed_and_its_template_validates(tmp_path: Path) -> None:
    listed = _scaffold("templates", "list", cwd=tmp_path)
    assert listed.code == 0
    assert "rust" in listed.out and "scaffold_rust_fake" in listed.out
    validated = _scaffold("templates", "validate", PLUGIN / "scaffold_rust_fake" / "template", cwd=tmp_path)
    assert validated.code == 0, validated.out + validated.err
    assert "rust (no sample project: defaults): would write Dockerfile" in validated.out


@pytest.mark.slow  # runs scaffold as a process
def test_without_the_plugin_the_language_is_unknown(tmp_path: Path) -> None:
    before = tree(tmp_path)
    refused = _scaffold("init", "--yes", "--lang", "rust", tmp_path, cwd=tmp_path, plugin=False)
    assert refused.code == 2
    assert "--lang rust: choose one of go, node, python" in refused.err
    assert tree(tmp_path) == before
    team = tmp_path / "team.yaml"
    team.write_text(yaml.safe_dump({"defaults": {"rust": {"rust_version": "1.83"}}}))
    bad = _scaffold("init", "--yes", "--lang", "go", "--config", team, tmp_path, cwd=tmp_path, plugin=False)
    assert bad.code == 2 and "defaults.rust: unknown language (known: go, node, python)" in bad.err
