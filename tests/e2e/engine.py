"""The tests' and the benchmarks' view of the real Docker engine: conveniences over scaffold's own client
(scaffold.verify.engine), so one client runs every docker command, the product's and the tests'.

The docker binary is chosen with SCAFFOLD_DOCKER (default: /usr/bin/docker when present, since a newer
client earlier on PATH may lack buildx and fall back to the legacy builder). Builds and runs use the
host network (SCAFFOLD_DOCKER_NETWORK, default `host`) because the engine here runs without a bridge.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.verify.engine import Engine as Client
from scaffold.verify.host_ports import lock_within


def docker_binary() -> str:
    chosen = os.environ.get("SCAFFOLD_DOCKER")
    if chosen:
        return chosen
    return "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")


class EngineError(AssertionError):
    """A docker command failed; the message carries its output."""


@dataclass(frozen=True)
class Ran:
    """A finished engine command, as the tests read it."""

    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Engine:
    """The tests' conveniences over scaffold's own engine client (one client runs every docker command)."""

    binary: str
    network: str

    @staticmethod
    def from_env() -> Engine:
        return Engine(docker_binary(), os.environ.get("SCAFFOLD_DOCKER_NETWORK", "host"))

    @property
    def client(self) -> Client:
        return Client(self.binary)

    def available(self) -> str | None:
        """None when the engine answers, else why not."""
        if shutil.which(self.binary) is None:
            return f"{self.binary}: not found"
        done = self.client.call("info", "--format", "{{.ServerVersion}}", timeout=20, apart=True)
        return None if done.code == 0 else f"{self.binary} info: {done.err.strip()[:200]}"

    def run_cmd(self, *args: str, timeout: float = 900, check: bool = True) -> Ran:
        done = self.client.call(*args, timeout=timeout, apart=True)
        if check and done.code != 0:
            raise EngineError(f"docker {' '.join(args)} failed ({done.code}):\n{done.out}\n{done.err}")
        return Ran(done.code, done.out, done.err)

    def build(
        self,
        context: Path,
        tag: str,
        *,
        dockerfile: str = "Dockerfile",
        target: str | None = None,
        build_args: dict[str, str] | None = None,
        extra: tuple[str, ...] = (),
    ) -> float:
        """Build and return the wall time in seconds."""
        seconds, _ = self.build_logged(
            context, tag, dockerfile=dockerfile, target=target, build_args=build_args, extra=extra
        )
        return seconds

    def build_logged(
        self,
        context: Path,
        tag: str,
        *,
        dockerfile: str = "Dockerfile",
        target: str | None = None,
        build_args: dict[str, str] | None = None,
        extra: tuple[str, ...] = (),
    ) -> tuple[float, str]:
        """Build; return the wall time in seconds and the builder's output."""
        args = ["build", "--network", self.network, "-t", tag, "-f", str(context / dockerfile)]
        if target:
            args += ["--target", target]
        for key, value in (build_args or {}).items():
            args += ["--build-arg", f"{key}={value}"]
        start = time.monotonic()
        proc = self.run_cmd(*args, *extra, str(context))
        return time.monotonic() - start, proc.stdout + proc.stderr

    def inspect(self, ref: str) -> dict[str, Any]:
        data: list[dict[str, Any]] = json.loads(self.run_cmd("image", "inspect", ref).stdout)
        return data[0]

    def size(self, ref: str) -> int:
        return int(self.inspect(ref)["Size"])

    def files(self, image: str) -> set[str]:
        """Every path in the image's filesystem (from `docker export`, so it works on shell-less images)."""
        cid = self.run_cmd("create", image).stdout.strip()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                archive = Path(tmp) / "fs.tar"
                exported = self.client.export(cid, archive)
                if exported.code != 0:
                    raise EngineError(f"docker export {cid} failed: {exported.out}")
                with tarfile.open(archive) as tar:
                    return {"/" + m.name.lstrip("./") for m in tar.getmembers()}
        finally:
            self.client.remove_container(cid)

    def run(self, image: str, *args: str, timeout: float = 120) -> Ran:
        return self.run_cmd("run", "--rm", "--network", self.network, image, *args, timeout=timeout, check=False)

    def start(self, image: str, name: str, env: dict[str, str] | None = None) -> None:
        envs = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        self.client.remove_container(name)
        self.run_cmd("run", "-d", "--name", name, "--network", self.network, *envs, image)

    def stop(self, name: str, grace: int) -> int:
        """Stop with `grace` seconds before SIGKILL; return the container's exit code (137 = was killed)."""
        self.run_cmd("stop", "-t", str(grace), name, timeout=grace + 60)
        code = int(self.run_cmd("inspect", "-f", "{{.State.ExitCode}}", name).stdout.strip())
        self.client.remove_container(name)
        return code

    def logs(self, name: str) -> str:
        proc = self.run_cmd("logs", name, check=False)
        return proc.stdout + proc.stderr

    def remove_image(self, ref: str) -> None:
        self.client.remove_image(ref)

    def tag(self, source: str, target: str) -> None:
        self.run_cmd("tag", source, target)


def wait_for_http(url: str, seconds: float = 60, headers: dict[str, str] | None = None) -> str:
    """The body of the first successful GET of url (with `headers`), polling for at most `seconds`."""
    deadline = time.monotonic() + seconds
    last = ""
    request = urllib.request.Request(url, headers=headers or {})
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=5) as resp:
                body: bytes = resp.read()
                return body.decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = str(exc)
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds}s: {last}")


PORT_LOCKS = Path(tempfile.gettempdir()) / "scaffold-e2e-ports"
PORT_WAIT = 1800.0
"""Seconds a test waits for another test process on this machine to free a host port (a bound, not a timing)."""


@contextlib.contextmanager
def hold_ports(ports: Iterable[int], network: str) -> Iterator[None]:
    """Hold these host ports against the other test processes on this machine while a test uses them.

    On the host's network a container's port is the host's: two test runs on one machine (a CI run beside a
    developer's `pytest -k`) would otherwise collide on an example's fixed port. Locks are taken in order, so two
    holders of overlapping sets cannot deadlock; on a bridge network nothing is shared and nothing is held."""
    if network != "host":
        yield
        return
    PORT_LOCKS.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        for port in sorted(set(ports)):
            handle = held.enter_context((PORT_LOCKS / f"{port}.lock").open("w", encoding="utf-8"))
            _lock(handle.fileno(), port)
        yield


def _lock(fd: int, port: int) -> None:
    if not lock_within(fd, PORT_WAIT, lambda: None):
        raise EngineError(f"host port {port} stayed held by another test process for {PORT_WAIT:.0f} s")
