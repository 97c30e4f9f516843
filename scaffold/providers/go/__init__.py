"""The Go provider: detect (the Provider), facts per manifest and source, decide, layout; one module a role."""

from scaffold.providers.go.detect import GoProvider

__all__ = ["GoProvider"]
