"""docker-bake.hcl for a Node workspace with several apps: an image per app, each from its own Dockerfile.

A Node app's Dockerfile follows that app (its start command, port, framework, the workspace packages it ships),
so each app gets one: the app scaffold builds by default keeps `Dockerfile`, every other app `NAME.Dockerfile`
(rendered from the same template with `workspace_app` set to it, by pipeline.generate). `bake_apps` lists
them as `NAME=DIR=FILE` (the bake target, the member directory, its Dockerfile); bake is on by default when the
workspace has two apps or more, `--set bake=no` turns it off.
"""

from __future__ import annotations

from scaffold.bake import MAIN, one_app, target_name
from scaffold.errors import UsageError
from scaffold.models import Options, Origin, Resolved, chosen

RESERVED = frozenset({"app", "dev", "db", "cache", "mongo", "broker", "worker"})
"""Names compose.yaml already uses: an app named so gets an `-app` suffix (its target and compose service)."""


def target(directory: str) -> str:
    """A bake target (and compose service) name for a member directory: its last part, lowercase."""
    name = target_name(directory) or "app"
    return f"{name}-app" if name in RESERVED else name


def decide(options: Options) -> Options:
    """`bake` (on for two apps or more unless a person said otherwise) and `bake_apps` from `workspace_apps`."""
    values = dict(options.values)
    if "bake" not in values or "bake_apps" not in values:
        return options  # a team's own template without bake
    apps = str(values["workspace_apps"].value if "workspace_apps" in values else "").split()
    if not chosen(values["bake"]) and len(apps) > 1:
        why = f"{len(apps)} apps in the workspace: a docker-bake.hcl target each"
        values["bake"] = Resolved(True, why, Origin.DEFAULT)
    if values["bake"].value is True and len(apps) < 2:
        raise UsageError(one_app("apps of a workspace"))
    main = str(values["workspace_app"].value if "workspace_app" in values else "")
    items: list[str] = []
    taken: set[str] = set()
    for directory in apps if values["bake"].value is True else ():
        name = target(directory)
        while name in taken:
            name += "-2"
        taken.add(name)
        items.append(f"{name}={directory}={MAIN if directory == main else name + '.' + MAIN}")
    values["bake_apps"] = Resolved(" ".join(items), "decided: workspace_apps, bake", Origin.DEFAULT)
    return Options(options.language, values)
