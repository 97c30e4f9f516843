"""The Dockerfiles a docker-bake.hcl names besides the main one (a Node workspace's other apps).

A provider that builds each app of a repository from its own Dockerfile lists them in `bake_apps` as
`NAME=DIR=FILE` (the bake target, the member directory, its Dockerfile); pipeline.generate renders each FILE
from the same template with the option `app_option` set to DIR. Go's `NAME=BINARY` items (stages of the one
Dockerfile) have no FILE and need nothing here.
"""

from __future__ import annotations

from scaffold.models import Options

MAIN = "Dockerfile"
APP_OPTION = "workspace_app"
"""The option that names the member a Dockerfile is for."""


def extra_dockerfiles(options: Options) -> dict[str, str]:
    """FILE -> DIR for each app whose Dockerfile is not the main one ({} when bake is off)."""
    bake = options.values.get("bake")
    value = options.values.get("bake_apps")
    if bake is None or bake.value is not True or value is None:
        return {}
    items = [i.split("=") for i in str(value.value).split()]
    return {parts[2]: parts[1] for parts in items if len(parts) == 3 and parts[2] != MAIN}
