"""Bad input is exit 2 naming the file or value, never the exit-70 catch-all (issue 18 item 7).

One row per class found by the hostile campaign and a fuzz pass over each reader; a property test keeps
every package.json and pyproject field honest for any JSON/TOML value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

NODE = {"name": "a", "scripts": {"start": "node s.js"}}


def init(root: Path, files: dict[str, str], *args: str) -> tuple[int, str]:
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (root / rel).write_text(text)
    result = run_cli("init", "--yes", "--dry-run", *args, root)
    return result.code, result.err


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"package.json": json.dumps({**NODE, "packageManager": "yarn@²"})}, "packageManager"),
        ({"package.json": json.dumps({**NODE, "workspaces": [""]})}, "workspaces: ''"),
        ({"package.json": json.dumps({**NODE, "workspaces": ["/abs"]})}, "workspaces: '/abs'"),
        ({"package.json": json.dumps({**NODE, "workspaces": {"packages": ["../x"]}})}, "workspaces: '../x'"),
        ({"package.json": json.dumps({**NODE, "dependencies": "express"})}, "dependencies: expected an object"),
        ({"package.json": json.dumps({**NODE, "devDependencies": [1]})}, "devDependencies: expected"),
        ({"package.json": '{"name": "a"}', "pnpm-workspace.yaml": "packages: 5\n"}, "pnpm-workspace.yaml: packages"),
        ({"pyproject.toml": '[project]\nname = "../x"\n', "app.py": ""}, "is not a project name"),
        ({"pyproject.toml": '[project]\nname = "a"\ndependencies = [1]\n', "app.py": ""}, "requirement string"),
        ({"Pipfile": "[requires]\npython_version = 5\n", "app.py": ""}, "python_version"),
        ({"Pipfile": "[packages]\nflask = 5\n", "app.py": ""}, "[packages] flask"),
    ],
)
def test_malformed_manifests_are_one_line_exit_2(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    code, err = init(tmp_path / "p", files)
    assert code == 2, err
    assert "internal error" not in err and expected in err


@pytest.mark.parametrize(
    "meta",
    [
        {"_jinja2_env_vars": {"foo": 1}},
        {"_jinja2_env_vars": "x"},
        {"_jinja2_env_vars": {"finalize": "x"}},
        {"_copy_without_render": 5},
        {"_new_lines": 5},
    ],
)
def test_malformed_template_render_keys_are_one_line_exit_2(tmp_path: Path, meta: dict[str, object]) -> None:
    tpl = tmp_path / "tpl"
    (tpl / "{{cookiecutter.project_dir}}").mkdir(parents=True)
    (tpl / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", **meta}))
    (tpl / "{{cookiecutter.project_dir}}" / "Dockerfile").write_text("FROM x\n")
    code, err = init(tmp_path / "p", {"package.json": json.dumps(NODE)}, "--template", str(tpl))
    assert code == 2, err
    assert "cookiecutter.json: _" in err and "internal error" not in err
    validated = run_cli("templates", "validate", tpl)
    assert validated.code != 70 and "internal error" not in validated.out + validated.err


@pytest.mark.parametrize("name", ["SCAFFOLD_GIT_TIMEOUT", "SCAFFOLD_GIT_CONNECT_TIMEOUT", "SCAFFOLD_RENDER_TIMEOUT"])
def test_nan_seconds_are_refused(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from scaffold.errors import TemplateError
    from scaffold.template import limits, sources

    monkeypatch.setenv(name, "nan")
    with pytest.raises(TemplateError, match="nan"):
        if name == "SCAFFOLD_RENDER_TIMEOUT":
            limits.timeout()
        else:
            sources._git_env() if "CONNECT" in name else sources._seconds(name, 1.0)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@pytest.mark.thorough  # 60 generated values, an init each
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(
        ["packageManager", "workspaces", "engines", "scripts", "dependencies", "devDependencies", "main", "type"]
    ),
    value=json_values,
)
def test_no_package_json_field_value_is_an_internal_error(tmp_path: Path, field: str, value: object) -> None:
    root = tmp_path / "fuzz"
    root.mkdir(exist_ok=True)
    (root / "package.json").write_text(json.dumps({**NODE, field: value}))
    result = run_cli("init", "--yes", "--dry-run", root)
    assert result.code in (0, 2), result.err
    assert "internal error" not in result.err


@pytest.mark.thorough  # 60 generated values, an init each
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["name", "dependencies", "requires-python", "scripts", "optional-dependencies"]),
    value=st.one_of(
        st.integers(), st.booleans(), st.text(max_size=12), st.lists(st.one_of(st.integers(), st.text(max_size=8)))
    ),
)
def test_no_pyproject_field_value_is_an_internal_error(tmp_path: Path, field: str, value: object) -> None:
    root = tmp_path / "fuzz"
    root.mkdir(exist_ok=True)
    (root / "app.py").write_text("print(1)\n")
    (root / "pyproject.toml").write_text(f"[project]\n{json.dumps(field)} = {json.dumps(value)}\n")
    result = run_cli("init", "--yes", "--dry-run", root)
    assert result.code in (0, 2), result.err
    assert "internal error" not in result.err
