"""Every example's generated files build, run and verify on a real Docker engine, once per example.

For each tests/examples/<name>/ (with <name>.yaml saying what the image must do): `scaffold init --yes`, then
`scaffold verify --json --keep` (lint, build, test stage, run, listen, stop, user, secrets, dev dependencies,
tooling, setuid, wasted bytes, size: every check passes, asserted on verify's own report), then on the image verify
kept: it runs as non-root, holds no compiler or package-manager cache or listed dev dependency, and does what the app
does (prints its line, or answers HTTP with its content and stops cleanly on SIGTERM instead of being killed). One
image per example serves both: building it twice only repeated the slowest part of the engine tier.
"""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from scaffold.verify import devdeps, node_lock
from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli, tree
from tests.e2e.engine import Engine, hold_ports, wait_for_http
from tests.e2e.test_verify import checks, verify

pytestmark = pytest.mark.docker

# Never in a final image, whatever the language: compilers and package-manager caches.
FORBIDDEN = (
    "/usr/bin/gcc",
    "/usr/bin/g++",
    "/usr/bin/cc",
    "/usr/local/go/",
    "/root/.cache/",
    "/root/.npm/",
    "/home/node/.npm/",
    "/usr/local/share/.cache/yarn/",
    "/go/pkg/mod/",
)
ROOT_USERS = {"", "root", "0", "0:0", "root:root"}
STOP_GRACE = 3
"""`docker stop` waits this long before SIGKILL; an app that ignores SIGTERM exits 137."""


REBUILT = ("go-http", "node-express", "python-cli")
"""Examples also verified with --rebuild (one per language: the rebuild copies and rebuilds the project)."""

VERIFY_ORDER = ["lint", "build", "rebuild", "test", "run", "listen", "stop", "user", "secrets", "dev-deps"]
VERIFY_ORDER += ["tooling", "setuid", "wasted", "size"]


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_example_builds_runs_and_verifies(example: Example, engine: Engine, tmp_path: Path) -> None:
    for wanted, source in example.retag.items():
        # Stand-in images exist under a few tags only; this example asks for another tag of the same family.
        engine.tag(source, wanted)
    project = copy_example(example, tmp_path)
    result = run_cli(*example.init_args(), project)
    assert result.code == 0, result.err
    before = tree(project)
    with hold_ports(host_ports(example, project), engine.network):
        _verify_and_check(example, engine, project, before)


def host_ports(example: Example, project: Path) -> set[int]:
    """The host ports this example's checks use: the EXPOSEd ones, the example's, and the moved ones."""
    exposed = {int(m) for m in re.findall(r"^EXPOSE\s+(\d+)", (project / "Dockerfile").read_text(), re.M)}
    http = example.expect.get("http") or {}
    named = {int(http[k]) for k in ("port", "moved_port") if k in http}
    return exposed | named | {p + 1000 for p in exposed | named}


def _verify_and_check(example: Example, engine: Engine, project: Path, before: dict[str, bytes]) -> None:
    code, report, err = verify(engine, project, *verify_args(example))
    image = report["image"] if report.get("image_kept") else ""
    try:
        assert_verified(example, code, report, err)
        assert tree(project) == before, "verify never changes the project"
        files = engine.files(image)
        check_image(example, engine, image, files)
        check_behaviour(example, engine, image)
        if example.language == "python":
            check_python_contract(example, engine, image, files)
        if example.language == "node":
            check_node_workdir(project, engine, image, files, owned(example))
    finally:
        if image:
            engine.remove_image(image)


def verify_args(example: Example) -> list[str]:
    """`--keep`: the image verify built serves the checks below, which verify does not make (the app's own output,
    not-found pages, PORT at run time, the working directory)."""
    extra = ["--keep"]
    if "stdout" in example.expect:
        extra += ["--expect", example.expect["stdout"], "--args", " ".join(example.expect.get("args", ()))]
    elif "http" in example.expect:
        extra += ["--path", example.expect["http"].get("path", "/")]
    if example.name in REBUILT:
        extra.append("--rebuild")
    return extra


def assert_verified(example: Example, code: int, report: dict[str, Any], err: str) -> None:
    """Every check of verify's own report passes, in its order."""
    rows = checks(report)
    failed = {name: (c["figure"], c["hint"]) for name, c in rows.items() if c["result"] == "fail"}
    assert code == 0 and report["passed"] and not failed, f"{failed}\n{err}"
    assert report["schema"] == 1 and report["exit_code"] == 0 and report["image_kept"]
    order = [c for c in VERIFY_ORDER if c != "rebuild" or example.name in REBUILT]  # a check not asked for is absent
    assert [c["check"] for c in report["checks"]] == order
    assert rows["lint"]["result"] == "pass", "generated Dockerfiles lint clean with hadolint installed"
    assert rows["test"]["result"] == "pass", "every generated Dockerfile has a test stage"
    if example.name in REBUILT:
        assert rows["rebuild"]["data"]["uncached_steps"], "a changed source file reruns at least one step"
    if "http" in example.expect:
        assert rows["run"]["data"]["status"] < 500
        assert rows["listen"]["result"] == "pass" and rows["stop"]["result"] == "pass"
        assert rows["stop"]["data"]["seconds"] < 3
    else:
        assert rows["stop"]["result"] == "skip"
    size = rows["size"]["data"]
    assert 0 < size["above_base_bytes"] < size["image_bytes"]


def check_image(example: Example, engine: Engine, image: str, files: set[str]) -> None:
    user = engine.inspect(image)["Config"].get("User") or ""
    assert user not in ROOT_USERS, f"final image runs as root (User={user!r})"
    if example.language == "go":
        # Numeric, so that Kubernetes' runAsNonRoot can check it without a passwd lookup.
        assert re.fullmatch(r"[1-9][0-9]*(:[0-9]+)?", user), f"final image user is not numeric: {user!r}"
    forbidden = FORBIDDEN + tuple(example.expect.get("absent", ()))
    found = sorted(f for f in files if f.startswith(forbidden) or f.rstrip("/") in forbidden)
    assert not found, f"final image holds what it should not: {found[:10]}"
    missing = [p for p in example.expect.get("present", ()) if p not in files]
    assert not missing, f"final image lacks {missing}"
    if example.language == "node" and not example.expect.get("ships_dev_dependencies"):
        # Production dependencies only: nothing the lockfile says only devDependencies need (npm's `dev` flags;
        # pnpm, yarn and bun locks walked from the manifests' dependencies and devDependencies).
        shipped = devdeps.npm_in_image(devdeps.npm_dev_packages(example.path), files) + node_lock.names_in_image(
            node_lock.dev_only_names(example.path), files
        )
        assert not shipped, f"final image ships dev-only packages: {shipped[:10]} ({len(shipped)})"


def check_behaviour(example: Example, engine: Engine, image: str) -> None:
    if "stdout" in example.expect:
        proc = engine.run(image, *example.expect.get("args", ()))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert example.expect["stdout"] in proc.stdout
    if "http" in example.expect:
        http = example.expect["http"]
        name = f"scaffold-e2e-{example.name}"
        engine.start(image, name, env={k: str(v) for k, v in (http.get("env") or {}).items()})
        try:
            url = f"http://127.0.0.1:{http['port']}{http.get('path', '/')}"
            body = wait_for_http(url, headers={k: str(v) for k, v in (http.get("headers") or {}).items()})
            assert http.get("contains", "") in body
            _check_listening(engine, image, int(http["port"]))
            if "not_found" in http:
                _check_not_found(int(http["port"]), http["not_found"])
        except AssertionError as exc:
            raise AssertionError(f"{exc}\ncontainer logs:\n{engine.logs(name)}") from None
        finally:
            code = engine.stop(name, STOP_GRACE)
        assert code != 137, f"{example.name} ignored SIGTERM and was killed after {STOP_GRACE}s"
        if "moved_port" in http:
            _check_port_env(example, engine, image, int(http["moved_port"]), http.get("path", "/"))
    assert "stdout" in example.expect or "http" in example.expect, f"{example.name}.yaml must say what to check"


def _check_not_found(port: int, expect: dict[str, str]) -> None:
    """A path the site has no page for answers 404 with the site's own page (not the home page)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{expect['path']}", timeout=5) as resp:
            raise AssertionError(f"{expect['path']} answered {resp.status}, not 404")
    except urllib.error.HTTPError as err:
        assert err.code == 404, f"{expect['path']} answered {err.code}, not 404"
        assert expect["contains"] in err.read().decode("utf-8", "replace")


def _check_listening(engine: Engine, image: str, port: int) -> None:
    """The server answers on the port the image EXPOSEs, on every interface (not only 127.0.0.1)."""
    exposed = engine.inspect(image)["Config"].get("ExposedPorts") or {}
    assert f"{port}/tcp" in exposed, f"the app answers on {port} but the image exposes {sorted(exposed)}"
    # Host networking here: 127.0.0.1 answers even when `docker run -p` could not reach the server.
    proc = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=True)
    addresses = {line.split()[3].rsplit(":", 1)[0] for line in proc.stdout.splitlines() if line.strip()}
    assert addresses - {"127.0.0.1", "[::1]"}, f"port {port} listens on {sorted(addresses)} only"


def _check_port_env(example: Example, engine: Engine, image: str, port: int, path: str) -> None:
    """PORT set at run time is honoured by an app that reads it."""
    name = f"scaffold-e2e-{example.name}-port"
    engine.start(image, name, env={"PORT": str(port)})
    try:
        wait_for_http(f"http://127.0.0.1:{port}{path}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\ncontainer logs:\n{engine.logs(name)}") from None
    finally:
        code = engine.stop(name, STOP_GRACE)
    assert code != 137, f"{example.name} ignored SIGTERM and was killed after {STOP_GRACE}s"


def check_python_contract(example: Example, engine: Engine, image: str, files: set[str]) -> None:
    """Every Python image: a numeric user, the venv's bin first on PATH, and a server that moves to the PORT given at
    run time (the default port + 1000 unless the example names one) and still stops within STOP_GRACE."""
    config = engine.inspect(image)["Config"]
    user = str(config.get("User") or "")
    assert re.fullmatch(r"[1-9][0-9]*(:[0-9]+)?", user), f"final image user is not numeric: {user!r}"
    path = next((e.partition("=")[2] for e in config.get("Env") or [] if e.startswith("PATH=")), "")
    assert path.startswith("/opt/venv/bin:"), f"the venv's bin must come first on PATH: {path!r}"
    _check_workdir(engine, image, config, files, owned(example))
    http = example.expect.get("http")
    if http and "moved_port" not in http:  # check_behaviour already moved it when the example names a port
        _check_port_env(example, engine, image, int(http["port"]) + 1000, http.get("path", "/"))


def check_node_workdir(project: Path, engine: Engine, image: str, files: set[str], mine: tuple[str, ...] = ()) -> None:
    """Every Node server image (/app): the app user can create files there (uploads/, a SQLite database) and the
    code stays root's. Next.js's standalone output is the user's by design (Next writes its cache under .next);
    a static site's nginx image has no /app."""
    config = engine.inspect(image)["Config"]
    if config.get("WorkingDir") != "/app" or ".next/standalone" in (project / "Dockerfile").read_text():
        return
    _check_workdir(engine, image, config, files, mine)


def owned(example: Example) -> tuple[str, ...]:
    """The folders the example's image gives to its user by design (data it writes: `writable` in its yaml)."""
    return tuple(example.expect.get("writable", ()))


WORKDIR_PROBE = (
    'touch .scaffold-probe || echo "cannot create a file in $PWD"; '
    '[ -d "$HOME" ] && [ -w "$HOME" ] || echo "its home $HOME is not a folder it can write"; '
    'find /app -writable ! -type d ! -name .scaffold-probe -printf "writable file: %p\\n"; '
    'find /app -type d -writable ! -perm -1000 -printf "writable directory without the sticky bit: %p\\n"; '
    'find /app ! -type d ! -user 0 ! -name .scaffold-probe -printf "not root-owned: %p\\n"'
)
"""Run as the image's user in its working directory: prints a line for each way the app could not create a file
there or in its home (libraries keep caches and sockets under ~), or could change, delete or replace its own code."""


def _check_workdir(
    engine: Engine, image: str, config: dict[str, object], files: set[str], mine: tuple[str, ...] = ()
) -> None:
    """The app user can create files in its working directory; the code under /app stays unwritable (root's
    files, and every directory the user may write is sticky, so no root file in it can be deleted or replaced),
    but for the data folders `mine` the image gives it. Images without a shell (distroless) cannot run the probe;
    Debian's /bin is a link to usr/bin, so its shell is listed as /usr/bin/sh."""
    if not files & {"/bin/sh", "/usr/bin/sh"}:
        return
    proc = engine.run_cmd(
        "run", "--rm", "--network", engine.network, "--entrypoint", "/bin/sh", image, "-c", WORKDIR_PROBE, check=False
    )
    found = [
        line
        for line in proc.stdout.splitlines()
        if line.strip() and not any(f" {d}" == line[line.find(": ") + 1 :] or f" {d}/" in line for d in mine)
    ]
    assert proc.returncode == 0 and not found, f"working directory {config.get('WorkingDir')}:\n{proc.stdout}"
