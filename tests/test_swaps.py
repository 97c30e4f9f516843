"""A lock pinning a nan older than the chosen Node compiles addons against (catalogue node.toml `swaps`): the
installs skip scripts, every copy of nan becomes the catalogued one, then the install scripts run."""

from __future__ import annotations

import json
from pathlib import Path

from scaffold.providers.node.data import node_data
from scaffold.providers.node.swaps import floor_for
from tests.conftest import run_cli

MANIFEST: dict[str, object] = {
    "name": "auth",
    "scripts": {"start": "node app.js"},
    "dependencies": {"bcrypt": "^3.0.8"},
}


def _project(tmp_path: Path, files: dict[str, str], manifest: dict[str, object] = MANIFEST) -> Path:
    (tmp_path / "package.json").write_text(json.dumps(manifest))
    (tmp_path / "app.js").write_text("require('bcrypt')\n")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _npm_lock(nan: str) -> str:
    root = {"dependencies": {"bcrypt": "^3.0.8"}}  # as in package.json: the lock is in sync
    packages = {"": root, "node_modules/bcrypt": {"version": "3.0.8"}, "node_modules/nan": {"version": nan}}
    return json.dumps({"lockfileVersion": 3, "packages": packages})


def test_floors_follow_the_node_major() -> None:
    nan = node_data()["swaps"]["nan"]
    assert floor_for(nan, 18) == ""  # no floor known to be needed
    assert floor_for(nan, 20) == "2.17.0"
    assert floor_for(nan, 22) == "2.19.0"
    assert floor_for(nan, 24) == "2.19.0"  # above the last listed: its floor
    assert floor_for(node_data()["swaps"]["sharp"], 22) == "0.33.0"


def test_a_current_nan_changes_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, {"package-lock.json": _npm_lock("2.22.0")})
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "out of sync" not in result.out + result.err
    dockerfile = (root / "Dockerfile").read_text()
    assert "nan@" not in dockerfile and "--ignore-scripts" not in dockerfile


def test_a_yarn_1_lock_rebuilds_with_npm(tmp_path: Path) -> None:
    yarn = 'bcrypt@^3.0.8:\n  version "3.0.8"\n\nnan@2.14.0:\n  version "2.14.0"\n'
    root = _project(tmp_path, {"yarn.lock": yarn})
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    dockerfile = (root / "Dockerfile").read_text()
    assert "yarn install --frozen-lockfile --production --ignore-engines --ignore-scripts" in dockerfile
    assert "nan@2.22.2" in dockerfile and "&& npm rebuild" in dockerfile


def test_an_install_that_already_skips_scripts_gets_the_swap_without_a_second_rebuild(tmp_path: Path) -> None:
    # the build lives in postinstall: the build stage's install skips scripts and runs the build by name later;
    # the production install keeps them (native addons), so it alone skips them for the swap and rebuilds
    manifest = {**MANIFEST, "scripts": {"start": "node dist/app.js", "postinstall": "tsc"}}
    root = _project(tmp_path, {"package-lock.json": _npm_lock("2.14.0")}, manifest)
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    dockerfile = (root / "Dockerfile").read_text()
    deps, _, build = dockerfile.partition("FROM base AS build")
    assert "npm ci --omit=dev --ignore-scripts" in deps and "&& npm rebuild" in deps
    assert "    npm ci --ignore-scripts\n" in build and "nan@2.22.2" in build and "npm rebuild" not in build


def test_sharp_before_0_33_gets_0_33_which_the_registry_serves_whole(tmp_path: Path) -> None:
    # measured: an Express thumbnail service locking sharp 0.32.6 failed in npm ci (libvips from GitHub); with the
    # swap it verifies and answers with sharp 0.33.5
    manifest: dict[str, object] = {
        "name": "thumbs",
        "scripts": {"start": "node app.js"},
        "dependencies": {"sharp": "^0.32.6"},
    }
    lock = {"": {"dependencies": {"sharp": "^0.32.6"}}, "node_modules/sharp": {"version": "0.32.6"}}
    root = _project(tmp_path, {"package-lock.json": json.dumps({"lockfileVersion": 3, "packages": lock})}, manifest)
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "package-lock.json pins sharp 0.32.6, which downloads libvips from GitHub" in result.out
    dockerfile = (root / "Dockerfile").read_text()
    assert (
        dockerfile.count("--no-fund sharp@0.33.5 \\\n    && find node_modules -type d -path '*node_modules/sharp'") == 2
    )
