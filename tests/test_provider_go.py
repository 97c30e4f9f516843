"""The Go provider over small project trees: what it detects, what it must not, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import InputError
from scaffold.models import Detection
from scaffold.project import ProjectDir
from scaffold.providers.go.detect import GoProvider
from scaffold.providers.go.mod import parse_go_mod, parse_go_work
from scaffold.providers.go.version import go_minimum, toolchain_minimum
from tests.conftest import write_tree

Tree = dict[str, str | bytes]

MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'
SERVER = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":9090", nil) }\n'
CGO = 'package main\n\n/*\nint add(int a, int b) { return a + b; }\n*/\nimport "C"\n\nfunc main() { _ = C.add(1, 2) }\n'
CGO_BLOCK = (
    'package main\n\n// #cgo LDFLAGS: -lsqlite3 -lm\nimport (\n\t"fmt"\n\t"C"\n)\n\nfunc main() { fmt.Println() }\n'
)
EMBED = 'package main\n\nimport "embed"\n\n//go:embed static "tpl/*.html"\nvar files embed.FS\n\nfunc main() {}\n'
PORT_ENV = (
    'package main\n\nimport ("net/http"; "os")\n\nfunc main() {\n\tport := os.Getenv("PORT")\n'
    '\tif port == "" {\n\t\tport = "3000"\n\t}\n\thttp.ListenAndServe(":"+port, nil)\n}\n'
)
GOMOD = "module example.com/shop/api/v2\n\ngo 1.22.4\n"


def facts(det: Detection) -> dict[str, str | bool]:
    return {f.key: f.value for f in det.facts}


# (id, files, expected facts (subset), expected score, note fragment or "")
DETECTED: list[tuple[str, Tree, dict[str, str | bool | None], int, str]] = [
    (
        "root main, module name and patch version",
        {"go.mod": GOMOD, "main.go": MAIN},
        {"app_name": "api", "go_version": "1.24", "main_package": ".", "module": "example.com/shop/api/v2"},
        100,
        "building with Go 1.24, the newest supported release with an image (go.mod asks for go 1.22.4 or newer)",
    ),
    (
        "toolchain newer than go directive: still the newest image",
        {"go.mod": "module m\n\ngo 1.22\ntoolchain go1.23.4\n", "main.go": MAIN},
        {"go_version": "1.24", "debian": "bookworm"},
        100,
        "(go.mod asks for toolchain go1.23.4 or newer)",
    ),
    (
        "a go line newer than every image: no go_version, a refusal for init",
        {"go.mod": "module m\n\ngo 1.27\n", "main.go": MAIN},
        {
            "go_version": None,
            "go_unsatisfied": "go.mod needs Go 1.27 or newer (go 1.27) but the newest Go with an image is 1.24 "
            "(known: 1.24); pass --set go_version=1.27 if your registry has golang:1.27 images, or list the "
            "releases it carries in SCAFFOLD_GO_IMAGES",
        },
        100,
        "",
    ),
    (
        "a toolchain line newer than every image only suggests: the go line's newest image builds it",
        {"go.mod": "module m\n\ngo 1.22\ntoolchain go1.25.1\n", "main.go": MAIN},
        {"go_version": "1.24", "go_minimum": "1.22"},
        100,
        "go.mod's toolchain go1.25.1 is newer, but it only suggests a toolchain",
    ),
    (
        "a toolchain line and a go line both newer than every image: refused",
        {"go.mod": "module m\n\ngo 1.25.0\ntoolchain go1.25.1\n", "main.go": MAIN},
        {"go_version": None},
        100,
        "",
    ),
    (
        "cmd server with port literal, internal package, github source",
        {
            "go.mod": "module github.com/acme/web\ngo 1.24\n",
            "cmd/server/main.go": SERVER,
            "internal/x/x.go": "package x\n",
            "internal/x/x_test.go": 'package x\nimport "C"\n',
        },
        {"main_package": "./cmd/server", "port": "9090", "source_url": "https://github.com/acme/web"},
        100,
        "",
    ),
    (
        "two binaries: the serving one is the entrypoint, both listed",
        {"go.mod": "module example.com/tools\ngo 1.24\n", "cmd/api/main.go": SERVER, "cmd/migrate/main.go": MAIN},
        {"main_package": "./cmd/api", "main_packages": "./cmd/api ./cmd/migrate"},
        100,
        "several main packages",
    ),
    (
        "binary named like the module wins",
        {"go.mod": "module example.com/tools\ngo 1.24\n", "cmd/a/main.go": MAIN, "cmd/tools/main.go": MAIN},
        {"main_package": "./cmd/tools"},
        100,
        "",
    ),
    (
        "a //go:build ignore generator is not a main package",
        {
            "go.mod": "module example.com/lib\ngo 1.24\n",
            "lib.go": "package lib\n",
            "gen.go": "//go:build ignore\n\npackage main\n\nfunc main() {}\n",
        },
        {},
        100,
        "no main package",
    ),
    (
        "vendored dependencies",
        {
            "go.mod": "module m\ngo 1.24\nrequire example.com/dep v1.0.0\n",
            "go.sum": "",
            "vendor/modules.txt": "# example.com/dep v1.0.0\n## explicit\n",
            "main.go": MAIN,
        },
        {"vendor": True},
        100,
        "",
    ),
    (
        "requires without go.sum warns",
        {"go.mod": "module m\ngo 1.24\nrequire (\n\texample.com/dep v1.0.0 // indirect\n)\n", "main.go": MAIN},
        {},
        100,
        "go mod tidy",
    ),
    (
        "cgo via import C",
        {"go.mod": "module m\ngo 1.24\n", "main.go": CGO},
        {"cgo": True},
        100,
        "",
    ),
    (
        "cgo in an import block with a library to install",
        {"go.mod": "module m\ngo 1.24\n", "main.go": CGO_BLOCK},
        {"cgo": True},
        100,
        "-lsqlite3",
    ),
    (
        "cgo with C++ needs the cc runtime",
        {"go.mod": "module m\ngo 1.24\n", "main.go": CGO, "lib.cpp": "int f() { return 1; }\n"},
        {"cgo": True, "cgo_cxx": True},
        100,
        "",
    ),
    (
        "embed patterns, quoted, relative to the package",
        {"go.mod": "module m\ngo 1.24\n", "cmd/site/main.go": EMBED},
        {"embed_patterns": "cmd/site/static cmd/site/tpl/*.html"},
        100,
        "",
    ),
    (
        "PORT env default",
        {"go.mod": "module m\ngo 1.24\n", "main.go": PORT_ENV},
        {"port": "3000"},
        100,
        "",
    ),
    (
        'a listen-address flag\'s default is the port (flag.String("addr", ":4000", …))',
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("flag"; "net/http")\n\nfunc main() {\n'
            '\taddr := flag.String("addr", ":4000", "HTTP network address")\n\tflag.Parse()\n'
            "\thttp.ListenAndServe(*addr, nil)\n}\n",
        },
        {"port": "4000"},
        100,
        "",
    ),
    (
        'a port flag\'s default is the port (flag.IntVar(&port, "port", 8081, …)); other int flags are not',
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("flag"; "fmt"; "net/http")\n\nfunc main() {\n'
            '\tvar port int\n\tflag.Int("workers", 4, "w")\n\tflag.IntVar(&port, "port", 8081, "p")\n'
            '\tflag.Parse()\n\thttp.ListenAndServe(fmt.Sprintf(":%d", port), nil)\n}\n',
        },
        {"port": "8081"},
        100,
        "",
    ),
    (
        'the address in a variable, with a fallback (`addr = ":8087"`) and http.Server{Addr: addr}',
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("net/http"; "os")\n\nfunc main() {\n\taddr := os.Getenv("ADDR")\n'
            '\tif addr == "" {\n\t\taddr = ":8087"\n\t}\n'
            "\tsrv := &http.Server{Addr: addr}\n\tsrv.ListenAndServe()\n}\n",
        },
        {"port": "8087"},
        100,
        "",
    ),
    (
        "a port constant formatted into the address (`const port = 8085`)",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("fmt"; "net/http")\n\nconst port = 8085\n\n'
            'func main() { http.ListenAndServe(fmt.Sprintf(":%d", port), nil) }\n',
        },
        {"port": "8085"},
        100,
        "",
    ),
    (
        "a computed port (`port := 40 * 2`) is no port: a number must be the whole value",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("fmt"; "net/http")\n\nfunc main() {\n\tport := 40 * 2\n'
            '\thttp.ListenAndServe(fmt.Sprintf(":%d", port), nil)\n}\n',
        },
        {"port": None},
        100,
        "",
    ),
    (
        'net.JoinHostPort("", "8089")',
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("net"; "net/http")\n\n'
            'func main() { http.ListenAndServe(net.JoinHostPort("", "8089"), nil) }\n',
        },
        {"port": "8089"},
        100,
        "",
    ),
    (
        "another server's address (`dbPort := 5432`, `redisAddr`) is not the app's port",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\tdbPort := 5432\n'
            '\tredisAddr := "localhost:6379"\n\t_, _ = dbPort, redisAddr\n'
            '\taddr := ":8090"\n\thttp.ListenAndServe(addr, nil)\n}\n',
        },
        {"port": "8090"},
        100,
        "",
    ),
    (
        "module in a subdirectory",
        {"README.md": "# repo\n", "service/go.mod": "module example.com/svc\ngo 1.24\n", "service/main.go": MAIN},
        {"module_dir": "service", "main_package": ".", "app_name": "svc"},
        80,
        "",
    ),
    (
        "two nested modules: the one with a main package",
        {
            "lib/go.mod": "module example.com/lib\ngo 1.24\n",
            "lib/lib.go": "package lib\n",
            "svc/go.mod": "module example.com/svc\ngo 1.24\n",
            "svc/cmd/svc/main.go": MAIN,
        },
        {"module_dir": "svc", "main_package": "./cmd/svc"},
        80,
        "several modules",
    ),
    (
        "nested module directories are not the root module's packages",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": MAIN,
            "tools/go.mod": "module m/tools\ngo 1.24\n",
            "tools/main.go": MAIN,
        },
        {"main_package": "."},
        100,
        "",
    ),
    (
        "go.work workspace",
        {
            "go.work": "go 1.24\n\nuse (\n\t./api\n\t./shared\n)\n",
            "api/go.mod": "module example.com/api\ngo 1.24\n",
            "api/main.go": SERVER,
            "shared/go.mod": "module example.com/shared\ngo 1.24\n",
            "shared/s.go": "package shared\n",
        },
        {
            "workspace": True,
            "workspace_modules": "api shared",
            "main_package": "./api",
            "port": "9090",
            "app_name": "api",
        },
        100,
        "workspace",
    ),
    (
        "no go directive: the newest image, with a note",
        {"go.mod": "module m\n", "main.go": MAIN},
        {"main_package": ".", "go_version": "1.24"},
        100,
        "go.mod names no Go version: building with Go 1.24",
    ),
    (
        "loose .go files without go.mod: a module made in the build stage",
        {"main.go": SERVER, "util.go": "package main\n"},
        {"main_package": ".", "port": "9090", "go_version": "1.24", "unsupported": None},
        20,
        "no go.mod: the build stage runs `go mod init ",
    ),
    (
        "no go.mod and packages in subdirectories: refused at init",
        {"main.go": MAIN, "util/util.go": "package util\n"},
        {
            "mod_init": None,
            "unsupported": "util/util.go: Go code without a go.mod in several packages: run `go mod init "
            "<module path>` (the path your imports use) and `go mod tidy`, then scaffold init",
        },
        20,
        "",
    ),
    (
        "no go.mod and no package main: refused at init",
        {"lib.go": "package lib\n"},
        {
            "mod_init": None,
            "unsupported": "lib.go: Go code without a go.mod and no package main: run `go mod init "
            "<module path>` (the path your imports use) and `go mod tidy`, then scaffold init",
        },
        20,
        "",
    ),
    (
        "a server reading PORT with no default gets the catalogue's port",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport "os"\n\nvar p = os.Getenv("PORT")\n\nfunc main() {}\n',
        },
        {"port": "8080", "port_env": True},
        100,
        "",
    ),
    (
        "gin's r.Run() with no address: $PORT, else 8080 (catalogue/go.toml)",
        {
            "go.mod": "module m\ngo 1.24\nrequire github.com/gin-gonic/gin v1.10.0\n",
            "go.sum": "",
            "main.go": 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n'
            "\tr.Run()\n}\n",
        },
        {"port": "8080", "port_env": True},
        100,
        "",
    ),
    (
        "a server on 127.0.0.1 only: said at init",
        {"go.mod": "module m\ngo 1.24\n", "main.go": SERVER.replace('":9090"', '"127.0.0.1:9090"')},
        {"port": "9090"},
        100,
        "main.go listens on 127.0.0.1/localhost only: nothing outside the container can reach it",
    ),
    (
        "templates and a static directory opened at run time are copied; nothing written, read-only",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("html/template"; "net/http")\n\nvar t = template.Must(template.'
            'ParseGlob("templates/*.html"))\n\nfunc main() {\n\thttp.Handle("/s/", http.FileServer(http.Dir('
            '"./static")))\n\t_, _ = os.ReadFile("missing.txt")\n\t_, _ = os.Open("/etc/hosts")\n}\n',
            "templates/index.html": "<p>hi</p>\n",
            "static/app.css": "p {}\n",
        },
        {"runtime_files": "static templates", "writable_workdir": None},
        100,
        "",
    ),
    (
        "an embedded directory is not copied again; a program that writes gets a writable directory",
        {
            "go.mod": "module m\ngo 1.24\n",
            "main.go": 'package main\n\nimport ("embed"; "os")\n\n//go:embed web\nvar web embed.FS\n\n'
            'func main() {\n\t_, _ = web.Open("web/x")\n\t_, _ = os.ReadFile("data.json")\n'
            '\t_ = os.WriteFile("out.txt", nil, 0o600)\n}\n',
            "web/x": "x\n",
            "data.json": "{}\n",
        },
        {"runtime_files": "data.json", "writable_workdir": True},
        100,
        "",
    ),
    (
        "local replace inside the module: mounted for the download step only",
        {
            "go.mod": "module m\ngo 1.24\nrequire example.com/lib v0.0.0\nreplace example.com/lib => ./lib\n",
            "lib/go.mod": "module example.com/lib\ngo 1.24\n",
            "main.go": MAIN,
        },
        {
            "replace_mounts": "--mount=type=bind,source=lib,target=/src/lib",
            "replace_build_mounts": "",
            "unsupported": None,
        },
        100,
        "",
    ),
    (
        "local replace beside a module in a subdirectory: mounted for download and build at an absolute path",
        {
            "service/go.mod": "module m\ngo 1.24\nrequire example.com/lib v0.0.0\n"
            "replace (\n\texample.com/lib v0.0.0 => ../libs/lib\n\texample.com/x => example.com/y v1.0.0\n)\n",
            "libs/lib/go.mod": "module example.com/lib\ngo 1.24\n",
            "service/main.go": MAIN,
        },
        {
            "replace_mounts": "--mount=type=bind,source=libs/lib,target=/libs/lib",
            "replace_build_mounts": "--mount=type=bind,source=libs/lib,target=/libs/lib",
        },
        80,
        "",
    ),
    (
        "local replace outside the project: refused at init, naming the path",
        {"go.mod": "module m\ngo 1.24\nreplace example.com/lib => ../lib\n", "main.go": MAIN},
        {
            "replace_mounts": None,
            "unsupported": "go.mod: replace example.com/lib => ../lib: ../lib is outside the project, which is all "
            "the build can see; run `go mod vendor` or move the module into the project",
        },
        100,
        "",
    ),
    (
        "local replace of a directory without go.mod: refused at init",
        {"go.mod": "module m\ngo 1.24\nreplace example.com/lib => ./lib\n", "main.go": MAIN, "lib/x.go": "package x\n"},
        {"unsupported": "go.mod: replace example.com/lib => ./lib: lib/go.mod does not exist, so go cannot use it"},
        100,
        "",
    ),
    (
        "vendored: replaced directories are in vendor/, nothing to mount",
        {
            "go.mod": "module m\ngo 1.24\nreplace example.com/lib => ../lib\n",
            "vendor/modules.txt": "# example.com/lib v0.0.0 => ../lib\n",
            "main.go": MAIN,
        },
        {"vendor": True, "replace_mounts": None, "unsupported": None},
        100,
        "",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected", "score", "note"), [r[1:] for r in DETECTED], ids=[r[0] for r in DETECTED]
)
def test_detects(tmp_path: Path, files: Tree, expected: dict[str, str | bool | None], score: int, note: str) -> None:
    det = GoProvider().detect(write_tree(tmp_path, files))
    assert det is not None
    assert det.language == "go"
    assert det.score == score
    got = facts(det)
    assert {k: got.get(k) for k in expected} == expected
    if note:
        assert any(note in n for n in det.notes), det.notes
    assert det.evidence


def test_without_go_mod_the_module_is_named_like_the_image(tmp_path: Path) -> None:
    root = tmp_path / "My Tool"
    det = GoProvider().detect(write_tree(root, {"main.go": MAIN}))
    assert det is not None
    assert facts(det)["mod_init"] == facts(det)["app_name"] == "my-tool"


def test_the_newest_release_that_fits_is_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAFFOLD_GO_IMAGES", "1.26=trixie,1.24=bookworm,1.25=bookworm")
    det = GoProvider().detect(write_tree(tmp_path, {"go.mod": "module m\ngo 1.25.2\n", "main.go": MAIN}))
    assert det is not None
    assert facts(det)["go_version"] == "1.26"
    assert facts(det)["debian"] == "trixie"


def test_the_catalogue_lists_the_supported_releases_as_of_its_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.providers.go.data import image_releases

    monkeypatch.delenv("SCAFFOLD_GO_IMAGES")
    assert list(image_releases()) == ["1.26", "1.27"]


@pytest.mark.parametrize("listed", ["1.24", "1.24=", "go1.24=bookworm", "1.24.1=bookworm", "1.24=Bookworm!"])
def test_a_malformed_images_list_is_a_usage_error(listed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.errors import UsageError
    from scaffold.providers.go.data import image_releases

    monkeypatch.setenv("SCAFFOLD_GO_IMAGES", listed)
    with pytest.raises(UsageError, match="SCAFFOLD_GO_IMAGES"):
        image_releases()


NOT_GO: list[tuple[str, Tree]] = [
    ("empty", {}),
    ("node", {"package.json": "{}", "index.js": "console.log(1)\n"}),
    ("python", {"pyproject.toml": "[project]\nname='x'\n", "main.py": "print(1)\n"}),
    ("go files only under vendor", {"vendor/x/x.go": "package x\n"}),
    ("a go.mod three levels down is not this repo's", {"a/b/c/go.mod": "module m\n"}),
]


@pytest.mark.parametrize("files", [r[1] for r in NOT_GO], ids=[r[0] for r in NOT_GO])
def test_not_go(tmp_path: Path, files: Tree) -> None:
    assert GoProvider().detect(write_tree(tmp_path, files)) is None


BAD: list[tuple[str, Tree, str, str]] = [
    ("no module directive", {"go.mod": "go 1.22\n"}, "go.mod", "no module directive"),
    ("unknown directive", {"go.mod": "module m\nfrobnicate x\n"}, "go.mod", "unknown directive"),
    ("unclosed block", {"go.mod": "module m\nrequire (\n\tx v1\n"}, "go.mod", "never closed"),
    ("unterminated string", {"go.mod": 'module "m\n'}, "go.mod", "unterminated"),
    ("bad go version", {"go.mod": "module m\ngo one.two\n"}, "go.mod", "invalid go version"),
    ("go 1.2x.y is not go 1.2", {"go.mod": "module m\ngo 1.2x.y\n"}, "go.mod", "invalid go version '1.2x.y'"),
    ("bad toolchain", {"go.mod": "module m\ngo 1.22\ntoolchain 1.22.1\n"}, "go.mod", "invalid toolchain"),
    ("replace without =>", {"go.mod": "module m\nreplace a b\n"}, "go.mod", "replace needs `=>`"),
    ("two module lines", {"go.mod": "module a\nmodule b\n"}, "go.mod", "repeated module"),
    ("non-UTF-8 go.mod", {"go.mod": b"module \xff\xfe\n"}, "go.mod", "UTF-8"),
    ("non-UTF-8 source", {"go.mod": "module m\n", "main.go": b"package main\n// \xff\n"}, "main.go", "UTF-8"),
    ("bad nested go.mod", {"svc/go.mod": "modul m\n"}, "svc/go.mod", "unknown directive"),
    ("go.work using a missing module", {"go.work": "go 1.24\nuse ./gone\n"}, "gone/go.mod", "cannot read"),
    ("bad go.work", {"go.work": "go 1.24\nmodule m\n"}, "go.work", "unknown directive"),
]


@pytest.mark.parametrize(("files", "path", "problem"), [r[1:] for r in BAD], ids=[r[0] for r in BAD])
def test_bad_input_names_the_file(tmp_path: Path, files: Tree, path: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        GoProvider().detect(write_tree(tmp_path, files))
    assert err.value.path == path
    assert problem in err.value.problem


def test_go_mod_grammar() -> None:
    text = (
        "// comment\nmodule `example.com/m` // trailing\n\ngo 1.21rc1\n"
        'require (\n\t"example.com/a" v1.0.0\n\texample.com/b v2.0.0 // indirect\n)\n'
        "replace example.com/a => ../a\nexclude ()\nretract [v1.0.0, v1.0.1]\n"
    )
    mod = parse_go_mod("go.mod", text)
    assert mod.module == "example.com/m"
    assert mod.go == "1.21rc1"
    assert mod.requires == ("example.com/a", "example.com/b")
    work = parse_go_work("go.work", "go 1.24\ntoolchain default\nuse ./a\nuse (\n\t./b\n)\n")
    assert work.uses == ("./a", "./b")
    assert work.toolchain is None


@pytest.mark.parametrize(
    ("version", "release"),
    [
        ("1.22", (1, 22)),
        ("1.22.4", (1, 22)),
        ("1.21rc1", (1, 21)),
        ("1", None),
        ("x.y", None),
        ("1.2x.y", None),
        ("1.22.", None),
        ("01.22", None),
        ("1.22.4.5", None),
    ],
)
def test_go_directive_grammar(version: str, release: tuple[int, int] | None) -> None:
    assert go_minimum(version) == release


@pytest.mark.parametrize(
    ("toolchain", "release"),
    [("go1.23.0", (1, 23)), ("go1.23.0-corp", (1, 23)), ("1.23.0", None), ("go1.2x", None), ("gox", None)],
)
def test_toolchain_grammar(toolchain: str, release: tuple[int, int] | None) -> None:
    assert toolchain_minimum(toolchain) == release


def test_main_package_under_a_build_directory_is_found(tmp_path: Path) -> None:
    # build/ and dist/ are output folders for other languages, but ordinary package paths in Go.
    (tmp_path / "go.mod").write_text("module example.com/tool\n\ngo 1.24\n")
    (tmp_path / "build" / "tool").mkdir(parents=True)
    (tmp_path / "build" / "tool" / "main.go").write_text("package main\n\nfunc main() {}\n")
    detection = GoProvider().detect(ProjectDir(tmp_path))
    assert detection is not None
    fact = detection.fact("main_package")
    assert fact is not None and fact.value == "./build/tool"
