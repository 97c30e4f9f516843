"""Generated vs naive Dockerfiles for every example: size, cold build, rebuild, build context.

Not a test: it prints a Markdown table. The naive Dockerfile of an example is
benchmarks/naive/<example>.Dockerfile (the toolchain image, `COPY . .`, install everything, run).

    python benchmarks/bench.py [EXAMPLE …]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import dockerfile

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli  # noqa: E402
from tests.e2e.engine import Engine  # noqa: E402

NAIVE = REPO / "benchmarks" / "naive"
SOURCE_SUFFIXES = (".go", ".js", ".mjs", ".ts", ".tsx", ".py")
_CONTEXT = re.compile(r"transferring context: ([\d.]+)([kMG]?B)")
_UNITS = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
R = TypeVar("R")


@dataclass(frozen=True)
class Row:
    example: str
    kind: str
    size: int
    above_base: int
    cold_s: float
    rebuild_s: float
    context: int


def final_base(path: Path) -> str:
    """The image the last stage starts from (a stage name resolves to that stage's base)."""
    stages: dict[str, str] = {}
    last = ""
    for cmd in dockerfile.parse_file(str(path)):
        if cmd.cmd != "FROM":
            continue
        words = [w for w in cmd.value if not w.startswith("--")]
        image = stages.get(words[0], words[0])
        if len(words) >= 3 and words[1].upper() == "AS":
            stages[words[2]] = image
        last = image
    return last


def touch_source(project: Path) -> None:
    """A one-line change to the first source file (comment syntax per language).

    The line is new on every run: the same edit twice would be a build-cache hit from the last run.
    """
    for path in sorted(project.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and not {"node_modules", "vendor"} & set(path.parts):
            mark = "#" if path.suffix == ".py" else "//"
            with path.open("a", encoding="utf-8") as fh:
                fh.write(f"\n{mark} benchmark edit {time.time_ns()}\n")
            return
    raise SystemExit(f"{project}: no source file to edit")


def build(engine: Engine, context: Path, dockerfile_name: str, tag: str, *, cold: bool) -> tuple[float, int]:
    extra = ("--no-cache", "--progress", "plain") if cold else ("--progress", "plain")
    elapsed, log = engine.build_logged(context, tag, dockerfile=dockerfile_name, extra=extra)
    sizes = [float(n) * _UNITS[u] for n, u in _CONTEXT.findall(log)]
    return elapsed, int(max(sizes, default=0))


def measure(engine: Engine, example: Example, kind: str, project: Path, dockerfile_name: str) -> Row:
    tag = f"scaffold-bench/{example.name}-{kind}:latest"
    cold, context = build(engine, project, dockerfile_name, tag, cold=True)
    size = engine.size(tag)
    base = engine.size(final_base(project / dockerfile_name))
    touch_source(project)
    rebuild, _ = build(engine, project, dockerfile_name, tag, cold=False)
    engine.remove_image(tag)
    return Row(example.name, kind, size, size - base, cold, rebuild, context)


def generated_and_naive(
    example: Example, engine: Engine, work: Path, measure: Callable[[Engine, Example, str, Path, str], R]
) -> list[R]:
    """`measure` the scaffold-generated Dockerfile of an example, then its naive one when there is one."""
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    generated = copy_example(example, work / "generated")
    result = run_cli(*example.init_args(), generated)  # with the tests' environment: the same output as golden
    if result.code != 0:
        raise AssertionError(f"scaffold init failed: {result.err}")
    rows = [measure(engine, example, "scaffold", generated, "Dockerfile")]
    naive_file = NAIVE / f"{example.name}.Dockerfile"
    if naive_file.exists():
        naive = copy_example(example, work / "naive")
        shutil.copy(naive_file, naive / "Dockerfile.naive")
        rows.append(measure(engine, example, "naive", naive, "Dockerfile.naive"))
    return rows


def run_table(
    columns: Sequence[str],
    examples: Sequence[Example],
    rows_for: Callable[[Example, Engine, Path], list[list[str]]],
) -> int:
    """Print a Markdown table with a row per result; a failed example gets a row saying why."""
    engine = Engine.from_env()
    why = engine.available()
    if why:
        print(f"no Docker engine: {why}", file=sys.stderr)
        return 2
    print("| " + " | ".join(columns) + " |")
    print("| --- " * len(columns) + "|")
    for example in examples:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                rows = rows_for(example, engine, Path(tmp))
            except (AssertionError, subprocess.CalledProcessError) as exc:
                rows = [[example.name, f"failed: {str(exc).splitlines()[0][:80]}", *[""] * (len(columns) - 2)]]
        for cells in rows:
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _cells(r: Row) -> list[str]:
    return [
        r.example,
        r.kind,
        mb(r.size),
        mb(r.above_base),
        f"{r.cold_s:.1f} s",
        f"{r.rebuild_s:.1f} s",
        f"{r.context / 1e3:.1f} kB",
    ]


def main(names: list[str]) -> int:
    columns = ["example", "Dockerfile", "image", "above base", "build (no cache)", "rebuild, 1-line change", "context"]
    examples = [e for e in EXAMPLE_LIST if not names or e.name in names]
    return run_table(
        columns,
        examples,
        lambda example, engine, work: [_cells(r) for r in generated_and_naive(example, engine, work, measure)],
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
