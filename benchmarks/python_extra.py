"""Python-specific measurements (issue 5) for every Python example. Not a test: prints a Markdown table.

For the generated Dockerfile and the naive single-stage one (benchmarks/naive/<example>.Dockerfile, which
installs into the runtime image the way docker init does): the final image's size minus its base image,
and what ships that should not: a C compiler, pip's download cache, and installer tools (pip in the app's
environment, uv, poetry, pdm). Builds may use the engine's cache: sizes and contents do not depend on it.

    python benchmarks/python_extra.py [EXAMPLE …]
    python benchmarks/python_extra.py --zero-edit [EXAMPLE …]

`--zero-edit` measures instead the share of Python examples whose generated files, unedited, build, run and pass
the example's own checks (tests/e2e: its HTTP answer or output, and the runtime contract: non-root numeric
user, venv first on PATH, all interfaces, PORT honoured, docker stop within 3 s).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import final_base, generated_and_naive, run_table  # noqa: E402
from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli  # noqa: E402
from tests.e2e.engine import Engine  # noqa: E402
from tests.e2e.test_images import check_behaviour, check_image, check_python_contract  # noqa: E402

COMPILERS = ("/usr/bin/gcc", "/usr/bin/cc", "/usr/bin/x86_64-linux-gnu-gcc")
PIP_CACHE = "/root/.cache/pip/"
TOOLS = {
    "pip": ("/opt/venv/bin/pip", "/app/.venv/bin/pip"),
    "uv": ("/usr/local/bin/uv", "/bin/uv"),
    "poetry": ("/usr/local/bin/poetry", "/opt/poetry/bin/poetry"),
    "pdm": ("/usr/local/bin/pdm", "/opt/pdm/bin/pdm"),
}


@dataclass(frozen=True)
class Row:
    example: str
    kind: str
    above_base: int
    compiler: bool
    pip_cache_files: int
    tools: tuple[str, ...]


def inspect(engine: Engine, example: Example, kind: str, project: Path, dockerfile_name: str) -> Row:
    tag = f"scaffold-bench/{example.name}-{kind}:py"
    engine.build(project, tag, dockerfile=dockerfile_name)
    try:
        base = engine.size(final_base(project / dockerfile_name))
        base_files = engine.files(final_base(project / dockerfile_name))
        files = engine.files(tag) - base_files  # only what the Dockerfile added
        return Row(
            example.name,
            kind,
            engine.size(tag) - base,
            any(f in files for f in COMPILERS),
            sum(1 for f in files if f.startswith(PIP_CACHE) and not f.endswith("/")),
            tuple(name for name, paths in TOOLS.items() if any(p in files for p in paths)),
        )
    finally:
        engine.remove_image(tag)


def _cells(r: Row) -> list[str]:
    return [
        r.example,
        r.kind,
        f"{r.above_base / 1e6:.1f} MB",
        "yes" if r.compiler else "no",
        str(r.pip_cache_files),
        ", ".join(r.tools) or "none",
    ]


def main(names: list[str]) -> int:
    examples = [e for e in EXAMPLE_LIST if e.language == "python" and (not names or e.name in names)]
    return run_table(
        ["example", "Dockerfile", "above base", "C compiler", "pip cache files", "installer tools"],
        examples,
        lambda example, engine, work: [_cells(r) for r in generated_and_naive(example, engine, work, inspect)],
    )


def zero_edit(names: list[str]) -> int:
    """One row per example (init options, result, why not) and the share that passed."""
    examples = [e for e in EXAMPLE_LIST if e.language == "python" and (not names or e.name in names)]
    passed: list[str] = []

    def row(example: Example, engine: Engine, work: Path) -> list[list[str]]:
        for wanted, source in example.retag.items():
            engine.tag(source, wanted)
        project = copy_example(example, work)
        options = " ".join(f"{k}={v}" for k, v in example.sets.items()) or "none"
        result = run_cli(*example.init_args(), project)
        if result.code != 0:
            return [[example.name, options, "refused at init", result.err.strip().splitlines()[-1][:100]]]
        image = f"scaffold-bench/{example.name}-zero-edit:py"
        try:
            engine.build(project, image)
            check_image(example, engine, image)
            check_behaviour(example, engine, image)
            check_python_contract(example, engine, image)
        finally:
            engine.remove_image(image)
        passed.append(example.name)
        return [[example.name, options, "builds, runs, passes", ""]]

    code = run_table(["example", "init --set", "result", "why not"], examples, row)
    if examples:
        share = len(passed) / len(examples)
        print(f"\nzero-edit share: {len(passed)}/{len(examples)} = {share:.0%} of the Python examples")
    return code


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--zero-edit"]:
        raise SystemExit(zero_edit(args[1:]))
    raise SystemExit(main(args))
