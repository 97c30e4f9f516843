"""compose.yaml: services detected from dependencies (a row per catalogue entry per language), the variables
an app reads, and the generated file as a user gets it (valid against the Compose Specification's schema)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scaffold.project import ProjectDir
from scaffold.providers import detect_all
from scaffold.services import catalogue
from scaffold.values import kinds
from tests.conftest import TESTS, run_cli, write_tree

SCHEMA = json.loads((TESTS / "fixtures" / "compose-spec.json").read_text(encoding="utf-8"))
CATALOGUE = tomllib.loads((Path(catalogue.__file__).parents[1] / "catalogue" / "services.toml").read_text())


def _python(dep: str, code: str = "") -> dict[str, str]:
    return {"requirements.txt": f"{dep}\nflask\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" + code}


def _node(dep: str, code: str = "") -> dict[str, str]:
    manifest = {"name": "app", "version": "1.0.0", "scripts": {"start": "node server.js"}}
    manifest["dependencies"] = {dep: "1.0.0"}
    return {"package.json": json.dumps(manifest), "server.js": "console.log('hi')\n" + code}


def _go(module: str, code: str = "") -> dict[str, str]:
    return {
        "go.mod": f"module example.com/app\n\ngo 1.24\n\nrequire {module} v1.0.0\n",
        "main.go": 'package main\n\nimport "os"\n\nfunc main() {\n\t_ = os.Args\n' + code + "}\n",
    }


PROJECTS = {"python": _python, "node": _node, "go": _go}


def _go_module(pattern: str) -> str:
    # A `prefix*` row matches every module below the prefix: try one with a major-version suffix.
    return pattern[:-1] + "/v5" if pattern.endswith("*") else pattern


def _facts(root: Path, language: str) -> dict[str, str]:
    [found] = [d for d in detect_all(ProjectDir(root)) if d.language == language]
    return {f.key: str(f.value) for f in found.facts if f.key.startswith("compose_")}


ROWS = [(lang, dep, svc) for lang, rows in CATALOGUE["dependencies"].items() for dep, svc in rows.items()]


@pytest.mark.parametrize(("language", "dependency", "service"), ROWS, ids=[f"{r[0]}-{r[1]}" for r in ROWS])
def test_each_dependency_row_detects_its_service(tmp_path: Path, language: str, dependency: str, service: str) -> None:
    dep = _go_module(dependency) if language == "go" else dependency
    write_tree(tmp_path, PROJECTS[language](dep))
    facts = _facts(tmp_path, language)
    assert facts["compose_services"] == service
    var = catalogue.services()[service].variables[0]
    assert f"{var}={service}" in facts["compose_links"].split()


PLAIN = {"python": "flask", "node": "express", "go": "github.com/x/y"}
"""A dependency per language that means no service."""


@pytest.mark.parametrize(("language", "dependency"), list(PLAIN.items()))
def test_a_dependency_that_is_no_service_detects_none(tmp_path: Path, language: str, dependency: str) -> None:
    write_tree(tmp_path, PROJECTS[language](dependency))
    assert "compose_services" not in _facts(tmp_path, language)


@pytest.mark.parametrize(("provider", "service"), list(CATALOGUE["prisma"].items()))
def test_prisma_schema_provider_names_the_service(tmp_path: Path, provider: str, service: str) -> None:
    files = _node("@prisma/client")
    files["prisma/schema.prisma"] = f'datasource db {{\n  provider = "{provider}"\n  url = env("DATABASE_URL")\n}}\n'
    write_tree(tmp_path, files)
    assert _facts(tmp_path, "node")["compose_services"] == service


@pytest.mark.parametrize(
    ("deps", "broker"), [("celery", "redis"), ("celery\nkombu", "rabbitmq"), ("celery[redis]\npika", "rabbitmq")]
)
def test_celerys_broker_is_rabbitmq_when_an_amqp_client_is_there_else_redis(
    tmp_path: Path, deps: str, broker: str
) -> None:
    write_tree(
        tmp_path,
        _python(deps, 'import os\nB = os.environ["CELERY_BROKER_URL"]\nR = os.getenv("CELERY_RESULT_BACKEND")\n'),
    )
    links = _facts(tmp_path, "python")["compose_links"].split()
    assert f"CELERY_BROKER_URL={broker}" in links and "CELERY_RESULT_BACKEND=redis" in links


def test_the_service_kind_names_exactly_the_catalogue() -> None:
    pattern = kinds()["service_key"].pattern
    assert pattern is not None
    assert set(pattern.pattern.split("|")) == set(catalogue.services())


CODE = {
    "python": 'import os\nA = os.environ["API_KEY"]\nB = os.environ.get("DEBUG")\nC = os.getenv(\'LOG_LEVEL\', "x")\n',
    "node": "process.env.API_KEY;\nprocess.env['DEBUG'];\nprocess.env[\"LOG_LEVEL\"];\n",
    "go": '\t_ = os.Getenv("API_KEY")\n\t_, _ = os.LookupEnv("DEBUG")\n\t_ = os.Getenv("LOG_LEVEL")\n',
}


@pytest.mark.parametrize("language", list(CODE))
def test_env_names_the_code_reads(tmp_path: Path, language: str) -> None:
    write_tree(tmp_path, PROJECTS[language](PLAIN[language], CODE[language]))
    assert _facts(tmp_path, language)["compose_env"] == "API_KEY DEBUG LOG_LEVEL"


def test_env_names_of_an_invalid_kind_are_left_out(tmp_path: Path) -> None:
    files = _node("express", "process.env.lower_case; process.env.OK_NAME\n")
    write_tree(tmp_path, files)
    assert _facts(tmp_path, "node")["compose_env"] == "OK_NAME"


def test_a_real_env_files_values_never_reach_compose(tmp_path: Path) -> None:
    files = _python("psycopg", 'import os\nKEY = os.environ["SECRET_KEY"]\n')
    files[".env.example"] = "SECRET_KEY=changeme\nexport FEATURE_FLAG=1\n# COMMENTED=1\n"
    files[".env"] = "SECRET_KEY=hunter2-real-secret\nONLY_IN_DOT_ENV=1\n"
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--compose", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "compose.yaml").read_text()
    assert "hunter2" not in text and "changeme" not in text and "ONLY_IN_DOT_ENV" not in text
    env = yaml.safe_load(text)["services"]["app"]["environment"]
    # Passed through without a value: compose takes it from the shell or .env when set, else leaves it unset.
    assert env["SECRET_KEY"] is None and env["FEATURE_FLAG"] is None
    assert "COMMENTED" not in env


def _validate(doc: dict[str, Any]) -> None:
    """The Compose Specification's schema, with `develop` checked here (the vendored schema predates it)."""
    stripped = json.loads(json.dumps(doc))
    for service in stripped["services"].values():
        develop = service.pop("develop", None)
        if develop is not None:
            for rule in develop["watch"]:
                assert rule["action"] in ("sync", "rebuild", "sync+restart") and isinstance(rule["path"], str)
                assert set(rule) <= {"action", "path", "target", "ignore"}
    jsonschema.Draft201909Validator(SCHEMA).validate(stripped)


WITH_SERVICES = {
    "python": _python("psycopg[binary]\nredis\ncelery", 'import os\nB = os.getenv("CELERY_BROKER_URL")\n'),
    "node": _node("pg", "const r = process.env.REDIS_URL\n"),
    "go": _go("github.com/jackc/pgx/v5", '\t_ = os.Getenv("DATABASE_URL")\n'),
}


@pytest.mark.parametrize("language", list(WITH_SERVICES))
def test_generated_compose_is_valid_and_wires_the_services(tmp_path: Path, language: str) -> None:
    write_tree(tmp_path, WITH_SERVICES[language])
    result = run_cli("init", "--yes", "--compose", tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "compose.yaml").read_text()
    doc = yaml.safe_load(text)
    _validate(doc)
    app = doc["services"]["app"]
    assert app["depends_on"]["db"] == {"condition": "service_healthy"}
    db = doc["services"]["db"]
    assert db["image"] == "postgres:17-bookworm" and db["healthcheck"]["test"][0] == "CMD"
    assert db["secrets"] == ["postgres_password"]
    assert doc["secrets"]["postgres_password"]["file"] == "./.secrets/postgres_password"
    assert "POSTGRES_PASSWORD_FILE" in db["environment"] and "POSTGRES_PASSWORD" not in db["environment"]
    assert app["environment"]["DATABASE_URL"].startswith("postgresql://app:${POSTGRES_PASSWORD:?")
    assert doc["services"]["dev"]["profiles"] == ["dev"] and doc["services"]["dev"]["build"]["target"] == "dev"
    # Where make up writes the passwords is a secret folder of the catalogue: never in the build context.
    assert re.search(r"^\*\*/\.secrets$", (tmp_path / ".dockerignore").read_text(), re.M)
    makefile = (tmp_path / "Makefile").read_text()
    assert re.search(r"^up: .*## ", makefile, re.M) and re.search(r"^down: ", makefile, re.M)
    assert re.search(r"^logs: ", makefile, re.M)
    assert "make up" in result.out and ".gitignore" in result.out


def test_compose_off_writes_no_compose_file_and_no_compose_targets(tmp_path: Path) -> None:
    write_tree(tmp_path, WITH_SERVICES["python"])
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert not (tmp_path / "compose.yaml").exists()
    assert not re.search(r"^up:", (tmp_path / "Makefile").read_text(), re.M)
    # .secrets/ stays out of the context with compose off too: it is in the secrets catalogue, not compose's own.
    assert re.search(r"^\*\*/\.secrets$", (tmp_path / ".dockerignore").read_text(), re.M)


def test_compose_is_recorded_so_check_keeps_it(tmp_path: Path) -> None:
    write_tree(tmp_path, WITH_SERVICES["node"])
    assert run_cli("init", "--yes", "--compose", tmp_path).code == 0
    assert run_cli("check", tmp_path).code == 0
    # A new dependency on Redis: the recorded compose option keeps compose.yaml generated, now out of date.
    manifest = json.loads((tmp_path / "package.json").read_text())
    manifest["dependencies"]["ioredis"] = "5.0.0"
    (tmp_path / "package.json").write_text(json.dumps(manifest))
    result = run_cli("check", tmp_path)
    assert result.code != 0 and "compose.yaml" in result.out + result.err
    assert run_cli("update", tmp_path).code == 0
    assert yaml.safe_load((tmp_path / "compose.yaml").read_text())["services"]["cache"]["image"] == "redis:7-bookworm"


def test_an_unknown_service_is_refused_in_one_line(tmp_path: Path) -> None:
    write_tree(tmp_path, WITH_SERVICES["python"])
    result = run_cli("init", "--yes", "--compose", "--set", "compose_services=oracle", tmp_path)
    assert result.code == 2
    assert "compose_services" in result.err and len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "compose.yaml").exists()


def test_make_up_creates_the_password_once_and_hands_it_to_compose(tmp_path: Path) -> None:
    import stat
    import subprocess

    write_tree(tmp_path, WITH_SERVICES["python"])
    assert run_cli("init", "--yes", "--compose", tmp_path).code == 0
    # COMPOSE names a stand-in for `docker compose` that prints the password it was given.
    fake = tmp_path / "fake-compose"
    fake.write_text('#!/bin/sh\necho "compose $* password=$POSTGRES_PASSWORD"\n')
    fake.chmod(0o755)
    runs = [
        subprocess.run(["make", "up", f"COMPOSE={fake}"], cwd=tmp_path, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    secret = tmp_path / ".secrets" / "postgres_password"
    password = secret.read_text()
    assert re.fullmatch(r"[0-9a-f]{32}", password)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    for done in runs:  # the second run keeps the first password
        assert f"compose up --build --detach --wait password={password}" in done.stdout
    assert password not in (tmp_path / "compose.yaml").read_text()


@pytest.mark.parametrize(
    ("files", "services"),
    [
        (_node("ioredis"), {"app", "dev", "cache"}),
        (_python("flask"), {"app", "dev"}),
        (_go("github.com/x/y"), {"app", "dev"}),
    ],
    ids=["redis-only", "python-no-service", "go-no-service"],
)
def test_compose_without_passwords_has_no_secrets(tmp_path: Path, files: dict[str, str], services: set[str]) -> None:
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", "--compose", tmp_path)
    assert result.code == 0, result.err
    doc = yaml.safe_load((tmp_path / "compose.yaml").read_text())
    _validate(doc)
    assert set(doc["services"]) == services and "secrets" not in doc
    assert "POSTGRES_PASSWORD" not in (tmp_path / "Makefile").read_text()
