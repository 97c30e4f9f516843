"""The code's layout holds its promises: a language lives in its own package with the same roles as the
others, and nothing outside providers/ reaches into a language's modules (the registry is the way in)."""

from __future__ import annotations

import ast
from pathlib import Path

from scaffold.providers import languages

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
PROVIDERS = SCAFFOLD / "providers"
ROLES = {"detect", "data", "version", "decide", "layout"}
"""Every language package has these modules: detect (the Provider), data (its catalogue), version (which
release to build with), decide (what follows from the resolved options), layout (where things go in the
build stage). Parsers of its manifests and sources are modules beside them."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_each_builtin_language_is_a_package_with_the_same_roles() -> None:
    packages = sorted(p.name for p in PROVIDERS.iterdir() if (p / "__init__.py").is_file())
    assert packages == ["go", "node", "python"]
    for name in packages:
        modules = {p.stem for p in (PROVIDERS / name).glob("*.py")} - {"__init__"}
        missing = ROLES - modules
        assert not missing, f"providers/{name}/ lacks the roles {sorted(missing)}"
    assert set(packages) <= set(languages())


def test_no_module_outside_providers_imports_a_language_module() -> None:
    language_prefixes = tuple(f"scaffold.providers.{lang}" for lang in ("go", "node", "python"))
    offenders = []
    for path in sorted(SCAFFOLD.rglob("*.py")):
        if PROVIDERS in path.parents or "starters" in path.parts:
            continue
        for name in _imports(path):
            if name.startswith(language_prefixes):
                offenders.append(f"{path.relative_to(SCAFFOLD.parent)} imports {name}")
    assert not offenders, offenders


def test_a_language_module_imports_no_other_language() -> None:
    offenders = []
    for lang in ("go", "node", "python"):
        for path in sorted((PROVIDERS / lang).glob("*.py")):
            others = [
                n
                for n in _imports(path)
                if n.startswith("scaffold.providers.") and n.split(".")[2] in {"go", "node", "python"} - {lang}
            ]
            offenders += [f"{path.relative_to(SCAFFOLD.parent)} imports {n}" for n in others]
    assert not offenders, offenders
