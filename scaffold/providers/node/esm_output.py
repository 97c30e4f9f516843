"""Whether tsc's output can run on node: in an ES module package (`"type": "module"`) compiled for a bundler
(`moduleResolution: "bundler"`, `module: "ESNext"`), tsc keeps `import "./routes/hello"` as written, and node's
ES module loader finds no file without its extension (ERR_MODULE_NOT_FOUND). Such projects run their sources
with a TypeScript runner (tsx), which resolves like a bundler; their tsc build only type-checks in practice.
"""

from __future__ import annotations

import re
from typing import Any

from scaffold.project import ProjectDir
from scaffold.providers.node.jsonc import read_jsonc

_TS_SOURCES = (".ts", ".mts", ".tsx")
_RELATIVE = re.compile(r"""(?:\bfrom|\bimport\s*\(?)\s*['"](\.{1,2}/[^'"\n]*)['"]""")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_BUNDLER_MODULES = re.compile(r"^(?:es20\d\d|esnext|es6|preserve)$", re.I)


def unresolvable_esm(project: ProjectDir, manifest: dict[str, Any]) -> str:
    """A source file with an extensionless relative import, when tsc's output is ES modules that node cannot
    resolve; '' otherwise (CommonJS output, NodeNext resolution, or every import has its extension)."""
    if manifest.get("type") != "module" or not project.has("tsconfig.json"):
        return ""
    config = read_jsonc(project, "tsconfig.json")
    options = config.get("compilerOptions") if isinstance(config, dict) else None
    if not isinstance(options, dict):
        return ""
    module = str(options.get("module", "")).strip()
    resolution = str(options.get("moduleResolution", "")).strip().lower()
    if resolution != "bundler" and not _BUNDLER_MODULES.match(module):
        return ""
    for path in project.walk(_TS_SOURCES, limit=400):
        if path.endswith(".d.ts") or path.split("/", 1)[0] in ("node_modules", "test", "tests", "dist"):
            continue
        for found in _RELATIVE.finditer(project.read_text(path)):
            if not _EXTENSION.search(found.group(1).rsplit("/", 1)[-1]):
                return path
    return ""
