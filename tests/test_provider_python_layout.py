"""The Python install steps are decided in Python (python_layout) and only read by the template: what a user sees is
the Dockerfile's RUN lines, and no layer (--set, a record in a cloned repo) can put a mount or a command there."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml

from scaffold import values
from scaffold.builtin_templates import builtin_template
from scaffold.models import Value
from scaffold.providers.python.layout import LAYOUT_KEYS, layout
from scaffold.template.render import read_variables
from tests.conftest import assert_lint_clean, run_cli, write_tree

INSTALLERS = ("requirements", "pip", "setuppy", "uv", "poetry", "pdm", "pipenv", "pipfile", "none")
FLAGS: tuple[dict[str, Value], ...] = (
    {},
    {"requirements_local": True, "install_project": True, "install_server": True},
    {"uv_workspace": "a/pyproject.toml b/pyproject.toml", "uv_all_packages": True},
    {"dev_requirements": "requirements-dev.txt", "dev_extra": "dev", "test_packages": "pytest httpx>=0.27"},
)


@pytest.mark.parametrize(("installer", "runtime"), list(itertools.product(INSTALLERS, ("slim", "distroless"))))
def test_every_decided_value_is_of_the_kind_the_template_declares(installer: str, runtime: str) -> None:
    declared = {v.key: v.kind for v in read_variables(builtin_template("python"))}
    for flags in FLAGS:
        option_values = {"installer": installer, "runtime": runtime, "poetry_version": "2.5.1", **flags}
        decided = layout(option_values)
        assert set(decided) == set(LAYOUT_KEYS)
        for key, value in decided.items():
            assert key in declared, f"{key} is decided but not a variable of the template"
            values.check(values.kind_of(key, declared[key]), str(value))


def _poetry_project(root: Path) -> None:
    write_tree(
        root,
        {
            "pyproject.toml": '[tool.poetry]\nname = "x"\nversion = "1"\n'
            '[tool.poetry.dependencies]\npython = "^3.11"\n',
            "poetry.lock": "",
            "app.py": "print(1)\n",
        },
    )


def test_a_recorded_command_cannot_reach_the_build(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _poetry_project(project)
    assert run_cli("init", "--yes", "--lang", "python", project).code == 0
    before = (project / "Dockerfile").read_text()
    record = yaml.safe_load((project / ".scaffold.yaml").read_text())
    # Of the decided kinds, so validation lets them through: only the decision stops them.
    record["answers"] = {"deps_run": "uv run evil.example", "deps_mounts": "--mount=type=bind,source=.,target=/x"}
    (project / ".scaffold.yaml").write_text(yaml.safe_dump(record))
    result = run_cli("init", "--yes", "--force", project)
    assert result.code == 0, result.err
    text = (project / "Dockerfile").read_text()
    assert text == before
    assert "evil" not in text and "target=/x" not in text


def test_set_cannot_replace_an_install_step(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _poetry_project(project)
    result = run_cli("init", "--yes", "--lang", "python", "--set", "test_run=/opt/pdm/bin/pdm run evil", project)
    assert result.code == 0, result.err
    text = (project / "Dockerfile").read_text()
    assert "run evil" not in text
    assert "/opt/poetry/bin/poetry export --all-groups" in text


def test_test_packages_follow_a_no_deps_install_on_their_own_line(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _poetry_project(project)
    result = run_cli("init", "--yes", "--lang", "python", "--set", "test_packages=pytest httpx>=0.27", project)
    assert result.code == 0, result.err
    path = project / "Dockerfile"
    test_stage = path.read_text().split("AS test\n", 1)[1].split("# The test command", 1)[0]
    assert test_stage.splitlines() == [
        "RUN --mount=type=cache,target=/root/.cache/pip \\",
        "    /opt/poetry/bin/poetry export --all-groups --format requirements.txt --output "
        "/tmp/requirements-dev.txt \\",
        "    && /usr/local/bin/python3 -m pip --python /opt/venv/bin/python install --no-deps -r "
        "/tmp/requirements-dev.txt \\",
        '    && /usr/local/bin/python3 -m pip --python /opt/venv/bin/python install "pytest" "httpx>=0.27"',
    ]
    assert_lint_clean(path)


def test_dev_requirements_and_test_packages_resolve_in_one_pip_install(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_tree(project, {"requirements.txt": "flask\n", "requirements-dev.txt": "ruff\n", "app.py": "print(1)\n"})
    result = run_cli("init", "--yes", "--lang", "python", "--set", "test_packages=pytest", project)
    assert result.code == 0, result.err
    text = (project / "Dockerfile").read_text()
    assert (
        "    /usr/local/bin/python3 -m pip --python /opt/venv/bin/python install -r requirements-dev.txt"
        ' "pytest"\n# The test command'
    ) in text


def test_pipenv_exports_through_a_redirect(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_tree(project, {"Pipfile": "[packages]\n", "Pipfile.lock": "{}", "app.py": "print(1)\n"})
    assert run_cli("init", "--yes", "--lang", "python", project).code == 0
    path = project / "Dockerfile"
    text = path.read_text()
    assert "    /opt/pipenv/bin/pipenv requirements > /tmp/requirements.txt \\\n    && " in text
    assert "+>" not in text and " + " not in text
    assert_lint_clean(path)


@pytest.mark.parametrize(
    ("kind", "runtime", "init"),
    [
        ("gunicorn", "slim", False),
        ("gunicorn", "distroless", False),
        ("uvicorn", "slim", False),
        ("uvicorn", "distroless", False),
        ("script", "slim", True),
        ("module", "slim", False),
        ("file", "distroless", True),
        ("command", "slim", True),
        ("command", "distroless", False),
    ],
)
def test_the_start_lines_carry_the_entry_as_one_json_string(kind: str, runtime: str, init: bool) -> None:
    from scaffold.providers.python.start import start
    from scaffold.values import check, kinds

    entry = "app:app\"]' $(touch /tmp/x) `id` ; <&> é"
    got = start({"entry_kind": kind, "entry": entry, "runtime": runtime, "init": init, "port": "8000"})
    words = [*json.loads(str(got["start_entrypoint"] or "[]")), *json.loads(str(got["start_cmd"] or "[]"))]
    if init and kind in ("script", "module", "file", "command"):
        assert words[:2] == ["/usr/bin/tini", "--"]
    # The entry is one argument, byte for byte (a script's after its venv path); a command's runs under sh -c.
    assert any(w.endswith(entry) for w in words) if kind != "command" or runtime == "slim" else words, words
    for key in ("start_entrypoint", "start_cmd"):
        if got[key]:
            assert check(kinds()["exec_form"], str(got[key])) == got[key]
    assert "\n" not in str(got["start_comment"])
