"""Which Dockerfile stages a generated Makefile builds, and which of them a user's own Dockerfile lacks.

Keeping your own Dockerfile while taking the generated Makefile is fine, as long as the Makefile's
`--target NAME` lines name stages that exist; otherwise `make test` / `make shell` fail much later.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

from scaffold.report import Reporter
from scaffold.writer import read_file

_TARGET = re.compile(r"--target[ =](\S+)")
_STAGE = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)", re.IGNORECASE | re.MULTILINE)


def missing_stages(dockerfile: bytes, makefile: bytes) -> list[str]:
    """Stages the Makefile's `--target` flags name that the Dockerfile does not define, in Makefile order."""
    defined = {m.lower() for m in _STAGE.findall(dockerfile.decode("utf-8", "replace"))}
    wanted = dict.fromkeys(_TARGET.findall(makefile.decode("utf-8", "replace")))
    return [name for name in wanted if "$" not in name and name.lower() not in defined]


def warn_missing_stages(root: Path, kept: Collection[str], generated: Mapping[str, bytes], reporter: Reporter) -> None:
    """Your own Dockerfile with our Makefile: name the stages its targets build that your Dockerfile lacks."""
    if "Dockerfile" not in kept or "Makefile" in kept or "Makefile" not in generated:
        return
    missing = missing_stages(read_file(root / "Dockerfile", "Dockerfile"), generated["Makefile"])
    if missing:
        reporter.note(
            f"the generated Makefile builds stage{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            "(make test, make shell), which your Dockerfile lacks: add them or keep your own Makefile too"
        )
