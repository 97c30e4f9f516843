"""The versioned JSON report (`scaffold verify --json`); README.md documents every field.

Schema 1:
{"schema": 1, "passed": bool, "exit_code": 0|1, "project": str, "target": str, "engine": str, "image": str,
 "image_kept": bool, "seconds": float,
 "checks": [{"check": str, "result": "pass"|"fail"|"skip"|"info", "figure": str, "hint": str,
             "seconds": float, "data": {...}}],
 "diagnosis": [{"check": str, "id": str, "cause": str, "advice": str, "remedy": [str], "fix": bool,
                "excerpt": str, "reproduce": [str]}],
 "fixes": [{"round": int, "check": str, "id": str, "set": [str]}]}    (only with --fix)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scaffold.verify.diagnose import Diagnosis
from scaffold.verify.suite import Report

SCHEMA = 1


def to_json(
    report: Report, diagnoses: Sequence[Diagnosis] = (), fixes: Sequence[dict[str, Any]] | None = None
) -> dict[str, Any]:
    extra: dict[str, Any] = {"diagnosis": [d.as_json() for d in diagnoses]}
    if fixes is not None:
        extra["fixes"] = list(fixes)
    return {
        "schema": SCHEMA,
        "passed": report.passed,
        "exit_code": report.exit_code,
        "project": str(report.project),
        "target": report.target,
        "engine": report.engine,
        "image": report.image,
        "image_kept": report.kept,
        "seconds": round(report.seconds, 2),
        "checks": [
            {
                "check": r.check,
                "result": r.status.value,
                "figure": r.figure,
                "hint": r.hint,
                "seconds": round(r.seconds, 2),
                "data": r.data,
            }
            for r in report.rows
        ],
        **extra,
    }
