"""package-lock.json written on macOS or Windows without the Linux builds of native packages (npm/cli#4828):
which ones the image adds after `npm ci`, per architecture, and which of them production needs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scaffold.project import ProjectDir
from scaffold.providers.node.platform_lock import missing_linux_packages

ROLLUP_OPTIONALS = {
    "@rollup/rollup-darwin-arm64": "4.50.1",
    "@rollup/rollup-linux-x64-gnu": "4.50.1",
    "@rollup/rollup-linux-x64-musl": "4.50.1",
    "@rollup/rollup-linux-arm64-gnu": "4.50.1",
    "@rollup/rollup-win32-x64-msvc": "4.50.1",
}
SHARP_OPTIONALS = {
    "@img/sharp-darwin-arm64": "0.34.5",
    "@img/sharp-linux-x64": "0.34.5",
    "@img/sharp-linux-arm64": "^0.34.5",
}


def _lock(tmp_path: Path, packages: dict[str, Any], name: str = "package-lock.json") -> ProjectDir:
    lock = {"name": "app", "lockfileVersion": 3, "requires": True, "packages": {"": {"name": "app"}, **packages}}
    (tmp_path / name).write_text(json.dumps(lock), encoding="utf-8")
    return ProjectDir(tmp_path)


def test_a_lock_written_on_macos_gets_this_platforms_builds_per_architecture(tmp_path: Path) -> None:
    project = _lock(
        tmp_path,
        {
            "node_modules/rollup": {"version": "4.50.1", "dev": True, "optionalDependencies": ROLLUP_OPTIONALS},
            "node_modules/@rollup/rollup-darwin-arm64": {"version": "4.50.1", "dev": True, "optional": True},
            "node_modules/sharp": {"version": "0.34.5", "optionalDependencies": SHARP_OPTIONALS},
            "node_modules/@img/sharp-darwin-arm64": {"version": "0.34.5", "optional": True},
        },
    )
    found = missing_linux_packages(project, "package-lock.json")
    assert found.build == {
        "amd64": ("@img/sharp-linux-x64@0.34.5", "@rollup/rollup-linux-x64-gnu@4.50.1"),
        "arm64": ("@img/sharp-linux-arm64@^0.34.5", "@rollup/rollup-linux-arm64-gnu@4.50.1"),
    }
    # rollup is a devDependency's: only sharp's builds go into the production install.
    assert found.prod == {"amd64": ("@img/sharp-linux-x64@0.34.5",), "arm64": ("@img/sharp-linux-arm64@^0.34.5",)}


def test_a_complete_lock_needs_nothing(tmp_path: Path) -> None:
    packages: dict[str, Any] = {"node_modules/rollup": {"version": "4.50.1", "optionalDependencies": ROLLUP_OPTIONALS}}
    packages |= {f"node_modules/{name}": {"version": "4.50.1", "optional": True} for name in ROLLUP_OPTIONALS}
    assert not missing_linux_packages(_lock(tmp_path, packages), "package-lock.json")


def test_a_build_hoisted_or_nested_anywhere_up_the_tree_counts_as_present(tmp_path: Path) -> None:
    project = _lock(
        tmp_path,
        {
            "node_modules/vite/node_modules/rollup": {
                "version": "4.50.1",
                "optionalDependencies": {"@rollup/rollup-linux-x64-gnu": "4.50.1"},
            },
            "node_modules/@rollup/rollup-linux-x64-gnu": {"version": "4.50.1", "optional": True},
        },
    )
    assert not missing_linux_packages(project, "package-lock.json")


def test_only_linux_glibc_builds_with_a_plain_version_are_added(tmp_path: Path) -> None:
    optionals = {
        "@esbuild/linux-x64": "0.25.0",
        "@img/sharp-linuxmusl-x64": "0.34.5",  # musl: the images are Debian
        "@esbuild/android-arm64": "0.25.0",
        "lightningcss-linux-arm64-musl": "1.30.0",
        "@swc/core-linux-x64-gnu": "github:swc/swc",  # not a version
        "fsevents": "~2.3.3",  # macOS only, no platform in the name
    }
    project = _lock(tmp_path, {"node_modules/tool": {"version": "1.0.0", "optionalDependencies": optionals}})
    found = missing_linux_packages(project, "package-lock.json")
    assert found.build == {"amd64": ("@esbuild/linux-x64@0.25.0",), "arm64": ()}


def test_other_managers_locks_and_unreadable_locks_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "yarn.lock").write_text("# yarn lockfile v1\n", encoding="utf-8")
    assert not missing_linux_packages(ProjectDir(tmp_path), "yarn.lock")
    (tmp_path / "package-lock.json").write_text("{not json", encoding="utf-8")
    assert not missing_linux_packages(ProjectDir(tmp_path), "package-lock.json")


def test_the_generated_install_adds_only_what_each_architecture_lacks(tmp_path: Path) -> None:
    # A lock written on linux-arm64 over an old node_modules: only the x64 build is missing.
    from tests.conftest import run_cli

    project = _lock(
        tmp_path,
        {
            "": {"name": "app", "dependencies": {"sharp": "^0.34.5"}},
            "node_modules/sharp": {"version": "0.34.5", "optionalDependencies": SHARP_OPTIONALS},
            "node_modules/@img/sharp-linux-arm64": {"version": "0.34.5", "optional": True},
        },
    ).root
    manifest = {
        "name": "app",
        "version": "1.0.0",
        "dependencies": {"sharp": "^0.34.5"},
        "scripts": {"start": "node index.js"},
    }
    (project / "package.json").write_text(json.dumps(manifest), encoding="utf-8")
    (project / "index.js").write_text("require('sharp');\n", encoding="utf-8")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert "has no Linux builds of @img/sharp-linux-x64" in result.out + result.err
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert "amd64) npm install --no-save --no-audit --no-fund --omit=dev @img/sharp-linux-x64@0.34.5 ;;" in dockerfile
    assert "arm64) true ;;" in dockerfile
