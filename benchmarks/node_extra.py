"""Node-specific measurements (issue 4) for every Node example. Not a test: prints a Markdown table.

For the generated Dockerfile and the naive single-stage one (benchmarks/naive/<example>.Dockerfile: the
full node image, `COPY . .`, install everything, run — docker init's approach): the final image's size
minus its base image, how many of the example's devDependencies ship in it (goal: 0), and which package
manager caches ship in it. Builds may use the engine's cache: sizes and contents do not depend on it.

    python benchmarks/node_extra.py [EXAMPLE …]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import final_base, generated_and_naive, run_table  # noqa: E402
from tests.conftest import EXAMPLE_LIST, Example  # noqa: E402
from tests.e2e.engine import Engine  # noqa: E402

CACHES = {
    "npm": ("/root/.npm/",),
    "yarn": ("/usr/local/share/.cache/yarn/", "/root/.cache/yarn/", "/root/.yarn/berry/cache/"),
    "pnpm": ("/root/.local/share/pnpm/store/", "/root/.cache/pnpm/"),
    "corepack": ("/root/.cache/node/corepack/",),
}


@dataclass(frozen=True)
class Row:
    example: str
    kind: str
    size: int
    above_base: int
    dev_shipped: int
    dev_total: int
    caches: tuple[str, ...]


def dev_dependencies(project: Path) -> list[str]:
    data = json.loads((project / "package.json").read_text(encoding="utf-8"))
    return sorted(data.get("devDependencies", {}))


def shipped(files: set[str], name: str) -> bool:
    """A dev dependency ships if node_modules holds it (directly, or in pnpm's .pnpm store)."""
    direct = f"/app/node_modules/{name}"
    pnpm = f"/app/node_modules/.pnpm/{name.replace('/', '+')}@"
    return any(f.rstrip("/") == direct or f.startswith((direct + "/", pnpm)) for f in files)


def measure(engine: Engine, example: Example, kind: str, project: Path, dockerfile_name: str) -> Row:
    tag = f"scaffold-bench/{example.name}-{kind}:latest"
    engine.build(project, tag, dockerfile=dockerfile_name)
    try:
        size = engine.size(tag)
        base = engine.size(final_base(project / dockerfile_name))
        files = engine.files(tag)
    finally:
        engine.remove_image(tag)
    dev = dev_dependencies(project)
    caches = tuple(name for name, paths in CACHES.items() if any(f.startswith(paths) for f in files))
    return Row(example.name, kind, size, size - base, sum(shipped(files, d) for d in dev), len(dev), caches)


def _cells(r: Row) -> list[str]:
    return [
        r.example,
        r.kind,
        f"{r.size / 1e6:.1f} MB",
        f"{r.above_base / 1e6:.1f} MB",
        f"{r.dev_shipped} of {r.dev_total}",
        ", ".join(r.caches) or "none",
    ]


def main(names: list[str]) -> int:
    examples = [e for e in EXAMPLE_LIST if e.language == "node" and (not names or e.name in names)]
    return run_table(
        ["example", "Dockerfile", "image", "above base", "devDependencies shipped", "package caches shipped"],
        examples,
        lambda example, engine, work: [_cells(r) for r in generated_and_naive(example, engine, work, measure)],
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
