"""The Python template for every installer and runtime: renders, passes hadolint, parses with BuildKit's parser,
and keeps installer tools and compilers out of the final stage. (The examples build the common paths for real.)
"""

from __future__ import annotations

from pathlib import Path

import dockerfile
import pytest

from tests.conftest import assert_lint_clean, run_cli

INSTALLERS = {
    "requirements": {"requirements.txt": "flask\n", "app.py": ""},
    "pip": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "app.py": ""},
    "setuppy": {"setup.py": "from setuptools import setup\nsetup(name='x')\n", "app.py": ""},
    "uv": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "uv.lock": "version = 1\n", "app.py": ""},
    "poetry": {"pyproject.toml": '[tool.poetry]\nname = "x"\n', "poetry.lock": "", "app.py": ""},
    "pdm": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "pdm.lock": "", "app.py": ""},
    "pipenv": {"Pipfile": "[packages]\n", "Pipfile.lock": "{}", "app.py": ""},
    "pipfile": {"Pipfile": '[packages]\nflask = "==3.0"\n', "app.py": ""},
    "none": {"app.py": ""},
}
TOOL_WORDS = ("pip install", "poetry", "pdm ", "pipenv", "uv ", "gcc")


def final_stage(text: str) -> str:
    return text[text.rindex("\nFROM ") :]


@pytest.mark.parametrize("runtime", ["slim", "distroless"])
@pytest.mark.parametrize("installer", sorted(INSTALLERS))
def test_every_installer_renders_lint_clean(installer: str, runtime: str, tmp_path: Path) -> None:
    for rel, content in INSTALLERS[installer].items():
        (tmp_path / rel).write_text(content, encoding="utf-8")
    sets = ["--set", f"runtime={runtime}", "--set", "runtime_packages=libpq5", "--set", "build_packages=libpq-dev"]
    result = run_cli("init", "--yes", "--lang", "python", *sets, tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "Dockerfile"
    text = path.read_text(encoding="utf-8")
    assert f"({installer}, " in text.splitlines()[0]

    assert_lint_clean(path)
    stages = [c for c in dockerfile.parse_file(str(path)) if c.cmd == "FROM"]
    assert [s.value[-1] for s in stages][-4:] == ["build", "test", "dev", "runtime"]

    final = final_stage(text)
    assert not [w for w in TOOL_WORDS if w in final], final
    if runtime == "distroless":
        assert "gcr.io/distroless/python3-debian12:nonroot" in final
        assert "apt-get" not in final and "NOTE: distroless cannot install libpq5" in final
    else:
        assert "apt-get install -y --no-install-recommends libpq5" in final


DJANGO_SETTINGS = (
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n"
    "STATIC_ROOT = BASE_DIR / 'staticfiles'\nMEDIA_ROOT = BASE_DIR / 'media'\n"
)
VARIANTS = {
    "requirements with -e . install after COPY": (
        {
            "requirements.txt": "flask\n-e .\n",
            "setup.py": "from setuptools import setup\nsetup(name='x')\n",
            "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        },
        (),
        ["COPY . .\n# The requirements name paths in the project (-e .)", "install -r requirements.txt"],
    ),
    "requirements one folder down, app run from that folder": (
        {
            "backend/requirements.txt": "flask\n",
            "backend/app.py": "from flask import Flask\nimport views\napp = Flask(__name__)\n",
            "backend/views.py": "",
        },
        (),
        [
            "--mount=type=bind,source=backend/requirements.txt,target=/app/backend/requirements.txt",
            "install -r backend/requirements.txt",
            "WORKDIR /app/backend",
        ],
    ),
    "a Procfile worker runs behind tini through a shell that execs it": (
        {"requirements.txt": "celery\n", "Procfile": "worker: celery -A tasks worker -l $LOG_LEVEL\n"},
        (),
        [
            'ENTRYPOINT ["/usr/bin/tini", "--"]',
            'CMD ["/bin/sh", "-c", "exec celery -A tasks worker -l $LOG_LEVEL"]',
            "COPY --from=tini /usr/bin/tini /usr/bin/tini",
        ],
    ),
    "uvicorn reads PORT through sh on slim": (
        {"requirements.txt": "fastapi\nuvicorn\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n"},
        (),
        ['"exec /opt/venv/bin/uvicorn \\"$0\\" --host 0.0.0.0 --port \\"${PORT:-8000}\\"", "main:app"]', "PORT=8000"],
    ),
    "uvicorn in exec form on distroless (no shell)": (
        {"requirements.txt": "fastapi\nuvicorn\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n"},
        ("--set", "runtime=distroless"),
        ['CMD ["/opt/venv/bin/uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]'],
    ),
    "a Procfile with $PORT on distroless gets the port in exec form": (
        {"requirements.txt": "gunicorn\nflask\n", "Procfile": "web: gunicorn app:app --bind 0.0.0.0:$PORT\n"},
        ("--set", "runtime=distroless"),
        ['CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]'],
    ),
    "Django with SQLite and MEDIA_ROOT: writable directories, no static server claimed": (
        {
            "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
            "site_cfg/settings.py": DJANGO_SETTINGS,
            "requirements.txt": "django\ngunicorn\n",
        },
        (),
        [
            "RUN mkdir -p /app /app/media \\\n    && chgrp 10001 /app /app/media \\\n    && chmod 1775 /app /app/media",
            "nothing in this image serves them",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variants_render_lint_clean(name: str, tmp_path: Path) -> None:
    files, sets, wanted = VARIANTS[name]
    for rel, content in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    result = run_cli("init", "--yes", "--lang", "python", *sets, tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "Dockerfile"
    text = path.read_text(encoding="utf-8")
    missing = [w for w in wanted if w not in text]
    assert not missing, f"{missing} not in:\n{text}"
    assert_lint_clean(path)
    if "Django" in name:
        ignored = (tmp_path / ".dockerignore").read_text(encoding="utf-8").splitlines()
        assert "**/*.sqlite3" in ignored and "media" in ignored


def test_no_entry_point_is_refused_at_init_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("requests\n", encoding="utf-8")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "util.py").write_text("X = 1\n", encoding="utf-8")
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "error: no entry point found (no web app, console script, `python -m` package, Procfile or script at the "
        "root): pass --set entry_kind=file --set entry=path/to/script.py (or gunicorn/uvicorn module:app, script, "
        "module, command)"
    ]
    assert not (tmp_path / "Dockerfile").exists()
    chosen = run_cli("init", "--yes", "--lang", "python", "--set", "entry=lib/util.py", tmp_path)
    assert chosen.code == 0, chosen.err
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "/opt/venv/bin/python", "lib/util.py"]' in (
        tmp_path / "Dockerfile"
    ).read_text(encoding="utf-8")


def test_an_entry_a_person_chooses_brings_its_server_and_init(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("flask\n", encoding="utf-8")
    (tmp_path / "run.py").write_text("if __name__ == '__main__':\n    pass\n", encoding="utf-8")
    sets = ["--set", "entry_kind=gunicorn", "--set", "entry=web:app"]
    result = run_cli("init", "--yes", "--lang", "python", *sets, tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert 'install "gunicorn==23.0.0"' in text
    assert "tini" not in text, "gunicorn handles SIGTERM itself"


def test_a_python_version_override_derives_its_debian_release_and_notes_again(tmp_path: Path) -> None:
    """Issue 19 item 8: 3.13 exists only on trixie (catalogue); the same run's notes do not keep the old version."""
    (tmp_path / "requirements.txt").write_text("flask\n", encoding="utf-8")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n", encoding="utf-8")
    (tmp_path / ".python-version").write_text("3.12\n", encoding="utf-8")  # no 3.12 image here: 3.11 or 3.13
    result = run_cli("init", "--yes", "--set", "python_version=3.11", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim-bookworm AS runtime" in text
    notes = [line for line in result.out.splitlines() if line.startswith("note:")]
    assert "note: python_version=3.11 (--set) replaces the detected 3.13" in notes
    assert not [n for n in notes if "using 3.13" in n], notes

    (tmp_path / ".python-version").write_text("3.11\n", encoding="utf-8")
    result = run_cli("init", "--yes", "--force", "--set", "python_version=3.13", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.13-slim-trixie AS runtime" in text
    assert "bookworm" not in text
