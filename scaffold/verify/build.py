"""Checks 2 and 3: build (timed), rebuild after a one-line change (which steps ran again), the test stage."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from scaffold.verify.engine import Done, Engine
from scaffold.verify.model import Row, Status, failed, skipped

SOURCE_SUFFIXES = (".go", ".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".rs", ".java", ".rb")
SKIP_DIRS = {".git", "node_modules", "vendor", ".venv", "venv", "__pycache__", "dist", "build", ".next", "target"}
_STEP = re.compile(r"^#(\d+) \[([^\]]+)\] (.*)$")
_CACHED = re.compile(r"^#(\d+) CACHED$")
TAIL = 60
_ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
"""Terminal escapes (colours, cursor moves, titles) a tool prints even into a pipe: shown raw they are noise."""


def plain(text: str) -> str:
    """`text` without terminal escapes (the raw output still goes to the diagnosis, whose patterns allow them)."""
    return _ANSI.sub("", text)


def tail(text: str, lines: int = TAIL) -> str:
    """The last `lines` lines of a tool's output, as a person reads them."""
    return "\n".join(plain(text).rstrip().splitlines()[-lines:])


def check_build(
    engine: Engine, context: Path, dockerfile: Path, tag: str, flags: tuple[str, ...], stage: str | None = None
) -> Row:
    done = engine.build(context, dockerfile, tag, flags, target=stage)
    if done.code != 0:
        row = failed("build", f"failed after {done.seconds:.1f} s", _last_error(done.out), details=tail(done.out))
        return replace(row, output=done.out)
    return Row(
        "build",
        Status.PASS,
        f"{done.seconds:.1f} s",
        seconds=done.seconds,
        data={"seconds": round(done.seconds, 2)},
        details=tail(done.out),
    )


def source_file(project: Path) -> Path | None:
    """The file a developer would edit: the first source file (by path) outside dependency folders."""
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]):
            continue
        if path.is_file() and not path.is_symlink() and path.suffix in SOURCE_SUFFIXES:
            return path
    return None


def check_rebuild(
    engine: Engine, project: Path, dockerfile: Path, tag: str, flags: tuple[str, ...], stage: str | None = None
) -> Row:
    """Append a comment line to one source file in a copy of the project (never the project) and rebuild."""
    source = source_file(project)
    if source is None:
        return skipped("rebuild", "no source file to change")
    rel = source.relative_to(project)
    with tempfile.TemporaryDirectory(prefix="scaffold-verify-") as tmp:
        # The build cache is keyed on file contents, not paths: a copy rebuilds from the same cache.
        copy = Path(tmp) / project.name
        shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        # A new comment each time: the same change twice would be a cache hit the second time.
        comment = "#" if source.suffix in (".py", ".rb") else "//"
        with (copy / rel).open("a", encoding="utf-8") as fh:
            fh.write(f"\n{comment} scaffold verify {time.time_ns()}\n")
        done = engine.build(copy, copy / dockerfile.relative_to(project), tag, flags, target=stage)
    if done.code != 0:
        return failed("rebuild", f"failed after changing {rel}", _last_error(done.out), details=tail(done.out))
    ran = uncached_steps(done.out)
    named = "; ".join(ran) if ran else "(the engine does not name steps)" if engine.is_podman else "none"
    return Row(
        "rebuild",
        Status.PASS,
        f"{done.seconds:.1f} s after changing {rel}",
        hint=f"not cached: {named}",
        seconds=done.seconds,
        data={"seconds": round(done.seconds, 2), "changed": rel.as_posix(), "uncached_steps": ran},
        details=tail(done.out),
    )


def uncached_steps(output: str) -> list[str]:
    """The build steps BuildKit ran rather than took from cache (from --progress=plain output)."""
    steps: dict[str, str] = {}
    cached: set[str] = set()
    for line in output.splitlines():
        if m := _STEP.match(line):
            text = " ".join(m.group(3).split())
            # Context loading, metadata and FROM (a lookup, never "cached") are not build work.
            if not m.group(2).startswith("internal") and not text.startswith("FROM "):
                steps.setdefault(m.group(1), f"[{m.group(2)}] {text}"[:70])
        elif m := _CACHED.match(line):
            cached.add(m.group(1))
    return [name for num, name in steps.items() if num not in cached]


def check_test(
    engine: Engine, context: Path, dockerfile: Path, has_test: bool, tag: str, flags: tuple[str, ...]
) -> Row:
    if not has_test:
        return skipped("test", "the Dockerfile has no stage named test")
    # Tagged so that it can be removed: podman keeps an untagged image of every stage it builds.
    try:
        done = engine.build(context, dockerfile, tag, flags, target="test")
    finally:
        engine.remove_image(tag)
    if done.code != 0:
        row = failed(
            "test", f"test stage failed after {done.seconds:.1f} s", _last_error(done.out), details=tail(done.out)
        )
        return replace(row, output=done.out)
    return Row(
        "test",
        Status.PASS,
        f"test stage passed in {done.seconds:.1f} s",
        seconds=done.seconds,
        data={"seconds": round(done.seconds, 2)},
        details=tail(done.out),
    )


def _last_error(output: str) -> str:
    """The line a person reads first in a failed build: the engine's error line, else the last line."""
    lines = [ln.strip() for ln in plain(output).splitlines() if ln.strip()]
    for line in reversed(lines):
        low = line.lower()
        if low.startswith(("error", "failed to solve", "executor failed")) or "error:" in low:
            return line[:200]
    return lines[-1][:200] if lines else "no output"


__all__ = ["Done", "check_build", "check_rebuild", "check_test", "source_file", "uncached_steps"]
