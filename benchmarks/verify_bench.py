"""`scaffold verify` per example: seconds for the whole run, and the figures its report carries.

Not a test: it prints a Markdown table. Each example is generated with `scaffold init --yes`, then verified
twice on the engine the tests use (SCAFFOLD_DOCKER, host network): cold (`--build-flag --no-cache`) and
warm with `--rebuild`. The `test`, `run` and `stop` columns are the warm run's.

    python benchmarks/verify_bench.py [EXAMPLE …]     (default: one example per language; `all` for every one)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import mb, run_table  # noqa: E402
from tests.conftest import EXAMPLE_LIST, STANDIN_ENV, Example, copy_example, run_cli  # noqa: E402
from tests.e2e.engine import Engine  # noqa: E402

DEFAULT = ("go-http", "node-express", "python-cli")
COLUMNS = [
    "example",
    "verify (cold)",
    "verify (warm, --rebuild)",
    "result",
    "build (cold)",
    "rebuild",
    "test",
    "run",
    "stop",
    "image",
    "above base",
]


def _verify(engine: Engine, project: Path, extra: list[str], build_extra: str) -> tuple[float, dict[str, Any]]:
    net = f"--network {engine.network}"
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaffold",
            "verify",
            "--json",
            "--build-flag",
            f"{net} {build_extra}".strip(),
            "--run-flag",
            net,
            *extra,
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
        env={**os.environ, **STANDIN_ENV, "SCAFFOLD_DOCKER": engine.binary},
    )
    report: dict[str, Any] = json.loads(proc.stdout)
    return time.monotonic() - start, report


def verify(example: Example, engine: Engine, work: Path) -> list[list[str]]:
    """Two runs: cold (`--no-cache`: what CI without a cache pays) and warm with `--rebuild` (a developer's run)."""
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    project = copy_example(example, work)
    if run_cli(*example.init_args(), project).code != 0:
        raise AssertionError("scaffold init failed")
    extra = ["--args", " ".join(example.expect.get("args", ()))] if "stdout" in example.expect else []
    cold_s, cold = _verify(engine, project, extra, "--no-cache")
    warm_s, report = _verify(engine, project, [*extra, "--rebuild"], "")
    rows = {c["check"]: c for c in report["checks"]}
    cold_build = {c["check"]: c for c in cold["checks"]}["build"]

    def secs(row: dict[str, Any]) -> str:
        return f"{row['seconds']:.1f} s" if row.get("result") == "pass" else row.get("result", "")

    failed = sorted({c["check"] for r in (cold, report) for c in r["checks"] if c["result"] == "fail"})
    size = rows["size"].get("data", {})
    return [
        [
            example.name,
            f"{cold_s:.1f} s",
            f"{warm_s:.1f} s",
            "fail: " + ", ".join(failed) if failed else "pass",
            secs(cold_build),
            secs(rows["rebuild"]),
            secs(rows["test"]),
            secs(rows["run"]),
            secs(rows["stop"]),
            mb(size["image_bytes"]) if size else "",
            mb(size["above_base_bytes"]) if size else "",
        ]
    ]


def main(names: list[str]) -> int:
    wanted = set(names or DEFAULT)
    examples = [e for e in EXAMPLE_LIST if "all" in wanted or e.name in wanted]
    return run_table(COLUMNS, examples, verify)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
