"""A build that runs the own build of a folder with its own package.json (a server's client/: `npm run build
--prefix client`) while nothing that runs in the image installs that folder's dependencies: a developer ran
`npm install --prefix client` (often a `client-install` script) by hand. The build stage installs it first."""

from __future__ import annotations

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.node.delegated import delegated_dir
from scaffold.providers.node.lifecycle import installs_folder

# The scripts npm runs by itself around an install and a build: one of them installing the folder is enough.
_AUTOMATIC = ("preinstall", "install", "postinstall", "prepare", "prebuild")
_LOCKS = ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock")


def folder_install(project: ProjectDir, scripts: dict[str, str], build_script: str) -> tuple[list[Fact], str]:
    """The `folder_install` (the folder) and `folder_lockfile` facts and a note, or ([], '')."""
    script = scripts.get(build_script, "")
    folder = delegated_dir(script, scripts) if script else ""
    if not folder or not project.has(f"{folder}/package.json"):
        return [], ""
    chain = [script, *(scripts[w] for w in script.split() if w in scripts), *(scripts.get(k, "") for k in _AUTOMATIC)]
    if any(installs_folder(project, s) for s in chain if s):
        return [], ""
    lock = next((name for name in _LOCKS if project.has(f"{folder}/{name}")), "")
    source = f"package.json scripts.{build_script}"
    note = (
        f"scripts.{build_script} builds {folder}/ with its own package.json, whose dependencies nothing in the build "
        f"installs (an install by hand): the build stage installs them first"
        + (f" from {folder}/{lock}" if lock else "")
    )
    return [Fact("folder_install", folder, source), Fact("folder_lockfile", lock, source)], note
