"""Round-10 Python shapes (hunt 10): a Procfile that `cd`s into any folder, Sanic apps that call `app.run()`,
the server note of a project with no manifest, and the script a Streamlit image runs (for verify's script check)."""

from __future__ import annotations

from pathlib import Path

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from scaffold.verify.streamlit_script import script_of
from tests.conftest import write_tree


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


FLASK = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n"


def test_a_procfile_that_cds_into_any_folder_runs_from_there_and_may_write_it(tmp_path: Path) -> None:
    # `web: cd backend && gunicorn app:app` ran in /app/backend, which only /app's writable bit did not cover.
    files = {
        "backend/app.py": FLASK,
        "requirements.txt": "flask\ngunicorn\n",
        "Procfile": "web: cd ./backend/ && gunicorn app:app\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert facts["app_dir"] == "backend"
    assert facts["entry"] == "exec gunicorn app:app"
    assert "backend" in str(facts["writable_dirs"]).split()


def test_a_procfile_cd_into_a_missing_or_outside_folder_stays_in_the_command(tmp_path: Path) -> None:
    files = {"app.py": FLASK, "requirements.txt": "flask\ngunicorn\n", "Procfile": "web: cd ../x && gunicorn app:app\n"}
    facts, _ = _facts(tmp_path, files)
    assert "app_dir" not in facts
    assert facts["entry"] == "cd ../x && exec gunicorn app:app"


SANIC = (
    "import os\nfrom sanic import Sanic\nfrom sanic.response import text\n\napp = Sanic('App')\n\n"
    "@app.get('/')\nasync def index(request):\n    return text('hi')\n"
)


def test_a_sanic_app_that_calls_run_runs_under_sanics_own_server(tmp_path: Path) -> None:
    main = SANIC + "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 8000)))\n"
    facts, notes = _facts(tmp_path, {"server.py": main, "requirements.txt": "sanic==23.12.1\n"})
    assert facts["entry"] == 'exec python -m sanic server.app --host 0.0.0.0 --port "$PORT"'
    assert facts["install_server"] is False
    assert any("Sanic's own server" in n for n in notes)


def test_a_sanic_app_that_never_calls_run_stays_an_asgi_app(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"server.py": SANIC, "requirements.txt": "sanic\nuvicorn\n"})
    assert facts["entry_kind"] == "uvicorn"


def test_no_manifest_server_note_blames_no_dependency_list(tmp_path: Path) -> None:
    fastapi = "from fastapi import FastAPI\napp = FastAPI()\n"
    _, notes = _facts(tmp_path, {"main.py": fastapi})
    assert not any("not among the dependencies" in n for n in notes)
    assert any(n.startswith("uvicorn runs the app and the project has no dependency manifest") for n in notes)


def test_the_script_a_streamlit_image_runs_is_read_from_its_command() -> None:
    cmd = ["/bin/sh", "-c", 'exec streamlit run "pages/app.py" --server.port "$PORT"']
    assert script_of({"Entrypoint": ["/usr/bin/tini", "--"], "Cmd": cmd}) == "pages/app.py"
    assert script_of({"Cmd": ["/opt/venv/bin/streamlit", "run", "app.py"]}) == "app.py"
    assert script_of({"Cmd": ["/bin/sh", "-c", "exec gunicorn app:app"]}) == ""
    assert script_of(None) == ""


def test_django_whose_settings_module_only_an_env_example_names_gets_it_from_the_image(tmp_path: Path) -> None:
    # manage.py loads a git-ignored .env (python-dotenv) and sets no default: the image sets what .env.example says.
    manage = "import os\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\nfrom django.core.management import x\n"
    files = {
        "manage.py": manage,
        "config/__init__.py": "",
        "config/settings.py": "SECRET_KEY = 'x'\nWSGI_APPLICATION = 'config.wsgi.application'\n",
        "config/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = 0\n",
        "requirements.txt": "django\ngunicorn\npython-dotenv\n",
        ".env.example": "SECRET_KEY=change-me\nDJANGO_SETTINGS_MODULE='config.settings'  # dev\n",
    }
    facts, notes = _facts(tmp_path, files)
    assert facts["django_settings"] == "config.settings"
    assert facts["settings_env"] is True
    assert any(n.startswith(".env.example names DJANGO_SETTINGS_MODULE=config.settings") for n in notes)


def test_an_env_example_value_that_is_no_module_path_names_no_settings(tmp_path: Path) -> None:
    files = {
        "manage.py": "import os\n",
        "requirements.txt": "django\n",
        ".env.example": "DJANGO_SETTINGS_MODULE=$(rm -rf /)\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert "django_settings" not in facts or not facts["django_settings"]
