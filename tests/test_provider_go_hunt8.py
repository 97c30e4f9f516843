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


SERVES = """package main

import "net/http"

func main() {
\thttp.Handle("/", http.FileServer(http.Dir("{dir}")))
\thttp.ListenAndServe(":5050", nil)
}
"""
PACKAGE = '{"name": "web", "private": true, "scripts": {"build": "vite build"}, "devDependencies": {"vite": "^6"}}\n'


@pytest.mark.parametrize(
    ("tree", "dist", "target"),
    [
        (  # backend/ beside frontend/: the backend, run from its folder, reads ../frontend/dist
            {"backend/go.mod": GO_MOD, "backend/main.go": SERVES.replace("{dir}", "../frontend/dist")},
            "frontend/dist",
            "/frontend/dist",
        ),
        ({"go.mod": GO_MOD, "main.go": SERVES.replace("{dir}", "./web/dist")}, "web/dist", "/app/web/dist"),
        (  # a .gitkeep alone keeps the git-ignored folder
            {"go.mod": GO_MOD, "main.go": SERVES.replace("{dir}", "web/dist"), "web/dist/.gitkeep": ""},
            "web/dist",
            "/app/web/dist",
        ),
    ],
)
def test_a_frontend_build_served_from_disk_is_built_in_a_node_stage(
    tmp_path: Path, tree: dict[str, str], dist: str, target: str
) -> None:
    frontend = dist.split("/", maxsplit=1)[0]
    write_tree(tmp_path / "p", {**tree, f"{frontend}/package.json": PACKAGE, f"{frontend}/index.html": "<p>x</p>\n"})
    facts = _facts(tmp_path / "p", {})
    assert (facts["frontend_dist"], facts["frontend_serve"]) == (dist, target)
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert f"COPY --from=frontend /frontend/{dist} {target}\nWORKDIR /app\n" in dockerfile
    assert "from=frontend,source=" not in dockerfile  # not compiled in: nothing embeds it


@pytest.mark.parametrize(
    "tree",
    [
        {"web/dist/index.html": "<p>built and committed</p>\n", "web/package.json": PACKAGE},
        {"web/index.html": "<p>no build script</p>\n"},
        {"web/package.json": PACKAGE.replace('"build"', '"dev"')},
    ],
    ids=["committed build", "no package.json", "no build script"],
)
def test_no_node_stage_without_a_missing_build_its_package_json_makes(tmp_path: Path, tree: dict[str, str]) -> None:
    facts = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": SERVES.replace("{dir}", "web/dist"), **tree})
    assert "frontend_serve" not in facts and "frontend_dist" not in facts


def test_a_served_path_outside_the_project_or_onto_system_folders_is_not_built(tmp_path: Path) -> None:
    tree = {"srv/go.mod": GO_MOD, "etc/package.json": PACKAGE, "package.json": PACKAGE}
    for where in ("../../dist", "../../etc/dist", "../etc/x"):
        facts = _facts(tmp_path, {**tree, "srv/main.go": SERVES.replace("{dir}", where)})
        assert "frontend_serve" not in facts, where


@pytest.mark.parametrize(
    "tag", ['`envconfig:"PORT" default:"9000"`', '`env:"PORT" envDefault:"9000"`', '`env:"PORT, default=9000"`']
)
def test_a_struct_field_bound_to_port_by_its_tag_reads_port(tmp_path: Path, tag: str) -> None:
    code = (
        'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\n'
        f"type Config struct {{\n\tPort int {tag}\n}}\n\n"
        'func main() {\n\tcfg := Config{Port: 9000}\n\thttp.ListenAndServe(fmt.Sprintf(":%d", cfg.Port), nil)\n}\n'
    )
    facts = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code})
    assert facts["port_env"] is True
    assert facts["port"] == "9000"


PROGRAM = 'package main\n\nimport "net/http"\n\nfunc main() {{ http.{call} }}\n'


def test_standalone_program_files_are_built_one_by_one(tmp_path: Path) -> None:
    """server.go and client.go, each with a func main, run with `go run server.go`: `go build .` stops with
    `main redeclared in this block`, and so does `go test ./...`."""
    tree = {
        "go.mod": GO_MOD,
        "server.go": PROGRAM.format(call='ListenAndServe(":8078", nil)'),
        "client.go": PROGRAM.format(call='Get("http://localhost:8078/")'),
        "internal/store/store.go": "package store\n",
    }
    facts = _facts(tmp_path / "p", tree)
    assert facts["main_package"] == "./server.go"
    assert facts["main_packages"] == "./client.go ./server.go"
    assert facts["test_dirs"] == "./internal/store"
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert "-o /out/bin/server ./server.go" in dockerfile
    assert "go test -short ./internal/store\n" in dockerfile
    assert 'ENTRYPOINT ["/usr/local/bin/server"]' in dockerfile


@pytest.mark.parametrize(
    "other",
    [
        "package main\n\nfunc helper() {}\n",  # a helper file: one program over several files
        "//go:build ignore\n\npackage main\n\nfunc main() {}\n",  # go generate's gen.go
        "//go:build client\n\npackage main\n\nfunc main() {}\n",  # a twin behind a tag
    ],
)
def test_a_main_package_with_one_func_main_stays_a_package(tmp_path: Path, other: str) -> None:
    tree = {"go.mod": GO_MOD, "server.go": PROGRAM.format(call='ListenAndServe(":8078", nil)'), "other.go": other}
    facts = _facts(tmp_path, tree)
    assert facts["main_package"] == "."
    assert "test_dirs" not in facts


def test_a_served_build_named_by_filepath_join_is_built_and_its_sources_stay_out(tmp_path: Path) -> None:
    """filepath.Join("client", "build"), a create-react-app client/ whose build script writes build/."""
    code = SERVES.replace('http.Dir("{dir}")', 'http.Dir(filepath.Join("client", "build"))').replace(
        'import "net/http"', 'import (\n\t"net/http"\n\t"path/filepath"\n)'
    )
    tree = {"go.mod": GO_MOD, "main.go": code, "client/package.json": PACKAGE, "client/src/App.js": "x\n"}
    facts = _facts(tmp_path, tree)
    assert (facts["frontend_dist"], facts["frontend_serve"]) == ("client/build", "/app/client/build")
    assert "runtime_files" not in facts  # client/ holds the frontend's sources, which its stage builds
