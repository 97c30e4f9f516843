"""The one module that decides what SIGINT, SIGTERM and SIGHUP do, at each phase of a run.

- while the program loads (scaffold/__main__.py's first lines, before this module is even imported):
  nothing has been written, so the process says so and exits 130 at once;
- while a command runs (`raise_interrupt`): each is a KeyboardInterrupt, which cli reports in one line
  and which unwinds every `finally` (verify's clean-up, the writer's rollback);
- around a step that must finish (`held`: the writer's renames, verify's clean-up): the first signal is
  noted and acted on after the step;
- once the command is over (`ignore`): nothing may cut the last line short or turn the interpreter's
  shutdown into a traceback.

A terminal's hang-up (SIGHUP) and a CI cancel or `timeout` (SIGTERM) count as Ctrl-C: whatever scaffold
started is removed before it exits.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import FrameType, TracebackType

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
Handler = Callable[[int, "FrameType | None"], Any] | int | signal.Handlers | None
"""What signal.signal returns and takes back."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def raise_interrupt() -> None:
    """While a command runs: every handled signal is a KeyboardInterrupt."""
    for signum in HANDLED:
        signal.signal(signum, _raise)


def ignore() -> None:
    """The command is over (or its error is being printed): signals change nothing any more."""
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_IGN)


class Held:
    """Within `with held() as state:`, the first signal received (`state.signal`, None: none yet).

    The caller decides what a noted signal means (the writer rolls back before its commit point); outside
    the main thread no signal can arrive, so nothing is changed there.
    """

    def __init__(self) -> None:
        self.signal: int | None = None
        self.committing = False
        self._previous: dict[int, Handler] = {}

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is None:
            self.signal = signum

    def __enter__(self) -> Held:
        try:
            self._previous = {s: signal.signal(s, self._note) for s in HANDLED}
        except ValueError:  # not the main thread
            self._previous = {}
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def held() -> Held:
    """Note signals instead of acting on them; the previous handlers come back after the block."""
    return Held()


class FinishFirst(Held):
    """A clean-up that must run to its end: a signal during it is raised (KeyboardInterrupt) after it."""

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        super().__exit__(kind, exc, tb)
        if self.signal is not None and kind is None:
            raise KeyboardInterrupt


def finish_first() -> FinishFirst:
    return FinishFirst()
