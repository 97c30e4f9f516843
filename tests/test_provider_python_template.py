"""The Python template for every installer and runtime: renders, passes hadolint, parses with BuildKit's parser,
and keeps installer tools and compilers out of the final stage. (The examples build the common paths for real.)
"""

from __future__ import annotations

from pathlib import Path

import dockerfile
import pytest

from tests.conftest import assert_lint_clean, run_cli

INSTALLERS = {
    "requirements": {"requirements.txt": "flask\n", "app.py": ""},
    "pip": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "app.py": ""},
    "setuppy": {"setup.py": "from setuptools import setup\nsetup(name='x')\n", "app.py": ""},
    "uv": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "uv.lock": "version = 1\n", "app.py": ""},
    "poetry": {"pyproject.toml": '[tool.poetry]\nname = "x"\n', "poetry.lock": "", "app.py": ""},
    "pdm": {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "pdm.lock": "", "app.py": ""},
    "pipenv": {"Pipfile": "[packages]\n", "Pipfile.lock": "{}", "app.py": ""},
    "none": {"app.py": ""},
}
TOOL_WORDS = ("pip install", "poetry", "pdm ", "pipenv", "uv ", "gcc")


def final_stage(text: str) -> str:
    return text[text.rindex("\nFROM ") :]


@pytest.mark.parametrize("runtime", ["slim", "distroless"])
@pytest.mark.parametrize("installer", sorted(INSTALLERS))
def test_every_installer_renders_lint_clean(installer: str, runtime: str, tmp_path: Path) -> None:
    for rel, content in INSTALLERS[installer].items():
        (tmp_path / rel).write_text(content, encoding="utf-8")
    sets = ["--set", f"runtime={runtime}", "--set", "runtime_packages=libpq5", "--set", "build_packages=libpq-dev"]
    result = run_cli("init", "--yes", "--lang", "python", *sets, tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "Dockerfile"
    text = path.read_text(encoding="utf-8")
    assert f"({installer}, " in text.splitlines()[0]

    assert_lint_clean(path)
    stages = [c for c in dockerfile.parse_file(str(path)) if c.cmd == "FROM"]
    assert [s.value[-1] for s in stages][-3:] == ["build", "test", "runtime"]

    final = final_stage(text)
    assert not [w for w in TOOL_WORDS if w in final], final
    if runtime == "distroless":
        assert "gcr.io/distroless/python3-debian12:nonroot" in final
        assert "apt-get" not in final and "NOTE: distroless cannot install libpq5" in final
    else:
        assert "apt-get install -y --no-install-recommends libpq5" in final
