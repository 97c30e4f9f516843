"""The `scaffold` command and `python -m scaffold`.

Ctrl-C is scaffold's from this module's first line: until the CLI takes over (scaffold/signals.py owns
every later phase), a signal means nothing was written, said in one line with exit 130. Only what the
interpreter has already loaded is touched here (`os`, the C module `_signal`), so no signal can land in
an import of ours and print a traceback.
"""

import _signal  # type: ignore[import-not-found]
import os


def _exit_while_loading(signum: int, frame: object) -> None:
    os.write(2, b"error: interrupted: nothing was written\n")
    os._exit(130)


for _signum in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
    _signal.signal(_signum, _exit_while_loading)


def main() -> None:
    from scaffold.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
