"""Check 6 and 7: what the built image holds (user, secrets, dev dependencies, tooling, setuid, waste) and its size."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from scaffold import catalogue
from scaffold.verify import devdeps, node_lock, secrets, tooling
from scaffold.verify.layers import Entry, Image, final_tree
from scaffold.verify.model import Row, Status, failed, passed

WASTE_LIMIT = 5 * 1000 * 1000
"""Bytes written in one layer and deleted or overwritten in a later one before the check fails."""
ROOT = {"", "root", "0"}
SHOWN = 5


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"


def _few(items: list[str]) -> str:
    return ", ".join(items[:3]) + (f" (+{len(items) - 3} more)" if len(items) > 3 else "")


def check_user(config: dict[str, Any]) -> Row:
    user = str((config.get("config") or config.get("Config") or {}).get("User") or "")
    name = user.split(":", 1)[0]
    if name in ROOT:
        return failed(
            "user", f"runs as {user or 'root (no USER)'}", "add USER 10001:10001 (numeric, non-root)", user=user
        )
    if not name.isdigit():
        return failed("user", f"USER {user} is a name", "use a numeric uid so runAsNonRoot can verify it", user=user)
    return passed("user", f"USER {user}", user=user)


def check_secrets(image: Image, project: Path) -> Row:
    ignore = project / ".dockerignore"
    patterns = (
        secrets.dockerignore_patterns(ignore.read_text(encoding="utf-8", errors="replace")) if ignore.is_file() else ()
    )
    found = secrets.scan(image.added, patterns)
    if found:
        shown = [f"{f.path} ({f.why}, layer {f.layer + 1})" for f in found]
        return failed(
            "secrets",
            f"{len(found)} secret file(s) in the layers",
            _few(shown),
            details="\n".join(shown),
            findings=[vars(f) for f in found],
        )
    return passed("secrets", f"none in {len(image.added)} layer(s) above the base", findings=[])


def check_dev_deps(
    tree: dict[str, tuple[int, Entry]], project: Path, config: dict[str, Any] | None = None, traced: bool = False
) -> Row:
    paths = list(tree)
    npm_dev = devdeps.npm_dev_packages(project)
    node_dev = node_lock.dev_only_names(project)  # pnpm, yarn and bun locks carry no dev flag: walked instead
    py_dev = devdeps.python_dev_packages(project)
    found = (
        devdeps.npm_in_image(npm_dev, paths)
        + node_lock.names_in_image(node_dev, paths)
        + devdeps.python_in_image(py_dev, paths)
    )
    runner = _dev_runner(config or {}, npm_dev | {f"node_modules/{n}" for n in node_dev}) or _script_runner(
        config or {}, project
    )
    if found and runner:
        # The start command runs a tool only devDependencies provide (tsx, ts-node): the image needs them all.
        return passed(
            "dev-deps", f"{len(found)} shipped: the start command runs {runner} from devDependencies", found=found
        )
    if found and traced:
        # node_modules holds only the files the server entry loads (traced): what it loads is a run-time dependency
        # whatever the lock's dev flag says (Qwik's starters declare everything, undici included, as dev).
        return passed(
            "dev-deps",
            f"{len(found)} shipped: the server loads them (node_modules is traced); declare them as dependencies",
            found=found,
        )
    if found:
        return failed(
            "dev-deps",
            f"{len(found)} shipped: {_few(found)}",
            "install production dependencies only in the final stage",
            found=found,
        )
    declared = len(npm_dev) + len(node_dev) + len(py_dev)
    if not declared:
        return passed("dev-deps", "no dev dependencies declared", found=[])
    return passed("dev-deps", f"none of {declared} declared dev dependencies shipped", found=[])


_PRELOADS = ("-r", "--require", "--import", "--loader", "--experimental-loader")


def _dev_runner(config: dict[str, Any], dev: set[str]) -> str:
    """The dev package whose bin the image's start command runs (`node_modules/.bin/tsx`), or ""."""
    # The saved image's config holds the runtime settings under "config" (docker inspect: "Config").
    run = config.get("config") or config.get("Config") or config
    command = [*(run.get("Entrypoint") or []), *(run.get("Cmd") or [])]
    # A bin's package may have another name (babel-node is @babel/node's): the catalogue's bins say which.
    bins: dict[str, str] = catalogue.load("node").get("bins", {})
    for arg in command:
        if isinstance(arg, str) and "node_modules/.bin/" in arg:
            name = arg.rsplit("node_modules/.bin/", 1)[1]
            if f"node_modules/{bins.get(name, name)}" in dev or f"node_modules/{name}" in dev:
                return bins.get(name, name)
    # A preload from devDependencies (`node -r tsconfig-paths/register dist/server.js`), which init ships them for.
    for flag, arg in itertools.pairwise(command):
        if flag in _PRELOADS and isinstance(arg, str) and not arg.startswith((".", "/")):
            package = "/".join(arg.split("/")[: 2 if arg.startswith("@") else 1])
            if f"node_modules/{package}" in dev:
                return package
    # A runner that type-checks at start (ts-node) needs typescript and @types/* from devDependencies.
    typings = "node_modules/typescript" in dev or any(d.startswith("node_modules/@types/") for d in dev)
    words = [a.rsplit("node_modules/.bin/", 1)[-1] for a in command if isinstance(a, str)]
    runners: dict[str, dict[str, list[str]]] = catalogue.load("node").get("type_checking_runners", {})
    for runner, spec in runners.items():
        runs = any(w in spec.get("runs", ()) for w in words)
        if typings and runs and not any(w in spec.get("transpile_only", ()) for w in words):
            return runner
    return ""


def _script_runner(config: dict[str, Any], project: Path) -> str:
    """The devDependency a step of the start script runs (`sequelize db:migrate && node app.js`) when the image
    starts with `npm start`, as init decided to ship every dependency for it; "" otherwise."""
    run = config.get("config") or config.get("Config") or config
    command = [a for a in [*(run.get("Entrypoint") or []), *(run.get("Cmd") or [])] if isinstance(a, str)]
    words = command[command.index("--") + 1 :] if "--" in command else command
    if words[:2] not in (["npm", "start"], ["yarn", "start"], ["pnpm", "start"]):
        return ""
    return devdeps.start_script_dev_bin(project, catalogue.load("node").get("bins", {}))


def check_tooling(tree: dict[str, tuple[int, Entry]]) -> Row:
    # Compilers are often symlinks (cc -> gcc-12); caches count only when they hold files.
    found_compilers = tooling.compilers(tree)
    found_caches = tooling.caches(p for p, (_, e) in tree.items() if e.is_file)
    found = found_compilers + found_caches
    if not found:
        return passed("tooling", "no compiler, no package-manager cache", found=[])
    hints = []
    if found_compilers:
        hints.append("compile in a build stage and copy only its output")
    if found_caches:
        hints.append("give the package manager a RUN --mount=type=cache")
    return failed("tooling", f"ships {_few(found)}", "; ".join(hints), details="\n".join(found), found=found)


def check_setuid(image: Image) -> Row:
    tree, _ = final_tree(image.layers)
    base, _ = final_tree(image.layers[: image.base_count])
    special = {p for p, (_, e) in base.items() if e.mode & 0o6000}
    found = sorted(
        p for p, (idx, e) in tree.items() if idx >= image.base_count and e.mode & 0o6000 and p not in special
    )
    if found:
        return failed(
            "setuid", f"{len(found)} setuid/setgid file(s) added", _few(found), details="\n".join(found), found=found
        )
    return passed("setuid", "none added above the base", found=[])


def check_waste(image: Image) -> Row:
    _, waste = final_tree(image.layers)
    ours = [w for w in waste if w.by >= image.base_count]  # the base's own history is not the project's doing
    total = sum(w.size for w in ours)
    largest = sorted(ours, key=lambda w: -w.size)[:SHOWN]
    data = {
        "bytes": total,
        "largest": [
            {"path": w.path, "bytes": w.size, "layer": w.layer + 1, "removed_by_layer": w.by + 1} for w in largest
        ],
    }
    shown = [f"{w.path} {mb(w.size)}" for w in largest]
    if total > WASTE_LIMIT:
        return Row(
            "wasted",
            Status.FAIL,
            f"{mb(total)} wasted",
            f"written then deleted/overwritten: {_few(shown)}",
            data=data,
            details="\n".join(shown),
        )
    return Row("wasted", Status.PASS, f"{mb(total)} wasted", data=data)


def size_row(image: Image, size: int, base_size: int | None, base: str) -> Row:
    tree, _ = final_tree(image.layers)
    added_files = sorted(
        ((p, e.size) for p, (idx, e) in tree.items() if idx >= image.base_count and e.is_file), key=lambda t: -t[1]
    )[:SHOWN]
    layers = sorted(image.added, key=lambda layer: -layer.size)[:SHOWN]
    above = sum(layer.size for layer in image.added)
    data = {
        "image_bytes": size,
        "base_bytes": base_size,
        "above_base_bytes": above,
        "largest_files": [{"path": p, "bytes": s} for p, s in added_files],
        "largest_layers": [
            {"layer": layer.index + 1, "bytes": layer.size, "created_by": layer.created_by[:200]} for layer in layers
        ],
    }
    top = f"largest: {added_files[0][0]} {mb(added_files[0][1])}" if added_files else "no files added"
    details = "\n".join(
        [
            *(f"{mb(s):>9}  {p}" for p, s in added_files),
            *(f"{mb(layer.size):>9}  layer {layer.index + 1}: {layer.created_by[:120]}" for layer in layers),
        ]
    )
    figure = f"{mb(size)}, {mb(above)} above {base}"
    if base_size is None:
        figure = f"{mb(size)} ({base} is not in the engine: every layer counted as added)"
    return Row("size", Status.INFO, figure, top, data=data, details=details)
