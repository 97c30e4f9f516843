"""Who runs the Node image and which stages it has, decided from the resolved options so the template only
reads them (a template that branched on these read as a program, not a Dockerfile).

- `run_user`, `run_user_name`, `run_group`: the numeric user:group of the final image, that user's name in its base
  (distroless `nonroot` 65532, the node and bun images' own 1000) and the group that may write the working directory;
- `deps_stage`: a stage installs the production dependencies the final image ships (not for a static site,
  which ships none, nor for an app whose start runs a devDependency: it ships the build stage's node_modules);
- `traced`: the final image ships only the node_modules files the server entry loads (catalogue `trace`), traced
  in the build stage, where the manager keeps real packages in node_modules;
- `site`: a static site with no build, whose files are the project's own;
- `dev_command`: what the dev stage runs (dev.py);
- the values parts.py decides: which template parts the Dockerfile includes and what they read.
"""

from __future__ import annotations

from scaffold.models import Value
from scaffold.providers.node.data import node_data
from scaffold.providers.node.dev import dev_command
from scaffold.providers.node.parts import PART_KEYS, parts

LAYOUT_KEYS = ("run_user", "run_user_name", "run_group", "deps_stage", "traced", "site", "dev_command", *PART_KEYS)
"""The values decided here: every one is recomputed from the options, whatever a layer said."""

DISTROLESS_USER = ("65532:65532", "nonroot")
IMAGE_USER = "1000:1000"
"""The node and oven/bun images both have their user at uid/gid 1000."""


def layout(values: dict[str, Value]) -> dict[str, Value]:
    distroless = "distroless" in str(values.get("runtime_image", ""))
    if distroless:
        user, name = DISTROLESS_USER
    else:
        user, name = IMAGE_USER, "bun" if values.get("runtime") == "bun" else "node"
    spa = values.get("framework") == "spa"
    managers = node_data().get("trace", {}).get("managers", ())
    traced = (
        bool(values.get("trace_entry"))
        and values.get("package_manager") in managers
        and not values.get("workspace_app")
        and not values.get("yarn_pnp")
    )
    deps_stage = bool(values.get("prod_deps")) and not spa and not values.get("ship_all_deps") and not traced
    site = spa and values.get("build_output") == "."
    return {
        "run_user": user,
        "run_user_name": name,
        # The working directory's group: the app may create files there, never change the root-owned code.
        "run_group": user.partition(":")[2] or user,
        "deps_stage": deps_stage,
        "traced": traced,
        "site": site,
        "dev_command": dev_command(values),
        **parts({**values, "run_user": user, "traced": traced}, deps_stage, site),
    }
