"""cookiecutter renders into a private staging dir: never into the project, never into the user's home."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scaffold.errors import TemplateError
from scaffold.template.render import read_variables, render

TEMPLATE = Path(__file__).parent / "fixtures" / "mini-template"
FULL: dict[str, str | bool] = {"app_name": "x", "version": "1", "flavor": "full", "build_image": "b:1", "debug": True}


def test_render_returns_files_and_leaves_home_and_cwd_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(cwd)
    files = render(TEMPLATE, {"app_name": "x", "version": "1", "flavor": "full", "build_image": "b:1", "debug": True})
    assert files == {"Dockerfile": b'FROM b:1\nLABEL name="x"\nENV DEBUG=1\n'}
    assert list(home.iterdir()) == [], "cookiecutter must not write replay files or caches into ~"
    assert list(cwd.iterdir()) == []


def test_variables_keep_order_choices_and_prompts() -> None:
    got = [(v.key, v.default, v.choices, v.prompt) for v in read_variables(TEMPLATE)]
    assert got == [
        ("app_name", "app", (), "Image name"),
        ("version", "1.24", (), "Toolchain version"),
        ("flavor", "slim", ("slim", "full"), "Flavor"),
        ("build_image", "toolchain:{{ cookiecutter.version }}-{{ cookiecutter.flavor }}", (), ""),
        ("debug", False, (), "Debug build?"),
    ]


def test_hooks_do_not_run(tmp_path: Path) -> None:
    template = tmp_path / "t"
    shutil.copytree(TEMPLATE, template)
    (template / "hooks").mkdir()
    marker = tmp_path / "hook-ran"
    (template / "hooks" / "post_gen_project.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    render(template, FULL)
    assert not marker.exists()


def test_a_template_error_is_one_line_naming_the_template(tmp_path: Path) -> None:
    template = tmp_path / "t"
    shutil.copytree(TEMPLATE, template)
    (template / "{{cookiecutter.project_dir}}" / "Dockerfile").write_text("FROM {{ cookiecutter.nope }}\n")
    with pytest.raises(TemplateError, match="failed to render") as info:
        render(template, {})
    assert str(template) in str(info.value)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "Expecting property name"),
        (json.dumps({"a": 1}), "must be an object with a 'project_dir' key"),
    ],
)
def test_malformed_cookiecutter_json(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "cookiecutter.json").write_text(content)
    with pytest.raises(TemplateError, match=problem):
        read_variables(tmp_path)


def test_template_symlinks_are_refused(tmp_path: Path) -> None:
    template = tmp_path / "t"
    shutil.copytree(TEMPLATE, template)
    (template / "{{cookiecutter.project_dir}}" / "link").symlink_to("/etc/passwd")
    with pytest.raises(TemplateError, match="symlink"):
        render(template, {})


def _tiny_template(root: Path, body: str, envvars: dict[str, bool]) -> Path:
    (root / "{{cookiecutter.project_dir}}").mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "x": "v", "_jinja2_env_vars": envvars}))
    (root / "{{cookiecutter.project_dir}}" / "Dockerfile").write_text(body)
    return root


@pytest.mark.parametrize("trust", [True, False])
def test_compiled_templates_are_reused_only_for_the_same_source_and_environment(tmp_path: Path, trust: bool) -> None:
    # Two templates at the same relative file name (as every template has), rendered in one process: the
    # compiled-template cache must never hand one the other's code, nor reuse code compiled under other options.
    body = "  {% if true %}\nFROM {{ cookiecutter.x }}\n  {% endif %}\n"
    plain = _tiny_template(tmp_path / "a", body, {})
    stripped = _tiny_template(tmp_path / "b", body, {"lstrip_blocks": True, "trim_blocks": True})
    context = {"x": "v"}
    assert render(plain, context, trust=trust)["Dockerfile"] == b"  \nFROM v\n  \n"
    assert render(stripped, context, trust=trust)["Dockerfile"] == b"FROM v\n"
    (plain / "{{cookiecutter.project_dir}}" / "Dockerfile").write_text("FROM {{ cookiecutter.x }}:2\n")
    assert render(plain, context, trust=trust)["Dockerfile"] == b"FROM v:2\n"
    assert render(stripped, context, trust=trust)["Dockerfile"] == b"FROM v\n"


def test_a_source_string_compiled_once_is_reused_only_by_environments_that_compile_it_alike() -> None:
    # Option defaults and file names render through from_string, whose compiled code is kept for the process:
    # code compiled where it is trusted must never run in the sandbox, nor code compiled under other options.
    from jinja2.exceptions import SecurityError

    from scaffold.template.render import environment

    escape = "{{ ''.__class__.__mro__[1].__name__ }}"
    assert environment(True).from_string(escape).render() == "object"
    with pytest.raises(SecurityError):
        environment(False).from_string(escape).render()
    assert environment(True).from_string(escape).render() == "object"
    body = "  {% if true %}\nx\n  {% endif %}\n"
    stripped = {"cookiecutter": {"_jinja2_env_vars": {"lstrip_blocks": True, "trim_blocks": True}}}
    for trusted in (True, False):
        assert environment(trusted).from_string(body).render() == "  \nx\n  \n"
        assert environment(trusted, stripped).from_string(body).render() == "x\n"
        assert environment(trusted).from_string(body).render() == "  \nx\n  \n"


@pytest.mark.parametrize("trust", [True, False])
def test_c_is_the_context_in_every_file_and_part_without_a_set_line(tmp_path: Path, trust: bool) -> None:
    """`c` is the cookiecutter context, given by scaffold's environment, trusted or sandboxed: a template and its
    included parts read `c.x` from their first line, and a template's own `{% set c = cookiecutter %}` still works."""
    template = tmp_path / "tpl"
    (template / "{{cookiecutter.project_dir}}").mkdir(parents=True)
    (template / "templates").mkdir()
    (template / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "image": "alpine"}))
    (template / "templates" / "user.Dockerfile").write_text("USER {{ c.user }}\n")
    (template / "{{cookiecutter.project_dir}}" / "Dockerfile").write_text(
        "FROM {{ c.image }}\n{% include 'user.Dockerfile' %}"
    )
    (template / "{{cookiecutter.project_dir}}" / "Makefile").write_text(
        "{% set c = cookiecutter %}IMAGE={{ c.image }}\n"
    )
    files = render(template, {"image": "debian", "user": "1000"}, trust=trust)
    assert files["Dockerfile"] == b"FROM debian\nUSER 1000\n"
    assert files["Makefile"] == b"IMAGE=debian\n"
