"""The service catalogue (scaffold/catalogue/services.toml): read here and nowhere else.

A service row says how compose runs it (image, port, healthcheck, volume, environment, secret) and which
connection variables an app reads to reach it; the dependency rows say which dependency means which service.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from scaffold import catalogue


@dataclass(frozen=True)
class Service:
    """One backing service as compose.yaml starts it."""

    key: str
    name: str
    """The compose service name, also the host name the app connects to."""
    image: str
    port: int
    healthcheck: tuple[str, ...]
    volume: str
    env: tuple[tuple[str, str], ...]
    variables: tuple[str, ...]
    """Connection variables an app may read; the first is set when the code reads none of them."""
    url: str
    secret: str = ""
    """The file under .secrets/ holding the password ("" for none)."""
    secret_env: str = ""
    """The image's *_FILE variable that reads the secret."""
    password_env: str = ""
    """For an image with no *_FILE variable: the variable that gets the interpolated password."""

    @property
    def password_variable(self) -> str:
        """The variable `make up` exports from the secret file (compose interpolates it), "" for none."""
        return self.secret.upper() if self.secret else ""

    def environment(self) -> dict[str, str]:
        """The service container's environment: its own, then where its password comes from (never the password)."""
        env = dict(self.env)
        if self.secret_env:
            env[self.secret_env] = f"/run/secrets/{self.secret}"
        if self.password_env:
            env[self.password_env] = f"${{{self.password_variable}:?run make up, which creates .secrets/{self.secret}}}"
        return env

    def template_data(self) -> dict[str, Any]:
        """Plain data for the compose template (strings, lists and dicts only)."""
        return {
            "key": self.key,
            "name": self.name,
            "image": self.image,
            "port": self.port,
            "healthcheck": list(self.healthcheck),
            "volume": self.volume,
            "env": self.environment(),
            "url": self.url,
            "secret": self.secret,
            "secret_env": self.secret_env,
            "password_env": self.password_env,
            "password_variable": self.password_variable,
        }


@cache
def _data() -> dict[str, Any]:
    return catalogue.load("services")


@cache
def services() -> dict[str, Service]:
    """Every service by its catalogue key (postgres, redis, …)."""
    out = {}
    for key, row in _data().get("services", {}).items():
        out[key] = Service(
            key=key,
            name=str(row["name"]),
            image=str(row["image"]),
            port=int(row["port"]),
            healthcheck=tuple(str(w) for w in row["healthcheck"]),
            volume=str(row["volume"]),
            env=tuple((str(k), str(v)) for k, v in row.get("env", {}).items()),
            variables=tuple(str(v) for v in row["variables"]),
            url=str(row["url"]),
            secret=str(row.get("secret", "")),
            secret_env=str(row.get("secret_env", "")),
            password_env=str(row.get("password_env", "")),
        )
    return out


def dependency_rows(language: str) -> dict[str, str]:
    """Dependency name (or `prefix*` pattern) -> service key, for `language`."""
    return {str(k): str(v) for k, v in _data().get("dependencies", {}).get(language, {}).items()}


def service_for(language: str, dependency: str) -> str | None:
    """The service a dependency of `language` means, None when it means none."""
    rows = dependency_rows(language)
    if dependency in rows:
        return rows[dependency]
    return next((s for pattern, s in rows.items() if "*" in pattern and fnmatch.fnmatchcase(dependency, pattern)), None)


def prisma_provider(provider: str) -> str | None:
    """The service a Prisma datasource provider ("postgresql", "mysql", …) means."""
    value = _data().get("prisma", {}).get(provider)
    return str(value) if value is not None else None


def dependency_variables(language: str, dependency: str) -> dict[str, tuple[str, ...]]:
    """Extra connection variables a dependency reads (Celery's broker) -> the services it may point at, preferred
    first."""
    table = _data().get("dependency_variables", {}).get(language, {}).get(dependency, {})
    return {str(var): tuple(str(s) for s in services) for var, services in table.items()}


def manifests(language: str) -> tuple[str, ...]:
    """Files whose change needs a rebuild in the dev loop."""
    return tuple(str(v) for v in _data().get("manifests", {}).get(language, ()))


def for_template() -> dict[str, dict[str, Any]]:
    """The catalogue as the compose templates read it: `services[key].image`, …"""
    return {key: s.template_data() for key, s in services().items()}


@dataclass(frozen=True)
class WorkerRow:
    """A dependency whose command line runs a worker process from the app's image."""

    dependency: str
    name: str
    command: tuple[str, ...]
    marker: str = ""
    variables: tuple[tuple[str, str], ...] = ()


def worker_rows(language: str) -> tuple[WorkerRow, ...]:
    """The worker rows of `language`, in catalogue order."""
    table = _data().get("workers", {}).get(language, {})
    return tuple(
        WorkerRow(
            dependency=str(dep),
            name=str(row["name"]),
            command=tuple(str(w) for w in row["command"]),
            marker=str(row.get("marker", "")),
            variables=tuple((str(k), str(v)) for k, v in row.get("variables", {}).items()),
        )
        for dep, row in table.items()
    )


def is_worker_program(name: str) -> bool:
    """Whether a program (a Go binary named after its cmd/ folder) is a worker by its name (`worker_programs`)."""
    names = {str(n) for n in _data().get("worker_programs", {}).get("names", ())}
    return any(word in names for word in re.split(r"[-_.]", name.lower()))
