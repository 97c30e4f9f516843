"""What `scaffold init` decides for Go after every option is resolved: images follow the Go release and
cgo, and a project it cannot build is refused before anything is written, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.builtin_templates import builtin_template
from scaffold.models import Detection, Fact
from scaffold.options import Layer, resolve
from scaffold.providers import decide
from scaffold.template.render import read_variables
from tests.conftest import run_cli, write_tree

MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'
TEMPLATE = builtin_template("go")
VENDORED_MAIN = """package main

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/russross/blackfriday"
	api "m/internal/api"
)

func main() { _ = blackfriday.Run; _ = api.X; http.ListenAndServe(":8080", mux.NewRouter()) }
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    write_tree(tmp_path / "p", files)
    return tmp_path / "p"


# (id, files, --set pairs, one line the user sees)
REFUSED: list[tuple[str, dict[str, str], list[str], str]] = [
    (
        "a go line newer than every image",
        {"go.mod": "module m\n\ngo 1.27\n", "main.go": MAIN},
        [],
        "go.mod needs Go 1.27 or newer (go 1.27) but the newest Go with an image is 1.24 (known: 1.24); "
        "pass --set go_version=1.27 if your registry has golang:1.27 images, or list the releases it carries "
        "in SCAFFOLD_GO_IMAGES",
    ),
    (
        "a go_version that is no Go release",
        {"go.mod": "module m\n\ngo 1.22\n", "main.go": MAIN},
        ["go_version=1.2x.y"],
        "--set: go_version='1.2x.y' is not allowed: expected a Go release such as 1.24 or 1.24.3",
    ),
    (
        "a go_version older than the go line: golang:1.22 would fail mid-build",
        {"go.mod": "module m\n\ngo 1.24\n", "main.go": MAIN},
        ["go_version=1.22"],
        "--set: go_version=1.22 is older than the Go 1.24 that go.mod (go directive) asks for: the Go 1.22 "
        "image cannot build it; choose 1.24 or newer",
    ),
    (
        "a patch release older than the toolchain line",
        {"go.mod": "module m\n\ngo 1.24\ntoolchain go1.24.3\n", "main.go": MAIN},
        ["go_version=1.24.1"],
        "--set: go_version=1.24.1 is older than the Go 1.24.3 that go.mod (toolchain directive) asks for: "
        "the Go 1.24.1 image cannot build it; choose 1.24 or newer",
    ),
    (
        "no go.mod and packages in subdirectories",
        {"main.go": MAIN, "util/util.go": "package util\n"},
        [],
        "util/util.go: Go code without a go.mod in several packages: run `go mod init <module path>` (the path "
        "your imports use) and `go mod tidy`, then scaffold init",
    ),
    (
        "a local replace outside the project",
        {"go.mod": "module m\ngo 1.24\nrequire example.com/lib v0.0.0\nreplace example.com/lib => ../lib\n"},
        [],
        "go.mod: replace example.com/lib => ../lib: ../lib is outside the project, which is all the build can "
        "see; run `go mod vendor` or move the module into the project",
    ),
]


@pytest.mark.parametrize(("files", "sets", "line"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused_at_init_in_one_line(tmp_path: Path, files: dict[str, str], sets: list[str], line: str) -> None:
    root = project(tmp_path, files)
    before = sorted(p.name for p in root.iterdir())
    args = [a for pair in sets for a in ("--set", pair)]
    result = run_cli("init", "--yes", *args, root)
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"error: {line}"]
    assert sorted(p.name for p in root.iterdir()) == before, "nothing is written"


def test_a_go_version_chosen_by_the_user_is_built_even_without_a_known_image(tmp_path: Path) -> None:
    root = project(tmp_path, {"go.mod": "module m\n\ngo 1.27\n", "main.go": MAIN})
    result = run_cli("init", "--yes", "--set", "go_version=1.27", root)
    assert result.code == 0, result.err
    assert "FROM --platform=$BUILDPLATFORM golang:1.27-bookworm AS build\n" in (root / "Dockerfile").read_text()


@pytest.mark.parametrize("version", ["1.24", "1.24.3", "1.25"])
def test_a_go_version_at_least_the_minimum_is_accepted(tmp_path: Path, version: str) -> None:
    root = project(tmp_path, {"go.mod": "module m\n\ngo 1.24\ntoolchain go1.24.3\n", "main.go": MAIN})
    result = run_cli("init", "--yes", "--set", f"go_version={version}", root)
    assert result.code == 0, result.err
    assert f"golang:{version}-bookworm AS build" in (root / "Dockerfile").read_text()


def test_init_says_which_go_builds_an_old_module(tmp_path: Path) -> None:
    root = project(tmp_path, {"go.mod": "module m\n\ngo 1.22\n", "main.go": MAIN})
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "building with Go 1.24, the newest supported release with an image (go.mod asks for go 1.22" in result.out
    assert "golang:1.24-bookworm AS build" in (root / "Dockerfile").read_text()


def options(sets: dict[str, str], detection: Detection | None = None) -> dict[str, str | bool]:
    resolved = resolve("go", read_variables(TEMPLATE), [Layer.of("--set", sets)])
    return dict(decide(detection or Detection("go", 0, ()), resolved).context())


# (id, SCAFFOLD_GO_IMAGES, --set values, detected facts, expected build image, expected final image)
IMAGES: list[tuple[str, str, dict[str, str], tuple[Fact, ...], str, str]] = [
    ("defaults", "1.24=bookworm", {}, (), "golang:1.24-bookworm", "gcr.io/distroless/static-debian12:nonroot"),
    (
        "the catalogue's Debian follows the release",
        "1.25=bookworm,1.26=trixie",
        {},
        (),
        "golang:1.26-trixie",
        "gcr.io/distroless/static-debian13:nonroot",
    ),
    (
        "cgo set by the user: glibc runtime of the same Debian",
        "1.26=trixie",
        {"cgo": "yes"},
        (),
        "golang:1.26-trixie",
        "gcr.io/distroless/base-debian13:nonroot",
    ),
    (
        "cgo with C++: cc runtime",
        "1.24=bookworm",
        {},
        (Fact("cgo", True, "main.go"), Fact("cgo_cxx", True, "main.go")),
        "golang:1.24-bookworm",
        "gcr.io/distroless/cc-debian12:nonroot",
    ),
    (
        "a patch release set by the user, an older Debian for it",
        "1.25=bookworm,1.26=trixie",
        {"go_version": "1.25.4"},
        (),
        "golang:1.25.4-bookworm",
        "gcr.io/distroless/static-debian12:nonroot",
    ),
    (
        "images a person chose are kept",
        "1.24=bookworm",
        {"build_image": "mirror/go:pinned", "runtime_image": "scratch"},
        (),
        "mirror/go:pinned",
        "scratch",
    ),
]


@pytest.mark.parametrize(
    ("listed", "sets", "found", "build", "final"), [r[1:] for r in IMAGES], ids=[r[0] for r in IMAGES]
)
def test_images_follow_the_release_and_cgo(
    monkeypatch: pytest.MonkeyPatch,
    listed: str,
    sets: dict[str, str],
    found: tuple[Fact, ...],
    build: str,
    final: str,
) -> None:
    monkeypatch.setenv("SCAFFOLD_GO_IMAGES", listed)
    layers_found = {f.key: f.value for f in found if f.key == "cgo"}
    got = options({**sets, **{k: "yes" for k in layers_found}}, Detection("go", 100, ("go.mod",), found))
    assert (got["build_image"], got["runtime_image"]) == (build, final)


def test_a_vendor_dir_that_holds_every_import_is_built(tmp_path: Path) -> None:
    """Standard-library, own-module and blank imports need nothing; a file built under no configuration
    (`//go:build ignore`, left out by `go mod vendor`) may import what vendor/ lacks."""
    root = project(
        tmp_path,
        {
            "go.mod": "module m\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "main.go": VENDORED_MAIN.replace('\t"github.com/russross/blackfriday"\n', "").replace(
                "_ = blackfriday.Run; ", ""
            ),
            "internal/api/api.go": 'package api\n\nimport _ "embed"\n\nvar X = 1\n',
            "gen.go": '//go:build ignore\n\npackage main\n\nimport "golang.org/x/tools/go/packages"\n',
            "vendor/modules.txt": "# github.com/gorilla/mux v1.8.0\n## explicit; go 1.12\ngithub.com/gorilla/mux\n",
            "vendor/github.com/gorilla/mux/mux.go": "package mux\n",
        },
    )
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err


def test_a_modules_txt_older_than_go_1_14_is_not_compared_with_go_mod(tmp_path: Path) -> None:
    """Before Go 1.14 modules.txt had no `## explicit` marks and the go command does not compare it."""
    root = project(
        tmp_path,
        {
            "go.mod": "module m\n\ngo 1.12\n\nrequire github.com/gorilla/mux v1.8.1\n",
            "main.go": MAIN,
            "vendor/modules.txt": "# github.com/gorilla/mux v1.8.0\ngithub.com/gorilla/mux\n",
        },
    )
    assert run_cli("init", "--yes", root).code == 0
