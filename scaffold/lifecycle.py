"""`scaffold update` and `scaffold check`: keep a project in step with its template.

update re-renders with the recorded answers against the template's current version and merges the
result into each file with a 3-way merge whose base is the recorded render (.scaffold.yaml keeps it),
so the user's edits and the template's changes both survive; overlaps leave conflict markers and exit 1.
check exits 0 only when the recorded version is the newest of its ref and an update would change nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold import __version__, images, record, sources, writer
from scaffold import options as opts
from scaffold.app import ProjectState, chosen_answers, layers_below, load_state, write_with_record
from scaffold.errors import ConflictError, UsageError
from scaffold.merge import merge3
from scaffold.models import Action, Detection, Origin
from scaffold.providers import decide
from scaffold.render import is_trusted, read_variables, render
from scaffold.report import Reporter


@dataclass(frozen=True)
class UpdateRequest:
    path: Path
    ref: str | None = None
    """Move to another branch, tag or commit of a git template."""
    sets: Mapping[str, str] | None = None
    config: Path | None = None
    force: bool = False
    dry_run: bool = False
    trust: bool = False


@dataclass(frozen=True)
class Planned:
    """An update's outcome before anything is written."""

    state: ProjectState
    rec: record.Record
    new_ref: record.TemplateRef
    merged: dict[str, bytes]
    conflicts: list[str]
    kept: list[str]


def _recorded(state: ProjectState) -> record.Record:
    if state.recorded is None:
        raise UsageError(f"{state.root}: no {record.RECORD_FILE} with a recorded template; run scaffold init first")
    return state.recorded


def _detection(state: ProjectState, language: str) -> Detection:
    return next((d for d in state.found if d.language == language), Detection(language, 0, ()))


def plan_update(state: ProjectState, req: UpdateRequest) -> Planned:
    rec = _recorded(state)
    ref = rec.template
    if req.ref is not None:
        if ref.kind != "git":
            raise UsageError(f"--ref {req.ref}: the recorded template is not a git template ({ref.describe()})")
        ref = record.TemplateRef("git", ref.location, req.ref, None, ref.directory)
    with sources.checkout(ref, rec.language) as (template, new_ref):
        variables = read_variables(template)
        detection = _detection(state, rec.language)
        layers = [opts.Layer.of(Origin.SET, req.sets or {}), *layers_below(state, detection)]
        resolved = opts.resolve(rec.language, template, variables, layers, trusted=is_trusted(template, req.trust))
        options = decide(detection, resolved)
        rendered = images.apply_policy(render(template, options.context(), trust=req.trust), state.team)
    merged: dict[str, bytes] = {}
    conflicts: list[str] = []
    kept: list[str] = []
    for path, new in rendered.items():
        on_disk = state.root / path
        if path in rec.generated and path not in rec.written:
            kept.append(path)  # the user chose to keep their own file at init: not ours to merge into
            continue
        if not on_disk.exists():
            if path in rec.written:
                kept.append(path)  # deleted by the user since: respect that
                continue
            merged[path] = new
            continue
        base = rec.generated.get(path, "").encode()
        result = merge3(writer.read_file(on_disk, path), base, new, path)
        merged[path] = result.text
        if result.conflicts:
            conflicts.append(path)
    rec2 = record.Record.of(
        template=new_ref,
        language=rec.language,
        answers=chosen_answers(options),
        generated=rendered,
        written=merged,
        config=rec.config,
    )
    return Planned(state, rec2, new_ref, merged, conflicts, kept)


def update(req: UpdateRequest, reporter: Reporter) -> int:
    planned = plan_update(load_state(req.path, req.config), req)
    changes = writer.plan(planned.merged, planned.state.root)
    if not req.force:
        _refuse_uncommitted(planned.state.root, [c.path for c in changes if c.action is Action.CONFLICT])
    for change in changes:
        if change.action is not Action.UNCHANGED:
            reporter.diff(change)
    if req.dry_run:
        reporter.plan(changes)
        return 1 if planned.conflicts else 0
    changed = {c.path for c in changes if c.action is Action.CONFLICT}
    results = write_with_record(planned.state.root, changes, changed, planned.rec, no_backup=changed)
    reporter.results(results)
    for path in planned.kept:
        reporter.note(f"{path}: left alone (you kept your own version or deleted it)")
    reporter.note(f"template now at {planned.new_ref.describe()}")
    if planned.conflicts:
        raise ConflictError(
            f"{', '.join(planned.conflicts)}: your edits and the template's changes overlap; "
            "resolve the <<<<<<< / >>>>>>> markers, then commit"
        )
    return 0


def _refuse_uncommitted(root: Path, paths: list[str]) -> None:
    """Refuse to merge into generated files with uncommitted changes: the user could not undo the merge."""
    if not paths:
        return
    try:
        proc = subprocess.run(
            ["git", "status", "--porcelain", "--", *paths], cwd=root, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return
    if proc.returncode != 0:
        return  # not a git repository: nothing to compare against
    dirty = [line[3:] for line in proc.stdout.splitlines() if line.strip()]
    if dirty:
        raise ConflictError(f"{', '.join(dirty)}: uncommitted changes; commit them first or pass --force")


def check(path: Path, config: Path | None, strict: bool, reporter: Reporter) -> int:
    """0 when up to date with the template (and, with strict, unedited); 1 otherwise, printing why."""
    state = load_state(path, config)
    rec = _recorded(state)
    # One fetch and render: the update's plan knows the newest commit of the recorded ref.
    planned = plan_update(state, UpdateRequest(path, config=config))
    problems = []
    if rec.template.kind == "git":
        newest = planned.new_ref.commit
        if newest != rec.template.commit:
            problems.append(
                f"template {rec.template.location}@{rec.template.ref or 'HEAD'} has moved "
                f"from {str(rec.template.commit)[:12]} to {str(newest)[:12]}"
            )
    elif rec.template.kind == "builtin" and rec.template.version != __version__:
        problems.append(f"generated by scaffold {rec.template.version}; this is scaffold {__version__}")
    changes = [c for c in writer.plan(planned.merged, state.root) if c.action is not Action.UNCHANGED]
    if changes:
        problems.append(f"an update would change {', '.join(c.path for c in changes)}")
        for change in changes:
            reporter.diff(change)
    if strict:
        edited = [
            p
            for p, digest in rec.written.items()
            if (state.root / p).is_file() and record.sha256((state.root / p).read_bytes()) != digest
        ]
        if edited:
            problems.append(f"edited since scaffold wrote them: {', '.join(sorted(edited))}")
    if not problems:
        reporter.ok(f"up to date with {rec.template.describe()}")
        return 0
    for problem in problems:
        reporter.problem(problem)
    return 1
