"""What a user sees from the real CLI: files on disk, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, CliResult, run_cli, run_cli_process, tree

GENERATED = {"Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"}


def go_project(tmp_path: Path) -> Path:
    project = tmp_path / "hello"
    project.mkdir()
    (project / "go.mod").write_text("module example.com/hello\n\ngo 1.24\n")
    (project / "main.go").write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n')
    return project


def assert_one_line_error(result: CliResult, code: int, *needles: str) -> None:
    assert result.code == code, result
    assert "Traceback" not in result.err + result.out
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_version_help_and_module_entry_point() -> None:
    version = run_cli_process("--version")
    assert version.code == 0 and "scaffold, version" in version.out
    helped = run_cli("--help")
    assert helped.code == 0
    for command in ("init", "detect", "update", "check", "templates"):
        assert command in helped.out


def test_init_yes_writes_the_three_files_and_the_record(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert set(tree(project)) == {"go.mod", "main.go"} | GENERATED
    for name in ("Dockerfile", ".dockerignore", "Makefile", ".scaffold.yaml"):
        assert f"created     {name}" in result.out
    assert "make build" in result.out


def test_second_init_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    assert run_cli("init", "--yes", project).code == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in project.iterdir()}
    again = run_cli("init", "--yes", project)
    assert again.code == 0, again.err
    for name in GENERATED:
        assert f"unchanged   {name}" in again.out
    assert {p.name: p.stat().st_mtime_ns for p in project.iterdir()} == stamps


def test_conflict_without_a_policy_fails_and_writes_nothing(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    before = tree(project)
    result = run_cli("init", "--yes", project)
    assert_one_line_error(result, 1, "Dockerfile", "--force", "--skip-existing", "nothing was written")
    assert tree(project) == before


def test_without_a_terminal_a_users_own_makefile_is_kept_and_the_dockerfile_written(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Makefile").write_text("build:\n\tgo build ./...\n")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert "Makefile exists and differs: kept yours" in result.out + result.err
    assert "skipped     Makefile  (kept your version)" in result.out
    assert (project / "Makefile").read_text() == "build:\n\tgo build ./...\n"
    assert (project / "Dockerfile").is_file() and (project / ".dockerignore").is_file()
    assert "docker build -t " in result.out and "make build" not in result.out  # their Makefile has no such target


def test_a_conflicting_dockerfile_still_fails_and_names_every_conflict(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    (project / "Makefile").write_text("all:\n")
    before = tree(project)
    result = run_cli("init", "--yes", project)
    assert_one_line_error(result, 1, "Dockerfile", "Makefile", "--force", "nothing was written")
    assert tree(project) == before


def test_force_overwrites_and_names_the_backup(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    result = run_cli("init", "--yes", "--force", project)
    assert result.code == 0, result.err
    assert "overwritten Dockerfile  (your version kept as Dockerfile.bak)" in result.out
    assert (project / "Dockerfile.bak").read_text() == "FROM mine\n"
    assert (project / "Dockerfile").read_text() != "FROM mine\n"


def test_skip_existing_keeps_the_users_file_and_writes_the_rest(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Dockerfile").write_text("FROM mine\n")
    result = run_cli("init", "--yes", "--skip-existing", project)
    assert result.code == 0, result.err
    assert "skipped     Dockerfile  (kept your version)" in result.out
    assert (project / "Dockerfile").read_text() == "FROM mine\n"
    assert (project / "Makefile").is_file()
    assert not (project / "Dockerfile.bak").exists()


def test_dry_run_and_diff_write_nothing(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "Makefile").write_text("all:\n\techo mine\n")
    before = tree(project)
    dry = run_cli("init", "--yes", "--dry-run", project)
    assert dry.code == 0, dry.err
    assert "create      Dockerfile" in dry.out and "differs     Makefile" in dry.out
    diff = run_cli("init", "--yes", "--diff", project)
    assert diff.code == 0, diff.err
    assert "--- a/Makefile" in diff.out and "-\techo mine" in diff.out
    assert "+++ b/Dockerfile" in diff.out
    assert tree(project) == before


def test_without_a_terminal_it_proceeds_with_defaults_and_says_so(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    result = run_cli("init", project)  # stdin is a pipe, not a TTY
    assert result.code == 0, result.err
    assert "no terminal to ask on" in result.out
    assert (project / "Dockerfile").is_file()


def test_nothing_detected_lists_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("hi\n")
    result = run_cli("init", "--yes", tmp_path)
    assert_one_line_error(result, 2, "no Go, Node or Python project found", "go.mod", "package.json", "--lang")
    assert tree(tmp_path) == {"README.md": b"hi\n"}


def test_lang_on_an_empty_directory_generates_defaults(tmp_path: Path) -> None:
    result = run_cli("init", "--yes", "--lang", "go", "--no-starter", tmp_path)
    assert result.code == 0, result.err
    assert "no go project detected here" in result.out
    assert {"Dockerfile", ".dockerignore", "Makefile"} <= set(tree(tmp_path))


@pytest.mark.parametrize(
    ("files", "needles"),
    [
        ({"package.json": "{ not json"}, ["package.json", "invalid JSON"]),
        ({"pyproject.toml": "[project\nname = 1"}, ["pyproject.toml", "TOML"]),
        ({"package.json": b'{"name": "\xff"}'}, ["package.json", "UTF-8"]),
        ({"package.json": b" " * (3 * 1024 * 1024) + b"{}"}, ["package.json", "too large"]),
        ({"go.mod": "module\n"}, ["go.mod"]),
    ],
    ids=["json", "toml", "utf8", "huge", "go.mod"],
)
def test_bad_manifest_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, files: dict[str, str | bytes], needles: list[str]
) -> None:
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)
    before = tree(tmp_path)
    assert_one_line_error(run_cli("init", "--yes", tmp_path), 2, *needles)
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--set", "colour=red"], ["unknown option 'colour'"]),
        (["--set", "cgo=maybe"], ["cgo='maybe'", "yes or no"]),
        (["--set", "novalue"], ["expected key=value"]),
        (["--force", "--skip-existing"], ["cannot be used together"]),
    ],
)
def test_bad_flags_are_one_line_exit_2(tmp_path: Path, args: list[str], needles: list[str]) -> None:
    project = go_project(tmp_path)
    before = tree(project)
    assert_one_line_error(run_cli("init", "--yes", *args, project), 2, *needles)
    assert tree(project) == before


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("init", "--yes", tmp_path / "nope"), 2, "no such directory")


def test_set_overrides_a_detected_value(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    result = run_cli("init", "--yes", "--set", "port=9000", project)
    assert result.code == 0, result.err
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()
    assert "port: '9000'" in (project / ".scaffold.yaml").read_text()


def test_detect_json_and_table(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    result = run_cli("detect", "--json", project)
    assert result.code == 0, result.err
    [found] = json.loads(result.out)["candidates"]
    assert found["language"] == "go"
    assert "go.mod" in found["evidence"]
    assert found["facts"]["go_version"] == {"value": "1.24", "source": "go.mod (go directive)"}
    table = run_cli("detect", project)
    assert table.code == 0 and "go.mod" in table.out


def test_several_languages_are_ranked_and_lang_picks_one(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / "package.json").write_text('{"name": "web", "scripts": {"start": "node server.js"}}')
    (project / "server.js").write_text("require('http').createServer().listen(3000)\n")
    found = json.loads(run_cli("detect", "--json", project).out)["candidates"]
    assert {d["language"] for d in found} == {"go", "node"}
    picked = run_cli("init", "--yes", "--lang", "node", "--dry-run", project)
    assert picked.code == 0, picked.err
    assert "node (detected from" in picked.out
    default = run_cli("init", "--yes", "--dry-run", project)
    assert "several languages detected" in default.out


def test_examples_exist_for_every_language() -> None:
    from scaffold.providers import languages

    with_examples = {p.name.split("-", 1)[0] for p in EXAMPLES.iterdir() if p.is_dir()}
    assert with_examples == set(languages())


def test_broken_record_is_one_line_naming_it(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / ".scaffold.yaml").write_text("answers: [unclosed\n")
    before = tree(project)
    assert_one_line_error(run_cli("init", "--yes", project), 2, ".scaffold.yaml", "invalid YAML")
    assert tree(project) == before


def test_update_and_check_need_a_record(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    assert_one_line_error(run_cli("update", project), 2, "run scaffold init first")
    assert_one_line_error(run_cli("check", project), 2, "run scaffold init first")


def test_record_keeps_the_users_config_section(tmp_path: Path) -> None:
    project = go_project(tmp_path)
    (project / ".scaffold.yaml").write_text("config:\n  defaults:\n    go: {port: '7000'}\n")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    assert "EXPOSE 7000" in (project / "Dockerfile").read_text()
    assert "config:\n  defaults:\n    go:\n      port: '7000'" in (project / ".scaffold.yaml").read_text()
    again = run_cli("init", "--yes", project)
    assert "unchanged   .scaffold.yaml" in again.out
