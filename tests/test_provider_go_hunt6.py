"""Round-6 Go shapes (issue 17): a server that reads its port from a prefixed variable (APP_PORT, SERVER_PORT)
gets that variable set in the image, with or without a default in the code."""

from __future__ import annotations

from pathlib import Path

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from tests.conftest import run_cli, write_tree

GO_MOD = "module github.com/kutavi/corgi\n\ngo 1.14\n"
# kutavi/corgi: a helper with a default.
CORGI = """package main

import (
\t"fmt"
\t"log"
\t"net/http"
\t"os"
)

func getenv(name, defaultValue string) string {
\to := os.Getenv(name)
\tif "" == o {
\t\treturn defaultValue
\t}
\treturn o
}

func main() {
\tport := getenv("APP_PORT", "6969")
\tlog.Fatal(http.ListenAndServe(fmt.Sprintf(":%s", port), nil))
}
"""
# A Dockerfile tutorial's app: no default, so ":" + "" would listen on a random port without the variable.
NO_DEFAULT = """package main

import (
\t"net/http"
\t"os"
)

func main() {
\tport := os.Getenv("APP_PORT")
\thttp.ListenAndServe(":"+port, nil)
}
"""


def _facts(tmp_path: Path, tree: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


def test_a_prefixed_port_variable_with_a_default_is_set_to_that_port(tmp_path: Path) -> None:
    facts, notes = _facts(tmp_path, {"go.mod": GO_MOD, "cmd/corgi/main.go": CORGI})
    assert facts["port"] == "6969"
    assert facts["port_name_env"] == "APP_PORT"
    assert any("reads its port from $APP_PORT" in n for n in notes)
    assert not any("listens on a fixed port" in n for n in notes)


def test_a_prefixed_port_variable_without_a_default_gets_the_default_port(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": "module m\n\ngo 1.22\n", "main.go": NO_DEFAULT})
    assert facts["port"] == "8080"
    assert facts["port_name_env"] == "APP_PORT"


def test_another_servers_port_is_not_the_apps(tmp_path: Path) -> None:
    code = CORGI.replace('getenv("APP_PORT", "6969")', 'getenv("DB_PORT", "5432")').replace(
        'fmt.Sprintf(":%s", port)', 'fmt.Sprintf(":%s", "8081")'
    )
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "cmd/corgi/main.go": code})
    assert "port_name_env" not in facts


def test_the_image_sets_the_variable_beside_port(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "cmd/corgi/main.go": CORGI})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert (
        "`docker run -e APP_PORT=…` moves it (PORT is set to the same port for tools that read it).\n"
        "ENV PORT=6969\nEXPOSE 6969\nENV APP_PORT=6969\n" in dockerfile
    )
    moved = run_cli("init", "--yes", "--force", "--set", "port=7000", tmp_path / "p")
    assert moved.code == 0, moved.err
    assert "EXPOSE 7000\nENV APP_PORT=7000\n" in (tmp_path / "p" / "Dockerfile").read_text()


def test_the_port_of_the_constant_a_listen_call_takes_is_found_whatever_its_name(tmp_path: Path) -> None:
    """`const Addsrv = ":4040"` then ListenAndServe(Addsrv, …): a name no address pattern knows."""
    code = (
        'package main\n\nimport "net/http"\n\nconst (\n\tAddsrv       = ":4040"\n\tTemplatesDir = "."\n)\n\n'
        "func main() { http.ListenAndServe(Addsrv, http.FileServer(http.Dir(TemplatesDir))) }\n"
    )
    facts, _ = _facts(tmp_path, {"go.mod": "module fileserver\n\ngo 1.21\n", "main.go": code})
    assert facts["port"] == "4040"


def test_a_variable_the_listen_call_does_not_take_gives_no_port(tmp_path: Path) -> None:
    code = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nvar upstream = "db:5432"\n\n'
        'func main() { http.ListenAndServe(os.Getenv("LISTEN"), nil); _ = upstream }\n'
    )
    facts, _ = _facts(tmp_path, {"go.mod": "module m\n\ngo 1.21\n", "main.go": code})
    assert facts.get("port") != "5432"
