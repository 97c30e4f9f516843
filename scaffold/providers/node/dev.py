"""The command of the Dockerfile's dev stage: the project's own `dev` script, told to listen on every address
(a dev server on localhost answers nobody outside the container) with the flag its tool takes; without a dev
script, the start command under `node --watch`, which restarts on a change.

The flag is decided from the dev script's program: Next.js takes `-H`, the Vite family (Vite, SvelteKit,
Astro, React Router, Remix on Vite, Nuxt) `--host`. npm passes arguments to a script only after `--`.
"""

from __future__ import annotations

from scaffold.models import Value
from scaffold.providers.node.parts import without_type_stripping
from scaffold.providers.node.removed_flags import without_removed_flags

ANY_HOST = "0.0.0.0"
HOST_FLAGS = {
    "next": ("-H", "-p"),
    "vite": ("--host", "--port"),
    "astro": ("--host", "--port"),
    "react-router": ("--host", "--port"),
    "remix": ("--host", "--port"),
    "nuxt": ("--host", "--port"),
    "nuxi": ("--host", "--port"),
    "ng": ("--host", "--port"),
}
"""A dev server's program -> its flags for the address and the port it listens on."""
BINS = 'export PATH="/app/node_modules/.bin:$PATH" && '
"""Before a dev script the stage runs itself: its tools on the PATH, as `npm run` puts them."""
_OPERATORS = ("&&", "||", ";", "|", "&")
NO_DEV = "echo 'package.json has no dev script (and the app no node server): add one for make dev'"


def dev_command(values: dict[str, Value]) -> str:
    """The dev stage's shell command (it execs the server, so the server gets the stop signal)."""
    script = str(values.get("dev_script", "")).split()
    port = str(values.get("port", ""))
    node = str(values.get("node_version", ""))
    rewritten, _ = without_removed_flags(script, node, anywhere=True)
    if rewritten != script:
        # `npm run dev` would hand node a flag this Node removed (nodemon passes it on): the script, rewritten.
        ends = not any(word in _OPERATORS for word in rewritten)
        return BINS + ("exec " if ends else "") + " ".join(rewritten)
    if script:
        flags = HOST_FLAGS.get(script[0])
        args = f" {flags[0]} {ANY_HOST}" + (f" {flags[1]} {port}" if port else "") if flags else ""
        separator = " --" if args and values.get("package_manager") == "npm" else ""
        return f"exec {values.get('run_command', 'npm run')} dev{separator}{args}"
    start = "" if values.get("framework") == "spa" else str(values.get("start", ""))  # a site has no server
    if start.startswith("node "):
        words, _ = without_removed_flags(without_type_stripping(start.split(), node), node)
        return f"exec node --watch {' '.join(words[1:])}"
    return f"exec {start}" if start else NO_DEV
