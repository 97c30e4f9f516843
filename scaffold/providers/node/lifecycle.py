"""Lifecycle scripts of the app's own package.json (husky's `prepare`, `postinstall: prisma generate`, patch-package)
and Prisma, whose client is generated code that the production install alone does not produce.

The production install has no devDependencies, so a root lifecycle script that calls a dev tool would fail it;
it skips lifecycle scripts instead (the build stage, with every dependency, still runs them). Skipping also
skips dependencies' install scripts, which compile native addons, so a project with native code keeps them
and gets a note. Prisma's client is generated in the build stage and copied into the final image: into
node_modules/.prisma (`prisma-client-js`'s default), or to the `output` its generator block names (Prisma 7's
`prisma-client` generator writes TypeScript into the sources, e.g. generated/prisma, usually git-ignored).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from scaffold.models import Fact
from scaffold.project import ProjectDir

LIFECYCLE = ("preinstall", "install", "postinstall", "prepare", "prepublish")
PRISMA_SCHEMAS = ("prisma/schema.prisma", "schema.prisma", "prisma/schema")
HOISTED = ("npm", "yarn", "yarn-berry", "bun")
"""Managers whose node_modules/.prisma sits at the top, where the generated client is copied to."""
PRISMA_DEFAULT_OUTPUT = "node_modules/.prisma"
_GENERATOR = re.compile(r"^\s*generator\s+\w+\s*\{(?P<body>[^}]*)\}", re.MULTILINE)
PRISMA_CONFIGS = (
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
    ".config/prisma.js",
)
_CONFIG_ENV = re.compile(r"""\benv\(\s*["'](?P<name>[A-Za-z_][A-Za-z0-9_]*)["']\s*\)""")
_OUTPUT = re.compile(r'^\s*output\s*=\s*"(?P<path>[^"]+)"', re.MULTILINE)


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
    folder_hook = next((k for k in hooks if k != build_script and installs_folder(project, str(scripts[k]))), "")
    if folder_hook and install == install_command:
        # `postinstall: npm install --prefix server` installs the app's own folders, which are not in the build
        # stage before its COPY: the install skips scripts, and the hook runs by name after the sources.
        install = _skip_scripts(install_command, manager)
        notes.append(
            f"scripts.{folder_hook} installs the project's folders ({scripts[folder_hook]!r}): the build stage runs "
            "it after copying the sources, and the image takes the folders from there"
        )
    deps = {**(manifest.get("devDependencies") or {}), **(manifest.get("dependencies") or {})}
    schema = next((s for s in PRISMA_SCHEMAS if project.has(s) or project.is_dir(s)), "")
    prisma = "@prisma/client" in (manifest.get("dependencies") or {}) and "prisma" in deps and bool(schema)
    output = prisma_output(project, schema) if prisma else PRISMA_DEFAULT_OUTPUT
    rebuild = ""
    prisma_hook = next((k for k in hooks if "prisma" in str(scripts[k])), "") if prisma else ""
    if prisma_hook and manager == "npm" and install == install_command:
        # The hook's `prisma generate` would run before the schema (and prisma.config) are in the build stage and
        # fail the install: the install skips scripts; after the sources, npm rebuild runs the dependencies'
        # install scripts (native addons compile) and the build stage generates the client itself.
        install = _skip_scripts(install_command, manager)
        rebuild = "npm rebuild"
    elif prisma_hook:
        notes.append(
            f"scripts.{prisma_hook} runs prisma before the schema is in the build stage: if the install fails, "
            f"move it to the build script"
        )
    if prisma and manager not in HOISTED and output.startswith("node_modules/"):
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
        Fact("source_hook", folder_hook, f"package.json scripts.{folder_hook}" if folder_hook else "default"),
        Fact("rebuild_command", rebuild, f"package.json scripts.{prisma_hook}" if rebuild else "default"),
        Fact("prisma_output", output, schema if output != PRISMA_DEFAULT_OUTPUT else "default"),
        Fact("prisma_env", " ".join(prisma_config_env(project)) if prisma else "", "prisma.config"),
    )
    return Lifecycle(facts, tuple(notes))


_FOLDER_INSTALL = re.compile(
    r"(?:\b(?:npm|pnpm)\s+(?:i|install|ci)\b[^&|;]*?\s--prefix[=\s]+|\byarn\b[^&|;]*?\s--cwd[=\s]+|"
    r"\bcd\s+)(?P<dir>[\w.@/-]+)"
)


def installs_folder(project: ProjectDir, script: str) -> bool:
    """Whether an install hook installs a folder of the project that has its own package.json (`npm install
    --prefix server`, `cd client && npm install`, `yarn --cwd api install`)."""
    for m in _FOLDER_INSTALL.finditer(script):
        folder = posixpath.normpath(m.group("dir")).removeprefix("./")
        after = script[m.end() :].split("&&", 2)
        installs = m.group(0).lstrip().startswith(("npm", "pnpm", "yarn")) or bool(
            re.match(r"\s*&&\s*(?:npm|pnpm|yarn)(?:\s+(?:i|install|ci))?\s*(?:$|&&|;)", "&&".join(after[:2]))
        )
        if installs and not folder.startswith("..") and project.has(f"{folder}/package.json"):
            return True
    return False


def _skip_scripts(command: str, manager: str) -> str:
    """The install `command` without lifecycle scripts."""
    return f"env YARN_ENABLE_SCRIPTS=false {command}" if manager == "yarn-berry" else f"{command} --ignore-scripts"


def prisma_output(project: ProjectDir, schema: str) -> str:
    """Where `prisma generate` writes the client, relative to the project: the first generator block's `output`
    (relative to the schema file's folder), or node_modules/.prisma when it names none or leaves the project."""
    files = project.glob(f"{schema}/*.prisma") if project.is_dir(schema) else [schema]
    for name in files:
        for block in _GENERATOR.finditer(project.read_text(name)):
            found = _OUTPUT.search(block.group("body"))
            if found is None:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), found.group("path")))
            if path.startswith(("..", "/")) or path == ".":
                return PRISMA_DEFAULT_OUTPUT
            return path
    return PRISMA_DEFAULT_OUTPUT


def prisma_config_env(project: ProjectDir) -> list[str]:
    """The variables prisma.config reads with `env("NAME")` (Prisma 7): `env()` fails when one is unset, and the
    project's .env stays out of the build, so `prisma generate` (which connects to nothing) gets placeholders."""
    config = next((c for c in PRISMA_CONFIGS if project.has(c)), "")
    names: list[str] = []
    for found in _CONFIG_ENV.finditer(project.read_text(config) if config else ""):
        if found.group("name") not in names:
            names.append(found.group("name"))
    return names
