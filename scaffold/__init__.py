"""scaffold: an optimized, production-grade Docker setup for Go, Node and Python projects."""

import os as _os
import sys as _sys

__version__ = "0.1.0"


def _interrupted_while_loading(signum: int, frame: object) -> None:
    # Until cli.main sets its own handlers (click and the rest load for ~70 ms), nothing has been written.
    _os.write(2, b"error: interrupted: nothing was written\n")
    _os._exit(130)


# This is the first scaffold code any run executes, so Ctrl-C is ours from here on; only for the `scaffold`
# command and `python -m scaffold` (runpy imports this package while argv[0] is still "-m"), never for a
# program that imports scaffold. `_signal` is the C module: `signal` would spend milliseconds on enums.
if _sys.argv[:1] == ["-m"] or (_sys.argv[:1] or [""])[0].rsplit("/", 1)[-1] == "scaffold":
    import _signal  # type: ignore[import-not-found]

    _signal.signal(_signal.SIGINT, _interrupted_while_loading)
    _signal.signal(_signal.SIGTERM, _interrupted_while_loading)
