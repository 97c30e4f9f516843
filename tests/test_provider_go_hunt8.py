"""Go shapes of hunt round 8: ports from an example env file, the port comment of an app on a fixed port, a
frontend build served from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from tests.conftest import run_cli, write_tree

GO_MOD = "module example.com/notes\n\ngo 1.22\n"
READS = """package main

import (
\t"net/http"
\t"os"
)

func main() {
\tport := os.Getenv("{name}")
\thttp.ListenAndServe(":"+port, nil)
}
"""
FIXED = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":9091", nil) }\n'


def _facts(tmp_path: Path, tree: dict[str, str]) -> dict[str, object]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}


@pytest.mark.parametrize(
    ("name", "example", "line", "port"),
    [
        ("APP_PORT", ".env.example", "APP_PORT=8088\n", "8088"),
        ("PORT", ".env.sample", "# the port\nexport PORT='3005' # dev\n", "3005"),
        ("HTTP_ADDR", ".env.example", "HTTP_ADDR=0.0.0.0:7070\n", "7070"),
        ("APP_PORT", ".env.example", "DB_PORT=5432\n", "8080"),  # another variable's port is not the app's
        ("APP_PORT", ".env.example", "APP_PORT=${PORT}\n", "8080"),  # no port literal
    ],
)
def test_a_port_variable_without_a_default_takes_the_example_env_files_port(
    tmp_path: Path, name: str, example: str, line: str, port: str
) -> None:
    facts = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": READS.replace("{name}", name), example: line})
    assert facts["port"] == port


def test_the_example_env_file_of_a_module_in_a_subfolder_counts(tmp_path: Path) -> None:
    tree = {"backend/go.mod": GO_MOD, "backend/main.go": READS.replace("{name}", "APP_PORT")}
    facts = _facts(tmp_path, {**tree, ".env.example": "APP_PORT=8099\n"})
    assert facts["port"] == "8099"


def test_a_default_in_the_code_wins_over_the_example(tmp_path: Path) -> None:
    code = READS.replace('port := os.Getenv("{name}")', 'port := os.Getenv("PORT")\n\tif port == "" { port = "4000" }')
    facts = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code, ".env.example": "PORT=8088\n"})
    assert facts["port"] == "4000"


@pytest.mark.parametrize(
    ("code", "wording"),
    [
        (FIXED, "# The app's code, config or flags set its port (it does not read PORT)"),
        (READS.replace("{name}", "PORT"), "# The app reads PORT and listens on the port the image documents"),
    ],
)
def test_the_port_comment_says_whether_the_app_reads_port(tmp_path: Path, code: str, wording: str) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": code})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert wording in dockerfile
    assert "An app that reads PORT" not in dockerfile
