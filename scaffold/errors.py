"""The errors scaffold reports to a user, each with its exit code.

Anything raised as a ScaffoldError reaches the user as one line and an exit code; anything else is a bug
(cli reports it as an internal error, exit 70).
"""

from __future__ import annotations


class ScaffoldError(Exception):
    """An error with a one-line message for the user."""

    exit_code = 2


class InputError(ScaffoldError):
    """A project file could not be read or parsed (exit 2)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UsageError(ScaffoldError):
    """Flags or option values that cannot be honoured (exit 2)."""


class NotDetectedError(ScaffoldError):
    """No supported language was found in the project (exit 2)."""


class ConflictError(ScaffoldError):
    """Generated files differ from the user's and no policy says what to do (exit 1)."""

    exit_code = 1


class TemplateError(ScaffoldError):
    """A template is missing, malformed or failed to render (exit 2)."""


class NoTemplateForLanguage(TemplateError):
    """A template source holds no template for the language asked (`templates validate` skips that language)."""


class WriteError(ScaffoldError):
    """A write was refused or failed; the project was left as it was (exit 1)."""

    exit_code = 1


class ProjectBusy(WriteError):
    """Another scaffold run holds the project's lock (exit 1)."""


class Interrupted(ScaffoldError):
    """Ctrl-C or SIGTERM; the message says whether anything was written (exit 130)."""

    exit_code = 130

    def __init__(self, message: str = "interrupted: nothing was written") -> None:
        super().__init__(message)
