"""The dev stage's command (issue 21.2) is decided per framework in the providers, and every generated
Dockerfile has a `dev` stage before its final stage (so a plain build still ends at the image)."""

from __future__ import annotations

import pytest

from scaffold.providers.node.dev import NO_DEV
from scaffold.providers.node.dev import dev_command as node_dev
from scaffold.providers.python.dev import dev_command as python_dev
from tests.conftest import EXAMPLE_LIST, GOLDEN, Example


@pytest.mark.parametrize(
    ("values", "framework", "command"),
    [
        (
            {"entry_kind": "uvicorn", "entry": "app.main:app", "port": "8001"},
            "FastAPI",
            "exec uvicorn app.main:app --reload --host 0.0.0.0 --port 8001",
        ),
        (
            {"entry_kind": "gunicorn", "entry": "app:app", "port": "5050"},
            "Flask",
            "exec flask --app app:app --debug run --host 0.0.0.0 --port 5050",
        ),
        (
            {"entry_kind": "gunicorn", "entry": "site.wsgi:application", "port": ""},
            "",
            "exec gunicorn --reload --bind 0.0.0.0:8000 site.wsgi:application",
        ),
        (
            {
                "entry_kind": "gunicorn",
                "entry": "mysite.wsgi:application",
                "django_settings": "mysite.settings",
                "port": "8002",
                "migrate_at_start": True,
            },
            "Django",
            "python manage.py migrate --noinput && exec python manage.py runserver 0.0.0.0:8002",
        ),
        ({"entry_kind": "module", "entry": "hello_c"}, "", "exec python -m hello_c"),
    ],
)
def test_python_dev_command_uses_the_frameworks_reloader(
    values: dict[str, object], framework: str, command: str
) -> None:
    assert python_dev(values, framework) == command  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "command"),
    [
        (
            {"dev_script": "vite", "package_manager": "npm", "run_command": "npm run", "port": "8080"},
            "exec npm run dev -- --host 0.0.0.0 --port 8080",
        ),
        (
            {"dev_script": "next dev", "package_manager": "pnpm", "run_command": "pnpm run", "port": "3000"},
            "exec pnpm run dev -H 0.0.0.0 -p 3000",
        ),
        ({"dev_script": "nodemon server.js", "package_manager": "npm", "run_command": "npm run"}, "exec npm run dev"),
        ({"dev_script": "", "start": "node server.js", "framework": "node"}, "exec node --watch server.js"),
        ({"dev_script": "", "start": "node index.js", "framework": "spa"}, NO_DEV),
    ],
)
def test_node_dev_command_binds_every_address_with_the_tools_flag(values: dict[str, object], command: str) -> None:
    assert node_dev(values) == command  # type: ignore[arg-type]


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.name)
def test_every_dockerfile_has_a_dev_stage_before_the_final_one(example: Example) -> None:
    lines = (GOLDEN / example.name / "Dockerfile").read_text().splitlines()
    stages = [line.split()[-1] if " AS " in line else "" for line in lines if line.startswith("FROM ")]
    assert "dev" in stages[:-1], stages
    makefile = (GOLDEN / example.name / "Makefile").read_text()
    # With compose.yaml, make dev is compose's dev service (which builds the same stage); else the stage itself.
    assert ("--profile dev watch" if example.sets.get("compose") == "true" else "--target dev") in makefile
