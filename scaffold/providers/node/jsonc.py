"""Read JSON-with-comments files (tsconfig.json, jsconfig.json): TypeScript allows comments and trailing commas."""

from __future__ import annotations

import json
from typing import Any

from scaffold.errors import InputError
from scaffold.project import ProjectDir


def read_jsonc(project: ProjectDir, rel: str) -> Any:
    """The parsed file; InputError naming it when it is not JSON even after dropping comments and trailing commas."""
    text = strip_jsonc(project.read_text(rel))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(rel, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def strip_jsonc(text: str) -> str:
    """`text` with // and /* */ comments blanked and trailing commas removed, strings left intact.

    Comments become spaces (newlines kept) so that error positions still point into the original file.
    """
    out: list[str] = []
    i, n = 0, len(text)
    pending_comma = -1  # index in `out` of a comma that may turn out to be trailing
    while i < n:
        ch = text[i]
        if ch == '"':
            end = _string_end(text, i)
            out.append(text[i:end])
            i = end
            pending_comma = -1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:end]))
            i = end
        else:
            if ch in "}]" and pending_comma >= 0:
                out[pending_comma] = " "
            if ch == ",":
                pending_comma = len(out)
            elif not ch.isspace():
                pending_comma = -1
            out.append(ch)
            i += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return len(text)
