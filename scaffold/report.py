"""The only module that prints. One rich Console; user-supplied text is never parsed as markup.

Every string that is not scaffold's own wording (file names, values, sources, messages quoting a project)
goes through rich as a Text, never as a markup string: `[/]` in a Procfile prints as `[/]`; a lone
surrogate (JSON's \\ud800) prints as its escape.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Sequence
from typing import IO, TYPE_CHECKING, Any

from scaffold.models import Action, Detection, FileChange, FileResult, Options, Outcome

DIFFERS = "differs"
"""The one name of a file that exists with other content than scaffold's (plan, recap, prompt, error)."""

if TYPE_CHECKING:
    from scaffold.verify.diagnose import Diagnosis
    from scaffold.verify.suite import Report

_ACTION_STYLE = {Action.CREATE: "green", Action.UNCHANGED: "dim", Action.CONFLICT: "yellow"}
_OUTCOME_STYLE = {
    Outcome.CREATED: "green",
    Outcome.UNCHANGED: "dim",
    Outcome.SKIPPED: "yellow",
    Outcome.OVERWRITTEN: "magenta",
    Outcome.UPDATED: "cyan",
    Outcome.CONFLICT: "red",
}
_VERIFY_STYLE = {"pass": "green", "fail": "bold red", "skip": "yellow", "info": "cyan"}


class Reporter:
    """Writes everything the user reads. `file=None` means stdout."""

    def __init__(self, file: IO[str] | None = None, err: IO[str] | None = None, width: int | None = None) -> None:
        """`width`: act as a terminal of that many columns (tests of what an 80-column screen shows)."""
        from rich.console import Console

        screen = {"width": width, "force_terminal": True, "color_system": None} if width else {}
        # Markup off once, for every print: user text (file names, values, engine output) is never markup.
        self.out = Console(file=file, highlight=False, markup=False, **screen)  # type: ignore[arg-type]
        self.err = Console(file=err, stderr=err is None, highlight=False, markup=False, **screen)  # type: ignore[arg-type]
        for console in (self.out, self.err):
            # A terminal gets lines broken between words (it would cut them mid-word); a pipe or a CI log
            # gets each line whole, for grep.
            console.soft_wrap = not console.is_terminal

    def _line(self, style: str, *parts: str) -> None:
        from rich.text import Text

        self.out.print(Text.assemble(*((_safe(p), style) if i == 0 else _safe(p) for i, p in enumerate(parts))))

    def detections(self, found: Sequence[Detection], hidden: Collection[str] = (), verbose: bool = False) -> None:
        for rank, det in enumerate(found, 1):
            title = f"{det.language} (detected from {', '.join(det.evidence)})"
            if len(found) > 1:
                title = f"{rank}. {title}"
            table = _table(title, "fact", "value", "from")
            for fact in det.facts:
                if verbose or fact.key not in hidden:
                    table.add_row(_text(fact.key), _text(_show(fact.value)), _text(fact.source))
            self._table(table)
            for note in det.notes:
                self.note(note)

    def json(self, document: Any) -> None:
        """A JSON document, byte-exact (never through rich's wrapping or markup)."""
        self.out.file.write(json.dumps(document, indent=2) + "\n")

    def options(
        self, options: Options, hidden: Collection[str] = (), verbose: bool = False, title: str = "options"
    ) -> None:
        """Every option with its value and source; `hidden` (template-internal) ones only when verbose."""
        table = _table(f"{title} ({options.language})", "option", "value", "from")
        for key, resolved in options.values.items():
            if verbose or key not in hidden:
                table.add_row(_text(key), _text(_show(resolved.value)), _text(resolved.source))
        self._table(table)
        shown_all = verbose or not any(k in hidden for k in options.values)
        if not shown_all:
            self._line("dim", "(template-internal options hidden; --verbose shows them)")

    def _table(self, table: Any) -> None:
        """A terminal gets the table folded to its width; a pipe or CI log gets it whole, never cut."""
        if self.out.is_terminal:
            self.out.print(table)
            return
        natural = _natural_width(table)
        narrow = self.out.width
        self.out.width = max(natural, narrow)
        try:
            self.out.print(table)
        finally:
            self.out.width = narrow

    def plan(self, changes: Sequence[FileChange]) -> None:
        self._line("bold", "plan (dry run, nothing written):")
        verbs = {Action.CREATE: "create", Action.UNCHANGED: "unchanged", Action.CONFLICT: DIFFERS}
        for c in changes:
            self._line(_ACTION_STYLE[c.action], f"{verbs[c.action]:<12}", c.path)

    def outcomes(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        """One `word  path` line per file, under a title (an update's dry run: the merge's own words)."""
        self._line("bold", title)
        width = max([14, *(len(word) for word, _ in rows)]) + 2  # aligned for the usual words
        for word, path in rows:
            style = "red" if word.startswith(("conflict", DIFFERS)) else "dim" if word == "unchanged" else "cyan"
            self._line(style, f"{word:<{width}}", path)

    def diff(self, change: FileChange) -> None:
        old = (change.old or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = change.new.decode("utf-8", "replace").splitlines(keepends=True)
        fromfile = f"a/{change.path}" if change.old is not None else "/dev/null"
        for line in difflib.unified_diff(old, new, fromfile, f"b/{change.path}"):
            if not self.out.is_terminal:
                # Exact bytes for pipes and `patch`: rich would expand a Makefile's tabs.
                self.out.file.write(_safe(line if line.endswith("\n") else line + "\n"))
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

    def progress(self, message: str) -> None:
        """A long step starting (stderr, so --json output stays clean)."""
        from rich.text import Text

        self.err.print(Text.assemble(("verify: ", "dim"), (_safe(message), "dim")))

    def verify_table(self, report: Report, verbose: bool = False, diagnoses: Sequence[Diagnosis] = ()) -> None:
        """One row per check that ran (check, result, figure, hint), folded to the screen, never cut; the
        checks an earlier failure stopped on one line; the failures' output and diagnosis; the verdict last,
        with the failure's hint, so it is what the user reads first when the output ends."""
        from rich.text import Text

        title = f"scaffold verify {report.project}" + (f" --target {report.target}" if report.target else "")
        table = _table(title, "check", "result", "figure", "hint")
        rows, stopped = _ran_and_stopped(report)
        for row in rows:
            style = _VERIFY_STYLE[row.status.value]
            # Engine output and file names are not markup: every cell is plain Text.
            table.add_row(_text(row.check), Text(row.status.value, style), _text(row.figure), _text(row.hint))
        self._table(table)
        for why, names in stopped.items():
            self._line("yellow", "not run: ", f"{', '.join(names)} ({why.removeprefix('not run: ')})")
        for row in report.rows:
            if row.details and (verbose or row.status.value == "fail"):
                self._line("bold", f"--- {row.check}:")
                self.out.print(_text(row.details))
            for found in diagnoses:
                if found.check == row.check:
                    self.diagnosis(found, str(report.project))
        failed = [r for r in report.rows if r.status.value == "fail"]
        image = f"image kept as {report.image}" if report.kept else "image removed"
        if failed:
            said = "; ".join(f"{r.check}: {r.hint or r.figure}".rstrip(": ") for r in failed)
            self._line("bold red", "FAILED: ", f"{said} ({report.seconds:.1f} s, {image})")
        else:
            ran = sum(r.status.value == "pass" for r in report.rows)
            self._line("bold green", "verified: ", f"{ran} checks passed ({report.seconds:.1f} s, {image})")

    def diagnosis(self, found: Diagnosis, project: str) -> None:
        """Why a check failed and what to change, one line each; an unknown failure's last lines and how to rerun it."""
        import shlex

        if not found.known:
            unknown = f"{found.check} failed in a way scaffold does not know; its last lines:"
            self._line("bold yellow", "cause: ", unknown)
            self.out.print(_text(found.excerpt))
            for command in found.reproduce:
                self._line("bold", "reproduce: ", command)
            return
        self._line("bold yellow", "cause: ", found.cause)
        if found.remedy:
            sets = " ".join(f"--set {s}" for s in found.sets())
            how = "  (scaffold verify --fix applies it)" if found.fix else ""
            self._line("bold green", "remedy: ", f"scaffold update {shlex.quote(project)} {sets}{how}")
            if found.advice:
                self._line("bold", "or: ", found.advice)
        elif found.advice:
            self._line("bold green", "remedy: ", found.advice)
        for why in found.refused:
            self._line("yellow", "note: ", f"a remedy value read from the output was refused: {why}")

    def fix_round(self, number: int, check: str, sets: Sequence[str]) -> None:
        """What `--fix` changes before it verifies again."""
        self._line("bold cyan", f"fix round {number}: ", f"{check} failed; regenerating with {' '.join(sets)}")

    def verify_json(self, data: dict[str, Any]) -> None:
        self.out.file.write(json.dumps(data, indent=2) + "\n")

    def error(self, message: str) -> None:
        from rich.text import Text

        self.err.print(Text.assemble(("error: ", "bold red"), _safe(message)))


def _ran_and_stopped(report: Report) -> tuple[list[Any], dict[str, list[str]]]:
    """The rows to tabulate, and the checks a failure stopped (the skips after the last failure) by reason."""
    rows = list(report.rows)
    last_fail = max((i for i, r in enumerate(rows) if r.status.value == "fail"), default=len(rows))
    stopped: dict[str, list[str]] = {}
    for row in rows[last_fail + 1 :]:
        if row.status.value != "skip":
            return rows, {}
        stopped.setdefault(row.hint, []).append(row.check)
    return rows[: last_fail + 1], stopped


def _table(title: str, *columns: str) -> Any:
    from rich.table import Table

    table = Table(title=_text(title), title_justify="left", header_style="bold")
    for column in columns:
        # Fold, never "…": an image name cut in half is worse than one on two lines.
        table.add_column(column, overflow="fold")
    return table


def _natural_width(table: Any) -> int:
    """The width at which `table` folds no cell: its widest cell per column, padding and rules.

    Summed here from the cells' text (all of them `Text`); asking rich to measure the table costs as much as
    printing it, on every command that prints options.
    """
    from rich.cells import cell_len

    width = 1  # the left rule
    for column in table.columns:
        texts = [column.header, *column.cells]
        widest = max((cell_len(line) for text in texts for line in str(text).splitlines() or [""]), default=0)
        width += widest + 2 + 1  # one space of padding either side, then the rule
    return width


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "(none)"


def _safe(text: str) -> str:
    """`text` printable on any stream: a lone surrogate (from JSON's \\ud800) becomes its escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _text(text: str) -> Any:
    """A rich Text: shown literally, never parsed as markup."""
    from rich.text import Text

    return Text(_safe(text))
