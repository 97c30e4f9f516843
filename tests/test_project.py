"""ProjectDir: every bad read is one InputError naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.errors import InputError
from scaffold.project import MAX_BYTES, ProjectDir


@pytest.mark.parametrize(
    ("name", "content", "read", "problem"),
    [
        ("package.json", b"{", "read_json", "invalid JSON at line 1"),
        ("pyproject.toml", b"[x", "read_toml", "invalid TOML"),
        ("go.mod", b"\xff\xff", "read_text", "not valid UTF-8"),
        ("big.json", b" " * (MAX_BYTES + 1), "read_json", "too large"),
    ],
)
def test_bad_reads_name_the_file(tmp_path: Path, name: str, content: bytes, read: str, problem: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=problem) as info:
        getattr(ProjectDir(tmp_path), read)(name)
    assert str(info.value).startswith(f"{name}: ")


def test_a_directory_or_missing_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "package.json").mkdir()
    project = ProjectDir(tmp_path)
    with pytest.raises(InputError, match=r"package\.json: is a directory"):
        project.read_text("package.json")
    with pytest.raises(InputError, match=r"nope\.toml: cannot read"):
        project.read_toml("nope.toml")


def test_good_reads_and_bom(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"a": 1}).encode())
    assert ProjectDir(tmp_path).read_json("package.json") == {"a": 1}


def test_walk_and_glob_skip_dependency_and_vcs_dirs(tmp_path: Path) -> None:
    for rel in ("main.go", "cmd/a/main.go", "vendor/x/x.go", "node_modules/y.go", ".git/z.go"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("package x\n")
    project = ProjectDir(tmp_path)
    assert list(project.walk((".go",))) == ["main.go", "cmd/a/main.go"]
    assert project.glob("**/*.go") == ["cmd/a/main.go", "main.go"]
