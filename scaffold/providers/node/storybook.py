"""A component library whose only page is its Storybook (no app page, no server): the site is the static
Storybook its `build-storybook` script writes (storybook-static/, or the script's --output-dir)."""

from __future__ import annotations

import itertools

from scaffold.project import ProjectDir
from scaffold.providers.node.framework import Shape

_BUILDS = (("storybook", "build"), ("build-storybook",))
_DEVS = (("storybook", "dev"), ("start-storybook",))
_OUTPUT_FLAGS = ("-o", "--output-dir")


def storybook_site(
    project: ProjectDir,
    every: set[str],
    deps: set[str],
    servers: set[str],
    scripts: dict[str, str],
    pages: tuple[str, ...],
) -> Shape | None:
    """The Storybook shape, or None when the project has an app (a page template, a server, another start)."""
    if not any(name == "storybook" or name.startswith("@storybook/") for name in every):
        return None
    script = next((name for name, text in scripts.items() if _runs(text, _BUILDS)), "")
    start = scripts.get("start", "")
    if not script or deps & servers or any(project.has(p) for p in pages) or (start and not _runs(start, _DEVS)):
        return None
    words = scripts[script].replace("=", " ").split()
    output = next((value for flag, value in itertools.pairwise(words) if flag in _OUTPUT_FLAGS), "")
    output = output.strip("./") or "storybook-static"
    note = (
        f"a component library with no app page: the site is its Storybook (scripts.{script} writes {output}/), "
        "served by nginx"
    )
    return Shape(
        "Storybook", "spa", f"package.json scripts.{script}", output=output, notes=(note,), build_script=script
    )


def _runs(text: str, commands: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a script runs one of the commands (its words in a row, after any env assignment or `npx`)."""
    words = [w for w in text.replace("&&", " ").split() if "=" not in w]
    return any(words[i : i + len(c)] == list(c) for c in commands for i in range(len(words)))
