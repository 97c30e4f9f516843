"""The Node provider: detect (the Provider), facts per manifest and source, decide, layout; one module a role."""

from scaffold.providers.node.detect import NodeProvider

__all__ = ["NodeProvider"]
