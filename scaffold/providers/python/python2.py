"""Python 2 code (an old tutorial's `print "hi"`): no image scaffold builds runs Python 2, so init refuses in one
line that says so, instead of an image whose byte-compile step or start fails on a SyntaxError."""

from __future__ import annotations

import ast
import re

_PY2 = re.compile(
    r"""^[ \t]*(?:print[ \t]+(?:["'\w%]|>>)|exec[ \t]+["']|except[ \t]+[\w.]+[ \t]*,[ \t]*\w+[ \t]*:|"""
    r"""raise[ \t]+[\w.]+[ \t]*,[ \t]*["'\w])""",
    re.MULTILINE,
)
"""Statements only Python 2 has: `print "x"`, `print >>f, x`, `exec "code"`, `except E, e:`, `raise E, "msg"`."""


def python2_line(text: str) -> int:
    """The line of the first Python 2 statement of a module Python 3 cannot parse, else 0."""
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        m = _PY2.search(text)
        return text.count("\n", 0, m.start()) + 1 if m else 0
    return 0
