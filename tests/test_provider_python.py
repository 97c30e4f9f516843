"""The Python provider, table-driven over small project trees written to tmp_path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scaffold.errors import InputError, UsageError
from scaffold.models import Value
from scaffold.project import ProjectDir
from scaffold.providers.python import PythonProvider
from scaffold.providers.python_data import IMAGES_ENV, image_versions
from scaffold.providers.python_manifest import Constraint, poetry_constraint
from scaffold.providers.python_version import satisfies
from tests.conftest import write_tree

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(port=5050)\n"
FASTAPI_APP = "from fastapi import FastAPI\n\napi = FastAPI()\n"
UV_PYPROJECT = (
    '[project]\nname = "svc"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["fastapi", "uvicorn"]\n'
)


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
            "entry": "gunicorn quotes.app:app --bind 0.0.0.0:$PORT",
            "install_server": True,
            "install_project": True,
            "app_name": "quotes_app",
            "python_version": "3.13",
        },
        notes=("gunicorn runs the app but is not among the dependencies", "Procfile uses $PORT"),
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
        ({"requirements.txt": b"fl\xe4sk\n"}, "requirements.txt", "not valid UTF-8"),
        ({"setup.py": "setup(name='x'\n"}, "setup.py", "invalid Python"),
        ({"Pipfile": "[packages\n"}, "Pipfile", "invalid TOML"),
        ({"Pipfile": "[packages]\n", "Pipfile.lock": "{not json"}, "Pipfile.lock", "invalid JSON"),
        ({"pyproject.toml": "[tool.poetry]\n", "poetry.lock": "[[package]\n"}, "poetry.lock", "invalid TOML"),
        ({"requirements.txt": "", ".python-version": "three\n"}, ".python-version", "not a Python version"),
        ({"requirements.txt": "", "runtime.txt": "python-3\n"}, "runtime.txt", "major.minor"),
        ({"Procfile": "web: gunicorn 'a b'\n", "app.py": ""}, "Procfile", "exec form"),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npython = "^three"\n'}, "pyproject.toml", "^three"),
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
