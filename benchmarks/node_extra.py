"""Node-specific measurements (issues 4 and 10) for every Node example. Not a test: prints a Markdown table.

For the generated Dockerfile and the naive single-stage one (benchmarks/naive/<example>.Dockerfile: the
full node image, `COPY . .`, install everything, run — docker init's approach): whether the image builds,
runs and passes the example's own check (<name>.yaml, the e2e test's check) with zero edits, the final
image's size minus its base image, how many dev-only packages ship in it (from the lockfile's `dev` flags
where the lockfile has them, else package.json's devDependencies; goal: 0), and which package manager
caches ship in it. A last line gives the share of Node examples that work with zero edits.
Builds may use the engine's cache: sizes and contents do not depend on it.

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
from tests.e2e.test_images import check_behaviour, check_image  # noqa: E402

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
    works: str
    size: int
    above_base: int
    dev_shipped: int
    dev_total: int
    dev_source: str
    caches: tuple[str, ...]


RESULTS: dict[str, bool] = {}
"""Example → the generated image built, ran and passed its check (filled as rows are measured)."""


def dev_dependencies(project: Path) -> tuple[list[str], str]:
    """Packages installed only for development, and where that list came from.

    package-lock.json (and npm-shrinkwrap.json) flag every such package, direct or transitive, with `dev`;
    other lockfiles here do not, so package.json's devDependencies (direct ones only) stand in.
    """
    for lock in ("package-lock.json", "npm-shrinkwrap.json"):
        path = project / lock
        if path.is_file():
            packages = json.loads(path.read_text(encoding="utf-8")).get("packages", {})
            names = {
                key.rsplit("node_modules/", 1)[-1]
                for key, entry in packages.items()
                # Top-level entries only: a nested dev copy may share its name with a production package.
                if isinstance(entry, dict) and entry.get("dev") and key.count("node_modules/") == 1
            }
            return sorted(names), f"{lock} dev flags"
    if not (project / "package.json").is_file():
        return [], "no package.json"  # a lone script: nothing is installed at all
    data = json.loads((project / "package.json").read_text(encoding="utf-8"))
    return sorted(data.get("devDependencies", {})), "package.json devDependencies"


def passes_own_check(example: Example, engine: Engine, image: str) -> str:
    """'yes' when the image passes the same checks as the e2e test, else the first line of why not."""
    try:
        check_image(example, engine, image, engine.files(image))
        check_behaviour(example, engine, image)
    except AssertionError as exc:
        return f"no: {str(exc).splitlines()[0][:60]}"
    return "yes"


def shipped(files: set[str], name: str) -> bool:
    """A dev dependency ships if node_modules holds it (directly, or in pnpm's .pnpm store)."""
    direct = f"/app/node_modules/{name}"
    pnpm = f"/app/node_modules/.pnpm/{name.replace('/', '+')}@"
    return any(f.rstrip("/") == direct or f.startswith((direct + "/", pnpm)) for f in files)


def measure(engine: Engine, example: Example, kind: str, project: Path, dockerfile_name: str) -> Row:
    tag = f"scaffold-bench/{example.name}-{kind}:latest"
    if kind == "scaffold":
        RESULTS[example.name] = False  # until it has built, run and passed
    engine.build(project, tag, dockerfile=dockerfile_name)
    try:
        size = engine.size(tag)
        base = engine.size(final_base(project / dockerfile_name))
        files = engine.files(tag)
        works = passes_own_check(example, engine, tag) if kind == "scaffold" else "-"
    finally:
        engine.remove_image(tag)
    if kind == "scaffold":
        RESULTS[example.name] = works == "yes"
    dev, source = dev_dependencies(project)
    caches = tuple(name for name, paths in CACHES.items() if any(f.startswith(paths) for f in files))
    dev_shipped = sum(shipped(files, d) for d in dev)
    return Row(example.name, kind, works, size, size - base, dev_shipped, len(dev), source, caches)


def _cells(r: Row) -> list[str]:
    return [
        r.example,
        r.kind,
        r.works,
        f"{r.size / 1e6:.1f} MB",
        f"{r.above_base / 1e6:.1f} MB",
        f"{r.dev_shipped} of {r.dev_total} ({r.dev_source})",
        ", ".join(r.caches) or "none",
    ]


def main(names: list[str]) -> int:
    examples = [e for e in EXAMPLE_LIST if e.language == "node" and (not names or e.name in names)]
    code = run_table(
        [
            "example",
            "Dockerfile",
            "builds, runs, passes its check (zero edits)",
            "image",
            "above base",
            "dev-only packages shipped",
            "package caches shipped",
        ],
        examples,
        lambda example, engine, work: [_cells(r) for r in generated_and_naive(example, engine, work, measure)],
    )
    if RESULTS:
        ok = sum(RESULTS.values())
        print(
            f"\nZero edits: {ok} of {len(RESULTS)} Node examples ({100 * ok / len(RESULTS):.0f} %) build, run and pass"
        )
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
