"""Zero edits, every example: does what `scaffold init` generates, unedited, build, run and pass the example's own
check, and how many MB does the final image add above its runtime base? Not a test: it prints Markdown tables.

Each example is generated and checked exactly as tests/e2e/test_images.py does (its <name>.yaml: HTTP answer or
output, files present and absent; the Python runtime contract), then measured: the final image's size and its
size minus the image its last stage starts from. An example refused at `scaffold init` in one line is counted
apart from one that fails after init. The last table is the README's zero-edit table, per language.

    python benchmarks/zero_edit.py [--build-only] [EXAMPLE …]

`--build-only` builds and measures without running a container (no port is bound): sizes only, safe beside
another job that runs containers on the examples' ports.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import final_base, mb  # noqa: E402
from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli  # noqa: E402
from tests.e2e.engine import Engine, EngineError  # noqa: E402
from tests.e2e.test_images import check_behaviour, check_image, check_python_contract  # noqa: E402

LANGUAGES = ("go", "node", "python")


def measure(engine: Engine, example: Example, work: Path, run: bool = True) -> list[str]:
    """The example's row: outcome (pass, refused, fails), image MB, MB above its base, and why when not a pass.
    Without `run`, the image is built and measured only (outcome `built`): no container, no port."""
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    project = copy_example(example, work)
    result = run_cli(*example.init_args(), project)
    if result.code != 0:
        lines = result.err.strip().splitlines()
        outcome = "refused" if len(lines) == 1 else "fails"
        return [outcome, "", "", lines[-1][:120] if lines else f"init exit {result.code}"]
    image = f"scaffold-bench/{example.name}-zero-edit:latest"
    try:
        engine.build(project, image)
        if run:
            files = engine.files(image)
            check_image(example, engine, image, files)
            check_behaviour(example, engine, image)
            if example.language == "python":
                check_python_contract(example, engine, image, files)
        size = engine.size(image)
        base = engine.size(final_base(project / "Dockerfile"))
    except (EngineError, AssertionError, subprocess.CalledProcessError) as exc:
        return ["fails", "", "", (str(exc).strip().splitlines() or ["?"])[0][:120]]
    finally:
        engine.remove_image(image)
    return ["pass" if run else "built", mb(size), mb(size - base), ""]


def main(names: list[str]) -> int:
    engine = Engine.from_env()
    why = engine.available()
    if why:
        print(f"no Docker engine: {why}", file=sys.stderr)
        return 2
    run = "--build-only" not in names
    names = [n for n in names if n != "--build-only"]
    examples = [e for e in EXAMPLE_LIST if not names or e.name in names]
    outcomes: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
    print("| example | zero edits | image | above base | why not |")
    print("| --- | --- | --- | --- | --- |")
    for example in examples:
        with tempfile.TemporaryDirectory(prefix=f"zero-edit-{example.name}-") as tmp:
            cells = measure(engine, example, Path(tmp), run)
        outcomes[example.language][cells[0]] += 1
        print(f"| {example.name} | " + " | ".join(cells) + " |", flush=True)
    if not run:
        return 0
    print("\n| language | examples | zero edits | refused at init | failed after init |")
    print("| --- | --- | --- | --- | --- |")
    for lang, seen in outcomes.items():
        total = sum(seen.values())
        if total:
            share = f"{seen['pass']} ({100 * seen['pass'] / total:.0f} %)"
            print(f"| {lang.capitalize()} | {total} | {share} | {seen['refused']} | {seen['fails']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
