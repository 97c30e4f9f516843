"""Command line: flags → Request → app; ScaffoldError → one line on stderr and its exit code. No logic.

No traceback reaches the user: anything unexpected becomes one "internal error" line and exit 70
(SCAFFOLD_DEBUG=1 shows the traceback), and Ctrl-C is handled from the first line scaffold runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scaffold import __version__, signals
from scaffold.errors import Interrupted, ScaffoldError, UsageError
from scaffold.models import Policy, Request

if TYPE_CHECKING:
    pass

_PATH = click.Path(path_type=Path, file_okay=True, dir_okay=True)
BARE_TRUST = "\0bare"
"""--trust given without a SOURCE."""
INTERNAL_ERROR = 70
"""EX_SOFTWARE: scaffold has a bug; the message asks for a report."""


def _run(action: Callable[[], int]) -> None:
    try:
        code = action()
    except ScaffoldError as exc:
        _error(str(exc))
        code = exc.exit_code
    except KeyboardInterrupt:
        code = _interrupted()
    except EOFError:
        _error("input ended before every question was answered; nothing was written (try --yes)")
        code = 2
    except RecursionError:
        if os.environ.get("SCAFFOLD_DEBUG"):
            raise
        _error("input nested too deeply to process (RecursionError); nothing was written")
        code = 2
    except Exception as exc:
        code = _internal(exc)
    sys.exit(code)


def _interrupted() -> int:
    """Report Ctrl-C/SIGTERM truthfully: name what was written if a commit had finished."""
    writer = sys.modules.get("scaffold.writer")
    written = writer.written_paths() if writer is not None else []
    exc = Interrupted(f"interrupted after scaffold wrote {', '.join(written)}" if written else Interrupted().args[0])
    _error(str(exc))
    return exc.exit_code


def _trust(given: str | None, template: str | None) -> str | None:
    """--trust names the source it trusts; a bare --trust only trusts the --template on the same command line."""
    if given != BARE_TRUST:
        return given
    if template is not None:
        return template
    raise UsageError(
        "--trust now names the template source it trusts: pass --trust SOURCE (the template's directory, zip "
        "or git URL as recorded), so that a changed .scaffold.yaml cannot bring its own code"
    )


def _internal(exc: BaseException) -> int:
    if os.environ.get("SCAFFOLD_DEBUG"):
        raise exc
    _error(f"internal error: {type(exc).__name__}: {exc}; please report it (SCAFFOLD_DEBUG=1 shows the traceback)")
    return INTERNAL_ERROR


def _error(message: str) -> None:
    """One line on stderr, whatever the message holds (newlines, markup, lone surrogates)."""
    line = " | ".join(part.strip() for part in message.splitlines() if part.strip())
    try:
        from scaffold.report import Reporter

        Reporter().error(line)
    except Exception:
        os.write(2, f"error: {line}\n".encode("utf-8", "backslashreplace"))


class _Command(click.Command):
    """A command whose one-line summary is shown whole in the command list (click cuts it at 45 columns
    with "..." and the terminal folds a long one anyway)."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=1_000)


class _Group(click.Group):
    """A group listing its commands' whole summaries; its subcommands and subgroups are the same kind."""

    command_class = _Command
    group_class = type

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=1_000)


def _examples(*lines: str) -> str:
    """The epilog every command's help ends with: real command lines, kept as written (click's \b)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_examples(
        "scaffold init                   # detect, ask four questions, write",
        "scaffold init --yes --lang go   # a new repo: a starter app too",
        "scaffold verify                 # build, run and check the image",
    ),
)
@click.version_option(__version__, "--version", "-V", prog_name="scaffold")
def cli() -> None:
    """Give a Go, Node or Python project an optimized, production-grade Docker setup."""


@cli.command(
    epilog=_examples(
        "scaffold init                    # ask, show the recap, write",
        "scaffold init --yes -s port=8080 # no questions, one option set",
        "scaffold init --advanced --diff  # every option; show the diff",
    )
)
@click.argument("path", type=_PATH, default=Path())
@click.option("-y", "--yes", "assume_yes", is_flag=True, help="Ask nothing; use detected values and defaults.")
@click.option("--advanced", is_flag=True, help="Ask every option, not just the basic four.")
@click.option("-s", "--set", "sets", multiple=True, metavar="KEY=VALUE", help="Set an option (repeatable).")
@click.option("--lang", metavar="LANGUAGE", help="The language to generate for (go, node, python, or a plugin's).")
@click.option("--force", is_flag=True, help="Overwrite files that differ, keeping a .bak copy of each.")
@click.option("--skip-existing", is_flag=True, help="Keep files that already exist; write the rest.")
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing.")
@click.option("--diff", is_flag=True, help="Print a unified diff of each file that would change; write nothing.")
@click.option("--template", metavar="SOURCE", help="A template directory, .zip, or git URL[@ref] (default: built-in).")
@click.option("--directory", metavar="DIR", help="The template's subfolder to use (e.g. a language folder).")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Team config file (YAML).")
@click.option(
    "--trust",
    metavar="SOURCE",
    is_flag=False,
    flag_value=BARE_TRUST,
    default=None,
    help="Trust this template source: run its hooks (arbitrary code) and render it unsandboxed.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show every option, template-internal ones too.")
@click.option(
    "--starter/--no-starter",
    default=None,
    help="Where no project is found, create (or never create) a minimal app for --lang. Default: offer at a "
    "terminal, create with --yes --lang.",
)
@click.option(
    "--compose",
    is_flag=True,
    help="Also write compose.yaml: the app with the services it uses (same as --set compose=true).",
)
@click.option(
    "--ci",
    "ci",
    type=click.Choice(["github", "gitlab"]),
    help="Also write a CI pipeline (.github/workflows/docker.yml or .gitlab-ci.yml): --set ci=KIND.",
)
@click.option("--verify", "then_verify", is_flag=True, help="Then build, run and check the image (scaffold verify).")
@click.option("--fix", is_flag=True, help="With --verify: apply a failure's remedy and verify again (3 rounds).")
@click.option("--build-flag", "build_flags", multiple=True, metavar="FLAGS", help="With --verify: build flags.")
@click.option("--run-flag", "run_flags", multiple=True, metavar="FLAGS", help="With --verify: run flags.")
def init(
    path: Path,
    assume_yes: bool,
    advanced: bool,
    sets: tuple[str, ...],
    lang: str | None,
    force: bool,
    skip_existing: bool,
    dry_run: bool,
    diff: bool,
    template: str | None,
    directory: str | None,
    config: Path | None,
    trust: str | None,
    verbose: bool,
    starter: bool | None,
    compose: bool,
    ci: str | None,
    then_verify: bool,
    fix: bool,
    build_flags: tuple[str, ...],
    run_flags: tuple[str, ...],
) -> None:
    """Write a Dockerfile, .dockerignore and Makefile for the project at PATH (default: here)."""

    def action() -> int:
        from scaffold.commands import init as init_cmd
        from scaffold.options import parse_sets
        from scaffold.prompt import QuestionaryAsker
        from scaffold.report import Reporter

        if force and skip_existing:
            raise UsageError("--force and --skip-existing cannot be used together")
        if fix and not then_verify:
            raise UsageError("--fix needs --verify (scaffold init --verify --fix)")
        if then_verify and (dry_run or diff):
            raise UsageError("--verify needs the files written: drop --dry-run/--diff")
        interactive = not assume_yes and sys.stdin.isatty() and sys.stdout.isatty()
        if force:
            policy = Policy.OVERWRITE
        elif skip_existing:
            policy = Policy.KEEP
        else:
            policy = Policy.ASK if interactive else Policy.FAIL
        # --compose is a shorthand: a --set of the same option given with it wins.
        given = parse_sets(("compose=true", *sets) if compose else sets)
        if ci is not None:
            if given.get("ci", ci) != ci:
                raise UsageError(f"--ci {ci} and --set ci={given['ci']} disagree: give one")
            given["ci"] = ci  # a shorthand for --set ci=KIND, recorded like any answer
        request = Request(
            path=path,
            language=lang,
            sets=given,
            assume_yes=assume_yes,
            policy=policy,
            dry_run=dry_run,
            diff=diff,
            template=template,
            directory=directory,
            config=config,
            trust=_trust(trust, template),
            verbose=verbose,
            starter=starter,
            advanced=advanced,
        )
        code = init_cmd.init(request, Reporter(), QuestionaryAsker() if interactive else None)
        if code != 0 or not then_verify:
            return code
        from scaffold import pipeline
        from scaffold.commands import verify as verify_cmd
        from scaffold.verify.model import Settings

        settings = Settings(
            path=pipeline.project_root(path),
            build_flags=_split(build_flags, "--build-flag"),
            run_flags=_split(run_flags, "--run-flag"),
        )
        return verify_cmd.verify(verify_cmd.VerifyRequest(settings, False, fix, config), Reporter())

    _run(action)


@cli.command(
    epilog=_examples(
        "scaffold detect            # what scaffold found here, and where",
        "scaffold detect ../api -v  # another project, every fact",
        "scaffold detect --json     # the same as a JSON document",
    )
)
@click.argument("path", type=_PATH, default=Path())
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document (schema 1) instead of a table.")
@click.option("-v", "--verbose", is_flag=True, help="Show every fact, template-internal ones too.")
def detect(path: Path, as_json: bool, verbose: bool) -> None:
    """Show what scaffold detects in the project at PATH (default: here)."""

    def action() -> int:
        from scaffold import pipeline
        from scaffold.commands import detect as detect_cmd
        from scaffold.errors import NotDetectedError
        from scaffold.providers import looked_for, titles
        from scaffold.report import Reporter

        found = detect_cmd.detect(path)
        reporter = Reporter()
        if as_json:
            reporter.json(detect_cmd.document(pipeline.project_root(path), found))
        if not found:
            raise NotDetectedError(f"{path}: no {titles()} project found (looked for {looked_for()})")
        if not as_json:
            reporter.detections(found, detect_cmd.internal_facts(found), verbose)
        return 0

    _run(action)


@cli.command(
    epilog=_examples(
        "scaffold update --dry-run        # which files would merge or conflict",
        "scaffold update                  # merge the template into your files",
        "scaffold update --set port=9000  # change a recorded answer",
    )
)
@click.argument("path", type=_PATH, default=Path())
@click.option("--ref", help="Move to another branch, tag or commit of the (git) template.")
@click.option("-s", "--set", "sets", multiple=True, metavar="KEY=VALUE", help="Change a recorded answer.")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Team config file (YAML).")
@click.option(
    "--force",
    is_flag=True,
    hidden=True,
    help="No effect: update judges hand edits by the recorded hashes and merges into them (never refuses).",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option(
    "--trust",
    metavar="SOURCE",
    is_flag=False,
    flag_value=BARE_TRUST,
    default=None,
    help="Trust this template source: run its hooks (arbitrary code) and render it unsandboxed.",
)
def update(
    path: Path,
    ref: str | None,
    sets: tuple[str, ...],
    config: Path | None,
    force: bool,
    dry_run: bool,
    trust: str | None,
) -> None:
    """Merge the template's current version into the files it generated (3-way: your edits survive)."""

    def action() -> int:
        from scaffold.commands import update as update_cmd
        from scaffold.options import parse_sets
        from scaffold.report import Reporter

        request = update_cmd.UpdateRequest(path, ref, parse_sets(sets), config, force, dry_run, _trust(trust, None))
        return update_cmd.update(request, Reporter())

    _run(action)


@cli.command(
    epilog=_examples(
        "scaffold check            # in CI: exit 1 and the diff when out of date",
        "scaffold check --strict   # also fail on hand edits and newer tags",
    )
)
@click.argument("path", type=_PATH, default=Path())
@click.option("--strict", is_flag=True, help="Also fail on hand edits to generated files and on newer template tags.")
@click.option("--fail-on-newer", is_flag=True, help="Fail on newer template version tags (--strict does too).")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Team config file (YAML).")
def check(path: Path, strict: bool, fail_on_newer: bool, config: Path | None) -> None:
    """Exit 0 when the project is up to date with its template; else print the update's diff and exit 1."""

    def action() -> int:
        from scaffold.commands import check as check_cmd
        from scaffold.report import Reporter

        return check_cmd.check(path, config, strict, Reporter(), fail_on_newer)

    _run(action)


@cli.command(
    epilog=_examples(
        "scaffold verify                    # build, run, stop, inspect the image",
        "scaffold verify --json ../api      # another project, as a JSON report",
        "scaffold verify --target api       # one docker-bake.hcl target: its image",
    )
)
@click.argument("path", type=_PATH, default=Path())
@click.option("--engine", metavar="CLI", help="docker-compatible CLI (default: $SCAFFOLD_DOCKER, $DOCKER, docker).")
@click.option("-f", "--file", "dockerfile", default="Dockerfile", show_default=True, help="The Dockerfile, in PATH.")
@click.option(
    "--target",
    metavar="NAME",
    default="",
    help="Verify one docker-bake.hcl target (its Dockerfile and stage), or a stage of the Dockerfile.",
)
@click.option("--build-flag", "build_flags", multiple=True, metavar="FLAGS", help="Build flags, e.g. '--network host'.")
@click.option("--run-flag", "run_flags", multiple=True, metavar="FLAGS", help="Run flags, e.g. '--network host'.")
@click.option("--args", "args", default="", metavar="ARGS", help="Arguments for the app (a program's command line).")
@click.option("--path", "http_path", default="/", show_default=True, help="The URL path a server must answer.")
@click.option("--expect", metavar="TEXT", help="Text a program (no EXPOSE) must print.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=30, show_default=True, help="Seconds for the app.")
@click.option("--rebuild", is_flag=True, help="Also change one source file (in a copy) and time the rebuild.")
@click.option("--keep-going", is_flag=True, help="Run every check instead of stopping at the first failure.")
@click.option("--keep", is_flag=True, help="Keep the image verify built (its tag is printed).")
@click.option("--json", "as_json", is_flag=True, help="Print the versioned JSON report instead of a table.")
@click.option("-v", "--verbose", is_flag=True, help="Show the build output and logs of passing checks too.")
@click.option("--fix", is_flag=True, help="Apply a failure's remedy, regenerate, verify again (3 rounds).")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Team config file (YAML), for --fix.")
def verify(
    path: Path,
    engine: str | None,
    dockerfile: str,
    target: str,
    build_flags: tuple[str, ...],
    run_flags: tuple[str, ...],
    args: str,
    http_path: str,
    expect: str | None,
    timeout: float,
    rebuild: bool,
    keep_going: bool,
    keep: bool,
    as_json: bool,
    verbose: bool,
    fix: bool,
    config: Path | None,
) -> None:
    """Build, run, stop and inspect the project's image; exit 0 only when every check passed."""

    def action() -> int:
        from scaffold.commands import verify as verify_cmd
        from scaffold.report import Reporter
        from scaffold.verify.model import Settings

        settings = Settings(
            path=path,
            engine=engine or "",
            build_flags=_split(build_flags, "--build-flag"),
            run_flags=_split(run_flags, "--run-flag"),
            args=_split((args,), "--args"),
            http_path=http_path if http_path.startswith("/") else "/" + http_path,
            expect=expect,
            timeout=timeout,
            rebuild=rebuild,
            keep_going=keep_going,
            keep=keep,
            verbose=verbose,
            dockerfile=dockerfile,
            target=target,
        )
        return verify_cmd.verify(verify_cmd.VerifyRequest(settings, as_json, fix, config), Reporter())

    _run(action)


def _split(values: tuple[str, ...], flag: str) -> tuple[str, ...]:
    """Each value is a shell-quoted list of words (`--build-flag '--network host'`)."""
    import shlex

    try:
        return tuple(word for value in values for word in shlex.split(value))
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None


@cli.group(
    epilog=_examples(
        "scaffold templates list",
        "scaffold templates validate ./my-template",
    )
)
def templates() -> None:
    """List and validate templates."""


@templates.command(
    "list",
    epilog=_examples(
        "scaffold templates list                     # built-in and team templates",
        "scaffold templates list --config team.yaml  # another team config",
    ),
)
@click.option("--config", "config", type=click.Path(path_type=Path), help="Team config file (YAML).")
def templates_list(config: Path | None) -> None:
    """Show the built-in templates and the one the team config names."""

    def action() -> int:
        from scaffold import config as cfg
        from scaffold import record
        from scaffold.commands import templates as templates_cmd
        from scaffold.report import Reporter

        return templates_cmd.list_templates(cfg.find(config, record.read_raw(Path.cwd())), Reporter())

    _run(action)


@templates.command(
    "validate",
    epilog=_examples(
        "scaffold templates validate ./my-template",
        "scaffold templates validate https://example.com/team/tpl.git@v1",
    ),
)
@click.argument("source")
@click.option("--directory", metavar="DIR", help="The template's subfolder to check.")
def templates_validate(source: str, directory: str | None) -> None:
    """Render SOURCE (directory, .zip or git URL[@ref]) for each language and check the template contract."""

    def action() -> int:
        from scaffold.commands import templates as templates_cmd
        from scaffold.report import Reporter

        return templates_cmd.validate(source, directory, Reporter())

    _run(action)


def main() -> None:
    """Console-script entry point: every outcome is one line and an exit code, never a traceback."""
    # From here on Ctrl-C and SIGTERM are KeyboardInterrupts, which _run reports (the writer holds them
    # while it renames files into place).
    signals.raise_interrupt()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")  # a lone surrogate from a project file prints as \ud800
    try:
        code = cli.main(prog_name="scaffold", standalone_mode=False)
    except click.exceptions.Abort:
        signals.ignore()
        code = _interrupted()
    except click.exceptions.ClickException as exc:
        signals.ignore()
        exc.show()
        code = exc.exit_code
    except KeyboardInterrupt:
        signals.ignore()
        code = _interrupted()
    except Exception as exc:
        signals.ignore()
        code = _internal(exc)
    finally:
        # The command is over (a SystemExit from _run passes through here too): a Ctrl-C from now on must
        # neither interrupt the one line being printed nor turn the interpreter's shutdown into a traceback.
        signals.ignore()
    sys.exit(code if isinstance(code, int) else 0)
