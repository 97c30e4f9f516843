"""Round-7 Python shapes (hunt 7): a Django settings package that chooses dev/prod by an environment variable,
and verify naming every variable the served settings need when the app stops on the first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from scaffold.providers.python.django_select import selector
from scaffold.verify import diagnose
from tests.conftest import assert_lint_clean, run_cli, write_tree

MANAGE = (
    "import os, sys\n\ndef main():\n"
    '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n'
    "    from django.core.management import execute_from_command_line\n"
    "    execute_from_command_line(sys.argv)\n\nif __name__ == '__main__':\n    main()\n"
)
WSGI = (
    "import os\nfrom django.core.wsgi import get_wsgi_application\n"
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\napplication = get_wsgi_application()\n'
)
SELECT = (
    'import os\n\nENVIRONMENT = os.environ.get("DJANGO_ENV", "development")\n\n'
    'if ENVIRONMENT == "production":\n    from .production import *  # noqa\n'
    "else:\n    from .development import *  # noqa\n"
)
BASE = (
    "from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n"
    "ROOT_URLCONF = 'config.urls'\nWSGI_APPLICATION = 'config.wsgi.application'\nSTATIC_URL = 'static/'\n"
    "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}\n"
)
DEVELOPMENT = "from .base import *  # noqa\n\nDEBUG = True\nSECRET_KEY = 'dev'\nALLOWED_HOSTS = ['*']\n"
PRODUCTION = (
    "import os\n\nfrom .base import *  # noqa\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"
    "ALLOWED_HOSTS = os.environ['DJANGO_ALLOWED_HOSTS'].split(',')\n"
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.environ['POSTGRES_DB']}}\n"
)


def _project(select: str = SELECT) -> dict[str, str]:
    """`django-admin startproject config .` with settings split into base/development/production and an
    __init__.py that picks one by DJANGO_ENV (the shape of many tutorials' companion repos)."""
    return {
        "manage.py": MANAGE,
        "requirements.txt": "django\ngunicorn\nwhitenoise\npsycopg2-binary\n",
        "config/__init__.py": "",
        "config/wsgi.py": WSGI,
        "config/settings/__init__.py": select,
        "config/settings/base.py": BASE,
        "config/settings/development.py": DEVELOPMENT,
        "config/settings/production.py": PRODUCTION,
    }


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


def test_an_env_selected_settings_package_runs_production_and_needs_what_production_reads(tmp_path: Path) -> None:
    # Was: the image ran development's settings (DJANGO_ENV unset: DEBUG on, a dev key) and said it needed
    # production's variables; migrate ran on base.py's SQLite although production uses PostgreSQL.
    facts, notes = _facts(tmp_path, _project())
    assert facts["settings_select"] == "DJANGO_ENV=production"
    assert facts["required_env"] == "DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS POSTGRES_DB"
    assert str(facts["collectstatic_env"]).startswith("DJANGO_ENV=production DJANGO_SECRET_KEY=build-placeholder")
    assert facts["migrate_at_start"] is False
    assert any("chooses its settings by DJANGO_ENV" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "\nENV DJANGO_ENV=production\n" in dockerfile
    assert "RUN DJANGO_ENV=production DJANGO_SECRET_KEY=build-placeholder" in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_without_a_selector_nothing_is_set_and_every_module_is_read(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, _project(select="from .development import *  # noqa\n"))
    assert facts["settings_select"] == "" and facts["migrate_at_start"] is True


def test_selector_shapes() -> None:
    direct = (
        'import os\nif os.environ.get("APP_ENV") == "prod":\n    from .prod import *\nelse:\n    from .dev import *\n'
    )
    found = selector(direct)
    assert found is not None and (found.setting, found.module, found.others) == (
        "APP_ENV=prod",
        "prod",
        frozenset({"dev"}),
    )
    # decouple, an elif chain, `in` a tuple: its first value.
    chain = (
        'from decouple import config\nENV = config("ENVIRONMENT", default="local")\n'
        'if ENV == "local":\n    from .local import *\nelif ENV in ("production", "live"):\n'
        "    from .production import *\n"
    )
    found = selector(chain)
    assert found is not None and found.setting == "ENVIRONMENT=production" and found.others == frozenset({"local"})
    # production in the else branch, development chosen by the default "true": the image sets "false".
    debug = (
        'import os\nif os.getenv("DJANGO_DEBUG", "true").lower() == "true":\n    from .dev import *\n'
        "else:\n    from .production import *\n"
    )
    found = selector(debug)
    assert found is not None and found.setting == "DJANGO_DEBUG=false"
    # Its default already production: nothing to set, but development is still not what is served.
    default = 'import os\nE = os.environ.get("E", "production")\nif E == "production":\n    from .production import *\n'
    found = selector(default)
    assert found is not None and found.setting == "" and found.module == "production"
    # A value that is not a plain word never reaches the image.
    assert selector('import os\nif os.getenv("E") == "a b":\n    from .production import *\n') is None
    assert selector("if True:\n    from .production import *\n") is None
    assert selector("not python (") is None


KEY_ERROR = """\
  File "/app/config/settings/production.py", line 6, in <module>
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
  File "<frozen os>", line 717, in __getitem__
KeyError: 'DJANGO_SECRET_KEY'
"""


def test_verify_names_every_variable_the_served_settings_need_not_only_the_first(tmp_path: Path) -> None:
    write_tree(tmp_path, _project())
    found = diagnose.match("run", KEY_ERROR, "python", tmp_path)
    assert found is not None and found.id == "missing-environment-variable"
    assert found.cause == (
        "the app stops at start because the environment variable DJANGO_SECRET_KEY is not set "
        "(the settings also read DJANGO_ALLOWED_HOSTS POSTGRES_DB with no default: give them all)"
    )
    # Another language's project, or none: the one name the log gives.
    plain = diagnose.match("run", KEY_ERROR, "python", None)
    assert plain is not None and plain.cause.endswith("DJANGO_SECRET_KEY is not set")


GETENV_SETTINGS = (
    "import os\nfrom pathlib import Path\n\nfrom dotenv import load_dotenv\n\nload_dotenv()\n"
    "BASE_DIR = Path(__file__).resolve().parent.parent\nSECRET_KEY = os.getenv('SECRET_KEY')\n"
    "DEBUG = os.getenv('DEBUG') == 'True'\nALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS').split(',')\n"
    "EMAIL_PORT = int(os.environ.get('EMAIL_PORT'))\nROOT_URLCONF = 'blog.urls'\n"
    "WSGI_APPLICATION = 'blog.wsgi.application'\nSTATIC_URL = 'static/'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n"
)
NONE_SPLIT = """\
  File "/app/blog/settings.py", line 11, in <module>
    ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS').split(',')
AttributeError: 'NoneType' object has no attribute 'split'
"""


def test_settings_reading_getenv_with_no_default_build_and_verify_names_them(tmp_path: Path) -> None:
    # python-dotenv tutorials: `os.getenv("ALLOWED_HOSTS").split(",")` stopped collectstatic in the build
    # (AttributeError on None); `DEBUG = os.getenv("DEBUG") == "True"` needs nothing.
    files = {
        "manage.py": MANAGE.replace("config.settings", "blog.settings"),
        "requirements.txt": "django\npython-dotenv\ngunicorn\n",
        "blog/__init__.py": "",
        "blog/wsgi.py": WSGI.replace("config.settings", "blog.settings"),
        "blog/settings.py": GETENV_SETTINGS,
    }
    facts, _ = _facts(tmp_path, files)
    assert facts["collectstatic_env"] == "ALLOWED_HOSTS=build-placeholder EMAIL_PORT=0 SECRET_KEY=build-placeholder"
    assert facts["required_env"] == "ALLOWED_HOSTS EMAIL_PORT SECRET_KEY"
    found = diagnose.match("run", NONE_SPLIT, "python", tmp_path)
    assert found is not None and found.id == "environment-variable-none"
    assert "ALLOWED_HOSTS is not set" in found.cause
    assert found.cause.endswith("(the settings also read EMAIL_PORT SECRET_KEY with no default: give them all)")


def test_requirements_no_linux_image_installs_are_left_out_of_a_filtered_copy(tmp_path: Path) -> None:
    # Ubuntu's `pip freeze` (pkg-resources==0.0.0) and a Windows freeze (pywin32) failed the build, or were
    # refused at init; a marker keeps a line as it is (pip skips it on Linux).
    files = {
        "requirements.txt": "flask==3.0.3\npkg_resources==0.0.0\nPyWin32==306\n"
        'pywinpty==2.0.13; sys_platform == "win32"\n-r common.txt\n',
        "common.txt": "gunicorn\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    }
    facts, notes = _facts(tmp_path, files)
    assert facts["requirements_skip"] == "pkg-resources pywin32"
    assert any("the image installs a copy of the file without those lines" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert 'requirements.txt "pkg-resources" "pywin32" \\\n' in dockerfile
    assert "install -r /tmp/requirements.txt\n" in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")
    # The filter the image runs, run here on the same file: only the two lines go, the include is made absolute.
    script = dockerfile.split(' -c "', 1)[1].split('" requirements.txt', 1)[0]
    out = tmp_path / "filtered.txt"
    code = script.replace("/tmp/requirements.txt", str(out))
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "requirements.txt"), "pkg-resources", "pywin32"], check=True
    )
    assert out.read_text() == (
        f'flask==3.0.3\npywinpty==2.0.13; sys_platform == "win32"\n-r {tmp_path / "common.txt"}\n'
    )


def test_the_test_stage_gets_the_placeholders_the_settings_need(tmp_path: Path) -> None:
    # django-environ's `SECRET_KEY = env("SECRET_KEY")`: collectstatic had placeholders, but `python manage.py
    # test` in the test stage imported the settings without them and failed the build (KeyError).
    files = {
        "manage.py": MANAGE.replace("config.settings", "core.settings"),
        "requirements.txt": "django\ndjango-environ\ngunicorn\n",
        "core/__init__.py": "",
        "core/wsgi.py": WSGI.replace("config.settings", "core.settings"),
        "core/settings.py": "import environ\n\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY')\n"
        "ROOT_URLCONF = 'core.urls'\n",
        "api/__init__.py": "",
        "api/tests.py": "from django.test import TestCase\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert facts["test_env"] == "SECRET_KEY=build-placeholder"
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert (
        'RUN ["/usr/bin/env", "SECRET_KEY=build-placeholder", "/bin/bash", "-o", "pipefail", "-c", '
        '"python manage.py test"]'
    ) in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_an_uninstalled_src_package_importing_itself_as_src_runs_from_the_root(tmp_path: Path) -> None:
    # FastAPI repos run as `uvicorn src.main:app` (README): src/main.py does `from src.routers import items`.
    # Run from src/ as `main:app`, the import failed (No module named 'src'); with or without src/__init__.py.
    files = {
        "requirements.txt": "fastapi\nuvicorn\n",
        "src/main.py": "from fastapi import FastAPI\n\nfrom src.routers import items\n\napp = FastAPI()\n",
        "src/routers/__init__.py": "",
        "src/routers/items.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts.get("app_dir", "")) == ("uvicorn", "src.main:app", "")
    # Without such an import it still runs from src/ (`from routers import items` is a sibling import there).
    files["src/main.py"] = "from fastapi import FastAPI\n\nfrom routers import items\n\napp = FastAPI()\n"
    (tmp_path / "src/main.py").write_text(files["src/main.py"])
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry"], facts["app_dir"]) == ("main:app", "src")


def test_a_socket_servers_bind_names_its_port(tmp_path: Path) -> None:
    # A chat-server tutorial: `server.bind((HOST, PORT))` with PORT = 5555. No port was found, so verify ran it as a
    # job and failed it for running on (its log said 5555).
    server = (
        "import socket\n\nHOST = '0.0.0.0'\nPORT = 5555\n\nserver = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
        "server.bind((HOST, PORT))\nserver.listen()\n\nif __name__ == '__main__':\n    server.accept()\n"
    )
    client = "import socket\n\nclient = socket.socket()\nclient.connect(('127.0.0.1', 5555))\n"
    facts, _ = _facts(tmp_path, {"server.py": server, "client.py": client})
    assert (facts["entry"], facts["port"]) == ("server.py", "5555")


def test_a_host_and_port_given_in_place_are_found_and_a_loopback_one_is_moved(tmp_path: Path) -> None:
    # websockets' quickstart: `serve(echo, "localhost", 8765)`. No port was found (verify failed it for running
    # on), and the loopback host went unnoticed (the listen check would fail it next).
    server = (
        "import asyncio\n\nfrom websockets.asyncio.server import serve\n\n\nasync def echo(ws):\n"
        "    async for m in ws:\n        await ws.send(m)\n\n\nasync def main():\n"
        '    async with serve(echo, "localhost", 8765) as server:\n        await server.serve_forever()\n\n'
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    facts, notes = _facts(tmp_path, {"requirements.txt": "websockets\n", "server.py": server})
    assert (facts["entry"], facts["port"], facts["listen_all"]) == ("server.py", "8765", True)
    assert any("server.py:12 listens on localhost only" in n and "change it to '0.0.0.0'" in n for n in notes)
    # asyncio's start_server(handle, HOST, PORT) with constants, on all interfaces: the port, nothing moved.
    tcp = "import asyncio\n\nHOST = '0.0.0.0'\nPORT = 9000\n\nasyncio.start_server(handle, HOST, PORT)\n"
    (tmp_path / "server.py").write_text(tcp)
    facts, _ = _facts(tmp_path, {"requirements.txt": "websockets\n", "server.py": tcp})
    assert facts["port"] == "9000" and not facts.get("listen_all")


def test_the_standard_librarys_servers_on_localhost_are_moved(tmp_path: Path) -> None:
    # The http.server docs' shape with ("localhost", PORT): only the container itself could reach it.
    server = (
        "from http.server import HTTPServer, SimpleHTTPRequestHandler\n\nPORT = 8000\n\n"
        "if __name__ == '__main__':\n"
        "    HTTPServer(('localhost', PORT), SimpleHTTPRequestHandler).serve_forever()\n"
    )
    facts, notes = _facts(tmp_path, {"server.py": server})
    assert (facts["port"], facts["listen_all"]) == ("8000", True)
    assert any("server.py:6 listens on localhost only" in n for n in notes)


def test_a_committed_virtualenv_does_not_hide_the_project(tmp_path: Path) -> None:
    # Student repos commit their virtualenv (myenv/, env/): its thousands of files used up the walk's limit
    # before web/ was reached, and init found no app.
    files = {
        "requirements.txt": "flask\n",
        "web/app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
        "myenv/pyvenv.cfg": "home = /usr/bin\nversion = 3.8.10\n",
    }
    for i in range(2100):
        files[f"myenv/lib/python3.8/site-packages/pkg{i // 100}/m{i}.py"] = ""
    facts, _ = _facts(tmp_path, files)
    assert facts["entry"] == "web.app:app"
    # Nor does it enter the image: the build context leaves it out, like .venv and venv.
    assert facts["venv_dirs"] == "myenv"
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert "\nvenv\nmyenv\n" in (tmp_path / ".dockerignore").read_text()


def test_a_main_package_under_src_importing_itself_as_src_runs_as_src_pkg(tmp_path: Path) -> None:
    # `python -m src.bot` (README) with `from src.bot.handlers import start`: run from src/ as `-m bot` it failed.
    files = {
        "requirements.txt": "requests\n",
        "src/__init__.py": "",
        "src/bot/__init__.py": "",
        "src/bot/__main__.py": "from src.bot.handlers import start\n\nstart()\n",
        "src/bot/handlers.py": "def start() -> None:\n    print('started')\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts.get("app_dir", "")) == ("module", "src.bot", "")
    # Importing itself plainly (`from bot.handlers import start`), it still runs from src/ as `-m bot`.
    (tmp_path / "src/bot/__main__.py").write_text("from bot.handlers import start\n\nstart()\n")
    facts, _ = _facts(tmp_path, {})
    assert (facts["entry"], facts["app_dir"]) == ("bot", "src")
