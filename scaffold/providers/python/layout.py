"""How the Python build and test stages install dependencies, decided from the resolved options so the template
only reads them: each RUN's mounts, its commands and the requirements it installs.

Commands are written in a small form the template turns into a RUN line: words of letters, digits and
`_ . / : = , @ % - +`, commands joined by ` + ` (the template writes `&&` and a line break), and `+>` for a
redirect. Requirements (`poetry==2.5.1`, `.[dev]`, `httpx>=0.27`) are kept apart so the template quotes
each one. No value holds a quote, `$`, `;`, `&` or a newline, so the kinds in value_kinds.toml can say so.
"""

from __future__ import annotations

import re

from scaffold.models import Value
from scaffold.providers.python.start import START_KEYS, start

LAYOUT_KEYS = (
    "build_python",
    "installer_env",
    "pip_install",
    "venv_run",
    "tool_run",
    "tool_args",
    "deps_comment",
    "deps_mounts",
    "deps_run",
    "deps_args",
    "project_comment",
    "project_mounts",
    "project_run",
    "test_mounts",
    "test_run",
    "test_args",
    "writable_paths",
    "data_paths",
    "data_file_paths",
    *START_KEYS,
)
"""The values decided here: every one is recomputed from the options, whatever a layer said."""
AND = " + "
"""Joins two commands of one RUN (the template writes `&&`)."""
PIP_CACHE = "--mount=type=cache,target=/root/.cache/pip"
UV_MOUNTS = ("--mount=from=uv,source=/uv,target=/bin/uv", "--mount=type=cache,target=/root/.cache/uv")
PDM_CACHE = "--mount=type=cache,target=/root/.cache/pdm"
TOOLS = ("poetry", "pdm", "pipenv")
"""Installers that live in a venv of their own in the build stage."""
LINE = " | "
"""Separates the lines of a decided comment."""


def _bind(path: str) -> str:
    return f"--mount=type=bind,source={path},target=/app/{path}"


def _words(values: dict[str, Value], key: str) -> list[str]:
    return str(values.get(key, "")).split()


def layout(values: dict[str, Value]) -> dict[str, Value]:
    """The install steps for the template, from the option values they follow."""
    installer = str(values.get("installer", "none"))
    # The base interpreter by path: /opt/venv/bin comes first on PATH and that venv has no pip.
    py = "/usr/bin/python3" if values.get("runtime") == "distroless" else "/usr/local/bin/python3"
    pip = f"{py} -m pip --python /opt/venv/bin/python install"
    out: dict[str, Value] = {key: "" for key in LAYOUT_KEYS}
    out["build_python"] = py
    out["pip_install"] = pip
    # A git-versioned build learns its version from the environment (no .git in the build context).
    out["installer_env"] = " ".join(filter(None, [_env(installer, py), str(values.get("version_env") or "")]))
    if installer != "uv":
        out["venv_run"] = f"{py} -m venv --without-pip /opt/venv"
    if installer in TOOLS:
        out["tool_run"] = f"{py} -m venv /opt/{installer}{AND}/opt/{installer}/bin/pip install"
        out["tool_args"] = " ".join(_tool_requirements(installer, values))
    out.update(_deps(installer, values, py, pip))
    out.update(_project(installer, values, pip))
    out.update(_test(installer, values, pip))
    out["writable_paths"] = " ".join(_writable(values))
    distroless = values.get("runtime") == "distroless"  # no shell to chown with
    out["data_paths"] = "" if distroless else " ".join(f"/app/{d}" for d in _words(values, "data_dirs"))
    out["data_file_paths"] = "" if distroless else " ".join(f"/app/{f}" for f in _words(values, "data_files"))
    out.update(start(values))
    return out


def _writable(values: dict[str, Value]) -> list[str]:
    """The directories the app user may write in the final image (the distroless image has no shell to make them)."""
    if values.get("runtime") == "distroless":
        return []
    return ["/app" if d == "." else f"/app/{d}" for d in _words(values, "writable_dirs")]


def _env(installer: str, py: str) -> str:
    if installer == "uv":
        return (
            "UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never "
            f"UV_PYTHON={py} UV_PROJECT_ENVIRONMENT=/opt/venv"
        )
    return "PDM_CHECK_UPDATE=false" if installer == "pdm" else ""


def _tool_requirements(installer: str, values: dict[str, Value]) -> list[str]:
    if installer == "poetry":
        export = f"poetry-plugin-export=={values.get('poetry_export_version')}"
        return [f"poetry=={values.get('poetry_version')}", export]
    if installer == "pdm":
        return [f"pdm=={values.get('pdm_version')}", "hishel[httpx2]>=1.4,<2"]  # see the pdm comment
    return [f"pipenv=={values.get('pipenv_version')}"]


POETRY_LOCK = "/opt/poetry/bin/poetry lock"
_POETRY_DRIFT = "poetry.lock {} (pyproject.toml changed since `poetry lock`): Poetry locks again here."


def _poetry_stale(values: dict[str, Value]) -> bool:
    return values.get("lock_stale") is True or bool(values.get("lock_missing"))


def _poetry_drift(values: dict[str, Value]) -> str:
    missing = _words(values, "lock_missing")
    return _POETRY_DRIFT.format(f"lacks {', '.join(missing)}" if missing else "is out of date")


_DRIFT = "uv.lock lacks {} (added to pyproject.toml since `uv lock`): uv locks again here, after the locked set."


def _frozen(values: dict[str, Value]) -> str:
    """`--frozen` (install uv.lock as it is) once the sources are in, unless the lock lacks requirements:
    then uv locks again in the build (the lock copied in is a plain file it may rewrite)."""
    return "" if values.get("lock_missing") else " --frozen"


def _uv_flags(values: dict[str, Value]) -> str:
    return " --all-packages" if values.get("uv_all_packages") is True else ""


def _deps(installer: str, values: dict[str, Value], py: str, pip: str) -> dict[str, Value]:
    """The step that installs the dependencies from the manifests alone, before the sources are copied."""
    first = "Dependencies first, {}, so editing the code does not reinstall them."
    if installer == "uv":
        workspace = _words(values, "uv_workspace")
        member = "--no-install-workspace" if workspace else "--no-install-project"
        note = [first.format("from the lockfile alone")]
        if workspace:
            note.append("A uv workspace: each member's pyproject.toml is mounted too, and no member is installed yet.")
        mounts = [*UV_MOUNTS, _bind("uv.lock"), _bind("pyproject.toml"), *(_bind(f) for f in workspace)]
        run = f"uv venv --python {py} /opt/venv{AND}uv sync --frozen --no-dev{_uv_flags(values)} {member}"
        return {"deps_comment": LINE.join(note), "deps_mounts": " ".join(mounts), "deps_run": run}
    if installer == "requirements" and values.get("requirements_local") is not True:
        files = _words(values, "requirements_files") or ["requirements.txt"]
        return {
            "deps_comment": first.format("from the requirement files alone"),
            "deps_mounts": " ".join([PIP_CACHE, *(_bind(f) for f in files)]),
            "deps_run": f"{pip} -r {files[0]}",
        }
    if installer == "none" and _words(values, "import_requirements"):
        server = _words(values, "server_requirement") if values.get("install_server") is True else []
        named = {re.split(r"[\[=<>!~]", r)[0].lower() for r in server}
        # The server's pinned requirement stands in for an unpinned import of it (`import uvicorn`).
        imported = [r for r in _words(values, "import_requirements") if r.lower() not in named]
        with_server = f"; with the server ({server[0]})" if server else ""
        return {
            "deps_comment": f"No manifest: what the code imports, by PyPI name (read at init), unpinned{with_server}.",
            "deps_mounts": PIP_CACHE,
            "deps_run": pip,
            "deps_args": " ".join([*imported, *server]),
        }
    if installer == "conda":
        return {
            "deps_comment": "environment.yml's packages by their PyPI names, read at init (the images have no conda).",
            "deps_mounts": PIP_CACHE,
            "deps_run": pip,
            "deps_args": " ".join(_words(values, "conda_requirements")),
        }
    if installer == "poetry":
        export = "/opt/poetry/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt"
        install = f"{pip} --no-deps -r /tmp/requirements.txt"
        comment = "Poetry lives in the build stage only; it exports the locked main group for pip (no dev group)."
        if _poetry_stale(values):  # poetry export refuses a stale lock: lock from pyproject.toml instead
            return {
                "deps_comment": LINE.join([comment, _poetry_drift(values)]),
                "deps_mounts": " ".join([PIP_CACHE, _bind("pyproject.toml")]),
                "deps_run": f"{POETRY_LOCK}{AND}{export}{AND}{install}",
            }
        return {
            "deps_comment": comment,
            "deps_mounts": " ".join([PIP_CACHE, _bind("pyproject.toml"), _bind("poetry.lock")]),
            "deps_run": f"{export}{AND}{install}",
        }
    if installer == "pdm":
        return {
            "deps_comment": LINE.join(
                [
                    "PDM lives in the build stage only and installs the locked production dependencies into the venv",
                    "(pdm sync reads old locks too, which pdm export refuses). hishel 2 breaks this pdm release: "
                    "held below 2.",
                ]
            ),
            "deps_mounts": " ".join([PDM_CACHE, _bind("pyproject.toml"), _bind("pdm.lock")]),
            "deps_run": "/opt/pdm/bin/pdm sync --prod --no-self --no-editable",
        }
    if installer == "pipenv":
        return {
            "deps_comment": "Pipenv lives in the build stage only; it turns Pipfile.lock's default packages into pip "
            "requirements.",
            "deps_mounts": " ".join([PIP_CACHE, _bind("Pipfile"), _bind("Pipfile.lock")]),
            "deps_run": f"/opt/pipenv/bin/pipenv requirements +> /tmp/requirements.txt{AND}{pip} --no-deps -r "
            "/tmp/requirements.txt",
        }
    return {}  # pip and pipfile read their TOML with a script the template holds; the rest install after COPY


def _project(installer: str, values: dict[str, Value], pip: str) -> dict[str, Value]:
    """The step after `COPY . .`: what needs the sources (the project itself, or requirements naming it)."""
    if installer == "requirements" and values.get("requirements_local") is True:
        files = _words(values, "requirements_files") or ["requirements.txt"]
        comment = "The requirements name paths in the project (-e .), so they install once the sources are here."
        return {"project_comment": comment, "project_mounts": PIP_CACHE, "project_run": f"{pip} -r {files[0]}"}
    if installer == "setuppy":
        comment = LINE.join(
            [
                "The dependencies are declared by the build (setup.py code, or a package without a lockfile): "
                "they install",
                "with the project, resolved by pip.",
            ]
        )
        return {"project_comment": comment, "project_mounts": PIP_CACHE, "project_run": f"{pip} ."}
    if installer == "uv":
        run = f"uv sync{_frozen(values)} --no-dev{_uv_flags(values)} --no-editable"
        comments = [_DRIFT.format(", ".join(_words(values, "lock_missing")))] if values.get("lock_missing") else []
        if values.get("install_server") is True and values.get("server_requirement"):
            # uv sync removes what the lock does not name: it would remove the server installed just before.
            comments.append("--inexact keeps the server scaffold installed (the lock does not name it).")
            run += " --inexact"
        out: dict[str, Value] = {"project_mounts": " ".join(UV_MOUNTS), "project_run": run}
        return {**out, "project_comment": LINE.join(comments)} if comments else out
    if values.get("install_project") is True:
        comment = "The project itself, as a regular (not editable) install: its dependencies are already in place."
        return {"project_comment": comment, "project_mounts": PIP_CACHE, "project_run": f"{pip} --no-deps ."}
    return {}


def _test(installer: str, values: dict[str, Value], pip: str) -> dict[str, Value]:
    """The test stage's install: the dev dependencies, then the test packages the project lacks.

    Where the dev dependencies are a plain pip install, the test packages join it (one resolver run)."""
    tests = _words(values, "test_packages")
    dev_requirements = _words(values, "dev_requirements")
    dev_extra = str(values.get("dev_extra", ""))
    mounts, run, extra, plain_pip = PIP_CACHE, "", [], False
    if installer == "requirements" and dev_requirements:
        run, plain_pip = pip + "".join(f" -r {f}" for f in dev_requirements), True
    elif installer in ("pip", "setuppy") and dev_extra:
        run, extra, plain_pip = pip, [f".[{dev_extra}]"], True
    elif installer == "uv":
        mounts, run = " ".join(UV_MOUNTS), f"uv sync{_frozen(values)}{_uv_flags(values)} --no-editable"
    elif installer == "poetry":
        run = f"{POETRY_LOCK}{AND}" if _poetry_stale(values) else ""
        run += "/opt/poetry/bin/poetry export --all-groups --format requirements.txt --output /tmp/requirements-dev.txt"
        run += f"{AND}{pip} --no-deps -r /tmp/requirements-dev.txt"
    elif installer == "pdm":
        mounts, run = f"{PDM_CACHE} {PIP_CACHE}", "/opt/pdm/bin/pdm sync --group :all --no-self --no-editable"
    elif installer == "pipenv":
        run = f"/opt/pipenv/bin/pipenv requirements --dev +> /tmp/requirements-dev.txt{AND}{pip} --no-deps -r "
        run += "/tmp/requirements-dev.txt"
    elif tests:
        run, plain_pip = pip, True
    if not run:
        return {}
    if tests and not plain_pip:
        run += AND + pip  # after a --no-deps install or another tool: the test packages with their dependencies
    return {"test_mounts": mounts, "test_run": run, "test_args": " ".join([*extra, *tests])}
