"""`scaffold init`: detect → resolve → confirm → render → plan → apply → report.

Every decision (language, template, options, each conflict) is taken before writer.apply, the only
step that touches the project, so Ctrl-C at any prompt leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from scaffold import options as opts
from scaffold import record, starter, writer
from scaffold.commands.detect import internal_facts
from scaffold.errors import ConflictError, NotDetectedError, UsageError
from scaffold.models import (
    Action,
    Detection,
    FileChange,
    Options,
    Origin,
    Policy,
    Request,
    Value,
)
from scaffold.pipeline import (
    ProjectState,
    TemplateSession,
    layers_below,
    load_state,
    template_ref,
    write_with_record,
)
from scaffold.prompt import Asker, ask_options, confirm_recap
from scaffold.providers import languages, looked_for, titles
from scaffold.report import Reporter
from scaffold.runtime_notes import runtime_notes
from scaffold.stages import warn_missing_stages
from scaffold.template import sources
from scaffold.template.meta import internal_options


def init(req: Request, reporter: Reporter, asker: Asker | None) -> int:
    """`scaffold init`: returns the exit code; raises ScaffoldError for anything the user must fix."""
    state = load_state(req.path, req.config, req.sets)
    new_app = None if state.found or state.recorded is not None else starter.offer(state.root, req, reporter, asker)
    detection = new_app[0] if new_app else _choose(state, req, reporter, asker)
    detection = _without_overridden_notes(detection, req.sets)
    app_files = new_app[1] if new_app else {}
    ref = template_ref(req.template, req.directory, state, detection.language)

    with sources.checkout(ref, detection.language, reporter.note) as (template, resolved_ref):
        hidden = internal_options(template)
        reporter.detections([detection], hidden, req.verbose)
        reporter.note(f"template: {resolved_ref.describe()}")
        session = TemplateSession.open(template, detection, req.trust)
        fixed = [opts.Layer.of(Origin.SET, req.sets)]
        below = layers_below(state, detection)

        def resolve(answers: Mapping[str, Value]) -> Options:
            return session.resolve([*fixed, opts.Layer.of(Origin.ANSWER, answers), *below])

        if asker is not None:
            options = ask_options(session.variables, asker, resolve)
        else:
            if not req.assume_yes:
                reporter.note("no terminal to ask on: using the detected defaults (pass --yes to say so)")
            options = resolve({})
            reporter.options(options, hidden, req.verbose)
        generated = session.render(options, state.team)
    for note in runtime_notes(options):
        reporter.note(note)

    changes = writer.plan({**app_files, **generated}, state.root)
    if req.diff or req.dry_run:
        for change in changes:
            if req.diff and change.action is not Action.UNCHANGED:
                reporter.diff(change)
        reporter.plan(changes)
        return 0

    overwrite = _decide(changes, req.policy, reporter, asker, recorded=state.recorded is not None)
    kept = {c.path for c in changes if c.action is Action.CONFLICT and c.path not in overwrite}
    warn_missing_stages(state.root, kept, generated, reporter)
    if asker is not None and not confirm_recap(options, hidden, changes, overwrite, req, reporter, asker):
        reporter.note("nothing was written")
        return 1
    rec = record.Record.of(
        template=resolved_ref,
        language=detection.language,
        answers=options.chosen(),
        generated=generated,
        written={p: b for p, b in generated.items() if p not in kept},
        config=(state.raw or {}).get("config"),
        team=record.team_applied(state.team, detection.language),
    )
    results = write_with_record(state.root, changes, overwrite, rec)
    reporter.results(results)
    reporter.next_steps(_next_steps(req.path))
    return 0


def _without_overridden_notes(detection: Detection, sets: Mapping[str, str]) -> Detection:
    """Notes that name a detected value a person overrode with --set (a note saying "using 3.11" when the run
    builds 3.13) are replaced by one line saying what replaced what."""
    stale: list[tuple[str, str]] = []
    for key, wanted in sets.items():
        fact = detection.fact(key)
        if fact is not None and not isinstance(fact.value, bool) and str(fact.value) and str(fact.value) != wanted:
            stale.append((key, str(fact.value)))
    if not stale:
        return detection
    words = [re.compile(rf"(?<![\w.]){re.escape(old)}(?![\w]|\.\d)") for _, old in stale]
    notes = [n for n in detection.notes if not any(w.search(n) for w in words)]
    notes += [f"{key}={sets[key]} (--set) replaces the detected {old}" for key, old in stale]
    return dataclasses.replace(detection, notes=tuple(notes))


def _choose(state: ProjectState, req: Request, reporter: Reporter, asker: Asker | None) -> Detection:
    found = state.found
    wanted = req.language
    if wanted is None and state.recorded is not None and state.recorded.language in languages():
        wanted = state.recorded.language
    if wanted is not None:
        if wanted not in languages():
            raise UsageError(f"--lang {wanted}: choose one of {', '.join(languages())}")
        for det in found:
            if det.language == wanted:
                return det
        others = ", ".join(f"{d.language} ({', '.join(d.evidence)})" for d in found)
        if others:
            reporter.note(
                f"--lang {wanted}: no {wanted} project here, but this looks like {others}; "
                f"generating {wanted} files with the {wanted} defaults anyway"
            )
        else:
            reporter.note(f"no {wanted} project detected here; using the {wanted} defaults")
        return Detection(wanted, 0, ("--lang",))
    if not found:
        raise NotDetectedError(
            f"{req.path}: no {titles()} project found (looked for {looked_for()}); "
            "pass --lang to generate for a new project"
        )
    if len(found) > 1:
        names = [d.language for d in found]
        if asker is not None:
            reporter.detections(found, internal_facts(found), req.verbose)
            pick = asker.select("Several languages detected; which one is the image for?", names, names[0])
            return found[names.index(pick)]
        reporter.note(f"several languages detected ({', '.join(names)}); using {names[0]} (pass --lang to choose)")
    return found[0]


def _decide(
    changes: Sequence[FileChange], policy: Policy, reporter: Reporter, asker: Asker | None, recorded: bool
) -> set[str]:
    conflicts = [c for c in changes if c.action is Action.CONFLICT]
    if not conflicts or policy is Policy.KEEP:
        return set()
    if policy is Policy.OVERWRITE:
        return {c.path for c in conflicts}
    if policy is Policy.FAIL or asker is None:
        paths = ", ".join(c.path for c in conflicts)
        raise ConflictError(
            f"{paths}: already exist{'s' if len(conflicts) == 1 else ''} with different content; nothing was "
            "written. Pass --force to overwrite (a .bak copy is kept) or --skip-existing to keep yours"
            + ("; scaffold update merges the template into your edited files instead" if recorded else "")
        )
    chosen = set()
    for change in conflicts:
        while True:
            answer = asker.select(
                f"{change.path} exists and differs. What should scaffold do?",
                ["overwrite (keep a .bak copy)", "keep mine", "show diff"],
                "keep mine",
            )
            if answer == "show diff":
                reporter.diff(change)
                continue
            if answer.startswith("overwrite"):
                chosen.add(change.path)
            break
    return chosen


def _next_steps(path: Path) -> list[str]:
    cd = [] if path == Path() else [f"cd {path}"]
    return [*cd, "make build       # build the image (make help lists every target)", "make run"]
