"""Resources a project or a template can exhaust (issue 18 item 5): each bound is one line, exit 2."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from scaffold.template import limits, sources
from tests.conftest import run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/app\n\ngo 1.22\n")
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    return root


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    return lines[0]


def template(root: Path, dockerfile: str, **meta: object) -> Path:
    body = root / "{{cookiecutter.project_dir}}"
    body.mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", **meta}))
    (body / "Dockerfile").write_text(dockerfile)
    return root


def zipped(tmp_path: Path, members: dict[str, bytes]) -> Path:
    archive = tmp_path / "tpl.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("tpl/cookiecutter.json", json.dumps({"project_dir": "p"}))
        zf.writestr("tpl/{{cookiecutter.project_dir}}/Dockerfile", "FROM x\n")
        for name, data in members.items():
            zf.writestr(f"tpl/{name}", data)
    return archive


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_zip_source_must_be_a_regular_file(tmp_path: Path, project: Path, kind: str) -> None:
    archive = tmp_path / "tpl.zip"
    if kind == "fifo":
        os.mkfifo(archive)  # opened without O_NONBLOCK this would wait for a writer forever
    else:
        archive.symlink_to("/dev/zero")  # read whole, this would exhaust memory
    result = run_cli("init", "--yes", "--dry-run", "--template", archive, project)
    assert result.code == 2
    assert "is not a regular file" in one_line_error(result.err)


def test_a_zip_that_expands_past_the_bound_is_refused(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "ZIP_MAX_EXPANDED", 1024 * 1024)
    archive = zipped(tmp_path, {"filler.bin": bytes(3 * 1024 * 1024)})
    assert archive.stat().st_size < 64 * 1024
    result = run_cli("init", "--yes", "--dry-run", "--template", archive, project)
    assert result.code == 2
    assert "expands to more than 1 MB" in one_line_error(result.err)
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "scaffold" / "zip"  # the test's own cache (conftest)
    assert not any(cache.glob("*/*")), "nothing extracted stays in the cache"


def test_a_zip_with_too_many_entries_is_refused(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "ZIP_MAX_EXPANDED", 1024 * 1024)
    monkeypatch.setattr(sources, "ZIP_MAX_MEMBERS", 5)
    archive = zipped(tmp_path, {f"f{i}": b"x" for i in range(10)})
    result = run_cli("init", "--yes", "--dry-run", "--template", archive, project)
    assert result.code == 2
    assert "entries" in one_line_error(result.err)


@pytest.mark.parametrize(
    ("dockerfile", "meta", "expected"),
    [
        ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}FROM x\n", {}, "longer than"),
        ("FROM x\n", {"a": "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"}, "longer"),
        ("{{ 'x' * 3000000 }}\nFROM x\n", {}, "larger than 2 MB"),
        ("{{ 'x' * 4000000000 }}\nFROM x\n", {}, "more than 1024 MB"),
        ("{{ 'x'|center(4000000000) }}\nFROM x\n", {}, "more than 1024 MB"),
    ],
)
def test_an_untrusted_template_cannot_loop_or_allocate_without_bound(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch, dockerfile: str, meta: dict[str, str], expected: str
) -> None:
    # Only the loops need the clock to end them (a quarter second, not the default: they never end by
    # themselves); the size bounds are met long before the default limit even on a loaded machine, where a short
    # limit would cut them short first.
    if expected.startswith("longer"):
        monkeypatch.setattr(limits, "TIMEOUT", 0.25)
    tpl = template(tmp_path / "tpl", dockerfile, **meta)
    result = run_cli("init", "--yes", "--dry-run", "--template", tpl, project)
    assert result.code == 2
    assert expected in one_line_error(result.err)


def test_an_oversized_record_is_refused(project: Path) -> None:
    (project / ".scaffold.yaml").write_text("answers: {}\n" + "#" * (9 * 1024 * 1024) + "\n")
    result = run_cli("init", "--yes", "--dry-run", project)
    assert result.code == 2
    assert ".scaffold.yaml: file is too large" in one_line_error(result.err)


def test_a_template_source_directory_holding_a_fifo_is_refused(tmp_path: Path, project: Path) -> None:
    tpl = template(tmp_path / "tpl", "FROM x\n")
    os.mkfifo(tpl / "{{cookiecutter.project_dir}}" / "Makefile")
    result = run_cli("init", "--yes", "--dry-run", "--template", tpl, project)
    assert result.code == 2
    assert "not a regular file" in one_line_error(result.err)
