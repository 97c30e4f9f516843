"""Round-4 Go shapes (issue 17): cgo reached through a dependency, files named by any path literal,
a port from an environment helper's fallback or a struct tag's default."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from tests.conftest import write_tree

GO_MOD = "module example.com/s\n\ngo 1.22\n"


def _detect(tmp_path: Path, tree: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


SQLITE_MAIN = """package main

import (
	"database/sql"
	"net/http"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	db, _ := sql.Open("sqlite3", "todos.db")
	defer db.Close()
	http.ListenAndServe(":8080", nil)
}
"""


@pytest.mark.parametrize(
    "require", ["github.com/mattn/go-sqlite3 v1.14.22", "github.com/mattn/go-sqlite3 v1.14.22 // indirect"]
)
def test_a_module_requiring_a_cgo_package_builds_with_cgo(require: str, tmp_path: Path) -> None:
    facts, notes = _detect(tmp_path, {"go.mod": GO_MOD + f"\nrequire {require}\n", "main.go": SQLITE_MAIN})
    assert facts["cgo"] is True
    assert any("go-sqlite3" in n and "cgo" in n for n in notes)


def test_the_cgo_catalogue_names_system_libraries_a_module_needs(tmp_path: Path) -> None:
    facts, notes = _detect(
        tmp_path,
        {"go.mod": GO_MOD + "\nrequire github.com/h2non/bimg v1.1.9\n", "main.go": "package main\n\nfunc main() {}\n"},
    )
    assert facts["cgo"] is True
    assert any("libvips-dev" in n for n in notes)


def test_a_pure_go_sqlite_driver_stays_static(tmp_path: Path) -> None:
    facts, _ = _detect(
        tmp_path,
        {"go.mod": GO_MOD + "\nrequire modernc.org/sqlite v1.29.0\n", "main.go": "package main\n\nfunc main() {}\n"},
    )
    assert "cgo" not in facts


def test_a_workspace_member_requiring_a_cgo_package_builds_with_cgo(tmp_path: Path) -> None:
    facts, _ = _detect(
        tmp_path,
        {
            "go.work": "go 1.22\n\nuse ./api\n",
            "api/go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n",
            "api/main.go": "package main\n\nfunc main() {}\n",
        },
    )
    assert facts["cgo"] is True


def test_an_sqlite_database_in_the_working_directory_makes_it_writable(tmp_path: Path) -> None:
    main = SQLITE_MAIN.replace('http.ListenAndServe(":8080", nil)', 'http.ListenAndServe(":8080", tmpl("views"))')
    facts, _ = _detect(
        tmp_path,
        {"go.mod": GO_MOD, "main.go": main + "\nfunc tmpl(string) http.Handler { return nil }\n", "views/a.html": "a"},
    )
    assert facts["runtime_files"] == "views"
    assert facts["writable_workdir"] is True


@pytest.mark.parametrize(
    ("code", "files", "expected"),
    [
        # filepath.Join's first element names a directory of templates
        (
            'template.ParseFiles(filepath.Join("web", "templates", "index.html"))',
            {"web/templates/index.html": "x"},
            "web",
        ),
        # a constant directory joined to a name later
        ('const templateDir = "templates/"\nvar _ = templateDir', {"templates/index.html": "x"}, "templates"),
        # a helper that reads a file, and a flag's default file
        (
            'loadQuery("createTable.sql")\nflag.String("config", "config.yaml", "")',
            {"createTable.sql": "x", "config.yaml": "a: 1"},
            "config.yaml createTable.sql",
        ),
        # golang-migrate's file source
        ('m, _ := migrate.New("file://db/migrations", dsn)', {"db/migrations/1_init.up.sql": "x"}, "db/migrations"),
        # the deepest existing folder of each path, not all of its first folder
        (
            'template.ParseFiles("./ui/html/base.tmpl")\nhttp.Dir("./ui/static/")\nhttp.Dir("frontend/dist")',
            {
                "ui/html/base.tmpl": "x",
                "ui/static/a.css": "x",
                "frontend/dist/index.html": "x",
                "frontend/src/a.ts": "x",
            },
            "frontend/dist ui/html ui/static",
        ),
        # a folder and one of its subfolders: the folder alone
        ('http.Dir("assets")\nos.ReadFile("assets/img/logo.png")', {"assets/img/logo.png": "x"}, "assets"),
    ],
)
def test_a_path_literal_naming_a_file_of_the_module_is_copied(
    code: str, files: dict[str, str], expected: str, tmp_path: Path
) -> None:
    main = f"package main\n\nfunc main() {{\n{code}\n}}\n"
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, **files})
    assert facts["runtime_files"] == expected


@pytest.mark.parametrize(
    "code",
    [
        'r.Group("api")',  # a route beside the api/ package: Go code is no data
        'fmt.Println("go.mod")',
        'log.Println("vendor")',
        'const v = "missing.yaml"',  # names nothing in the module
    ],
)
def test_a_literal_naming_go_code_manifests_or_nothing_is_not_copied(code: str, tmp_path: Path) -> None:
    main = f"package main\n\nfunc main() {{\n{code}\n}}\n"
    tree = {"go.mod": GO_MOD, "main.go": main, "api/api.go": "package api\n", "vendor/modules.txt": ""}
    facts, _ = _detect(tmp_path, tree)
    assert "runtime_files" not in facts


def test_an_import_path_is_no_file(tmp_path: Path) -> None:
    main = 'package main\n\nimport (\n\t"fmt"\n\t"example.com/s/web"\n)\n\nfunc main() { fmt.Println(web.X) }\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "fmt": "not read", "web/x.txt": "x"})
    assert "runtime_files" not in facts


def test_a_secret_named_by_a_literal_is_not_copied(tmp_path: Path) -> None:
    main = 'package main\n\nfunc main() { load("credentials.json") }\n\nfunc load(string) {}\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "credentials.json": "{}"})
    assert "runtime_files" not in facts


@pytest.mark.parametrize(
    ("code", "port"),
    [
        ('return Config{Addr: ":" + getEnv("SERVER_PORT", "7070")}', "7070"),
        ('addr := envOr("HTTP_ADDR", "0.0.0.0:9091")', "9091"),
        ('type C struct {\n\tPort int `envconfig:"PORT" default:"8181"`\n}', "8181"),
        ('type C struct {\n\tPort string `env:"APP_PORT" envDefault:"3001"`\n}', "3001"),
    ],
)
def test_the_default_of_the_servers_address_variable_is_its_port(code: str, port: str, tmp_path: Path) -> None:
    config = (
        f"package config\n\n{code}\n" if code.startswith("type") else f"package config\n\nfunc f() {{\n{code}\n}}\n"
    )
    main = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(addr(), nil) }\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "internal/config/config.go": config})
    assert facts["port"] == port


def test_another_servers_port_variable_is_not_the_apps(tmp_path: Path) -> None:
    config = (
        "package config\n\n"
        'func f() string { return getEnv("DB_PORT", "5432") + getEnv("REDIS_ADDR", "localhost:6379") }\n'
    )
    main = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(cfg(), nil) }\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "config/config.go": config})
    assert "port" not in facts


LOOPBACK_FLAG = """package main

import (
	"flag"
	"net/http"
)

var addr = flag.String("addr", "localhost:8094", "http service address")

func main() {
	flag.Parse()
	http.ListenAndServe(*addr, nil)
}
"""


def test_a_loopback_flag_default_is_overridden_on_every_interface(tmp_path: Path) -> None:
    facts, notes = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": LOOPBACK_FLAG})
    assert facts["port"] == "8094"
    assert facts["listen_args"] == '["--addr", ":8094"]'
    assert any("--addr :8094" in n for n in notes)
    assert not any("127.0.0.1/localhost only" in n for n in notes)


def test_a_hard_coded_loopback_address_is_only_named(tmp_path: Path) -> None:
    main = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe("127.0.0.1:8000", nil) }\n'
    facts, notes = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "listen_args" not in facts
    assert any("127.0.0.1/localhost only" in n for n in notes)


def test_commented_out_code_names_no_port_and_no_file(tmp_path: Path) -> None:
    main = (
        "package main\n\n"
        'import "net/http"\n\n'
        '// Was: http.ListenAndServe(":9999", nil) with template.ParseFiles("old.html")\n'
        "func main() {\n"
        '\t/* r.Run(":7777") */\n'
        '\thttp.ListenAndServe(":8095", nil) // not ":6666"\n'
        "}\n"
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "old.html": "x"})
    assert facts["port"] == "8095"
    assert "runtime_files" not in facts


def test_a_url_in_a_string_is_not_cut_as_a_comment(tmp_path: Path) -> None:
    main = (
        "package main\n\n"
        'import "net/http"\n\n'
        'const site = "http://example.com//x"\n\n'
        'func main() { http.ListenAndServe(":8096", http.FileServer(http.Dir("public"))) }\n'
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "public/index.html": "x"})
    assert facts["port"] == "8096"
    assert facts["runtime_files"] == "public"


VIPER = """package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigName("config")
	viper.AddConfigPath("%s")
	viper.ReadInConfig()
	http.ListenAndServe(fmt.Sprintf(":%%d", viper.GetInt("server.port")), nil)
}
"""


@pytest.mark.parametrize(("where", "config"), [(".", "config.yaml"), ("./configs", "configs/config.toml")])
def test_the_config_file_viper_finds_is_copied_and_names_the_port(where: str, config: str, tmp_path: Path) -> None:
    text = "server:\n  port: 8097\n" if config.endswith(".yaml") else "[server]\nport = 8097\n"
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": VIPER % where, config: text})
    assert facts["runtime_files"] == config.split("/", maxsplit=1)[0]
    assert facts["port"] == "8097"


def test_a_viper_default_for_the_servers_port_is_its_port(tmp_path: Path) -> None:
    main = VIPER.replace('viper.SetConfigName("config")', 'viper.SetDefault("server.port", 8098)') % "."
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert facts["port"] == "8098"


@pytest.mark.parametrize(
    ("flag", "port"),
    [
        ('var port = flag.String("port", "8080", "port to listen on")', "8080"),
        ('var port string\n\nfunc init() { flag.StringVar(&port, "http-port", "9010", "") }', "9010"),
        ('var f = &cli.IntFlag{Name: "port", Aliases: []string{"p"}, Value: 3030, Usage: "listen port"}', "3030"),
        ('var f = &cli.StringFlag{\n\tName:  "addr",\n\tValue: "0.0.0.0:4040",\n}', "4040"),
    ],
)
def test_a_port_flag_held_as_a_string_or_an_urfave_flag_is_the_port(flag: str, port: str, tmp_path: Path) -> None:
    main = (
        'package main\n\nimport (\n\t"flag"\n\t"net/http"\n)\n\n'
        f"{flag}\n\n"
        'func main() {\n\tflag.Parse()\n\thttp.ListenAndServe(":"+p(), nil)\n}\n'
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert facts["port"] == port


def test_the_dev_loop_gets_the_listen_flag_as_plain_words_or_not_at_all() -> None:
    from scaffold.providers.go.layout import _dev_args

    assert _dev_args({"listen_args": '["--addr", ":8094"]'}) == ["--addr", ":8094"]
    assert _dev_args({"listen_args": ""}) == []
    # Anything that would need quoting in sh or JSON never reaches the dev stage's command line.
    for hostile in ('["--addr", ":80; rm -rf /"]', '["--addr", "$(id)"]', '["--a\\"b"]', "not json", '{"a": 1}'):
        assert _dev_args({"listen_args": hostile}) == []
    assert _dev_args({"serve_command": "serve;id"}) == []
