"""The Python provider, table-driven over small project trees written to tmp_path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scaffold.errors import InputError, UsageError
from scaffold.models import Value
from scaffold.project import ProjectDir
from scaffold.providers.python.data import IMAGES_ENV, image_versions
from scaffold.providers.python.detect import PythonProvider
from scaffold.providers.python.manifest import Constraint, poetry_constraint
from scaffold.providers.python.version import satisfies
from tests.conftest import write_tree

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(port=5050)\n"
FASTAPI_APP = "from fastapi import FastAPI\n\napi = FastAPI()\n"
UV_PYPROJECT = (
    '[project]\nname = "svc"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["fastapi", "uvicorn"]\n'
)


UV_WORKSPACE_LOCK = """version = 1
requires-python = ">=3.11"

[[package]]
name = "shop"
version = "1"
source = { virtual = "." }
dependencies = [{ name = "store" }]

[package.dev-dependencies]
dev = [{ name = "pycairo" }]

[[package]]
name = "store"
version = "1"
source = { editable = "packages/store" }
dependencies = [{ name = "psycopg2" }]

[[package]]
name = "psycopg2"
version = "2.9.13"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://x/psycopg2-2.9.13-cp311-cp311-win_amd64.whl" }]

[[package]]
name = "pycairo"
version = "1"
source = { registry = "https://pypi.org/simple" }
"""
PDM_OLD_LOCK = """[metadata]
groups = ["default"]

[[metadata.targets]]
requires_python = ">=3.9"

[[package]]
name = "numpy"
version = "1.24.4"
requires_python = ">=3.8"
groups = ["default"]
files = [
    {file = "numpy-1.24.4-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"},
    {file = "numpy-1.24.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"},
    {file = "numpy-1.24.4-cp311-cp311-win_amd64.whl"},
    {file = "numpy-1.24.4.tar.gz"},
]
"""


@dataclass(frozen=True)
class Row:
    name: str
    files: dict[str, str | bytes]
    facts: dict[str, Value] = field(default_factory=dict)
    evidence: tuple[str, ...] | None = None
    notes: tuple[str, ...] = ()
    """Substrings that must appear in some note."""


ROWS = [
    Row(
        "flask requirements with an include and a dev file",
        {
            "app.py": FLASK_APP,
            "requirements.txt": "-r base.txt\ngunicorn==23.0.0  # the server\n",
            "base.txt": "flask>=3 \\\n    --hash=sha256:abc\n",
            "requirements-dev.txt": "-r requirements.txt\npytest\n",
            "tests/test_app.py": "",
            ".python-version": "3.11.9\n",
        },
        {
            "installer": "requirements",
            "requirements_files": "requirements.txt base.txt",
            "dev_requirements": "requirements-dev.txt",
            "entry_kind": "gunicorn",
            "entry": "app:app",
            "port": "5050",
            "python_version": "3.11",
            "debian": "bookworm",
            "install_server": False,
            "test_command": "python -m pytest",
            "test_packages": "",
        },
        evidence=("requirements.txt",),
    ),
    Row(
        "fastapi with uv.lock, src-less package, missing nothing",
        {"pyproject.toml": UV_PYPROJECT, "uv.lock": "version = 1\n", "svc/main.py": FASTAPI_APP},
        {
            "installer": "uv",
            "entry_kind": "uvicorn",
            "entry": "svc.main:api",
            "port": "8000",
            "app_name": "svc",
            "python_version": "3.13",
            "framework": "FastAPI",
        },
        evidence=("pyproject.toml", "uv.lock"),
    ),
    Row(
        "requires-python 3.12 only: nearest image and a clear note",
        {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = "==3.12.*"\n', "main.py": ""},
        {"python_version": "3.13", "installer": "pip", "entry_kind": "file", "entry": "main.py", "port": ""},
        notes=("no Python version with an image here satisfies",),
    ),
    Row(
        ".python-version 3.12: nearest allowed by requires-python",
        {
            "pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = "<3.13"\n',
            ".python-version": "3.12\n",
            "main.py": "",
        },
        {"python_version": "3.11"},
        notes=("asks for Python 3.12, which has no image here", "--set python_version=3.12"),
    ),
    Row(
        "poetry with ^3.11, a Procfile with $PORT and no gunicorn dependency",
        {
            "pyproject.toml": '[tool.poetry]\nname = "Quotes_App"\nversion = "1"\n[tool.poetry.dependencies]\n'
            'python = "^3.11"\nfalcon = "*"\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n'
            '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n',
            "poetry.lock": "[metadata]\n",
            "Procfile": "release: ./migrate\nweb: gunicorn quotes.app:app --bind 0.0.0.0:$PORT\n",
            "tests/test_x.py": "",
        },
        {
            "installer": "poetry",
            "entry_kind": "command",
            "entry": "exec gunicorn quotes.app:app --bind 0.0.0.0:$PORT",
            "install_server": True,
            "init": False,
            "install_project": False,
            "app_name": "quotes_app",
            "python_version": "3.13",
        },
        notes=(
            "gunicorn runs the app but is not among the dependencies",
            "Procfile's $VARIABLES are expanded",
            "has no package quotes_app/ to install: the image installs its dependencies only",
        ),
    ),
    Row(
        "pdm with a src layout starlette app and a __main__ port",
        {
            "pyproject.toml": '[project]\nname = "p"\nversion = "1"\ndependencies = ["starlette"]\n'
            '[build-system]\nrequires = ["pdm-backend"]\nbuild-backend = "pdm.backend"\n',
            "pdm.lock": "[metadata]\n",
            "src/p/app.py": "from starlette.applications import Starlette\napp = Starlette()\n",
            "src/p/__main__.py": "import uvicorn\nuvicorn.run('p.app:app', host='0.0.0.0', port=8004)\n",
        },
        {"installer": "pdm", "entry_kind": "uvicorn", "entry": "p.app:app", "port": "8004", "install_server": True},
    ),
    Row(
        "pipenv lock, python from Pipfile",
        {
            "Pipfile": '[packages]\nflask = "*"\n[requires]\npython_version = "3.11"\n',
            "Pipfile.lock": "{}",
            "app.py": FLASK_APP,
        },
        {"installer": "pipenv", "python_version": "3.11", "entry_kind": "gunicorn", "install_server": True},
        evidence=("Pipfile", "Pipfile.lock"),
    ),
    Row(
        "django with an ASGI-only app and STATIC_ROOT",
        {
            "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
            "mysite/settings.py": "ASGI_APPLICATION = 'mysite.asgi.application'\nSTATIC_ROOT = BASE_DIR / 's'\n",
            "requirements.txt": "django\nuvicorn[standard]\n",
        },
        {
            "entry_kind": "uvicorn",
            "entry": "mysite.asgi:application",
            "port": "8000",
            "collectstatic": True,
            "django_settings": "mysite.settings",
            "install_server": False,
            "framework": "Django",
        },
    ),
    Row(
        "django wsgi, gunicorn.conf.py port, tests via manage.py",
        {
            "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cfg.settings")\n',
            "cfg/settings.py": "WSGI_APPLICATION = 'cfg.wsgi.application'\n",
            "gunicorn.conf.py": "bind = ['0.0.0.0:9000']\n",
            "requirements.txt": "django\n",
            "tests/__init__.py": "",
        },
        {
            "entry_kind": "gunicorn",
            "entry": "cfg.wsgi:application",
            "port": "9000",
            "collectstatic": False,
            "install_server": True,
            "test_command": "python manage.py test",
        },
    ),
    Row(
        "an empty tests/ (poetry new makes one) is no tests: pytest would collect nothing and exit 5",
        {"main.py": "print('hi')\n", "requirements.txt": "rich\n", "tests/__init__.py": ""},
        {"test_command": "python -m compileall -q ."},
    ),
    Row(
        "tests in a nested folder of tests/ are found",
        {"main.py": "print('hi')\n", "requirements.txt": "pytest\n", "tests/unit/test_main.py": ""},
        {"test_command": "python -m pytest"},
    ),
    Row(
        "console script CLI from [project.scripts], tests but no pytest",
        {
            "pyproject.toml": '[project]\nname = "tool"\nversion = "1"\n[project.scripts]\nhelper = "a:b"\n'
            'tool = "tool.cli:main"\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
            "tests/test_cli.py": "",
        },
        {
            "installer": "pip",
            "entry_kind": "script",
            "entry": "tool",
            "port": "",
            "install_project": True,
            "test_packages": "pytest>=8",
        },
        notes=("pytest is not a dev dependency",),
    ),
    Row(
        "setup.py with a C extension and psycopg2: compiler and libpq",
        {
            "setup.py": "from setuptools import Extension, setup\n"
            "setup(name='fast', install_requires=['psycopg2>=2.9'],"
            " ext_modules=[Extension('fast._c', ['fast/_c.c'])], python_requires='>=3.11')\n",
            "fast/__init__.py": "",
            "fast/__main__.py": "print('hi')\n",
        },
        {
            "installer": "setuppy",
            "entry_kind": "module",
            "entry": "fast",
            "runtime_packages": "libpq5",
            "build_packages": "gcc libc6-dev libpq-dev",
            "test_command": "python -m compileall -q .",
            "install_project": True,
            "copy_source": False,
        },
    ),
    Row(
        "psycopg 3 needs only libpq at run time, no compiler",
        {"requirements.txt": "psycopg>=3\n", "main.py": ""},
        {"build_packages": "", "runtime_packages": "libpq5"},
    ),
    Row(
        "FastHTML: the app comes first from fast_app(), imported with *",
        {
            "requirements.txt": "python-fasthtml\n",
            "main.py": "from fasthtml.common import *\napp, rt = fast_app()\nserve()\n",
        },
        {"entry_kind": "uvicorn", "entry": "main:app", "framework": "FastHTML", "init": False},
    ),
    Row(
        "Litestar app in a package, uvicorn.run under __main__ names the port",
        {
            "requirements.txt": "litestar\nuvicorn\n",
            "api/server.py": "import uvicorn\nfrom litestar import Litestar\n\nservice = Litestar([])\n\n"
            "if __name__ == '__main__':\n    uvicorn.run(service, host='0.0.0.0', port=8123)\n",
        },
        {"entry_kind": "uvicorn", "entry": "api.server:service", "framework": "Litestar", "port": "8123"},
    ),
    Row(
        "Quart and Sanic are ASGI apps: uvicorn",
        {"requirements.txt": "quart\n", "web.py": "import quart\napp = quart.Quart(__name__)\n"},
        {"entry_kind": "uvicorn", "entry": "web:app", "framework": "Quart", "install_server": True},
    ),
    Row(
        "Flask app factory: gunicorn calls create_app()",
        {
            "requirements.txt": "flask\ngunicorn\n",
            "app/__init__.py": "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n",
        },
        {"entry_kind": "gunicorn", "entry": "app:create_app()", "framework": "Flask"},
    ),
    Row(
        "a name imported from elsewhere is not a framework (no false positive on App())",
        {"requirements.txt": "mylib\n", "bot.py": "from mylib import App\napp = App()\n"},
        {"entry_kind": "file", "entry": "bot.py", "init": True},
    ),
    Row(
        "a single script with another name and a __main__ block runs behind tini",
        {
            "requirements.txt": "discord.py\n",
            "bot.py": "import discord\n\nif __name__ == '__main__':\n    print('run')\n",
            "helpers.py": "X = 1\n",
        },
        {"entry_kind": "file", "entry": "bot.py", "init": True, "port": ""},
    ),
    Row(
        "Procfile with only a worker: no port, tini, a shell that execs it",
        {"requirements.txt": "celery\n", "Procfile": "worker: celery -A tasks worker --loglevel=$LOG_LEVEL\n"},
        {
            "entry_kind": "command",
            "entry": "exec celery -A tasks worker --loglevel=$LOG_LEVEL",
            "port": "",
            "init": True,
        },
        notes=("no web process", "$VARIABLES are expanded"),
    ),
    Row(
        "Procfile uvicorn without host or port, after cd and an assignment",
        {"requirements.txt": "fastapi\nuvicorn\n", "Procfile": "web: cd src && WEB_CONCURRENCY=2 uvicorn main:app\n"},
        {
            "entry_kind": "command",
            "entry": 'cd src && WEB_CONCURRENCY=2 exec uvicorn main:app --host 0.0.0.0 --port "$PORT"',
            "init": False,
            "port": "8000",
        },
    ),
    Row(
        "poetry package-mode = false: dependencies only",
        {
            "pyproject.toml": '[tool.poetry]\nname = "svc"\npackage-mode = false\n[tool.poetry.dependencies]\n'
            'python = "^3.11"\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n',
            "poetry.lock": "",
            "svc/__init__.py": "",
            "main.py": "",
        },
        {"installer": "poetry", "install_project": False, "copy_source": True},
    ),
    Row(
        "uv with .python-version 3.12 and a 3.13 image: uv uses the image's interpreter",
        {"pyproject.toml": UV_PYPROJECT, "uv.lock": "version = 1\n", ".python-version": "3.12\n", "main.py": ""},
        {"installer": "uv", "python_version": "3.13"},
        notes=("pins Python 3.12 but the image has 3.13: uv uses the image's interpreter",),
    ),
    Row(
        "run-time system libraries: pdf2image, pydub, headless OpenCV, each named in a note",
        {"requirements.txt": "pdf2image\npydub\nopencv-python-headless\n", "main.py": ""},
        {"build_packages": "", "runtime_packages": "libglib2.0-0 poppler-utils ffmpeg"},
        notes=(
            "pdf2image needs poppler-utils in the final image",
            "pydub needs ffmpeg in the final image",
            "opencv-python-headless needs libglib2.0-0 in the final image",
        ),
    ),
    Row(
        "mysqlclient: headers and a compiler to build, libmariadb3 to run",
        {"requirements.txt": "mysqlclient\n", "main.py": ""},
        {"build_packages": "gcc libc6-dev default-libmysqlclient-dev pkg-config", "runtime_packages": "libmariadb3"},
        notes=("mysqlclient needs libmariadb3 in the final image and default-libmysqlclient-dev pkg-config",),
    ),
    Row(
        "Django startproject with SQLite and MEDIA_ROOT: writable dirs; WhiteNoise serves static files",
        {
            "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
            "mysite/settings.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n"
            "STATIC_ROOT = BASE_DIR / 'staticfiles'\nMEDIA_ROOT = BASE_DIR / 'uploads'\n",
            "requirements.txt": "django\ngunicorn\nwhitenoise\n",
        },
        {"writable_dirs": ". uploads", "static_server": "whitenoise", "collectstatic": True},
        notes=("Django writes under /app",),
    ),
    Row(
        "requirements with -e . install after the sources are copied",
        {"requirements.txt": "flask\n-e .\n", "setup.py": "from setuptools import setup\nsetup(name='x')\n"},
        {"installer": "requirements", "requirements_local": True},
        notes=("install after the sources are copied",),
    ),
    Row(
        "exact pins and no Python named: the catalogue's well-supported version, not the newest",
        {"requirements.txt": "numpy==1.26.4\nflask>=3\n", "main.py": ""},
        {"python_version": "3.11"},
        notes=("the requirements pin exact versions: using 3.11",),
    ),
    Row(
        "ranges only and no Python named: the newest",
        {"requirements.txt": "numpy>=1.26\n", "main.py": ""},
        {"python_version": "3.13"},
    ),
    Row(
        "uv workspace with a virtual root: every member's manifest, all packages",
        {
            "pyproject.toml": '[tool.uv.workspace]\nmembers = ["apps/*", "libs/*"]\nexclude = ["libs/old"]\n',
            "uv.lock": "version = 1\n",
            "apps/api/pyproject.toml": '[project]\nname = "api"\nversion = "1"\n',
            "libs/core/pyproject.toml": '[project]\nname = "core"\nversion = "1"\n',
            "libs/old/pyproject.toml": '[project]\nname = "old"\nversion = "1"\n',
            "libs/notes/README.md": "",
            "apps/api/src/api/main.py": FASTAPI_APP,
        },
        {
            "installer": "uv",
            "uv_workspace": "apps/api/pyproject.toml libs/core/pyproject.toml",
            "uv_all_packages": True,
            "entry": "api.main:api",
        },
    ),
    Row(
        "Streamlit: `streamlit run` on all interfaces and $PORT, behind tini",
        {"requirements.txt": "streamlit\n", "streamlit_app.py": "import streamlit as st\nst.write('hi')\n"},
        {
            "entry_kind": "command",
            "entry": 'exec streamlit run streamlit_app.py --server.address 0.0.0.0 --server.port "$PORT"'
            " --server.headless true",
            "port": "8501",
            "init": True,
        },
    ),
    Row(
        "Gradio: launch() reads GRADIO_SERVER_NAME and GRADIO_SERVER_PORT",
        {"requirements.txt": "gradio\n", "app.py": "import gradio as gr\ngr.Interface(fn=str).launch()\n"},
        {
            "entry_kind": "command",
            "entry": 'GRADIO_SERVER_NAME=0.0.0.0 GRADIO_SERVER_PORT="$PORT" exec python app.py',
            "port": "7860",
        },
    ),
    Row(
        "Dash: gunicorn loads the Flask server the app defines (`server = app.server`), not app.run()'s loopback",
        {
            "requirements.txt": "dash\n",
            "app.py": "from dash import Dash, html\n\napp = Dash(__name__)\nserver = app.server\n"
            "app.layout = html.Div('hi')\n\nif __name__ == '__main__':\n    app.run(debug=True)\n",
        },
        {"entry_kind": "gunicorn", "entry": "app:server", "port": "8000"},
    ),
    Row(
        "Panel: `panel serve` on all interfaces and $PORT, any websocket origin",
        {"requirements.txt": "panel\n", "app.py": "import panel as pn\n\npn.panel('hi').servable()\n"},
        {
            "entry_kind": "command",
            "entry": 'exec panel serve app.py --address 0.0.0.0 --port "$PORT" --allow-websocket-origin "*"',
            "port": "5006",
        },
    ),
    Row(
        "pip-tools without the compiled file: requirements.in is the requirements",
        {"requirements.in": "fastapi\nuvicorn\n", "main.py": FASTAPI_APP},
        {"installer": "requirements", "requirements_files": "requirements.in", "entry": "main:api"},
    ),
    Row(
        "a requirements/ folder split by environment: production.txt and the base.txt it includes",
        {
            "requirements/base.txt": "flask\n",
            "requirements/production.txt": "-r base.txt\ngunicorn\n",
            "requirements/local.txt": "-r base.txt\npytest\n",
            "app.py": FLASK_APP,
        },
        {
            "installer": "requirements",
            "requirements_files": "requirements/production.txt requirements/base.txt",
            "servers_in_deps": "gunicorn",
        },
    ),
    Row(
        "uvicorn reached through the lock (fastapi[standard]) is the project's: not installed a second time",
        {
            "pyproject.toml": '[project]\nname = "svc"\nversion = "1"\nrequires-python = ">=3.11"\n'
            'dependencies = ["fastapi[standard]"]\n',
            "uv.lock": 'version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "svc"\nversion = "1"\n'
            'source = { virtual = "." }\ndependencies = [{ name = "fastapi", extra = ["standard"] }]\n\n'
            '[[package]]\nname = "fastapi"\nversion = "0.116.1"\nsource = { registry = "https://pypi.org/simple" }\n\n'
            '[package.optional-dependencies]\nstandard = [{ name = "uvicorn", extra = ["standard"] }]\n\n'
            '[[package]]\nname = "uvicorn"\nversion = "0.35.0"\nsource = { registry = "https://pypi.org/simple" }\n',
            "main.py": FASTAPI_APP,
        },
        {"installer": "uv", "entry": "main:api", "install_server": False, "servers_in_deps": "uvicorn"},
    ),
    Row(
        "aiohttp's web.run_app(app) without a port listens on 8080",
        {
            "requirements.txt": "aiohttp\n",
            "main.py": "from aiohttp import web\n\napp = web.Application()\nweb.run_app(app)\n",
        },
        {"entry_kind": "file", "entry": "main.py", "port": "8080"},
    ),
    Row(
        "a Bottle script serving on localhost (Bottle's docs): gunicorn loads it with its run() turned off",
        {
            "requirements.txt": "bottle\n",
            "app.py": "from bottle import route, run\n\n\n@route('/')\ndef index():\n    return 'hi'\n\n\n"
            "run(host='localhost', port=8080)\n",
        },
        {"entry_kind": "gunicorn", "entry": 'bottle:load_app("app")', "port": "8080"},
    ),
    Row(
        "a script serving on localhost is generated, and init says the one-line change",
        {
            "app.py": "from wsgiref.simple_server import make_server\n\n\ndef app(environ, start):\n    return []\n\n\n"
            "make_server(host='localhost', port=8080, app=app).serve_forever()\n",
        },
        {"entry_kind": "file", "entry": "app.py"},
        notes=("app.py:8 listens on localhost only, which `docker run -p` cannot reach: change it to host='0.0.0.0'",),
    ),
    Row(
        "a Windows-only package with its marker is fine",
        {"requirements.txt": 'pywin32==306; sys_platform == "win32"\nflask\n', "main.py": ""},
        {"installer": "requirements"},
    ),
    Row(
        "an app in a folder that is no package, importing its siblings: runs from that folder",
        {
            "requirements.txt": "fastapi\nuvicorn\n",
            "backend/main.py": "from fastapi import FastAPI\nfrom routers import items\napp = FastAPI()\n",
            "backend/routers.py": "items = []\n",
            "backend/app.db": "",
        },
        {"entry_kind": "uvicorn", "entry": "main:app", "app_dir": "backend"},
    ),
    Row(
        "a folder without __init__.py whose app imports nothing beside it stays a namespace package",
        {"requirements.txt": "fastapi\n", "api/main.py": "from fastapi import FastAPI\napp = FastAPI()\n"},
        {"entry": "api.main:app"},
    ),
    Row(
        "a script under src/ with a __main__ block",
        {"requirements.txt": "requests\n", "src/bot.py": "if __name__ == '__main__':\n    pass\n"},
        {"entry_kind": "file", "entry": "src/bot.py", "init": True},
    ),
    Row(
        "several root scripts, no __main__ block: the one no other imports",
        {
            "requirements.txt": "discord.py\n",
            "discord_bot.py": "import commands\nimport config\nclient.run(config.TOKEN)\n",
            "commands.py": "import config\n",
            "config.py": "TOKEN = ''\n",
        },
        {"entry_kind": "file", "entry": "discord_bot.py", "init": True},
    ),
    Row(
        "Tornado: a script whose app listens on a literal port",
        {
            "requirements.txt": "tornado\n",
            "server.py": "import tornado.web\n\nif __name__ == '__main__':\n"
            "    app = tornado.web.Application([])\n    app.listen(8888)\n",
        },
        {"entry_kind": "file", "entry": "server.py", "port": "8888", "init": True},
    ),
    Row(
        "no root manifest, requirements.txt beside the app in backend/",
        {
            "backend/requirements.txt": "-r base.txt\n",
            "backend/base.txt": "flask\n",
            "backend/app.py": "from flask import Flask\nimport views\napp = Flask(__name__)\n",
            "backend/views.py": "",
            "frontend/index.html": "",
        },
        {
            "installer": "requirements",
            "requirements_files": "backend/requirements.txt backend/base.txt",
            "entry": "app:app",
            "app_dir": "backend",
            "install_server": True,
        },
        evidence=("backend/requirements.txt",),
        notes=("dependencies come from backend/requirements.txt",),
    ),
    Row(
        "a Pipfile without its lock: pip installs [packages], unlocked",
        {"Pipfile": '[packages]\nflask = "*"\n[dev-packages]\npytest = "*"\n', "app.py": FLASK_APP},
        {"installer": "pipfile", "entry_kind": "gunicorn", "install_server": True},
        notes=("Pipfile without Pipfile.lock: its [packages] install with pip",),
    ),
    Row(
        "Poetry package without poetry.lock: pip builds it and resolves its dependencies",
        {
            "pyproject.toml": '[tool.poetry]\nname = "svc"\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "*"\n'
            '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n',
            "svc/__init__.py": "",
            "svc/__main__.py": "",
        },
        {"installer": "setuppy", "install_project": True},
        notes=("there is no poetry.lock: pip installs the package",),
    ),
    Row(
        "an app built by a function of the same module (app = get_application())",
        {
            "requirements.txt": "fastapi\nuvicorn\n",
            "main.py": "from fastapi import FastAPI\n\ndef get_application() -> FastAPI:\n"
            "    application = FastAPI()\n    return application\n\napp = get_application()\n",
        },
        {"entry_kind": "uvicorn", "entry": "main:app", "framework": "FastAPI"},
    ),
    Row(
        "app = create_app() with the factory imported from the package; flask is the one framework",
        {
            "requirements.txt": "flask\n",
            "wsgi.py": "from myapp.factory import create_app\n\napp = create_app()\n",
            "myapp/__init__.py": "",
            "myapp/factory.py": "from myapp.base import BaseApp\n\ndef create_app():\n    return BaseApp(__name__)\n",
            "myapp/base.py": "import flask\n\nclass BaseApp(flask.Flask):\n    pass\n",
        },
        {"entry_kind": "gunicorn", "entry": "wsgi:app", "framework": "Flask"},
    ),
    Row(
        "Procfile `flask run` and `manage.py runserver` are told to listen on all interfaces and $PORT",
        {"requirements.txt": "flask\n", "Procfile": "web: flask --app hello run\n"},
        {"entry": 'exec flask --app hello run --host 0.0.0.0 --port "$PORT"'},
    ),
    Row(
        "Procfile runserver without an address",
        {"requirements.txt": "django\n", "Procfile": "web: python manage.py runserver\n"},
        {"entry": 'exec python manage.py runserver "0.0.0.0:$PORT"', "init": True},
    ),
    Row(
        ".python-version holding a range (uv accepts `>= 3.10`): read as a requirement, not refused",
        {"requirements.txt": "flask\n", ".python-version": ">= 3.10, <3.13\n", "app.py": FLASK_APP},
        {"python_version": "3.11"},  # the newest the range allows among the images here (3.11, 3.13)
    ),
    Row(
        ".python-version `cpython@3.11`: uv's request form names one interpreter",
        {"requirements.txt": "flask\n", ".python-version": "cpython@3.11\n", "app.py": FLASK_APP},
        {"python_version": "3.11"},
    ),
    Row(
        "an app writing where no scan looks: its working directory is writable anyway, here /app",
        {"requirements.txt": "flask\n", "app.py": FLASK_APP},
        {"writable_dirs": "."},
    ),
    Row(
        "Django settings package with WhiteNoise's manifest storage in base.py: collected in the build",
        {
            "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings.prod')\n",
            "site_cfg/__init__.py": "",
            "site_cfg/settings/__init__.py": "",
            "site_cfg/settings/base.py": "STORAGES = {'staticfiles': {'BACKEND': "
            "'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n"
            "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n",
            "site_cfg/settings/prod.py": "from .base import *\nif True:\n    STATIC_ROOT = '/tmp/s'\n",
            "requirements.txt": "django\nwhitenoise\n",
        },
        {"collectstatic": True, "static_server": "whitenoise", "writable_dirs": ".", "migrate_at_start": False},
    ),
    Row(
        "psycopg2 reached only through a uv workspace member: its packages come from the lock (dev-only not)",
        {
            "pyproject.toml": '[project]\nname = "shop"\nversion = "1"\ndependencies = ["store"]\n'
            '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
            "packages/store/pyproject.toml": '[project]\nname = "store"\nversion = "1"\ndependencies = ["psycopg2"]\n',
            "uv.lock": UV_WORKSPACE_LOCK,
            "main.py": "import store\n",
        },
        {"build_packages": "gcc libc6-dev libpq-dev", "runtime_packages": "libpq5"},
        notes=("libpq-dev in the build stage only (scaffold/catalogue/python.toml, reached through uv.lock)",),
    ),
    Row(
        "an old pdm lock whose numpy has Linux wheels up to cp311: the Python it was made for",
        {
            "pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.9"\n'
            'dependencies = ["numpy==1.24.4"]\n',
            "pdm.lock": PDM_OLD_LOCK,
            "main.py": "import numpy\n",
        },
        {"python_version": "3.11"},
        notes=("Python 3.11: the lock was made for it (numpy 1.24.4 has Linux wheels up to cp311",),
    ),
    Row(
        "a lock whose binary package also ships abi3 wheels: nothing bounds the version",
        {
            "pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.9"\n'
            'dependencies = ["numpy==1.24.4"]\n',
            "pdm.lock": PDM_OLD_LOCK.replace("cp310-cp310-manylinux", "cp39-abi3-manylinux"),
            "main.py": "import numpy\n",
        },
        {"python_version": "3.13"},
    ),
    Row(
        "a lone main.py: weak signal, no installer",
        {"main.py": "print('hi')\n"},
        {"installer": "none", "entry_kind": "file", "entry": "main.py"},
        evidence=("main.py",),
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_detects(row: Row, tmp_path: Path) -> None:
    write_tree(tmp_path, row.files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    assert found.language == "python"
    got = {f.key: f.value for f in found.facts}
    assert {k: got.get(k) for k in row.facts} == row.facts
    if row.evidence is not None:
        assert found.evidence == row.evidence
    for wanted in row.notes:
        assert any(wanted in note for note in found.notes), (wanted, found.notes)
    # Every fact names the file (or rule) it came from.
    assert all(f.source for f in found.facts)


def test_scores_rank_manifests_above_loose_scripts(tmp_path: Path) -> None:
    write_tree(tmp_path / "a", {"pyproject.toml": '[project]\nname = "a"\nversion = "1"\n'})
    write_tree(tmp_path / "b", {"app.py": ""})
    write_tree(tmp_path / "c", {"tool.py": ""})
    scores = [PythonProvider().detect(ProjectDir(tmp_path / d)) for d in "abc"]
    assert [s.score if s else None for s in scores] == [100, 40, 20]


@pytest.mark.parametrize(
    "files",
    [
        {"go.mod": "module x\n", "main.go": "package main\n"},
        {"package.json": "{}", "index.js": "", "scripts/build.sh": ""},
        {"tools/gen.py": "print(1)\n", "Cargo.toml": ""},
        {},
    ],
    ids=["go", "node", "python-only-in-a-subdir", "empty"],
)
def test_not_python(files: dict[str, str | bytes], tmp_path: Path) -> None:
    write_tree(tmp_path, files)
    assert PythonProvider().detect(ProjectDir(tmp_path)) is None


@pytest.mark.parametrize(
    ("files", "bad_file", "problem"),
    [
        ({"pyproject.toml": "[project\nname = 1"}, "pyproject.toml", "invalid TOML"),
        ({"pyproject.toml": b"[project]\nname = '\xff'\n"}, "pyproject.toml", "not valid UTF-8"),
        ({"pyproject.toml": '[project]\nrequires-python = ">=3.x"\n'}, "pyproject.toml", "not a version specifier"),
        ({"pyproject.toml": '[project]\ndependencies = ["flask >>= 2"]\n'}, "pyproject.toml", "dependencies"),
        ({"requirements.txt": "flask\nthis is not a requirement\n"}, "requirements.txt", "line 2"),
        ({"requirements.txt": "-r missing.txt\n"}, "requirements.txt", "missing.txt"),
        (
            {"requirements.txt": "flask\ncertifi @ file:///croot/certifi_1700501669400/work/certifi\n"},
            "requirements.txt",
            "line 2: certifi @ file:///croot/certifi_1700501669400/work/certifi is a path on the machine",
        ),
        # In an included file (the image installs the first file from a filtered copy; its includes stay whole).
        ({"requirements.txt": "-r base.txt\n", "base.txt": "pywin32==306\n"}, "base.txt", "line 1: pywin32 installs"),
        ({"requirements.txt": "-e .\npkg-resources==0.0.0\n", "setup.py": ""}, "requirements.txt", "pkg-resources"),
        ({"requirements.txt": b"fl\xe4sk\n"}, "requirements.txt", "not valid UTF-8"),
        ({"setup.py": "setup(name='x'\n"}, "setup.py", "invalid Python"),
        ({"Pipfile": "[packages\n"}, "Pipfile", "invalid TOML"),
        ({"Pipfile": "[packages]\n", "Pipfile.lock": "{not json"}, "Pipfile.lock", "invalid JSON"),
        ({"pyproject.toml": "[tool.poetry]\n", "poetry.lock": "[[package]\n"}, "poetry.lock", "invalid TOML"),
        ({"requirements.txt": "", ".python-version": "three\n"}, ".python-version", "not a Python version"),
        ({"requirements.txt": "", "runtime.txt": "python-3\n"}, "runtime.txt", "major.minor"),
        ({"Procfile": "web: gunicorn 'a b\n", "app.py": ""}, "Procfile", "No closing quotation"),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npython = "^three"\n'}, "pyproject.toml", "^three"),
        (
            # A conda entry pip cannot read as a requirement (a `pip:` line that is an option) is still refused.
            {
                "environment.yml": "dependencies:\n  - python=3.11\n  - pip:\n    - -r requirements.in\n",
                "app.py": FLASK_APP,
            },
            "environment.yml",
            "a conda environment is not installable with pip and the Python images have no conda",
        ),
        (
            {"pyproject.toml": '[tool.poetry]\nname = "x"\npackage-mode = false\n', "main.py": ""},
            "pyproject.toml",
            "a Poetry project with neither poetry.lock nor a package to build",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_bad_input_names_the_file(files: dict[str, str | bytes], bad_file: str, problem: str, tmp_path: Path) -> None:
    write_tree(tmp_path, files)
    with pytest.raises(InputError) as err:
        PythonProvider().detect(ProjectDir(tmp_path))
    assert err.value.path == bad_file
    assert problem in str(err.value)


@pytest.mark.parametrize(
    ("poetry", "yes", "no"),
    [
        ("^3.10", ["3.10", "3.13"], ["3.9", "4.0"]),
        ("~3.11", ["3.11"], ["3.12"]),
        (">=3.9,<3.12", ["3.11"], ["3.12"]),
        ("3.11.*", ["3.11"], ["3.13"]),
        ("^3.8 || ^4.0", ["3.13", "4.1"], ["2.7"]),
    ],
)
def test_poetry_python_constraints(poetry: str, yes: list[str], no: list[str]) -> None:
    constraint = Constraint(poetry_constraint(poetry), "pyproject.toml")
    assert [v for v in yes + no if satisfies(v, constraint)] == yes


def test_image_versions_come_from_the_environment_else_the_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(IMAGES_ENV, "3.14=trixie, 3.12=bookworm")
    assert image_versions() == {"3.12": "bookworm", "3.14": "trixie"}
    monkeypatch.delenv(IMAGES_ENV)
    assert list(image_versions()) == ["3.10", "3.11", "3.12", "3.13", "3.14"], "upstream's python images"
    monkeypatch.setenv(IMAGES_ENV, "3.12")
    with pytest.raises(UsageError, match=IMAGES_ENV):
        image_versions()


STDLIB_SERVER = (
    "import http.server\nimport socketserver\n\nPORT = 8123\n"
    'with socketserver.TCPServer(("", PORT), http.server.SimpleHTTPRequestHandler) as s:\n    s.serve_forever()\n'
)
HTTP_SERVER = (
    "from http.server import HTTPServer, BaseHTTPRequestHandler\n"
    'HTTPServer(("0.0.0.0", 8124), BaseHTTPRequestHandler).serve_forever()\n'
)
WSGIREF = (
    "from wsgiref.simple_server import make_server\nfrom app import application\n"
    "make_server('', 8125, application).serve_forever()\n"
)
FLASK_MAIN = "from flask import Flask\napp = Flask(__name__)\n{before}if __name__ == '__main__':\n{main}"


@pytest.mark.parametrize(
    ("source", "port"),
    [
        (STDLIB_SERVER, "8123"),
        (HTTP_SERVER, "8124"),
        (WSGIREF, "8125"),
        (FLASK_MAIN.format(before="PORT: int = 5055\n", main="    app.run(host='0.0.0.0', port=PORT)\n"), "5055"),
        (
            FLASK_MAIN.format(
                before="import os\n", main="    port = int(os.environ.get('PORT', 5056))\n    app.run(port=port)\n"
            ),
            "5056",
        ),
        # A port computed from an expression is not read as a port; the framework default stays.
        (FLASK_MAIN.format(before="BASE = 40\n", main="    app.run(port=BASE * 2)\n"), "8000"),
    ],
)
def test_a_port_named_by_a_constant_or_a_stdlib_server(source: str, port: str, tmp_path: Path) -> None:
    write_tree(tmp_path, {"server.py": source, "requirements.txt": "flask\n" if "flask" in source else ""})
    det = PythonProvider().detect(ProjectDir(tmp_path))
    assert det is not None
    found = det.fact("port")
    assert found is not None and found.value == port, found


PYPROJECT_RANGE = '[project]\nname = "a"\nversion = "1"\nrequires-python = "{}"\n'


@pytest.mark.parametrize(
    ("files", "version"),
    [
        # numpy 1.24 has Linux wheels up to 3.11: on the frozen-pin default (3.12) it would compile and fail.
        ({"requirements.txt": "flask==2.3.3\nnumpy==1.24.3\n"}, "3.11"),
        # The lowest ceiling wins (pandas 1.3.5: wheels up to 3.10).
        ({"requirements.txt": "numpy==1.24.3\npandas==1.3.5\n"}, "3.10"),
        # Pins new enough for the default keep it; unknown packages cap nothing.
        ({"requirements.txt": "numpy==1.26.4\nsomething-pure==0.1\n"}, "3.12"),
        # A project that names its Python keeps it, pins or not.
        ({"requirements.txt": "numpy==1.24.3\n", ".python-version": "3.12\n"}, "3.12"),
        # A range that no capped version satisfies: the range wins (the build may compile; the diagnosis says so).
        ({"requirements.txt": "numpy==1.24.3\n", "pyproject.toml": PYPROJECT_RANGE.format(">=3.12")}, "3.14"),
        # A range and a pin: the newest the range allows below the pin's ceiling.
        ({"requirements.txt": "numpy==1.24.3\n", "pyproject.toml": PYPROJECT_RANGE.format(">=3.9")}, "3.11"),
    ],
)  # fmt: skip
def test_pinned_compiled_packages_cap_the_python_at_their_wheels(
    files: dict[str, str], version: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(IMAGES_ENV, raising=False)
    write_tree(tmp_path, {"app.py": "print('hi')\n", **files})
    det = PythonProvider().detect(ProjectDir(tmp_path))
    assert det is not None
    found = det.fact("python_version")
    assert found is not None and found.value == version, (found, det.notes)
    capped = [n for n in det.notes if "Linux wheels up to" in n]
    assert bool(capped) == ("wheels up to" in found.source), det.notes
