"""Round-6 Python shapes (issue 17, hunt 6): a Heroku-style Django app (Procfile + manage.py), split settings
whose served module reads its values from the environment, and an app whose .env.example lists its config."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from tests.conftest import assert_lint_clean, run_cli, write_tree

MANAGE = (
    "import os, sys\n\ndef main():\n"
    '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{settings}")\n'
    "    from django.core.management import execute_from_command_line\n"
    "    execute_from_command_line(sys.argv)\n\nif __name__ == '__main__':\n    main()\n"
)
WSGI = (
    "import os\nfrom django.core.wsgi import get_wsgi_application\n"
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{settings}")\napplication = get_wsgi_application()\n'
)
BASE = (
    "from pathlib import Path\nimport environ\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n"
    "env = environ.Env()\nROOT_URLCONF = 'mysite.urls'\nWSGI_APPLICATION = 'mysite.wsgi.application'\n"
    "STATIC_URL = 'static/'\n"
    "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"
)
DEV = (
    "from .base import *  # noqa\n\nDEBUG = True\nSECRET_KEY = 'dev'\nALLOWED_HOSTS = ['*']\n"
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}\n"
)
PRODUCTION = (
    "from .base import *  # noqa\n\nDEBUG = False\nSECRET_KEY = env('SECRET_KEY')\n"
    "ALLOWED_HOSTS = env.list('ALLOWED_HOSTS')\nDATABASES = {'default': env.db('DATABASE_URL')}\n"
)


def _split(settings: str) -> dict[str, str]:
    """A split-settings project (settings/base.py, dev.py, production.py) whose manage.py and wsgi.py name one."""
    return {
        "manage.py": MANAGE.format(settings=settings),
        "mysite/__init__.py": "",
        "mysite/wsgi.py": WSGI.format(settings=settings),
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": BASE,
        "mysite/settings/dev.py": DEV,
        "mysite/settings/production.py": PRODUCTION,
        "requirements/base.txt": "django\ndjango-environ\nwhitenoise\n",
        "requirements/production.txt": "-r base.txt\ngunicorn\npsycopg2-binary\n",
        ".env.example": "SECRET_KEY=change-me\nALLOWED_HOSTS=localhost\nDATABASE_URL=postgres://u:p@localhost/db\n",
    }


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


def test_a_procfile_runs_a_django_app_and_django_still_collects_static_and_names_its_settings(
    tmp_path: Path,
) -> None:
    # Heroku-style Django: the Procfile's web line used to hide manage.py, so no collectstatic ran in the build
    # and the image set no DJANGO_SETTINGS_MODULE.
    files = {
        **_split("mysite.settings.dev"),
        "Procfile": "release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"]) == ("command", "exec gunicorn mysite.wsgi")
    assert (facts["django_settings"], facts["collectstatic"], facts["migrate_at_start"]) == (
        "mysite.settings.dev",
        True,
        True,
    )
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "manage.py collectstatic --noinput" in text
    assert "DJANGO_SETTINGS_MODULE=mysite.settings.dev" in text
    assert "exec gunicorn mysite.wsgi" in text
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_procfile_worker_beside_manage_py_stays_a_worker(tmp_path: Path) -> None:
    files = {**_split("mysite.settings.dev"), "Procfile": "worker: celery -A mysite worker\n"}
    facts, notes = _facts(tmp_path, files)
    assert (facts["entry"], facts["port"]) == ("exec celery -A mysite worker", "")
    assert any("no web process" in n for n in notes)


def test_production_settings_name_every_value_they_need_in_one_line(tmp_path: Path) -> None:
    # manage.py and wsgi.py default to settings.production, which reads three values with no default: init says
    # all of them at once (verify's diagnosis can only name the first the app stops on).
    facts, notes = _facts(tmp_path, _split("mysite.settings.production"))
    note = next(n for n in notes if "with no default" in n)
    assert "mysite.settings.production reads SECRET_KEY ALLOWED_HOSTS DATABASE_URL with no default" in note
    assert "docker run -e NAME=..." in note and ".env.example lists what to set" in note
    # SQLite is dev.py's, not what production serves: no migrate at start, nothing written beside manage.py.
    assert facts["migrate_at_start"] is False
    # The generic .env.example note would say the same thing less precisely.
    assert not any(n.startswith(".env.example lists") for n in notes)


def test_dev_settings_do_not_inherit_what_production_reads(tmp_path: Path) -> None:
    facts, notes = _facts(tmp_path, _split("mysite.settings.dev"))
    assert not any("with no default" in n for n in notes)
    assert facts["migrate_at_start"] is True
    assert any(n.startswith(".env.example lists SECRET_KEY ALLOWED_HOSTS DATABASE_URL:") for n in notes)


def test_an_env_example_names_what_the_container_must_be_given(tmp_path: Path) -> None:
    bot = "import os\nTOKEN = os.environ['BOT_TOKEN']\n\nif __name__ == '__main__':\n    print(TOKEN)\n"
    example = "# Telegram\nBOT_TOKEN=123:abc\nexport ADMIN_ID=1\n" + "".join(f"X{i}=1\n" for i in range(6))
    _, notes = _facts(tmp_path, {"requirements.txt": "python-telegram-bot\n", "bot.py": bot, ".env.example": example})
    note = next(n for n in notes if n.startswith(".env.example lists"))
    assert note.startswith(".env.example lists BOT_TOKEN ADMIN_ID X0 X1 X2 X3 (+2 more): ")
    assert "docker run --env-file .env" in note and "123:abc" not in note


def test_no_env_example_no_note(tmp_path: Path) -> None:
    _, notes = _facts(
        tmp_path, {"requirements.txt": "flask\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    )
    assert not any("lists" in n and ".env" in n for n in notes)


SPIDER = (
    "import scrapy\n\n\nclass {cls}(scrapy.Spider):\n    name = '{name}'\n"
    "    start_urls = ['https://quotes.toscrape.com/']\n\n    def parse(self, response):\n        yield {{}}\n"
)
SCRAPY_CFG = "[settings]\ndefault = quotes.settings\n\n[deploy]\nproject = quotes\n"


def _scrapy(spiders: dict[str, str]) -> dict[str, str]:
    """`scrapy startproject quotes .` with its spiders (file name → spider name)."""
    files = {
        "scrapy.cfg": SCRAPY_CFG,
        "requirements.txt": "scrapy\n",
        "quotes/__init__.py": "",
        "quotes/settings.py": "BOT_NAME = 'quotes'\nSPIDER_MODULES = ['quotes.spiders']\n",
        "quotes/items.py": "import scrapy\n",
        "quotes/spiders/__init__.py": "",
    }
    for i, (path, name) in enumerate(spiders.items()):
        files[f"quotes/spiders/{path}"] = SPIDER.format(cls=f"S{i}", name=name)
    return files


def test_a_scrapy_project_runs_its_one_spider_once(tmp_path: Path) -> None:
    # `scrapy startproject` + one spider: was refused with the generic "no entry point found".
    facts, notes = _facts(tmp_path, _scrapy({"quotes_spider.py": "quotes"}))
    assert (facts["entry_kind"], facts["entry"], facts["port"]) == ("command", "exec scrapy crawl quotes", "")
    assert any("scrapy.cfg: a crawler" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert_lint_clean(tmp_path / "Dockerfile")


def test_several_spiders_run_the_first_and_init_says_how_to_pick_another(tmp_path: Path) -> None:
    # Was refused at init (hunt 7): a working image was possible; it runs the first spider by name.
    facts, notes = _facts(tmp_path, _scrapy({"b.py": "quotes", "a.py": "authors", "c.py": "tags"}))
    assert (facts["entry_kind"], facts["entry"]) == ("command", "exec scrapy crawl authors")
    note = next(n for n in notes if "scrapy.cfg: a crawler" in n)
    assert "3 spiders" in note and "the first, authors (others: quotes, tags)" in note
    assert "--set entry_kind=command --set entry='scrapy crawl quotes'" in note
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_scrapy_project_without_a_named_spider_is_refused_in_one_line(tmp_path: Path) -> None:
    write_tree(tmp_path, _scrapy({}))
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code != 0 and not (tmp_path / "Dockerfile").exists()
    assert "scrapy.cfg has no named spider under spiders/" in result.err
    assert "--set entry='scrapy crawl NAME'" in result.err and "Traceback" not in result.err + result.out


def test_a_spider_name_with_dots_and_dashes_is_kept_whole(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, _scrapy({"x.py": "quotes-2.0"}))
    assert facts["entry"] == "exec scrapy crawl quotes-2.0"


SLIDERS = (
    "import numpy as np\nfrom bokeh.io import curdoc\nfrom bokeh.models import Slider\n\n"
    "slider = Slider(title='offset', value=0.0, start=-5.0, end=5.0)\ncurdoc().add_root(slider)\n"
)


def test_a_bokeh_server_app_runs_under_bokeh_serve(tmp_path: Path) -> None:
    # Bokeh's examples/server/app/sliders.py: ran as `python sliders.py`, which builds a document and exits.
    facts, _ = _facts(tmp_path, {"requirements.txt": "bokeh\nnumpy\n", "sliders.py": SLIDERS})
    assert facts["entry"] == (
        'exec bokeh serve sliders.py --address 0.0.0.0 --port "$PORT" --allow-websocket-origin "*"'
    )
    assert facts["port"] == "5006"


def test_a_bokeh_script_that_writes_html_stays_a_script(tmp_path: Path) -> None:
    plot = "from bokeh.plotting import figure, output_file, save\n\np = figure()\noutput_file('p.html')\nsave(p)\n"
    facts, _ = _facts(tmp_path, {"requirements.txt": "bokeh\n", "plot.py": plot})
    assert (facts["entry_kind"], facts["entry"]) == ("file", "plot.py")


def _cookiecutter(tmp_path: Path) -> dict[str, str]:
    """cookiecutter-django's shape: manage.py names settings.local, wsgi.py settings.production; local.py adds apps
    only requirements/local.txt installs, and requirements.txt points at production.txt (Heroku's convention)."""
    files = _split("mysite.settings.production")
    files["manage.py"] = MANAGE.format(settings="mysite.settings.local")
    files["mysite/settings/local.py"] = files.pop("mysite/settings/dev.py") + "INSTALLED_APPS = ['debug_toolbar']\n"
    files["requirements/local.txt"] = "-r base.txt\ndjango-debug-toolbar\n"
    files["requirements.txt"] = "-r requirements/production.txt\n"
    return files


def test_the_settings_module_the_installed_requirements_go_with_is_served(tmp_path: Path) -> None:
    # Without requirements.txt, scaffold installs requirements/production.txt; the image used to set
    # DJANGO_SETTINGS_MODULE=settings.local (manage.py's), whose debug_toolbar that file does not install:
    # collectstatic stopped the build with ModuleNotFoundError.
    files = _cookiecutter(tmp_path)
    del files["requirements.txt"]
    facts, notes = _facts(tmp_path, files)
    assert facts["django_settings"] == "mysite.settings.production"
    assert any(
        "manage.py names mysite.settings.local and the server's module mysite.settings.production, which the "
        "installed production requirements go with" in n
        for n in notes
    )
    assert any("mysite.settings.production reads SECRET_KEY ALLOWED_HOSTS DATABASE_URL" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "DJANGO_SETTINGS_MODULE=mysite.settings.production" in text
    assert "DJANGO_SETTINGS_MODULE=mysite.settings.local" not in text


def test_manage_py_s_module_stays_when_the_requirements_say_nothing_of_either(tmp_path: Path) -> None:
    files = _cookiecutter(tmp_path)
    del files["requirements.txt"]
    files["requirements/production.txt"], files["requirements/base.txt"] = "", "django\ngunicorn\n"
    files["requirements.txt"] = files.pop("requirements/base.txt")
    facts, notes = _facts(tmp_path, files)
    assert facts["django_settings"] == "mysite.settings.local"
    assert any("the image sets DJANGO_SETTINGS_MODULE=mysite.settings.local for both" in n for n in notes)


def test_a_requirements_txt_that_only_includes_production_txt_counts_as_it(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, _cookiecutter(tmp_path))
    assert facts["django_settings"] == "mysite.settings.production"


ALEMBIC_INI = "[alembic]\nscript_location = alembic\nprepend_sys_path = .\nsqlalchemy.url = sqlite:///./sql_app.db\n"
FASTAPI_DB = (
    "from fastapi import FastAPI\nfrom sqlalchemy import create_engine\n\n"
    "engine = create_engine('sqlite:///./sql_app.db')\napp = FastAPI()\n\n@app.get('/')\ndef items():\n    return []\n"
)


def test_a_fastapi_app_on_sqlite_runs_its_alembic_migrations_at_start(tmp_path: Path) -> None:
    # FastAPI + SQLAlchemy + Alembic on SQLite: the database is not shipped, so every query answered 500
    # ("no such table") until someone ran `alembic upgrade head` in the container.
    files = {
        "requirements.txt": "fastapi\nuvicorn\nsqlalchemy\nalembic\n",
        "main.py": FASTAPI_DB,
        "alembic.ini": ALEMBIC_INI,
        "alembic/env.py": "from alembic import context\n",
        "alembic/versions/1_items.py": "revision = '1'\n",
    }
    facts, notes = _facts(tmp_path, files)
    assert (facts["init_command"], facts["init_guard"]) == ("alembic upgrade head", "")
    assert any("the SQLite schema comes from `alembic upgrade head`" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "alembic upgrade head" in text
    assert_lint_clean(tmp_path / "Dockerfile")


def test_alembic_on_postgres_is_left_to_the_person(tmp_path: Path) -> None:
    # A server database may not be up when the container starts: its migrations stay the person's call.
    files = {
        "requirements.txt": "fastapi\nuvicorn\nsqlalchemy\nalembic\npsycopg2-binary\n",
        "main.py": FASTAPI_DB.replace("sqlite:///./sql_app.db", "postgresql://db/app"),
        "alembic.ini": ALEMBIC_INI.replace("sqlite:///./sql_app.db", "postgresql://db/app"),
        "alembic/env.py": "from alembic import context\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert not facts.get("init_command")


def test_a_sqlite_url_default_migrates_at_start(tmp_path: Path) -> None:
    # dj-database-url's `config(default="sqlite:///…")`: SQLite unless DATABASE_URL says otherwise; the database
    # is not shipped, so pages reading it failed (no such table) until migrate ran.
    settings = (
        "import dj_database_url\nfrom pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
        "SECRET_KEY = 'x'\nWSGI_APPLICATION = 'core.wsgi.application'\n"
        "DATABASES = {'default': dj_database_url.config(default=f\"sqlite:///{BASE_DIR / 'db.sqlite3'}\")}\n"
    )
    files = {
        "manage.py": MANAGE.format(settings="core.settings"),
        "core/__init__.py": "",
        "core/settings.py": settings,
        "core/wsgi.py": WSGI.format(settings="core.settings"),
        "requirements.txt": "django\ndj-database-url\ngunicorn\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["migrate_at_start"], facts["writable_dirs"]) == (True, ".")


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("sanic server:app", 'exec sanic server:app --host 0.0.0.0 --port "$PORT"'),
        ("sanic server:app -H 0.0.0.0 -p 9000", "exec sanic server:app -H 0.0.0.0 -p 9000"),
        ("daphne chat.asgi:application", 'exec daphne chat.asgi:application -b 0.0.0.0 -p "$PORT"'),
        ("daphne -u /tmp/d.sock chat.asgi:application", "exec daphne -u /tmp/d.sock chat.asgi:application"),
        ("litestar --app app:app run", 'exec litestar --app app:app run --host 0.0.0.0 --port "$PORT"'),
        ("granian --interface asgi main:app", 'exec granian --interface asgi main:app --host 0.0.0.0 --port "$PORT"'),
        ("fastapi run main.py", 'exec fastapi run main.py --host 0.0.0.0 --port "$PORT"'),
        ("waitress-serve --call app:create_app", 'exec waitress-serve --port "$PORT" --call app:create_app'),
        ("waitress-serve --listen=*:9000 app:app", "exec waitress-serve --listen=*:9000 app:app"),
    ],
)
def test_a_procfile_server_that_listens_on_loopback_is_told_all_interfaces_and_port(
    tmp_path: Path, line: str, entry: str
) -> None:
    # `web: sanic server:app` listened on 127.0.0.1:8000: verify's listen check failed (loopback only);
    # `waitress-serve app:app` listened on 8080, not the image's port.
    facts, _ = _facts(tmp_path, {"requirements.txt": "sanic\n", "server.py": "", "Procfile": f"web: {line}\n"})
    assert facts["entry"] == entry
