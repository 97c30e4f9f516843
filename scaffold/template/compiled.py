"""Compiled templates kept for the life of the process, so a template is parsed and compiled once.

cookiecutter builds a fresh Jinja environment and loader for every render, so Jinja's own template cache
never hits: `templates validate`, `verify --fix` rounds and the interview's re-renders compiled the same
templates again each time (about half of a render's time). Jinja's bytecode cache is the supported way to
reuse compiled code across environments: the entry is keyed by the template's name, the checksum of its
source, and everything about the environment that changes how a source compiles, so a sandboxed and a
trusted environment, or two templates with different `_jinja2_env_vars`, never share code.
"""

from __future__ import annotations

from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from scaffold.template.render import ENV_FLAGS, ENV_STRINGS

_MAX_ENTRIES = 256
"""Bound on the entries kept (a template is a few KB of code; an untrusted template could be many files)."""

# The environment options a template may set (render.py checks them) decide how its source compiles.
_COMPILE_OPTIONS = (*sorted(ENV_STRINGS), *sorted(ENV_FLAGS), "newline_sequence", "is_async")


def _signature(environment: Any) -> tuple[object, ...]:
    """What about an environment decides the code a source compiles to."""
    options = tuple(getattr(environment, name, None) for name in _COMPILE_OPTIONS)
    extensions = tuple(sorted(environment.extensions))
    # autoescape and finalize may be callables; their identity is part of the compiled code's meaning.
    return (type(environment), options, extensions, id(environment.autoescape), id(environment.finalize))


class ProcessBytecodeCache(BytecodeCache):
    """An in-memory, bounded bytecode cache shared by every environment scaffold builds."""

    def __init__(self) -> None:
        self._store: dict[tuple[object, ...], bytes] = {}

    def _key(self, bucket: Bucket) -> tuple[object, ...]:
        return (_signature(bucket.environment), bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self._store) >= _MAX_ENTRIES:
            self._store.pop(next(iter(self._store)))
        self._store[self._key(bucket)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


CACHE = ProcessBytecodeCache()
"""The one cache; render.environment() hands it to every environment."""
