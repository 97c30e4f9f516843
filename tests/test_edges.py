"""A newcomer's edges (issue 20): help with examples, whole summaries, "did you mean", a mirror without
its slash, the verify table folded with the failure last, no terminal behaving as --yes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from scaffold.report import Reporter
from scaffold.verify.model import Row, Status, failed, passed, skipped
from scaffold.verify.suite import Report
from tests.conftest import run_cli, tree

COMMANDS = ("init", "detect", "update", "check", "verify", "templates", "templates list", "templates validate")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_ends_with_real_examples(command: str) -> None:
    result = run_cli(*command.split(), "--help")
    assert result.code == 0, result.err
    tail = result.out.rstrip().split("Examples:")[-1].strip().splitlines()
    assert 2 <= len(tail) <= 3, result.out
    assert all(line.strip().startswith(f"scaffold {command}") for line in tail), tail
    assert all(len(line) <= 80 for line in result.out.splitlines()), "examples fit an 80-column terminal"


def test_the_command_list_shows_each_whole_summary() -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "..." not in result.out.split("Commands:")[1]
    listing = " ".join(result.out.split("Commands:")[1].split())
    for summary in (
        "check Exit 0 when the project is up to date with its template; else print the update's diff and exit 1.",
        "update Merge the template's current version into the files it generated (3-way: your edits survive).",
        "verify Build, run, stop and inspect the project's image; exit 0 only when every check passed.",
    ):
        assert summary in listing


def go_project(root: Path) -> Path:
    (root / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    return root


def test_an_unknown_set_key_gets_did_you_mean(tmp_path: Path) -> None:
    result = run_cli("init", "--yes", "--set", "prot=8080", go_project(tmp_path))
    assert result.code == 2
    assert "--set: unknown option 'prot'; did you mean 'port'?" in result.err
    assert len(result.err.splitlines()) == 1


def test_a_registry_mirror_without_its_slash_is_normalised(tmp_path: Path) -> None:
    project = tmp_path / "svc"
    project.mkdir()
    go_project(project)
    config = tmp_path / "team.yaml"
    config.write_text("registry_mirror: mirror.example.com/hub\n")
    result = run_cli("init", "--yes", "--config", config, project)
    assert result.code == 0, result.err
    froms = [line for line in (project / "Dockerfile").read_text().splitlines() if line.startswith("FROM ")]
    assert froms and all(" mirror.example.com/hub/" in line or " build" in line for line in froms), froms
    assert any("mirror.example.com/hub/golang:" in line for line in froms)


def test_no_terminal_and_no_yes_is_exactly_yes_in_an_empty_repo(tmp_path: Path) -> None:
    piped, yes = tmp_path / "piped", tmp_path / "yes"
    piped.mkdir()
    yes.mkdir()
    a = run_cli("init", "--lang", "go", piped)  # click's runner: no terminal
    b = run_cli("init", "--yes", "--lang", "go", yes)
    assert a.code == b.code == 0, a.err + b.err
    assert set(tree(piped)) == set(tree(yes)) >= {"main.go", "main_test.go", "Dockerfile"}


def report(rows: list[Row]) -> Report:
    return Report(Path("/p/svc"), "docker", "scaffold-verify/svc:1", False, rows, 3.0)


HINT = "the container exited before it answered; make run shows its output, or pass --run-flag '-e PORT=8080'"


@pytest.mark.parametrize("columns", [80, 100])
def test_the_verify_table_folds_and_the_failure_with_its_hint_comes_last(columns: int) -> None:
    rows = [
        passed("lint", "hadolint: clean"),
        passed("build", "12.0 s", "registry.example.com/team/images/golang:1.24-bookworm@sha256:" + "a" * 64),
        failed("serve", "no answer on :8080", HINT),
        *(skipped(name, "not run: an earlier check failed") for name in ("stop", "user", "secrets", "size")),
    ]
    out = io.StringIO()
    Reporter(file=out, err=out, width=columns).verify_table(report(rows))
    text = out.getvalue()
    lines = text.rstrip().splitlines()
    assert "…" not in text and all(len(line) <= columns for line in lines)
    assert "a" * 20 in re.sub(r"[│\s]", "", text), "a long value is folded, not cut"
    assert not any(line.split()[1:2] == ["stop"] for line in lines if line.startswith("│")), "no 'not run' rows"
    assert "not run: stop, user, secrets, size (an earlier check failed)" in " ".join(text.split())
    assert " ".join(text.split()).endswith(f"FAILED: serve: {HINT} (3.0 s, image removed)")


def test_a_passing_verify_table_is_unchanged_in_shape() -> None:
    out = io.StringIO()
    rows = [passed("lint"), passed("build", "1.0 s"), Row("size", Status.INFO, "12 MB")]
    Reporter(file=out, err=out).verify_table(report(rows))
    assert out.getvalue().rstrip().splitlines()[-1] == "verified: 2 checks passed (3.0 s, image removed)"


def test_a_templates_basic_list_names_at_most_four_of_its_variables(tmp_path: Path) -> None:
    import json

    from scaffold.template import meta

    (tmp_path / "cookiecutter.json").write_text(
        json.dumps({"project_dir": "p", "__basic__": ["a", "b", "c", "d", "nope"]})
    )
    assert meta.problems(tmp_path, {"a", "b", "c", "d", "e"}) == [
        "__basic__: 'nope' is not a variable of the template",
        "__basic__: 5 questions; the default interview asks at most 4",
    ]
    from scaffold.providers import languages, template_dir

    for lang in languages():
        basic = meta.basic_options(template_dir(lang))
        assert basic is not None and 1 <= len(basic) <= meta.MAX_BASIC, lang
