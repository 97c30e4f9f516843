"""Who runs the Node image and which stages it has, decided from the resolved options so the template only
reads them (a template that branched on these read as a program, not a Dockerfile).

- `run_user`, `run_user_name`: the numeric user:group of the final image and that user's name in its base
  (distroless `nonroot` 65532, the node and bun images' own 1000);
- `deps_stage`: a stage installs the production dependencies the final image ships (not for a static site,
  which ships none);
- `site`: a static site with no build, whose files are the project's own;
- `dev_command`: what the dev stage runs (dev.py);
- the values parts.py decides: which template parts the Dockerfile includes and what they read.
"""

from __future__ import annotations

from scaffold.models import Value
from scaffold.providers.node.dev import dev_command
from scaffold.providers.node.parts import PART_KEYS, parts

LAYOUT_KEYS = ("run_user", "run_user_name", "deps_stage", "site", "dev_command", *PART_KEYS)
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
    deps_stage = bool(values.get("prod_deps")) and not spa
    site = spa and values.get("build_output") == "."
    return {
        "run_user": user,
        "run_user_name": name,
        "deps_stage": deps_stage,
        "site": site,
        "dev_command": dev_command(values),
        **parts({**values, "run_user": user}, deps_stage, site),
    }
