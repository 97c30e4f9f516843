"""The engine fixture: skip with a reason where no engine answers; fail in CI, where one must."""

from __future__ import annotations

import os

import pytest

from tests.e2e.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    eng = Engine.from_env()
    why = eng.available()
    if why is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must build real images but no Docker engine answers: {why}")
        pytest.skip(f"no Docker engine answers ({why}); start one (see README) to run the image tests")
    return eng


_SECONDS: dict[str, float] = {}
"""Wall time of every engine test, summed per test file (setup, call and teardown)."""


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
