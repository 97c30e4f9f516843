"""The project's .scaffold.yaml: which template made the Docker files, with which answers, and what it wrote.

It is scaffold's own file: rewritten whole on each init/update (keeping the user's `config:` section),
deterministic (no timestamps) so that a re-run with nothing changed leaves it byte-identical.
`generated` keeps the template's pristine output: the base of the next update's 3-way merge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from scaffold.config import CONFIG_SECTION, TeamConfig, policy_digest
from scaffold.errors import InputError, TemplateError
from scaffold.models import Value
from scaffold.project import ProjectDir
from scaffold.yaml_file import MAX_BYTES, load_yaml

RECORD_FILE = ".scaffold.yaml"
FORMAT = 1
_HEADER = (
    "# Written by scaffold: the template and answers that generated this project's Docker files.\n"
    "# `scaffold init` uses these answers as defaults; `scaffold update` merges template changes; keep it in git.\n"
)


@dataclass(frozen=True)
class TemplateRef:
    """Where a template came from, enough to fetch the same version again."""

    kind: str
    """builtin | plugin (a language package's own template) | path | zip | git"""
    location: str
    """The language for builtin and plugin, else the path, zip or URL as given."""
    ref: str | None = None
    commit: str | None = None
    directory: str | None = None
    version: str | None = None
    """scaffold's version for builtin templates; the plugin package's version for plugin ones (ref: its name)."""

    def describe(self) -> str:
        if self.kind == "builtin":
            return f"built-in {self.location} template (scaffold {self.version})"
        if self.kind == "plugin":
            return f"{self.location} template of the plugin {self.ref} {self.version}"
        at = f"@{self.ref}" if self.ref else ""
        commit = f" ({self.commit[:12]})" if self.commit else ""
        sub = f" [{self.directory}]" if self.directory else ""
        return f"{self.location}{at}{sub}{commit}"

    def as_dict(self) -> dict[str, str]:
        raw = {
            "kind": self.kind,
            "location": self.location,
            "ref": self.ref,
            "commit": self.commit,
            "directory": self.directory,
            "version": self.version,
        }
        return {k: v for k, v in raw.items() if v is not None}


@dataclass(frozen=True)
class TeamApplied:
    """Which team config's policy (mirror, images, labels, dockerignore, defaults) was applied, by digest."""

    source: str
    digest: str


@dataclass(frozen=True)
class Record:
    template: TemplateRef
    language: str
    answers: Mapping[str, Value]
    generated: Mapping[str, str]
    """The template's output, path → text (the next update's merge base)."""
    written: Mapping[str, str] = field(default_factory=dict)
    """path → sha256 of the bytes scaffold left on disk (absent: the user kept their own file)."""
    config: Any = None
    """The user's `config:` section, carried over untouched."""
    conflicts: tuple[str, ...] = ()
    """Files the last update left with conflict markers: once resolved, the user's resolution is the baseline."""
    team: TeamApplied | None = None
    """The team config whose policy shaped the files (None: no team policy)."""

    @staticmethod
    def of(
        template: TemplateRef,
        language: str,
        answers: Mapping[str, Value],
        generated: Mapping[str, bytes],
        written: Mapping[str, bytes],
        config: Any,
        conflicts: Sequence[str] = (),
        team: TeamApplied | None = None,
    ) -> Record:
        """A record from the template's output and the bytes scaffold leaves on disk."""
        return Record(
            template,
            language,
            answers,
            {p: b.decode("utf-8", "replace") for p, b in generated.items()},
            {p: sha256(b) for p, b in written.items()},
            config,
            tuple(sorted(conflicts)),
            team,
        )

    def dump(self) -> bytes:
        data: dict[str, Any] = {
            "format": FORMAT,
            "template": self.template.as_dict(),
            "language": self.language,
            "answers": dict(self.answers),
            "written": dict(sorted(self.written.items())),
            "generated": dict(sorted(self.generated.items())),
        }
        if self.conflicts:
            data["conflicts"] = list(self.conflicts)
        if self.team is not None:
            data["team_config"] = {"source": self.team.source, "sha256": self.team.digest}
        if self.config is not None:
            data[CONFIG_SECTION] = self.config
        out = (_HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)).encode()
        if len(out) > MAX_BYTES:
            raise TemplateError(
                f"{RECORD_FILE} would be {len(out) >> 20} MB (limit {MAX_BYTES >> 20} MB): the template's files are "
                "too large to record"
            )
        return out


def team_applied(team: TeamConfig, language: str) -> TeamApplied | None:
    """What to record of the team config in force: its source and the digest of its policy, if any."""
    digest = policy_digest(team, language)
    return None if digest is None else TeamApplied(team.origin, digest)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_raw(root: Path) -> dict[str, Any] | None:
    """The parsed .scaffold.yaml, or None when there is none."""
    path = root / RECORD_FILE
    if not path.is_file():
        return None
    ProjectDir(root).path(RECORD_FILE)  # a record symlinked to a file outside the project is refused
    data = load_yaml(path, RECORD_FILE)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(RECORD_FILE, "expected a mapping at the top level")
    return data


def parse(data: Mapping[str, Any]) -> Record | None:
    """The recorded generation, or None if the file holds only a `config:` section."""
    if "template" not in data:
        return None
    tpl = data.get("template")
    if not isinstance(tpl, dict) or not isinstance(tpl.get("kind"), str) or not isinstance(tpl.get("location"), str):
        raise InputError(RECORD_FILE, "template: expected a mapping with kind and location")
    language = data.get("language")
    if not isinstance(language, str):
        raise InputError(RECORD_FILE, "language: expected a string")
    answers = _mapping(data, "answers", (str, bool))
    generated = _mapping(data, "generated", (str,))
    written = _mapping(data, "written", (str,))
    for key in ("generated", "written"):
        _inside(key, data.get(key) or {})
    ref = TemplateRef(**{k: str(v) for k, v in tpl.items() if k in TemplateRef.__dataclass_fields__})
    conflicts = data.get("conflicts") or []
    if not isinstance(conflicts, list) or not all(isinstance(c, str) for c in conflicts):
        raise InputError(RECORD_FILE, "conflicts: expected a list of file names")
    _inside("conflicts", conflicts)
    team = data.get("team_config")
    applied = None
    if team is not None:
        if not isinstance(team, dict) or not all(isinstance(team.get(k), str) for k in ("source", "sha256")):
            raise InputError(RECORD_FILE, "team_config: expected a mapping with source and sha256")
        applied = TeamApplied(team["source"], team["sha256"])
    return Record(ref, language, answers, generated, written, data.get(CONFIG_SECTION), tuple(conflicts), applied)


def _inside(key: str, paths: Any) -> None:
    """Recorded paths name files of the project: check and update read them, so none may lead outside it."""
    for path in paths:
        pure = PurePosixPath(str(path))
        if not str(path) or pure.is_absolute() or any(p in ("..", ".") for p in pure.parts) or "\\" in str(path):
            raise InputError(RECORD_FILE, f"{key}: {str(path)[:80]!r} is not a path inside the project")


def _mapping(data: Mapping[str, Any], key: str, types: tuple[type, ...]) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(v, types) for v in value.values()):
        raise InputError(RECORD_FILE, f"{key}: expected a mapping of names to {'/'.join(t.__name__ for t in types)}")
    return {str(k): v for k, v in value.items()}


_BASE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it (the pure-Python one takes seconds per MB of recorded files)."""


class _Dumper(_BASE_DUMPER):  # type: ignore[misc]
    """Multi-line strings as literal blocks, so the recorded files stay readable and diffable."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
