"""Round-8 Python shapes (hunt 8): a Quart app that lists hypercorn, Gradio's explicit loopback host, a UDP server,
a committed SQLite sample database the app writes, and a --set entry= that picks another Scrapy spider."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scaffold.project import ProjectDir
from scaffold.providers.python.detect import PythonProvider
from tests.conftest import assert_lint_clean, run_cli, write_tree


def _facts(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, object], tuple[str, ...]]:
    write_tree(tmp_path, files)
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None
    return {f.key: f.value for f in found.facts}, found.notes


QUART = 'from quart import Quart\n\napp = Quart(__name__)\n\n@app.route("/")\nasync def index():\n    return "hi"\n'


def test_a_quart_app_that_lists_hypercorn_is_served_by_hypercorn(tmp_path: Path) -> None:
    # Was served by a uvicorn the image installed, beside the hypercorn the project chose.
    facts, notes = _facts(tmp_path, {"app.py": QUART, "requirements.txt": "quart\nhypercorn\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("command", 'exec hypercorn --bind "0.0.0.0:$PORT" app:app')
    assert facts["install_server"] is False and any("hypercorn among the dependencies" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "uvicorn" not in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_an_asgi_app_that_lists_uvicorn_too_keeps_uvicorn(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"app.py": QUART, "requirements.txt": "quart\nhypercorn\nuvicorn\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("uvicorn", "app:app")


GRADIO = (
    "import gradio as gr\n\ndemo = gr.Interface(fn=str.upper, inputs='text', outputs='text')\n\n"
    "if __name__ == '__main__':\n    demo.launch(server_name=\"127.0.0.1\", server_port=7860)\n"
)


def test_gradio_launched_on_an_explicit_loopback_host_gets_the_start_hook(tmp_path: Path) -> None:
    # GRADIO_SERVER_NAME loses to the launch() argument: the container listened on 127.0.0.1 only.
    facts, notes = _facts(tmp_path, {"app.py": GRADIO, "requirements.txt": "gradio\n"})
    assert facts["listen_all"] is True and facts["port"] == "7860"
    assert any("app.py:6 listens on 127.0.0.1" in n and "server_name='0.0.0.0'" in n for n in notes)


def test_gradio_on_all_interfaces_needs_no_hook(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, {"app.py": GRADIO.replace("127.0.0.1", "0.0.0.0"), "requirements.txt": "gradio\n"})
    assert "listen_all" not in facts


UDP = (
    "import socket\n\nHOST = '0.0.0.0'\nPORT = 9999\n\n\ndef main():\n"
    "    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    sock.bind((HOST, PORT))\n"
    "    while True:\n        data, addr = sock.recvfrom(1024)\n        sock.sendto(data, addr)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_udp_server_is_a_program_not_an_http_server(tmp_path: Path) -> None:
    # Its bind((HOST, PORT)) was taken as a TCP port: EXPOSE 9999 and an HTTP check that could never pass.
    facts, notes = _facts(tmp_path, {"server.py": UDP})
    assert facts["port"] == "" and facts["entry"] == "server.py"
    assert any("a UDP server on port 9999" in n and "-p 9999:9999/udp" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    # hunt9: the port is documented as UDP (no TCP EXPOSE, so verify still runs it as a program).
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "EXPOSE 9999/udp" in dockerfile and "EXPOSE 9999\n" not in dockerfile


def test_a_tcp_socket_server_keeps_its_port(tmp_path: Path) -> None:
    facts, notes = _facts(tmp_path, {"server.py": UDP.replace("SOCK_DGRAM", "SOCK_STREAM")})
    assert facts["port"] == "9999" and not any("UDP" in n for n in notes)


SQLITE_APP = (
    "import sqlite3\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n"
    "    db = sqlite3.connect('chinook.db')\n    db.execute('INSERT INTO visits DEFAULT VALUES')\n"
    "    db.commit()\n    return 'ok'\n"
)


def test_a_committed_sqlite_database_the_app_writes_belongs_to_the_app_user(tmp_path: Path) -> None:
    # Was copied root's: "attempt to write a readonly database" on the first write.
    sqlite3.connect(tmp_path / "chinook.db").execute("CREATE TABLE visits (id INTEGER PRIMARY KEY)").close()
    sqlite3.connect(tmp_path / "other.db").close()  # a database no source opens stays root's
    facts, notes = _facts(tmp_path, {"app.py": SQLITE_APP, "requirements.txt": "flask\n"})
    assert facts["data_files"] == "chinook.db"
    assert any("SQLite database chinook.db it ships" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "RUN chown 10001:10001 /app/chinook.db\n" in dockerfile
    assert dockerfile.index("chown 10001:10001 /app/chinook.db") < dockerfile.index("USER 10001")
    assert_lint_clean(tmp_path / "Dockerfile")


def test_an_sqlalchemy_url_names_the_database_too(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    sqlite3.connect(tmp_path / "db" / "store.sqlite").close()
    app = "from flask import Flask\napp = Flask(__name__)\nURL = 'sqlite:///db/store.sqlite'\n"
    facts, _ = _facts(tmp_path, {"app.py": app, "requirements.txt": "flask\nsqlalchemy\n"})
    assert facts.get("data_files") == "db/store.sqlite" or facts.get("data_dirs") == "db"


SCRAPY = {
    "scrapy.cfg": "[settings]\ndefault = quotes.settings\n",
    "requirements.txt": "scrapy\n",
    "quotes/__init__.py": "",
    "quotes/settings.py": "BOT_NAME = 'quotes'\n",
    "quotes/spiders/__init__.py": "",
    "quotes/spiders/a.py": "import scrapy\n\nclass A(scrapy.Spider):\n    name = 'authors'\n",
    "quotes/spiders/b.py": "import scrapy\n\nclass B(scrapy.Spider):\n    name = 'quotes'\n",
}


def test_a_spider_picked_with_set_entry_drops_the_note_on_the_detected_one(tmp_path: Path) -> None:
    write_tree(tmp_path, SCRAPY)
    result = run_cli("init", "--yes", "--lang", "python", "--set", "entry=scrapy crawl quotes", tmp_path)
    assert result.code == 0
    assert "runs `exec scrapy crawl authors`" not in result.err + result.out
    assert "entry=scrapy crawl quotes (--set) replaces the detected" in result.err + result.out


TAILWIND = (
    '{"name": "site", "main": "index.js", "scripts": {"build:css": "tailwindcss -i in.css -o static/dist/out.css", '
    '"watch:css": "tailwindcss -i in.css -o static/dist/out.css --watch"}, "devDependencies": {"tailwindcss": "^3"}}'
)
FLASK = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n"


def test_a_flask_app_whose_package_json_only_builds_css_is_generated_for_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was generated for Node (`node dist/index.js`, a guess from the build script) with only a note on Python.
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    write_tree(tmp_path, {"app.py": FLASK, "requirements.txt": "flask\n", "package.json": TAILWIND})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0
    assert "using python" in result.err + result.out
    assert "npm run build:css" in result.err + result.out
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "node:22-bookworm-slim AS assets" in dockerfile and "RUN npm run build:css" in dockerfile
    assert "COPY --from=assets /app ./" in dockerfile and "\nCOPY . .\n" in dockerfile.split("AS build")[0]
    assert_lint_clean(tmp_path / "Dockerfile")


def test_an_asset_script_name_that_is_no_word_gets_no_stage(tmp_path: Path) -> None:
    manifest = '{"scripts": {"build;rm -rf /": "webpack"}}'
    write_tree(tmp_path, {"app.py": FLASK, "requirements.txt": "flask\n", "package.json": manifest})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None and not any(f.key.startswith("assets_") for f in found.facts)


def test_a_node_app_with_a_start_script_stays_node(tmp_path: Path) -> None:
    manifest = '{"name": "api", "scripts": {"start": "node server.js", "build": "tsc"}}'
    write_tree(tmp_path, {"app.py": FLASK, "requirements.txt": "flask\n", "package.json": manifest})
    found = PythonProvider().detect(ProjectDir(tmp_path))
    assert found is not None and found.score == 100
    assert not any("front-end assets" in n for n in found.notes)


def test_a_mesop_app_is_served_by_gunicorn_as_its_docs_deploy_it(tmp_path: Path) -> None:
    # Was `python main.py`, which defines pages and exits: Mesop's module is the WSGI app (`gunicorn main:me`).
    app = 'import mesop as me\n\n\n@me.page(path="/")\ndef app():\n    me.text("Hello World")\n'
    facts, _ = _facts(tmp_path, {"main.py": app, "requirements.txt": "mesop\n"})
    assert (facts["entry_kind"], facts["entry"]) == ("command", 'exec gunicorn --bind "0.0.0.0:$PORT" main:me')
    assert facts["port"] == "8080" and facts["install_server"] is True


NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def test_a_voila_notebook_is_served_on_all_interfaces(tmp_path: Path) -> None:
    # Was refused: no script, only a notebook and voila in the requirements.
    facts, notes = _facts(tmp_path, {"dashboard.ipynb": NOTEBOOK, "requirements.txt": "voila\nipywidgets\n"})
    assert facts["entry"] == 'exec voila dashboard.ipynb --no-browser --Voila.ip=0.0.0.0 --port="$PORT"'
    assert facts["port"] == "8866"
    assert any("no dependency gives it a kernel: add ipykernel" in n for n in notes)


def test_several_voila_notebooks_are_served_as_a_list(tmp_path: Path) -> None:
    files = {"a.ipynb": NOTEBOOK, "b.ipynb": NOTEBOOK, "requirements.txt": "voila\n"}
    facts, _ = _facts(tmp_path, files)
    assert facts["entry"] == 'exec voila --no-browser --Voila.ip=0.0.0.0 --port="$PORT"'


def test_a_reflex_app_is_refused_in_one_line(tmp_path: Path) -> None:
    # Was `python rxconfig.py`: the config file ran and the container exited at once.
    files = {
        "rxconfig.py": 'import reflex as rx\n\nconfig = rx.Config(app_name="demo")\n',
        "demo/__init__.py": "",
        "demo/demo.py": "import reflex as rx\n\napp = rx.App()\n",
        "requirements.txt": "reflex\n",
    }
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--lang", "python", tmp_path)
    assert result.code == 2 and not (tmp_path / "Dockerfile").exists()
    assert "a Reflex app (rxconfig.py)" in result.err and "Traceback" not in result.err + result.out


MIRRORED = "-i https://pypi.tuna.tsinghua.edu.cn/simple\nflask==3.1.0\n"


def test_a_public_pypi_mirror_as_the_requirements_index_is_left_out(tmp_path: Path) -> None:
    # pip read the file's -i over its own settings: a build that reaches PyPI but not the mirror failed.
    facts, notes = _facts(tmp_path, {"app.py": FLASK, "requirements.txt": MIRRORED})
    assert facts["requirements_mirror"] == "pypi.tuna.tsinghua.edu.cn"
    assert any("names the PyPI mirror pypi.tuna.tsinghua.edu.cn" in n for n in notes)
    assert run_cli("init", "--yes", "--lang", "python", tmp_path).code == 0
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "requirements.txt > ./.requirements-pypi.txt" in dockerfile
    assert "install -r ./.requirements-pypi.txt" in dockerfile
    assert_lint_clean(tmp_path / "Dockerfile")


def test_a_private_index_stays_in_the_requirements(tmp_path: Path) -> None:
    private = "--index-url https://pypi.example.internal/simple\nflask\n"
    facts, _ = _facts(tmp_path, {"app.py": FLASK, "requirements.txt": private})
    assert "requirements_mirror" not in facts
