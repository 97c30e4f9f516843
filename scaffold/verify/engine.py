"""The container engine client: any docker-compatible CLI (docker, podman, nerdctl), run as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.errors import UsageError


def choose_binary(option: str | None) -> str:
    """--engine, else $SCAFFOLD_DOCKER, else $DOCKER (as the generated Makefile reads it), else `docker`."""
    return option or os.environ.get("SCAFFOLD_DOCKER") or os.environ.get("DOCKER") or "docker"


@dataclass(frozen=True)
class Done:
    """A finished engine command."""

    code: int
    out: str
    """stdout and stderr together (what a user would read), or stdout alone when called with `apart`."""
    seconds: float
    err: str = ""
    """stderr, when called with `apart`."""


@dataclass(frozen=True)
class Engine:
    binary: str

    @staticmethod
    def open(option: str | None) -> Engine:
        """The engine named by option/env; a UsageError (exit 2) when it is not installed or does not answer."""
        name = choose_binary(option)
        if shutil.which(name) is None:
            raise UsageError(f"engine {name!r} not found (choose one with --engine or $DOCKER)")
        engine = Engine(name)
        done = engine.call("version", "--format", "{{.Server.Version}}", timeout=30)
        if done.code != 0:
            done = engine.call("info", timeout=30)  # podman's version template differs; info works on both
        if done.code != 0:
            last = (done.out.strip().splitlines() or ["no output"])[-1]
            raise UsageError(f"engine {name!r} does not answer: {last}")
        return engine

    @property
    def is_podman(self) -> bool:
        return Path(self.binary).name.startswith("podman")

    def lacks_default_network(self) -> bool:
        """True when the engine answers `network ls` without its default network but with the host's: a daemon
        started with `--bridge=none` (some CI runners and sandboxes), where every build step that runs a command
        fails with "network bridge not found" unless it runs on the host's network."""
        done = self.call("network", "ls", "--format", "{{.Name}}", timeout=30, apart=True)
        names = set(done.out.split())
        return done.code == 0 and "host" in names and not names & {"bridge", "podman"}

    def call(self, *args: str, timeout: float = 1800, stdin: bytes | None = None, apart: bool = False) -> Done:
        """Run one engine command (the only place scaffold and its tests run one).

        Output is stdout and stderr together, as a user would read it; `apart` keeps stderr apart (for
        output that is parsed: JSON, --format lists).
        """
        env = {**os.environ, "DOCKER_BUILDKIT": "1"}
        start = time.monotonic()
        try:
            proc = subprocess.run(
                [self.binary, *args],
                input=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if apart else subprocess.STDOUT,
                timeout=timeout,
                check=False,
                env=env,
            )
        except subprocess.TimeoutExpired as exc:
            out = exc.output.decode("utf-8", "replace") if isinstance(exc.output, bytes) else ""
            return Done(124, out + f"\n(timed out after {timeout:.0f} s)", time.monotonic() - start)
        err = proc.stderr.decode("utf-8", "replace") if apart else ""
        return Done(proc.returncode, proc.stdout.decode("utf-8", "replace"), time.monotonic() - start, err)

    def build(
        self, context: Path, dockerfile: Path, tag: str | None, flags: tuple[str, ...], target: str | None = None
    ) -> Done:
        args = ["build", *flags, "-f", str(dockerfile)]
        if not self.is_podman:
            args.append("--progress=plain")  # step-by-step output: which steps were CACHED
        if tag:
            args += ["-t", tag]
        if target:
            args += ["--target", target]
        return self.call(*args, str(context))

    def inspect(self, ref: str) -> dict[str, Any] | None:
        done = self.call("image", "inspect", ref, timeout=60)
        if done.code != 0:
            return None
        data: list[dict[str, Any]] = json.loads(done.out)
        return data[0] if data else None

    def save(self, ref: str, dest: Path) -> Done:
        return self.call("save", "-o", str(dest), ref, timeout=900)

    def export(self, container: str, dest: Path) -> Done:
        """The container's filesystem as a tar file (works on images without a shell)."""
        return self.call("export", "-o", str(dest), container, timeout=900)

    def remove_container(self, name: str) -> None:
        self.call("rm", "-f", name, timeout=60)

    def remove_image(self, ref: str) -> None:
        self.call("image", "rm", "-f", ref, timeout=120)
