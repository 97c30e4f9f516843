"""Bring up what a generated compose.yaml describes on an engine without `docker compose`.

No compose v2 binary ships on PyPI or the npm registry, and Debian's docker-compose 1.x rejects the newer
keys (develop); this daemon also has no bridge network. So, as the issue allows, this reads compose.yaml and
applies a host-network override: each backing service runs with `docker run --network host` (its image,
environment and secrets as compose.yaml says), waits for its own healthcheck, and the app's connection
variables point at 127.0.0.1 instead of the service names. What is exercised is the generated file itself.
"""

from __future__ import annotations

import re
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.engine import Engine

PREFIX = "h-compose-e2e"
_INTERPOLATION = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?::?[-?][^}]*)?\}")


@dataclass(frozen=True)
class Up:
    """The running services: each app service's environment once compose interpolation and the override applied
    (the app's, and its workers'), and the workers compose.yaml runs from the app's image."""

    app_env: dict[str, str]
    containers: tuple[str, ...]
    envs: dict[str, dict[str, str]]
    workers: dict[str, dict[str, Any]]


def load(project: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    return doc


def make_secrets(project: Path, doc: dict[str, Any]) -> dict[str, str]:
    """What `make up` does: a random password per secret file, exported as NAME_PASSWORD for interpolation."""
    exported = {}
    for name, spec in (doc.get("secrets") or {}).items():
        path = project / spec["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_hex(16), encoding="utf-8")
        exported[name.upper()] = path.read_text(encoding="utf-8")
    return exported


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} (the forms scaffold writes)."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in env:
            return env[name]
        if ":?" in match.group(0):
            raise AssertionError(f"compose would refuse: {match.group(0)} is unset")
        return ""

    return _INTERPOLATION.sub(one, value)


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _wait_healthy(engine: Engine, container: str, test: list[str], seconds: float = 90) -> None:
    assert test[0] == "CMD", f"healthcheck {test} is not exec form"
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        done = engine.run_cmd("exec", container, *test[1:], check=False, timeout=30)
        if done.returncode == 0:
            return
        last = done.stdout + done.stderr
        time.sleep(0.5)
    raise AssertionError(f"{container} not healthy within {seconds}s: {last}\n{engine.logs(container)}")


@contextmanager
def services_up(engine: Engine, project: Path) -> Iterator[Up]:
    """Start every service the app depends on, healthy; yield the app's environment; remove them after."""
    doc = load(project)
    exported = make_secrets(project, doc)
    app = doc["services"]["app"]
    started: list[str] = []
    hosts: dict[str, int] = {}
    try:
        for name in app.get("depends_on") or {}:
            spec = doc["services"][name]
            port = _service_port(spec)
            assert _port_free(port), f"port {port} is taken on this machine: {name} cannot start with host networking"
            container = f"{PREFIX}-{name}-{secrets.token_hex(4)}"
            args = ["run", "-d", "--name", container, "--network", engine.network]
            for key, value in (spec.get("environment") or {}).items():
                args += ["-e", f"{key}={interpolate(str(value), exported)}"]
            for secret in spec.get("secrets") or []:
                source = (project / doc["secrets"][secret]["file"]).resolve()
                args += ["-v", f"{source}:/run/secrets/{secret}:ro"]
            engine.run_cmd(*args, spec["image"])
            started.append(container)
            _wait_healthy(engine, container, spec["healthcheck"]["test"])
            hosts[name] = port
        # A worker: built from the app's Dockerfile like the app, with a command of its own (and no ports).
        workers = {
            name: spec
            for name, spec in doc["services"].items()
            if name not in ("app", "dev") and "build" in spec and "command" in spec
        }
        envs = {name: _environment(spec, exported, hosts) for name, spec in {"app": app, **workers}.items()}
        yield Up(envs["app"], tuple(started), envs, workers)
    finally:
        for container in started:
            engine.run_cmd("rm", "-f", "-v", container, check=False)


def _environment(spec: dict[str, Any], exported: dict[str, str], hosts: dict[str, int]) -> dict[str, str]:
    env = {}
    for key, value in (spec.get("environment") or {}).items():
        if value is None:
            continue  # a pass-through: unset here, as compose leaves it when the shell has none
        text = interpolate(str(value), exported)
        for host, port in hosts.items():
            # The host-network override: service name -> 127.0.0.1, as an override file would say.
            text = re.sub(rf"(?<=[@/]){re.escape(host)}:{port}\b", f"127.0.0.1:{port}", text)
        env[key] = text
    return env


@contextmanager
def workers_up(engine: Engine, image: str, up: Up) -> Iterator[tuple[str, ...]]:
    """Run each worker service as compose would: the app's image, the worker's environment, `init: true` and
    `entrypoint: []` as docker run's --init and --entrypoint "", its command; remove them after."""
    started: list[str] = []
    try:
        for name, spec in up.workers.items():
            container = f"{PREFIX}-{name}-{secrets.token_hex(4)}"
            args = ["run", "-d", "--name", container, "--network", engine.network]
            args += ["--init"] if spec.get("init") else []
            args += ["--entrypoint", ""] if spec.get("entrypoint") == [] else []
            args += [a for k, v in up.envs[name].items() for a in ("-e", f"{k}={v}")]
            assert isinstance(spec["command"], list), f"{name}'s command is not exec form"
            engine.run_cmd(*args, image, *spec["command"])
            started.append(container)
        yield tuple(started)
    finally:
        for container in started:
            engine.run_cmd("rm", "-f", container, check=False)


_PORTS = {"postgres": 5432, "redis": 6379, "mysql": 3306, "mariadb": 3306, "mongo": 27017, "rabbitmq": 5672}


def _service_port(spec: dict[str, Any]) -> int:
    family = spec["image"].split(":")[0].rsplit("/", 1)[-1]
    return _PORTS[family]
