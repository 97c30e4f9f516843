"""Team configuration: one YAML file, validated, with errors that name the file, the key and what is expected.

Found by, first hit wins: --config, $SCAFFOLD_CONFIG, the `config:` section of the project's
.scaffold.yaml, then the user's config dir ($XDG_CONFIG_HOME or ~/.config)/scaffold/config.yaml.
A project's `config:` section only narrows: it may not set `template`, `directory` or `trust`, and where
the user has a config of their own, that config's template (and its trust) still applies.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import values
from scaffold.errors import InputError
from scaffold.providers import languages
from scaffold.yaml_file import load_yaml

CONFIG_SECTION = "config"


@dataclass(frozen=True)
class TeamConfig:
    """What a team may set for every project it scaffolds."""

    origin: str = ""
    """Where this config came from, for messages ('' when there is none)."""
    template: str | None = None
    directory: str | None = None
    defaults: Mapping[str, Mapping[str, str | bool]] = field(default_factory=dict)
    registry_mirror: str = ""
    images: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    dockerignore: tuple[str, ...] = ()
    trust: bool = False
    """Trust this config's own `template` (its hooks run); never honoured from a project's `config:` section."""


_KEYS: dict[str, str] = {
    "template": "a string: a template directory, git URL (with @ref) or zip",
    "directory": "a string: the template's subfolder",
    "defaults": "a mapping of language (go, node, python) to a mapping of option: value",
    "registry_mirror": "a string prefix for every base image, like registry.example.com/mirror/",
    "images": "a mapping of image name to its replacement, like golang: golang:1.24-bookworm@sha256:…",
    "labels": "a mapping of OCI label: value",
    "dockerignore": "a list of extra .dockerignore lines",
    "trust": "true or false: trust this config's own template (run its hooks, render it unsandboxed)",
}
_REDIRECTS = ("template", "directory", "trust")
"""Keys a project's `config:` section may not set: a project narrows the policy, it never chooses the code."""


def parse(data: Any, origin: str, from_project: bool = False) -> TeamConfig:
    """Validate a config mapping; InputError names the origin, the key and what is expected.

    `from_project`: the `config:` section of a project's .scaffold.yaml, which may not name a template."""
    if data is None:
        return TeamConfig(origin=origin)
    if not isinstance(data, dict):
        raise InputError(origin, "expected a mapping of settings at the top level")
    for key in data:
        if key not in _KEYS:
            raise InputError(origin, f"unknown key {key!r} (known: {', '.join(_KEYS)})")
        if from_project and key in _REDIRECTS:
            raise InputError(
                origin,
                f"{key}: a project's config: section may set policy (mirror, images, labels, dockerignore, "
                "defaults) but not choose or trust a template; use --template, --config or your own config",
            )
    if not isinstance(data.get("trust", False), bool):
        raise InputError(origin, f"trust: expected {_KEYS['trust']}")

    def want(key: str, ok: bool) -> None:
        if not ok:
            raise InputError(origin, f"{key}: expected {_KEYS[key.split('.', maxsplit=1)[0]]}")

    for key in ("template", "directory", "registry_mirror"):
        want(key, data.get(key) is None or isinstance(data[key], str))
    defaults = data.get("defaults") or {}
    want("defaults", isinstance(defaults, dict))
    for lang, given in defaults.items():
        if lang not in languages():
            raise InputError(origin, f"defaults.{lang}: unknown language (known: {', '.join(languages())})")
        want(f"defaults.{lang}", isinstance(given, dict) and all(isinstance(k, str) for k in given))
        for k, v in given.items():
            want(f"defaults.{lang}.{k}", isinstance(v, str | bool | int | float))
    for key in ("images", "labels"):
        value = data.get(key) or {}
        want(key, isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))
    lines = data.get("dockerignore") or []
    want("dockerignore", isinstance(lines, list) and all(isinstance(x, str) for x in lines))
    mirror = data.get("registry_mirror")
    if isinstance(mirror, str) and mirror and not mirror.endswith("/"):
        data = {**data, "registry_mirror": mirror + "/"}  # a mirror is a prefix: "host/mirror" means "host/mirror/"
    _check_kinds(data, lines, origin)
    return TeamConfig(
        origin=origin,
        template=data.get("template"),
        directory=data.get("directory"),
        defaults={
            lang: {k: v if isinstance(v, bool) else str(v) for k, v in vals.items()} for lang, vals in defaults.items()
        },
        registry_mirror=data.get("registry_mirror") or "",
        images={str(k): v for k, v in (data.get("images") or {}).items()},
        labels={str(k): v for k, v in (data.get("labels") or {}).items()},
        dockerignore=tuple(lines),
        trust=bool(data.get("trust", False)),
    )


def _check_kinds(data: Mapping[str, Any], lines: list[str], origin: str) -> None:
    """Every value the policy writes into a Dockerfile or .dockerignore is of its kind (values.py)."""
    checks: list[tuple[str, str, str]] = []
    if data.get("registry_mirror"):
        checks.append(("registry_mirror", "image_prefix", data["registry_mirror"]))
    for name, image in (data.get("images") or {}).items():
        checks += [(f"images.{name}", "image", str(name)), (f"images.{name}", "image", image)]
    for key, value in (data.get("labels") or {}).items():
        checks += [(f"labels.{key}", "label_key", str(key)), (f"labels.{key}", "text", value)]
    checks += [(f"dockerignore[{i}]", "text", line) for i, line in enumerate(lines)]
    for where, kind, value in checks:
        try:
            values.check(values.kinds()[kind], value)
        except values.InvalidValue as exc:
            raise InputError(origin, f"{where}: {values.shown(value)} {exc}") from None


def user_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "scaffold" / "config.yaml"


def find(explicit: Path | None, project_record: Mapping[str, Any] | None) -> TeamConfig:
    """The team config in force, by the lookup order above; an empty one if none exists."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(str(explicit), "--config: no such file")
        return parse(load_yaml(explicit, str(explicit)), str(explicit))
    env = os.environ.get("SCAFFOLD_CONFIG")
    if env:
        path = Path(env)
        if not path.is_file():
            raise InputError(env, "$SCAFFOLD_CONFIG: no such file")
        return parse(load_yaml(path, env), env)
    user = user_config_path()
    mine = parse(load_yaml(user, str(user)), str(user)) if user.is_file() else None
    if project_record and project_record.get(CONFIG_SECTION) is not None:
        project = parse(project_record[CONFIG_SECTION], f".scaffold.yaml ({CONFIG_SECTION}:)", from_project=True)
        if mine is None:
            return project
        # The project narrows the policy; which template renders it stays the user's choice.
        return dataclasses.replace(project, template=mine.template, directory=mine.directory, trust=mine.trust)
    return mine or TeamConfig()


def policy_digest(team: TeamConfig, language: str) -> str | None:
    """sha256 of the policy a config contributes to `language`'s files; None when it contributes nothing.

    Canonical JSON, so the same policy written in another order or file hashes the same.
    """
    policy = {
        "registry_mirror": team.registry_mirror,
        "images": dict(sorted(team.images.items())),
        "labels": dict(sorted(team.labels.items())),
        "dockerignore": list(team.dockerignore),
        "defaults": dict(sorted((team.defaults.get(language) or {}).items())),
    }
    if not any(policy.values()):
        return None
    return hashlib.sha256(json.dumps(policy, sort_keys=True).encode()).hexdigest()
