"""`scaffold verify [--fix]` (and `init --verify`): run the checks, diagnose each failure, and with --fix apply
the remedy, regenerate and verify again, a bounded number of rounds.

--fix regenerates through `scaffold update` with the remedy as `--set` options: the recorded answers change,
the files scaffold wrote are re-rendered, and a file the user edited since stops the fix (their edit is never
overwritten silently; the remedy is printed for them to apply).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dockerfile import GoParseError

from scaffold import app_folder
from scaffold.bake import BAKE_FILE, Target, read_targets
from scaffold.errors import InputError, ScaffoldError, UsageError
from scaffold.record import RECORD_FILE
from scaffold.report import Reporter
from scaffold.verify import diagnose, facts
from scaffold.verify.engine import Engine, choose_binary
from scaffold.verify.model import Settings, network
from scaffold.verify.suite import Report

MAX_ROUNDS = 3
"""At most this many fixes (each followed by a verify): a remedy that does not help must not loop."""


@dataclass(frozen=True)
class VerifyRequest:
    settings: Settings
    as_json: bool = False
    fix: bool = False
    config: Path | None = None


def verify(req: VerifyRequest, reporter: Reporter) -> int:
    """Verify, and with --fix repair and verify again; the exit code is the last verify's."""
    # With --json only the final document goes to stdout; every round's table and change goes to stderr.
    talk = Reporter(file=sys.stderr) if req.as_json else reporter
    req = _host_network_if_no_bridge(_bake_target(_in_app_folder(req, talk), talk), talk)
    report, found = _once(req.settings, talk)
    fixes: list[dict[str, Any]] = []
    tried: set[tuple[str, tuple[str, ...]]] = set()
    shown = False  # whether this report's table is on screen already
    while req.fix and not report.passed and len(fixes) < MAX_ROUNDS:
        if not req.as_json:
            talk.verify_table(report, req.settings.verbose, found)
            shown = True
        step = next((d for d in found if d.fix and d.remedy), None)
        if step is None:
            repeated = [d.id for d in found if d.id in {f["id"] for f in fixes}]
            why = (
                f"{repeated[0]} again after its fix: stopping"
                if repeated
                else "no failure has a remedy --fix may apply (see the cause and remedy above)"
            )
            talk.note(f"--fix: {why}")
            break
        key = (step.id, tuple(step.sets()))
        if key in tried:
            talk.note(f"--fix: {step.id} again after applying {' '.join(step.sets())}: stopping")
            break
        tried.add(key)
        talk.fix_round(len(fixes) + 1, step.check, [f"--set {s}" for s in step.sets()])
        if not _apply(req, step, talk):
            break
        fixes.append({"round": len(fixes) + 1, "check": step.check, "id": step.id, "set": step.sets()})
        report, found = _once(req.settings, talk)
        shown = False
    if req.as_json:
        from scaffold.verify.report_json import to_json

        reporter.verify_json(to_json(report, found, fixes if req.fix else None))
    else:
        if not shown:
            reporter.verify_table(report, req.settings.verbose, found)
        if fixes:
            changed = "; ".join(" ".join(f["set"]) for f in fixes)
            verdict = "now passes" if report.passed else "still fails"
            reporter.note(f"--fix changed {changed} in {len(fixes)} round(s); the project {verdict}")
    return report.exit_code


def _host_network_if_no_bridge(req: VerifyRequest, talk: Reporter) -> VerifyRequest:
    """An engine without a bridge network fails every build step that runs a command: where no flag names a
    network, build and run on the host's network instead, and say so (the container's port is then the host's)."""
    settings = req.settings
    if network(settings.build_flags) or network(settings.run_flags):
        return req
    binary = choose_binary(settings.engine)
    # No Engine.open here: the checks open it (and report one that is missing or does not answer); an engine that
    # cannot list its networks is taken to have its default one.
    if shutil.which(binary) is None or not Engine(binary).lacks_default_network():
        return req
    talk.note("this engine has no bridge network: building and running with --network host")
    host = ("--network", "host")
    return replace(
        req,
        settings=replace(settings, build_flags=(*settings.build_flags, *host), run_flags=(*settings.run_flags, *host)),
    )


def _in_app_folder(req: VerifyRequest, talk: Reporter) -> VerifyRequest:
    """No Dockerfile at the path, but scaffold generated for the one app in a folder below it (init does that
    where the root holds no app): verify that app."""
    path = req.settings.path
    if (path / req.settings.dockerfile).exists() or (path / RECORD_FILE).exists():
        return req
    folders = [p for _, p in app_folder.folders_below(path) if (p / RECORD_FILE).is_file()]
    if len(folders) != 1:
        return req
    talk.note(f"no Dockerfile at {path}: verifying the app scaffold generated in {folders[0].relative_to(path)}/")
    return replace(req, settings=replace(req.settings, path=folders[0]))


def _bake_target(req: VerifyRequest, talk: Reporter) -> VerifyRequest:
    """--target NAME: the docker-bake.hcl target of that name (its context, Dockerfile and stage: what `docker
    buildx bake NAME` builds), else the Dockerfile's stage of that name (as `docker build --target`)."""
    name = req.settings.target
    if not name:
        return req
    path = req.settings.path
    targets = _bake_targets(path)
    target = targets.get(name)
    if target is not None:
        context = (path / target.context).resolve()
        if not context.is_relative_to(path.resolve()):
            raise UsageError(f"{path / BAKE_FILE}: target {name}: context {target.context!r} is outside {path}")
        stage = f", stage {target.stage}" if target.stage else ""
        talk.note(f"--target {name}: {target.dockerfile}{stage} ({BAKE_FILE})")
        return replace(
            req, settings=replace(req.settings, path=context, dockerfile=target.dockerfile, stage=target.stage)
        )
    dockerfile = path / req.settings.dockerfile
    try:
        stages = facts.read(dockerfile).stages if dockerfile.is_file() else ()
    except (InputError, GoParseError):
        stages = ()
    if name.lower() in stages:
        return replace(req, settings=replace(req.settings, stage=name.lower()))
    named = [t for t in targets if not t.startswith("_")]
    where = f"a target of {BAKE_FILE} ({', '.join(named)})" if named else f"a target of {BAKE_FILE} (there is none)"
    raise UsageError(f"--target {name}: neither {where} nor a stage of {req.settings.dockerfile}")


def _bake_targets(path: Path) -> dict[str, Target]:
    """The targets of the project's docker-bake.hcl ({} without one)."""
    try:
        text = (path / BAKE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path / BAKE_FILE), f"cannot be read ({exc})") from None
    try:
        return read_targets(text)
    except ValueError as exc:
        raise InputError(str(path / BAKE_FILE), f"is not HCL ({exc})") from None


def _once(settings: Settings, reporter: Reporter) -> tuple[Report, list[diagnose.Diagnosis]]:
    from scaffold.verify.suite import verify as run_verify

    report = run_verify(settings, reporter.progress)
    language, answers = recorded(report.project)
    if not report.passed and language is not None:
        answers = in_force(report.project, language, answers)
    return report, diagnose.diagnose(report.rows, settings, report.image, report.engine, language, answers)


def in_force(project: Path, language: str, answers: dict[str, object]) -> dict[str, object]:
    """The values the project's files were generated from, as far as detection tells: what it finds now, under the
    recorded answers. A list remedy adds to these (writable_dirs keeps the detected working directory) and one
    already in force is not offered again."""
    from scaffold.pipeline import project_root
    from scaffold.project import ProjectDir
    from scaffold.providers import detect_all

    hints = {k: v for k, v in answers.items() if isinstance(v, str)}
    try:
        found = detect_all(ProjectDir(project_root(project)), hints)
    except ScaffoldError:
        return answers  # the project no longer detects: the recorded answers alone
    detection = next((d for d in found if d.language == language), None)
    detected: dict[str, object] = {f.key: f.value for f in detection.facts} if detection else {}
    return {**detected, **answers}


def recorded(project: Path) -> tuple[str | None, dict[str, object]]:
    """The language and answers scaffold recorded for the project (None and {} when it has no record)."""
    from scaffold import record

    for folder in (project, *project.parents):
        try:
            raw = record.read_raw(folder)
        except ScaffoldError:
            return None, {}
        if raw is None:
            continue
        rec = record.parse(raw)
        return (rec.language, dict(rec.answers)) if rec is not None else (None, {})
    return None, {}


def _apply(req: VerifyRequest, step: diagnose.Diagnosis, reporter: Reporter) -> bool:
    """Regenerate scaffold's own files with the remedy; False (and why, printed) when it must not or cannot."""
    from scaffold.commands import update as update_cmd
    from scaffold.pipeline import load_state

    path = req.settings.path
    shown = " ".join(f"--set {s}" for s in step.sets())
    try:
        state = load_state(path, req.config)
        rec = update_cmd.require_record(state)
        edited = update_cmd.hand_edited(state, rec)
        if edited:
            reporter.note(
                f"--fix: {', '.join(edited)} changed since scaffold wrote it and is left alone; "
                f"apply the remedy yourself: scaffold update {shown}"
            )
            return False
        request = update_cmd.UpdateRequest(path, sets=dict(step.remedy), config=req.config, force=True)
        update_cmd.update(request, reporter)
    except ScaffoldError as exc:
        reporter.note(f"--fix: could not apply {shown}: {exc}")
        return False
    return True
