"""Local `replace` directives (`replace example.com/lib => ../lib`) of a module without vendor/.

`go mod download` reads each replacement's go.mod and the build compiles its code, so both steps need
the directory at the path go.mod names relative to the module (/src in the build stage). The build
context is the project: a directory outside it can never be mounted, so it is refused at init.
"""

from __future__ import annotations

import re
from posixpath import isabs, join, normpath

from scaffold.models import Fact
from scaffold.project import ProjectDir

BUILD_DIR = "/src"
"""The module's directory in the build stage (the Dockerfile's WORKDIR)."""
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")


def replace_facts(
    project: ProjectDir, module_dir: str, manifest: str, replaces: tuple[tuple[str, str], ...]
) -> list[Fact]:
    """`replace_mounts` (every replaced directory, for the download step) and `replace_build_mounts` (those
    outside the module, which the module's own bind mount does not cover), or an `unsupported` fact."""
    everything: list[str] = []
    outside_module: list[str] = []
    for old, new in replaces:
        where = f"{manifest}: replace {old} => {new}"
        path = normpath(join(module_dir, new.replace("\\", "/")))
        if isabs(new) or new[1:2] == ":" or path == ".." or path.startswith("../"):
            return [
                _refuse(
                    f"{where}: {new} is outside the project, which is all the build can see; run "
                    "`go mod vendor` or move the module into the project",
                    manifest,
                )
            ]
        if not _SAFE_PATH.match(path):
            return [
                _refuse(f"{where}: {path!r} has characters scaffold does not put in a Dockerfile; rename it", manifest)
            ]
        if not project.has(join(path, "go.mod")):
            return [_refuse(f"{where}: {path}/go.mod does not exist, so go cannot use it", manifest)]
        target = normpath(join(BUILD_DIR, new))
        if target == BUILD_DIR:
            continue
        mount = f"--mount=type=bind,source={path},target={target}"
        everything.append(mount)
        if not target.startswith(BUILD_DIR + "/"):
            outside_module.append(mount)
    if not everything:
        return []
    return [
        Fact("replace_mounts", " ".join(everything), manifest),
        Fact("replace_build_mounts", " ".join(outside_module), manifest),
    ]


def _refuse(message: str, manifest: str) -> Fact:
    return Fact("unsupported", message, manifest)
