"""The generated files for every example, byte for byte.

Rewrite them with `pytest --update-golden` only on purpose, and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, GOLDEN, Example, copy_example, one_per_language_fast, run_cli, tree

GENERATED = ("Dockerfile", ".dockerignore", "Makefile")
OPTIONAL = ("compose.yaml",)
"""Written when the example's options turn it on (`set: {compose: "true"}`), compared like the others."""


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_generated_files_match_golden(example: Example, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    project = copy_example(example, tmp_path)
    before = tree(project)
    result = run_cli(*example.init_args(), project)
    assert result.code == 0, result.err
    after = tree(project)
    # The generated files: the three every template writes, and the optional ones the example's options ask for
    # (a CI pipeline, say), at any depth.
    written = sorted({*GENERATED, *(set(after) - set(before) - {".scaffold.yaml"})})
    # Only the generated files and scaffold's record appear; nothing of the user's changed.
    assert set(after) - set(before) == {*written, ".scaffold.yaml"} - set(before)
    assert {k: v for k, v in after.items() if k in before and k not in written} == {
        k: v for k, v in before.items() if k not in written
    }

    golden = GOLDEN / example.name
    if request.config.getoption("--update-golden"):
        shutil.rmtree(golden, ignore_errors=True)
        for name in written:
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(after[name])
        pytest.skip(f"golden files rewritten for {example.name}")
    assert golden.is_dir(), f"no golden files for {example.name}: run pytest --update-golden and review them"
    held = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file())
    assert held == written, f"golden/{example.name} holds {held}; scaffold generates {written}"
    for name in written:
        assert after[name].decode() == (golden / name).read_text(encoding="utf-8"), f"{example.name}/{name}"


def test_every_golden_dir_has_an_example() -> None:
    names = {e.name for e in EXAMPLE_LIST}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name not in names)
    assert not stale, f"golden files without an example: {stale}"
