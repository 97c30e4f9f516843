"""Round-5 Go shapes (issue 17): a CLI whose server is a subcommand (cobra, urfave/cli, flag sets, a switch on
os.Args[1]) runs it by default."""

from __future__ import annotations

import json
from pathlib import Path

from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from scaffold.providers.go.layout import layout
from tests.conftest import write_tree

GO_MOD = "module example.com/links\n\ngo 1.22\n"


def _detect(tmp_path: Path, tree: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, tree)
    found = GoProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


COBRA_ROOT = """package cmd

import "github.com/spf13/cobra"

var rootCmd = &cobra.Command{Use: "links", Short: "links"}

func Execute() { _ = rootCmd.Execute() }
"""
COBRA_SERVE = """package cmd

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
)

var port int

var serveCmd = &cobra.Command{
	Use:   "serve [flags]",
	RunE: func(*cobra.Command, []string) error { return http.ListenAndServe(fmt.Sprintf(":%d", port), nil) },
}

func init() {
	serveCmd.Flags().IntVarP(&port, "port", "p", 8080, "port")
	rootCmd.AddCommand(serveCmd)
}
"""
COBRA_MAIN = 'package main\n\nimport "example.com/links/cmd"\n\nfunc main() { cmd.Execute() }\n'


def test_a_cobra_serve_subcommand_is_the_default_command(tmp_path: Path) -> None:
    facts, notes = _detect(
        tmp_path, {"go.mod": GO_MOD, "main.go": COBRA_MAIN, "cmd/root.go": COBRA_ROOT, "cmd/serve.go": COBRA_SERVE}
    )
    assert facts["serve_command"] == "serve"
    assert facts["port"] == "8080"
    assert any("`links serve`" in n for n in notes)


def test_a_cobra_root_that_serves_itself_takes_no_subcommand(tmp_path: Path) -> None:
    root = COBRA_ROOT.replace(
        'Short: "links"', 'Run: func(*cobra.Command, []string) { http.ListenAndServe(":80", nil) }'
    )
    root = root.replace('import "github.com/spf13/cobra"', 'import (\n\t"net/http"\n\n\t"github.com/spf13/cobra"\n)')
    version = 'package cmd\n\nimport "github.com/spf13/cobra"\n\nvar v = &cobra.Command{Use: "version"}\n'
    facts, _ = _detect(
        tmp_path, {"go.mod": GO_MOD, "main.go": COBRA_MAIN, "cmd/root.go": root, "cmd/version.go": version}
    )
    assert "serve_command" not in facts


def test_the_server_elsewhere_runs_the_subcommand_named_like_a_server(tmp_path: Path) -> None:
    serve = COBRA_SERVE.replace('return http.ListenAndServe(fmt.Sprintf(":%d", port), nil)', "return server.Run(port)")
    server = (
        'package server\n\nimport "net/http"\n\nfunc Run(p int) error { return http.ListenAndServe(":8080", nil) }\n'
    )
    migrate = 'package cmd\n\nimport "github.com/spf13/cobra"\n\nvar m = &cobra.Command{Use: "migrate"}\n'
    facts, _ = _detect(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "main.go": COBRA_MAIN,
            "cmd/root.go": COBRA_ROOT,
            "cmd/migrate.go": migrate,
            "cmd/serve.go": serve,
            "internal/server/server.go": server,
        },
    )
    assert facts["serve_command"] == "serve"


URFAVE = """package main

import (
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name: "paste",
		Commands: []*cli.Command{
			{Name: "migrate", Action: func(*cli.Context) error { return nil }},
			{
				Name:  "server",
				Flags: []cli.Flag{&cli.StringFlag{Name: "listen", Value: "0.0.0.0:5050"}},
				Action: func(c *cli.Context) error { return http.ListenAndServe(c.String("listen"), nil) },
			},
		},
	}
	app.Run(os.Args)
}
"""


def test_an_urfave_cli_command_that_listens_is_the_default_command(tmp_path: Path) -> None:
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": URFAVE})
    assert facts["serve_command"] == "server"
    assert facts["port"] == "5050"


def test_an_urfave_cli_app_whose_own_action_serves_takes_no_subcommand(tmp_path: Path) -> None:
    main = URFAVE.replace(
        'Name: "paste",',
        'Name: "paste",\n\t\tAction: func(*cli.Context) error { return http.ListenAndServe(":5050", nil) },',
    )
    main = main.replace('{\n\t\t\t\tName:  "server",', '{\n\t\t\t\tName:  "export",').replace(
        "http.ListenAndServe(c.String", "nil; _ = (c.String"
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "serve_command" not in facts


FLAGSET = """package main

import (
	"flag"
	"net/http"
	"os"
)

func main() {
	switch os.Args[1] {
	case "migrate":
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ExitOnError)
		addr := fs.String("addr", ":8090", "listen address")
		fs.Parse(os.Args[2:])
		http.ListenAndServe(*addr, nil)
	}
}
"""


def test_a_flag_set_subcommand_is_the_default_command(tmp_path: Path) -> None:
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": FLAGSET})
    assert facts["serve_command"] == "serve"


def test_names_in_struct_literals_are_no_subcommands(tmp_path: Path) -> None:
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\ntype user struct{ Name string }\n\n'
        'var u = user{Name: "alice"}\n\nfunc main() { _ = os.Args; http.ListenAndServe(":8080", nil) }\n'
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "serve_command" not in facts


def test_the_subcommand_leads_the_cmd_and_the_dev_loop() -> None:
    values = {"serve_command": "serve", "listen_args": '["--addr", ":8094"]', "app_name": "links"}
    out = layout(values)  # type: ignore[arg-type]
    assert json.loads(str(out["cmd_args"])) == ["serve", "--addr", ":8094"]
    assert out["dev_args"] == "serve --addr :8094"
    # The subcommand's CMD carries the listen flag too: listen-cmd is not included beside it.
    assert str(out["final_parts"]).split()[-2:] == ["final-entrypoint", "serve-cmd"]
    final = layout({"listen_args": '["--addr", ":8094"]'})["final_parts"]
    assert str(final).split()[-1] == "listen-cmd"


EMBED_DIST = 'package web\n\nimport "embed"\n\n//go:embed all:dist\nvar Dist embed.FS\n'
WEB_MAIN = (
    'package main\n\nimport (\n\t"net/http"\n\n\t_ "example.com/links/web"\n)\n\n'
    'func main() { http.ListenAndServe(":8080", nil) }\n'
)
PACKAGE_JSON = '{"name": "web", "scripts": {"build": "vite build"}, "devDependencies": {"vite": "^7.0.0"}}'


def test_an_embedded_frontend_that_is_not_built_yet_gets_a_node_stage(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "main.go": WEB_MAIN,
        "web/embed.go": EMBED_DIST,
        "web/package.json": PACKAGE_JSON,
        "web/pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
        "web/dist/.gitkeep": "",
    }
    facts, notes = _detect(tmp_path, tree)
    assert facts["frontend_dir"] == "web"
    assert facts["frontend_dist"] == "web/dist"
    assert facts["frontend_install"] == "corepack pnpm install --frozen-lockfile"
    assert any("web/dist" in n and "Node stage" in n for n in notes)
    out = layout({**facts, "frontend_lock": "pnpm-lock.yaml", "embed_patterns": "web/dist"})  # type: ignore[dict-item]
    assert "--mount=type=bind,from=frontend,source=/frontend/web/dist,target=/src/web/dist" in str(out["build_mounts"])
    assert "--mount=type=bind,target=/src,rw" in str(out["build_mounts"])
    assert out["frontend_manifests"] == "web/package.json web/pnpm-lock.yaml"
    # The frontend stage comes first; the build stage holds its output last (for the dev stage).
    assert str(out["build_parts"]).split()[:2] == ["frontend", "build-cross"]
    assert str(out["build_parts"]).split()[-1] == "frontend-output"
    assert out["embed_paths"] == ""  # the context leaves the built output out: its stage makes it


def test_a_committed_frontend_build_is_embedded_as_it_is(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "main.go": WEB_MAIN,
        "web/embed.go": EMBED_DIST,
        "web/package.json": PACKAGE_JSON,
        "web/dist/index.html": "<h1>hi</h1>",
    }
    facts, _ = _detect(tmp_path, tree)
    assert "frontend_dist" not in facts


def test_a_missing_embed_without_a_build_script_gets_no_node_stage(tmp_path: Path) -> None:
    tree = {"go.mod": GO_MOD, "main.go": WEB_MAIN, "web/embed.go": EMBED_DIST, "web/package.json": '{"name": "w"}'}
    facts, _ = _detect(tmp_path, tree)
    assert "frontend_dist" not in facts


CGO_DEP = (
    'package cadd\n\n// int add(int a, int b) { return a + b; }\nimport "C"\n\n'
    "func Add(a, b int) int { return int(C.add(C.int(a), C.int(b))) }\n"
)
CADD_MAIN = (
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/cadd"\n)\n\nfunc main() { fmt.Println(cadd.Add(2, 3)) }\n'
)
MODULES_TXT = "# example.com/cadd v1.0.0\n## explicit; go 1.21\nexample.com/cadd\n"


def test_a_vendored_package_that_compiles_c_builds_with_cgo(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD + "\nrequire example.com/cadd v1.0.0\n",
        "main.go": CADD_MAIN,
        "vendor/modules.txt": MODULES_TXT,
        "vendor/example.com/cadd/cadd.go": CGO_DEP,
    }
    facts, notes = _detect(tmp_path, tree)
    assert facts["cgo"] is True
    assert any("vendor/example.com/cadd/cadd.go" in n and "cgo" in n for n in notes)


def test_a_vendored_cgo_file_behind_a_build_tag_or_another_os_is_optional(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD + "\nrequire example.com/cadd v1.0.0\n",
        "main.go": CADD_MAIN,
        "vendor/modules.txt": MODULES_TXT,
        "vendor/example.com/cadd/cadd.go": "//go:build cgo\n\n" + CGO_DEP,
        "vendor/example.com/cadd/cadd_darwin.go": CGO_DEP,
        "vendor/example.com/cadd/stub.go": "//go:build !cgo\n\npackage cadd\n\nfunc Add(a, b int) int { return a }\n",
    }
    facts, _ = _detect(tmp_path, tree)
    assert "cgo" not in facts


DOTENV_MAIN = """package main

import (
	"log"
	"net/http"
	"os"

	"github.com/joho/godotenv"
)

func main() {
	if err := godotenv.Load(); err != nil {
		log.Fatal("Error loading .env file")
	}
	_ = godotenv.Load("settings.yaml", ".env.local", "config/.env")
	http.ListenAndServe(":"+os.Getenv("PORT"), nil)
}
"""


def test_a_dotenv_file_godotenv_insists_on_gets_an_empty_stand_in(tmp_path: Path) -> None:
    facts, notes = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": DOTENV_MAIN, ".env": "PORT=8000\n"})
    # .env and .env.local are secrets (never in the image); settings.yaml is not, config/.env is in a folder.
    assert facts["dotenv_files"] == ".env .env.local"
    assert any("godotenv" in n and "empty" in n for n in notes)
    out = layout({"dotenv_files": ".env", "runtime_files": "templates"})
    assert out["binary_parts"] == "dotenv-stub"
    assert "runtime-files dotenv-copy nonroot-user" in str(out["final_parts"])


def test_an_empty_file_in_a_layer_is_no_secret() -> None:
    from scaffold.verify.layers import Entry, Layer
    from scaffold.verify.secrets import scan

    empty = Entry("/home/nonroot/.env", 0, 0o644, True)
    full = Entry("/app/.env", 9, 0o644, True)
    layer = Layer(1, "COPY", {e.path: e for e in (empty, full)}, texts={full.path: b"API_KEY=1"})
    assert [f.path for f in scan([layer])] == ["/app/.env"]


HOST_MAIN = """package main

import (
	"net/http"
	"os"
)

func main() {
	host := os.Getenv("HOST")
	if host == "" {
		host = "localhost"
	}
	dbHost := os.Getenv("DB_HOST")
	_ = dbHost
	http.ListenAndServe(host+":8097", nil)
}
"""


def test_a_port_joined_to_a_host_variable_is_the_port(tmp_path: Path) -> None:
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": HOST_MAIN})
    assert facts["port"] == "8097"


def test_the_servers_host_variable_is_set_to_every_interface(tmp_path: Path) -> None:
    facts, notes = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": HOST_MAIN})
    assert facts["host_env"] == "HOST"
    assert any("HOST=0.0.0.0" in n for n in notes)
    assert "host-env" in str(layout({"host_env": "HOST"})["final_parts"])


def test_another_servers_host_variable_is_left_alone(tmp_path: Path) -> None:
    main = HOST_MAIN.replace('os.Getenv("HOST")', 'os.Getenv("DB_NAME")')
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "host_env" not in facts


def test_a_subcommand_of_another_binary_is_not_passed_to_the_one_the_image_runs(tmp_path: Path) -> None:
    server = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "cmd/links/main.go": server, "cmd/admin/main.go": FLAGSET})
    assert facts["main_package"] == "./cmd/links"
    assert "serve_command" not in facts


def test_a_cobra_root_built_in_a_function_is_no_subcommand(tmp_path: Path) -> None:
    root = """package cmd

import (
	"net/http"

	"github.com/spf13/cobra"
)

func NewRootCmd() *cobra.Command {
	return &cobra.Command{Use: "links", RunE: func(*cobra.Command, []string) error {
		return http.ListenAndServe(":8080", nil)
	}}
}
"""
    main = 'package main\n\nimport "example.com/links/cmd"\n\nfunc main() { cmd.NewRootCmd().Execute() }\n'
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main, "cmd/root.go": root})
    assert "serve_command" not in facts


def test_a_comparison_of_the_first_argument_names_the_subcommand(tmp_path: Path) -> None:
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n'
        '\tif len(os.Args) > 1 && os.Args[1] == "web" {\n\t\thttp.ListenAndServe(":8080", nil)\n\t}\n}\n'
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert facts["serve_command"] == "web"


def test_a_branch_that_returns_before_the_default_server_is_no_subcommand(tmp_path: Path) -> None:
    main = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n'
        '\tif len(os.Args) > 1 && os.Args[1] == "migrate" {\n\t\treturn\n\t}\n'
        '\tswitch os.Args[1] {\n\tcase "seed":\n\t\treturn\n\t}\n\thttp.ListenAndServe(":8080", nil)\n}\n'
    )
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "serve_command" not in facts


def test_an_urfave_app_whose_action_after_its_commands_serves_takes_no_subcommand(tmp_path: Path) -> None:
    main = """package main

import (
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name:     "paste",
		Commands: []*cli.Command{{Name: "migrate", Action: func(*cli.Context) error { return nil }}},
		Action:   func(*cli.Context) error { return http.ListenAndServe(":5050", nil) },
	}
	app.Run(os.Args)
}
"""
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": main})
    assert "serve_command" not in facts


def test_a_vite_build_written_into_the_go_package_is_found_by_its_out_dir(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "main.go": WEB_MAIN.replace("example.com/links/web", "example.com/links/internal/ui"),
        "internal/ui/ui.go": EMBED_DIST.replace("package web", "package ui"),
        "frontend/package.json": PACKAGE_JSON,
        "frontend/package-lock.json": "{}",
        "frontend/vite.config.ts": "export default { build: { outDir: '../internal/ui/dist', emptyOutDir: true } }\n",
    }
    facts, _ = _detect(tmp_path, tree)
    assert facts["frontend_dir"] == "frontend"
    assert facts["frontend_dist"] == "internal/ui/dist"
    assert facts["frontend_install"] == "npm ci"


CONFIG_MAIN = """package main

import (
	"flag"
	"net/http"
)

func main() {
	path := flag.String("config", "config.yaml", "config file")
	flag.Parse()
	cfg := load(*path)
	http.ListenAndServe(cfg.Addr, nil)
}
"""


def test_a_git_ignored_config_file_is_replaced_by_its_committed_example(tmp_path: Path) -> None:
    tree = {
        "go.mod": GO_MOD,
        "main.go": CONFIG_MAIN,
        "config.example.yaml": "server:\n  port: 9091\n",
        ".gitignore": "config.yaml\n",
    }
    facts, notes = _detect(tmp_path, tree)
    assert facts["config_examples"] == "config.example.yaml=/app/config.yaml"
    assert facts["port"] == "9091"
    assert any("copies config.example.yaml as config.yaml" in n for n in notes)
    out = layout({"config_examples": "config.example.yaml=/app/config.yaml"})
    assert out["runtime_copy_args"] == "config.example.yaml /app/config.yaml"
    assert "final-app runtime-files nonroot-user" in str(out["final_parts"])


def test_a_config_file_in_the_project_is_copied_as_it_is(tmp_path: Path) -> None:
    tree = {"go.mod": GO_MOD, "main.go": CONFIG_MAIN, "config.yaml": "port: 1\n", "config.example.yaml": "port: 2\n"}
    facts, _ = _detect(tmp_path, tree)
    assert "config_examples" not in facts
    assert facts["runtime_files"] == "config.yaml"


KONG = """package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type ServeCmd struct {
	Addr string `default:":8080" help:"listen address"`
}

func (s *ServeCmd) Run() error { return http.ListenAndServe(s.Addr, nil) }

type MigrateCmd struct{}

func (m *MigrateCmd) Run() error { return nil }

var cli struct {
	Migrate MigrateCmd `cmd:"" help:"Migrate the database."`
	Serve   ServeCmd   `cmd:"" help:"Run the server."`
}

func main() {
	ctx := kong.Parse(&cli)
	ctx.FatalIfErrorf(ctx.Run())
}
"""


def test_a_kong_command_field_named_like_a_server_is_the_default_command(tmp_path: Path) -> None:
    facts, _ = _detect(tmp_path, {"go.mod": GO_MOD, "main.go": KONG})
    assert facts["serve_command"] == "serve"


def test_a_cli_without_a_server_keeps_its_default_command(tmp_path: Path) -> None:
    run = 'package cmd\n\nimport "github.com/spf13/cobra"\n\nvar runCmd = &cobra.Command{Use: "run"}\n'
    facts, _ = _detect(
        tmp_path, {"go.mod": GO_MOD, "main.go": COBRA_MAIN, "cmd/root.go": COBRA_ROOT, "cmd/run.go": run}
    )
    assert "serve_command" not in facts
