"""A repository whose root holds no app, only folders that do (`server/` beside `client/`, `backend/`):
init generates for the app in the folder, says so and names the others; a root with no app anywhere is
still refused in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

from scaffold.app_folder import apps_below
from tests.conftest import EXAMPLES, run_cli


def _repo(tmp_path: Path, **folders: str) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for folder, example in folders.items():
        shutil.copytree(EXAMPLES / example, root / folder)
    return root


def test_init_generates_for_the_server_beside_a_static_client(tmp_path: Path) -> None:
    root = _repo(tmp_path, client="node-vite", server="node-express")
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    said = result.out + result.err
    assert "generating for the node app in server/" in said
    assert f"scaffold init {root / 'client'}" in said  # the other app, named
    assert (root / "server" / "Dockerfile").is_file() and (root / "server" / ".scaffold.yaml").is_file()
    assert sorted(p.name for p in root.iterdir()) == ["client", "server"]  # nothing written at the root
    assert not (root / "client" / "Dockerfile").exists()
    assert f"cd {root / 'server'}" in result.out


def test_a_server_folder_name_wins_among_servers_and_tooling_folders_are_skipped(tmp_path: Path) -> None:
    root = _repo(tmp_path, worker="python-fastapi", backend="python-flask", docs="node-express")
    assert [f.folder for f in apps_below(root)] == ["backend", "worker"]


def test_a_lone_static_site_in_a_folder_is_generated_too(tmp_path: Path) -> None:
    root = _repo(tmp_path, frontend="node-vite")
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert (root / "frontend" / "Dockerfile").is_file()


def test_a_root_with_no_app_in_any_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "todo.txt").write_text("nothing to run\n", encoding="utf-8")
    result = run_cli("init", "--yes", root)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "no Go, Node or Python project found" in result.err
    assert sorted(p.name for p in root.iterdir()) == ["notes"]


def test_verify_at_that_root_verifies_the_app_below_it(tmp_path: Path) -> None:
    root = _repo(tmp_path, client="node-vite", server="node-express")
    assert run_cli("init", "--yes", root).code == 0
    # No engine by that name: verify stops at its first check, after saying which app it verifies.
    result = run_cli("verify", "--engine", str(tmp_path / "no-such-docker"), root)
    assert "verifying the app scaffold generated in server/" in result.out + result.err
    assert "no Dockerfile here" not in result.out + result.err


def test_an_app_two_levels_down_in_a_group_folder_is_found_and_verified(tmp_path: Path) -> None:
    """`apps/api/` beside `apps/web/` with no workspace manifest anywhere (and a README at the root)."""
    root = _repo(tmp_path)
    (root / "README.md").write_text("# shop\n", encoding="utf-8")
    shutil.copytree(EXAMPLES / "node-vite", root / "apps" / "web")
    shutil.copytree(EXAMPLES / "python-flask", root / "apps" / "api")
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "generating for the python app in apps/api/" in result.out + result.err
    assert (root / "apps" / "api" / "Dockerfile").is_file()
    assert not (root / "Dockerfile").exists() and not (root / "apps" / "web" / "Dockerfile").exists()
    verified = run_cli("verify", "--engine", str(tmp_path / "no-such-docker"), root)
    assert "verifying the app scaffold generated in apps/api/" in verified.out + verified.err


def test_a_group_folders_apps_rank_beside_the_immediate_ones(tmp_path: Path) -> None:
    root = _repo(tmp_path, server="node-express")
    shutil.copytree(EXAMPLES / "python-flask", root / "services" / "api")
    shutil.copytree(EXAMPLES / "python-cli", root / "services" / "tool")
    assert [f.folder for f in apps_below(root)] == ["server", "services/api", "services/tool"]
