"""`scaffold update`: keep a project in step with its template (check runs its plan in memory).

update re-renders with the recorded answers against the template's current version and merges the
result into each file with a 3-way merge whose base is the recorded render (.scaffold.yaml keeps it),
so the user's edits and the template's changes both survive; overlaps leave conflict markers and exit 1.
check exits 0 only when the recorded version is the newest of its ref and an update would change nothing.

Both hold a CI gate's promises: files left with conflict markers fail check (a resolution becomes the new
baseline), the recorded team config must be the one in force, and a pinned semver tag hears of newer ones.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold import options as opts
from scaffold import record, writer
from scaffold.errors import ConflictError, UsageError
from scaffold.merge import has_markers, merge3
from scaffold.models import Action, Detection, FileResult, Origin, Outcome
from scaffold.pipeline import (
    ProjectState,
    TemplateSession,
    announce_trust,
    layers_below,
    load_state,
    trusted,
    write_with_record,
)
from scaffold.report import Reporter
from scaffold.template import sources


@dataclass(frozen=True)
class UpdateRequest:
    path: Path
    ref: str | None = None
    """Move to another branch, tag or commit of a git template."""
    sets: Mapping[str, str] | None = None
    config: Path | None = None
    force: bool = False
    dry_run: bool = False
    trust: str | None = None
    """--trust SOURCE (see pipeline.trusted)."""


@dataclass(frozen=True)
class Planned:
    """An update's outcome before anything is written."""

    state: ProjectState
    rec: record.Record
    new_ref: record.TemplateRef
    merged: dict[str, bytes]
    conflicts: list[str]
    kept: list[str]
    outcomes: dict[str, str]
    """path → the merge's own word: create, unchanged, merges cleanly, conflicts, left alone."""
    team_note: str | None = None
    """Set when the team config in force differs from the recorded one (update applies it; check fails)."""


def require_record(state: ProjectState) -> record.Record:
    if state.recorded is None:
        raise UsageError(f"{state.root}: no {record.RECORD_FILE} with a recorded template; run scaffold init first")
    return state.recorded


def _detection(state: ProjectState, language: str) -> Detection:
    return next((d for d in state.found if d.language == language), Detection(language, 0, ()))


def _team_config(state: ProjectState, rec: record.Record) -> str | None:
    """Fail when the recorded team config is missing here; describe it when it differs (None: same)."""
    now = record.team_applied(state.team, rec.language)
    was = rec.team
    if was is not None and now is None:
        raise UsageError(
            f"team config {was.source} (sha256 {was.digest[:12]}) shaped these files but none is found here; "
            f"pass --config {was.source} or set SCAFFOLD_CONFIG"
        )
    if now is not None and (was is None or was.digest != now.digest):
        before = f"the recorded {was.source} (sha256 {was.digest[:12]})" if was else "no team config"
        return f"team config {now.source} (sha256 {now.digest[:12]}) differs from {before}"
    return None


def plan_update(state: ProjectState, req: UpdateRequest, warn: Callable[[str], None] | None = None) -> Planned:
    rec = require_record(state)
    team_note = _team_config(state, rec)
    ref = rec.template
    if req.ref is not None:
        if ref.kind != "git":
            raise UsageError(f"--ref {req.ref}: the recorded template is not a git template ({ref.describe()})")
        ref = record.TemplateRef("git", ref.location, req.ref, None, ref.directory)
    with sources.checkout(ref, rec.language, warn) as (template, new_ref):
        detection = _detection(state, rec.language)
        trust = trusted(req.trust, new_ref, state.team)
        announce_trust(template, new_ref, trust, warn)
        session = TemplateSession.open(template, detection, trust)
        options = session.resolve([opts.Layer.of(Origin.SET, req.sets or {}), *layers_below(state, detection)])
        rendered = session.render(options, state.team)
    merged: dict[str, bytes] = {}
    conflicts: list[str] = []
    kept: list[str] = []
    outcomes: dict[str, str] = {}
    for path, new in rendered.items():
        on_disk = writer.safe_path(state.root, path)  # never through a symlink out of the project
        if path in rec.generated and path not in rec.written:
            kept.append(path)  # the user chose to keep their own file at init: not ours to merge into
            outcomes[path] = "left alone (yours)"
            continue
        if not on_disk.exists():
            if path in rec.written:
                kept.append(path)  # deleted by the user since: respect that
                outcomes[path] = "left alone (deleted)"
                continue
            merged[path] = new
            outcomes[path] = "create"
            continue
        ours = writer.read_file(on_disk, path)
        base = rec.generated.get(path, "").encode()
        result = merge3(ours, base, new, path)
        merged[path] = result.text
        if result.conflicts:
            conflicts.append(path)
        outcomes[path] = "conflicts" if result.conflicts else "unchanged" if result.text == ours else "merges cleanly"
    rec2 = record.Record.of(
        template=new_ref,
        language=rec.language,
        answers=options.chosen(),
        generated=rendered,
        written=merged,
        config=rec.config,
        conflicts=conflicts,
        team=record.team_applied(state.team, rec.language),
    )
    return Planned(state, rec2, new_ref, merged, conflicts, kept, outcomes, team_note)


def unresolved(state: ProjectState, rec: record.Record) -> list[str]:
    """Generated files that still hold conflict markers (from an update, or pasted in by hand)."""
    out = []
    for path in sorted(rec.generated):
        on_disk = writer.safe_path(state.root, path)  # never through a symlink out of the project
        if on_disk.is_file() and has_markers(writer.read_file(on_disk, path)):
            out.append(path)
    return out


def hand_edited(state: ProjectState, rec: record.Record, resolutions: bool = False) -> list[str]:
    """Files changed since scaffold wrote them; a resolved merge conflict is the new baseline, not an edit
    (unless `resolutions`: update wants every change, since it is about to record the files as they are)."""
    out = []
    for path, digest in sorted(rec.written.items()):
        on_disk = writer.safe_path(state.root, path)  # never through a symlink out of the project
        if not on_disk.is_file():
            continue
        data = writer.read_file(on_disk, path)
        if record.sha256(data) == digest:
            continue
        if not resolutions and path in rec.conflicts and not has_markers(data):
            continue
        out.append(path)
    return out


def update(req: UpdateRequest, reporter: Reporter) -> int:
    state = load_state(req.path, req.config, req.sets)
    rec = require_record(state)
    reporter.note(f"template: {rec.template.describe()}")
    pending = unresolved(state, rec)
    if pending:
        raise ConflictError(
            f"{', '.join(pending)}: unresolved <<<<<<< / >>>>>>> conflict markers; resolve them and commit, "
            "then update again"
        )
    planned = plan_update(state, req, reporter.note)
    if planned.team_note:
        reporter.note(f"{planned.team_note}: applying it")
    changes = writer.plan(planned.merged, planned.state.root)
    if not req.force:
        # A file about to change, or one edited by hand (which the new record would silently adopt as the
        # baseline), must be committed first: the user could not otherwise undo the update.
        changing = {c.path for c in changes if c.action is Action.CONFLICT}
        _refuse_uncommitted(state.root, sorted(changing | set(hand_edited(state, rec, resolutions=True))))
    for change in changes:
        if change.action is not Action.UNCHANGED:
            reporter.diff(change)
    if req.dry_run:
        rows = [(word, path) for path, word in sorted(planned.outcomes.items())]
        reporter.outcomes("plan (dry run, nothing written; the merge was run in memory):", rows)
        return 1 if planned.conflicts else 0
    changed = {c.path for c in changes if c.action is Action.CONFLICT}
    results = write_with_record(planned.state.root, changes, changed, planned.rec, no_backup=changed)
    # A file written with conflict markers is not "updated": say so, the summary is what people read.
    results = [FileResult(r.path, Outcome.CONFLICT) if r.path in planned.conflicts else r for r in results]
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
