"""Round-4 Python shapes (issue 17, hunt 4): Bottle apps that call run() themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from scaffold.providers.python.dev import dev_command
from tests.conftest import write_tree


def _facts(tmp_path: Path, files: dict[str, str]) -> dict[str, object]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}


DEFAULT_APP = "from bottle import route, run\n\n@route('/')\ndef index():\n    return 'hi'\n\n"
NAMED_APP = "from bottle import Bottle, run\n\napp = Bottle()\n\n@app.route('/')\ndef index():\n    return 'hi'\n\n"
DOTTED = "import bottle\n\n@bottle.get('/')\ndef index():\n    return 'hi'\n\nbottle.run(port=8080)\n"


@pytest.mark.parametrize(
    ("source", "entry"),
    [
        # run() under __main__ on 127.0.0.1 (bottle's default host): gunicorn serves the default app instead.
        (DEFAULT_APP + "if __name__ == '__main__':\n    run(port=8080)\n", 'bottle:load_app("app")'),
        # run() at module level: load_app imports the module with run() turned off (no second server).
        (NAMED_APP + "run(app, host='localhost', port=8080)\n", 'bottle:load_app("app:app")'),
        (DOTTED, 'bottle:load_app("app")'),
    ],
    ids=["default-app-main", "named-app-module-run", "dotted-decorator"],
)
def test_a_bottle_app_is_served_by_gunicorn_through_load_app(source: str, entry: str, tmp_path: Path) -> None:
    facts = _facts(tmp_path, {"requirements.txt": "bottle\n", "app.py": source})
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("gunicorn", entry, "8080")


def test_a_route_decorator_from_another_library_is_no_bottle_app(tmp_path: Path) -> None:
    source = (
        "from mylib import route\n\n@route('/')\ndef index():\n    return 'hi'\n\n"
        "if __name__ == '__main__':\n    index()\n"
    )
    facts = _facts(tmp_path, {"requirements.txt": "mylib\n", "app.py": source})
    assert (facts["entry_kind"], facts["entry"]) == ("file", "app.py")


@pytest.mark.parametrize(
    ("framework", "entry", "quoted"),
    [
        ("Bottle", 'bottle:load_app("app")', "'bottle:load_app(\"app\")'"),
        ("Flask", "app:create_app()", "'app:create_app()'"),
        ("Falcon", "app:app", "app:app"),
    ],
)
def test_the_dev_stage_quotes_a_gunicorn_target_for_the_shell(framework: str, entry: str, quoted: str) -> None:
    command = dev_command({"entry_kind": "gunicorn", "entry": entry, "port": "8080"}, framework)
    assert command.endswith(f" {quoted}") if framework != "Flask" else f"--app {quoted} " in command


def test_a_project_that_is_only_a_celery_worker_runs_the_worker(tmp_path: Path) -> None:
    tasks = (
        "from celery import Celery\n\napp = Celery('tasks', broker='redis://localhost')\n\n"
        "@app.task\ndef add(x, y):\n    return x + y\n"
    )
    write_tree(tmp_path, {"requirements.txt": "celery[redis]\n", "tasks.py": tasks})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    facts = {f.key: f.value for f in found.facts}
    assert (facts["entry_kind"], facts["entry"]) == ("command", "exec celery -A tasks worker --loglevel=INFO")
    assert not facts.get("port")
    assert any("needs its broker" in n for n in found.notes)
    assert not any("no entry point found" in n for n in found.notes)


def test_a_script_beside_the_celery_module_stays_the_entry(tmp_path: Path) -> None:
    tasks = "from celery import Celery\napp = Celery('tasks')\n"
    main = "from tasks import app\n\nif __name__ == '__main__':\n    print(app)\n"
    facts = _facts(tmp_path, {"requirements.txt": "celery\n", "tasks.py": tasks, "main.py": main})
    assert (facts["entry_kind"], facts["entry"]) == ("file", "main.py")


@pytest.mark.parametrize("define", ['define("port", default=8000, type=int)', "define('port', 8000)"])
def test_a_tornado_port_option_is_the_port(define: str, tmp_path: Path) -> None:
    server = (
        "import tornado.web\nfrom tornado.options import define, options\n\n"
        f"{define}\n\nif __name__ == '__main__':\n    tornado.web.Application([]).listen(options.port)\n"
    )
    facts = _facts(tmp_path, {"requirements.txt": "tornado\n", "server.py": server})
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("file", "server.py", "8000")


SOCKETIO_APP = (
    "from flask import Flask\nfrom flask_socketio import SocketIO\n\n"
    "app = Flask(__name__)\nsocketio = SocketIO(app)\n\n"
    "if __name__ == '__main__':\n    socketio.run(app, host='0.0.0.0', port=5000)\n"
)


def test_a_flask_socketio_app_gets_one_gunicorn_worker_with_threads(tmp_path: Path) -> None:
    write_tree(tmp_path, {"requirements.txt": "Flask\nFlask-SocketIO==5.3.6\n", "app.py": SOCKETIO_APP})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    facts = {f.key: f.value for f in found.facts}
    assert facts["entry_kind"] == "command"
    entry = str(facts["entry"])
    assert entry.startswith('exec gunicorn --workers 1 --threads 100 --bind "0.0.0.0:$PORT"')
    assert entry.endswith(" app:app")
    assert (facts["port"], facts["install_server"]) == ("5000", True)


def test_a_plain_flask_app_keeps_the_gunicorn_entry(tmp_path: Path) -> None:
    app = "from flask import Flask\napp = Flask(__name__)\n"
    facts = _facts(tmp_path, {"requirements.txt": "flask\n", "app.py": app})
    assert (facts["entry_kind"], facts["entry"]) == ("gunicorn", "app:app")


def test_a_src_layout_that_is_never_installed_runs_from_src(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "fastapi\nuvicorn\n",
        "src/app/__init__.py": "",
        "src/app/main.py": "from fastapi import FastAPI\nfrom app.routes import router\napp = FastAPI()\n",
        "src/app/routes.py": "router = None\n",
    }
    facts = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts["app_dir"]) == ("uvicorn", "app.main:app", "src")


def test_an_installed_src_layout_runs_from_the_root(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        '[project]\nname = "svc"\nversion = "1"\ndependencies = ["starlette", "uvicorn"]\n',
        "src/svc/__init__.py": "",
        "src/svc/app.py": "from starlette.applications import Starlette\napp = Starlette()\n",
    }
    facts = _facts(tmp_path, files)
    assert (facts["entry"], facts.get("app_dir", "")) == ("svc.app:app", "")


GIT_APP = "from flask import Flask\napp = Flask(__name__)\n"


@pytest.mark.parametrize(
    "files",
    [
        {"requirements.txt": "flask\nhumanize @ git+https://example.invalid/humanize.git@4.9.0\n"},
        {"requirements.txt": "flask\n-e git+https://example.invalid/humanize.git#egg=humanize\n"},
        {
            "pyproject.toml": '[tool.poetry]\nname = "svc"\nversion = "1"\n\n[tool.poetry.dependencies]\n'
            'python = "^3.11"\nflask = "*"\nhumanize = { git = "https://example.invalid/humanize.git" }\n\n'
            '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n',
            "svc/__init__.py": "",
        },
        {"Pipfile": '[packages]\nflask = "*"\nhumanize = {git = "https://example.invalid/humanize.git"}\n'},
    ],
    ids=["pep508-url", "editable", "poetry-table", "pipfile"],
)
def test_a_requirement_from_git_gets_git_in_the_build_stage_only(files: dict[str, str], tmp_path: Path) -> None:
    write_tree(tmp_path, {**files, "app.py": GIT_APP})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    facts = {f.key: f.value for f in found.facts}
    assert facts["build_packages"] == "git"
    assert facts["runtime_packages"] == ""
    assert any("installs from a git repository" in n for n in found.notes)


def test_a_package_named_like_git_is_no_git_requirement(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {"requirements.txt": "flask\ngitpython\ngit-url-parse\n", "app.py": GIT_APP})
    assert "build_packages" not in facts


@pytest.mark.parametrize(
    ("requirement", "source", "command", "port"),
    [
        (
            "chainlit",
            "import chainlit as cl\n\n@cl.on_message\nasync def main(message):\n    await cl.Message('hi').send()\n",
            'exec chainlit run app.py --headless --host 0.0.0.0 --port "$PORT"',
            "8000",
        ),
        (
            "shiny",
            "from shiny import App, ui\n\napp_ui = ui.page_fluid('hi')\n\ndef server(i, o, s):\n    pass\n\n"
            "app = App(app_ui, server)\n",
            'exec shiny run app.py --host 0.0.0.0 --port "$PORT"',
            "8000",
        ),
        (
            "shiny",
            "from shiny.express import ui\n\nui.h1('hi')\n",
            'exec shiny run app.py --host 0.0.0.0 --port "$PORT"',
            "8000",
        ),
        (
            "solara",
            "import solara\n\n@solara.component\ndef Page():\n    solara.Text('hi')\n",
            'exec solara run app.py --production --host 0.0.0.0 --port "$PORT"',
            "8765",
        ),
    ],
    ids=["chainlit", "shiny-core", "shiny-express", "solara"],
)
def test_an_app_run_by_its_library_cli_binds_all_interfaces(
    requirement: str, source: str, command: str, port: str, tmp_path: Path
) -> None:
    facts = _facts(tmp_path, {"requirements.txt": f"{requirement}\n", "app.py": source})
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("command", command, port)


CONDA_ENV = """\
name: myenv
channels:
  - conda-forge
dependencies:
  - python=3.11
  - conda-forge::flask=3.0
  - numpy=1.26.4=py311h64a7726_0
  - pandas>=2
  - pytorch
  - libgcc-ng
  - pip
  - pip:
    - gunicorn >= 22
"""


def test_a_conda_environment_installs_with_pip_by_pypi_names(tmp_path: Path) -> None:
    facts = _facts(
        tmp_path, {"environment.yml": CONDA_ENV, "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    )
    assert (facts["installer"], facts["python_version"]) == ("conda", "3.11")
    assert facts["conda_requirements"] == "flask==3.0.* numpy==1.26.4 pandas>=2 torch gunicorn>=22"
    assert (facts["entry_kind"], facts["install_server"]) == ("gunicorn", False)


@pytest.mark.parametrize("bad", ["  - 42\n", "  - pip:\n    - -e .\n", "  - flask=={broken\n"])
def test_a_conda_entry_pip_cannot_read_is_refused_in_one_line(bad: str, tmp_path: Path) -> None:
    write_tree(tmp_path, {"environment.yml": "dependencies:\n" + bad, "app.py": ""})
    with pytest.raises(InputError) as err:
        PythonProvider().detect(ProjectDir(tmp_path))
    assert "\n" not in str(err.value) and "environment.yml" in str(err.value)
