"""Worker processes in compose.yaml: a service per worker, built from the app's Dockerfile like the app, its own
command in exec form, the app's environment and depends_on, no ports. A row per shape scaffold finds (Procfile
processes, Celery with its app module, rq, package.json worker scripts, BullMQ), and the rows that find none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_cli, write_tree
from tests.test_compose import _node, _python, _validate

WEB = "web: gunicorn app:app\n"


def _node_scripts(deps: dict[str, str], scripts: dict[str, str], files: dict[str, str]) -> dict[str, str]:
    manifest = {"name": "app", "version": "1.0.0", "scripts": {"start": "node server.js", **scripts}}
    manifest["dependencies"] = {"express": "4.0.0", **deps}
    server = "const app = require('express')();\napp.listen(3000);\n"
    return {"package.json": json.dumps(manifest), "server.js": server, **files}


def _go(mains: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """A Go module with a main package per folder (`.` for the root): the first serves on 8080, the others run."""
    files = {"go.mod": "module example.com/shop\n\ngo 1.24\n\nrequire github.com/redis/go-redis/v9 v9.7.0\n"}
    files["go.sum"] = ""
    for i, folder in enumerate(mains):
        body = 'http.ListenAndServe(":8080", nil)' if i == 0 else "_ = http.DefaultClient"
        main = f'package main\n\nimport "net/http"\n\n// {mains[folder]}\nfunc main() {{\n\t{body}\n}}\n'
        files["main.go" if folder == "." else f"{folder}/main.go"] = main
    return {**files, **(extra or {})}


SHAPES: dict[str, tuple[dict[str, str], dict[str, list[str]]]] = {
    "procfile-celery-worker-and-beat": (
        {
            **_python("celery\nredis"),
            "Procfile": WEB + "worker: celery -A proj worker\nbeat: celery -A proj beat\nrelease: flask db upgrade\n",
        },
        {"worker": ["celery", "-A", "proj", "worker"], "beat": ["celery", "-A", "proj", "beat"]},
    ),
    "procfile-rq": ({**_python("rq"), "Procfile": WEB + "worker: rq worker\n"}, {"worker": ["rq", "worker"]}),
    "procfile-shell-line": (
        {**_python("celery"), "Procfile": WEB + "worker: celery -A proj worker -c $CONCURRENCY\n"},
        {"worker": ["/bin/sh", "-c", "celery -A proj worker -c $CONCURRENCY"]},
    ),
    "procfile-name-compose-uses": (
        {**_python("redis"), "Procfile": WEB + "cache_warmer: python warm.py\ndb: python sync.py\n"},
        {"cache-warmer": ["python", "warm.py"], "db-worker": ["python", "sync.py"]},
    ),
    "celery-app-module": (
        {
            **_python("celery[redis]"),
            "proj/__init__.py": "",
            "proj/celery.py": "from celery import Celery\napp = Celery('proj')\n",
        },
        {"worker": ["celery", "-A", "proj.celery", "worker", "--loglevel=INFO"]},
    ),
    "rq-dependency": (_python("rq"), {"worker": ["rq", "worker"]}),
    "node-worker-script": (
        _node_scripts(
            {"ioredis": "5.0.0"},
            {"worker": "node worker.js", "worker:emails": "node emails.js"},
            {"worker.js": "// consumes\n", "emails.js": "// sends\n"},
        ),
        {"worker": ["node", "worker.js"], "worker-emails": ["node", "emails.js"]},
    ),
    "node-procfile-npm-run": (
        {
            **_node_scripts({"redis": "4.0.0"}, {"jobs": "node jobs.js"}, {"jobs.js": "// jobs\n"}),
            "Procfile": "web: npm start\nworker: npm run jobs\n",
        },
        {"worker": ["node", "jobs.js"]},
    ),
    "node-bullmq-worker-file": (
        _node_scripts(
            {"bullmq": "5.0.0"},
            {},
            {"queue/worker.js": "const { Worker } = require('bullmq');\nnew Worker('q', async () => {});\n"},
        ),
        {"worker": ["node", "queue/worker.js"]},
    ),
    "go-cmd-worker": (_go({"cmd/api": "serves", "cmd/worker": "consumes"}), {"worker": ["/usr/local/bin/worker"]}),
    "go-root-server-and-cmd-consumer": (
        _go({".": "serves", "cmd/email-consumer": "consumes"}),
        {"email-consumer": ["/usr/local/bin/email-consumer"]},
    ),
    "go-procfile-names-a-second-binary": (
        _go(
            {"cmd/server": "serves", "cmd/mailer": "sends"},
            {"Procfile": "web: bin/server\nworker: bin/mailer -queue mail\nrelease: bin/migrate\n"},
        ),
        {"worker": ["/usr/local/bin/mailer", "-queue", "mail"]},
    ),
    "go-procfile-subcommand-of-the-one-binary": (
        _go({".": "serves"}, {"Procfile": "web: bin/shop serve\nworker: bin/shop worker --queue mail\n"}),
        {"worker": ["/usr/local/bin/shop", "worker", "--queue", "mail"]},
    ),
}

NONE: dict[str, dict[str, str]] = {
    "go-one-main-package": _go({".": "serves"}),
    "go-second-binary-that-is-no-worker": _go({"cmd/api": "serves", "cmd/migrate": "migrates"}),
    "go-procfile-runs-the-app-itself": _go({".": "serves"}, {"Procfile": "web: shop\nclock: bin/shop\n"}),
    "go-procfile-shell-line": _go(
        {"cmd/api": "serves", "cmd/worker": "consumes"}, {"Procfile": "web: bin/api\nworker: bin/worker $QUEUE\n"}
    ),
    "celery-without-app-module": _python("celery"),
    "procfile-without-web-runs-the-worker-as-the-app": {**_python("rq"), "Procfile": "worker: rq worker\n"},
    "bullmq-consumed-in-the-web-process": _node_scripts(
        {"bullmq": "5.0.0"},
        {},
        {"server.js": "const {Worker} = require('bullmq');\nnew Worker('q');\nrequire('express')().listen(3000);\n"},
    ),
    "node-dev-worker-script": _node_scripts({"ioredis": "5.0.0"}, {"worker:dev": "node --watch w.js"}, {"w.js": ""}),
    "plain-redis-client": _node("ioredis"),
}


def _compose(tmp_path: Path, files: dict[str, str], *extra: str) -> dict[str, Any]:
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--compose", *extra, tmp_path)
    assert result.code == 0, result.err
    doc: dict[str, Any] = yaml.safe_load((tmp_path / "compose.yaml").read_text())
    _validate(doc)
    return doc


def _workers(doc: dict[str, Any]) -> dict[str, list[str]]:
    return {name: s["command"] for name, s in doc["services"].items() if "command" in s}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_worker_shape_becomes_a_service_of_the_apps_image(tmp_path: Path, shape: str) -> None:
    files, expected = SHAPES[shape]
    doc = _compose(tmp_path, files)
    assert _workers(doc) == expected
    app = doc["services"]["app"]
    for name in expected:
        worker = doc["services"][name]
        assert worker["build"] == app["build"], "a worker runs the app's own image"
        assert worker["entrypoint"] == [] and worker["init"] is True
        assert "ports" not in worker and "ports" in app
        assert worker.get("environment") == app.get("environment")
        assert worker.get("depends_on") == app.get("depends_on")


@pytest.mark.parametrize("shape", list(NONE))
def test_shapes_that_are_no_worker_get_none(tmp_path: Path, shape: str) -> None:
    assert _workers(_compose(tmp_path, NONE[shape])) == {}


def test_the_worker_waits_for_its_broker_and_reads_its_url(tmp_path: Path) -> None:
    doc = _compose(tmp_path, _python("rq"))
    worker = doc["services"]["worker"]
    assert worker["depends_on"] == {"cache": {"condition": "service_healthy"}}
    # rq's command line reads RQ_REDIS_URL: pointed at the Redis service, like the app's own variable.
    assert worker["environment"]["RQ_REDIS_URL"] == "redis://cache:6379/0"


def test_distroless_runs_node_workers_by_path_and_leaves_out_shell_lines(tmp_path: Path) -> None:
    files, _ = SHAPES["node-worker-script"]
    node = _compose(tmp_path / "node", files, "--set", "runtime=distroless")
    assert _workers(node)["worker"] == ["/nodejs/bin/node", "worker.js"]
    files, _ = SHAPES["procfile-shell-line"]
    python = _compose(tmp_path / "python", files, "--set", "runtime=distroless")
    assert _workers(python) == {}, "distroless has no /bin/sh to run a shell line"


def test_a_person_may_name_the_workers_and_it_is_recorded(tmp_path: Path) -> None:
    value = 'mailer=["python", "-m", "mailer"] + beat=["celery", "-A", "proj", "beat"]'
    doc = _compose(tmp_path, _python("redis"), "--set", f"compose_workers={value}")
    assert _workers(doc) == {"mailer": ["python", "-m", "mailer"], "beat": ["celery", "-A", "proj", "beat"]}
    assert run_cli("check", tmp_path).code == 0


@pytest.mark.parametrize(
    "value",
    [
        "worker=celery -A proj worker",
        'app=["x"]',
        'worker=["a", "b"]\nmore: 1',
        'Worker=["x"]',
        'worker=["a"] + worker=["b"]',
        'worker=["g++", "x"]',
    ],
    ids=["not-exec-form", "name-compose-uses", "newline", "upper-case-name", "a-name-twice", "a-literal-plus"],
)
def test_a_bad_worker_value_is_refused_in_one_line(tmp_path: Path, value: str) -> None:
    write_tree(tmp_path, _python("redis"))
    result = run_cli("init", "--yes", "--compose", "--set", f"compose_workers={value}", tmp_path)
    assert result.code == 2 and "compose_workers" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "compose.yaml").exists()


def test_a_go_worker_binary_ships_in_the_apps_image(tmp_path: Path) -> None:
    """compose.yaml's worker runs a second binary from the app's image: the default image then holds them all
    (all_binaries, decided), and the image still runs the server, whatever order the folders sort in."""
    files, _ = SHAPES["go-cmd-worker"]
    files = {k.replace("cmd/api/", "cmd/server/").replace("cmd/worker/", "cmd/consumer/"): v for k, v in files.items()}
    doc = _compose(tmp_path, files)
    assert _workers(doc) == {"consumer": ["/usr/local/bin/consumer"]}
    final = (tmp_path / "Dockerfile").read_text().split("\nFROM ")[-1]
    assert "COPY --from=build /out/bin/ /usr/local/bin/" in final, "the default image copies every binary"
    assert 'ENTRYPOINT ["/usr/local/bin/server"]' in final, "a worker is not what the image runs"
    assert "all_binaries" not in (tmp_path / ".scaffold.yaml").read_text(), "decided, not recorded as an answer"
    assert run_cli("check", "--strict", tmp_path).code == 0


def test_without_compose_or_with_all_binaries_off_a_go_worker_is_left_out(tmp_path: Path) -> None:
    files, _ = SHAPES["go-cmd-worker"]
    write_tree(tmp_path / "plain", files)
    assert run_cli("init", "--yes", tmp_path / "plain").code == 0
    final = (tmp_path / "plain" / "Dockerfile").read_text().split("\nFROM ")[-1]
    assert "COPY --from=build /out/bin/api /usr/local/bin/" in final, "no compose: the image keeps its one binary"
    doc = _compose(tmp_path / "off", files, "--set", "all_binaries=no")
    assert _workers(doc) == {}, "the worker's binary is not in the image a person asked for"
