"""Run the checks in order, stop at the first failure (unless keep_going), clean up what was made."""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from secrets import token_hex

from scaffold import signals
from scaffold.errors import InputError, UsageError
from scaffold.verify import build, facts, host_ports, image_checks, layers, lint
from scaffold.verify import run_checks as run
from scaffold.verify.engine import Engine
from scaffold.verify.model import Row, Settings, Status, failed, skipped

Progress = Callable[[str], None]
CHECKS = (
    "lint",
    "build",
    "rebuild",
    "test",
    "run",
    "listen",
    "stop",
    "user",
    "secrets",
    "dev-deps",
    "tooling",
    "setuid",
    "wasted",
    "size",
)
"""Every check, in the order it runs (the JSON report's `checks` follow this order)."""


@dataclass
class Report:
    project: Path
    engine: str
    image: str
    kept: bool
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    target: str = ""
    """The --target verified (a docker-bake.hcl target or a stage), "" for the Dockerfile's last stage."""

    @property
    def passed(self) -> bool:
        return not any(r.status is Status.FAIL for r in self.rows)

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def _tag(project: Path) -> str:
    name = re.sub(r"[^a-z0-9._-]+", "-", project.name.lower()).strip("-._") or "project"
    return f"scaffold-verify/{name}:{token_hex(4)}"


def verify(settings: Settings, progress: Progress) -> Report:
    """Every check on the project at settings.path; raises UsageError/InputError (exit 2) for bad input."""
    project = settings.path.resolve()
    if not project.is_dir():
        raise UsageError(f"{settings.path}: not a directory")
    dockerfile = project / settings.dockerfile
    if not dockerfile.is_file():
        raise InputError(str(dockerfile), "no Dockerfile here (scaffold init writes one)")
    engine = Engine.open(settings.engine)
    report = Report(project, engine.binary, _tag(project), settings.keep, target=settings.target)
    container = f"scaffold-verify-{token_hex(4)}"
    start = time.monotonic()
    try:
        _run_all(report, engine, dockerfile, settings, progress, container)
    finally:
        # Every exit path (a failed check, an engine error, Ctrl-C, SIGTERM, SIGHUP) removes what verify made,
        # by name: killing the `docker run` client would leave its container running. A second signal waits.
        with signals.finish_first():
            engine.remove_container(container)
            made = [report.image + "-rebuild", report.image + "-test"]
            for tag in made if settings.keep else [*made, report.image]:
                engine.remove_image(tag)
        report.seconds = time.monotonic() - start
    return report


def _run_all(
    report: Report, engine: Engine, dockerfile: Path, settings: Settings, progress: Progress, container: str
) -> None:
    rows = report.rows
    project = report.project

    def go_on() -> bool:
        return settings.keep_going or all(r.status is not Status.FAIL for r in rows)

    progress("lint: BuildKit's parser and hadolint")
    rows.append(lint.check_lint(project, dockerfile))
    import dockerfile as parser

    try:
        info = facts.read(dockerfile, settings.stage)
    except parser.GoParseError:  # lint has reported it
        _rest(rows, "the Dockerfile does not parse")
        return None
    if not go_on():
        return _rest(rows, "not run: an earlier check failed")
    progress(f"build: {engine.binary} build {' '.join(settings.build_flags)}".rstrip())
    stage = settings.stage or None
    rows.append(build.check_build(engine, project, dockerfile, report.image, settings.build_flags, stage))
    if rows[-1].status is Status.FAIL:
        return _rest(rows, "needs the image, which did not build")
    if settings.rebuild:
        progress("rebuild: one source file changed, in a copy of the project")
        rebuild_tag = report.image + "-rebuild"
        try:
            rows.append(build.check_rebuild(engine, project, dockerfile, rebuild_tag, settings.build_flags, stage))
        finally:
            engine.remove_image(rebuild_tag)
    if go_on():
        progress("test: the Dockerfile's test stage")
        test_tag = report.image + "-test"
        rows.append(build.check_test(engine, project, dockerfile, info.has_test_stage, test_tag, settings.build_flags))
    if go_on():
        name = container
        ports = server_ports(engine, report.image, info.final_base)
        if ports:
            progress(f"run: server on port {ports[0]}, then docker stop")
            with host_ports.held(ports[0], progress) if settings.host_network else contextlib.nullcontext():
                server_rows = run.check_server(engine, report.image, name, ports[0], settings)
            for row in server_rows:  # one container answers all three; report up to the first failure
                rows.append(row)
                if not go_on():
                    break
        else:
            progress("run: program (no EXPOSE): it exits 0, or runs as a worker until docker stop")
            rows.extend(run.check_program(engine, report.image, name, settings))
        engine.remove_container(name)
    if go_on():
        progress("image: user, secrets in every layer, dev dependencies, tooling, setuid, wasted bytes, size")
        rows.extend(_image_rows(engine, report.image, project, info, settings.keep_going))
    _rest(rows, "not run: an earlier check failed")
    return None


def server_ports(engine: Engine, image: str, base: str) -> list[int]:
    """The ports the app serves on: those the Dockerfile EXPOSEs beyond its base image's, else every exposed one.

    (The unprivileged nginx image EXPOSEs 8080 itself; a site configured for 8088 adds 8088, the port to try.)
    """
    ours = exposed_ports(engine.inspect(image) or {})
    theirs = set(exposed_ports(engine.inspect(base) or {})) if base and base.lower() != "scratch" else set()
    return [p for p in ours if p not in theirs] or ours


def exposed_ports(inspected: dict[str, object]) -> list[int]:
    """The image's EXPOSEd TCP ports (its config is the truth: EXPOSE is inherited from stages and ARGs resolved)."""
    config = inspected.get("Config") or inspected.get("config") or {}
    exposed = config.get("ExposedPorts") if isinstance(config, dict) else None
    ports = [spec.split("/")[0] for spec in (exposed or {}) if spec.endswith("/tcp") or "/" not in spec]
    return sorted(int(p) for p in ports if p.isdigit())


def _image_rows(engine: Engine, image: str, project: Path, info: facts.Facts, keep_going: bool) -> list[Row]:
    base = info.final_base
    inspected = engine.inspect(image) or {}
    base_info = None if base.lower() == "scratch" else engine.inspect(base)
    ours = (inspected.get("RootFS") or {}).get("Layers") or []
    theirs = ((base_info or {}).get("RootFS") or {}).get("Layers") or []
    base_count = len(theirs) if ours[: len(theirs)] == theirs else 0
    with tempfile.TemporaryDirectory(prefix="scaffold-verify-") as tmp:
        archive = Path(tmp) / "image.tar"
        saved = engine.save(image, archive)
        if saved.code != 0:
            return [failed("secrets", "could not save the image", saved.out.strip()[-200:])]
        img = layers.read_saved(archive, base_count)
    tree, _ = layers.final_tree(img.layers)
    checks: Sequence[Callable[[], Row]] = (
        lambda: image_checks.check_user(img.config),
        lambda: image_checks.check_secrets(img, project),
        lambda: image_checks.check_dev_deps(tree, project, img.config, info.traced),
        lambda: image_checks.check_tooling(tree),
        lambda: image_checks.check_setuid(img),
        lambda: image_checks.check_waste(img),
    )
    rows: list[Row] = []
    for check in checks:
        rows.append(check())
        if rows[-1].status is Status.FAIL and not keep_going:
            return rows
    base_size = int(base_info["Size"]) if base_info else (0 if base.lower() == "scratch" else None)
    rows.append(image_checks.size_row(img, int(inspected.get("Size") or 0), base_size, base))
    return rows


def _rest(rows: list[Row], why: str) -> None:
    """List the checks that did not run, so the table always shows every check."""
    done = {r.check for r in rows}
    rows.extend(skipped(name, why) for name in CHECKS if name not in done and name != "rebuild")
    rows.sort(key=lambda r: CHECKS.index(r.check))
