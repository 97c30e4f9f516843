"""Round-3 Go shapes (issue 17): a server whose listen address comes from its config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from tests.conftest import write_tree

MAIN = """package main

import (
	"encoding/json"
	"net/http"
	"os"
)

type Config struct{ Port string `json:"port"` }

func main() {
	data, _ := os.ReadFile("%s")
	var c Config
	json.Unmarshal(data, &c)
	http.ListenAndServe(":"+c.Port, nil)
}
"""


def _facts(tmp_path: Path, config: str, text: str, main: str = MAIN) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, {"go.mod": "module example.com/s\n\ngo 1.22\n", "main.go": main % config, config: text})
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


@pytest.mark.parametrize(
    ("config", "text", "port"),
    [
        ("config.json", '{"port": "8081", "greeting": "hi"}', "8081"),
        ("config.json", '{\n  "db_port": 5432,\n  "listen": ":9090"\n}\n', "9090"),
        ("config.yaml", "database:\n  dsn: x\nserver:\n  addr: 0.0.0.0:7070\n", "7070"),
        ("conf/app.toml", "[http]\nhttp_port = 8443\n", "8443"),
    ],
)
def test_a_server_listening_on_its_config_files_port_exposes_it(
    config: str, text: str, port: str, tmp_path: Path
) -> None:
    facts, notes = _facts(tmp_path, config, text)
    assert facts["port"] == port
    assert facts["runtime_files"] == config.split("/", maxsplit=1)[0]  # the file is copied beside the binary
    assert any("config file" in n and port in n for n in notes)


def test_a_config_file_without_a_port_leaves_the_program_alone(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, "config.json", '{"db_port": 5432, "greeting": "hi"}')
    assert "port" not in facts


def test_a_program_that_only_reads_a_config_file_is_no_server(tmp_path: Path) -> None:
    main = 'package main\n\nimport "os"\n\nfunc main() { os.ReadFile("%s") }\n'
    facts, _ = _facts(tmp_path, "config.json", '{"port": 8081}', main)
    assert "port" not in facts
