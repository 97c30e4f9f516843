"""The Node stage's facts for a frontend the Go server embeds or serves from disk that its package.json builds."""

from __future__ import annotations

from posixpath import join, normpath

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.go.data import frontend_image
from scaffold.providers.go.frontend import Frontend, find_frontend, find_served_frontend
from scaffold.providers.go.layout import APP_DIR
from scaffold.providers.go.source import SourceScan


def frontend_facts(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[list[Fact], list[str]]:
    """A frontend //go:embed reads that its package.json builds (not in the project yet): the Node stage's facts;
    else one the server reads from disk."""
    built = find_frontend(project, module_dir, found.embeds) if found.embeds else None
    if built is None:
        return _served_frontend_facts(project, module_dir, found)
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    note = (
        f"{found.embed_files[0]} embeds {built.dist}, which is not in the project: {manifest}'s build script "
        f"makes it, so a Node stage runs `{built.install} && {built.build}` and the Go build reads its output"
    )
    return _node_stage_facts(built), [note]


def _served_frontend_facts(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[list[Fact], list[str]]:
    """A frontend build the server reads from disk by a relative path (http.Dir("../frontend/dist")) that its
    package.json builds (git-ignored, not in the project): the Node stage's facts and where the image puts it."""
    literals = tuple(dict.fromkeys(lit for lit, _ in (*found.opened, *found.named)))
    served = find_served_frontend(project, module_dir, literals, APP_DIR)
    if served is None:
        return [], []
    built, target = served
    source = next(
        where for lit, where in (*found.opened, *found.named) if normpath(join(module_dir, lit)) == built.dist
    )
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    note = (
        f"{source} serves {built.dist} from disk, which is not in the project: {manifest}'s build script makes it, "
        f"so a Node stage runs `{built.install} && {built.build}` and the image holds its output at {target}"
    )
    return [*_node_stage_facts(built), Fact("frontend_serve", target, source)], [note]


def _node_stage_facts(built: Frontend) -> list[Fact]:
    """The Node stage's facts for a frontend its package.json builds."""
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    inside = "" if built.dir == "." else built.dir + "/"
    # The Node project the stage builds is this app's assets: a Node detection of those files alone ranks as
    # tooling (providers._claimed_as_tooling), so a Go server in server/ wins over its frontend at the root.
    claimed = " ".join([manifest, *([inside + built.lock] if built.lock else [])])
    return [
        Fact("assets_manifests", claimed, manifest),
        *(
            Fact(key, value, manifest)
            for key, value in (
                ("frontend_dir", built.dir),
                ("frontend_dist", built.dist),
                ("frontend_lock", built.lock),
                ("frontend_install", built.install),
                ("frontend_build", built.build),
                ("frontend_image", frontend_image()),
            )
        ),
    ]
