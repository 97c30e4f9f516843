"""Go shapes of hunt round 7: a vendor/ out of step with go.mod or the imports builds by downloading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, write_tree

VENDORED_MAIN = """package main

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/russross/blackfriday"
)

func main() { _ = blackfriday.Run; http.ListenAndServe(":8080", mux.NewRouter()) }
"""
MUX_LISTING = "# github.com/gorilla/mux v1.8.0\n## explicit; go 1.12\ngithub.com/gorilla/mux\n"
MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'

# (id, files, the gap init names)
STALE: list[tuple[str, dict[str, str], str]] = [
    (
        "vendor/ older than an import (go mod vendor not run again)",
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "main.go": VENDORED_MAIN,
            "vendor/modules.txt": MUX_LISTING,
            "vendor/github.com/gorilla/mux/mux.go": "package mux\n",
        },
        "main.go imports github.com/russross/blackfriday, which vendor/modules.txt does not list",
    ),
    (
        "vendor/ listing a package whose files were not committed",
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "main.go": VENDORED_MAIN.replace('\t"github.com/russross/blackfriday"\n', "").replace(
                "_ = blackfriday.Run; ", ""
            ),
            "vendor/modules.txt": MUX_LISTING,
        },
        "main.go imports github.com/gorilla/mux, and vendor/github.com/gorilla/mux/ holds no Go files",
    ),
    (
        "go.mod requiring a version vendor/ does not hold (bumped without go mod vendor)",
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.1 // indirect\n",
            "main.go": MAIN,
            "vendor/modules.txt": MUX_LISTING,
        },
        "go.mod requires github.com/gorilla/mux v1.8.1, vendor/modules.txt records v1.8.0",
    ),
]


@pytest.mark.parametrize(("files", "gap"), [r[1:] for r in STALE], ids=[r[0] for r in STALE])
def test_a_stale_vendor_dir_builds_by_downloading_with_a_warning(
    tmp_path: Path, files: dict[str, str], gap: str
) -> None:
    """Refused before; a build that reaches a module proxy builds it with -mod=mod (vendor/ ignored)."""
    root = tmp_path / "p"
    write_tree(root, files)
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    said = " ".join(result.out.split())
    assert gap in said
    assert "the image ignores vendor/ and downloads the modules (GOFLAGS=-mod=mod)" in said
    assert "run `go mod vendor` and commit vendor/ to build offline" in said
    dockerfile = (root / "Dockerfile").read_text()
    assert "ENV CGO_ENABLED=0 GOFLAGS=-mod=mod\n" in dockerfile
    assert "-mod=vendor" not in dockerfile
    assert "# vendor/ is out of step with go.mod or the code's imports" in dockerfile
    assert "    GOFLAGS=-mod=mod go mod download\n" in dockerfile
    # -mod=mod writes go.sum when it lacks the downloaded modules: the source mount is writable (and discarded).
    assert "--mount=type=bind,target=/src,rw" in dockerfile


def test_a_stale_vendor_dir_in_a_subfolder_module(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_tree(root, {f"service/{k}": v for k, v in STALE[2][1].items()})
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "service/go.mod requires github.com/gorilla/mux v1.8.1" in " ".join(result.out.split())
    assert "GOFLAGS=-mod=mod" in (root / "Dockerfile").read_text()


def test_a_whole_vendor_dir_still_builds_from_vendor(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_tree(
        root,
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "main.go": VENDORED_MAIN.replace('\t"github.com/russross/blackfriday"\n', "").replace(
                "_ = blackfriday.Run; ", ""
            ),
            "vendor/modules.txt": MUX_LISTING,
            "vendor/github.com/gorilla/mux/mux.go": "package mux\n",
        },
    )
    assert run_cli("init", "--yes", root).code == 0
    dockerfile = (root / "Dockerfile").read_text()
    assert "GOFLAGS=-mod=vendor" in dockerfile and "go mod download" not in dockerfile


def test_a_blocked_download_of_a_stale_vendor_build_names_go_mod_vendor() -> None:
    """The entry appended at the end of failures.toml (`before = "download-blocked"`) wins over the general one,
    and only on the stale-vendor download step: any other Go download failure stays download-blocked."""
    from scaffold.verify import diagnose
    from tests.test_diagnose import GO_OFFLINE, GO_VENDOR_STALE_OFFLINE

    ids = [s.id for s in diagnose.signatures()]
    assert ids.index("go-vendor-stale-download-blocked") < ids.index("download-blocked")
    found = diagnose.match("build", GO_VENDOR_STALE_OFFLINE, "go", None, {})
    assert found is not None and found.id == "go-vendor-stale-download-blocked"
    assert "run `go mod vendor` and commit vendor/" in found.advice
    assert "(example.com/fakequote), and it cannot reach proxy.golang.org" in found.cause
    other = diagnose.match("build", GO_OFFLINE, "go", None, {})
    assert other is not None and other.id == "download-blocked"


def test_the_port_comment_names_the_variable_the_app_reads(tmp_path: Path) -> None:
    """An app reading SERVER_PORT is moved by `-e SERVER_PORT=…`; the comment said `-e PORT=…`, which it ignores."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n'
        'func main() { http.ListenAndServe(":"+os.Getenv("SERVER_PORT"), nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    dockerfile = (root / "Dockerfile").read_text()
    assert "`docker run -e SERVER_PORT=…` moves it" in dockerfile
    assert "-e PORT=" not in dockerfile
    assert "ENV SERVER_PORT=" in dockerfile


# (id, files, the port the image exposes)
PORT_ELSEWHERE: list[tuple[str, dict[str, str], str]] = [
    (
        "a constant of the same package in another file",
        {
            "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(addr, nil) }\n',
            "config.go": 'package main\n\nconst addr = ":8181"\n',
        },
        "8181",
    ),
    (
        "a numeric constant in a const block, formatted into the address",
        {
            "main.go": 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\n'
            'func main() { http.ListenAndServe(fmt.Sprintf(":%d", Port), nil) }\n',
            "consts.go": 'package main\n\nconst (\n\tAppName = "x"\n\tPort    = 8282\n)\n',
        },
        "8282",
    ),
    (
        "a qualified constant of the module's config package",
        {
            "cmd/api/main.go": 'package main\n\nimport (\n\t"github.com/gin-gonic/gin"\n\n\t"m/internal/config"\n)\n\n'
            "func main() { r := gin.Default(); r.Run(config.ServerAddr) }\n",
            "internal/config/config.go": 'package config\n\nvar ServerAddr = "0.0.0.0:8383"\n',
        },
        "8383",
    ),
    (
        "a struct's Addr from a sibling's variable",
        {
            "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\ts := &http.Server{Addr: ":" + port}\n'
            "\ts.ListenAndServe()\n}\n",
            "settings.go": 'package main\n\nvar port = "8484"\n',
        },
        "8484",
    ),
]


@pytest.mark.parametrize(("files", "port"), [r[1:] for r in PORT_ELSEWHERE], ids=[r[0] for r in PORT_ELSEWHERE])
def test_a_port_declared_in_another_file_is_found(tmp_path: Path, files: dict[str, str], port: str) -> None:
    root = tmp_path / "p"
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", **files})
    assert run_cli("init", "--yes", "--set", "bake=no", root).code == 0
    assert f"EXPOSE {port}\n" in (root / "Dockerfile").read_text()


def test_another_servers_port_in_a_sibling_is_not_taken(tmp_path: Path) -> None:
    """Only the identifiers the listen call takes are looked up: a sibling's dbPort is some other server's."""
    root = tmp_path / "p"
    write_tree(
        root,
        {
            "go.mod": "module m\n\ngo 1.22\n",
            "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(addr(), nil) }\n',
            "db.go": 'package main\n\nconst dbPort = 5432\n\nfunc addr() string { return "" }\n',
        },
    )
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 5432" not in (root / "Dockerfile").read_text()


def test_a_port_set_in_a_config_literal_is_found(tmp_path: Path) -> None:
    """`cfg := Config{Port: 4040}` then `Addr: fmt.Sprintf(":%d", cfg.Port)` (Let's Go's config struct)."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\ntype Config struct {\n\tPort int\n\tEnv  string\n}\n\n'
        'func main() {\n\tcfg := Config{Port: 4040, Env: "dev"}\n'
        '\tsrv := &http.Server{Addr: fmt.Sprintf(":%d", cfg.Port)}\n\tsrv.ListenAndServe()\n}\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 4040\n" in (root / "Dockerfile").read_text()


@pytest.mark.parametrize(
    "side",
    [
        '\tgo func() { log.Println(http.ListenAndServe("localhost:6060", nil)) }()\n',
        '\tgo http.ListenAndServe(":9100", metrics)\n',
        '\tgo func() {\n\t\tlog.Fatal(http.ListenAndServe(":9100", metrics))\n\t}()\n',
    ],
)
def test_a_side_server_in_a_goroutine_is_not_the_port(tmp_path: Path, side: str) -> None:
    """pprof or metrics started with `go` beside the main server: the image exposes the blocking call's port."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nvar metrics = http.NewServeMux()\n\n'
        f'func main() {{\n{side}\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}}\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    result = run_cli("init", "--yes", root)
    assert result.code == 0
    assert "EXPOSE 8080\n" in (root / "Dockerfile").read_text()
    assert "localhost only" not in result.out


def test_a_listen_address_variable_without_a_default_is_set_to_every_interface(tmp_path: Path) -> None:
    """`http.ListenAndServe(os.Getenv("LISTEN_ADDR"), nil)`: empty, net/http binds :80, which the non-root user
    cannot (verify failed run with permission denied); the image sets LISTEN_ADDR=:8080."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n'
        'func main() { http.ListenAndServe(os.Getenv("LISTEN_ADDR"), nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    result = run_cli("init", "--yes", root)
    assert result.code == 0
    dockerfile = (root / "Dockerfile").read_text()
    assert "EXPOSE 8080\n" in dockerfile and "ENV LISTEN_ADDR=:8080\n" in dockerfile
    assert "`docker run -e LISTEN_ADDR=…` moves it" in dockerfile
    moved = run_cli("init", "--yes", "--force", "--set", "port=9000", root)
    assert moved.code == 0 and "ENV LISTEN_ADDR=:9000\n" in (root / "Dockerfile").read_text()


def test_an_address_variable_beside_a_port_variable_is_a_host(tmp_path: Path) -> None:
    """SERVER_ADDRESS with SERVER_PORT: the port variable is set, the address (a host) left alone."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n'
        'func main() { http.ListenAndServe(os.Getenv("SERVER_ADDRESS")+":"+os.Getenv("SERVER_PORT"), nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    dockerfile = (root / "Dockerfile").read_text()
    assert "ENV SERVER_PORT=8080\n" in dockerfile and "SERVER_ADDRESS" not in dockerfile


def test_another_servers_address_variable_is_not_set(tmp_path: Path) -> None:
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nvar cache = os.Getenv("REDIS_ADDR")\n\n'
        'func main() { http.ListenAndServe(":8081", nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    assert "REDIS_ADDR" not in (root / "Dockerfile").read_text()


def test_a_generated_go_file_over_the_read_limit_is_skipped(tmp_path: Path) -> None:
    """go-bindata's assets or x/text's 5 MB collate tables in vendor/: init refused the project ('file is too
    large'); such a file holds no package main, listen call or cgo, so it is left unread."""
    from scaffold.project import MAX_BYTES

    table = "package collate\n\nvar tables = []byte{" + "0x00, " * (MAX_BYTES // 6 + 10) + "}\n"
    root = tmp_path / "p"
    write_tree(
        root,
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.7\n",
            "main.go": 'package main\n\nimport (\n\t"net/http"\n\n\t_ "golang.org/x/text/collate"\n)\n\n'
            'func main() { http.ListenAndServe(":8090", nil) }\n',
            "bindata.go": "package main\n\nvar assets = []byte{" + "0x00, " * (MAX_BYTES // 6 + 10) + "}\n",
            "vendor/modules.txt": "# golang.org/x/text v0.3.7\n## explicit; go 1.17\ngolang.org/x/text/collate\n",
            "vendor/golang.org/x/text/collate/tables.go": table,
        },
    )
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "EXPOSE 8090\n" in (root / "Dockerfile").read_text()


def test_a_compound_address_name_in_a_viper_env_config_is_the_port(tmp_path: Path) -> None:
    """simplebank's shape: viper reads app.env (SetConfigType("env")) whose HTTP_SERVER_ADDRESS holds the address."""
    root = tmp_path / "p"
    config = (
        'package util\n\nimport "github.com/spf13/viper"\n\nfunc LoadConfig(path string) error {\n'
        '\tviper.AddConfigPath(path)\n\tviper.SetConfigName("app")\n\tviper.SetConfigType("env")\n'
        "\treturn viper.ReadInConfig()\n}\n"
    )
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n\n\t"m/util"\n)\n\n'
        'func main() { util.LoadConfig("."); http.ListenAndServe(os.Args[0], nil) }\n'
    )
    write_tree(
        root,
        {
            "go.mod": "module m\n\ngo 1.22\n",
            "main.go": main,
            "util/config.go": config,
            "app.env": "DB_SOURCE=postgresql://root:secret@localhost:5432/bank\nHTTP_SERVER_ADDRESS=0.0.0.0:8089\n",
        },
    )
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 8089\n" in (root / "Dockerfile").read_text()


def test_a_dep_era_vendor_dir_without_go_mod_is_ignored_by_the_build(tmp_path: Path) -> None:
    """No go.mod, vendor/ from dep (Gopkg.lock, no modules.txt): after `go mod init` the go command would read
    vendor/ alone and stop (inconsistent vendoring), even where the proxy is reachable."""
    root = tmp_path / "p"
    write_tree(
        root,
        {
            "main.go": VENDORED_MAIN.replace('\t"github.com/russross/blackfriday"\n', "").replace(
                "_ = blackfriday.Run; ", ""
            ),
            "Gopkg.lock": '[[projects]]\n  name = "github.com/gorilla/mux"\n  version = "v1.6.2"\n',
            "vendor/github.com/gorilla/mux/mux.go": "package mux\n",
        },
    )
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "vendor/ has no modules.txt (dep or glide vendoring)" in " ".join(result.out.split())
    dockerfile = (root / "Dockerfile").read_text()
    assert "GOFLAGS=-mod=mod" in dockerfile and "go mod init p && go mod tidy" in dockerfile
    assert "go mod download" not in dockerfile


def test_a_loopback_pprof_beside_a_server_in_a_goroutine_is_not_the_port(tmp_path: Path) -> None:
    """Graceful shutdown: the server runs in a goroutine too, so only pprof's loopback address is left out."""
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n'
        '\tgo func() { log.Println(http.ListenAndServe("localhost:6060", nil)) }()\n'
        "\tsrv := &http.Server{Addr: addr}\n\tgo func() { srv.ListenAndServe() }()\n\tselect {}\n}\n"
    )
    write_tree(
        root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main, "addr.go": 'package main\n\nconst addr = ":8095"\n'}
    )
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 8095\n" in (root / "Dockerfile").read_text()


def test_a_clients_dial_address_flag_is_not_a_port(tmp_path: Path) -> None:
    """grpc-go's helloworld: greeter_server listens on -port 50051, greeter_client dials -addr localhost:50051.
    The client's flag made it the image's program, run with --addr :50051, and it exited (connection refused)."""
    root = tmp_path / "p"
    server = (
        'package main\n\nimport (\n\t"flag"\n\t"fmt"\n\t"net"\n)\n\n'
        'var port = flag.Int("port", 50051, "The server port")\n\n'
        'func main() { flag.Parse(); lis, _ := net.Listen("tcp", fmt.Sprintf(":%d", *port)); lis.Accept() }\n'
    )
    client = (
        'package main\n\nimport (\n\t"flag"\n\t"net"\n)\n\n'
        'var addr = flag.String("addr", "localhost:50051", "the address to connect to")\n\n'
        'func main() { flag.Parse(); net.Dial("tcp", *addr) }\n'
    )
    write_tree(
        root,
        {"go.mod": "module m\n\ngo 1.22\n", "greeter_server/main.go": server, "greeter_client/main.go": client},
    )
    result = run_cli("init", "--yes", "--set", "bake=no", root)
    assert result.code == 0, result.err
    dockerfile = (root / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["/usr/local/bin/greeter_server"]' in dockerfile and "EXPOSE 50051\n" in dockerfile
    assert "--addr" not in dockerfile and "localhost only" not in result.out


def test_a_port_flag_declared_beside_the_server_package_still_counts(tmp_path: Path) -> None:
    """cobra's cmd/root.go declares --port; internal/server listens on it: no dial, so no client."""
    root = tmp_path / "p"
    cmd = (
        'package cmd\n\nimport (\n\t"github.com/spf13/cobra"\n\n\t"m/internal/server"\n)\n\nvar port int\n\n'
        'var rootCmd = &cobra.Command{Use: "m", Run: func(*cobra.Command, []string) { server.Start(port) }}\n\n'
        'func init() { rootCmd.Flags().IntVar(&port, "port", 8096, "port") }\n\nfunc Execute() { rootCmd.Execute() }\n'
    )
    server = (
        'package server\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\n'
        'func Start(port int) { http.ListenAndServe(fmt.Sprintf(":%d", port), nil) }\n'
    )
    write_tree(
        root,
        {
            "go.mod": "module m\n\ngo 1.22\n",
            "main.go": 'package main\n\nimport "m/cmd"\n\nfunc main() { cmd.Execute() }\n',
            "cmd/root.go": cmd,
            "internal/server/server.go": server,
        },
    )
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 8096\n" in (root / "Dockerfile").read_text()


@pytest.mark.parametrize(
    ("flag", "port"),
    [
        ('flag.Int("p", 8097, "port to listen on")', "8097"),
        ('flag.String("a", ":8098", "HTTP listen address")', "8098"),
    ],
)
def test_a_short_flag_whose_usage_names_the_port(tmp_path: Path, flag: str, port: str) -> None:
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"flag"\n\t"fmt"\n\t"net/http"\n)\n\n'
        f"var v = {flag}\n\n"
        'func main() { flag.Parse(); http.ListenAndServe(fmt.Sprint(":", *v), nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    assert f"EXPOSE {port}\n" in (root / "Dockerfile").read_text()


def test_a_short_flag_for_something_else_is_no_port(tmp_path: Path) -> None:
    root = tmp_path / "p"
    main = (
        'package main\n\nimport (\n\t"flag"\n\t"net/http"\n)\n\nvar n = flag.Int("n", 1000, "number of workers")\n\n'
        'func main() { flag.Parse(); http.ListenAndServe(":8099", nil) }\n'
    )
    write_tree(root, {"go.mod": "module m\n\ngo 1.22\n", "main.go": main})
    assert run_cli("init", "--yes", root).code == 0
    assert "EXPOSE 8099\n" in (root / "Dockerfile").read_text()
