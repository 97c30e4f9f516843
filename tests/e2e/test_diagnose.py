"""Planted failures on the real engine: verify names the cause and remedy, and --fix goes fail → fix → pass.

The projects under tests/fixtures/failures/ each fail one way (the examples are reused with one option or one
flag that breaks them); tests/test_diagnose.py is the fast table of the same signatures over log excerpts.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold.verify import diagnose
from tests.conftest import REPO, STANDIN_ENV
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker

PLANTED = REPO / "tests" / "fixtures" / "failures"
EXAMPLES = REPO / "tests" / "examples"


def scaffold(engine: Engine, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, on the stand-in images, with the engine's network for build and run."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, **STANDIN_ENV, "SCAFFOLD_DOCKER": engine.binary},
    )


def project(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def net(engine: Engine) -> list[str]:
    return ["--build-flag", f"--network {engine.network}", "--run-flag", f"--network {engine.network}"]


def answers(path: Path) -> dict[str, Any]:
    data = yaml.safe_load((path / ".scaffold.yaml").read_text(encoding="utf-8"))
    return dict(data["answers"])


@pytest.mark.parametrize(
    ("fixture", "changed", "dockerfile_has"),
    [
        # distutils left the standard library in 3.12: the newest Python with an image at or below 3.11.
        ("py-distutils", {"python_version": "3.11", "debian": "bookworm"}, "FROM python:3.11-slim-bookworm"),
        # A port scaffold could not read (computed): the non-root bind fails; the port gives the binary the cap.
        ("go-hidden-port80", {"port": "80"}, "setcap cap_net_bind_service=+ep"),
        # The port is computed (8090 + 3): generated as a program, it never exits; its log names the port.
        ("go-computed-port", {"port": "8093"}, "EXPOSE 8093"),
        # A Node app writing into store/ at start, a folder name the catalogue does not know: copied as the user.
        ("node-store-dir", {"writable_files": "store"}, "COPY --chown=1000:1000 store ./store"),
    ],
)
def test_init_verify_fix_goes_from_fail_to_pass(
    fixture: str, changed: dict[str, str], dockerfile_has: str, engine: Engine, tmp_path: Path
) -> None:
    app = project(tmp_path, PLANTED / fixture)
    done = scaffold(engine, "init", "--yes", "--verify", "--fix", *net(engine), app)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "fix round 1:" in done.stdout and "FAILED:" in done.stdout  # it failed first
    assert "the project now passes" in done.stdout
    assert "fix round 2:" not in done.stdout
    recorded = answers(app)
    assert {k: str(recorded[k]) for k in changed} == changed
    assert dockerfile_has in (app / "Dockerfile").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "fixture",
    [
        # A lock out of sync with package.json: init itself installs unfrozen (and says why), nothing to fix.
        "npm-lock-drift",
        # SQLite beside the code: every Python image's working directory is writable by the app's group.
        "py-workdir",
        # The port lives in config.json, which the code opens: init reads the port there.
        "go-config-port",
    ],
)
def test_what_init_now_generates_right_needs_no_fix(fixture: str, engine: Engine, tmp_path: Path) -> None:
    """Failures the fix loop used to repair, which init now gets right the first time (the loop stays idle)."""
    app = project(tmp_path, PLANTED / fixture)
    done = scaffold(engine, "init", "--yes", "--verify", "--fix", *net(engine), app)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "fix round 1:" not in done.stdout and "FAILED:" not in done.stdout
    assert "verified:" in done.stdout


def test_a_worker_passes_by_running_until_stopped(engine: Engine, tmp_path: Path) -> None:
    """A queue worker (no port, never exits): still running at --timeout with no listening socket, it passes as a
    worker and must stop on docker stop; a program that exits still has to exit 0."""
    app = project(tmp_path, PLANTED / "py-worker")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", "--json", "--timeout", "5", *net(engine), app)
    report = json.loads(done.stdout)
    rows = {c["check"]: c for c in report["checks"]}
    assert done.returncode == 0 and report["passed"], rows["run"]
    assert rows["run"]["result"] == "pass" and rows["run"]["data"] == {"worker": True}, rows["run"]
    assert "a worker" in rows["run"]["figure"]
    assert rows["listen"]["result"] == "skip" and rows["stop"]["result"] == "pass", rows["stop"]


@pytest.fixture
def port_taken() -> Iterator[int]:
    """Port 8081 (go-http's) held on 127.0.0.1: under --network host the container cannot bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 8081))
        sock.listen(1)
        yield 8081


def add_dependency(name: str, spec: str) -> Callable[[Path], None]:
    """package.json gains a dependency after init, its lock left as it was (`npm install` never run)."""

    def edit(app: Path) -> None:
        manifest = json.loads((app / "package.json").read_text(encoding="utf-8"))
        manifest.setdefault("dependencies", {})[name] = spec
        (app / "package.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    return edit


def replace_text(path: str, old: str, new: str) -> Callable[[Path], None]:
    """One file of the project edited after init (`old` must be in it)."""

    def edit(app: Path) -> None:
        text = (app / path).read_text(encoding="utf-8")
        assert old in text, f"{path} lacks {old!r}"
        (app / path).write_text(text.replace(old, new), encoding="utf-8")

    return edit


DEBIAN_GOCODE = Path("/usr/share/gocode/src")


def vendor_go_sqlite3(app: Path) -> None:
    """go-sqlite3 vendored from Debian's golang-github-mattn-go-sqlite3-dev (no module proxy here)."""
    source = DEBIAN_GOCODE / "github.com/mattn/go-sqlite3"
    if not source.is_dir():
        pytest.skip("golang-github-mattn-go-sqlite3-dev is not installed")
    shutil.copytree(source, app / "vendor/github.com/mattn/go-sqlite3")
    modules = "# github.com/mattn/go-sqlite3 v1.14.16\n## explicit; go 1.16\ngithub.com/mattn/go-sqlite3\n"
    (app / "vendor/modules.txt").write_text(modules, encoding="utf-8")


def vendor_viper(app: Path) -> None:
    """viper and every module go.mod requires, vendored whole from Debian's golang-*-dev packages (no module proxy
    here; `go mod vendor` would keep only the packages used, the build reads the same), and the app.env it reads:
    written here, not committed, as a project keeps it."""
    listed = []
    for line in (app / "go.mod").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) >= 2 and words[1].startswith("v") and "." in words[0]:
            module, version = words[0], words[1]
            source = DEBIAN_GOCODE / module
            if not source.is_dir():
                pytest.skip(f"{module} is not installed from Debian's golang packages")
            target = app / "vendor" / module
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*_test.go", "testdata", ".git*"))
            packages = sorted({p.parent.relative_to(app / "vendor").as_posix() for p in target.rglob("*.go")})
            packages = [
                p for p in packages if not any(part.startswith(("_", "example", "cmd")) for part in p.split("/"))
            ]
            # x/sys uses unsafe.Slice (Go 1.17): its language version as its go.mod says.
            listed.append(f"# {module} {version}\n## explicit; go 1.17\n" + "".join(p + "\n" for p in packages))
    (app / "vendor/modules.txt").write_text("".join(listed), encoding="utf-8")
    (app / "app.env").write_text("HTTP_SERVER_ADDRESS=0.0.0.0:8098\n", encoding="utf-8")


@dataclass(frozen=True)
class Plant:
    """One planted failure: a project, what a person did to it, the check that fails and what verify says."""

    signature: str
    source: Path
    check: str
    sets: dict[str, str] = field(default_factory=dict)
    """Options init is given (a person's choice that breaks the image)."""
    flags: tuple[str, ...] = ()
    """More verify flags."""
    build_net: bool = True
    """False: `flags` choose the build's network."""
    prepare: Callable[[Path], None] | None = None
    """Run on the copy before init."""
    after: Callable[[Path], None] | None = None
    """Run on the copy after init: the project changed since scaffold read it."""
    remedy: tuple[str, ...] = ()
    """`--set` items the report must offer."""


PLANTED_VERIFY = [
    Plant("dev-dependency-at-run-time", PLANTED / "node-dev-dependency", "run"),
    # go.mod's go line raised past the stand-in golang:1.24 image's patch (1.24.4) after init.
    Plant(
        "go-image-too-old",
        EXAMPLES / "go-hello",
        "build",
        after=replace_text("go.mod", "go 1.22\n", "go 1.24.99\n"),
        remedy=("go_version=1.24.99",),
    ),
    # An import added after init without `go mod vendor` (init refuses it when the import is already there).
    Plant(
        "go-vendor-incomplete",
        EXAMPLES / "go-vendored",
        "build",
        after=replace_text(
            "main.go", '\t"example.com/fakequote"\n', '\t"example.com/fakequote"\n\t_ "github.com/acme/newdep"\n'
        ),
    ),
    # go.mod bumped past what vendor/ records before init: the image downloads (GOFLAGS=-mod=mod), and here no
    # module proxy answers.
    Plant(
        "go-vendor-stale-download-blocked",
        EXAMPLES / "go-vendored",
        "build",
        prepare=replace_text("go.mod", "example.com/fakequote v1.2.0", "example.com/fakequote v1.3.0"),
    ),
    # sharp 0.32's install script downloads libvips from GitHub, which does not answer here (the registry does).
    # Init swaps sharp < 0.33 for 0.33.5 (catalogue swaps.sharp): here the lock moved back to 0.32.6 after init
    # (a downgrade nobody re-ran init for), so the image installs the old one as a hand-written Dockerfile would.
    Plant(
        "sharp-libvips-download-blocked",
        PLANTED / "node-sharp-libvips",
        "build",
        prepare=replace_text("package-lock.json", '"version": "0.32.6"', '"version": "0.33.5"'),
        after=replace_text("package-lock.json", '"version": "0.33.5"', '"version": "0.32.6"'),
    ),
    # `prisma generate` fetches its engine from binaries.prisma.sh, which does not answer here (the registry does).
    Plant("prisma-engines-download-blocked", PLANTED / "node-prisma-engines", "build"),
    # viper's app.env (a secret by its name) stays out of the image: ReadInConfig stops the app at start.
    Plant("viper-config-missing", PLANTED / "go-viper-env", "run", prepare=vendor_viper),
    Plant("loopback-only", PLANTED / "py-loopback", "listen", {"port": "8000"}),
    # A Go server on a hard-coded localhost:PORT: verify gives Go's remedy (":PORT"), not Fastify's or Flask's.
    Plant("loopback-only-go", PLANTED / "go-loopback", "listen"),
    # ListenAndServeTLS with a git-ignored certs/ folder: the certificate is not in the image.
    Plant("tls-certificate-missing", PLANTED / "go-tls-cert", "run"),
    # cgo linking a system library the catalogue does not know (hiredis): the build stage installs no -dev package.
    Plant("missing-headers-go", PLANTED / "go-cgo-syslib", "build"),
    # A TestMain that dials PostgreSQL on localhost:5432 (no testing.Short guard): nothing answers in the test stage.
    Plant("go-test-service-unreachable", PLANTED / "go-test-db", "test"),
    # The //go:generate line that makes the embedded site/ removed after init: nothing makes it.
    Plant(
        "go-embed-missing",
        EXAMPLES / "go-generate-embed",
        "build",
        after=replace_text("main.go", "//go:generate go run gen.go\n", ""),
    ),
    # A flag's default config path under /etc (a README's `sudo cp`): nothing of the project is there.
    Plant("absolute-file-missing", PLANTED / "go-etc-config", "run"),
    Plant(
        "server-not-installed",
        PLANTED / "py-no-server",
        "run",
        {"install_server": "no"},
        remedy=("install_server=yes",),
    ),
    Plant("missing-environment-variable", PLANTED / "py-env-missing", "run"),
    Plant("environment-variable-none", PLANTED / "py-env-none", "run"),
    # requirements.txt names its own index (-i), at an address nothing answers on: pip reads it over its settings.
    Plant("pip-index-unreachable", PLANTED / "py-index-url", "build"),
    # Django with django-webpack-loader: webpack-stats.json is the git-ignored output of package.json's build.
    Plant("asset-manifest-missing", PLANTED / "py-webpack-stats", "run"),
    # A Voila dashboard whose requirements name no kernel: every page answers 500.
    Plant("jupyter-kernel-missing", PLANTED / "py-voila-kernel", "run"),
    # Chainlit 2.0.0's asyncer imports sniffio, which nothing it requires installs any more.
    Plant("dependency-imports-undeclared", PLANTED / "py-dependency-import", "run"),
    # VADER's lexicon, downloaded once on the developer's machine, is not in the image.
    Plant("nltk-data-missing", PLANTED / "py-nltk-data", "run"),
    # A Streamlit script reading a CSV the repository does not hold: GET / answers with the page shell anyway.
    Plant("streamlit-script-raises", PLANTED / "py-streamlit-script", "run"),
    # A 2020 tutorial pinning Flask 1.1.2 alone (Jinja2 3.1 dropped `escape`), and Quart 0.19 with Flask 3.1.
    Plant("unpinned-dependency-moved-on", PLANTED / "py-flask1-unpinned", "run"),
    Plant("quart-flask-too-new", PLANTED / "py-quart-flask", "run"),
    Plant("missing-settings-field", PLANTED / "py-settings-missing", "run"),
    Plant("bot-token-missing", PLANTED / "py-bot-token", "run"),
    Plant("undeclared-dependency-python", PLANTED / "py-undeclared", "run"),
    # An app that opens .env at start: the file is a secret, kept out of the image.
    Plant("env-file-missing", PLANTED / "go-env-file", "run"),
    # A person's runtime_files left web/ out: the template the app parses is missing; the remedy adds it.
    Plant(
        "runtime-file-missing",
        EXAMPLES / "go-literal-files",
        "run",
        {"runtime_files": "greeting.txt"},
        remedy=("runtime_files=greeting.txt web",),
    ),
    Plant(
        "download-blocked",
        EXAMPLES / "python-flask",
        "build",
        flags=("--build-flag", "--network none"),
        build_net=False,
    ),
    Plant("base-image-unavailable", EXAMPLES / "go-hello", "build", {"build_image": "golang:1.99-bookworm"}),
    # A build network the engine does not have (as on a daemon started with --bridge=none, building without one).
    Plant(
        "engine-network-missing",
        EXAMPLES / "go-hello",
        "build",
        flags=("--build-flag", "--network scaffold-no-such-network"),
        build_net=False,
    ),
    # setuptools-scm without .git: init sets SETUPTOOLS_SCM_PRETEND_VERSION unless a person empties version_env.
    Plant(
        "vcs-version-setuptools-scm",
        EXAMPLES / "python-pyscaffold",
        "build",
        {"version_env": ""},
        remedy=("version_env=SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0",),
    ),
    Plant(
        "vcs-version-pdm",
        PLANTED / "py-pdm-scm",
        "build",
        {"version_env": ""},
        remedy=("version_env=PDM_BUILD_SCM_VERSION=0.0.0",),
    ),
    # The detector knows psycopg2; a person who set the build packages by hand left libpq-dev out.
    Plant(
        "missing-headers",
        PLANTED / "py-psycopg2",
        "build",
        {"build_packages": "gcc libc6-dev", "runtime_packages": ""},
        remedy=("build_packages=gcc libc6-dev libpq-dev", "runtime_packages=libpq5"),
    ),
    # ---- a lock out of sync: init installs unfrozen when it sees drift, so the drift comes after init (a
    # dependency added to the manifest, the lock not rewritten). Each frozen install refuses it at once.
    Plant(
        "lock-out-of-sync-npm",
        EXAMPLES / "node-express",
        "build",
        after=add_dependency("left-pad", "^1.3.0"),
        remedy=("install_command=npm install --no-package-lock",),
    ),
    Plant(
        "lock-out-of-sync-yarn",
        EXAMPLES / "node-yarn-engines",
        "build",
        after=add_dependency("left-pad", "^1.3.0"),
        remedy=("install_command=yarn install --pure-lockfile",),
    ),
    # yarn 4's production install (`workspaces focus`) has no frozen mode and passes: the test stage's
    # `yarn install --immutable` is what refuses the lock.
    Plant(
        "lock-out-of-sync-yarn-berry", EXAMPLES / "node-yarn-berry", "test", after=add_dependency("left-pad", "^1.3.0")
    ),
    Plant(
        "lock-out-of-sync-pnpm",
        EXAMPLES / "node-pnpm",
        "build",
        after=add_dependency("left-pad", "^1.3.0"),
        remedy=("install_command=pnpm install --no-lockfile",),
    ),
    Plant(
        "lock-out-of-sync-bun",
        EXAMPLES / "node-bun",
        "build",
        after=add_dependency("left-pad", "^1.3.0"),
        remedy=("install_command=bun install --no-save",),
    ),
    # Poetry 2's export checks the lock against pyproject.toml before it writes the requirements.
    Plant(
        "lock-out-of-sync-poetry",
        EXAMPLES / "python-poetry2",
        "build",
        after=replace_text("pyproject.toml", '"flask (>=3.1.3,<4.0.0)"', '"flask (>=3.1.3,<4.0.0)", "itsdangerous"'),
    ),
    # ---- what the build stage lacks, when a person set its packages by hand
    Plant(
        "git-not-installed",
        PLANTED / "py-git-requirement",
        "build",
        {"build_packages": ""},
        remedy=("build_packages=git",),
    ),
    Plant(
        "node-gyp-python",
        EXAMPLES / "node-native",
        "build",
        {"native": "no"},
        remedy=("native=yes", "native_build_packages=python3 make g++"),
    ),
    # `npm install fsevents` on a Mac: package.json lists a macOS-only package, and npm on Linux refuses it.
    Plant("npm-platform-dependency", PLANTED / "node-mac-dependency", "build"),
    # prisma.config.ts gained a second env() after init: the build's placeholders name the first only.
    Plant(
        "prisma-config-env",
        PLANTED / "node-prisma-config",
        "build",
        after=replace_text(
            "prisma.config.ts",
            'datasource: { url: env("DATABASE_URL") },',
            'datasource: { url: env("DATABASE_URL"), shadowDatabaseUrl: env("SHADOW_DATABASE_URL") },',
        ),
    ),
    # ---- at start
    Plant("workdir-not-writable", PLANTED / "py-data-dir", "run", remedy=("writable_dirs=. feeds",)),
    Plant("cgo-required", PLANTED / "go-sqlite", "run", {"cgo": "no"}, prepare=vendor_go_sqlite3, remedy=("cgo=yes",)),
    Plant("undeclared-dependency-node", PLANTED / "node-undeclared", "run"),
    # A Telegraf bot run without BOT_TOKEN: the image is right, the run has no credential (Telegraf checks it locally).
    Plant("bot-token-missing", PLANTED / "node-bot-token", "run"),
    Plant("database-url-missing", PLANTED / "node-mongo-uri", "run"),
    # sequelize-cli's config names DATABASE_URL (use_env_variable) for production; the run has none.
    Plant("sequelize-url-missing", PLANTED / "node-sequelize-url", "run"),
    # No lock, and a devDependency whose peers exclude the React the app lists: npm install stops with ERESOLVE.
    Plant("npm-peer-conflict", PLANTED / "node-peer-conflict", "build"),
    # A native routine that links the OpenMP runtime (as lightgbm's wheel does): libgomp1 is not in the slim image.
    Plant("missing-shared-library", PLANTED / "py-shared-library", "run", remedy=("runtime_packages=libgomp1",)),
    # [build-system] requires a backend release the index does not carry (as `uv init` pins uv_build to its own).
    Plant(
        "build-backend-unavailable",
        EXAMPLES / "python-cli",
        "build",
        prepare=replace_text("pyproject.toml", 'requires = ["hatchling"]', 'requires = ["hatchling>=99"]'),
    ),
    # `uvicorn backend.main:app` from the root, as many READMEs say: backend/main.py imports its sibling routers.
    Plant(
        "own-module-not-importable",
        EXAMPLES / "python-backend-dir",
        "run",
        {"app_dir": "", "entry": "backend.main:app"},
        remedy=("app_dir=backend",),
    ),
    Plant("entry-file-missing", PLANTED / "node-renamed-entry", "run"),
    # A Flask app on SQLite whose tables come from a CLI command scaffold does not know (`flask bootstrap`).
    Plant("database-schema-missing", PLANTED / "py-no-schema", "run"),
    Plant("service-unreachable-postgresql", PLANTED / "py-postgres", "run"),
    Plant("service-unreachable-mysql", PLANTED / "py-mysql", "run"),
    Plant("service-unreachable-redis", PLANTED / "py-redis", "run"),
    Plant("service-unreachable-mongodb", PLANTED / "py-mongodb", "run"),
    Plant("program-needs-arguments", PLANTED / "py-cli-args", "run"),
    # The port is computed and never logged: still running at --timeout, the container's sockets name it.
    Plant(
        "server-without-port-listening",
        PLANTED / "go-computed-port",
        "run",
        prepare=replace_text("main.go", '\tlog.Printf("listening on %s", addr)\n', ""),
        flags=("--timeout", "5"),
        remedy=("port=8093",),
    ),
]
PLANTED_ELSEWHERE = {
    # Signatures the tests above plant on the engine: (fixture, test).
    "interpreter-too-new": "py-distutils: test_init_verify_fix_goes_from_fail_to_pass, test_text_report_*",
    "privileged-port": "go-hidden-port80: test_init_verify_fix_goes_from_fail_to_pass",
    "server-without-port-logged": "go-computed-port: test_init_verify_fix_goes_from_fail_to_pass",
    "port-in-use": "go-http beside a held port: test_port_in_use_is_diagnosed",
    "buildx-missing": "a docker client without buildx: test_a_client_without_buildx_is_diagnosed",
}
NOT_PLANTABLE = {
    # A Strapi project (create-strapi) builds its admin panel and compiles better-sqlite3 for minutes on these
    # machines; tests/test_diagnose.py keeps its log line, and hunt 6 saw it on the engine.
    "app-secrets-missing": "a Strapi build takes minutes here",
    # init builds with OpenSSL's legacy provider whenever the lockfile or package.json shows the old bundler
    # (catalogue/node.toml legacy_openssl); hunt 7 saw the log line on the engine (react-scripts 4.0.3).
    "openssl-legacy-hash": "init sets the legacy provider wherever it sees the bundler",
    # sqlite3 4.x compiles for minutes here (its prebuilt binaries come from GitHub, which does not answer); hunt 7
    # saw the log line on the engine, and the remedy's build on Node 20 and 22.
    "node-gyp-python2-name": "sqlite3 4's compile takes minutes here",
    # A Next.js build (create-next-app's dependencies, then next build) costs the engine tier a minute or more;
    # hunt 9 saw the log line on the engine (create-next-app 15's Geist from next/font/google).
    "next-font-download-blocked": "a Next.js install and build take a minute or more here",
    # Signatures no project can fail here, each with why; tests/test_diagnose.py keeps their log excerpts.
    # scaffold installs a uv project with `uv sync --frozen`, which never compares uv.lock with pyproject.toml:
    # a drifted lock installs as it is (only a hand-written `uv sync --locked` prints this).
    "lock-out-of-sync-uv": "uv sync --frozen never checks the lock",
    # scaffold exports Pipfile.lock with `pipenv requirements`, which ignores the lock's hash of the Pipfile.
    "lock-out-of-sync-pipenv": "pipenv requirements never checks the lock",
    # The prisma CLI fetches its schema engine from binaries.prisma.sh before it looks for a schema, and that
    # host does not answer here: the install fails as download-blocked first.
    "prisma-schema-before-sources": "prisma's engine download comes first (binaries.prisma.sh)",
    # Needs proxy.golang.org (404 for a private module) or a git host asking for credentials; there is no Go
    # module proxy and no git host here.
    "go-private-module": "no Go module proxy or git host",
    # A lock whose platform package lacks npm's optional flag while package.json does not list it: npm 10 and 11
    # (the images' and this machine's) write that flag, so only a hand-edited lock fails so; the package.json
    # case is planted as npm-platform-dependency.
    "npm-lock-platform": "no npm here writes such a lock",
    # A program still running at --timeout is a worker (it passes) or names its listening port, read from the
    # container's sockets; only an engine whose containers' sockets cannot be read (remote) leaves the bare timeout.
    "server-without-port": "a local engine always reads the container's sockets",
    # hunt9: spaCy's numeric stack takes minutes to install here and its models come from GitHub, which does not
    # answer; dlib compiles for minutes, and only a builder short of memory kills it. tests/test_diagnose.py keeps
    # the log lines.
    "spacy-model-missing": "spaCy installs for minutes here; its models come from GitHub",
    "compiler-killed": "only a builder short of memory fails so",
    "cmake-missing": "a CMake-built package (dlib) compiles for minutes here",
}


def planted_ids() -> set[str]:
    """Every signature an engine test plants."""
    return {plant.signature for plant in PLANTED_VERIFY} | set(PLANTED_ELSEWHERE)


def verify_planted(plant: Plant, engine: Engine, tmp_path: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """Copy, init with the plant's options, edit, then verify (with `more` flags)."""
    app = project(tmp_path, plant.source)
    if plant.prepare is not None:
        plant.prepare(app)
    sets = [a for k, v in plant.sets.items() for a in ("--set", f"{k}={v}")]
    init = scaffold(engine, "init", "--yes", *sets, app)
    assert init.returncode == 0, init.stdout[-2000:] + init.stderr[-2000:]
    if plant.after is not None:
        plant.after(app)
    build_net = ["--build-flag", f"--network {engine.network}"] if plant.build_net else []
    run_net = ["--run-flag", f"--network {engine.network}"]
    return scaffold(engine, "verify", *more, *build_net, *plant.flags, *run_net, app)


@pytest.mark.parametrize("plant", PLANTED_VERIFY, ids=[p.signature for p in PLANTED_VERIFY])
def test_planted_failure_is_diagnosed(plant: Plant, engine: Engine, tmp_path: Path) -> None:
    done = verify_planted(plant, engine, tmp_path, "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and not report["passed"], done.stderr
    [found] = [d for d in report["diagnosis"] if d["check"] == plant.check]
    assert found["id"] == plant.signature, found
    assert found["cause"] and found["excerpt"] and found["reproduce"]
    assert all(r in found["remedy"] for r in plant.remedy), found


TEXT_REPORTED = {
    # A few plants through the text report too: the failing output, then cause and remedy (or advice).
    "lock-out-of-sync-npm": "--set 'install_command=npm install --no-package-lock'",
    "git-not-installed": "--set build_packages=git  (scaffold verify --fix applies it)",
    "program-needs-arguments": "remedy: verify it with the arguments it needs: scaffold verify --args",
}


@pytest.mark.parametrize("signature", sorted(TEXT_REPORTED))
def test_planted_failure_in_the_text_report(signature: str, engine: Engine, tmp_path: Path) -> None:
    [plant] = [p for p in PLANTED_VERIFY if p.signature == signature]
    done = verify_planted(plant, engine, tmp_path)
    assert done.returncode == 1
    out = done.stdout
    [cause] = [s.cause for s in diagnose.signatures() if s.id == signature]
    assert "FAILED:" in out and f"cause: {cause[:40]}" in out, out[-3000:]
    assert TEXT_REPORTED[signature] in out, out[-3000:]


def test_port_in_use_is_diagnosed(engine: Engine, tmp_path: Path, port_taken: int) -> None:
    app = project(tmp_path, EXAMPLES / "go-http")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", "--json", *net(engine), app)
    report = json.loads(done.stdout)
    [found] = [d for d in report["diagnosis"] if d["check"] == "run"]
    assert found["id"] == "port-in-use", found
    assert str(port_taken) in found["cause"] and not found["fix"]


def test_text_report_prints_cause_and_remedy_after_the_failure(engine: Engine, tmp_path: Path) -> None:
    app = project(tmp_path, PLANTED / "py-distutils")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", *net(engine), app)
    assert done.returncode == 1
    out = done.stdout
    assert out.index("ModuleNotFoundError") < out.index("cause: distutils is gone") < out.index("remedy: scaffold")
    assert "--set python_version=3.11 --set debian=bookworm  (scaffold verify --fix applies it)" in out


def _client_without_buildx() -> str | None:
    """A docker client on this machine whose buildx plugin is missing (a newer static client earlier on PATH)."""
    for candidate in dict.fromkeys([shutil.which("docker"), "/usr/local/bin/docker", "/usr/bin/docker"]):
        if candidate and Path(candidate).is_file():
            done = subprocess.run([candidate, "buildx", "version"], capture_output=True, check=False, timeout=60)
            if done.returncode != 0:
                return candidate
    return None


def test_a_client_without_buildx_is_diagnosed(engine: Engine, tmp_path: Path) -> None:
    client = _client_without_buildx()
    if client is None:
        pytest.skip("every docker client here has buildx (tests/test_diagnose.py keeps the log line)")
    app = project(tmp_path, EXAMPLES / "go-hello")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", "--json", "--engine", client, *net(engine), app)
    report = json.loads(done.stdout)
    [found] = [d for d in report["diagnosis"] if d["check"] == "build"]
    assert found["id"] == "buildx-missing", found
    assert "docker-buildx" in found["advice"] and not found["fix"]


def test_an_engine_without_a_bridge_builds_and_runs_on_the_host_network(engine: Engine, tmp_path: Path) -> None:
    """No network flag at all: where the daemon has no bridge, verify moves to the host's network and says so."""
    names = engine.run_cmd("network", "ls", "--format", "{{.Name}}").stdout.split()
    app = project(tmp_path, EXAMPLES / "go-hello")
    assert scaffold(engine, "init", "--yes", app).returncode == 0
    done = scaffold(engine, "verify", app)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    moved = "this engine has no bridge network: building and running with --network host" in done.stdout + done.stderr
    assert moved == ("bridge" not in names and "podman" not in names and "host" in names)
