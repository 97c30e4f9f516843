"""The only module that prints. One rich Console; user-supplied text is never parsed as markup."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from typing import IO, Any

from scaffold.models import Action, Detection, FileChange, FileResult, Options, Outcome

_ACTION_STYLE = {Action.CREATE: "green", Action.UNCHANGED: "dim", Action.CONFLICT: "yellow"}
_OUTCOME_STYLE = {
    Outcome.CREATED: "green",
    Outcome.UNCHANGED: "dim",
    Outcome.SKIPPED: "yellow",
    Outcome.OVERWRITTEN: "magenta",
    Outcome.UPDATED: "cyan",
    Outcome.CONFLICT: "red",
}


class Reporter:
    """Writes everything the user reads. `file=None` means stdout."""

    def __init__(self, file: IO[str] | None = None, err: IO[str] | None = None) -> None:
        from rich.console import Console

        self.out = Console(file=file, highlight=False, soft_wrap=True)
        self.err = Console(file=err, stderr=err is None, highlight=False, soft_wrap=True)

    def _line(self, style: str, *parts: str) -> None:
        from rich.text import Text

        self.out.print(Text.assemble(*((p, style) if i == 0 else p for i, p in enumerate(parts))))

    def detections(self, found: Sequence[Detection]) -> None:
        from rich.table import Table

        for rank, det in enumerate(found, 1):
            title = f"{det.language} (detected from {', '.join(det.evidence)})"
            if len(found) > 1:
                title = f"{rank}. {title}"
            table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
            table.add_column("fact")
            table.add_column("value")
            table.add_column("from")
            for fact in det.facts:
                table.add_row(fact.key, _show(fact.value), fact.source)
            self.out.print(table)
            for note in det.notes:
                self.note(note)

    def detections_json(self, found: Sequence[Detection]) -> None:
        data: list[dict[str, Any]] = [
            {
                "language": d.language,
                "score": d.score,
                "evidence": list(d.evidence),
                "facts": {f.key: {"value": f.value, "source": f.source} for f in d.facts},
                "notes": list(d.notes),
            }
            for d in found
        ]
        self.out.file.write(json.dumps(data, indent=2) + "\n")

    def options(self, options: Options) -> None:
        from rich.table import Table

        table = Table(title=f"options ({options.language})", title_justify="left", header_style="bold")
        table.add_column("option")
        table.add_column("value")
        table.add_column("from")
        for key, resolved in options.values.items():
            table.add_row(key, _show(resolved.value), resolved.source)
        self.out.print(table)

    def plan(self, changes: Sequence[FileChange]) -> None:
        self._line("bold", "plan (dry run, nothing written):")
        verbs = {Action.CREATE: "create", Action.UNCHANGED: "unchanged", Action.CONFLICT: "conflict"}
        for c in changes:
            self._line(_ACTION_STYLE[c.action], f"{verbs[c.action]:<12}", c.path)

    def outcomes(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        """One `word  path` line per file, under a title (an update's dry run: the merge's own words)."""
        self._line("bold", title)
        width = max([14, *(len(word) for word, _ in rows)]) + 2  # aligned for the usual words
        for word, path in rows:
            style = "red" if word.startswith("conflict") else "dim" if word == "unchanged" else "cyan"
            self._line(style, f"{word:<{width}}", path)

    def diff(self, change: FileChange) -> None:
        old = (change.old or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = change.new.decode("utf-8", "replace").splitlines(keepends=True)
        fromfile = f"a/{change.path}" if change.old is not None else "/dev/null"
        for line in difflib.unified_diff(old, new, fromfile, f"b/{change.path}"):
            if not self.out.is_terminal:
                # Exact bytes for pipes and `patch`: rich would expand a Makefile's tabs.
                self.out.file.write(line if line.endswith("\n") else line + "\n")
                continue
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            self._line(style, line.rstrip("\n"))

    def results(self, results: Sequence[FileResult]) -> None:
        for r in results:
            extra = f"  (your version kept as {r.backup})" if r.backup else ""
            extra = extra or ("  (kept your version)" if r.outcome is Outcome.SKIPPED else "")
            self._line(_OUTCOME_STYLE[r.outcome], f"{r.outcome.value:<12}", r.path, extra)

    def next_steps(self, steps: Sequence[str]) -> None:
        self._line("bold", "next:")
        for step in steps:
            self._line("cyan", f"  {step}")

    def item(self, message: str) -> None:
        self._line("", message)

    def problem_line(self, where: str, message: str) -> None:
        self._line("red", f"{where}: ", message)

    def ok(self, message: str) -> None:
        self._line("green", "ok: ", message)

    def problem(self, message: str) -> None:
        self._line("red", "out of date: ", message)

    def note(self, message: str) -> None:
        self._line("yellow", "note: ", message)

    def error(self, message: str) -> None:
        from rich.text import Text

        self.err.print(Text.assemble(("error: ", "bold red"), message))


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "(none)"
