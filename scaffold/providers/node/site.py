"""How nginx answers a path a static site has no file for: a single-page app gets its index.html (the app's
router decides), a multi-page site answers 404 with its own 404 page.

A site is multi-page when its framework writes a page per route (the catalogue's `static_sites.multi_page`),
when the project has a not-found page its build turns into 404.html (`static_sites.not_found_pages`), or,
for plain HTML without a build, when it has more pages than index.html.
"""

from __future__ import annotations

from typing import Any

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data


def routing(project: ProjectDir, framework: str, output: str) -> tuple[Fact, str]:
    """The `spa_fallback` fact for a static site, and a note when it is a multi-page one."""
    table: dict[str, Any] = node_data().get("static_sites", {})
    page = next((p for pattern in table.get("not_found_pages", ()) for p in project.glob(pattern)), "")
    if page:
        why, source = f"it has a 404 page, {page}", page
    elif framework in table.get("multi_page", ()):
        why, source = f"{framework} writes a page per route", f"catalogue: {framework}"
    elif output == "." and len([p for p in project.glob("*.html") if p != "index.html"]) > 0:
        why, source = "it has pages besides index.html", "*.html"
    else:
        return Fact("spa_fallback", True, framework or "default"), ""
    note = f"a multi-page site ({why}): unknown paths answer 404 with its 404.html instead of index.html"
    return Fact("spa_fallback", False, source), note
