"""The Node provider's decisions over resolved options: the refusal of what detection found cannot build, the
final image's user and the stages the Dockerfile has (layout), recomputed after every layer so that
`--set runtime=distroless` brings its own user.

Runs after every layer (--set, answers, records, team config, detection) is resolved. The layout values are
scaffold's alone: whatever a layer says of them, they are decided again here.
"""

from __future__ import annotations

from scaffold.errors import UsageError
from scaffold.models import Detection, Options, Origin, Resolved
from scaffold.providers.node import bake
from scaffold.providers.node.layout import LAYOUT_KEYS, layout


def decide(detection: Detection, options: Options) -> Options:
    refusal = detection.fact("unsupported")  # a lone script that imports registry packages
    if refusal is not None:
        raise UsageError(str(refusal.value))
    decided = layout({k: r.value for k, r in options.values.items()})
    values = dict(options.values)
    for key in LAYOUT_KEYS:
        if key in values:  # a team's own template may not have them
            values[key] = Resolved(decided[key], "decided: runtime, framework", Origin.DEFAULT)
    return bake.decide(Options(options.language, values))
