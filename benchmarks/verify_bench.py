"""`scaffold verify` per example: seconds for the whole run, and the figures its report carries.

Not a test: it prints a Markdown table. Each example is generated with `scaffold init --yes`, then verified
with `--rebuild` on the engine the tests use (SCAFFOLD_DOCKER, host network).

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
COLUMNS = ["example", "verify", "result", "build", "rebuild", "test", "run", "stop", "image", "above base"]


def verify(example: Example, engine: Engine, work: Path) -> list[list[str]]:
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    project = copy_example(example, work)
    if run_cli(*example.init_args(), project).code != 0:
        raise AssertionError("scaffold init failed")
    extra = ["--args", " ".join(example.expect.get("args", ()))] if "stdout" in example.expect else []
    net = f"--network {engine.network}"
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaffold",
            "verify",
            "--json",
            "--rebuild",
            "--build-flag",
            net,
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
    seconds = time.monotonic() - start
    report: dict[str, Any] = json.loads(proc.stdout)
    rows = {c["check"]: c for c in report["checks"]}

    def secs(name: str) -> str:
        row = rows.get(name, {})
        return f"{row['seconds']:.1f} s" if row.get("result") == "pass" else row.get("result", "")

    failed = [c["check"] for c in report["checks"] if c["result"] == "fail"]
    size = rows["size"].get("data", {})
    return [
        [
            example.name,
            f"{seconds:.1f} s",
            "pass" if report["passed"] else "fail: " + ", ".join(failed),
            secs("build"),
            secs("rebuild"),
            secs("test"),
            secs("run"),
            secs("stop"),
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
