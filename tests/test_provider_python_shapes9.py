"""Round-9 Python shapes (hunt 9): extras that pull in the server (`fastapi[standard]`), a public PyPI mirror named
by an included requirements file, a UDP server's EXPOSE, a loopback host in a launch() call written over several
lines, a front-end folder whose build writes into the app's static folder, Streamlit's own config port, dlib."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from scaffold.providers.python.manifest import provided
from tests.conftest import assert_lint_clean, run_cli, write_tree


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


FASTAPI = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    return {}\n'


@pytest.mark.parametrize(
    "files",
    [
        {"requirements.txt": "fastapi[standard]>=0.115\n"},
        {"requirements.txt": "FastAPI[Standard] ; python_version >= '3.9'\n"},
        {"pyproject.toml": '[project]\nname = "api"\nversion = "0"\ndependencies = ["fastapi[standard]"]\n'},
        {
            "pyproject.toml": '[build-system]\nrequires = ["poetry-core"]\n'
            'build-backend = "poetry.core.masonry.api"\n\n[tool.poetry]\nname = "api"\nversion = "0"\n\n'
            "[tool.poetry.dependencies]\n"
            'python = "^3.11"\nfastapi = {version = "*", extras = ["standard"]}\n',
            "api/__init__.py": "",
        },
        {"Pipfile": '[packages]\nfastapi = {version = "*", extras = ["standard"]}\n'},
    ],
    ids=["requirements", "marker", "pep621", "poetry", "pipfile"],
)
def test_an_extra_that_pulls_in_uvicorn_provides_it(tmp_path: Path, files: dict[str, str]) -> None:
    # Was a catalogue-pinned uvicorn installed beside the one fastapi[standard] resolved (and replacing it).
    facts, notes = _facts(tmp_path, {"main.py": FASTAPI, **files})
    assert facts["entry_kind"] == "uvicorn" and facts["install_server"] is False
    assert not any("uvicorn runs the app but is not among the dependencies" in n for n in notes)


def test_a_plain_requirement_still_gets_the_server(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"main.py": FASTAPI, "requirements.txt": "fastapi\n"})
    assert facts["install_server"] is True


def test_provided_reads_only_the_extras_the_catalogue_knows() -> None:
    assert provided("Litestar", ["standard"])[:2] == ["litestar", "uvicorn"]
    assert provided("celery", ["redis", "msgpack"]) == ["celery", "redis"]
    assert provided("flask", []) == ["flask"]


FLASK = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n"
MIRROR = "-i https://pypi.tuna.tsinghua.edu.cn/simple\n"


def test_a_mirror_in_an_included_requirements_file_is_left_out_of_every_file(tmp_path: Path) -> None:
    # pip read base.txt's -i too: only the first file's line was left out, and the build failed at the mirror.
    files = {
        "app.py": FLASK,
        "requirements.txt": "-r requirements/prod.txt\n",
        "requirements/prod.txt": "-r base.txt\ngunicorn==23.0.0\n",
        "requirements/base.txt": MIRROR + "flask==3.0.3\n",
    }
    facts, notes = _facts(tmp_path, files)
    assert facts["requirements_mirror"] == "pypi.tuna.tsinghua.edu.cn"
    assert any("requirements.txt (with the files it includes) names the PyPI mirror" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "for f in requirements.txt requirements/prod.txt requirements/base.txt; do" in dockerfile
    assert "install -r /tmp/requirements/requirements.txt" in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_private_index_in_an_included_file_keeps_every_file(tmp_path: Path) -> None:
    files = {
        "app.py": FLASK,
        "requirements.txt": MIRROR + "-r base.txt\n",
        "base.txt": "--index-url https://pypi.example.internal/simple\nflask\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert "requirements_mirror" not in facts


UDP = (
    "import socket\n\nsock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nsock.bind(('0.0.0.0', 5353))\n"
    "while True:\n    data, addr = sock.recvfrom(512)\n    sock.sendto(data, addr)\n"
)


def test_a_udp_server_exposes_its_port_as_udp(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"server.py": UDP})
    assert facts["udp_port"] == "5353" and facts["port"] == ""
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "\nEXPOSE 5353/udp\n" in dockerfile and "EXPOSE 5353\n" not in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


GRADIO_LINES = (
    "import gradio as gr\n\ndemo = gr.Interface(fn=str.upper, inputs='text', outputs='text')\n\n"
    "if __name__ == '__main__':\n    demo.launch(\n        server_name=\"127.0.0.1\",\n        server_port=7860,\n"
    "    )\n"
)


def test_a_loopback_host_in_a_call_over_several_lines_is_seen(tmp_path: Path) -> None:
    # The host sat on its own line, without `launch(`: the container listened on 127.0.0.1 only.
    facts, notes = _facts(tmp_path, {"app.py": GRADIO_LINES, "requirements.txt": "gradio\n"})
    assert facts["listen_all"] is True
    assert any("app.py:7 listens on 127.0.0.1" in n for n in notes)


def test_a_loopback_client_over_several_lines_is_no_server(tmp_path: Path) -> None:
    client = "import redis\n\nr = redis.Redis(\n    host='localhost',\n    port=6379,\n)\n"
    facts, _ = _facts(tmp_path, {"app.py": FLASK, "cache.py": client, "requirements.txt": "flask\nredis\n"})
    assert "listen_all" not in facts


VITE = '{"name": "frontend", "private": true, "scripts": {"dev": "vite", "build": "vite build"}}'
VITE_CONFIG = 'export default { build: { outDir: "../app/static", emptyOutDir: true } };\n'


def test_a_frontend_folder_that_builds_into_the_app_feeds_the_assets_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was no assets stage: the app's static/ (git-ignored build output) was missing from the image.
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    files = {
        "app/main.py": FLASK,
        "app/__init__.py": "",
        "requirements.txt": "flask\n",
        "frontend/package.json": VITE,
        "frontend/package-lock.json": "{}",
        "frontend/vite.config.js": VITE_CONFIG,
    }
    facts, notes = _facts(tmp_path, files)
    assert facts["assets_dir"] == "frontend"
    assert facts["assets_manifests"] == "frontend/package.json frontend/package-lock.json"
    assert any(n.startswith("frontend/package.json builds the front-end assets (npm run build)") for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "WORKDIR /app/frontend\nCOPY frontend/package.json frontend/package-lock.json ./\n" in dockerfile
    assert "\nCOPY . /app/\nRUN npm run build" in dockerfile
    assert "\nfrontend/node_modules\n" in (tmp_path / ".dockerignore").read_text()
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_frontend_folder_that_builds_into_itself_is_left_alone(tmp_path: Path) -> None:
    # A separately deployed SPA (its own dist/): not the Python app's assets.
    files = {
        "app.py": FLASK,
        "requirements.txt": "flask\n",
        "frontend/package.json": VITE,
        "frontend/vite.config.js": "export default { build: { outDir: 'dist' } };\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert not any(k.startswith("assets_") for k in facts)


STREAMLIT = "import streamlit as st\n\nst.title('Dashboard')\n"


def test_streamlit_serves_on_the_port_its_config_names(tmp_path: Path) -> None:
    config = "[server]\nport = 8502\nheadless = true\n"
    files = {"Home.py": STREAMLIT, "requirements.txt": "streamlit\n", ".streamlit/config.toml": config}
    facts, _ = _facts(tmp_path, files)
    assert facts["port"] == "8502"


@pytest.mark.parametrize("config", ["[server]\nport = 'x'\n", "not toml = [\n", "[server]\nheadless = true\n"])
def test_streamlit_keeps_its_default_without_a_usable_config_port(tmp_path: Path, config: str) -> None:
    files = {"Home.py": STREAMLIT, "requirements.txt": "streamlit\n", ".streamlit/config.toml": config}
    facts, _ = _facts(tmp_path, files)
    assert facts["port"] == "8501"


def test_dlib_gets_cmake_and_a_cpp_compiler_and_a_memory_note(tmp_path: Path) -> None:
    # Failed in its CMake step: the build stage had gcc but no make or g++ (nor cmake for dlib 19's sdist).
    facts, notes = _facts(tmp_path, {"app.py": FLASK, "requirements.txt": "flask\nface_recognition\n"})
    assert {"cmake", "make", "g++", "gcc"} <= set(str(facts["build_packages"]).split())
    assert any(n.startswith("face-recognition: face_recognition requires dlib") for n in notes)


def test_a_procfile_that_cds_into_manage_pys_folder_runs_from_there(tmp_path: Path) -> None:
    # `web: cd src && gunicorn config.wsgi` ran `cd src` again inside WORKDIR /app/src: "can't cd to src".
    manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n"
    files = {
        "src/manage.py": manage,
        "src/config/__init__.py": "",
        "src/config/settings.py": "SECRET_KEY = 'x'\nWSGI_APPLICATION = 'config.wsgi.application'\n",
        "src/config/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = 0\n",
        "requirements.txt": "django\ngunicorn\n",
        "Procfile": "web: cd src && gunicorn config.wsgi --log-file -\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert facts["app_dir"] == "src"
    assert facts["entry"] == "exec gunicorn config.wsgi --log-file -"


NO_MANIFEST_APP = (
    "import os\n\nimport cv2\nimport requests\nfrom flask import Flask\nfrom sklearn.linear_model import Ridge\n"
    "import mystery_lib\nimport helpers\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n"
)


def test_a_project_with_no_manifest_installs_what_its_code_imports(tmp_path: Path) -> None:
    # Was an image with gunicorn alone: ModuleNotFoundError: No module named 'flask' at start.
    files = {"app.py": NO_MANIFEST_APP, "helpers.py": "X = 1\n", "tests/test_app.py": "import pytest\n"}
    facts, notes = _facts(tmp_path, files)
    assert facts["import_requirements"] == "Flask opencv-python-headless requests scikit-learn"
    assert any("the code imports mystery_lib, which no manifest lists" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    wanted = 'install "Flask" "opencv-python-headless" "requests" "scikit-learn" "gunicorn==23.0.0"\n'
    assert wanted in dockerfile and "# The server (gunicorn" not in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_an_imported_server_gives_way_to_its_pinned_requirement(tmp_path: Path) -> None:
    app = "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    write_tree(tmp_path, {"main.py": app})
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert 'install "fastapi" "uvicorn==0.34.3"\n' in (tmp_path / "Dockerfile").read_text()


def test_a_project_with_a_manifest_gets_no_imported_requirements(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"app.py": NO_MANIFEST_APP, "requirements.txt": "flask\n"})
    assert "import_requirements" not in facts


def test_manage_py_two_folders_down_is_the_django_app(tmp_path: Path) -> None:
    # Was `python backend/src/manage.py` (Django's help, exit 0): no server at all.
    manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings')\n"
    files = {
        "backend/src/manage.py": manage,
        "backend/src/core/__init__.py": "",
        "backend/src/core/settings.py": "SECRET_KEY = 'x'\nWSGI_APPLICATION = 'core.wsgi.application'\n",
        "backend/src/core/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = 0\n",
        "backend/requirements.txt": "django\ngunicorn\n",
        "docs/example/manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ex.settings')\n",
    }
    facts, _ = _facts(tmp_path, files)
    assert (facts["entry_kind"], facts["entry"], facts["app_dir"]) == (
        "gunicorn",
        "core.wsgi:application",
        "backend/src",
    )


@pytest.mark.parametrize(
    "statement", ['print "hit"', "print 'a %s' % sys.argv", "raise ValueError, 'bad'", "exec 'x = 1'"]
)
def test_python_2_code_is_refused_in_one_line(tmp_path: Path, statement: str) -> None:
    # Was an image whose compileall step failed on the SyntaxError.
    app = f"import sys\nfrom flask import Flask\napp = Flask(__name__)\n\ndef index():\n    {statement}\n"
    write_tree(tmp_path, {"app.py": app, "requirements.txt": "Flask==0.12.2\n"})
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 2
    assert "app.py:6 is Python 2 code, which no Python image runs; port it to Python 3" in result.err
    assert "Traceback" not in result.err + result.out


def test_a_python_3_syntax_error_is_not_called_python_2(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": "def broken(:\n    print('x')\n", "requirements.txt": "flask\n"})
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert "Python 2" not in result.err + result.out


SPACE_README = (
    "---\ntitle: Reverser\nemoji: 🔁\nsdk: {sdk}\nsdk_version: {version}\napp_file: app.py\npinned: false\n---\n\n"
    "Check out the configuration reference at https://huggingface.co/docs/hub/spaces-config-reference\n"
)
SPACE_APP = "import gradio as gr\n\ndemo = gr.Interface(fn=str.upper, inputs='text', outputs='text')\ndemo.launch()\n"


def test_a_hugging_face_space_gets_the_sdk_its_header_names(tmp_path: Path) -> None:
    # The Space installs its SDK itself, so requirements.txt leaves gradio out: the image had none.
    readme = SPACE_README.format(sdk="gradio", version="6.20.0")
    facts, notes = _facts(tmp_path, {"README.md": readme, "app.py": SPACE_APP, "requirements.txt": "numpy\n"})
    assert (facts["install_server"], facts["server_requirement"]) == (True, "gradio==6.20.0")
    assert any(n.startswith("gradio runs the app but is not among the dependencies") for n in notes)


@pytest.mark.parametrize(
    "readme",
    [
        "# Reverser\n",
        SPACE_README.format(sdk="streamlit", version="1.40.1"),
        SPACE_README.format(sdk="gradio", version="$(id)"),
        "---\nsdk: [gradio\n---\n",
    ],
    ids=["no-header", "other-sdk", "no-version", "bad-yaml"],
)
def test_a_launcher_missing_from_the_dependencies_installs_unpinned(tmp_path: Path, readme: str) -> None:
    facts, _ = _facts(tmp_path, {"README.md": readme, "app.py": SPACE_APP, "requirements.txt": "numpy\n"})
    assert (facts["install_server"], facts["server_requirement"]) == (True, "gradio")


def test_a_launcher_among_the_dependencies_is_not_installed_again(tmp_path: Path) -> None:
    readme = SPACE_README.format(sdk="gradio", version="6.20.0")
    facts, _ = _facts(tmp_path, {"README.md": readme, "app.py": SPACE_APP, "requirements.txt": "gradio\n"})
    assert facts["install_server"] is False


def test_packages_txt_installs_its_debian_packages(tmp_path: Path) -> None:
    # Hugging Face Spaces and Streamlit Cloud apt-get install packages.txt: the image had none of them.
    listed = "# system deps\ntesseract-ocr\nffmpeg\nlibgl1\nlibcairo2-dev\nbuild-essential\n$(id)\nffmpeg\n"
    files = {"app.py": "import streamlit as st\n\nst.title('x')\n", "requirements.txt": "streamlit\n"}
    facts, notes = _facts(tmp_path, {**files, "packages.txt": listed})
    assert facts["runtime_packages"] == "tesseract-ocr ffmpeg libgl1"
    assert set(str(facts["build_packages"]).split()) == {"libcairo2-dev", "build-essential"}
    assert any(n.startswith("packages.txt: $(id) is no Debian package name") for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    assert "install -y --no-install-recommends tesseract-ocr ffmpeg libgl1" in (tmp_path / "Dockerfile").read_text()
    assert_lint_clean(tmp_path / "Dockerfile")


@pytest.mark.parametrize("path", ["/usr/share/mime/magic", "/usr/share/mime/mime.cache", "/usr/lib/file/magic.mgc"])
def test_debian_file_type_databases_are_no_private_keys(path: str) -> None:
    # ffmpeg pulls in shared-mime-info, whose magic file names the PEM markers: every such image failed secrets.
    from scaffold.verify.secrets import why_secret

    assert why_secret(path, b"\x00[0:-----BEGIN RSA PRIVATE KEY-----\n\x00") is None
    assert why_secret("/app/data/magic", b"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n")


@pytest.mark.parametrize(("wanted", "chosen"), [("3.7", "3.11"), ("3.12", "3.13"), ("3.99", "3.13")])
def test_a_python_no_image_satisfies_gets_the_nearest_image(tmp_path: Path, wanted: str, chosen: str) -> None:
    # A Pipfile asking for 3.7 got the newest image (3.13), the farthest from what its code was written for.
    pipfile = f'[packages]\nflask = "*"\n\n[requires]\npython_version = "{wanted}"\n'
    facts, notes = _facts(tmp_path, {"app.py": FLASK, "Pipfile": pipfile})
    assert facts["python_version"] == chosen
    assert any(f"using {chosen}, the nearest" in n for n in notes)


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("starlite", "from starlite import Starlite, get\n\napp = Starlite(route_handlers=[])\n"),
        ("blacksheep", "from blacksheep import Application\n\napp = Application()\n"),
    ],
)
def test_starlite_and_blacksheep_apps_are_served_by_uvicorn(tmp_path: Path, module: str, code: str) -> None:
    # Was `python main.py`, which builds the app and exits 0: verify passed a program that serves nothing.
    facts, _ = _facts(tmp_path, {"main.py": code, "requirements.txt": f"{module}\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("uvicorn", "main:app")
