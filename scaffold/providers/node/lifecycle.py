"""Lifecycle scripts of the app's own package.json (husky's `prepare`, `postinstall: prisma generate`, patch-package)
and Prisma, whose client is generated code that the production install alone does not produce.

The production install has no devDependencies, so a root lifecycle script that calls a dev tool would fail it;
it skips lifecycle scripts instead (the build stage, with every dependency, still runs them). Skipping also
skips dependencies' install scripts, which compile native addons, so a project with native code keeps them
and gets a note. Prisma's client is generated in the build stage and copied into the final node_modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scaffold.models import Fact
from scaffold.project import ProjectDir

LIFECYCLE = ("preinstall", "install", "postinstall", "prepare", "prepublish")
PRISMA_SCHEMAS = ("prisma/schema.prisma", "schema.prisma", "prisma/schema")
HOISTED = ("npm", "yarn", "yarn-berry", "bun")
"""Managers whose node_modules/.prisma sits at the top, where the generated client is copied to."""


@dataclass(frozen=True)
class Lifecycle:
    facts: tuple[Fact, ...]
    notes: tuple[str, ...]


def lifecycle(
    project: ProjectDir,
    manifest: dict[str, Any],
    manager: str,
    commands: tuple[str, str],
    native: bool,
    build_script: str = "",
) -> Lifecycle:
    """`commands`: the full and the production install; `build_script`: the script that builds the app."""
    install_command, prod_command = commands
    scripts = manifest.get("scripts") or {}
    hooks = [k for k in LIFECYCLE if isinstance(scripts.get(k), str)]
    notes: list[str] = []
    command = prod_command
    install = install_command
    if build_script in LIFECYCLE:
        # The build lives in an install hook, which would run before the sources are copied: the install skips
        # it and the build stage runs it by name afterwards.
        # yarn 2+'s enableScripts covers dependencies only; --mode=skip-build also skips the project's own hooks.
        install = (
            f"{install_command} --mode=skip-build"
            if manager == "yarn-berry"
            else _skip_scripts(install_command, manager)
        )
        if native:
            notes.append(
                f"scripts.{build_script} builds the app, so the build stage's install skips install scripts, "
                'native addons\' included: add a "build" script so that they compile'
            )
    if hooks and native:
        notes.append(
            f"scripts.{hooks[0]} runs in the production install too (native addons need install scripts): "
            "if it calls a devDependency, guard it (e.g. `husky || true`)"
        )
    elif hooks:
        command = _skip_scripts(prod_command, manager)
        notes.append(
            f"scripts.{hooks[0]} ({scripts[hooks[0]]!r}) may call devDependencies: the production install skips "
            "lifecycle scripts; the build stage runs them with every dependency"
        )
    deps = {**(manifest.get("devDependencies") or {}), **(manifest.get("dependencies") or {})}
    schema = next((s for s in PRISMA_SCHEMAS if project.has(s) or project.is_dir(s)), "")
    prisma = "@prisma/client" in (manifest.get("dependencies") or {}) and "prisma" in deps and bool(schema)
    if prisma and manager not in HOISTED:
        notes.append(f"Prisma with {manager}: the generated client is not copied into the final image; check it runs")
        prisma = False
    facts = (
        Fact(
            "install_command",
            install,
            f"package.json scripts.{build_script}" if install != install_command else "catalogue",
        ),
        Fact("prod_install_command", command, "package.json scripts" if command != prod_command else "catalogue"),
        Fact("prisma", prisma, schema or "default"),
    )
    return Lifecycle(facts, tuple(notes))


def _skip_scripts(command: str, manager: str) -> str:
    """The install `command` without lifecycle scripts."""
    return f"env YARN_ENABLE_SCRIPTS=false {command}" if manager == "yarn-berry" else f"{command} --ignore-scripts"
