"""A thin client for the real Docker engine, used by the image tests and the benchmark.

The docker binary is chosen with SCAFFOLD_DOCKER (default: /usr/bin/docker when present, since a newer
client earlier on PATH may lack buildx and fall back to the legacy builder). Builds and runs use the
host network (SCAFFOLD_DOCKER_NETWORK, default `host`) because the engine here runs without a bridge.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def docker_binary() -> str:
    chosen = os.environ.get("SCAFFOLD_DOCKER")
    if chosen:
        return chosen
    return "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")


class EngineError(AssertionError):
    """A docker command failed; the message carries its output."""


@dataclass(frozen=True)
class Engine:
    binary: str
    network: str

    @staticmethod
    def from_env() -> Engine:
        return Engine(docker_binary(), os.environ.get("SCAFFOLD_DOCKER_NETWORK", "host"))

    def available(self) -> str | None:
        """None when the engine answers, else why not."""
        try:
            proc = subprocess.run(
                [self.binary, "info", "--format", "{{.ServerVersion}}"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{self.binary}: {exc}"
        return None if proc.returncode == 0 else f"{self.binary} info: {proc.stderr.strip()[:200]}"

    def run_cmd(self, *args: str, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DOCKER_BUILDKIT": "1"}
        proc = subprocess.run(
            [self.binary, *args], capture_output=True, text=True, timeout=timeout, check=False, env=env
        )
        if check and proc.returncode != 0:
            raise EngineError(f"docker {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

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
            proc = subprocess.run([self.binary, "export", cid], capture_output=True, timeout=300, check=True)
        finally:
            self.run_cmd("rm", "-f", cid, check=False)
        with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
            return {"/" + m.name.lstrip("./") for m in tar.getmembers()}

    def run(self, image: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return self.run_cmd("run", "--rm", "--network", self.network, image, *args, timeout=timeout, check=False)

    def start(self, image: str, name: str, env: dict[str, str] | None = None) -> None:
        envs = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        self.run_cmd("rm", "-f", name, check=False)
        self.run_cmd("run", "-d", "--name", name, "--network", self.network, *envs, image)

    def stop(self, name: str, grace: int) -> int:
        """Stop with `grace` seconds before SIGKILL; return the container's exit code (137 = was killed)."""
        self.run_cmd("stop", "-t", str(grace), name, timeout=grace + 60)
        code = int(self.run_cmd("inspect", "-f", "{{.State.ExitCode}}", name).stdout.strip())
        self.run_cmd("rm", "-f", name, check=False)
        return code

    def logs(self, name: str) -> str:
        proc = self.run_cmd("logs", name, check=False)
        return proc.stdout + proc.stderr

    def remove_image(self, ref: str) -> None:
        self.run_cmd("image", "rm", "-f", ref, check=False)

    def tag(self, source: str, target: str) -> None:
        self.run_cmd("tag", source, target)


def wait_for_http(url: str, seconds: float = 60) -> str:
    """The body of the first successful GET of url, polling for at most `seconds`."""
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                body: bytes = resp.read()
                return body.decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = str(exc)
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds}s: {last}")
