"""Which parts the Python Dockerfile template includes (templates/python/templates/<name>.Dockerfile).

The template reads as a Dockerfile: every choice between variants is made here, from the resolved options,
and handed over as lists of part names, in the order the parts appear:

- `stage_parts`: before the build stage: the distroless note, the uv and tini stages;
- `build_setup_parts`: the build stage's Debian packages (Debian's python3 for distroless, or headers);
- `deps_parts`: the build stage's steps before the sources: the venv (all but uv), the dependencies from the
  manifests alone (after the venv, or uv's own), or read from pyproject.toml or a Pipfile by pip, then the
  server the app runs under;
- `finish_parts`: the build's steps after the sources: the project's own install, setuptools for
  pkg_resources, the loopback start hook (listen_all), collectstatic, bytecode;
- `head_parts`: the file's first line, when the project asked for a syntax directive;
- `runtime_parts`: the final stage's steps before its environment, by runtime: on slim the run-time libraries
  and the app's user, on distroless a note on the libraries it cannot install; then the PORT note;
- `init_parts`: tini, copied from its stage, for an app that does not handle SIGTERM as PID 1;
- `app_parts`: what the final stage adds after the venv: the source or a note, writable folders, the app's
  folder, Django's settings module (settings_env), how static files are served, the user it runs as, then
  EXPOSE and the start (start.py);
- `bake_parts`: after docker-bake.hcl's stages (one per uv workspace server), the default image again.
"""

from __future__ import annotations

from scaffold.models import Value

PART_KEYS = (
    "head_parts",
    "stage_parts",
    "build_setup_parts",
    "deps_parts",
    "finish_parts",
    "runtime_parts",
    "init_parts",
    "app_parts",
    "bake_parts",
)
"""The values decided here: recomputed from the options on every run, whatever a layer said."""
BAKE_KEYS = ("bake_apps", "bake_ports", "bake_commands")
"""A stage per uv workspace server (bake.py): with all three, the default image follows those stages."""


def parts(values: dict[str, Value]) -> dict[str, Value]:
    """Every value of PART_KEYS for these options."""
    distroless = values.get("runtime") == "distroless"
    installer = values.get("installer")
    collectstatic = bool(values.get("collectstatic"))
    django = bool(values.get("django_settings"))
    static = values.get("static_server")
    packages = bool(str(values.get("runtime_packages", "")).split())
    port = bool(values.get("port"))
    venv, deps = bool(values.get("venv_run")), bool(values.get("deps_run"))
    return {
        "head_parts": _on(("syntax-line", values.get("syntax_line") is True)),
        "stage_parts": _on(
            ("distroless-note", distroless),
            ("uv-stage", installer == "uv"),
            ("tini-stage", bool(values.get("init"))),
        ),
        "build_setup_parts": _on(
            ("distroless-python", distroless),
            ("build-packages", not distroless and bool(str(values.get("build_packages", "")).split())),
        ),
        "deps_parts": _on(
            ("venv", venv),
            ("deps-install", venv and deps),
            ("uv-deps", deps and not venv),
            ("pyproject-deps", installer == "pip"),
            ("pipfile-deps", installer == "pipfile"),
            ("server", bool(values.get("install_server")) and bool(values.get("server_requirement"))),
        ),
        "finish_parts": _on(
            ("project-note", bool(values.get("project_comment"))),
            ("project-install", bool(values.get("project_run"))),
            ("pkg-resources", bool(values.get("pkg_resources_requirement"))),
            ("listen-all", values.get("listen_all") is True and port),
            ("collectstatic", collectstatic),
            ("compileall", not collectstatic),
        ),
        "runtime_parts": _on(
            ("runtime-packages", not distroless and packages),
            ("app-user", not distroless),
            ("distroless-packages-note", distroless and packages),
            ("port-note", port),
        ),
        "init_parts": _on(("tini-copy", bool(values.get("init")))),
        "app_parts": _on(
            ("source", bool(values.get("copy_source"))),
            ("installed-package", not values.get("copy_source")),
            ("writable-paths", bool(values.get("writable_paths"))),
            ("app-dir", bool(values.get("app_dir"))),
            ("settings-env", django and values.get("settings_env") is True),
            ("whitenoise", django and static == "whitenoise"),
            ("unserved-static", django and static != "whitenoise" and collectstatic),
            ("user-nonroot" if distroless else "user-app", True),
            ("expose", port),
            ("start-note", bool(values.get("start_comment"))),
            ("entrypoint", bool(values.get("start_entrypoint"))),
            ("start-cmd", bool(values.get("start_cmd"))),
        ),
        "bake_parts": _on(("default-image", all(str(values.get(k, "")).split() for k in BAKE_KEYS))),
    }


def _on(*wanted: tuple[str, bool]) -> str:
    return " ".join(name for name, on in wanted if on)
