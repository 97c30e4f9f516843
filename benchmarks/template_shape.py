"""How much of each Dockerfile template is Jinja control rather than Dockerfile (issue 19.2). Not a test:
prints a Markdown table; tests/test_template_shape.py holds every file under MAX_CONTROL_SHARE.

A control line is a line whose only content is Jinja tags (`{% … %}`) or comments (`{# … #}`), a line inside
a multi-line Jinja comment included. Every Dockerfile template file counts: each language's
`{{cookiecutter.project_dir}}/Dockerfile` and the parts it includes (`templates/*.Dockerfile`).

    python benchmarks/template_shape.py
"""

from __future__ import annotations

import re
from pathlib import Path

from scaffold.builtin_templates import templates_root

MAX_CONTROL_SHARE = 0.20
"""Above this share of control lines a template reads as a program, not as a Dockerfile."""
_CONTROL = re.compile(r"\s*(?:(?:\{%.*?%\}|\{#.*?#\})\s*)+")


def dockerfile_templates(root: Path | None = None) -> list[Path]:
    """Every Dockerfile template file of the built-in templates: the main files and their parts."""
    base = root or templates_root()
    mains = sorted(base.glob("*/{{cookiecutter.project_dir}}/Dockerfile"))
    parts = sorted(base.glob("*/templates/*.Dockerfile"))
    return mains + parts


def control_lines(text: str) -> tuple[int, int]:
    """(control lines, all lines) of a template's text."""
    control = total = 0
    in_comment = False
    for line in text.splitlines():
        total += 1
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


def table(root: Path | None = None) -> list[tuple[str, int, int]]:
    """(file relative to the templates root, control lines, all lines) per Dockerfile template file."""
    base = root or templates_root()
    files = dockerfile_templates(base)
    return [(p.relative_to(base).as_posix(), *control_lines(p.read_text(encoding="utf-8"))) for p in files]


def main() -> None:
    print("| template file | control lines | lines | share |")
    print("| --- | ---: | ---: | ---: |")
    for name, control, total in table():
        print(f"| {name} | {control} | {total} | {control / max(total, 1):.0%} |")


if __name__ == "__main__":
    main()
