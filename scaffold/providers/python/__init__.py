"""The Python provider: detect (the Provider), facts per manifest and source, decide, layout; one module a role."""

from scaffold.providers.python.detect import PythonProvider

__all__ = ["PythonProvider"]
