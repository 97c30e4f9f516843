"""`scaffold update`: keep a project in step with its template (check runs its plan in memory).

update re-renders with the recorded answers against the template's current version and merges the
result into each file with a 3-way merge whose base is the recorded render (.scaffold.yaml keeps it),
so the user's edits and the template's changes both survive; overlaps leave conflict markers and exit 1.
check exits 0 only when the recorded version is the newest of its ref and an update would change nothing.

Both hold a CI gate's promises: files left with conflict markers fail check (a resolution becomes the new
baseline), the recorded team config must be the one in force, and a pinned semver tag hears of newer ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scaffold import record, writer
from scaffold.errors import ConflictError, UsageError
from scaffold.merge import has_markers, merge3
from scaffold.models import Action, Detection, FileResult, Outcome
from scaffold.pipeline import ProjectState, generate, load_state, write_with_record
from scaffold.report import Reporter


@dataclass(frozen=True)
class UpdateRequest:
    path: Path
    ref: str | None = None
    """Move to another branch, tag or commit of a git template."""
    sets: Mapping[str, str] | None = None
    config: Path | None = None
    force: bool = False
    """Kept for scripts that pass it: update no longer refuses over hand edits (see update())."""
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
    rendered: dict[str, bytes] = field(default_factory=dict)
    """What the template produces now (before any merge): what `check --strict` compares with."""
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
    gen = generate(state, _detection(state, rec.language), ref, req.sets, trust=req.trust, warn=warn)
    merged: dict[str, bytes] = {}
    conflicts: list[str] = []
    kept: list[str] = []
    outcomes: dict[str, str] = {}
    for path, new in gen.files.items():
        on_disk = writer.safe_path(state.root, path)  # never through a symlink out of the project
        if not on_disk.exists():
            if path in rec.generated:
                kept.append(path)  # generated before and deleted by the user since: respect that
                outcomes[path] = "left alone (deleted)"
                continue
            merged[path] = new
            outcomes[path] = "create"
            continue
        # Every file the template produced stays under the merge, a file the user kept at init too: its
        # differences from the last render are theirs, the template's changes since then still reach it.
        ours = writer.read_file(on_disk, path)
        base = rec.generated.get(path, "").encode()
        result = merge3(ours, base, new, path)
        merged[path] = result.text
        if result.conflicts:
            conflicts.append(path)
        outcomes[path] = "conflicts" if result.conflicts else "unchanged" if result.text == ours else "merges cleanly"
    rec2 = gen.record(merged, conflicts)
    return Planned(state, rec2, gen.ref, merged, conflicts, kept, outcomes, gen.files, team_note)


def unresolved(state: ProjectState, rec: record.Record) -> list[str]:
    """Generated files that still hold conflict markers (from an update, or pasted in by hand)."""
    out = []
    for path in sorted(rec.generated):
        on_disk = writer.safe_path(state.root, path)  # never through a symlink out of the project
        if on_disk.is_file() and has_markers(writer.read_file(on_disk, path)):
            out.append(path)
    return out


def differs_from_template(state: ProjectState, rendered: Mapping[str, bytes]) -> list[str]:
    """Files on disk whose bytes are not what the template produces now (a deleted file is not compared)."""
    out = []
    for path, data in sorted(rendered.items()):
        on_disk = state.root / path
        if on_disk.is_file() and writer.read_file(on_disk, path) != data:
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
    # No refusal over hand edits (issue 19.6): they are judged by the recorded hashes, not git status, and
    # the 3-way merge keeps them in the file it writes; a dry run writes nothing at all.
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
