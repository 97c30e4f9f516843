"""The values verify's stages pass around: settings in, one Row per check out."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Status(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"
    INFO = "info"  # a measurement (size), not a verdict


@dataclass(frozen=True)
class Row:
    """One check's result: what the table shows, plus machine-readable data for the JSON report."""

    check: str
    status: Status
    figure: str = ""
    hint: str = ""
    seconds: float = 0.0
    data: dict[str, Any] = field(default_factory=dict)
    details: str = ""  # long text (build output, logs) shown on failure or with --verbose
    output: str = ""  # a failed step's whole output, for the diagnosis (never printed whole)


def passed(check: str, figure: str = "", hint: str = "", **data: Any) -> Row:
    return Row(check, Status.PASS, figure, hint, data=data)


def failed(check: str, figure: str, hint: str, details: str = "", **data: Any) -> Row:
    return Row(check, Status.FAIL, figure, hint, details=details, data=data)


def skipped(check: str, why: str) -> Row:
    return Row(check, Status.SKIP, "", why)


@dataclass(frozen=True)
class Settings:
    """Everything `scaffold verify` was asked to do."""

    path: Path
    engine: str = ""  # empty: $SCAFFOLD_DOCKER, $DOCKER, then docker
    build_flags: tuple[str, ...] = ()
    run_flags: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    http_path: str = "/"
    expect: str | None = None
    timeout: float = 30.0
    rebuild: bool = False
    keep_going: bool = False
    keep: bool = False
    verbose: bool = False
    dockerfile: str = "Dockerfile"
    target: str = ""
    """--target: a docker-bake.hcl target (its Dockerfile and stage) or a stage of the Dockerfile ("": none)."""
    stage: str = ""
    """The stage verify builds and checks, as `docker build --target` ("": the last one)."""

    @property
    def host_network(self) -> bool:
        """True when the container shares the host's network (then `-p` publishes nothing)."""
        return network(self.run_flags) == "host"


def network(flags: tuple[str, ...]) -> str | None:
    """The network a list of docker flags names (--network/--net), or None."""
    for i, flag in enumerate(flags):
        for name in ("--network", "--net"):
            if flag == name and i + 1 < len(flags):
                return flags[i + 1]
            if flag.startswith(name + "="):
                return flag.split("=", 1)[1]
    return None
