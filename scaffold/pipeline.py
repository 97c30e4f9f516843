"""The steps init, update/check and `templates validate` share, written once.

Load what scaffold knows of a project (its record, the team config, what was detected), choose the
template, then `generate()`: check out the template, stack the option layers, resolve + decide + render +
apply the image policy, and return the files with the record that describes them. The commands
(init, update, check, templates validate) call `generate()` and decide only what to do with its result;
`write_with_record` writes the files and the record in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scaffold import bake, record, writer
from scaffold import options as opts
from scaffold.config import TeamConfig, find
from scaffold.errors import UsageError
from scaffold.models import Detection, FileChange, FileResult, Options, Origin, Resolved, Value, Variable
from scaffold.project import ProjectDir
from scaffold.providers import decide, detect_all
from scaffold.providers.base import DIRECTORY_NAME
from scaffold.template import image_policy as images
from scaffold.template import sources
from scaffold.template.meta import internal_options
from scaffold.template.render import check_outputs, is_trusted, read_variables, render


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


def trusted(given: str | None, ref: record.TemplateRef, team: TeamConfig) -> bool:
    """Whether this run trusts the template `ref`: trust belongs to a source, never to whatever the project names.

    `--trust SOURCE` must name the template the run uses (a .scaffold.yaml changed to point elsewhere is not
    trusted by `update --trust <old source>`: that is refused). A team config's `trust: true` trusts that
    config's own `template` only, and never from a project's `config:` section (config.py refuses it there).
    """
    if given is not None:
        if not sources.same_source(given, ref):
            used = ref.describe() if ref.kind == "builtin" else sources.source_text(ref)
            raise UsageError(
                f"--trust {given}: this run's template is {used}, not that source; nothing was run or written "
                "(trust names the template source you mean to run)"
            )
        return True
    return bool(team.trust and team.template and sources.same_source(team.template, ref))


def announce_trust(template: Path, ref: record.TemplateRef, trust: bool, note: Callable[[str], None] | None) -> None:
    """Name the trusted source before any of its hooks runs; say so when hooks are skipped."""
    if note is None or ref.kind == "builtin":
        return
    hooks_dir = template / "hooks"
    hooks = sorted(p.name for p in hooks_dir.iterdir() if p.is_file()) if hooks_dir.is_dir() else []
    shown = sources.source_text(ref)
    if trust:
        note(f"trusted template source {shown}" + (f": running its hooks ({', '.join(hooks)})" if hooks else ""))
    elif hooks:
        note(f"template {shown} has hooks ({', '.join(hooks)}); not run (pass --trust {shown} to run them)")


@dataclass(frozen=True)
class TemplateSession:
    """One checked-out template for one detection: resolves option layers and renders the files."""

    template: Path
    detection: Detection
    variables: Sequence[Variable]
    trust: bool
    """--trust: the template's hooks may run and its Jinja renders unsandboxed."""
    ref: record.TemplateRef | None = None
    """The exact version checked out (what is recorded); its description names the template in errors."""
    hidden: frozenset[str] = frozenset()
    """The template's `__internal__` variables (hidden from the default tables)."""

    @staticmethod
    def open(
        template: Path, detection: Detection, trust: bool = False, ref: record.TemplateRef | None = None
    ) -> TemplateSession:
        return TemplateSession(template, detection, read_variables(template), trust, ref, internal_options(template))

    @property
    def shown(self) -> str:
        """The template as the user named it (never the temporary checkout)."""
        return self.ref.describe() if self.ref is not None else str(self.template)

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
        files = render(self.template, options.context(), trust=self.trust, shown=self.shown)
        return images.apply_policy(files, team)


Resolver = Callable[[Mapping[str, Value]], Options]
"""Options for a set of prompt answers (the answers layer sits between --set and the record)."""
Chooser = Callable[[TemplateSession, Resolver], Options]
"""How the options are settled once the template is open: init asks at a terminal; the others resolve({})."""


@dataclass(frozen=True)
class Generation:
    """One render of a project: the template version, the settled options, the files, and their record."""

    state: ProjectState
    session: TemplateSession
    ref: record.TemplateRef
    options: Options
    files: dict[str, bytes]

    @property
    def language(self) -> str:
        return self.session.detection.language

    def answers(self) -> dict[str, Value]:
        """What the record keeps: the values a person chose, and those read from outside the repository.

        A value detected from the checkout's own directory name is not in the repository: a CI clone at
        another path would detect another one, so it is recorded like an answer (issue 19.4).
        """
        outside = {f.key for f in self.session.detection.facts if f.source in ENVIRONMENT_SOURCES}
        recorded = {k: r.value for k, r in self.options.values.items() if k in outside and r.origin is Origin.DETECTED}
        return {**recorded, **self.options.chosen()}

    def record(
        self, written: Mapping[str, bytes], conflicts: Sequence[str] = (), kept: Sequence[str] = ()
    ) -> record.Record:
        """The record of this render, with `written` the bytes scaffold leaves on disk.

        A file in `kept` (the user kept theirs) keeps the merge base it had: the user's file derives from
        that earlier render, not from this one, so the next update merges the change between them.
        """
        before = self.state.recorded.generated if self.state.recorded is not None else {}
        bases = {p: before[p].encode() for p in kept if p in before}
        return record.Record.of(
            template=self.ref,
            language=self.language,
            answers=self.answers(),
            generated={**self.files, **bases},
            written=written,
            config=(self.state.raw or {}).get("config"),
            conflicts=conflicts,
            team=record.team_applied(self.state.team, self.language),
        )


ENVIRONMENT_SOURCES = frozenset({DIRECTORY_NAME})
"""Fact sources that are not in the repository (a clone elsewhere would detect otherwise): recorded."""


def generate(
    state: ProjectState,
    detection: Detection,
    ref: record.TemplateRef,
    sets: Mapping[str, str] | None = None,
    *,
    trust: str | None = None,
    warn: Callable[[str], None] | None = None,
    choose: Chooser | None = None,
) -> Generation:
    """checkout → trust (by source) → resolve (--set > answers > record > team > detected > default) → decide →
    render → policy."""
    with sources.checkout(ref, detection.language, warn) as (template, resolved_ref):
        trust_it = trusted(trust, resolved_ref, state.team)
        announce_trust(template, resolved_ref, trust_it, warn)
        return generate_in(template, resolved_ref, state, detection, sets, trust=trust_it, choose=choose)


def generate_in(
    template: Path,
    resolved_ref: record.TemplateRef,
    state: ProjectState,
    detection: Detection,
    sets: Mapping[str, str] | None = None,
    *,
    trust: bool = False,
    choose: Chooser | None = None,
) -> Generation:
    """`generate` in a template already checked out (templates validate renders one checkout many times)."""
    session = TemplateSession.open(template, detection, trust, resolved_ref)
    fixed = opts.Layer.of(Origin.SET, sets or {})
    below = layers_below(state, detection)

    def resolve(answers: Mapping[str, Value]) -> Options:
        return session.resolve([fixed, opts.Layer.of(Origin.ANSWER, answers), *below])

    options = choose(session, resolve) if choose is not None else resolve({})
    files = session.render(options, state.team)
    files |= _app_dockerfiles(session, state, detection, options, sets or {})
    return Generation(state, session, resolved_ref, options, files)


PER_APP = (bake.APP_OPTION, "app_name", "port", "bake", "compose", "ci")
"""Values that belong to the one app a render is for: not carried over to the other apps' Dockerfiles."""


def _app_dockerfiles(
    session: TemplateSession, state: ProjectState, detection: Detection, options: Options, sets: Mapping[str, str]
) -> dict[str, bytes]:
    """A workspace with several apps (docker-bake.hcl): each other app's Dockerfile, rendered from the same template
    with `workspace_app` set to it (its own detection, the same --set values, record and team config)."""
    out: dict[str, bytes] = {}
    for file, directory in bake.extra_dockerfiles(options).items():
        given = {k: v for k, v in sets.items() if k not in PER_APP}
        hints = {k: v for k, v in (state.recorded.answers if state.recorded else {}).items() if isinstance(v, str)}
        found = detect_all(ProjectDir(state.root), {**hints, **given, bake.APP_OPTION: directory})
        app = next((d for d in found if d.language == detection.language), None)
        if app is None:
            continue
        sub = TemplateSession.open(session.template, app, session.trust, session.ref)
        fixed = opts.Layer.of(Origin.SET, {**given, bake.APP_OPTION: directory, "bake": "no"})
        # The record's answers are the default app's: those that belong to it alone stay with it.
        below = [
            replace(layer, values={k: v for k, v in layer.values.items() if k not in PER_APP})
            if layer.name == record.RECORD_FILE
            else layer
            for layer in layers_below(state, app)
        ]
        rendered = sub.render(sub.resolve([fixed, *below]), state.team)
        out[file] = rendered["Dockerfile"]
    if out:  # declared in the template's __outputs__ (`*.Dockerfile`) like any file past the standard three
        check_outputs(session.template, out, trust=session.trust, shown=session.shown)
    return out


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
