"""The pipeline: detect → resolve → confirm → render → plan → apply → report.

Every decision (language, options, each conflict) is taken before writer.apply, the only step that
touches the project, so Ctrl-C at any prompt leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from scaffold import options as opts
from scaffold import writer
from scaffold.errors import ConflictError, NotDetectedError, UsageError
from scaffold.models import Action, Detection, FileChange, Options, Policy, Request, Resolved, Value
from scaffold.project import ProjectDir
from scaffold.prompt import Asker, ask_options
from scaffold.providers import PROVIDERS, detect_all, looked_for
from scaffold.render import read_variables, render
from scaffold.report import Reporter
from scaffold.templates import builtin_template


def project_root(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"{path}: no such directory")
    if not path.is_dir():
        raise UsageError(f"{path}: not a directory")
    return path.resolve()


def detect(path: Path) -> list[Detection]:
    """Every language found in the project, best first."""
    return detect_all(ProjectDir(project_root(path)))


def init(req: Request, reporter: Reporter, asker: Asker | None) -> int:
    """`scaffold init`: returns the exit code; raises ScaffoldError for anything the user must fix."""
    root = project_root(req.path)
    found = detect_all(ProjectDir(root))
    detection = _choose(found, req, reporter, asker)
    reporter.detections([detection])

    template = builtin_template(detection.language)
    variables = read_variables(template)
    fixed = [opts.Layer.of("--set", req.sets)]
    below = [_detected_layer(detection)]

    def resolve(answers: Mapping[str, Value]) -> Options:
        return opts.resolve(
            detection.language, template, variables, [*fixed, opts.Layer.of("your answer", answers), *below]
        )

    if asker is not None:
        options = ask_options(variables, asker, resolve)
    else:
        if not req.assume_yes:
            reporter.note("no terminal to ask on: using the detected defaults (pass --yes to say so)")
        options = resolve({})
        reporter.options(options)

    changes = writer.plan(render(template, options.context()), root)
    if req.diff or req.dry_run:
        for change in changes:
            if req.diff and change.action is not Action.UNCHANGED:
                reporter.diff(change)
        reporter.plan(changes)
        return 0

    overwrite = _decide(changes, req.policy, reporter, asker)
    results = writer.apply(changes, root, overwrite)
    reporter.results(results)
    reporter.next_steps(_next_steps(req.path))
    return 0


def _choose(found: Sequence[Detection], req: Request, reporter: Reporter, asker: Asker | None) -> Detection:
    if req.language is not None:
        if req.language not in PROVIDERS:
            raise UsageError(f"--lang {req.language}: choose one of {', '.join(PROVIDERS)}")
        for det in found:
            if det.language == req.language:
                return det
        reporter.note(f"no {req.language} project detected here; using the {req.language} defaults")
        return Detection(req.language, 0, ("--lang",))
    if not found:
        raise NotDetectedError(
            f"{req.path}: no Go, Node or Python project found (looked for {looked_for()}); "
            "pass --lang to generate for a new project"
        )
    if len(found) > 1:
        names = [d.language for d in found]
        if asker is not None:
            reporter.detections(found)
            pick = asker.select("Several languages detected; which one is the image for?", names, names[0])
            return found[names.index(pick)]
        reporter.note(
            f"several languages detected ({', '.join(names)}); using {names[0]} (pass --lang to choose)"
        )
    return found[0]


def _detected_layer(detection: Detection) -> opts.Layer:
    # Detected facts are not the user's words: one that a custom template does not accept is skipped.
    return opts.Layer(
        "detected", {f.key: Resolved(f.value, f"detected: {f.source}") for f in detection.facts}, strict=False
    )


def _decide(
    changes: Sequence[FileChange], policy: Policy, reporter: Reporter, asker: Asker | None
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
