"""The steps init, update/check and `templates validate` share, written once.

Load what scaffold knows of a project (its record, the team config, what was detected), choose the
template, stack the option layers, resolve + decide + render + apply the image policy
(`TemplateSession`), and write the files with the new record in one transaction. `commands/init.py` and
`commands/update.py` (update, check) are thin callers of these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import options as opts
from scaffold import record, writer
from scaffold.config import TeamConfig, find
from scaffold.errors import UsageError
from scaffold.models import Detection, FileChange, FileResult, Options, Origin, Resolved, Variable
from scaffold.project import ProjectDir
from scaffold.providers import decide, detect_all
from scaffold.template import image_policy as images
from scaffold.template import sources
from scaffold.template.render import is_trusted, read_variables, render


def project_root(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"{path}: no such directory")
    if not path.is_dir():
        raise UsageError(f"{path}: not a directory")
    return path.resolve()


@dataclass(frozen=True)
class ProjectState:
    """What scaffold knows of a project before generating: its record, the team config, detection."""

    root: Path
    raw: Mapping[str, Any] | None
    recorded: record.Record | None
    team: TeamConfig
    found: list[Detection]


def load_state(path: Path, config: Path | None, sets: Mapping[str, str] | None = None) -> ProjectState:
    """The project's record, team config and detection; `sets` (--set) and recorded answers steer detection."""
    root = project_root(path)
    raw = record.read_raw(root)
    recorded = record.parse(raw) if raw else None
    hints = {k: v for k, v in (recorded.answers if recorded else {}).items() if isinstance(v, str)}
    hints |= dict(sets or {})
    return ProjectState(root, raw, recorded, find(config, raw), detect_all(ProjectDir(root), hints))


def template_ref(
    req_template: str | None, directory: str | None, state: ProjectState, language: str
) -> record.TemplateRef:
    """--template beats the recorded template, which beats the team's, which beats the built-in one."""
    if req_template is not None:
        return sources.ref_from_spec(req_template, directory)
    if state.recorded is not None and state.recorded.language == language:
        return state.recorded.template
    if state.team.template:
        spec = sources.parse_spec(state.team.template)
        return record.TemplateRef(spec.kind, spec.location, spec.ref, directory=directory or state.team.directory)
    return record.TemplateRef("builtin", language)


def layers_below(state: ProjectState, detection: Detection) -> list[opts.Layer]:
    """Recorded answers > team defaults > detected facts (each option falls through to the template default)."""
    out = []
    if state.recorded is not None and state.recorded.language == detection.language:
        # Recorded answers may predate the template's current options: skip what it no longer accepts.
        out.append(opts.Layer.of(Origin.RECORD, state.recorded.answers, name=record.RECORD_FILE, strict=False))
    team_defaults = state.team.defaults.get(detection.language)
    if team_defaults:
        out.append(opts.Layer.of(Origin.TEAM, team_defaults, name=f"team config ({state.team.origin})"))
    out.append(
        opts.Layer(
            "detected",
            # A provider's own fallback is a default, not a detection: say so rather than "detected: default".
            {
                f.key: Resolved(f.value, "default", Origin.DEFAULT)
                if f.source == "default"
                else Resolved(f.value, f"detected: {f.source}", Origin.DETECTED)
                for f in detection.facts
            },
            strict=False,
        )
    )
    return out


@dataclass(frozen=True)
class TemplateSession:
    """One checked-out template for one detection: resolves option layers and renders the files."""

    template: Path
    detection: Detection
    variables: Sequence[Variable]
    trust: bool
    """--trust: the template's hooks may run and its Jinja renders unsandboxed."""

    @staticmethod
    def open(template: Path, detection: Detection, trust: bool = False) -> TemplateSession:
        return TemplateSession(template, detection, read_variables(template), trust)

    def resolve(self, layers: Sequence[opts.Layer]) -> Options:
        """Every option through the precedence chain, then what the provider derives from them."""
        trusted = is_trusted(self.template, self.trust)
        resolved = opts.resolve(self.detection.language, self.variables, layers, trusted=trusted)
        decided = decide(self.detection, resolved)
        if decided == resolved:
            return decided
        # What the provider derived (a Debian release from an overridden Python version) feeds the template's own
        # derived defaults too.
        return opts.rederive(self.variables, decided, trusted=trusted)

    def render(self, options: Options, team: TeamConfig) -> dict[str, bytes]:
        """The template's files for `options`, with the team's image policy applied."""
        return images.apply_policy(render(self.template, options.context(), trust=self.trust), team)


def write_with_record(
    root: Path,
    changes: Sequence[FileChange],
    overwrite: set[str],
    rec: record.Record,
    no_backup: set[str] | None = None,
) -> list[FileResult]:
    """Apply the changes and the new .scaffold.yaml in one all-or-nothing transaction."""
    [record_change] = writer.plan({record.RECORD_FILE: rec.dump()}, root)
    return writer.apply(
        [*changes, record_change],
        root,
        overwrite | {record.RECORD_FILE},
        no_backup=(no_backup or set()) | {record.RECORD_FILE},
    )
