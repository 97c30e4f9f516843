"""scaffold: an optimized, production-grade Docker setup for Go, Node and Python projects."""

__version__ = "0.1.0"
