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
