"""Compiled templates kept for the life of the process, so a template is parsed and compiled once.

cookiecutter builds a fresh Jinja environment and loader for every render, so Jinja's own template cache
never hits: `templates validate`, `verify --fix` rounds and the interview's re-renders compiled the same
templates again each time (about half of a render's time). Jinja's bytecode cache is the supported way to
reuse compiled code across environments: the entry is keyed by the template's name, the checksum of its
source, and everything about the environment that changes how a source compiles, so a sandboxed and a
trusted environment, or two templates with different `_jinja2_env_vars`, never share code.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

_MAX_ENTRIES = 256
"""Bound on the entries kept (a template is a few KB of code; an untrusted template could be many files)."""
_MAX_STRINGS = 4096
"""Bound on the short sources kept (option defaults and file names: a few hundred per template)."""

# The Jinja environment options a template may set through `_jinja2_env_vars` (render.py checks them).
ENV_STRINGS = frozenset(
    {
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
        "line_statement_prefix",
        "line_comment_prefix",
    }
)
ENV_FLAGS = frozenset({"trim_blocks", "lstrip_blocks", "keep_trailing_newline", "autoescape", "optimized"})

# The environment options a template may set decide how its source compiles.
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


_STRINGS: dict[tuple[object, ...], CodeType] = {}


class CompiledStrings:
    """A mixin for scaffold's environments: `from_string` compiles a source once per process.

    Option defaults and file names render through `from_string`, which bypasses the bytecode cache (it has no
    name): a render compiled about a hundred of them again each time. The code is keyed like the bytecode
    cache's entries (the environment's compile options and the source), so environments never share code
    that would compile differently in them.
    """

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if not isinstance(source, str):
            return super().from_string(source, globals, template_class)  # type: ignore[misc]
        key = (_signature(self), source)
        code = _STRINGS.get(key)
        if code is None:
            code = self.compile(source)  # type: ignore[attr-defined]  # a syntax error raises here, uncached
            if len(_STRINGS) >= _MAX_STRINGS:
                _STRINGS.pop(next(iter(_STRINGS)))
            _STRINGS[key] = code
        cls = template_class or self.template_class  # type: ignore[attr-defined]
        return cls.from_code(self, code, self.make_globals(globals), None)  # type: ignore[attr-defined]
