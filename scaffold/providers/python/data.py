"""The Python provider's data: which Python versions have images, and what native packages need.

Both live in the Python catalogue (scaffold/catalogue/python.toml) so a team extends them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from scaffold import catalogue
from scaffold.errors import UsageError
from scaffold.providers.python.source import Framework

IMAGES_ENV = "SCAFFOLD_PYTHON_IMAGES"
"""`version=debian` pairs, comma-separated: the python images a registry carries (replaces the data file's)."""


@dataclass(frozen=True)
class NativeNeeds:
    """What one package that builds from source needs from Debian."""

    compile: bool
    build: tuple[str, ...]
    run: tuple[str, ...]
    note: str = ""
    """What init says beside the packages (a build that needs much memory)."""


def _data() -> dict[str, Any]:
    return catalogue.load("python")


def image_versions() -> dict[str, str]:
    """Python minor version → Debian release of its slim image, oldest first (the environment, else the data file).

    The pairs are read by the catalogue (its one reader of $SCAFFOLD_PYTHON_IMAGES); their grammar is checked here.
    """
    versions = catalogue.image_versions("python")
    for version, debian in versions.items():
        shown = f"{version}={debian}" if debian else version
        try:
            Version(version)
        except InvalidVersion:
            raise UsageError(f"{IMAGES_ENV}: {shown!r}: expected <python minor>=<debian release>") from None
        if not debian or version.count(".") != 1:
            raise UsageError(f"{IMAGES_ENV}: {shown!r}: expected <python minor>=<debian release>, e.g. 3.12=bookworm")
    return dict(sorted(versions.items(), key=lambda kv: Version(kv[0])))


def compiler_packages() -> tuple[str, ...]:
    return tuple(_data()["compiler"]["build"])


def native_table() -> dict[str, NativeNeeds]:
    """Normalized distribution name → its Debian build and run-time packages."""
    return {
        name: NativeNeeds(
            bool(entry.get("compile", True)), tuple(entry["build"]), tuple(entry["run"]), str(entry.get("note", ""))
        )
        for name, entry in _data()["native"].items()
    }


def frameworks() -> tuple[Framework, ...]:
    """The web frameworks scaffold recognises in source code, in the catalogue's order."""
    return tuple(
        Framework(
            name,
            str(entry["module"]),
            tuple(entry["constructors"]),
            str(entry["server"]),
            bool(entry.get("writes_workdir", False)),
            str(entry.get("attribute", "")),
            str(entry.get("loader", "")),
            tuple(entry.get("decorators", ())),
            str(entry.get("own_server", "")),
        )
        for name, entry in _data()["frameworks"].items()
    )


def frozen_default() -> str:
    """The Python version for projects that pin exact dependency versions and name no Python."""
    return str(_data().get("defaults", {}).get("frozen_pins", ""))


def wheel_firsts() -> dict[str, dict[str, str]]:
    """Package → {Python → the release from which it has Linux wheels for that Python} (scripts/wheel_windows.py)."""
    return {
        str(name): {str(py): str(first) for py, first in by_python.items()}
        for name, by_python in _data().get("wheels", {}).items()
    }


@dataclass(frozen=True)
class Launcher:
    """A library whose apps start with its own command (Streamlit, Gradio)."""

    module: str
    command: str
    port: str
    marker: str = ""
    """Text the script must also contain (Bokeh's `curdoc(`: a plain bokeh script only writes an HTML file)."""
    config: str = ""
    """The launcher's own TOML config file in the project (`.streamlit/config.toml`)."""
    config_port: str = ""
    """The dotted key of that file that sets the port (`server.port`)."""


def launchers(table: str = "launchers") -> tuple[Launcher, ...]:
    """The catalogue's [launchers] (or another table of the same shape: [script_runs])."""
    return tuple(
        Launcher(
            str(e["module"]),
            str(e["command"]),
            str(e["port"]),
            str(e.get("marker", "")),
            str(e.get("config", "")),
            str(e.get("config_port", "")),
        )
        for e in _data().get(table, {}).values()
    )


@dataclass(frozen=True)
class Site:
    """A static site generator: a project that is only its config file and content is built and served."""

    config: str
    requires: tuple[str, ...]
    command: str
    port: str


def sites() -> tuple[Site, ...]:
    """The catalogue's [sites]: generators whose projects have no app of their own (MkDocs)."""
    return tuple(
        Site(str(e["config"]), tuple(str(r) for r in e["requires"]), str(e["command"]), str(e["port"]))
        for e in _data().get("sites", {}).values()
    )


@dataclass(frozen=True)
class Crawler:
    """A crawler framework's project: its config file, the folder its spiders live in, the command that runs one."""

    config: str
    requires: tuple[str, ...]
    folder: str
    command: str


def crawlers() -> tuple[Crawler, ...]:
    """The catalogue's [crawlers] (Scrapy)."""
    return tuple(
        Crawler(str(e["config"]), tuple(str(r) for r in e["requires"]), str(e["folder"]), str(e["command"]))
        for e in _data().get("crawlers", {}).values()
    )


def not_on_pypi() -> frozenset[str]:
    """Names `pip freeze` lists that are no distribution on PyPI (Debian's pkg-resources==0.0.0)."""
    return frozenset(str(n) for n in _data().get("not_on_pypi", {}).get("packages", []))


def windows_only() -> frozenset[str]:
    """Normalized names of distributions that install on Windows only."""
    return frozenset(str(n) for n in _data().get("windows_only", {}).get("packages", []))


def server_requirements() -> dict[str, str]:
    """Server command → the requirement that installs it."""
    return {str(k): str(v) for k, v in _data()["servers"].items()}


def extras_provide() -> dict[str, tuple[str, ...]]:
    """`name[extra]` → the normalized names of the distributions that extra pulls in (catalogue [extras_provide])."""
    return {str(k): tuple(str(n) for n in v) for k, v in _data().get("extras_provide", {}).items()}


def import_distributions() -> dict[str, str]:
    """Top-level module → the PyPI distribution that provides it (catalogue [imports]), for projects with no
    manifest."""
    return {str(k): str(v) for k, v in _data().get("imports", {}).items()}


def script_server_ports() -> dict[str, str]:
    """Server-starting call (`run_app`) → the port it listens on when given none."""
    return {str(k): str(v) for k, v in _data().get("script_servers", {}).items()}


def pkg_resources_requirement() -> str:
    """The setuptools release installed when an installed package imports pkg_resources."""
    return str(_data().get("pkg_resources", {}).get("requirement", ""))


def vcs_version() -> tuple[str, dict[str, str]]:
    """The version a git-versioned build is told, and each backend's (normalized name) environment variable."""
    table = _data().get("vcs_version", {})
    return str(table.get("version", "0.0.0")), {str(k): str(v) for k, v in table.get("env", {}).items()}


def loopback_defaults() -> dict[str, tuple[str, str]]:
    """Server-starting call → (text that shows the code sets its host, the one-line fix) for calls that listen
    on 127.0.0.1 by default."""
    table = _data().get("loopback_defaults", {})
    return {str(k): (str(v.get("unless", "")), str(v["fix"])) for k, v in table.items()}


def gunicorn_args() -> dict[str, str]:
    """Dependency → the gunicorn options its apps need beyond the defaults (Flask-SocketIO: threads)."""
    return {str(k): str(v) for k, v in _data().get("gunicorn_args", {}).items()}


@dataclass(frozen=True)
class Notebook:
    """A notebook server that serves a project of notebooks (Voila)."""

    name: str
    requires: tuple[str, ...]
    command: str
    port: str
    kernels: tuple[str, ...] = ()


def notebooks() -> tuple[Notebook, ...]:
    """The catalogue's [notebooks]."""
    return tuple(
        Notebook(name, tuple(e["requires"]), str(e["command"]), str(e["port"]), tuple(e.get("kernels", ())))
        for name, e in _data().get("notebooks", {}).items()
    )


def refusals() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """The catalogue's [refusals]: (config file, dependencies, reason) of apps init refuses."""
    return tuple(
        (str(e["config"]), tuple(e["requires"]), str(e["reason"])) for e in _data().get("refusals", {}).values()
    )


def pypi_mirrors() -> frozenset[str]:
    """Hosts of public PyPI mirrors a requirements file's -i/--index-url line may be left out for."""
    return frozenset(str(h) for h in _data().get("pypi_mirrors", {}).get("hosts", ()))


def assets_image() -> str:
    """The Node image template ({node_major}) of the stage that builds a Python app's front-end assets."""
    return str(_data().get("assets", {}).get("image", ""))


def asset_dirs() -> tuple[str, ...]:
    """Front-end folders whose package.json may build a Python app's assets into its tree (`frontend/`)."""
    return tuple(str(d) for d in _data().get("assets", {}).get("dirs", ()))


def asgi_servers() -> dict[str, str]:
    """ASGI server a project may list instead of uvicorn → the command that serves `{target}` with it."""
    return {str(k): str(v) for k, v in _data().get("asgi_servers", {}).items()}


def git_build_packages() -> tuple[str, ...]:
    """The Debian packages the build stage needs to install requirements from git repositories."""
    return tuple(_data().get("git_requirements", {}).get("build", ()))


def conda_names() -> tuple[frozenset[str], dict[str, str]]:
    """conda packages pip skips (the interpreter, its tools, system libraries) and conda names renamed on PyPI."""
    table = _data().get("conda", {})
    return frozenset(table.get("skip", ())), {str(k): str(v) for k, v in table.get("renames", {}).items()}


def env_example_files() -> tuple[str, ...]:
    """The names of the files that list what a .env must set (`.env.example`), first found wins."""
    return tuple(_data()["env_examples"]["files"])
