"""A Node app with no package.json: a lone `server.js` (or index.js, app.js, ...) that uses only Node's own modules.

Like a Go main.go without go.mod or a Python script without a manifest, such a file runs as it is: the image
installs nothing and runs `node <file>`. A script that imports a package from the registry needs a
package.json to install it; that is refused in one line that says how to make one.
"""

from __future__ import annotations

import re

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data

ENTRY_NAMES = ("server", "index", "app", "main")
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs")
CONFIG_MARKERS = (".config.", "rc.")
"""Tool configuration beside the code (eslint.config.js, .prettierrc.cjs) is never the app."""

_IMPORTS = re.compile(
    r"""\brequire\(\s*['"]([^'"]+)['"]\s*\)"""
    r"""|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)"""
    r"""|\bimport\s+(?:[\w$*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]"""
    r"""|\bexport\s+[\w$*{}\s,]+\s+from\s+['"]([^'"]+)['"]"""
)


def loose_entry(project: ProjectDir) -> str:
    """The script a package.json-less project runs: server.js, index.js, app.js, main.js (.mjs/.cjs), else
    the only top-level script; '' when there is none or the choice would be a guess."""
    for name in ENTRY_NAMES:
        for suffix in SCRIPT_SUFFIXES:
            if project.has(name + suffix):
                return name + suffix
    scripts = [p for p in project.glob("*") if p.endswith(SCRIPT_SUFFIXES) and not _tooling(p)]
    return scripts[0] if len(scripts) == 1 else ""


def _tooling(name: str) -> bool:
    return name.startswith(".") or any(m in name for m in CONFIG_MARKERS)


def runs_on_node(project: ProjectDir, entry: str) -> bool:
    """The entry is Node code, not a browser script beside an index.html: it imports a module or reads `process`."""
    code = _code(project.read_text(entry))
    return _IMPORTS.search(code) is not None or "process." in code


def foreign_imports(project: ProjectDir, skip: frozenset[str]) -> list[tuple[str, str]]:
    """(file, package) for every import of something that is neither a Node built-in nor a relative path."""
    builtins = set(node_data().get("modules", {}).get("builtin", ()))
    found: list[tuple[str, str]] = []
    for path in project.walk(SCRIPT_SUFFIXES, limit=400):
        if path.split("/", 1)[0] in skip or _tooling(path.rsplit("/", 1)[-1]):
            continue
        for match in _IMPORTS.finditer(_code(project.read_text(path))):
            spec = next(g for g in match.groups() if g)
            scheme, colon, _ = spec.partition(":")  # the scheme of Node's own modules (as in node + ":fs")
            if spec.startswith((".", "/")) or (colon and scheme == "node") or spec.split("/", 1)[0] in builtins:
                continue
            found.append((path, _package(spec)))
    return found


def _code(text: str) -> str:
    # A commented-out require('express') is no import.
    return re.sub(r"/\*.*?\*/|(?<![:'\"\w])//[^\n]*", "", text, flags=re.S)


def _package(spec: str) -> str:
    parts = spec.split("/")
    return "/".join(parts[:2]) if spec.startswith("@") else parts[0]


def loose_facts(entry: str, runtime_files: list[str]) -> list[Fact]:
    """What the template needs for a script that runs with no dependencies: nothing to install, nothing to build."""
    source = "no package.json"
    return [
        Fact("package_json", False, source),
        Fact("framework", "node", source),
        Fact("build", False, source),
        Fact("test", False, source),
        Fact("native", False, source),
        Fact("native_build_packages", "", source),
        Fact("native_run_packages", "", source),
        Fact("start", f"node {entry}", entry),
        Fact("runtime_files", " ".join(f for f in runtime_files if f != "package.json"), source),
        Fact("prod_deps", False, source),
        Fact("prisma", False, source),
    ]
