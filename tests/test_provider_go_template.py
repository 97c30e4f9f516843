"""The Go template under option combinations the examples do not cover: each variant renders, passes
hadolint with zero findings and BuildKit's parser, and says what the option promises."""

from __future__ import annotations

import re
from pathlib import Path

import dockerfile
import pytest

from scaffold.builtin_templates import builtin_template
from scaffold.models import Detection, Fact, Origin, Value
from scaffold.options import Layer, resolve
from scaffold.providers import decide
from scaffold.providers.go.decide import FROM_DETECTION
from scaffold.template.render import read_variables, render
from tests.conftest import assert_lint_clean

TEMPLATE = builtin_template("go")


def generate(sets: dict[str, Value]) -> dict[str, str]:
    # No project: the provider's decisions alone, as `scaffold init --lang go`. What only a project can say
    # (a module to initialise, replaced directories) comes as detected facts, never as an option.
    found = tuple(Fact(k, v, "test") for k, v in sets.items() if k in FROM_DETECTION)
    options = {k: v for k, v in sets.items() if k not in FROM_DETECTION}
    resolved = resolve("go", read_variables(TEMPLATE), [Layer.of("--set", options)])
    decided = decide(Detection("go", 0, (), found), resolved)
    return {k: v.decode() for k, v in render(TEMPLATE, decided.context()).items()}


def lint(tmp_path: Path, text: str) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(text, encoding="utf-8")
    assert_lint_clean(path)
    stages = [c for c in dockerfile.parse_file(str(path)) if c.cmd == "FROM"]
    assert len(stages) >= 3  # build, test, final


# (id, --set values, substrings the Dockerfile must hold, substrings it must not)
VARIANTS: list[tuple[str, dict[str, Value], list[str], list[str]]] = [
    (
        "defaults: cross-compiling static build on distroless",
        {},
        [
            "FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build",
            "GOOS=$TARGETOS GOARCH=$TARGETARCH",
            "--mount=type=cache,target=/root/.cache/go-build",
            "COPY go.mod go.sum* ./",
            "FROM gcr.io/distroless/static-debian12:nonroot",
            'ENTRYPOINT ["/usr/local/bin/app"]',
        ],
        ["EXPOSE", "# syntax", "GOPRIVATE", "FROM scratch"],
    ),
    (
        "scratch with CA certificates and a passwd entry",
        {"runtime_image": "scratch", "port": "8080"},
        [
            "FROM scratch",
            "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/",
            "/out/etc/passwd",
            "COPY --from=build /out/etc/ /etc/",
            "FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build",
            "EXPOSE 8080",
        ],
        ["mirror.example/scratch", "FROM gcr.io/distroless"],
    ),
    (
        "private modules through a netrc build secret",
        {"go_private": "github.com/acme/*"},
        ["RUN go env -w GOPRIVATE='github.com/acme/*'", "--mount=type=secret,id=netrc,target=/root/.netrc"],
        ["ARG GOPRIVATE", "COPY .netrc", "ARG TOKEN"],
    ),
    (
        "private modules on scratch: one setup step",
        {"go_private": "example.com/x", "runtime_image": "scratch", "vendor": "yes"},
        ["RUN go env -w GOPRIVATE='example.com/x' \\\n    && mkdir -p /out/etc", "FROM scratch"],
        ["ENV GOPRIVATE"],
    ),
    (
        "cgo: native build stage, glibc runtime",
        {"cgo": "yes"},
        ["FROM golang:1.24-bookworm AS build", "ENV CGO_ENABLED=1", "FROM gcr.io/distroless/base-debian12:nonroot"],
        ["$BUILDPLATFORM", "GOARCH"],
    ),
    (
        "vendored module in a subdirectory: no download step",
        {"vendor": "yes", "module_dir": "svc", "main_package": "./cmd/svc"},
        ["GOFLAGS=-mod=vendor", "--mount=type=bind,source=svc,target=/src \\\n", "-o /out/bin/svc ./cmd/svc"],
        ["go mod download", "COPY svc/go.mod"],
    ),
    (
        "workspace: modules download during the build",
        {"workspace": "yes", "main_package": "./api", "workspace_modules": "api libs/shared"},
        ["go.work workspace", "-o /out/bin/api ./api", "go test -short ./api/... ./libs/shared/..."],
        ["go mod download", "COPY go.mod"],
    ),
    (
        "no go.mod: the module is made in a writable source mount, no download step",
        {"mod_init": "hello", "port": "8080"},
        [
            "--mount=type=bind,target=/src,rw \\\n    go mod init hello && go mod tidy \\\n"
            "    && GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n    go build",
            "go mod init hello && go mod tidy && go test -short ./...",
            "ENV PORT=8080\nEXPOSE 8080",
        ],
        ["COPY go.mod", "go mod download"],
    ),
    (
        "no go.mod, cgo and two binaries: the chain stays one shell command",
        {"mod_init": "hello", "cgo": "yes", "all_binaries": "yes", "main_packages": ". ./cmd/x"},
        ["go mod init hello && go mod tidy \\\n    && go build", "\n    && go build -trimpath -ldflags="],
        ["COPY go.mod"],
    ),
    (
        "local replaces: mounted at absolute paths for the download and, outside the module, the build",
        {
            "module_dir": "svc",
            "replace_mounts": "--mount=type=bind,source=svc/lib,target=/src/lib "
            "--mount=type=bind,source=lib2,target=/lib2",
            "replace_build_mounts": "--mount=type=bind,source=lib2,target=/lib2",
        },
        [
            "COPY svc/go.mod svc/go.sum* ./\nRUN --mount=type=cache,target=/go/pkg/mod \\\n"
            "    --mount=type=bind,source=svc/lib,target=/src/lib \\\n"
            "    --mount=type=bind,source=lib2,target=/lib2 \\\n    go mod download",
            "--mount=type=bind,source=svc,target=/src \\\n    --mount=type=bind,source=lib2,target=/lib2 \\\n",
        ],
        ["target=.", "source=svc/lib,target=/src/lib \\\n    GOOS"],
    ),
    (
        "files opened at run time: copied read-only into the working directory",
        {"runtime_files": "templates static", "module_dir": "svc"},
        ["COPY svc/templates /app/templates\nCOPY svc/static /app/static\nWORKDIR /app\n"],
        ["--chown"],
    ),
    (
        "files opened at run time by an app that writes: its user owns the directory",
        {"runtime_files": "edit.html", "writable_workdir": "yes", "runtime_image": "scratch"},
        ["COPY --chown=65532:65532 edit.html /app/edit.html\nWORKDIR /app\n"],
        [],
    ),
    (
        "a port below 1024: the binary gets the bind capability in the build stage, the user stays non-root",
        {"port": "80"},
        [
            "apt-get install -y --no-install-recommends libcap2-bin",
            "-o /out/bin/app .\nRUN setcap cap_net_bind_service=+ep /out/bin/app\n",
            "USER 65532:65532",
            "EXPOSE 80",
        ],
        [],
    ),
    (
        "port 1024 and up: no capability, no apt step",
        {"port": "1024"},
        ["EXPOSE 1024"],
        ["setcap", "libcap2-bin"],
    ),
    (
        "syntax line, older Go, a version label",
        {"syntax_line": "yes", "go_version": "1.22", "source_url": "https://github.com/acme/x"},
        ["golang:1.22-bookworm", 'org.opencontainers.image.source="https://github.com/acme/x"'],
        [],
    ),
]


@pytest.mark.parametrize(("sets", "present", "absent"), [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_variant(tmp_path: Path, sets: dict[str, Value], present: list[str], absent: list[str]) -> None:
    files = generate(sets)
    text = files["Dockerfile"]
    if sets.get("syntax_line") == "yes":
        assert text.startswith("# syntax=docker/dockerfile:1\n# Generated by scaffold for a Go project.")
        text = text.split("\n", 1)[1]
    else:
        assert text.startswith("# Generated by scaffold for a Go project.")
    missing = [p for p in present if p not in text]
    assert not missing, text
    unwanted = [a for a in absent if a in text]
    assert not unwanted, text
    assert "\n\n\n" not in text, "Jinja blocks must leave no runs of blank lines"
    # podman rejects relative bind-mount targets; BuildKit resolves them against WORKDIR. Absolute works in both.
    assert re.findall(r"--mount=type=bind,\S*target=(?!/)", text) == []
    lint(tmp_path, text)


def test_private_modules_mount_the_netrc_secret_the_makefile_passes() -> None:
    files = generate({"go_private": "example.com/private"})
    assert "--mount=type=secret,id=netrc" in files["Dockerfile"]
    assert "--secret id=netrc$(comma)src=$(HOME)/.netrc" in files["Makefile"]
    assert "id=netrc" not in generate({})["Dockerfile"], "without private modules no step asks for the secret"


def test_embedded_patterns_are_re_included_after_the_exclusions() -> None:
    ignore = generate({"embed_patterns": "web/dist certs/ca.pem", "module_dir": "svc"})[".dockerignore"]
    assert ignore.index("**/*.pem") < ignore.index("!svc/certs/ca.pem")
    assert "!svc/web/dist\n" in ignore


def test_all_binaries_builds_each_main_package_and_runs_the_chosen_one() -> None:
    text = generate({"all_binaries": "yes", "main_package": "./cmd/api", "main_packages": "./cmd/api ./cmd/worker ."})[
        "Dockerfile"
    ]
    assert "-o /out/bin/api ./cmd/api" in text
    # GOOS/GOARCH as a prefix would reach the first go build only: cross-builds export them.
    assert "export GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n    && go build" in text
    assert "-o /out/bin/worker ./cmd/worker" in text
    assert "-o /out/bin/app ." in text
    assert 'ENTRYPOINT ["/usr/local/bin/api"]' in text


def test_a_recorded_answer_cannot_add_a_mount_or_a_build() -> None:
    # A .scaffold.yaml in a cloned repository is data from strangers. A malformed value is refused by its kind;
    # a well-formed one is still ignored: what only the project decides is recomputed from the project.
    recorded = {
        "replace_mounts": "--mount=type=bind,source=secrets,target=/host",
        "builds": "x=./evil",
        "mod_init": "x",
    }
    layers = [Layer.of(Origin.RECORD, recorded, name=".scaffold.yaml", strict=False)]
    resolved = resolve("go", read_variables(TEMPLATE), layers)
    text = render(TEMPLATE, decide(Detection("go", 0, ()), resolved).context())["Dockerfile"].decode()
    assert "/host" not in text and "evil" not in text and "go mod init" not in text
    assert "-o /out/bin/app .\n" in text
