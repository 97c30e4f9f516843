"""Checks 4 and 5: run the image as a user would; a server must answer HTTP on all interfaces and stop on SIGTERM."""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from scaffold.verify import sockets, streamlit_script
from scaffold.verify.build import tail
from scaffold.verify.engine import Engine
from scaffold.verify.model import Row, Settings, Status, failed, skipped

H2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])
"""HTTP/2's connection preface with prior knowledge, then an empty SETTINGS frame (RFC 9113 3.4): what a gRPC client
sends first. An HTTP/2 server answers with its own SETTINGS frame (type 4)."""
H2_SETTINGS = 4
HUNG_UP = (http.client.RemoteDisconnected, http.client.BadStatusLine, ConnectionResetError)
"""How an HTTP/1.1 request ends at a server that accepted the connection and speaks no HTTP/1.1."""
STOP_GRACE = 3
"""`docker stop` waits this long before SIGKILL; a server still running then was killed (exit 137)."""


def check_program(engine: Engine, image: str, name: str, settings: Settings) -> list[Row]:
    """A program (no EXPOSE) must exit 0, printing --expect TEXT when given; one still running at --timeout is
    a worker when it listens on no port (then docker stop must stop it), a server on a port scaffold missed else."""
    shown = " ".join(["docker run", image, *settings.args])
    started = engine.call("run", "-d", "--name", name, *settings.run_flags, image, *settings.args, timeout=120)
    if started.code != 0:
        return [failed("run", "did not start", tail(started.out, 1), details=f"$ {shown}\n{started.out}")]
    waited = engine.call("wait", name, timeout=settings.timeout)
    logs = engine.call("logs", name, timeout=30).out
    if waited.code == 124:  # still running: `docker wait` timed out
        return _still_running(engine, name, settings, f"$ {shown}\n{logs}")
    code_text = waited.out.strip().splitlines()[-1:] or [""]
    code = int(code_text[0]) if code_text[0].lstrip("-").isdigit() else waited.code or 1
    not_server = [skipped(check, "not a server (no EXPOSE)") for check in ("listen", "stop")]
    if code != 0:
        return [
            failed("run", f"exited {code}", tail(logs, 1), details=f"$ {shown}\n{tail(logs)}", exit_code=code),
            *not_server,
        ]
    if settings.expect is not None and settings.expect not in logs:
        return [
            failed(
                "run",
                "exited 0 without the expected text",
                f"expected {settings.expect!r} in the output",
                details=tail(logs),
            ),
            *not_server,
        ]
    figure = f"exited 0 in {waited.seconds:.1f} s" + (" with the expected text" if settings.expect else "")
    return [
        Row("run", Status.PASS, figure, seconds=waited.seconds, data={"exit_code": 0}, details=tail(logs)),
        *not_server,
    ]


def _still_running(engine: Engine, name: str, settings: Settings, out: str) -> list[Row]:
    """A program still running at --timeout: its listening sockets tell a server scaffold found no port for
    from a worker (a queue consumer, a bot, a scheduler), which passes when it stops on docker stop."""
    timed_out = f"(timed out after {settings.timeout:.0f} s)"
    tables = _tables(engine, name)
    # On the host's network the tables list the host's sockets too: keep those the container's processes hold.
    inodes = _socket_inodes(engine, name) if settings.host_network else None
    tables = None if settings.host_network and inodes is None else tables
    ports = sorted(set().union(*(sockets.listening_ports(t, inodes) for t in tables or [])))
    if tables is None or ports:
        listens = f"listens on port {ports[0]}\n" if ports else ""
        why = f"still running after {settings.timeout:.0f} s" + (f", listening on :{ports[0]}" if ports else "")
        hint = f"a server on port {ports[0]}" if ports else "a program without EXPOSE must exit"
        rows = [failed("run", why, hint, details=f"{tail(out)}\n{listens}{timed_out}", exit_code=124)]
        return [*rows, *(skipped(check, "not a server (no EXPOSE)") for check in ("listen", "stop"))]
    if settings.expect is not None and settings.expect not in out:
        expected = f"expected {settings.expect!r} in the output"
        rows = [failed("run", "still running without the expected text", expected, details=tail(out))]
        return [*rows, *(skipped(check, "not a server (no EXPOSE)") for check in ("listen", "stop"))]
    figure = f"still running after {settings.timeout:.0f} s, listening on no port: a worker"
    running = Row("run", Status.PASS, figure, seconds=settings.timeout, data={"worker": True}, details=tail(out))
    return [running, skipped("listen", "a worker (no EXPOSE, no listening socket)"), _stop(engine, name)]


def check_server(engine: Engine, image: str, name: str, port: int, settings: Settings) -> list[Row]:
    """Start the server, ask it for settings.http_path, read its listening sockets, then docker stop it."""
    flags = list(settings.run_flags)
    publish = not settings.host_network and not any(
        f in ("-p", "--publish", "-P") or f.startswith(("-p", "--publish")) for f in flags
    )
    if publish:
        flags += ["-p", f"127.0.0.1::{port}"]  # a free host port on loopback: nothing is exposed beyond this machine
    elif settings.host_network and _taken(port):
        # On the host's network another process would answer in the app's place (and the app fail to bind).
        why = f"port {port} is already in use on this host"
        return [
            failed("run", why, "stop what listens there, or verify without --network host", port=port),
            skipped("listen", why),
            skipped("stop", why),
        ]
    started = engine.call("run", "-d", "--name", name, *flags, image, *settings.args, timeout=120)
    if started.code != 0:
        return [
            failed("run", "did not start", tail(started.out, 1), details=started.out),
            skipped("listen", "the server did not start"),
            skipped("stop", "the server did not start"),
        ]
    try:
        url = f"http://{_host_address(engine, name, port, settings)}{settings.http_path}"
        smoke = _smoke(engine, name, url, port, settings.timeout)
        if not _running(engine, name):
            gone = [skipped(check, "the server exited") for check in ("listen", "stop")]
            return [smoke, *gone]
        smoke = _script_ran(engine, image, name, smoke)
        # Still running without answering (say, bound to loopback behind -p): its sockets tell why.
        listen = _listen(engine, name, port, settings.timeout, settings.path)
        stop = _stop(engine, name)
    finally:
        engine.remove_container(name)
    return [smoke, listen, stop]


def _script_ran(engine: Engine, image: str, name: str, smoke: Row) -> Row:
    """A Streamlit app's passing HTTP check, failed when its script raises as a page opens (see streamlit_script)."""
    if smoke.status is not Status.PASS:
        return smoke
    info = engine.inspect(image)
    script = streamlit_script.script_of(info.get("Config") if info else None)
    error = streamlit_script.script_error(engine, name, script) if script else ""
    if not error:
        return smoke
    last = error.splitlines()[-1]
    why = f"the page shell answered, but {script} raises when a page opens"
    return failed("run", why, last, details=error)


def _taken(port: int) -> bool:
    """Something on this host accepts connections on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _host_address(engine: Engine, name: str, port: int, settings: Settings) -> str:
    if settings.host_network:
        return f"127.0.0.1:{port}"
    done = engine.call("port", name, f"{port}/tcp", timeout=30)
    first = done.out.strip().splitlines()[0] if done.code == 0 and done.out.strip() else f"127.0.0.1:{port}"
    host, _, mapped = first.rpartition(":")
    return f"{'127.0.0.1' if host in ('0.0.0.0', '[::]', '::', '') else host}:{mapped}"


def _smoke(engine: Engine, name: str, url: str, port: int, timeout: float) -> Row:
    start = time.monotonic()
    last = "no answer"
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                status = int(resp.status)
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, http.client.BadStatusLine) and not isinstance(reason, http.client.RemoteDisconnected):
                # Bytes that are no HTTP status line: a plain TCP server (an echo, a line protocol) answered.
                seconds = time.monotonic() - start
                return Row(
                    "run",
                    Status.PASS,
                    f"a non-HTTP answer on :{port} in {seconds:.1f} s (a TCP server)",
                    seconds=seconds,
                    data={"url": url, "status": None, "protocol": "tcp", "seconds": round(seconds, 2)},
                )
            # Accepted, then no HTTP/1.1 answer (a hang-up or a reset): a gRPC (HTTP/2-only) server does that.
            if isinstance(reason, HUNG_UP) and _h2_answers(url):
                seconds = time.monotonic() - start
                return Row(
                    "run",
                    Status.PASS,
                    f"HTTP/2 (gRPC) on :{port} in {seconds:.1f} s",
                    seconds=seconds,
                    data={"url": url, "status": None, "protocol": "h2c", "seconds": round(seconds, 2)},
                )
            last = str(reason)
            if not _running(engine, name):
                logs = engine.call("logs", name, timeout=30).out
                return failed("run", "the server exited", tail(logs, 1), details=tail(logs))
            time.sleep(0.5)
            continue
        seconds = time.monotonic() - start
        if status < 500:
            return Row(
                "run",
                Status.PASS,
                f"HTTP {status} on :{port} in {seconds:.1f} s",
                seconds=seconds,
                data={"url": url, "status": status, "seconds": round(seconds, 2)},
            )
        last = f"HTTP {status}"
        time.sleep(0.5)
    logs = engine.call("logs", name, timeout=30).out
    return failed(
        "run", f"no HTTP answer below 500 within {timeout:.0f} s", f"{url}: {last}", details=tail(logs), url=url
    )


def _h2_answers(url: str) -> bool:
    """An HTTP/2 server (cleartext, prior knowledge: gRPC's) answers the connection preface at `url`'s address."""
    parsed = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 80), timeout=5) as conn:
            conn.sendall(H2_PREFACE)
            head = b""
            while len(head) < 9:
                chunk = conn.recv(9 - len(head))
                if not chunk:
                    break
                head += chunk
    except OSError:
        return False
    return len(head) == 9 and head[3] == H2_SETTINGS


def _running(engine: Engine, name: str) -> bool:
    done = engine.call("inspect", "-f", "{{.State.Running}}", name, timeout=30)
    return done.out.strip() == "true"


def _tables(engine: Engine, name: str) -> list[str] | None:
    """The container's /proc/net/tcp and tcp6: through its PID on this host, else `exec cat` inside it."""
    pid = engine.call("inspect", "-f", "{{.State.Pid}}", name, timeout=30).out.strip()
    if pid.isdigit() and pid != "0":
        try:
            return [Path(f"/proc/{pid}/net/{t}").read_text(encoding="ascii") for t in ("tcp", "tcp6")]
        except OSError:
            pass  # a remote engine, or no permission: ask inside the container
    tables = [engine.call("exec", name, "cat", f"/proc/net/{t}", timeout=30) for t in ("tcp", "tcp6")]
    return [t.out for t in tables if t.code == 0] or None


def _socket_inodes(engine: Engine, name: str) -> set[str] | None:
    """The inodes of the sockets the container's processes hold (its PID 1 and descendants), None when this
    host cannot read them (a remote engine, or not root)."""
    pid = engine.call("inspect", "-f", "{{.State.Pid}}", name, timeout=30).out.strip()
    if not pid.isdigit() or pid == "0":
        return None
    pids, inodes = [pid], set()
    try:
        while pids:
            current = pids.pop()
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += (task / "children").read_text(encoding="ascii").split()
            for fd in Path(f"/proc/{current}/fd").iterdir():
                try:
                    target = str(fd.readlink())
                except FileNotFoundError:
                    continue  # closed since the listing
                if target.startswith("socket:["):
                    inodes.add(target[len("socket:[") : -1])
    except OSError:  # PermissionError when not root; a process gone since the listing
        return None
    return inodes


def _listen(engine: Engine, name: str, port: int, timeout: float, project: Path) -> Row:
    # A busy machine may answer HTTP through another socket first (a proxy, a second worker) or be slow to
    # show the listening socket: read the tables until the port is listed, bounded by the run timeout.
    deadline = time.monotonic() + timeout
    while True:
        tables = _tables(engine, name)
        addresses = set().union(*(sockets.listening(t, port) for t in tables or []))
        if addresses or time.monotonic() >= deadline or not _running(engine, name):
            break
        time.sleep(0.5)
    if tables is None:
        return skipped("listen", "could not read the container's /proc/net/tcp (remote engine and no cat inside)")
    shown = ", ".join(f"[{a}]" if ":" in a else a for a in sorted(addresses)) or "nothing"
    if not addresses:
        return failed("listen", f"nothing listens on :{port}", "EXPOSE the port the server listens on", addresses=[])
    if sockets.loopback_only(addresses):
        return failed(
            "listen",
            f"listens on {shown} only",
            listen_fix(project) or "bind 0.0.0.0: docker run -p cannot reach loopback",
            addresses=sorted(addresses),
        )
    return Row("listen", Status.PASS, f"{shown} port {port}", data={"addresses": sorted(addresses)})


def listen_fix(project: Path) -> str:
    """The code change detection names for a server that listens on loopback only (a provider's `listen_fix`
    fact: Fastify's default host, a literal 127.0.0.1), else ''. Read again here: verify needs no record."""
    from scaffold.errors import ScaffoldError
    from scaffold.project import ProjectDir
    from scaffold.providers import detect_all

    try:
        found = detect_all(ProjectDir(project))
    except ScaffoldError:
        return ""  # a project detection refuses still gets the generic hint
    fix = next((fact for d in found if (fact := d.fact("listen_fix")) is not None), None)
    return str(fix.value) if fix is not None else ""


def _stop(engine: Engine, name: str) -> Row:
    done = engine.call("stop", "-t", str(STOP_GRACE), name, timeout=STOP_GRACE + 60)
    code_text = engine.call("inspect", "-f", "{{.State.ExitCode}}", name, timeout=30).out.strip()
    code = int(code_text) if code_text.lstrip("-").isdigit() else -1
    if done.code != 0 or code == 137 or done.seconds >= STOP_GRACE:
        return failed(
            "stop",
            f"killed after {done.seconds:.1f} s (exit {code})",
            "PID 1 ignores SIGTERM: exec-form ENTRYPOINT, tini, or handle SIGTERM",
            seconds=round(done.seconds, 2),
            exit_code=code,
        )
    return Row(
        "stop",
        Status.PASS,
        f"stopped in {done.seconds:.1f} s (exit {code})",
        seconds=done.seconds,
        data={"seconds": round(done.seconds, 2), "exit_code": code},
    )
