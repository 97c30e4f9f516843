"""Which parts the Python Dockerfile template includes (templates/python/templates/<name>.Dockerfile).

The template reads as a Dockerfile: every choice between variants is made here, from the resolved options,
and handed over as lists of part names, in the order the parts appear:

- `stage_parts`: before the build stage: the distroless note, the uv and tini stages;
- `build_setup_parts`: the build stage's Debian packages (Debian's python3 for distroless, or headers);
- `deps_parts`: dependencies read from pyproject.toml or a Pipfile by pip, then the server the app runs under;
- `finish_parts`: the build's last steps: setuptools for pkg_resources, collectstatic, bytecode;
- `final_stage`: the final stage's part, by runtime (`slim` or `distroless`);
- `app_parts`: what the final stage adds after the venv: the source or a note, writable folders, the app's
  folder, how static files are served, the user it runs as.
"""

from __future__ import annotations

from scaffold.models import Value

PART_KEYS = ("stage_parts", "build_setup_parts", "deps_parts", "finish_parts", "final_stage", "app_parts")
"""The values decided here: recomputed from the options on every run, whatever a layer said."""


def parts(values: dict[str, Value]) -> dict[str, Value]:
    """Every value of PART_KEYS for these options."""
    distroless = values.get("runtime") == "distroless"
    installer = values.get("installer")
    collectstatic = bool(values.get("collectstatic"))
    django = bool(values.get("django_settings"))
    static = values.get("static_server")
    return {
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
            ("pyproject-deps", installer == "pip"),
            ("pipfile-deps", installer == "pipfile"),
            ("server", bool(values.get("install_server")) and bool(values.get("server_requirement"))),
        ),
        "finish_parts": _on(
            ("pkg-resources", bool(values.get("pkg_resources_requirement"))),
            ("collectstatic", collectstatic),
            ("compileall", not collectstatic),
        ),
        "final_stage": "distroless" if distroless else "slim",
        "app_parts": _on(
            ("source", bool(values.get("copy_source"))),
            ("installed-package", not values.get("copy_source")),
            ("writable-paths", bool(values.get("writable_paths"))),
            ("app-dir", bool(values.get("app_dir"))),
            ("whitenoise", django and static == "whitenoise"),
            ("unserved-static", django and static != "whitenoise" and collectstatic),
            ("user-nonroot" if distroless else "user-app", True),
        ),
    }


def _on(*wanted: tuple[str, bool]) -> str:
    return " ".join(name for name, on in wanted if on)
