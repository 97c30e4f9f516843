"""Go shapes of hunt round 10: port and address flags with no default (the image passes the port the project's
run instructions name), go.mod directives newer than the Go release that builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from scaffold.providers.go.port_flag import required_port_flags
from scaffold.providers.go.version import choose
from tests.conftest import run_cli, write_tree

GO_MOD = "module example.com/pinger\n\ngo 1.22\n"


def _facts(tmp_path: Path, tree: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


def _flag_app(declare: str, listen: str) -> str:
    return (
        'package main\n\nimport (\n\t"flag"\n\t"fmt"\n\t"log"\n\t"net/http"\n)\n\n'
        f'func main() {{\n\tport := {declare}\n\tflag.Parse()\n\tif *port == 0 {{\n\t\tlog.Fatal("required")\n\t}}\n'
        f"\tlog.Fatal(http.ListenAndServe({listen}, nil))\n}}\n"
    )


INT_PORT = 'flag.Int("port", 0, "port to listen on (required)")'
INT_LISTEN = 'fmt.Sprintf(":%d", *port)'
ADDR = 'flag.String("addr", "", "listen address")'


@pytest.mark.parametrize(
    ("declare", "listen", "doc", "args", "port"),
    [
        (INT_PORT, INT_LISTEN, {"README.md": "Run it:\n\n    ./pinger -port 8090\n"}, ["--port", "8090"], "8090"),
        (INT_PORT, INT_LISTEN, {"Makefile": "run:\n\tgo run . --port=7000\n"}, ["--port", "7000"], "7000"),
        (ADDR, "*port", {"Procfile": "web: bin/app -addr 0.0.0.0:5050\n"}, ["--addr", ":5050"], "5050"),
        (ADDR, "*port", {"README.md": "`./app --addr=:9000`\n"}, ["--addr", ":9000"], "9000"),
        (
            INT_PORT,
            INT_LISTEN,
            {"compose.yaml": 'services:\n  app:\n    command: ["./pinger", "-port", "9000"]\n'},
            ["--port", "9000"],
            "9000",
        ),
        (INT_PORT, INT_LISTEN, {}, ["--port", "8080"], "8080"),  # no instructions: the default port
        (INT_PORT, INT_LISTEN, {"README.md": "./pinger -port $PORT\n"}, ["--port", "8080"], "8080"),
    ],
)
def test_a_port_flag_without_a_default_gets_the_port_the_project_runs_it_with(
    tmp_path: Path, declare: str, listen: str, doc: dict[str, str], args: list[str], port: str
) -> None:
    facts, notes = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": _flag_app(declare, listen), **doc})
    assert facts["listen_args"] == json.dumps(args)
    assert facts["port"] == port
    assert any("has no default" in n for n in notes)


@pytest.mark.parametrize(
    "declare",
    [
        'flag.Int("port", 8080, "port")',  # it has a default
        'flag.String("addr", ":8080", "listen address")',
        'flag.String("name", "", "your name")',  # no listen flag
        'flag.Int("workers", 0, "workers")',
    ],
)
def test_no_listen_args_for_flags_with_defaults_or_that_are_no_port(tmp_path: Path, declare: str) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": _flag_app(declare, '":8080"')})
    assert "listen_args" not in facts


def test_required_port_flags_are_found_with_their_kind() -> None:
    code = (
        'flag.IntVar(&cfg.port, "port", 0, "p")\nfs.StringVar(&listen, "listen", "", "l")\n'
        'pflag.StringP("http-port", "p", "", "p")\n'
    )
    assert required_port_flags(code) == [("port", False), ("listen", True), ("http-port", False)]


def test_the_port_flag_reaches_cmd(tmp_path: Path) -> None:
    tree = {"go.mod": GO_MOD, "main.go": _flag_app(INT_PORT, INT_LISTEN), "README.md": "./pinger -port 8090\n"}
    write_tree(tmp_path / "p", tree)
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert dockerfile.rstrip().endswith('CMD ["--port", "8090"]')
    assert "EXPOSE 8090" in dockerfile


@pytest.mark.parametrize(
    ("directive", "minimum"),
    [("ignore ./node_modules", "1.25"), ("tool golang.org/x/tools/cmd/stringer", "1.24"), ("godebug x=1", "1.23")],
)
def test_a_directive_raises_the_minimum_go(directive: str, minimum: str) -> None:
    from scaffold.providers.go.mod import parse_go_mod

    mod = parse_go_mod("go.mod", f"module m\n\ngo 1.21\n\n{directive}\n")
    older = f"1.{int(minimum.split('.')[1]) - 1}"
    refused = choose([older], mod.go, mod.toolchain, "go.mod", mod.directives)
    assert refused.release is None
    assert refused.minimum == minimum
    assert f"{directive.split(maxsplit=1)[0]} directive on line 5" in refused.message
    chosen = choose([older, minimum], mod.go, mod.toolchain, "go.mod", mod.directives)
    assert chosen.release == minimum


def test_the_toolchain_fallback_still_parses_every_directive() -> None:
    from scaffold.providers.go.mod import parse_go_mod

    mod = parse_go_mod("go.mod", "module m\n\ngo 1.22\n\ntoolchain go1.26.1\n\nignore ./web\n")
    assert choose(["1.24"], mod.go, mod.toolchain, "go.mod", mod.directives).release is None
    assert choose(["1.24", "1.25"], mod.go, mod.toolchain, "go.mod", mod.directives).release == "1.25"


def test_an_ignore_directive_is_refused_in_one_line_when_no_image_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAFFOLD_GO_IMAGES", "1.24=bookworm")
    main = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n'
    write_tree(tmp_path, {"go.mod": "module m\n\ngo 1.24\n\nignore ./node_modules\n", "main.go": main})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 2
    assert "ignore directive on line 5" in result.err
    assert len(result.err.strip().splitlines()) == 1


EMBEDS = """package main

//go:generate go run ./internal/gen -out public

import (
	"embed"
	"net/http"
)

//go:embed {pattern}
var public embed.FS

func main() {{ http.ListenAndServe(":8000", http.FileServer(http.FS(public))) }}
"""
GEN = 'package main\n\nimport "os"\n\nfunc main() { os.WriteFile("public/index.html", nil, 0o644) }\n'


@pytest.mark.parametrize("pattern", ["public", "public/*.html", "all:public"])
def test_an_embed_go_generate_makes_runs_go_generate_first(tmp_path: Path, pattern: str) -> None:
    tree = {"go.mod": GO_MOD, "main.go": EMBEDS.format(pattern=pattern), "internal/gen/main.go": GEN}
    facts, notes = _facts(tmp_path, tree)
    assert facts["go_generate"] is True
    assert any("go generate ./..." in n for n in notes)


@pytest.mark.parametrize(
    ("main", "more"),
    [
        (EMBEDS.format(pattern="public"), {"public/index.html": "<h1>hi</h1>\n"}),  # committed output
        (EMBEDS.format(pattern="public").replace("//go:generate go run ./internal/gen -out public\n", ""), {}),
        (EMBEDS.format(pattern="public").replace("//go:generate", "// go:generate"), {}),  # no directive
    ],
)
def test_no_go_generate_when_the_files_are_there_or_nothing_generates(
    tmp_path: Path, main: str, more: dict[str, str]
) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": main, "internal/gen/main.go": GEN, **more})
    assert "go_generate" not in facts


def test_go_generate_runs_before_the_build_and_the_tests(tmp_path: Path) -> None:
    tree = {"go.mod": GO_MOD, "main.go": EMBEDS.format(pattern="public"), "internal/gen/main.go": GEN}
    write_tree(tmp_path / "p", tree)
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert "--mount=type=bind,target=/src,rw" in dockerfile
    assert "    go generate ./... \\\n    && export GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n    && go build" in dockerfile
    assert "go generate ./... && go test -short" in dockerfile
    assert "RUN go generate ./... && go build" in dockerfile


AUTOCERT = """package main

import (
	"crypto/tls"
	"net/http"

	"golang.org/x/crypto/acme/autocert"
)

func main() {
	m := &autocert.Manager{Prompt: autocert.AcceptTOS, HostPolicy: autocert.HostWhitelist("example.org")}
	go http.ListenAndServe(":http", m.HTTPHandler(nil))
	s := &http.Server{Addr: ":https", TLSConfig: &tls.Config{GetCertificate: m.GetCertificate}}
	s.ListenAndServeTLS("", "")
}
"""


@pytest.mark.parametrize(
    ("code", "port"),
    [
        (AUTOCERT, "443"),
        (AUTOCERT.replace('go http.ListenAndServe(":http"', 'go http.ListenAndServe(":8081"'), "443"),
        ('package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe("0.0.0.0:http", nil) }\n', "80"),
        (
            'package main\n\nimport (\n\t"net/http"\n\n\t"golang.org/x/crypto/acme/autocert"\n)\n\n'
            'func main() { http.Serve(autocert.NewListener("example.org"), nil) }\n',
            "443",
        ),
    ],
)
def test_a_port_named_by_service_is_its_number(tmp_path: Path, code: str, port: str) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code})
    assert facts["port"] == port


HOST_FLAG = """package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"strconv"
)

func main() {{
	host := {declare}
	port := flag.Int("port", 4000, "port to listen on")
	flag.Parse()
	log.Fatal(http.ListenAndServe(net.JoinHostPort(*host, strconv.Itoa(*port)), nil))
}}
"""


@pytest.mark.parametrize(
    ("declare", "args"),
    [
        ('flag.String("host", "127.0.0.1", "interface to bind")', ["--host", "0.0.0.0"]),
        ('flag.String("http-host", "localhost", "")', ["--http-host", "0.0.0.0"]),
        ('flag.String("db-host", "localhost", "database host")', None),  # not the server's
        ('flag.String("host", "0.0.0.0", "interface")', None),  # already every interface
    ],
)
def test_a_loopback_host_flag_is_given_every_interface(tmp_path: Path, declare: str, args: list[str] | None) -> None:
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": HOST_FLAG.format(declare=declare)})
    assert facts.get("listen_args") == (json.dumps(args) if args else None)


def test_a_cobra_serve_commands_host_flag_follows_the_subcommand(tmp_path: Path) -> None:
    serve = (
        'package cmd\n\nimport (\n\t"net/http"\n\n\t"github.com/spf13/cobra"\n)\n\n'
        'var serveCmd = &cobra.Command{\n\tUse: "serve",\n\tRun: func(cmd *cobra.Command, args []string) {\n'
        '\t\thttp.ListenAndServe(host+":7070", nil)\n\t},\n}\n\nvar host string\n\n'
        'func init() {\n\tserveCmd.Flags().StringVar(&host, "host", "127.0.0.1", "host to bind")\n}\n'
    )
    main = 'package main\n\nimport "example.com/pinger/cmd"\n\nfunc main() { cmd.Execute() }\n'
    write_tree(tmp_path / "p", {"go.mod": GO_MOD, "main.go": main, "cmd/serve.go": serve})
    result = run_cli("init", "--yes", tmp_path / "p")
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "p" / "Dockerfile").read_text()
    assert dockerfile.rstrip().endswith('CMD ["serve", "--host", "0.0.0.0"]')


def test_a_required_port_flag_and_a_loopback_host_flag_are_both_passed(tmp_path: Path) -> None:
    code = _flag_app(INT_PORT, INT_LISTEN).replace(
        "\tflag.Parse()", '\thost := flag.String("host", "localhost", "bind")\n\t_ = host\n\tflag.Parse()'
    )
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": code, "README.md": "./pinger -port 8090\n"})
    assert facts["listen_args"] == json.dumps(["--port", "8090", "--host", "0.0.0.0"])


BEEGO_MAIN = 'package main\n\nimport "{module}"\n\nfunc main() {{\n\t{call}\n}}\n'


@pytest.mark.parametrize(
    ("module", "call"),
    [("github.com/astaxie/beego", "beego.Run()"), ("github.com/beego/beego/v2/server/web", "web.Run()")],
)
@pytest.mark.parametrize(("conf", "port"), [("appname = q\nhttpport = 9090\n", "9090"), ("appname = q\n", "8080")])
def test_beego_listens_on_its_configs_httpport_and_reads_its_folders(
    tmp_path: Path, module: str, call: str, conf: str, port: str
) -> None:
    tree = {
        "go.mod": "module quickstart\n\ngo 1.16\n",
        "main.go": BEEGO_MAIN.format(module=module, call=call),
        "conf/app.conf": conf,
        "views/index.tpl": "<h1>{{.Website}}</h1>\n",
    }
    facts, _ = _facts(tmp_path, tree)
    assert facts["port"] == port
    assert facts["runtime_files"] == "conf views"  # no static/ in this project


def test_a_beego_import_without_its_run_call_reads_nothing(tmp_path: Path) -> None:
    main = 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/astaxie/beego"\n)\n\nvar _ = beego.AppConfig\n\n'
    main += 'func main() { http.ListenAndServe(":8081", nil) }\n'
    facts, _ = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": main, "conf/app.conf": "httpport = 9090\n"})
    assert facts["port"] == "8081"
    assert "runtime_files" not in facts


def test_a_go_server_in_a_folder_that_serves_the_roots_frontend_build_wins_over_node(tmp_path: Path) -> None:
    from scaffold.providers import detect_all

    package = '{"name": "web", "private": true, "scripts": {"build": "vite build"}, "devDependencies": {"vite": "5"}}'
    server = (
        'package main\n\nimport "net/http"\n\n'
        'func main() {\n\thttp.Handle("/", http.FileServer(http.Dir("../dist")))\n'
        '\thttp.ListenAndServe(":8081", nil)\n}\n'
    )
    tree = {
        "package.json": package,
        "index.html": "<div id=app></div>\n",
        ".gitignore": "dist\nnode_modules\n",
        "server/go.mod": "module example.com/web/server\n\ngo 1.22\n",
        "server/main.go": server,
    }
    write_tree(tmp_path, tree)
    found = detect_all(ProjectDir(tmp_path))
    assert [d.language for d in found][:2] == ["go", "node"]
    assert found[1].tooling_only


def test_an_acme_server_is_told_what_it_needs_to_serve_https(tmp_path: Path) -> None:
    _, notes = _facts(tmp_path, {"go.mod": GO_MOD, "main.go": AUTOCERT})
    assert any("Let's Encrypt" in n and "-p 443:443" in n for n in notes)
    _, notes = _facts(tmp_path / "plain", {"go.mod": GO_MOD, "main.go": _flag_app(INT_PORT, INT_LISTEN)})
    assert not any("Let's Encrypt" in n for n in notes)


def test_a_header_name_is_no_served_frontend(tmp_path: Path) -> None:
    from scaffold.providers import detect_all

    package = '{"name": "web", "private": true, "scripts": {"build": "vite build"}, "devDependencies": {"vite": "5"}}'
    server = (
        'package main\n\nimport "net/http"\n\n'
        'func main() {\n\thttp.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {\n'
        '\t\tw.Header().Set("Content-Type", "application/json")\n\t})\n\thttp.ListenAndServe(":8081", nil)\n}\n'
    )
    tree = {"package.json": package, "server/go.mod": "module example.com/s\n\ngo 1.22\n", "server/main.go": server}
    write_tree(tmp_path, tree)
    go = next(d for d in detect_all(ProjectDir(tmp_path)) if d.language == "go")
    assert go.fact("frontend_serve") is None
    assert go.fact("assets_manifests") is None
