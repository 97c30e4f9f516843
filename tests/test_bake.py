"""docker-bake.hcl for a repository with several apps: one target per app (Go cmd/* main packages: each a stage of
the one Dockerfile; Node workspace apps: each its own Dockerfile), a default group, and a CI matrix over the same
apps; off for a single app."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import dockerfile
import pytest
import yaml

from scaffold.bake import Target as BakeTarget
from scaffold.bake import read_targets
from scaffold.builtin_templates import templates_root
from scaffold.commands import verify as verify_cmd
from scaffold.report import Reporter
from scaffold.verify import facts
from scaffold.verify.model import Settings
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


def test_a_node_workspace_with_two_apps_gets_a_dockerfile_and_a_bake_target_each(tmp_path: Path) -> None:
    project = init("node-workspace-apps", tmp_path)
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert groups == {"default": ["admin", "api"]}
    assert {k: v for k, v in targets.items() if not k.startswith("_")} == {
        app: {
            "context": ".",
            "dockerfile": file,
            "args": {"VERSION": "TAG"},
            "target": "final",
            "tags": [f"${{REGISTRY}}{app}:${{TAG}}"],
        }
        for app, file in (("admin", "Dockerfile"), ("api", "api.Dockerfile"))
    }
    # Each Dockerfile builds its own app: its directory, its port, its name.
    for file, app, port in (("Dockerfile", "admin", "3022"), ("api.Dockerfile", "api", "3021")):
        commands = list(dockerfile.parse_file(str(project / file)))
        assert [c.value for c in commands if c.cmd == "EXPOSE"] == [(port,)]
        workdirs = [c.value[0] for c in commands if c.cmd == "WORKDIR"]
        assert workdirs[-1] == f"/app/apps/{app}"
        assert f'org.opencontainers.image.title="{app}"' in (project / file).read_text()
    assert run_cli("check", project).code == 0  # the extra Dockerfile is recorded like the others


def test_a_workspace_bake_follows_the_app_a_person_chose_and_is_off_when_asked(tmp_path: Path) -> None:
    chosen = init("node-workspace-apps", tmp_path / "api", "--set", "workspace_app=apps/api")
    groups, targets = bake.read(chosen / "docker-bake.hcl")
    assert groups == {"default": ["admin", "api"]}
    assert targets["api"]["dockerfile"] == "Dockerfile" and targets["admin"]["dockerfile"] == "admin.Dockerfile"
    assert "EXPOSE 3021" in (chosen / "Dockerfile").read_text()
    assert run_cli("check", chosen).code == 0
    off = init("node-workspace-apps", tmp_path / "off", "--set", "bake=no")
    assert not (off / "docker-bake.hcl").exists() and not list(off.glob("*.Dockerfile"))
    single = init("node-npm-workspaces", tmp_path / "one")  # one app: one image, no bake file
    assert not (single / "docker-bake.hcl").exists() and not list(single.glob("*.Dockerfile"))


def test_a_workspaces_ci_matrix_and_compose_cover_every_app(tmp_path: Path) -> None:
    from tests.test_ci import actionlint, gitlab_errors
    from tests.test_compose import _validate

    github = init("node-workspace-apps", tmp_path / "gh", "--ci", "github", "--compose")
    workflow_path = github / ".github/workflows/docker.yml"
    actionlint(workflow_path)
    workflow = yaml.safe_load(workflow_path.read_text())
    assert workflow["jobs"]["apps"]["strategy"]["matrix"]["include"] == [
        {"app": "admin", "file": "Dockerfile"},
        {"app": "api", "file": "api.Dockerfile"},
    ]
    build = workflow["jobs"]["apps"]["steps"][-1]["with"]
    assert build["file"] == "${{ matrix.file }}" and build["target"] == "final" and build["sbom"] is True
    compose = yaml.safe_load((github / "compose.yaml").read_text())
    _validate(compose)
    assert compose["services"]["api"]["build"] == {"context": ".", "dockerfile": "api.Dockerfile", "target": "final"}
    assert compose["services"]["app"]["build"]["target"] == "final"
    gitlab = init("node-workspace-apps", tmp_path / "gl", "--ci", "gitlab")
    pipeline = yaml.safe_load((gitlab / ".gitlab-ci.yml").read_text())
    assert gitlab_errors(pipeline) == []
    assert pipeline["push-apps"]["parallel"]["matrix"] == [
        {"APP": "admin", "FILE": "Dockerfile"},
        {"APP": "api", "FILE": "api.Dockerfile"},
    ]
    assert '--file "$FILE" --target final' in " ".join(pipeline["push-apps"]["script"])


def test_a_uv_workspace_with_two_servers_gets_a_stage_and_a_bake_target_each(tmp_path: Path) -> None:
    from tests.test_ci import actionlint

    project = init("python-uv-apps", tmp_path, "--ci", "github")
    groups, targets = bake.read(project / "docker-bake.hcl")
    assert groups == {"default": ["admin", "api"]}
    assert {k: v["target"] for k, v in targets.items() if not k.startswith("_")} == {
        "admin": "app-admin",
        "api": "app-api",
    }
    found = stages(project)
    for app, port in (("admin", "8032"), ("api", "8031")):
        commands = {c.cmd: c for c in found[f"app-{app}"]}
        assert commands["FROM"].value == ("runtime", "AS", f"app-{app}")
        assert commands["ENV"].value == ("PORT", port) and commands["EXPOSE"].value == (port,)
        assert commands["CMD"].value[-1] == f"{app}:app"
    # `docker build .` still builds the default app: the last stage is the runtime stage itself.
    assert [c.value for c in list(found.values())[-1]] == [("runtime",)]
    workflow_path = project / ".github/workflows/docker.yml"
    actionlint(workflow_path)
    workflow = yaml.safe_load(workflow_path.read_text())
    assert workflow["jobs"]["apps"]["strategy"]["matrix"]["app"] == ["admin", "api"]
    assert run_cli("check", project).code == 0


def test_a_uv_workspace_bake_is_off_when_asked_and_for_one_server(tmp_path: Path) -> None:
    off = init("python-uv-apps", tmp_path / "off", "--set", "bake=no")
    assert not (off / "docker-bake.hcl").exists()
    assert not any(name.startswith("app-") for name in stages(off))
    single = init("python-uv-workspace", tmp_path / "one")  # a server and a library member: one image
    assert not (single / "docker-bake.hcl").exists()
    assert not any(name.startswith("app-") for name in stages(single))


def _older_template_wrote(project: Path, file: str) -> None:
    """As if an older template version had written `file`: its record and the file on disk say the same older text."""
    rec = yaml.safe_load((project / ".scaffold.yaml").read_text())
    older = rec["generated"][file].replace("EXPOSE", "# an older template's line\nEXPOSE", 1)
    rec["generated"][file] = older
    rec["written"][file] = hashlib.sha256(older.encode()).hexdigest()
    (project / file).write_text(older)
    (project / ".scaffold.yaml").write_text(yaml.safe_dump(rec, sort_keys=False))


def test_check_finds_drift_in_a_workspace_apps_own_dockerfile(tmp_path: Path) -> None:
    project = init("node-workspace-apps", tmp_path)
    rec = yaml.safe_load((project / ".scaffold.yaml").read_text())
    assert "api.Dockerfile" in rec["generated"] and "api.Dockerfile" in rec["written"], "recorded like the others"
    _older_template_wrote(project, "api.Dockerfile")
    stale = run_cli("check", project)
    assert stale.code == 1 and "an update would change api.Dockerfile" in stale.out + stale.err
    assert "# an older template's line" in stale.out, "the diff it would apply is shown"
    assert run_cli("update", project).code == 0
    assert run_cli("check", "--strict", project).code == 0
    (project / "api.Dockerfile").write_text((project / "api.Dockerfile").read_text() + "# a hand edit\n")
    edited = run_cli("check", "--strict", project)
    assert edited.code == 1 and "edited since scaffold wrote them: api.Dockerfile" in edited.out + edited.err


def test_a_template_must_declare_the_per_app_dockerfiles(tmp_path: Path) -> None:
    """`*.Dockerfile` in `__outputs__`: a team template that does not declare it writes them only when trusted."""
    team = tmp_path / "team-node"
    shutil.copytree(templates_root() / "node", team)
    meta = json.loads((team / "cookiecutter.json").read_text())
    assert "*.Dockerfile" in meta["__outputs__"]
    meta["__outputs__"].remove("*.Dockerfile")
    (team / "cookiecutter.json").write_text(json.dumps(meta))
    example = EXAMPLES["node-workspace-apps"]
    project = copy_example(example, tmp_path / "p")
    refused = run_cli(*example.init_args(), "--template", team, project)
    assert refused.code == 2 and "writes api.Dockerfile, not declared" in refused.err
    assert len(refused.err.strip().splitlines()) == 1 and not (project / "Dockerfile").exists()
    trusted = run_cli(*example.init_args(), "--template", team, "--trust", team, project)
    assert trusted.code == 0, trusted.err
    assert (project / "api.Dockerfile").is_file()


GOLDEN_BAKES = sorted((Path(__file__).parent / "golden").glob("*/docker-bake.hcl"))


@pytest.mark.parametrize("path", GOLDEN_BAKES, ids=lambda p: p.parent.name)
def test_each_generated_bake_target_names_a_dockerfile_and_stage_that_exist(path: Path) -> None:
    """Every target verify --target can pick builds from a Dockerfile beside the bake file and a stage it has."""
    targets = {n: t for n, t in read_targets(path.read_text()).items() if not n.startswith("_")}
    assert targets
    for target in targets.values():
        dockerfile = path.parent / target.context / target.dockerfile
        assert dockerfile.is_file(), target
        stages = re.findall(r"(?im)^FROM\s+\S+\s+AS\s+(\S+)", dockerfile.read_text())
        assert target.stage in stages, (target, stages)


def test_bake_reader_refuses_text_that_is_not_hcl() -> None:
    with pytest.raises(ValueError):
        read_targets('target "api" {\n  context = \n')


def test_bake_reader_follows_inherits_and_skips_nested_maps() -> None:
    text = (
        'target "base" {\n  context = "svc"\n  args = {\n    target = "not-this"\n  }\n}\n'
        'target "api" {\n  inherits = ["base"]\n  dockerfile = "api.Dockerfile"\n  target = "final"\n}\n'
        'target "loop" {\n  inherits = ["loop"]\n}\n'
    )
    targets = read_targets(text)
    assert targets["api"] == BakeTarget("api", "svc", "api.Dockerfile", "final")
    assert targets["base"].stage == "" and targets["loop"] == BakeTarget("loop")


def _resolved(project: Path, target: str) -> Settings:
    request = verify_cmd.VerifyRequest(Settings(path=project, target=target))
    return verify_cmd._bake_target(request, Reporter(file=io.StringIO())).settings


def test_verify_target_is_the_bake_targets_dockerfile_and_stage(tmp_path: Path) -> None:
    go = init("go-multi", tmp_path / "go")
    assert (_resolved(go, "admin").dockerfile, _resolved(go, "admin").stage) == ("Dockerfile", "app-admin")
    node = init("node-workspace-apps", tmp_path / "node")
    assert (_resolved(node, "api").dockerfile, _resolved(node, "api").stage) == ("api.Dockerfile", "final")
    # No bake target of that name: a stage of the Dockerfile, as `docker build --target` builds it.
    assert _resolved(node, "deps").stage == "deps" and _resolved(node, "deps").dockerfile == "Dockerfile"
    # The stage's own base image is the one verify measures the size above (not the last stage's).
    assert facts.read(go / "Dockerfile", "test").final_base.startswith("golang:")
    assert facts.read(go / "Dockerfile", "app-admin").final_base.startswith("gcr.io/distroless/")


def test_verify_refuses_an_unknown_target_in_one_line(tmp_path: Path) -> None:
    project = init("go-multi", tmp_path)
    result = run_cli("verify", "--target", "nope", project)
    assert result.code == 2
    assert result.err.strip() == (
        "error: --target nope: neither a target of docker-bake.hcl (greeter, admin) nor a stage of Dockerfile"
    )


def test_verify_target_with_a_broken_bake_file_is_one_line_naming_it(tmp_path: Path) -> None:
    project = init("go-multi", tmp_path)
    (project / "docker-bake.hcl").write_text('target "admin" {\n  context = \n')
    result = run_cli("verify", "--target", "admin", project)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "docker-bake.hcl" in result.err and "is not HCL" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("name", ["node-express", "python-flask"])
def test_bake_on_a_one_app_project_is_refused_in_one_line_and_nothing_is_written(name: str, tmp_path: Path) -> None:
    example = next(e for e in EXAMPLE_LIST if e.name == name)
    project = copy_example(example, tmp_path)
    before = sorted(p.name for p in project.iterdir())
    result = run_cli("init", "--yes", "--set", "bake=yes", str(project))
    assert result.code == 2
    assert result.err.strip().startswith("error: bake=yes: docker-bake.hcl builds the several")
    assert len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in project.iterdir()) == before
