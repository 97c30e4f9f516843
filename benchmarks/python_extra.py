"""Python-specific measurements (issue 5) for every Python example. Not a test: prints a Markdown table.

For the generated Dockerfile and the naive single-stage one (benchmarks/naive/<example>.Dockerfile, which
installs into the runtime image the way docker init does): the final image's size minus its base image,
and what ships that should not: a C compiler, pip's download cache, and installer tools (pip in the app's
environment, uv, poetry, pdm). Builds may use the engine's cache: sizes and contents do not depend on it.

    python benchmarks/python_extra.py [EXAMPLE …]

Zero edits for every example, with its MB above the runtime base: benchmarks/zero_edit.py.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import final_base, generated_and_naive, run_table  # noqa: E402
from tests.conftest import EXAMPLE_LIST, Example  # noqa: E402
from tests.e2e.engine import Engine  # noqa: E402

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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
