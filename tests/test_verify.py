"""`scaffold verify` without an engine: its parsers and scanners on real files and tar archives, and its exit 2s.

The checks that need images run on the real engine in tests/e2e/test_verify.py.
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from scaffold.verify import build, devdeps, lint, secrets, sockets, tooling
from scaffold.verify.image_checks import check_dev_deps, check_setuid, check_user, check_waste
from scaffold.verify.layers import Entry, Image, final_tree, read_saved
from scaffold.verify.model import Settings, Status
from tests.conftest import REPO, run_cli, write_tree

TCP = """  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4A03 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10001        0 1 1 0 0 0 0 0
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10001        0 2 1 0 0 0 0 0
   2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000 10001        0 3 1 0 0 0 0 0
"""
TCP6 = """  sl  local_address                         remote_address                        st tx_queue rx_queue
   0: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000
   1: 00000000000000000000000001000000:1389 00000000000000000000000000000000:0000 0A 00000000:00000000
"""


def test_listening_addresses_from_proc_net_tcp() -> None:
    assert sockets.listening(TCP, 0x4A03) == {"127.0.0.1"}
    assert sockets.listening(TCP, 8080) == {"0.0.0.0"}  # the ESTABLISHED row on 8080 is not a listener
    assert sockets.listening(TCP6, 3000) == {"::"}
    assert sockets.listening(TCP6, 5001) == {"::1"}
    assert sockets.loopback_only({"127.0.0.1", "::1"})
    assert not sockets.loopback_only({"127.0.0.1", "0.0.0.0"})
    assert not sockets.loopback_only(set())


def test_listening_ports_of_a_worker_keep_only_its_own_sockets() -> None:
    """Every listening port (a program verify found running), or only those whose inode the container holds (on
    the host's network the table is the host's)."""
    assert sockets.listening_ports(TCP) == {0x4A03, 8080}
    assert sockets.listening_ports(TCP, {"2"}) == {8080}
    assert sockets.listening_ports(TCP, set()) == set()


def test_host_network_is_read_from_run_flags() -> None:
    assert Settings(Path(), run_flags=("--network", "host")).host_network
    assert Settings(Path(), run_flags=("--net=host",)).host_network
    assert not Settings(Path(), run_flags=("-p", "80:80")).host_network


def _layer(files: dict[str, bytes | None], modes: dict[str, int] | None = None) -> bytes:
    """A layer tar: path → bytes (a file), None (a directory); whiteouts are files named .wh.<name>."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.size = len(data)
                info.mode = (modes or {}).get(path, 0o644)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _saved(tmp: Path, layers: list[bytes], user: str = "10001") -> Path:
    """A `docker save` archive (manifest.json, config, one folder per layer), as the engine writes it."""
    config = {"config": {"User": user}, "history": [{"created_by": f"step {i}"} for i in range(len(layers))]}
    archive = tmp / "image.tar"
    with tarfile.open(archive, "w") as tar:
        entries = {"cfg.json": json.dumps(config).encode()}
        names = []
        for i, data in enumerate(layers):
            names.append(f"l{i}/layer.tar")
            entries[names[-1]] = data
        entries["manifest.json"] = json.dumps([{"Config": "cfg.json", "Layers": names}]).encode()
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


@pytest.fixture
def image(tmp_path: Path) -> Image:
    base = _layer({"etc": None, "etc/passwd": b"root:x:0:0\n", "usr/bin/su": b"x" * 10}, {"usr/bin/su": 0o4755})
    ours = [
        _layer({"app": None, "app/.env": b"TOKEN=1\n", "app/big.bin": b"\0" * 6_000_000, "etc/passwd": b"p" * 20}),
        _layer(
            {"app/.wh..env": b"", "app/.wh.big.bin": b"", "usr/local/bin/tool": b"t"}, {"usr/local/bin/tool": 0o2755}
        ),
    ]
    return read_saved(_saved(tmp_path, [base, *ours]), base_count=1)


def test_final_tree_applies_whiteouts_and_counts_waste(image: Image) -> None:
    tree, waste = final_tree(image.layers)
    assert "/app/.env" not in tree and "/app/big.bin" not in tree
    assert tree["/etc/passwd"][0] == 1
    assert {(w.path, w.size) for w in waste} == {("/app/.env", 8), ("/app/big.bin", 6_000_000), ("/etc/passwd", 11)}


def test_secret_deleted_in_a_later_layer_is_still_found(image: Image) -> None:
    found = secrets.scan(image.added)
    assert [(f.path, f.layer) for f in found] == [("/app/.env", 1)]


def test_setuid_added_above_the_base_fails_but_the_base_s_own_does_not(image: Image) -> None:
    row = check_setuid(image)
    assert row.status is Status.FAIL and row.data["found"] == ["/usr/local/bin/tool"]


def test_wasted_bytes_over_the_limit_fail(image: Image) -> None:
    row = check_waste(image)
    assert row.status is Status.FAIL and row.data["bytes"] == 6_000_019
    assert row.data["largest"][0]["path"] == "/app/big.bin"


def test_user_must_be_numeric_and_not_root() -> None:
    assert check_user({"config": {"User": ""}}).status is Status.FAIL
    assert check_user({"config": {"User": "0:0"}}).status is Status.FAIL
    assert check_user({"config": {"User": "app"}}).status is Status.FAIL
    assert check_user({"config": {"User": "10001:10001"}}).status is Status.PASS


@pytest.mark.parametrize(
    ("name", "data", "secret"),
    [
        ("key.pem", b"-----BEGIN OPENSSH PRIVATE KEY-----\nabc", True),
        ("settings.py", b"AWS = 'AKIAIOSFODNN7EXAMPLE'", True),
        (".npmrc", b"//registry.npmjs.org/:_authToken=abc\n", True),
        (".npmrc", b"registry=https://registry.npmjs.org/\n", False),
        (".pypirc", b"[pypi]\nusername = __token__\npassword = pypi-abc\n", True),
        (".env.example", b"TOKEN=\n", False),
        # The catalogue names *.pem whatever it holds (the .dockerignore keeps them all out); a .crt is public.
        ("cert.pem", b"-----BEGIN CERTIFICATE-----\n", True),
        ("cert.crt", b"-----BEGIN CERTIFICATE-----\n", False),
        (".npmrc", b"registry=https://ci:hunter2@npm.example.com/\n", True),
        (".yarnrc.yml", b"npmRegistryServer: https://npm.example.com\nnpmAuthToken: abc\n", True),
        (".yarnrc.yml", b"nodeLinker: node-modules\n", False),
        ("sa.json", b'{"type": "service_account", "project_id": "p"}', True),
        ("package.json", b'{"name": "app"}', False),
        ("id_ed25519.pub", b"ssh-ed25519 AAAA user@host\n", False),
        ("secrets.py", b"import os\n", False),
    ],
)
def test_secret_patterns(tmp_path: Path, name: str, data: bytes, secret: bool) -> None:
    archive = _saved(tmp_path, [_layer({f"app/{name}": data})])
    assert bool(secrets.scan(read_saved(archive, 0).added)) is secret


def test_dockerignore_secret_patterns_name_files() -> None:
    patterns = secrets.dockerignore_patterns("# x\nnode_modules\n*.key\n!.env.example\nsecrets/\nREADME.md\n")
    assert patterns == ("*.key", "secrets")
    assert secrets.why_secret("/srv/api.token", None, ("*.token",)) == "named by the .dockerignore pattern '*.token'"
    assert secrets.why_secret("/srv/tls.crt", None, patterns) is None
    # An installed package's files are not the build context's: certifi's bundle is no secret.
    pem = secrets.dockerignore_patterns("*.pem\n")
    assert secrets.why_secret("/opt/venv/lib/python3.13/site-packages/certifi/cacert.pem", None, pem) is None
    assert secrets.why_secret("/app/certs/server.pem", None, pem) == "a private key or keystore"


def test_an_installed_packages_test_fixtures_are_no_secret() -> None:
    # tornado ships tornado/test/test.key: every Tornado image would fail verify over a published fixture.
    key = b"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
    site = "/opt/venv/lib/python3.13/site-packages"
    assert secrets.why_secret(f"{site}/tornado/test/test.key", key) is None
    assert secrets.why_secret("/app/node_modules/pkg/test/fixtures/key.pem", key) is None
    # The same key elsewhere in a package, at the package's top, or in the app's own tests stays a finding.
    assert secrets.why_secret(f"{site}/mylib/keys/server.key", key) == "a private key"
    assert secrets.why_secret(f"{site}/test/server.key", key) == "a private key"
    assert secrets.why_secret("/app/tests/server.key", key) == "a private key or keystore"


def test_compilers_and_caches() -> None:
    files = [
        "/usr/bin/gcc",
        "/usr/bin/gcc-12",
        "/usr/bin/python3",
        "/root/.npm/_cacache/x",
        "/home/node/.npm/a",
        "/root/.cache/pip/http/1",
        "/app/cc.py",
    ]
    assert tooling.compilers(files) == ["/usr/bin/gcc", "/usr/bin/gcc-12"]
    assert tooling.caches(files) == ["/home/node/.npm", "/root/.cache/pip", "/root/.npm"]


def test_npm_dev_packages_from_the_lockfile(tmp_path: Path) -> None:
    lock = {"packages": {"": {}, "node_modules/express": {}, "node_modules/prettier": {"dev": True}}}
    write_tree(tmp_path, {"package-lock.json": json.dumps(lock)})
    dev = devdeps.npm_dev_packages(tmp_path)
    assert dev == {"node_modules/prettier"}
    files = ["/app/node_modules/express/package.json", "/app/node_modules/prettier/package.json"]
    assert devdeps.npm_in_image(dev, files) == ["/app/node_modules/prettier"]


def test_python_dev_groups(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname="a"\ndependencies=["flask>=3"]\n'
            '[dependency-groups]\ndev=["pytest>=8", "Flask"]\n[tool.poetry.group.lint.dependencies]\nruff="*"\n',
            "requirements-dev.txt": "-r requirements.txt\nmypy==1.0\n",
        },
    )
    dev = devdeps.python_dev_packages(tmp_path)
    assert dev == {"pytest", "ruff", "mypy"}  # flask is a runtime dependency too
    files = [
        "/opt/venv/lib/python3.11/site-packages/pytest-8.3.0.dist-info",
        "/usr/lib/python3/dist-packages/mypy-1.0.dist-info",
        "/x/site-packages/flask-3.0.dist-info",
    ]
    assert devdeps.python_in_image(dev, files) == files[:2]


def test_uncached_steps_from_plain_progress() -> None:
    out = """#1 [internal] load build definition from Dockerfile
#5 [build 1/3] FROM docker.io/library/golang:1.24
#6 [build 2/3] COPY go.mod ./
#6 CACHED
#7 [build 3/3] RUN go build -o /out/app .
#7 DONE 1.2s
#8 [stage-1 1/1] COPY --from=build /out/app /app
#8 DONE 0.1s
"""
    assert build.uncached_steps(out) == [
        "[build 3/3] RUN go build -o /out/app .",
        "[stage-1 1/1] COPY --from=build /out/app /app",
    ]


def test_source_file_to_change_skips_dependency_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"node_modules/a/index.js": "", "src/app.js": "", "package.json": "{}"})
    assert build.source_file(tmp_path) == tmp_path / "src" / "app.js"


def test_lint_names_hadolint_findings(tmp_path: Path) -> None:
    write_tree(tmp_path, {"Dockerfile": "FROM debian:bookworm-slim\nRUN cd /tmp && apt-get install -y curl\n"})
    row = lint.check_lint(tmp_path, tmp_path / "Dockerfile")
    assert row.status is Status.FAIL and "finding" in row.figure
    assert any("DL3003" in f for f in row.data["findings"])


def test_lint_reports_a_parse_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"Dockerfile": "FROM debian\nLABEL x\n"})
    row = lint.check_lint(tmp_path, tmp_path / "Dockerfile")
    assert row.status is Status.FAIL and row.figure == "does not parse"


def test_lint_uses_the_project_config_else_scaffold_rules(tmp_path: Path) -> None:
    assert lint.hadolint_config(tmp_path) == REPO / ".hadolint.yaml"
    write_tree(tmp_path, {".hadolint.yaml": "ignored: [DL3003]\n"})
    assert lint.hadolint_config(tmp_path) == tmp_path / ".hadolint.yaml"


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli("verify", tmp_path / "missing")
    assert result.code == 2 and "not a directory" in result.err and len(result.err.strip().splitlines()) == 1
    result = run_cli("verify", tmp_path)
    assert result.code == 2 and "no Dockerfile" in result.err
    result = run_cli("verify", "--file", "Containerfile", tmp_path)
    assert result.code == 2 and "Containerfile: no Dockerfile" in result.err
    write_tree(tmp_path, {"Dockerfile": "FROM scratch\n"})
    result = run_cli("verify", "--engine", "no-such-engine-here", tmp_path)
    assert result.code == 2 and "engine 'no-such-engine-here' not found" in result.err
    down = tmp_path / "engine-down"
    down.write_text("#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n", encoding="utf-8")
    down.chmod(0o755)  # an engine CLI whose daemon is not running
    result = run_cli("verify", "--engine", down, tmp_path)
    assert result.code == 2 and "does not answer: Cannot connect to the Docker daemon" in result.err
    result = run_cli("verify", "--build-flag", "'unclosed", tmp_path)
    assert result.code == 2 and "--build-flag" in result.err


@pytest.mark.slow  # runs scaffold as a process
def test_lint_without_hadolint_says_so_instead_of_passing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An environment without hadolint: not beside this Python, not on PATH.
    monkeypatch.setattr("sys.executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    write_tree(tmp_path, {"Dockerfile": "FROM debian:bookworm-slim\nRUN cd /tmp\n"})
    row = lint.check_lint(tmp_path, tmp_path / "Dockerfile")
    assert row.status is Status.SKIP and "hadolint not installed" in row.figure


def test_dockerfile_facts_follow_stage_names(tmp_path: Path) -> None:
    from scaffold.verify import facts

    write_tree(
        tmp_path,
        {
            "Dockerfile": (
                "FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nFROM build AS test\nRUN go test\n"
                "FROM debian:bookworm-slim AS runtime\nEXPOSE 8080/tcp 53/udp\nFROM runtime\nEXPOSE 9000\n"
            )
        },
    )
    info = facts.read(tmp_path / "Dockerfile")
    assert info.stages == ("build", "test", "runtime", "")
    assert info.has_test_stage and info.final_base == "debian:bookworm-slim"


def test_exposed_ports_come_from_the_image_config() -> None:
    from scaffold.verify.suite import exposed_ports

    assert exposed_ports({"Config": {"ExposedPorts": {"9000/tcp": {}, "8080/tcp": {}, "53/udp": {}}}}) == [8080, 9000]
    assert exposed_ports({"Config": {"ExposedPorts": None}}) == []


def test_code_that_reads_an_aws_key_is_no_secret() -> None:
    # celery/backends/s3.py: every Celery image failed verify over the name of a setting.
    code = b"        aws_secret_access_key = self.app.conf.get('s3_secret_access_key', None)\n"
    assert secrets.why_secret("/opt/venv/lib/python3.13/site-packages/celery/backends/s3.py", code) is None
    key = b"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    assert secrets.why_secret("/opt/venv/lib/python3.13/site-packages/app/settings.py", key) == "an AWS secret key"


class SlowToListen:
    """An engine whose container shows its listening socket only on the n-th read of /proc/net/tcp (a busy
    machine); every read advances a fake clock, so the bound is tested without waiting on the real one."""

    def __init__(self, reads_before_listening: int, clock: list[float]) -> None:
        self.left = reads_before_listening
        self.clock = clock

    def call(self, *args: str, timeout: float = 0, **_: object) -> object:
        from scaffold.verify.engine import Done

        if args[:3] == ("inspect", "-f", "{{.State.Pid}}"):
            return Done(0, "0\n", 0.0)  # no PID on this host: the tables are read through exec
        if args[:3] == ("inspect", "-f", "{{.State.Running}}"):
            return Done(0, "true\n", 0.0)
        if args[0] == "exec" and args[-1] == "/proc/net/tcp":
            self.clock[0] += 1.0
            self.left -= 1
            header = TCP.splitlines()[0] + "\n"
            return Done(0, TCP if self.left < 0 else header, 0.0)
        return Done(0, "", 0.0)  # tcp6: empty


@pytest.mark.parametrize(("reads", "status"), [(5, Status.PASS), (10_000, Status.FAIL)])
def test_listen_waits_for_the_socket_up_to_the_run_timeout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, reads: int, status: Status
) -> None:
    # verify samples the container's sockets until the port is listed, bounded by the run timeout (60 s
    # here, each read costing one second of the fake clock): a server slow to listen passes, one that never
    # listens fails at the bound.
    from scaffold.verify import run_checks

    clock = [0.0]
    monkeypatch.setattr("scaffold.verify.run_checks.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("scaffold.verify.run_checks.time.sleep", lambda seconds: None)
    engine = SlowToListen(reads, clock)
    row = run_checks._listen(engine, "c", 8080, 60, tmp_path)  # type: ignore[arg-type]
    assert row.status is status, row
    if status is Status.PASS:
        assert row.data["addresses"] == ["0.0.0.0"] and engine.left == -1
    else:
        assert row.figure == "nothing listens on :8080" and 59 <= clock[0] <= 62


class _H2OnlyServer:
    """A stand-in for a gRPC server on 127.0.0.1: HTTP/2 with prior knowledge only. It answers the connection
    preface with a SETTINGS frame and hangs up on anything else (an HTTP/1.1 request), as grpc-go does."""

    def __init__(self, speaks_h2: bool = True, resets: bool = False) -> None:
        import socket
        import threading

        self.speaks_h2 = speaks_h2
        self.resets = resets
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        from scaffold.verify.run_checks import H2_PREFACE

        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while len(data) < len(H2_PREFACE):
                    chunk = conn.recv(len(H2_PREFACE) - len(data))
                    if not chunk:
                        break
                    data += chunk
                if self.speaks_h2 and data == H2_PREFACE:
                    conn.sendall(bytes([0, 0, 0, 4, 0, 0, 0, 0, 0]))
                elif self.resets:  # close with RST (linger 0), as a server with unread bytes does
                    import socket
                    import struct

                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def close(self) -> None:
        self.sock.close()


class _RunningEngine:
    def call(self, *args: str, timeout: float = 0) -> object:
        from scaffold.verify.engine import Done

        return Done(0, "true" if args[0] == "inspect" else "", 0.0)


@pytest.mark.parametrize(("speaks_h2", "resets"), [(True, False), (True, True), (False, False), (False, True)])
def test_a_grpc_server_that_hangs_up_on_http1_passes_when_it_speaks_http2(
    speaks_h2: bool, resets: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.verify import run_checks

    clock = [0.0]

    def tick(seconds: float) -> None:
        clock[0] += seconds

    monkeypatch.setattr("scaffold.verify.run_checks.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("scaffold.verify.run_checks.time.sleep", tick)
    server = _H2OnlyServer(speaks_h2, resets)
    try:
        url = f"http://127.0.0.1:{server.port}/"
        row = run_checks._smoke(_RunningEngine(), "c", url, server.port, 2)  # type: ignore[arg-type]
    finally:
        server.close()
    if speaks_h2:
        assert row.status is Status.PASS and "HTTP/2 (gRPC)" in row.figure
        assert row.data["protocol"] == "h2c"
    else:
        assert row.status is Status.FAIL  # hanging up is no answer: only a SETTINGS frame is


def test_dev_dependencies_pass_only_when_the_start_command_runs_one_of_them(tmp_path: Path) -> None:
    """tsx from devDependencies as the runner (no build): shipping every dependency is the point, not a leak."""
    lock = {"packages": {"node_modules/tsx": {"dev": True}, "node_modules/@types/node": {"dev": True}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    files = ["/app/node_modules/tsx/package.json", "/app/node_modules/@types/node/package.json"]
    tree = {f: (1, Entry(f, 10, 0o644, True)) for f in files}
    # As the saved image's config holds them (docker save: the runtime settings under "config").
    runner = {"config": {"Entrypoint": ["/usr/bin/tini", "--", "node"], "Cmd": ["node_modules/.bin/tsx", "src/x.ts"]}}
    row = check_dev_deps(tree, tmp_path, runner)
    assert row.status is Status.PASS and "runs tsx from devDependencies" in row.figure
    plain = check_dev_deps(tree, tmp_path, {"Cmd": ["node", "dist/index.js"]})
    assert plain.status is Status.FAIL and plain.figure.startswith("2 shipped")
    # A bin that is no dev package of the lock does not excuse the others.
    other = check_dev_deps(tree, tmp_path, {"Cmd": ["node_modules/.bin/next", "start"]})
    assert other.status is Status.FAIL


def test_a_plain_tcp_server_that_answers_in_its_own_protocol_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import threading

    from scaffold.verify import run_checks

    monkeypatch.setattr("scaffold.verify.run_checks.time.sleep", lambda seconds: None)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]

    def echo() -> None:  # a line echo server: answers the request line with itself, no HTTP status
        conn, _ = sock.accept()
        with conn:
            conn.sendall(conn.recv(1024).split(b"\r\n")[0] + b"\n")

    threading.Thread(target=echo, daemon=True).start()
    try:
        row = run_checks._smoke(_RunningEngine(), "c", f"http://127.0.0.1:{port}/", port, 30)  # type: ignore[arg-type]
    finally:
        sock.close()
    assert row.status is Status.PASS and "TCP server" in row.figure
    assert row.data["protocol"] == "tcp"


def test_installed_python_code_that_names_a_key_format_is_no_secret() -> None:
    # cryptography's serialization/ssh.py (in every image with cryptography) and autobahn's docstring sample key.
    site = "/opt/venv/lib/python3.11/site-packages"
    marker = b'_SK_START = b"-----BEGIN OPENSSH PRIVATE KEY-----"\n'
    assert secrets.why_secret(f"{site}/cryptography/hazmat/primitives/serialization/ssh.py", marker) is None
    assert secrets.why_secret(f"{site}/cryptography/__pycache__/ssh.cpython-311.pyc", marker) is None
    # The project's own files, and a key file shipped in a package, still count.
    assert secrets.why_secret("/app/deploy/key.py", marker) == "a private key"
    assert secrets.why_secret(f"{site}/pkg/server.key", marker) == "a private key"


def test_dev_flagged_packages_a_traced_server_loads_pass_with_the_advice(tmp_path: Path) -> None:
    """A traced node_modules holds only what the server entry loads: a dev-flagged package there is a run-time one
    (Qwik's starters declare undici's parent as dev), so it passes, saying to declare it; untraced it fails."""
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": {"node_modules/undici": {"dev": True}}}))
    tree = {f: (1, Entry(f, 10, 0o644, True)) for f in ["/app/node_modules/undici/package.json"]}
    command = {"Cmd": ["node", "server/entry.express"]}
    traced = check_dev_deps(tree, tmp_path, command, traced=True)
    assert traced.status is Status.PASS and "declare them as dependencies" in traced.figure
    assert check_dev_deps(tree, tmp_path, command).status is Status.FAIL


def test_verify_knows_a_dockerfile_that_traces_its_server(tmp_path: Path) -> None:
    from scaffold.verify import facts

    traced = tmp_path / "traced.Dockerfile"
    traced.write_text(
        "FROM node:22 AS build\nRUN npx --yes @vercel/nft@1 print server.js > /tmp/nft.txt\nFROM node:22\n"
    )
    plain = tmp_path / "plain.Dockerfile"
    plain.write_text("FROM node:22 AS build\nRUN npm ci --omit=dev\nFROM node:22\n")
    assert facts.read(traced).traced and not facts.read(plain).traced
