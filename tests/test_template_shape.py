"""The Dockerfile templates read as Dockerfiles (issue 19.2): in every template file, main or part, at most
a fifth of the lines should be Jinja control lines; the decisions live in the providers.

No file has an exception: a variant is a part the provider includes, a repeated step is a list the provider
writes; `pytest -s` prints the table, as does `python benchmarks/template_shape.py`."""

from __future__ import annotations

from benchmarks.template_shape import _HEADER, MAX_CONTROL_SHARE, control_lines, table
from scaffold.builtin_templates import templates_root


def test_control_lines_counts_tags_and_comments_not_dockerfile_lines() -> None:
    text = "{% if x %}\nFROM a\n  {# why #}\n{#\n  a note\n#}\nRUN b {{ c }}\n{% endif %}{% set y = 1 %}\n"
    assert control_lines(text) == (6, 8)


def test_a_parts_one_line_header_is_documentation_not_control() -> None:
    part = "{# Projects with native addons. #}\nENV A=1\n{% if x %}\nRUN b\n{% endif %}\n"
    assert control_lines(part, part=True) == (2, 5)
    assert control_lines(part) == (3, 5)
    # Only the first line, and only a one-line comment: anything else still counts.
    assert control_lines("ENV A=1\n{# not a header #}\n", part=True) == (1, 2)


def test_every_dockerfile_template_file_is_mostly_dockerfile() -> None:
    rows = table()
    print("\n| template file | control | lines | share |")
    for name, control, total in rows:
        print(f"| {name} | {control} | {total} | {control / total:.0%} |")
    assert {name.split("/")[0] for name, _, _ in rows} >= {"go", "node", "python"}
    over = [f"{name}: {control}/{total}" for name, control, total in rows if control > MAX_CONTROL_SHARE * total]
    assert not over, f"more control lines than allowed ({MAX_CONTROL_SHARE:.0%}): {over}"


def test_every_part_opens_with_the_projects_it_serves() -> None:
    """A part is found by what it adds: its first line is a one-line comment saying which projects get it."""
    rows = [(name, control) for name, control, _ in table() if "/templates/" in name]
    assert len(rows) > 60
    root = templates_root()
    missing = [name for name, _ in rows if not _HEADER.fullmatch((root / name).read_text().splitlines()[0])]
    assert not missing, f"parts without a one-line header comment: {missing}"
