"""Round-3 Python shapes (issue 17): git-versioned builds and setuptools' declarative setup.cfg."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from scaffold.providers.python.layout import layout
from tests.conftest import write_tree

APP = "from flask import Flask\napp = Flask(__name__)\n"
SCM = "SETUPTOOLS_SCM_PRETEND_VERSION=0.0.0"


def _facts(tmp_path: Path, files: dict[str, str]) -> dict[str, object]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}


def _project(backend: str, extra: str = "") -> str:
    return (
        f'[build-system]\nrequires = [{backend}]\nbuild-backend = "x"\n\n'
        '[project]\nname = "svc"\ndynamic = ["version"]\ndependencies = ["flask"]\n' + extra
    )


@pytest.mark.parametrize(
    ("files", "env"),
    [
        ({"pyproject.toml": _project('"setuptools>=64", "setuptools-scm>=8"')}, SCM),
        ({"pyproject.toml": _project('"setuptools", "setuptools_scm[toml]>=5"')}, SCM),
        ({"pyproject.toml": _project('"hatchling", "hatch-vcs"')}, SCM),
        ({"pyproject.toml": _project('"setuptools"', "\n[tool.setuptools_scm]\n")}, SCM),
        (
            {"pyproject.toml": _project('"pdm-backend"', '\n[tool.pdm.version]\nsource = "scm"\n')},
            "PDM_BUILD_SCM_VERSION=0.0.0",
        ),
        (
            {"pyproject.toml": _project('"poetry-core", "poetry-dynamic-versioning>=1,<2"')},
            "POETRY_DYNAMIC_VERSIONING_BYPASS=0.0.0",
        ),
        ({"setup.py": "from setuptools import setup\nsetup(name='svc', use_scm_version=True)\n"}, SCM),
        (
            {
                "setup.py": "from setuptools import setup\nsetup()\n",
                "setup.cfg": "[metadata]\nname = svc\n\n[options]\nsetup_requires =\n    setuptools_scm\n",
            },
            SCM,
        ),
    ],
    ids=[
        "setuptools-scm",
        "setuptools_scm-extra",
        "hatch-vcs",
        "tool-table",
        "pdm-scm",
        "poetry-dyn",
        "setup-py",
        "setup-cfg",
    ],
)
def test_a_git_versioned_build_is_told_its_version(files: dict[str, str], env: str, tmp_path: Path) -> None:
    facts = _facts(tmp_path, {**files, "app.py": APP})
    assert facts["version_env"] == env
    # The build stage's environment carries it (the build context has no .git).
    assert env in str(layout({"installer": "pip", "version_env": env})["installer_env"]).split()


def test_a_static_version_sets_no_variable(tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        {"pyproject.toml": _project('"hatchling"').replace('dynamic = ["version"]', 'version = "1"'), "app.py": APP},
    )
    assert "version_env" not in facts
    assert (
        layout({"installer": "uv"})["installer_env"] == layout({"installer": "uv", "version_env": ""})["installer_env"]
    )


PYSCAFFOLD_CFG = """[metadata]
name = calc

[options]
python_requires = >=3.10
install_requires =
    click>=8  # the CLI
    importlib-metadata; python_version<"3.8"

[options.extras_require]
testing =
    pytest
    pytest-cov

[options.entry_points]
console_scripts =
    calc = calc.skeleton:run
"""


def test_setup_cfg_gives_the_script_dependencies_and_test_extra(tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        {
            "pyproject.toml": '[build-system]\nrequires = ["setuptools>=46.1.0", "setuptools_scm[toml]>=5"]\n'
            'build-backend = "setuptools.build_meta"\n',
            "setup.py": "from setuptools import setup\n\nif __name__ == '__main__':\n    setup(use_scm_version=True)\n",
            "setup.cfg": PYSCAFFOLD_CFG,
            "src/calc/__init__.py": "",
            "src/calc/skeleton.py": "def run():\n    print('hi')\n",
        },
    )
    assert (facts["entry_kind"], facts["entry"]) == ("script", "calc")
    assert facts["dev_extra"] == "testing"
    assert facts["app_name"] == "calc"


def test_a_broken_setup_cfg_is_named(tmp_path: Path) -> None:
    from scaffold.errors import InputError

    write_tree(tmp_path, {"setup.py": "from setuptools import setup\nsetup()\n", "setup.cfg": "no section here\n"})
    with pytest.raises(InputError, match=r"setup\.cfg"):
        PythonProvider().detect(ProjectDir(tmp_path))


PYRAMID_SETUP = (
    "from setuptools import setup\n"
    "setup(name='hello', packages=['hello'], install_requires=['pyramid', 'waitress'],\n"
    "      entry_points={'paste.app_factory': ['main = hello:main']})\n"
)


@pytest.mark.parametrize(
    ("inis", "chosen", "port"),
    [
        ({"development.ini": "listen = localhost:6543", "production.ini": "listen = *:6543"}, "production.ini", "6543"),
        ({"development.ini": "listen = localhost:7000"}, "development.ini", "7000"),
        ({"site.ini": "port = 8080"}, "site.ini", "8080"),
        ({"development.ini": ""}, "development.ini", "6543"),
    ],
)
def test_a_pastedeploy_app_is_served_by_gunicorn_paste_on_all_interfaces(
    inis: dict[str, str], chosen: str, port: str, tmp_path: Path
) -> None:
    files = {"setup.py": PYRAMID_SETUP, "hello/__init__.py": "def main(global_config, **settings):\n    pass\n"}
    for name, server in inis.items():
        files[name] = f"[app:main]\nuse = egg:hello\n\n[server:main]\nuse = egg:waitress#main\n{server}\n"
    facts = _facts(tmp_path, files)
    assert facts["entry_kind"] == "command"
    assert facts["entry"] == f'exec gunicorn --paste {chosen} --bind "0.0.0.0:$PORT"'
    assert facts["port"] == port
    assert facts["install_server"] is True  # gunicorn is not among the dependencies: the image installs it


def test_an_ini_without_an_app_section_is_no_entry(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {"tox.ini": "[tox]\nenvlist = py311\n", "app.py": APP, "requirements.txt": "flask\n"})
    assert facts["entry_kind"] == "gunicorn"


@pytest.mark.parametrize("entry", ["gunicorn app:app", "exec gunicorn app:app", "cd src && gunicorn app:app"])
def test_the_dev_stage_execs_a_command_entry_once(entry: str) -> None:
    from scaffold.providers.python.dev import dev_command

    command = dev_command({"entry_kind": "command", "entry": entry}, "")
    assert "exec exec" not in command
    assert command.rpartition("&&")[2].split()[0] == "exec"


CHERRY = "import cherrypy\n\nclass Root:\n    @cherrypy.expose\n    def index(self):\n        return 'hi'\n\n"


@pytest.mark.parametrize(
    ("main", "loopback"),
    [
        ("cherrypy.quickstart(Root())\n", True),
        ("cherrypy.config.update({'server.socket_host': '0.0.0.0'})\ncherrypy.quickstart(Root())\n", False),
    ],
)
def test_cherrypy_quickstart_is_a_server_on_8080_said_when_on_loopback(
    main: str, loopback: bool, tmp_path: Path
) -> None:
    write_tree(tmp_path, {"requirements.txt": "cherrypy\n", "app.py": CHERRY + main})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    facts = {f.key: f.value for f in found.facts}
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("file", "app.py", "8080")
    said = [n for n in found.notes if "127.0.0.1 only" in n]
    assert bool(said) is loopback
    if loopback:
        assert said[0].startswith("app.py:") and "quickstart()" in said[0] and "server.socket_host" in said[0]


def test_a_nicegui_script_is_a_server_on_its_default_port(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"requirements.txt": "nicegui\n", "main.py": "from nicegui import ui\n\nui.label('hi')\n\nui.run()\n"}
    )
    facts = {f.key: f.value for f in (PythonProvider().detect(ProjectDir(tmp_path)) or pytest.fail()).facts}
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("file", "main.py", "8080")
