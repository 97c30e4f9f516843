"""`scaffold detect --json`: a versioned document with typed values and every known key.

    {"schema": 1, "project": "/abs/path", "candidates": [
        {"language": "go", "score": 100, "evidence": ["go.mod"],
         "facts": {"port": {"value": 8080, "source": "main.go"}, "cgo": {"value": null, "source": null}, ...},
         "notes": []}]}

Known keys are the built-in template's variables plus whatever the provider detected; a key not detected
has value and source null. Types come from the template's `__types__` (template_meta).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scaffold.models import Detection, Value
from scaffold.providers import template_dir
from scaffold.render import read_variables
from scaffold.template_meta import declared_types

SCHEMA = 1


def document(root: Path, found: Sequence[Detection]) -> dict[str, Any]:
    return {"schema": SCHEMA, "project": str(root), "candidates": [_candidate(d) for d in found]}


def _candidate(det: Detection) -> dict[str, Any]:
    template = template_dir(det.language)
    types = declared_types(template)
    known = [v.key for v in read_variables(template)]
    facts: dict[str, dict[str, Any]] = {key: {"value": None, "source": None} for key in known}
    for fact in det.facts:
        facts[fact.key] = {"value": typed(fact.value, types.get(fact.key)), "source": fact.source}
    return {
        "language": det.language,
        "score": det.score,
        "evidence": list(det.evidence),
        "facts": facts,
        "notes": list(det.notes),
    }


def typed(value: Value, kind: str | None) -> Any:
    """A detected value as JSON: integers as numbers, lists as arrays, empty text as null."""
    if isinstance(value, bool):
        return value
    if kind == "list":
        return value.split()
    if value == "":
        return None
    if kind == "integer":
        return int(value) if value.isdigit() else value
    return value
