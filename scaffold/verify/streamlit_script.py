"""Streamlit answers GET / with its page shell before the script runs (a browser's session runs it), so a script
that raises passes the HTTP check. Inside the running container, Streamlit's own headless runner (AppTest, 1.28+)
runs the script once as a session would, and an uncaught exception fails the run check."""

from __future__ import annotations

import shlex
from typing import Any

from scaffold.verify.engine import Engine

MARK = "scaffold-streamlit-exception:"
"""The line the runner prints before each exception's message and stack trace."""

RUNNER = f"""
import os, sys
try:
    from streamlit.testing.v1 import AppTest
except Exception:
    sys.exit(0)
try:
    at = AppTest.from_file(os.path.abspath(sys.argv[1]), default_timeout=60).run()
except Exception:
    sys.exit(0)
for e in at.exception:
    print({MARK!r}, e.message)
    print("\\n".join(e.stack_trace))
"""
"""No Streamlit runner (older than 1.28) or a run that does not finish (a timeout): nothing is said."""


def script_of(config: dict[str, Any] | None) -> str:
    """The script a `streamlit run SCRIPT` start command runs, read from the image's entrypoint and command."""
    if not config:
        return ""
    words: list[str] = []
    for part in (config.get("Entrypoint") or [], config.get("Cmd") or []):
        for word in part:
            try:
                words += shlex.split(str(word)) if " " in str(word) else [str(word)]
            except ValueError:
                words.append(str(word))
    for i, word in enumerate(words[:-2]):
        if word.rpartition("/")[2] == "streamlit" and words[i + 1] == "run":
            script = words[i + 2]
            return script if script.endswith(".py") else ""
    return ""


def script_error(engine: Engine, container: str, script: str) -> str:
    """The script's uncaught exception (message and stack trace) when a session runs it, else ""."""
    done = engine.call("exec", container, "python", "-c", RUNNER, script, timeout=120, apart=True)
    if done.code != 0 or MARK not in done.out:
        return ""
    message, _, stack = done.out[done.out.index(MARK) + len(MARK) :].strip().partition("\n")
    # Read like a traceback: the frames, then the exception, so the last lines name what went wrong.
    return f"{HEAD.format(script=script)}\n{stack}\n{message}".replace("\n\n", "\n")


HEAD = "Streamlit script exception (a session ran {script}):"
"""The first line of what the run check shows (catalogue/failures.toml matches it)."""
