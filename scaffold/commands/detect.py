"""`scaffold detect`: what was found, as a table or (`--json`) a versioned document with typed values.

    {"schema": 1, "project": "/abs/path", "candidates": [
        {"language": "go", "score": 100, "evidence": ["go.mod"],
         "facts": {"port": {"value": 8080, "source": "main.go"}, "cgo": {"value": null, "source": null}, ...},
         "notes": []}]}

Known keys are the built-in template's variables plus whatever the provider detected; a key not detected
has value and source null. Types come from each variable's kind (values.py): a `port` is an integer, a
list kind (paths, globs, packages) an array, a boolean a boolean, the rest strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scaffold import values
from scaffold.models import Detection, Value
from scaffold.pipeline import project_root
from scaffold.project import ProjectDir
from scaffold.providers import detect_all, template_dir
from scaffold.template.meta import internal_options
from scaffold.template.render import read_variables

SCHEMA = 1


def detect(path: Path) -> list[Detection]:
    """Every language found in the project, best first."""
    return detect_all(ProjectDir(project_root(path)))


def internal_facts(found: Sequence[Detection]) -> frozenset[str]:
    """The facts the built-in templates mark internal, hidden from `detect`'s table unless --verbose."""
    return frozenset().union(*(internal_options(template_dir(d.language)) for d in found))


def document(root: Path, found: Sequence[Detection]) -> dict[str, Any]:
    return {"schema": SCHEMA, "project": str(root), "candidates": [_candidate(d) for d in found]}


def _candidate(det: Detection) -> dict[str, Any]:
    variables = {v.key: v for v in read_variables(template_dir(det.language))}
    facts: dict[str, dict[str, Any]] = {key: {"value": None, "source": None} for key in variables}
    for fact in det.facts:
        var = variables.get(fact.key)
        kind = values.kind_of(fact.key, var.kind if var else None)
        facts[fact.key] = {"value": typed(fact.value, kind), "source": fact.source}
    return {
        "language": det.language,
        "score": det.score,
        "evidence": list(det.evidence),
        "facts": facts,
        "notes": list(det.notes),
    }


def typed(value: Value, kind: values.Kind) -> Any:
    """A detected value as JSON: ports as numbers, list kinds as arrays, empty text as null."""
    if isinstance(value, bool):
        return value
    if kind.item is not None:
        return value.split()
    if value == "":
        return None
    if kind.maximum is not None and value.isdigit():
        return int(value)  # a numeric kind (port)
    return value
