"""Round-5 Python shapes (issue 17, hunt 5): a package module run with -m, Django Channels, a loopback listen
moved by a start hook, a port after a nested call, a MkDocs site."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from tests.conftest import assert_lint_clean, run_cli, write_tree
from tests.test_provider_python_template import final_stage

TORNADO = (
    "import asyncio\nimport tornado.web\nfrom tornado.options import define, options\n\n"
    "define('port', default=8888, type=int)\n\n"
    "async def main():\n    app = tornado.web.Application([])\n    app.listen(options.port)\n"
    "    await asyncio.Event().wait()\n\n"
    "if __name__ == '__main__':\n    asyncio.run(main())\n"
)
POETRY_SRC = (
    '[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = ["tornado"]\n\n'
    '[tool.poetry]\npackages = [{include = "svc", from = "src"}]\n\n'
    '[build-system]\nrequires = ["poetry-core>=2.0.0"]\nbuild-backend = "poetry.core.masonry.api"\n'
)


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


def test_the_one_package_module_with_a_main_block_runs_with_python_m(tmp_path: Path) -> None:
    # `poetry new` (src layout, no console script) with the server in src/svc/server.py: was refused.
    files = {"pyproject.toml": POETRY_SRC, "src/svc/__init__.py": "", "src/svc/server.py": TORNADO}
    facts, notes = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("module", "svc.server", "8888")
    assert not any("no entry point found" in n for n in notes)


def test_two_package_modules_with_main_blocks_choose_none(tmp_path: Path) -> None:
    files = {"requirements.txt": "tornado\n", "pkg/__init__.py": "", "pkg/a.py": TORNADO, "pkg/b.py": TORNADO}
    facts, notes = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"]) == ("file", "main.py")
    assert any("no entry point found" in n for n in notes)


def test_a_celery_module_with_a_main_block_stays_a_worker(tmp_path: Path) -> None:
    celery = "from celery import Celery\n\napp = Celery('proj')\n\nif __name__ == '__main__':\n    app.start()\n"
    facts, _ = _facts(tmp_path, {"requirements.txt": "celery\n", "proj/__init__.py": "", "proj/celery.py": celery})
    assert facts["entry_kind"] == "command" and "celery -A proj.celery worker" in str(facts["entry"])


def test_a_port_after_a_nested_call_is_the_port(tmp_path: Path) -> None:
    server = (
        "from aiohttp import web\n\ndef create_app():\n    return web.Application()\n\n"
        "if __name__ == '__main__':\n    web.run_app(create_app(), host='0.0.0.0', port=8081)\n"
    )
    facts, _ = _facts(tmp_path, {"requirements.txt": "aiohttp\n", "server.py": server})
    assert (facts["entry"], facts["port"]) == ("server.py", "8081")


CHANNELS_SETTINGS = (
    "INSTALLED_APPS = ['daphne', 'chat']\nWSGI_APPLICATION = 'mysite.wsgi.application'\n"
    "ASGI_APPLICATION = 'mysite.asgi.application'\n"
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
)
MANAGE = "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"


def test_django_channels_with_daphne_is_served_by_daphne_after_migrate(tmp_path: Path) -> None:
    files = {
        "manage.py": MANAGE,
        "mysite/settings.py": CHANNELS_SETTINGS,
        "mysite/asgi.py": "",
        "requirements.txt": "django\nchannels\ndaphne\n",
    }
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert (
        'CMD ["/bin/sh", "-c", "set -e; python manage.py migrate --noinput; '
        'exec daphne -b 0.0.0.0 -p \\"$PORT\\" mysite.asgi:application"]'
    ) in text
    assert_lint_clean(tmp_path / "Dockerfile")


def test_django_channels_without_daphne_runs_its_asgi_app_under_uvicorn(tmp_path: Path) -> None:
    files = {"manage.py": MANAGE, "mysite/settings.py": CHANNELS_SETTINGS, "requirements.txt": "django\nchannels\n"}
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"]) == ("uvicorn", "mysite.asgi:application")


def test_plain_django_keeps_gunicorn(tmp_path: Path) -> None:
    settings = CHANNELS_SETTINGS.replace("ASGI_APPLICATION = 'mysite.asgi.application'\n", "")
    facts, _ = _facts(tmp_path, {"manage.py": MANAGE, "mysite/settings.py": settings, "requirements.txt": "django\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("gunicorn", "mysite.wsgi:application")


LOOPBACK = (
    "from aiohttp import web\n\napp = web.Application()\n\n"
    "if __name__ == '__main__':\n    web.run_app(app, host='127.0.0.1', port=8081)\n"
)


def test_a_loopback_listen_gets_the_start_hook_that_moves_it(tmp_path: Path) -> None:
    write_tree(tmp_path, {"requirements.txt": "aiohttp\n", "server.py": LOOPBACK})
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 0, result.err
    assert "until then the image's Python start hook" in result.out + result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert '> "$site/_scaffold_listen_all.pth"' in text
    assert_lint_clean(tmp_path / "Dockerfile")


def test_the_start_hook_moves_only_a_loopback_bind_on_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hook's text as the template writes it, run here: a bind on PORT at 127.0.0.1 takes all interfaces.
    import socket

    write_tree(tmp_path, {"requirements.txt": "aiohttp\n", "server.py": LOOPBACK})
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    block = text[text.index("printf '%s\\n'") : text.index('> "$site/_scaffold_listen_all.py"')]
    lines = [line.strip().removesuffix("\\").strip()[1:-1] for line in block.splitlines()[1:]]
    namespace: dict[str, object] = {}
    original = socket.socket.bind
    try:
        exec("\n".join(lines), namespace)  # the hook scaffold ships, tested as shipped
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        monkeypatch.setenv("PORT", str(port))
        with socket.socket() as moved:
            moved.bind(("127.0.0.1", port))
            assert moved.getsockname()[0] == "0.0.0.0"
        with socket.socket() as other:
            other.bind(("127.0.0.1", 0))
            assert other.getsockname()[0] == "127.0.0.1"
    finally:
        socket.socket.bind = original  # type: ignore[method-assign]


def test_an_all_interfaces_script_gets_no_start_hook(tmp_path: Path) -> None:
    write_tree(tmp_path, {"requirements.txt": "aiohttp\n", "server.py": LOOPBACK.replace("127.0.0.1", "0.0.0.0")})
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert "_scaffold_listen_all" not in (tmp_path / "Dockerfile").read_text(encoding="utf-8")


def test_a_mkdocs_site_is_built_and_served_when_the_container_starts(tmp_path: Path) -> None:
    files = {"mkdocs.yml": "site_name: Docs\n", "docs/index.md": "# Hi\n", "requirements.txt": "mkdocs-material\n"}
    facts, notes = _facts(tmp_path, files)
    assert facts["entry_kind"] == "command" and facts["port"] == "8000"
    assert str(facts["entry"]).startswith("mkdocs build --quiet --site-dir /tmp/site && exec python -m http.server")
    assert any("a static site" in n for n in notes)


def test_a_library_with_mkdocs_docs_keeps_its_console_script(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "tool"\nversion = "1"\ndependencies = ["mkdocs"]\n[project.scripts]\ntool = "tool:main"\n'
    )
    files = {"mkdocs.yml": "site_name: Docs\n", "pyproject.toml": pyproject, "tool/__init__.py": "def main(): ...\n"}
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"]) == ("script", "tool")


def test_a_console_script_that_serves_on_loopback_gets_the_start_hook(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "svc"\nversion = "1"\ndependencies = ["uvicorn"]\n[project.scripts]\nsvc = "svc:main"\n'
    )
    code = (
        "import uvicorn\n\nasync def app(scope, receive, send):\n    ...\n\n"
        "def main():\n    uvicorn.run(app, host='127.0.0.1', port=8010)\n"
    )
    facts, notes = _facts(tmp_path, {"pyproject.toml": pyproject, "svc/__init__.py": code})
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("script", "svc", "8010")
    assert facts.get("listen_all") is True
    assert any("svc/__init__.py:7 listens on 127.0.0.1 only" in n for n in notes)


def test_a_main_package_under_src_of_an_uninstalled_project_runs_from_src(tmp_path: Path) -> None:
    main = "from aiohttp import web\n\nif __name__ == '__main__':\n    web.run_app(web.Application(), port=8080)\n"
    files = {"requirements.txt": "aiohttp\n", "src/bot/__init__.py": "", "src/bot/__main__.py": main}
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts["app_dir"]) == ("module", "bot", "src")


def test_a_main_package_under_src_of_an_installed_project_runs_from_the_root(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "bot"\nversion = "1"\n[build-system]\nrequires = ["hatchling"]\n'
    files = {"pyproject.toml": pyproject, "src/bot/__init__.py": "", "src/bot/__main__.py": "print(1)\n"}
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts.get("app_dir", "")) == ("module", "bot", "")


ENVIRON_SETTINGS = (
    "import os\nimport environ\n\nenv = environ.Env(DEBUG=(bool, False))\n"
    "SECRET_KEY = env('SECRET_KEY')\nDEBUG = env('DEBUG')\nHOSTS = env.list('HOSTS')\n"
    "MAIL = env('MAIL', default='x')\nTOKEN = os.environ['API_TOKEN']\nDATABASES = {'default': env.db()}\n"
    "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"
)


def test_collectstatic_gets_build_only_placeholders_for_settings_read_without_default(tmp_path: Path) -> None:
    files = {"manage.py": MANAGE, "mysite/settings.py": ENVIRON_SETTINGS, "requirements.txt": "django\n"}
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    pairs = "API_TOKEN=build-placeholder SECRET_KEY=build-placeholder HOSTS=localhost DATABASE_URL=sqlite:///:memory:"
    assert f"RUN {pairs} DJANGO_SETTINGS_MODULE=mysite.settings python manage.py collectstatic" in text
    # Build-only: the final stage sets none of them.
    assert "build-placeholder" not in final_stage(text)
    assert_lint_clean(tmp_path / "Dockerfile")


def test_settings_with_defaults_get_no_placeholders(tmp_path: Path) -> None:
    settings = "import os\nSECRET_KEY = os.environ.get('SECRET_KEY', 'dev')\nSTATIC_ROOT = 'staticfiles'\n"
    facts, _ = _facts(tmp_path, {"manage.py": MANAGE, "mysite/settings.py": settings, "requirements.txt": "django\n"})
    assert facts["collectstatic"] is True and facts["collectstatic_env"] == ""


def test_a_utf16_requirements_file_from_powershell_is_read_as_pip_reads_it(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": "from flask import Flask\napp = Flask(__name__)\n"})
    (tmp_path / "requirements.txt").write_bytes("Flask==3.0.3\r\nWerkzeug==3.0.4\r\n".encode("utf-16"))
    facts, _ = _facts(tmp_path, {})
    assert (facts["entry_kind"], facts["entry"]) == ("gunicorn", "app:app")


def test_a_file_in_another_encoding_is_refused_with_the_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": "print(1)\n"})
    (tmp_path / "requirements.txt").write_bytes("requests  # caf\xe9\n".encode("latin-1"))
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 2 and "not valid UTF-8 (byte 15): save it as UTF-8" in result.err


def test_a_server_module_naming_other_settings_runs_manage_pys_settings(tmp_path: Path) -> None:
    # cookiecutter-django: manage.py says settings.local, wsgi.py settings.production.
    files = {
        "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n",
        "config/settings/__init__.py": "",
        "config/settings/base.py": "STATIC_ROOT = 'staticfiles'\nWSGI_APPLICATION = 'config.wsgi.application'\n",
        "config/settings/local.py": "from .base import *\n",
        "config/wsgi.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n",
        "requirements.txt": "django\n",
    }
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 0, result.err
    assert "config.settings.production" in " ".join((result.out + result.err).split())
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "ENV DJANGO_SETTINGS_MODULE=config.settings.local" in final_stage(text)
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_server_module_naming_the_same_settings_sets_no_env(tmp_path: Path) -> None:
    files = {
        "manage.py": MANAGE,
        "mysite/settings.py": "X = 1\n",
        "mysite/wsgi.py": MANAGE,
        "requirements.txt": "django\n",
    }
    write_tree(tmp_path, files)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert "ENV DJANGO_SETTINGS_MODULE" not in (tmp_path / "Dockerfile").read_text(encoding="utf-8")


def test_a_streamlit_script_one_folder_down_runs_under_its_launcher(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "streamlit\n",
        "app/main.py": "import streamlit as st\nfrom utils import greet\nst.title(greet('x'))\n",
        "app/utils.py": "def greet(x):\n    return x\n",
        "app/pages/1_Other.py": "import streamlit as st\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert str(facts["entry"]).startswith("exec streamlit run app/main.py --server.address 0.0.0.0")


def test_a_web_app_comes_before_a_dashboard_one_folder_down(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "fastapi\nstreamlit\n",
        "api/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        "dashboard/app.py": "import streamlit as st\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"]) == ("uvicorn", "api.main:app")


@pytest.mark.parametrize(
    ("requirement", "python"),
    [
        # numpy 1.26 (the newest below 2) has no wheels for 3.13: on it pip would compile numpy and fail.
        ("numpy<2", "3.12"),
        ("numpy>=1.20,<1.25", "3.11"),
        ("pandas~=1.5.3", "3.11"),
        ("numpy==1.26.*", "3.12"),
        ("numpy<=2.1.0", "3.13"),
        ("numpy>=1.26", "3.14"),
    ],
)
def test_an_upper_bound_on_a_compiled_package_caps_the_python(
    requirement: str, python: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCAFFOLD_PYTHON_IMAGES", raising=False)
    facts, notes = _facts(tmp_path, {"requirements.txt": f"{requirement}\nflask\n", "main.py": "print(1)\n"})
    assert facts["python_version"] == python
    # `==1.26.*` reads as an exact pin: the frozen-pins default (3.12) already fits, with its own note.
    capped = python != "3.14" and "==" not in requirement
    assert any(f"(Linux wheels up to Python {python})" in n for n in notes) == capped


def test_a_pyproject_ceiling_without_a_lock_caps_the_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAFFOLD_PYTHON_IMAGES", raising=False)
    pyproject = '[project]\nname = "x"\nversion = "1"\ndependencies = ["numpy<2", "flask"]\n'
    facts, _ = _facts(tmp_path, {"pyproject.toml": pyproject, "main.py": "print(1)\n"})
    assert facts["python_version"] == "3.12"


def test_a_client_connecting_to_localhost_is_no_loopback_server(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "svc"\nversion = "1"\n[project.scripts]\nsvc = "svc:main"\n'
    code = (
        "import os\nimport redis\n\nPORT = os.getenv('PORT', '8080')\n\n"
        "def main():\n    r = redis.Redis(host='localhost', port=6379)\n    print(r, PORT)\n"
    )
    facts, notes = _facts(tmp_path, {"pyproject.toml": pyproject, "svc/__init__.py": code})
    assert (facts["entry_kind"], facts["port"]) == ("script", "8080")
    assert facts.get("listen_all") is None
    assert not any("listens on" in n for n in notes)


@pytest.mark.parametrize(
    "files",
    [
        {"setup.py": "from setuptools import setup\nsetup(name='x', install_requires=['numpy<2'])\n"},
        {"setup.cfg": "[metadata]\nname = x\n[options]\ninstall_requires =\n    numpy<2\n", "setup.py": ""},
    ],
    ids=["setup.py", "setup.cfg"],
)
def test_an_install_requires_ceiling_caps_the_python(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCAFFOLD_PYTHON_IMAGES", raising=False)
    facts, _ = _facts(tmp_path, {**files, "main.py": "print(1)\n"})
    assert facts["python_version"] == "3.12"


DASH = "from dash import Dash, html\n\napp = Dash(__name__)\napp.layout = html.Div('hi')\n"


def test_a_dash_app_without_its_server_alias_runs_its_script_on_all_interfaces(tmp_path: Path) -> None:
    # gunicorn loads only a name or a call (`app:app.server` is refused), and a Dash object is no WSGI app.
    source = DASH + "\nif __name__ == '__main__':\n    app.run(debug=True)\n"
    facts, _ = _facts(tmp_path, {"requirements.txt": "dash\n", "app.py": source})
    expected = ("command", "HOST=0.0.0.0 exec python app.py", "8050")
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == expected


def test_a_dash_app_with_its_server_alias_keeps_gunicorn(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"requirements.txt": "dash\n", "app.py": DASH + "server = app.server\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("gunicorn", "app:server")
