"""How much of each Dockerfile template is Jinja control rather than Dockerfile (issue 19.2). Not a test:
prints a Markdown table; tests/test_template_shape.py holds every file under MAX_CONTROL_SHARE.

A control line is a line whose only content is Jinja tags (`{% … %}`) or comments (`{# … #}`), a line inside
a multi-line Jinja comment included. Every Dockerfile template file counts: each language's
`{{cookiecutter.project_dir}}/Dockerfile` and the parts it includes (`templates/*.Dockerfile`).

One line is not counted: a part's first line when it is a one-line `{# … #}` comment saying which projects
the part serves (issue 19 asks every part for one). It is the part's documentation, not a decision; every
other comment still counts.

    python benchmarks/template_shape.py
"""

from __future__ import annotations

import re
from pathlib import Path

from scaffold.builtin_templates import templates_root

MAX_CONTROL_SHARE = 0.20
"""Above this share of control lines a template reads as a program, not as a Dockerfile."""
_CONTROL = re.compile(r"\s*(?:(?:\{%.*?%\}|\{#.*?#\})\s*)+")
_HEADER = re.compile(r"\{#[^#]*#\}")
"""A part's one-line header comment: which projects the part serves."""


def dockerfile_templates(root: Path | None = None) -> list[Path]:
    """Every Dockerfile template file of the built-in templates: the main files and their parts."""
    base = root or templates_root()
    mains = sorted(base.glob("*/{{cookiecutter.project_dir}}/Dockerfile"))
    parts = sorted(base.glob("*/templates/*.Dockerfile"))
    return mains + parts


def other_templates(root: Path | None = None) -> list[Path]:
    """The other files each language's template writes (Makefile, compose.yaml, CI): their share is printed, not
    held to MAX_CONTROL_SHARE (a Makefile's targets and a compose file's services are lists the template loops)."""
    base = root or templates_root()
    return sorted(p for p in base.glob("*/{{cookiecutter.project_dir}}/**/*") if p.is_file() and p.name != "Dockerfile")


def control_lines(text: str, part: bool = False) -> tuple[int, int]:
    """(control lines, all lines) of a template's text; a `part` (templates/*.Dockerfile) has its header exempt."""
    control = total = 0
    in_comment = False
    for i, line in enumerate(text.splitlines()):
        total += 1
        if part and i == 0 and _HEADER.fullmatch(line):
            continue
        if in_comment:
            control += 1
            in_comment = "#}" not in line
            continue
        if _CONTROL.fullmatch(line):
            control += 1
        elif line.strip().startswith("{#") and "#}" not in line:
            control += 1
            in_comment = True
    return control, total


def table(root: Path | None = None, files: list[Path] | None = None) -> list[tuple[str, int, int]]:
    """(file relative to the templates root, control lines, all lines) per Dockerfile template file (or `files`)."""
    base = root or templates_root()
    files = dockerfile_templates(base) if files is None else files
    rows = []
    for p in files:
        counts = control_lines(p.read_text(encoding="utf-8"), part=p.parent.name == "templates")
        rows.append((p.relative_to(base).as_posix(), *counts))
    return rows


def main() -> None:
    print("| template file | control lines | lines | share |")
    print("| --- | ---: | ---: | ---: |")
    rows = table()
    for name, control, total in rows:
        print(f"| {name} | {control} | {total} | {control / max(total, 1):.0%} |")
    control, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    over = sum(1 for r in rows if r[1] > MAX_CONTROL_SHARE * r[2])
    name = f"all {len(rows)} files ({over} over {MAX_CONTROL_SHARE:.0%})"
    print(f"| {name} | {control} | {total} | {control / max(total, 1):.0%} |")
    print("\n| other template file (not held to the limit) | control lines | lines | share |")
    print("| --- | ---: | ---: | ---: |")
    for name, control, total in table(files=other_templates()):
        print(f"| {name} | {control} | {total} | {control / max(total, 1):.0%} |")


if __name__ == "__main__":
    main()
