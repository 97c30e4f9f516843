"""Go shapes of hunt round 9: cgo code linking system C libraries (installed from catalogue/go.toml
[c_libraries]), ports bound by prefixed struct tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold import catalogue
from scaffold.project import ProjectDir
from scaffold.providers.go.data import c_libraries, c_library_names, cgo_modules
from scaffold.providers.go.detect import GoProvider
from tests.conftest import run_cli, write_tree

GO_MOD = "module example.com/thumbs\n\ngo 1.22\n"
FIXED_PORT = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n'
LINKS = """package main

/*
#cgo {directive}
#include <stdlib.h>
*/
import "C"

import "net/http"

func main() {{ http.ListenAndServe(":8080", nil) }}
"""


def _facts(tmp_path: Path, tree: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


@pytest.mark.parametrize(
    ("directive", "libraries", "build"),
    [
        ("LDFLAGS: -lsqlite3 -lm", "sqlite3", "libsqlite3-dev"),
        ("linux LDFLAGS: -lsqlite3", "sqlite3", "libsqlite3-dev"),
        ("pkg-config: libwebp", "webp", "libwebp-dev pkg-config"),
        ("LDFLAGS: -lwebp -lpcap", "pcap webp", "libpcap-dev libwebp-dev"),
    ],
)
def test_a_known_system_library_is_installed_in_the_build_stage(
    tmp_path: Path, directive: str, libraries: str, build: str
) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": LINKS.format(directive=directive)})
    assert facts["cgo"] is True
    assert facts["cgo_libraries"] == libraries
    assert facts["cgo_build_packages"] == build


def test_an_unknown_library_stays_a_note(tmp_path: Path) -> None:
    facts, notes = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": LINKS.format(directive="LDFLAGS: -lfrobnicate")})
    assert "cgo_libraries" not in facts
    assert any("-lfrobnicate" in n and "[c_libraries]" in n for n in notes)


def test_a_module_that_links_a_system_library_installs_it(tmp_path: Path) -> None:
    facts, notes = _facts(
        tmp_path,
        {"go.mod": GO_MOD + "\nrequire github.com/h2non/bimg v1.1.9\n", "main.go": "package main\n\nfunc main() {}\n"},
    )
    assert facts["cgo"] is True
    assert facts["cgo_build_packages"] == "libvips-dev"
    assert any("libvips-dev" in n for n in notes)


def test_every_cgo_module_library_is_in_the_catalogue() -> None:
    known = c_libraries()
    assert all(lib in known for m in cgo_modules().values() for lib in m.libraries)
    # Each -l flag or pkg-config name means one library.
    names = [n for entry in catalogue.load("go")["c_libraries"].values() for n in entry["names"]]
    assert len(names) == len(set(names)) == len(c_library_names())


@pytest.mark.parametrize(("debian", "run"), [("bookworm", "libpcap0.8"), ("trixie", "libpcap0.8t64")])
def test_run_packages_follow_the_debian_release(debian: str, run: str) -> None:
    assert c_libraries()["pcap"].run_packages(debian) == (run,)


def test_the_image_installs_the_libraries_and_runs_on_debian_slim(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": LINKS.format(directive="LDFLAGS: -lsqlite3")})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    build, final = dockerfile.split("# Test stage")[0], dockerfile.split("# Final stage")[1]
    assert "apt-get install -y --no-install-recommends libsqlite3-dev" in build
    assert "FROM debian:bookworm-slim" in final
    assert "apt-get install -y --no-install-recommends libsqlite3-0" in final
    assert "USER 65532:65532" in final


def test_a_chosen_runtime_image_installs_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": LINKS.format(directive="LDFLAGS: -lsqlite3")})
    image = "registry.example.com/base/glibc:1"
    result = run_cli("init", "--yes", "--set", f"runtime_image={image}", tmp_path / "p")
    assert result.code == 0, result.err
    final = (tmp_path / "p" / "Dockerfile").read_text().split("# Final stage")[1]
    assert f"FROM {image}" in final
    assert "apt-get" not in final


def test_a_library_without_cgo_changes_nothing(tmp_path: Path) -> None:
    # A commented-out directive in a file without import "C" is no cgo.
    code = FIXED_PORT.replace("import", "// #cgo LDFLAGS: -lsqlite3\nimport")
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code})
    assert "cgo" not in facts
    assert "cgo_libraries" not in facts


ENVCONFIG = """package main

import (
\t"net/http"
\t"strconv"

\t"github.com/kelseyhightower/envconfig"
)

type Config struct {
{field}
}

func main() {
\tvar cfg Config
\tenvconfig.MustProcess("{prefix}", &cfg)
\thttp.ListenAndServe(":"+strconv.Itoa(cfg.Port), nil)
}
"""
CAARLOS = """package main

import (
\t"net/http"
\t"strconv"

\t"github.com/caarlos0/env/v11"
)

type HTTPConfig struct {
\tPort int `env:"PORT" envDefault:"8095"`
}

type Config struct {
\tHTTP HTTPConfig `envPrefix:"SERVER_"`
}

func main() {
\tvar cfg Config
\t{parse}
\thttp.ListenAndServe(":"+strconv.Itoa(cfg.HTTP.Port), nil)
}
"""


def _envconfig(field: str, prefix: str) -> str:
    return ENVCONFIG.replace("{field}", field).replace("{prefix}", prefix)


def _caarlos(parse: str = "env.Parse(&cfg)", nested: bool = True) -> str:
    code = CAARLOS if nested else CAARLOS.replace('`envPrefix:"SERVER_"`', "")
    return code.replace("{parse}", parse)


TAGGED = '\tPort int `envconfig:"PORT" default:"8093"`'


@pytest.mark.parametrize(
    ("code", "name", "port"),
    [
        (_envconfig(TAGGED, "app"), "APP_PORT", "8093"),
        (_envconfig('\tPort int `default:"8094"`', "orders"), "ORDERS_PORT", "8080"),
        (_caarlos(), "SERVER_PORT", "8095"),
        (_caarlos('env.ParseWithOptions(&cfg, env.Options{Prefix: "API_"})', nested=False), "API_PORT", "8095"),
    ],
)
def test_a_port_tag_under_a_prefix_reads_the_prefixed_variable(tmp_path: Path, code: str, name: str, port: str) -> None:
    facts, notes = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code})
    assert facts.get("port_env") is None
    assert facts["port_name_env"] == name
    assert facts["port"] == port
    assert any(f"${name}" in n for n in notes)


def test_a_port_tag_without_a_prefix_still_reads_port(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": _envconfig(TAGGED, "")})
    assert facts["port_env"] is True


def test_a_prefixed_tag_name_is_read_as_the_port_variable(tmp_path: Path) -> None:
    code = _caarlos(nested=False).replace('`env:"PORT"', '`env:"APP_PORT"')
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code})
    assert facts["port_name_env"] == "APP_PORT"
    assert facts["port"] == "8095"


PACKAGE_RELATIVE = """package main

import (
\t"html/template"
\t"net/http"
)

func main() {
\ttmpl := template.Must(template.ParseGlob("templates/*.html"))
\thttp.Handle("/static/", http.FileServer(http.Dir("static")))
\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { tmpl.Execute(w, nil) })
\thttp.ListenAndServe(":8070", nil)
}
"""


def test_files_a_main_package_opens_from_its_own_folder_are_copied_where_it_runs(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "cmd/web/main.go": PACKAGE_RELATIVE,
        "cmd/web/templates/index.html": "<h1>hi</h1>\n",
        "cmd/web/static/site.css": "body {}\n",
    }
    facts, notes = _facts(tmp_path / "p", tree)
    assert facts["package_files"] == "cmd/web/templates=/app/templates cmd/web/static=/app/static"
    assert "runtime_files" not in facts
    assert any("relative to its own folder" in n for n in notes)
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert "COPY cmd/web/templates /app/templates\nCOPY cmd/web/static /app/static\nWORKDIR /app\n" in dockerfile


def test_the_modules_own_top_level_folder_wins_over_the_packages(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "cmd/web/main.go": PACKAGE_RELATIVE,
        "templates/index.html": "<h1>root</h1>\n",
        "cmd/web/templates/index.html": "<h1>package</h1>\n",
    }
    facts, _ = _facts(tmp_path, tree)
    assert facts["runtime_files"] == "templates"
    assert "package_files" not in facts


def test_a_library_package_folder_is_not_copied(tmp_path: Path) -> None:
    # internal/web is no main package: a program runs from the module's folder, where its path does not exist.
    library = PACKAGE_RELATIVE.replace("package main", "package web").replace("func main()", "func Run()")
    tree = {
        "go.mod": GO_MOD,
        "main.go": 'package main\n\nimport "example.com/thumbs/internal/web"\n\nfunc main() { web.Run() }\n',
        "internal/web/web.go": library,
        "internal/web/templates/index.html": "<h1>hi</h1>\n",
    }
    facts, _ = _facts(tmp_path, tree)
    assert "package_files" not in facts


CONFIG_REQUIRED = """package main

import (
\t"flag"
\t"net/http"
\t"os"
)

func main() {
\tpath := {declare}
\tflag.Parse()
\tif *path == "" {
\t\tflag.Usage()
\t\tos.Exit(2)
\t}
\tos.ReadFile(*path)
\thttp.ListenAndServe(addr, nil)
}
"""


def _config_app(declare: str = 'flag.String("config", "", "config file (required)")') -> str:
    return CONFIG_REQUIRED.replace("{declare}", declare)


@pytest.mark.parametrize(
    ("tree", "args"),
    [
        ({"config.json": '{"listen": ":8092"}\n'}, ["--config", "config.json"]),
        (  # the README's run line names the file among several
            {
                "configs/dev.yaml": "port: 8092\n",
                "configs/prod.yaml": "port: 80\n",
                "README.md": "Run it:\n\n    ./relay -config ./configs/dev.yaml\n",
            },
            ["--config", "configs/dev.yaml"],
        ),
    ],
)
def test_a_config_flag_without_a_default_gets_the_projects_config_file(
    tmp_path: Path, tree: dict[str, str], args: list[str]
) -> None:
    facts, notes = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": _config_app(), **tree})
    assert facts["config_args"] == json.dumps(args)
    assert args[1].split("/")[0] in str(facts["runtime_files"]).split()
    assert facts["port"] == "8092"
    assert any("has no default" in n for n in notes)


def test_the_config_file_reaches_cmd_and_the_image(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": _config_app(), "config.yaml": "addr: :8092\n"})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert "COPY config.yaml /app/config.yaml" in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["--config", "config.yaml"]')


@pytest.mark.parametrize(
    ("declare", "tree"),
    [
        ('flag.String("config", "config.json", "config file")', {"config.json": "{}\n"}),  # it has a default
        ('flag.String("config", "", "config file")', {}),  # no file to give it
        ('flag.String("config", "", "config file")', {"config.json": "{}\n", "config.yaml": "a: 1\n"}),  # which?
        ('flag.String("name", "", "your name")', {"config.json": "{}\n"}),  # no config flag
    ],
)
def test_no_config_args_without_a_flag_that_needs_a_known_file(
    tmp_path: Path, declare: str, tree: dict[str, str]
) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": _config_app(declare), **tree})
    assert "config_args" not in facts


def test_the_main_that_listens_wins_over_the_one_named_like_the_app(tmp_path: Path) -> None:
    server = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8099", nil) }\n'
    client = 'package main\n\nimport "net/http"\n\nfunc main() { http.Get("http://localhost:8099/") }\n'
    tree = {"go.mod": GO_MOD, "cmd/thumbs/main.go": client, "cmd/thumbs-server/main.go": server}
    facts, _ = _facts(tmp_path, tree)
    assert facts["main_package"] == "./cmd/thumbs-server"
    assert facts["port"] == "8099"


def test_among_mains_that_listen_the_one_named_like_the_app_wins(tmp_path: Path) -> None:
    server = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":{port}", nil) }\n'
    tree = {
        "go.mod": GO_MOD,
        "cmd/admin/main.go": server.replace("{port}", "9001"),
        "cmd/thumbs/main.go": server.replace("{port}", "9002"),
    }
    facts, _ = _facts(tmp_path, tree)
    assert facts["main_package"] == "./cmd/thumbs"
    assert facts["port"] == "9002"  # its own port, not cmd/admin's


GOPATH_MAIN = 'package main\n\nimport "{path}/handlers"\n\nfunc main() { handlers.Serve() }\n'
GOPATH_HANDLERS = 'package handlers\n\nimport "net/http"\n\nfunc Serve() { http.ListenAndServe(":3000", nil) }\n'


def test_gopath_code_in_several_packages_is_initialised_with_the_path_its_imports_use(tmp_path: Path) -> None:
    tree = {"main.go": GOPATH_MAIN.replace("{path}", "github.com/jdoe/go-blog"), "handlers/h.go": GOPATH_HANDLERS}
    write_tree(tmp_path / "go-blog", tree)
    facts, _ = _facts(tmp_path / "go-blog", {})
    assert facts["mod_init"] == "github.com/jdoe/go-blog"
    assert facts["port"] == "3000"
    result = run_cli("init", "--yes", tmp_path / "go-blog")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "go-blog" / "Dockerfile").read_text()
    assert "go mod init github.com/jdoe/go-blog && go mod tidy" in dockerfile


@pytest.mark.parametrize(
    "main",
    [
        'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":3000", nil) }\n',  # no local import
        GOPATH_MAIN.replace("{path}", "github.com/a/b") + '\nimport _ "github.com/c/d/handlers"\n',  # which path?
        GOPATH_MAIN.replace("{path}", "x;touch$IFS.p"),  # no module path
    ],
)
def test_gopath_code_whose_module_path_is_unclear_is_still_refused(tmp_path: Path, main: str) -> None:
    write_tree(tmp_path / "p", {"main.go": main, "handlers/h.go": GOPATH_HANDLERS})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 2
    assert "go mod init <module path>" in result.err


@pytest.mark.parametrize(
    ("declaration", "typed"),
    [
        ('var version = flag.Bool("version", false, "print the version")', True),
        ('var (\n\tport    = flag.Int("port", 8080, "")\n\tversion = flag.String("version", "", "")\n)', True),
        ("var version int", True),
        ('var version = "dev"', False),
        ("var version string", False),
        ('const version = "1.0"', False),
        ('func v() { version := flag.Bool("v", false, ""); _ = version }', False),
    ],
)
def test_a_version_that_is_no_string_is_not_stamped(tmp_path: Path, declaration: str, typed: bool) -> None:
    code = (
        f'package main\n\nimport "net/http"\n\n{declaration}\n\nfunc main() {{ http.ListenAndServe(":8075", nil) }}\n'
    )
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": code})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert ('-ldflags="-s -w" -o /out/bin/thumbs .' in dockerfile) is typed
    assert ("-X main.version=${VERSION}" in dockerfile) is not typed


@pytest.mark.parametrize(("go", "stale"), [("1.16", True), ("1.13", False)])
def test_a_modules_txt_from_before_go_1_14_is_stale_under_a_newer_go_line(tmp_path: Path, go: str, stale: bool) -> None:
    tree = {
        "go.mod": f"module example.com/thumbs\n\ngo {go}\n\nrequire github.com/acme/lib v1.0.0\n",
        "go.sum": "",
        "main.go": 'package main\n\nimport _ "github.com/acme/lib"\n\nfunc main() {}\n',
        "vendor/modules.txt": "# github.com/acme/lib v1.0.0\ngithub.com/acme/lib\n",
        "vendor/github.com/acme/lib/lib.go": "package lib\n",
    }
    facts, notes = _facts(tmp_path, tree)
    assert facts.get("vendor_stale", False) is stale
    assert facts.get("vendor", False) is not stale
    assert any("no `## explicit` marks" in n for n in notes) is stale


@pytest.mark.parametrize(
    ("doc", "text", "tags"),
    [
        ("Makefile", "build:\n\tgo build -tags prod -o bin/app .\n", "prod"),
        ("Makefile", 'build:\n\tCGO_ENABLED=1 go build -tags "sqlite_fts5 json1" ./cmd/app\n', "sqlite_fts5,json1"),
        ("README.md", "Build it:\n\n    go build --tags=netgo,osusergo .\n", "netgo,osusergo"),
    ],
)
def test_the_projects_build_tags_reach_the_image(tmp_path: Path, doc: str, text: str, tags: str) -> None:
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": FIXED_PORT, doc: text})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert f"go build -trimpath -tags={tags} -ldflags=" in dockerfile
    assert f"go test -short -tags={tags} ./..." in dockerfile


@pytest.mark.parametrize("text", ["build:\n\tgo build -tags $(TAGS) .\n", "build:\n\tgo build -o app .\n"])
def test_no_tags_without_plain_ones(tmp_path: Path, text: str) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": FIXED_PORT, "Makefile": text})
    assert "build_tags" not in facts


def test_go_sqlite3_with_the_libsqlite3_tag_links_the_system_library(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD + "\nrequire github.com/mattn/go-sqlite3 v1.14.22\n",
        "main.go": FIXED_PORT,
        "Makefile": "build:\n\tgo build -tags libsqlite3 .\n",
    }
    facts, _ = _facts(tmp_path, tree)
    assert facts["cgo"] is True
    assert facts["cgo_build_packages"] == "libsqlite3-dev"


def test_a_go_run_line_for_development_gives_no_tags(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": FIXED_PORT, "README.md": "    go run -tags dev .\n"})
    assert "build_tags" not in facts
