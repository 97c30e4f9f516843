"""Dev dependencies a project declares (npm lockfile `dev` flags, Python dev groups), and which an image ships."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
DEV_REQUIREMENTS = ("requirements-dev.txt", "dev-requirements.txt", "requirements/dev.txt", "requirements-test.txt")
DEV_EXTRAS = ("dev", "test", "tests", "testing", "lint")


def npm_dev_packages(project: Path) -> set[str]:
    """Packages package-lock.json (v2/v3) marks `dev: true`: only dev dependencies need them."""
    lock = project / "package-lock.json"
    if not lock.is_file():
        return set()
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    out = set()
    for key, info in (data.get("packages") or {}).items():
        if key.startswith("node_modules/") and isinstance(info, dict) and info.get("dev") is True:
            out.add(key)  # node_modules/a/node_modules/b: the path under the app's folder
    return out


def start_script_dev_bin(project: Path, bins: dict[str, str]) -> str:
    """The devDependency whose bin a step of package.json's start script runs (`sequelize db:migrate && node
    app.js`: sequelize-cli), by package-lock's `bin` fields, then `bins` (the catalogue's), else the bin's name."""
    try:
        manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    script = scripts.get("start") if isinstance(scripts, dict) else None
    if not isinstance(script, str):
        return ""
    deps, dev = ({str(n) for n in d} if isinstance(d := manifest.get(k), dict) else set() for k in _DEP_KEYS)
    by_bin = {**bins, **_lock_bins(project)}
    for step in re.split(r"&&|\|\||;", script):
        words = [w for w in step.split() if "=" not in w or w.startswith("-")]  # VAR=value prefixes
        words = [w for w in words[1:] if not w.startswith("-")] if words[:1] == ["npx"] else words
        package = by_bin.get(words[0], words[0]) if words else ""
        if package in dev and package not in deps:
            return package
    return ""


_DEP_KEYS = ("dependencies", "devDependencies")


def _lock_bins(project: Path) -> dict[str, str]:
    try:
        data = json.loads((project / "package-lock.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    packages = data.get("packages") if isinstance(data, dict) else None
    found: dict[str, str] = {}
    for key, info in (packages if isinstance(packages, dict) else {}).items():
        name = key.removeprefix("node_modules/")
        if key.startswith("node_modules/") and "node_modules/" not in name and isinstance(info, dict):
            found.update({str(b): name for b in (info.get("bin") or {})} if isinstance(info.get("bin"), dict) else {})
    return found


def npm_in_image(dev: set[str], files: Iterable[str]) -> list[str]:
    """The dev packages whose package.json is in the image (under any app folder)."""
    wanted = {f"/{key}/package.json" for key in dev}
    return sorted({f.rsplit("/package.json", 1)[0] for f in files if f.endswith("/package.json") and _tail(f, wanted)})


def _tail(path: str, wanted: set[str]) -> bool:
    cut = path.find("/node_modules/")
    return cut >= 0 and path[cut:] in wanted


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def python_dev_packages(project: Path) -> set[str]:
    """Direct dev dependencies: PEP 735 groups, poetry and pdm dev groups, dev extras, dev requirement files."""
    names: set[str] = set()
    py = project / "pyproject.toml"
    if py.is_file():
        try:
            data = tomllib.loads(py.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        names |= _from_specs(_dev_specs(data))
        main = _from_specs((data.get("project") or {}).get("dependencies") or [])
        main |= {normalize(k) for k in ((data.get("tool") or {}).get("poetry") or {}).get("dependencies") or {}}
        names -= main  # also a runtime dependency: it belongs in the image
    for rel in DEV_REQUIREMENTS:
        path = project / rel
        if path.is_file():
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            names |= _from_specs(ln for ln in lines if not ln.strip().startswith(("-", "#")))
    return names


def _dev_specs(data: dict[str, Any]) -> list[str]:
    specs: list[str] = []
    for group in (data.get("dependency-groups") or {}).values():
        specs += [s for s in group if isinstance(s, str)]
    optional = (data.get("project") or {}).get("optional-dependencies") or {}
    for extra in DEV_EXTRAS:
        specs += optional.get(extra) or []
    tool = data.get("tool") or {}
    poetry = tool.get("poetry") or {}
    specs += list(poetry.get("dev-dependencies") or {})
    for group in (poetry.get("group") or {}).values():
        specs += list((group or {}).get("dependencies") or {})
    for group in ((tool.get("pdm") or {}).get("dev-dependencies") or {}).values():
        specs += [s for s in group if isinstance(s, str)]
    return specs


def _from_specs(specs: Iterable[str]) -> set[str]:
    out = set()
    for spec in specs:
        if m := _NAME.match(spec):
            out.add(normalize(m.group(1)))
    return out - {"python"}


def python_in_image(dev: set[str], files: Iterable[str]) -> list[str]:
    """The dev packages installed in the image (their *.dist-info folder in a site- or dist-packages)."""
    found = set()
    for f in files:
        # Debian's Python (and images built like it) installs into dist-packages.
        if ("/site-packages/" in f or "/dist-packages/" in f) and f.endswith(".dist-info"):
            name = normalize(f.rsplit("/", 1)[-1].removesuffix(".dist-info").split("-", 1)[0])
            if name in dev:
                found.add(f)
    return sorted(found)
