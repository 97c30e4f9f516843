"""`scaffold init`: detect → resolve → confirm → render → plan → apply → report.

Every decision (language, template, options, each conflict) is taken before writer.apply, the only
step that touches the project, so Ctrl-C at any prompt leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from scaffold import app_folder, record, starter, writer
from scaffold.commands.detect import internal_facts
from scaffold.errors import ConflictError, NotDetectedError, UsageError
from scaffold.models import Action, Detection, FileChange, Options, Policy, Request
from scaffold.pipeline import (
    ProjectState,
    Resolver,
    TemplateSession,
    generate,
    load_state,
    template_ref,
    write_with_record,
)
from scaffold.prompt import Asker, ask_options, confirm_recap
from scaffold.providers import languages, looked_for, titles
from scaffold.report import Reporter
from scaffold.runtime_notes import runtime_notes
from scaffold.stages import warn_missing_stages
from scaffold.template import outputs
from scaffold.template.meta import basic_options


def init(req: Request, reporter: Reporter, asker: Asker | None) -> int:
    """`scaffold init`: returns the exit code; raises ScaffoldError for anything the user must fix."""
    state = load_state(req.path, req.config, req.sets)
    if all(d.tooling_only for d in state.found) and state.recorded is None and req.language is None:
        req, state = _in_app_folder(req, state, reporter)
    new_app = None if state.found or state.recorded is not None else starter.offer(state.root, req, reporter, asker)
    detection = new_app[0] if new_app else _choose(state, req, reporter, asker)
    detection = _without_overridden_notes(detection, req.sets)
    app_files = new_app[1] if new_app else {}
    ref = template_ref(req.template, req.directory, state, detection.language)

    def choose(session: TemplateSession, resolve: Resolver) -> Options:
        reporter.detections([detection], session.hidden, req.verbose)
        reporter.note(f"template: {session.shown}")
        if asker is not None:
            return ask_options(session.variables, asker, resolve, basic_options(session.template), req.advanced)
        if not req.assume_yes:
            reporter.note("no terminal to ask on: using the detected defaults (pass --yes to say so)")
        options = resolve({})
        reporter.options(options, session.hidden, req.verbose)
        return options

    gen = generate(state, detection, ref, req.sets, trust=req.trust, warn=reporter.note, choose=choose)
    options, generated, hidden = gen.options, gen.files, gen.session.hidden
    if asker is not None:
        hidden = hidden - {v.key for v in gen.session.variables if v.prompt}  # every answer is in the recap
    extra = outputs.extras(generated)
    if extra:
        reporter.note(f"the template also writes {', '.join(extra)} (declared in its cookiecutter.json)")
    for note in runtime_notes(options):
        reporter.note(note)

    changes = writer.plan({**app_files, **generated}, state.root)
    if req.diff or req.dry_run:
        for change in changes:
            if req.diff and change.action is not Action.UNCHANGED:
                reporter.diff(change)
        reporter.plan(changes)
        return 0

    ours = _unedited(state, changes)
    conflicts = [c for c in changes if c.path not in ours]
    overwrite = ours | _decide(conflicts, req.policy, reporter, asker, recorded=state.recorded is not None)
    kept = {c.path for c in changes if c.action is Action.CONFLICT and c.path not in overwrite}
    warn_missing_stages(state.root, kept, generated, reporter)
    nothing_new = all(c.action is Action.UNCHANGED for c in changes)
    if nothing_new:
        reporter.note("every file is already as scaffold would write it")
    elif asker is not None and not confirm_recap(options, hidden, changes, overwrite, req, reporter, asker):
        reporter.note("nothing was written")
        return 1
    rec = gen.record({p: b for p, b in generated.items() if p not in kept}, kept=sorted(kept))
    results = write_with_record(state.root, changes, overwrite, rec, no_backup=ours)
    reporter.results(results)
    reporter.next_steps(_next_steps(req.path, options, makefile="Makefile" not in kept))
    return 0


def _in_app_folder(req: Request, state: ProjectState, reporter: Reporter) -> tuple[Request, ProjectState]:
    """No app at the root (nothing, or a package.json of tooling alone): the one in a folder below it, as
    `scaffold init FOLDER` would find it."""
    below = app_folder.apps_below(state.root)
    # A folder of tooling alone is an app only where nothing else is (the root holds nothing either).
    found = [f for f in below if not f.detection.tooling_only] or ([] if state.found else below)
    if not found:
        return req, state
    first, others = found[0], found[1:]
    path = req.path / first.folder
    also = "; ".join(f"scaffold init {req.path / f.folder} for the {f.detection.language} app there" for f in others)
    reporter.note(
        f"no app at the root of {req.path}: generating for the {first.detection.language} app in {first.folder}/ "
        f"(its files go there)" + (f"; {also}" if also else "")
    )
    return dataclasses.replace(req, path=path), load_state(path, req.config, req.sets)


def _is_dockerfile(path: str) -> bool:
    """The image's own files (`Dockerfile`, a bake app's `NAME.Dockerfile`), as opposed to their companions."""
    name = path.rsplit("/", 1)[-1]
    return name == "Dockerfile" or name.endswith(".Dockerfile")


def _unedited(state: ProjectState, changes: Sequence[FileChange]) -> set[str]:
    """Differing files that are exactly what scaffold last wrote from the template (their bytes hash to the
    record's and are the recorded render): scaffold's to rewrite, no question asked (issue 19.5).

    A file carrying merged edits or kept at init is the user's, even when its hash is recorded."""
    rec = state.recorded
    if rec is None:
        return set()
    out = set()
    for change in changes:
        if change.action is not Action.CONFLICT or change.path not in rec.written:
            continue
        data = writer.read_file(state.root / change.path, change.path)
        pristine = rec.generated.get(change.path, "").encode()
        if record.sha256(data) == rec.written[change.path] and data == pristine:
            out.add(change.path)
    return out


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
        if others and req.language is not None and req.policy is not Policy.OVERWRITE:
            # Generating for another language replaces a working setup's files: ask, or refuse.
            question = f"This looks like {others}, not {wanted}. Write {wanted} Docker files anyway?"
            if asker is None:
                raise UsageError(
                    f"--lang {wanted}: this looks like {others}, not {wanted}; drop --lang, "
                    f"or pass --force to generate {wanted} files anyway"
                )
            if not asker.confirm(question, False):
                raise ConflictError(f"--lang {wanted}: nothing was written")
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
        companions = [c for c in conflicts if not _is_dockerfile(c.path)]
        if len(companions) == len(conflicts):
            # Without a terminal the Dockerfile is what was asked for: a Makefile, .dockerignore or workflow
            # of the user's own stays as it is, and the rest is written (as with --skip-existing).
            for change in companions:
                reporter.note(
                    f"{change.path} exists and differs: kept yours (scaffold init --diff shows scaffold's; "
                    "--force replaces it, keeping a .bak)"
                )
            return set()
        paths = ", ".join(c.path for c in conflicts)
        raise ConflictError(
            f"{paths}: {'differs' if len(conflicts) == 1 else 'differ'} from what scaffold would write; nothing was "
            "written. Pass --force to overwrite (a .bak copy is kept) or --skip-existing to keep yours"
            + (
                "; to change an option of edited files, scaffold update --set KEY=VALUE merges it into your edits"
                if recorded
                else ""
            )
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


def _next_steps(path: Path, options: Options, makefile: bool = True) -> list[str]:
    """What to type next, and what the user will see: where the app answers, or that it prints. Without
    scaffold's Makefile (the user kept their own), the docker commands it would have run."""
    cd = [] if path == Path() else [f"cd {path}"]
    port = options.values.get("port")
    where = (
        f"# then open http://localhost:{port.value}"
        if port is not None and port.value
        else "# runs the program and prints its output"
    )
    if makefile:
        steps = [*cd, "make build       # build the image (make help lists every target)", f"make run         {where}"]
    else:
        name = options.values.get("app_name")
        image = str(name.value) if name is not None and name.value else "app"
        publish = f"-p {port.value}:{port.value} " if port is not None and port.value else ""
        steps = [*cd, f"docker build -t {image} .", f"docker run --rm {publish}{image}   {where}"]
    compose = options.values.get("compose")
    if compose is not None and compose.value is True:
        # The passwords compose.yaml reads stay out of git: the .dockerignore already keeps them out of images.
        steps += [
            "echo .secrets/ >> .gitignore   # compose's passwords: make up creates them under .secrets/",
            "make up          # the app with its services (compose.yaml); make logs, make down",
        ]
    return steps
