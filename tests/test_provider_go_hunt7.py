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
    assert ids.index("go-vendor-stale-download-blocked") == ids.index("download-blocked") - 1
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
