"""Each docker-bake.hcl target builds and runs on the engine, through the `docker build` it stands for (this
engine's Debian client has no buildx bake): Go cmd/* binaries (one image per app), a Node workspace's apps (a
Dockerfile each) and a uv workspace's servers (a stage each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import bake
from tests.conftest import EXAMPLE_LIST, copy_example, run_cli
from tests.e2e.engine import Engine, wait_for_http

pytestmark = pytest.mark.docker

SAYS = {"greeter": "greeter says hello to Ada", "admin": "admin: nothing to do for"}


def test_every_bake_target_builds_and_runs_its_own_app(engine: Engine, tmp_path: Path) -> None:
    [example] = [e for e in EXAMPLE_LIST if e.name == "go-multi"]
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert groups["default"] == list(SAYS)
    built: list[str] = []
    try:
        for app in groups["default"]:
            tag = f"scaffold-e2e/bake-{app}:t"
            context, dockerfile, stage, args = bake.build_spec(targets[app], "t")
            engine.build(project / context, tag, dockerfile=dockerfile, target=stage, build_args=args)
            built.append(tag)
            ran = engine.run_cmd("run", "--rm", "--network", engine.network, tag, "Ada", check=False)
            assert ran.returncode == 0 and SAYS[app] in ran.stdout, ran.stdout + ran.stderr
            image = engine.inspect(tag)
            assert image["Config"]["Entrypoint"] == [f"/usr/local/bin/{app}"]
            assert image["Config"]["Labels"]["org.opencontainers.image.title"] == app
            assert image["Config"]["Labels"]["org.opencontainers.image.version"] == "t"
            # Only its own binary: the other app is not in this image.
            other = next(a for a in SAYS if a != app)
            listed = engine.run_cmd("create", tag, check=True).stdout.strip()
            try:
                missing = engine.run_cmd("cp", f"{listed}:/usr/local/bin/{other}", str(tmp_path / other), check=False)
                assert missing.returncode != 0, f"{other} should not be in {tag}"
            finally:
                engine.run_cmd("rm", listed, check=False)
    finally:
        for tag in built:
            engine.run_cmd("image", "rm", tag, check=False)


@pytest.mark.parametrize("name", ["node-workspace-apps", "python-uv-apps"])
def test_every_workspace_app_builds_and_answers(engine: Engine, tmp_path: Path, name: str) -> None:
    """A Node workspace with two apps (a Dockerfile each) and a uv workspace with two servers (an app-NAME stage
    each): every bake target built as the `docker build` it stands for, run, and answering as its own app."""
    [example] = [e for e in EXAMPLE_LIST if e.name == name]
    expect = example.expect["bake"]
    project = copy_example(example, tmp_path)
    assert run_cli(*example.init_args(), project).code == 0
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert sorted(groups["default"]) == sorted(expect)
    built: list[str] = []
    try:
        for app in groups["default"]:
            tag = f"scaffold-e2e/bake-{app}:t"
            context, dockerfile, stage, args = bake.build_spec(targets[app], "t")
            engine.build(project / context, tag, dockerfile=dockerfile, target=stage, build_args=args)
            built.append(tag)
            container = f"scaffold-e2e-bake-{app}"
            engine.start(tag, container)
            try:
                body = wait_for_http(f"http://127.0.0.1:{expect[app]['port']}/")
                assert expect[app]["contains"] in body, body + engine.logs(container)
            finally:
                engine.run_cmd("rm", "-f", container, check=False)
            assert engine.inspect(tag)["Config"]["Labels"]["org.opencontainers.image.title"] == app
            assert engine.inspect(tag)["Config"]["Labels"]["org.opencontainers.image.version"] == "t"
    finally:
        for tag in built:
            engine.run_cmd("image", "rm", tag, check=False)
