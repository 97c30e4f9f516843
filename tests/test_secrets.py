"""The secrets catalogue (scaffold/catalogue/secrets.toml): every entry reaches each language's .dockerignore,
keeps its planted file out of the build context (as Docker matches the lines), and is named by verify's scan."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaffold import secret_files
from scaffold.verify import secrets
from scaffold.verify.layers import Entry, Layer
from tests.conftest import EXAMPLES, assert_lint_clean, run_cli
from tests.secret_samples import HARMLESS, SAMPLES, TOKENED_YARNRC, plant, planted

LANGUAGE_EXAMPLES = ("go-http", "node-express", "python-flask")


def _component(part: str) -> str:
    out, i = "", 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "[" and "]" in part[i:]:
            end = part.index("]", i)
            out += part[i : end + 1]
            i = end
        else:
            out += re.escape(ch)
        i += 1
    return out


def _pattern(line: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker matches it: `**` any number of directories, `*` within one name."""
    parts = line.strip("/").split("/")
    body = "".join(
        "(?:[^/]+/)*" if p == "**" else _component(p) + ("/" if i < len(parts) - 1 else "") for i, p in enumerate(parts)
    )
    return re.compile(body)


def excluded(dockerignore: str, rel: str) -> bool:
    """True if Docker leaves `rel` out of the build context: the last line matching it or a parent decides."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    out = False
    for raw in dockerignore.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        rx = _pattern(line.removeprefix("!"))
        if any(rx.fullmatch(p) for p in prefixes):
            out = not negate
    return out


def test_every_catalogue_entry_has_samples_it_names() -> None:
    rules = {r.id: r for r in secret_files.rules()}
    assert set(SAMPLES) == set(rules), "one sample set per catalogue entry"
    for rule_id, files in SAMPLES.items():
        for rel, text in files.items():
            assert rules[rule_id].named(rel), (rule_id, rel)
            assert secret_files.why_secret(rel, text.encode("latin-1")) is not None, rel


@pytest.mark.parametrize("rel", sorted(HARMLESS))
def test_near_misses_are_no_secrets(rel: str) -> None:
    assert secret_files.why_secret(rel, HARMLESS[rel].encode()) is None
    assert secrets.why_secret("/app/" + rel, HARMLESS[rel].encode()) is None


@pytest.mark.parametrize("example", LANGUAGE_EXAMPLES)
def test_rendered_dockerignore_keeps_every_catalogue_entry_out(example: str, tmp_path: Path) -> None:
    project = tmp_path / example
    shutil.copytree(EXAMPLES / example, project)
    secret = plant(project)
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    text = (project / ".dockerignore").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "# secrets (scaffold/catalogue/secrets.toml): never sent to the builder, so no stage can copy them" in lines
    for rule in secret_files.rules():
        if rule.content is None:
            for glob in (*rule.names, *rule.dirs, *rule.paths):
                assert f"**/{glob}" in lines, (rule.id, glob)
        for keep in rule.keep:
            assert f"!**/{keep}" in lines, (rule.id, keep)
    # Files a content rule calls secret are listed by path.
    for rule_id in ("npmrc", "yarnrc", "pypirc", "pip-conf", "service-account"):
        for rel in SAMPLES[rule_id]:
            assert rel in lines, rel
    for rel in secret:
        assert excluded(text, rel), f"{rel} would reach the build context"
    for rel in HARMLESS:
        assert not excluded(text, rel), f"{rel} is no secret but is kept out"
    # No stage copies a secret by name (it is not in the context: the build would fail to find it).
    copies = [line for line in (project / "Dockerfile").read_text(encoding="utf-8").splitlines() if "COPY" in line]
    for rel in secret:
        assert not any(re.search(rf"[ /]{re.escape(rel)}( |$)", line) for line in copies), rel


def test_verify_scan_names_every_planted_file() -> None:
    files = planted()
    layer = Layer(3, "COPY . /app")
    for rel, text in files.items():
        path = "/app/" + rel
        data = text.encode("latin-1")
        layer.entries[path] = Entry(path, len(data), 0o644, True)
        layer.texts[path] = data
    found = {f.path for f in secrets.scan([layer])}
    assert found == {"/app/" + rel for rel in files}


def test_npmrc_with_a_password_in_its_registry_url_is_a_build_secret(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "s"}', encoding="utf-8")
    (tmp_path / "package-lock.json").write_text("{}", encoding="utf-8")
    (tmp_path / "index.js").write_text("", encoding="utf-8")
    (tmp_path / ".npmrc").write_text("registry=https://ci:hunter2@npm.example.com/\n", encoding="utf-8")
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "--mount=type=secret,id=npmrc,target=/app/.npmrc" in (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert ".npmrc" in (tmp_path / ".dockerignore").read_text(encoding="utf-8").splitlines()


def test_npmrc_without_a_credential_stays_in_the_install(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "s"}', encoding="utf-8")
    (tmp_path / "package-lock.json").write_text("{}", encoding="utf-8")
    (tmp_path / "index.js").write_text("", encoding="utf-8")
    (tmp_path / ".npmrc").write_text("registry=https://npm.example.com/\n", encoding="utf-8")
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "--mount=type=bind,source=.npmrc,target=/app/.npmrc" in dockerfile and "id=npmrc" not in dockerfile
    assert not excluded((tmp_path / ".dockerignore").read_text(encoding="utf-8"), ".npmrc")


def test_a_key_file_with_an_odd_name_is_listed_as_a_safe_line(tmp_path: Path) -> None:
    project = tmp_path / "python-flask"
    shutil.copytree(EXAMPLES / "python-flask", project)
    odd = "keys/my key (prod)$x.json"
    (project / "keys").mkdir()
    (project / odd).write_text(SAMPLES["service-account"]["deploy/acme-prod-0123456789ab.json"], encoding="utf-8")
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    text = (project / ".dockerignore").read_text(encoding="utf-8")
    assert "keys/my?key??prod??x.json" in text.splitlines()
    assert excluded(text, odd)


def test_yarnrc_with_a_token_reaches_every_yarn_step_as_a_build_secret(tmp_path: Path) -> None:
    project = tmp_path / "node-yarn-berry"
    shutil.copytree(EXAMPLES / "node-yarn-berry", project)
    with (project / ".yarnrc.yml").open("a", encoding="utf-8") as fh:
        fh.write(TOKENED_YARNRC)
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert "source=.yarnrc.yml" not in dockerfile
    mounts = dockerfile.count("--mount=type=secret,id=yarnrc,target=/app/.yarnrc.yml")
    assert mounts == dockerfile.count("--mount=type=bind,source=package.json") + dockerfile.count("RUN yarn run")
    assert excluded((project / ".dockerignore").read_text(encoding="utf-8"), ".yarnrc.yml")
    assert "--secret id=yarnrc$(comma)src=.yarnrc.yml" in (project / "Makefile").read_text(encoding="utf-8")
    assert_lint_clean(project / "Dockerfile")


def test_yarnrc_without_a_token_is_mounted_into_the_install(tmp_path: Path) -> None:
    project = tmp_path / "node-yarn-berry"
    shutil.copytree(EXAMPLES / "node-yarn-berry", project)
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert (
        "--mount=type=bind,source=.yarnrc.yml,target=/app/.yarnrc.yml" in dockerfile and "id=yarnrc" not in dockerfile
    )
    assert not excluded((project / ".dockerignore").read_text(encoding="utf-8"), ".yarnrc.yml")


def test_content_rules_skip_big_files_and_fifos(tmp_path: Path) -> None:
    project = tmp_path / "python-flask"
    shutil.copytree(EXAMPLES / "python-flask", project)
    big = '{"type": "service_account", "pad": "' + "x" * (secret_files.CONTENT_LIMIT + 1) + '"}'
    (project / "fixtures.json").write_text(big, encoding="utf-8")
    os.mkfifo(project / "pipe.json")  # reading it would block: it is never opened
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err
    lines = (project / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "fixtures.json" not in lines and "pipe.json" not in lines


def test_a_go_app_that_reads_a_secret_file_gets_no_copy_of_it(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/app\n\ngo 1.24\n", encoding="utf-8")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "os"\n\nfunc main() {\n'
        '\tos.ReadFile("secrets.yaml")\n\tos.ReadFile("config.yaml")\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "secrets.yaml").write_text("token: fake\n", encoding="utf-8")
    (tmp_path / "config.yaml").write_text("port: 8080\n", encoding="utf-8")
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "config.yaml" in dockerfile and "secrets.yaml" not in dockerfile


WORD_BOUNDED = {
    "an AWS access key": rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "a GitHub token": rb"\bgh[pousr]_[A-Za-z0-9]{36}\b",
    "a Slack token": rb"\bxox[abprs]-[A-Za-z0-9-]{10,}",
    "an npm token": rb"\bnpm_[A-Za-z0-9]{36}\b",
}
"""The token rules as `\\b` writes them; the catalogue opens each with its literal instead (fast), same matches."""


@given(
    what=st.sampled_from(sorted(WORD_BOUNDED)),
    before=st.binary(max_size=3) | st.sampled_from([b"", b"x", b"_", b" ", b"=", b"a1"]),
    cut=st.integers(min_value=0, max_value=3),
    after=st.binary(max_size=3) | st.sampled_from([b"", b"x", b"_", b" ", b"\n", b"-"]),
)
def test_token_rules_match_where_their_word_bounded_form_does(what: str, before: bytes, cut: int, after: bytes) -> None:
    token = {"an AWS access key": b"AKIAABCDEFGHIJKLMNOP", "a GitHub token": b"ghp_" + b"a1" * 18}
    token |= {"a Slack token": b"xoxb-1234567890", "an npm token": b"npm_" + b"A9" * 18}
    data = before + token[what][: len(token[what]) - cut] + after
    rule = dict(secret_files.anywhere())[what]
    found, expected = rule.search(data), re.compile(WORD_BOUNDED[what]).search(data)
    assert (found and found.span()) == (expected and expected.span()), data
