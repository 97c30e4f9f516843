"""docker-bake.hcl for a repository with several apps (Go cmd/* main packages): one target per app, each a
stage of the one Dockerfile, a default group, and a CI matrix over the same apps; off for a single app."""

from __future__ import annotations

from pathlib import Path

import dockerfile
import yaml

from tests import bake
from tests.conftest import EXAMPLE_LIST, copy_example, run_cli

EXAMPLES = {e.name: e for e in EXAMPLE_LIST}


def init(name: str, tmp_path: Path, *extra: str) -> Path:
    example = EXAMPLES[name]
    project = copy_example(example, tmp_path)
    result = run_cli(*example.init_args(), *extra, project)
    assert result.code == 0, result.err
    return project


def stages(project: Path) -> dict[str, list[dockerfile.Command]]:
    out: dict[str, list[dockerfile.Command]] = {}
    current = ""
    for command in dockerfile.parse_file(str(project / "Dockerfile")):
        if command.cmd == "FROM":
            current = command.value[2] if len(command.value) == 3 else ""
            out[current] = []
        out[current].append(command)
    return out


def test_several_main_packages_get_a_bake_target_each(tmp_path: Path) -> None:
    project = init("go-multi", tmp_path)
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert groups == {"default": ["greeter", "admin"]}
    assert {k: v for k, v in targets.items() if not k.startswith("_")} == {
        app: {
            "context": ".",
            "dockerfile": "Dockerfile",
            "args": {"VERSION": "TAG"},
            "target": f"app-{app}",
            "tags": [f"${{REGISTRY}}{app}:${{TAG}}"],
        }
        for app in ("greeter", "admin")
    }
    found = stages(project)
    for app in ("greeter", "admin"):
        commands = {c.cmd: c for c in found[f"app-{app}"]}
        assert commands["COPY"].value == ("--from=build", f"/out/bin/{app}", "/usr/local/bin/") or commands[
            "COPY"
        ].value == (f"/out/bin/{app}", "/usr/local/bin/"), commands["COPY"].original
        assert commands["ENTRYPOINT"].value == (f"/usr/local/bin/{app}",)
        assert commands["USER"].value == ("65532:65532",)
    # The default image (the last stage) is the one it was: every binary, the main one as entrypoint.
    last = {c.cmd: c for c in list(found.values())[-1]}
    assert last["ENTRYPOINT"].value == ("/usr/local/bin/greeter",)


def test_bake_is_off_for_one_app_and_when_a_person_says_no(tmp_path: Path) -> None:
    single = init("go-hello", tmp_path / "one")
    assert not (single / "docker-bake.hcl").exists()
    assert not any(name.startswith("app-") for name in stages(single))
    refused = init("go-multi", tmp_path / "no", "--set", "bake=no")
    assert not (refused / "docker-bake.hcl").exists()
    assert not any(name.startswith("app-") for name in stages(refused))


def test_a_single_app_may_ask_for_bake(tmp_path: Path) -> None:
    project = init("go-http", tmp_path, "--set", "bake=yes")
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert groups == {"default": ["server"]} and targets["server"]["target"] == "app-server"
    assert "app-server" in stages(project)


def test_the_ci_matrix_runs_over_the_bake_targets(tmp_path: Path) -> None:
    github = init("go-multi", tmp_path / "gh", "--ci", "github")
    workflow = yaml.safe_load((github / ".github/workflows/docker.yml").read_text())
    assert workflow["jobs"]["apps"]["strategy"]["matrix"]["app"] == ["greeter", "admin"]
    build = workflow["jobs"]["apps"]["steps"][-1]["with"]
    assert build["target"] == "app-${{ matrix.app }}" and build["sbom"] is True
    gitlab = init("go-multi", tmp_path / "gl", "--ci", "gitlab")
    pipeline = yaml.safe_load((gitlab / ".gitlab-ci.yml").read_text())
    assert pipeline["push-apps"]["parallel"]["matrix"] == [{"APP": ["greeter", "admin"]}]
    assert '--target "app-$APP"' in " ".join(pipeline["push-apps"]["script"])
    single = init("go-http", tmp_path / "one")  # its example asks for the GitHub pipeline: one image, no matrix
    assert list(yaml.safe_load((single / ".github/workflows/docker.yml").read_text())["jobs"]) == ["image"]
