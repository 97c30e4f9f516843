"""Team templates end to end: a real local git template repo with tagged versions, init → edit → update → check."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import git, run_cli, tree

V1 = """\
# team template v1
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
"""
V2 = V1.replace("# team template v1", "# team template v2: now with labels").replace(
    "WORKDIR /src", "WORKDIR /src\nLABEL team=platform"
)
USER_EDIT = V1.replace("USER 65532:65532", "USER 65532:65532\nENV GODEBUG=madvdontneed=1")


def write_template(root: Path, dockerfile: str, extra: dict[str, str] | None = None) -> None:
    body = root / "{{cookiecutter.project_dir}}"
    body.mkdir(parents=True, exist_ok=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "app_name": "app"}))
    (body / "Dockerfile").write_text(dockerfile)
    (body / ".dockerignore").write_text(".git\n")
    for name, content in (extra or {}).items():
        (body / name).write_text(content)


@pytest.fixture(scope="module")
def built_template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template repo, built once for this module (its own HOME and git identity: the per-test ones come
    later); each test gets a copy."""
    repo = tmp_path_factory.mktemp("built") / "team-templates"
    repo.mkdir()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(repo.parent))
        env.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for var in ("AUTHOR", "COMMITTER"):
            env.setenv(f"GIT_{var}_NAME", "Test")
            env.setenv(f"GIT_{var}_EMAIL", "test@example.com")
        git(repo, "init", "-q", "-b", "main")
        write_template(repo / "go", V1)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "v1")
        git(repo, "tag", "v1")
        write_template(repo / "go", V2)
        git(repo, "commit", "-qam", "v2")
        git(repo, "tag", "v2")
    return repo


@pytest.fixture
def template_repo(built_template_repo: Path, tmp_path: Path) -> Path:
    """A git repo holding a go/ template: tag v1, then v2 changing the top of the Dockerfile (this test's own
    copy: tests commit to it and move its tags)."""
    repo = tmp_path / "team-templates"
    shutil.copytree(built_template_repo, repo, symlinks=True)
    return repo


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = tmp_path / "svc"
    proj.mkdir()
    (proj / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (proj / "main.go").write_text("package main\n\nfunc main() {}\n")
    git(proj, "init", "-q", "-b", "main")
    return proj


def commit_all(proj: Path, message: str) -> None:
    git(proj, "add", "-A")
    git(proj, "commit", "-qm", message)


def test_init_at_v1_edit_update_to_v2_keeps_both_changes(template_repo: Path, project: Path) -> None:
    result = run_cli("init", "--yes", "--template", f"{template_repo}@v1", project)
    assert result.code == 0, result.err
    assert (project / "Dockerfile").read_text() == V1
    recorded = (project / ".scaffold.yaml").read_text()
    assert "kind: git" in recorded and "ref: v1" in recorded and git(template_repo, "rev-parse", "v1") in recorded

    (project / "Dockerfile").write_text(USER_EDIT)
    commit_all(project, "init + my edit")
    assert run_cli("check", project).code == 0, "v1 is still the newest commit of the tag v1"

    updated = run_cli("update", "--ref", "v2", project)
    assert updated.code == 0, updated.err + updated.out
    merged = (project / "Dockerfile").read_text()
    assert "# team template v2: now with labels" in merged and "LABEL team=platform" in merged
    assert "ENV GODEBUG=madvdontneed=1" in merged
    assert "<<<<<<<" not in merged
    assert "ref: v2" in (project / ".scaffold.yaml").read_text()
    assert not list(project.glob("*.bak")), "a merge keeps the user's edits in place; no backup copies"

    commit_all(project, "update to v2")
    check = run_cli("check", project)
    assert check.code == 0, check.out + check.err
    assert "up to date" in check.out
    strict = run_cli("check", "--strict", project)
    assert strict.code == 1, "--strict holds the files to the template's output, merged edits included"
    assert "differ from what the template produces (kept or merged edits): Dockerfile" in strict.out


def test_check_fails_when_the_branch_moves_and_update_follows_it(template_repo: Path, project: Path) -> None:
    git(template_repo, "checkout", "-q", "-b", "stable", "v1")
    assert run_cli("init", "--yes", "--template", f"{template_repo}@stable", project).code == 0
    commit_all(project, "init")
    git(template_repo, "merge", "-q", "--ff-only", "v2")
    check = run_cli("check", project)
    assert check.code == 1
    assert "has moved" in check.out and "+# team template v2: now with labels" in check.out
    assert run_cli("update", project).code == 0
    assert (project / "Dockerfile").read_text() == V2
    commit_all(project, "update")
    assert run_cli("check", project).code == 0


def test_overlapping_edits_leave_conflict_markers_and_exit_1(template_repo: Path, project: Path) -> None:
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    (project / "Dockerfile").write_text(V1.replace("# team template v1", "# our own header"))
    commit_all(project, "init + header edit")
    result = run_cli("update", "--ref", "v2", project)
    assert result.code == 1
    assert "overlap" in result.err
    text = (project / "Dockerfile").read_text()
    assert "<<<<<<< Dockerfile (yours)" in text and "# our own header" in text
    assert "# team template v2: now with labels" in text and ">>>>>>> Dockerfile (template now)" in text


def test_update_judges_edits_by_the_record_not_git_status(template_repo: Path, project: Path) -> None:
    """Issue 19.6: an uncommitted hand edit is merged (the record's hash says it is an edit), never refused."""
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    commit_all(project, "init")
    (project / "Dockerfile").write_text(USER_EDIT)
    updated = run_cli("update", "--ref", "v2", project)
    assert updated.code == 0, updated.err
    merged = (project / "Dockerfile").read_text()
    assert "LABEL team=platform" in merged and "ENV GODEBUG=madvdontneed=1" in merged


def test_update_dry_run_never_refuses_in_a_fresh_repository(template_repo: Path, project: Path) -> None:
    """Issue 19.6: nothing committed at all (a fresh repository), files as scaffold wrote them: a dry run runs."""
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    before = tree(project)
    dry = run_cli("update", "--dry-run", "--ref", "v2", project)
    assert dry.code == 0, dry.err
    assert "merges cleanly  Dockerfile" in dry.out and "uncommitted" not in dry.out + dry.err
    (project / "Dockerfile").write_text(USER_EDIT)
    edited = run_cli("update", "--dry-run", "--ref", "v2", project)
    assert edited.code == 0, edited.err
    assert "merges cleanly  Dockerfile" in edited.out
    assert tree(project) == {**before, "Dockerfile": USER_EDIT.encode()}


def test_check_strict_fails_on_hand_edits(template_repo: Path, project: Path) -> None:
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v2", project).code == 0
    assert run_cli("check", "--strict", project).code == 0
    (project / "Dockerfile").write_text(V2 + "# hand edit\n")
    assert run_cli("check", project).code == 0, "an edit alone does not make the project out of date"
    strict = run_cli("check", "--strict", project)
    assert strict.code == 1 and "edited since scaffold wrote them: Dockerfile" in strict.out


def test_template_writing_outside_the_project_is_refused(tmp_path: Path, project: Path) -> None:
    evil = tmp_path / "evil"
    write_template(evil, V1)
    (evil / "cookiecutter.json").write_text(json.dumps({"project_dir": "p", "target": "../outside"}))
    (evil / "{{cookiecutter.project_dir}}" / "{{cookiecutter.target}}").write_text("gotcha\n")
    validated = run_cli("templates", "validate", evil)
    assert validated.code == 1 and "outside the project" in validated.out
    before = tree(tmp_path)
    result = run_cli("init", "--yes", "--template", evil, project)
    assert result.code == 2 and "outside the project" in result.err
    assert tree(tmp_path) == before


def test_validate_accepts_the_built_in_templates() -> None:
    from scaffold.builtin_templates import templates_root
    from scaffold.providers import languages

    result = run_cli("templates", "validate", templates_root())
    assert result.code == 0, result.out + result.err
    assert f"{len(languages())} template(s)" in result.out


def test_templates_list_shows_built_in_and_team_templates(tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("template: https://git.example.com/platform/templates.git@v3\ndirectory: go\n")
    result = run_cli("templates", "list", "--config", config)
    assert result.code == 0, result.err
    for needle in ("built-in  go", "built-in  node", "built-in  python", "templates.git@v3 [go]"):
        assert needle in result.out


def test_team_config_mirror_pin_labels_and_dockerignore(tmp_path: Path, project: Path) -> None:
    template = tmp_path / "tpl"
    write_template(template, V1)
    config = tmp_path / "team.yaml"
    config.write_text(
        "registry_mirror: registry.example.com/mirror/\n"
        "images:\n"
        "  golang: golang:1.24-bookworm@sha256:" + "a" * 64 + "\n"
        "labels:\n  org.example.team: payments\n"
        "dockerignore:\n  - '*.secret'\n"
    )
    result = run_cli("init", "--yes", "--config", config, "--template", template, project)
    assert result.code == 0, result.err
    dockerfile = (project / "Dockerfile").read_text()
    assert f"FROM registry.example.com/mirror/golang:1.24-bookworm@sha256:{'a' * 64} AS build" in dockerfile
    assert "FROM registry.example.com/mirror/gcr.io/distroless/static-debian12:nonroot\n" in dockerfile
    assert 'LABEL org.example.team="payments"' in dockerfile
    assert "COPY --from=build /out/app /app" in dockerfile, "stage names are not images"
    assert (project / ".dockerignore").read_text().endswith("# From the team config:\n*.secret\n")


def test_built_in_template_gets_the_team_mirror_on_every_from_line(tmp_path: Path, project: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("registry_mirror: mirror.example.com/\n")
    assert run_cli("init", "--yes", "--config", config, project).code == 0
    stages: set[str] = set()
    images = []
    for line in (project / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            words = [w for w in line.split()[1:] if not w.startswith("--")]
            if words[0] not in stages:
                images.append(words[0])
            if len(words) == 3:
                stages.add(words[2])
    assert len(images) >= 2
    assert all(image.startswith("mirror.example.com/") for image in images), images


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("colour: blue\n", ["unknown key 'colour'"]),
        ("images: [golang]\n", ["images: expected a mapping of image name"]),
        ("defaults:\n  rust: {}\n", ["defaults.rust: unknown language"]),
        ("defaults:\n  go:\n    port: [1]\n", ["defaults.go.port: expected"]),
        ("registry_mirror: [\n", ["invalid YAML"]),
    ],
)
def test_team_config_errors_name_the_file_and_key(
    tmp_path: Path, project: Path, content: str, needles: list[str]
) -> None:
    config = tmp_path / "team.yaml"
    config.write_text(content)
    before = tree(project)
    result = run_cli("init", "--yes", "--config", config, project)
    assert result.code == 2, result
    assert str(config) in result.err
    for needle in needles:
        assert needle in result.err
    assert tree(project) == before


@pytest.mark.slow  # runs scaffold as a process
def test_team_defaults_and_scaffold_config_env(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("defaults:\n  go:\n    port: '7070'\n")
    monkeypatch.setenv("SCAFFOLD_CONFIG", str(config))
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "init", "--yes", str(project)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "EXPOSE 7070" in (project / "Dockerfile").read_text()


def test_recorded_answers_are_the_defaults_next_time(project: Path) -> None:
    assert run_cli("init", "--yes", "--set", "port=9090", project).code == 0
    again = run_cli("init", "--yes", project)
    assert again.code == 0
    assert "unchanged   Dockerfile" in again.out
    assert "EXPOSE 9090" in (project / "Dockerfile").read_text()


def test_zip_template_and_hooks_only_with_trust(tmp_path: Path, project: Path) -> None:
    src = tmp_path / "zipped"
    write_template(src, V1)
    (src / "hooks").mkdir()
    (src / "hooks" / "post_gen_project.py").write_text("open('HOOK_RAN', 'w').write('yes')\n")
    archive = tmp_path / "tpl.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in src.rglob("*"):
            zf.write(path, Path("tpl") / path.relative_to(src))
    result = run_cli("init", "--yes", "--template", archive, project)
    assert result.code == 0, result.err
    assert (project / "Dockerfile").read_text() == V1
    assert not (project / "HOOK_RAN").exists()
    trusted = run_cli("init", "--yes", "--force", "--trust", "--template", archive, project)
    assert trusted.code == 0, trusted.err
    # A trusted hook runs in the staging dir; its file reaches the project only through the writer.
    assert "created     HOOK_RAN" in trusted.out


def test_directory_picks_a_subfolder_and_is_recorded(tmp_path: Path, project: Path) -> None:
    repo = tmp_path / "templates"
    write_template(repo / "services" / "go-api", V1)
    result = run_cli("init", "--yes", "--template", repo, "--directory", "services/go-api", project)
    assert result.code == 0, result.err
    assert (project / "Dockerfile").read_text() == V1
    assert "directory: services/go-api" in (project / ".scaffold.yaml").read_text()
    missing = run_cli("init", "--yes", "--force", "--template", repo, project)
    assert missing.code == 2 and "pass --directory" in missing.err


def conflicted_project(template_repo: Path, project: Path) -> None:
    """init at v1, an overlapping hand edit committed, update to v2: the Dockerfile holds markers."""
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    (project / "Dockerfile").write_text(V1.replace("# team template v1", "# our own header"))
    commit_all(project, "init + header edit")
    result = run_cli("update", "--ref", "v2", project)
    assert result.code == 1
    assert "conflict    Dockerfile" in result.out and "updated     Dockerfile" not in result.out
    assert "conflicts:\n- Dockerfile" in (project / ".scaffold.yaml").read_text()


def test_check_fails_on_unresolved_markers_and_a_resolution_is_the_new_baseline(
    template_repo: Path, project: Path
) -> None:
    conflicted_project(template_repo, project)
    commit_all(project, "update with conflicts")
    for args in (("check",), ("check", "--strict")):
        result = run_cli(*args, project)
        assert result.code == 1, result.out
        assert "Dockerfile: unresolved <<<<<<< / >>>>>>> conflict markers" in result.out
        assert "ok:" not in result.out
    again = run_cli("update", project)
    assert again.code == 1 and "Dockerfile: unresolved" in again.err

    # Resolve: keep our header and the template's label.
    (project / "Dockerfile").write_text(V2.replace("# team template v2: now with labels", "# our own header"))
    commit_all(project, "resolve")
    result = run_cli("check", project)
    assert result.code == 0, result.out
    assert "ok: up to date" in result.out
    strict = run_cli("check", "--strict", project)
    assert "edited since" not in strict.out, "a resolution is the new baseline, not a hand edit"
    assert "differ from what the template produces (kept or merged edits): Dockerfile" in strict.out
    assert run_cli("update", project).code == 0
    recorded = (project / ".scaffold.yaml").read_text()
    assert "conflicts:" not in recorded
    commit_all(project, "record the resolution")
    assert run_cli("check", project).code == 0


def test_update_dry_run_runs_the_merge_and_uses_its_words(template_repo: Path, project: Path) -> None:
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    (project / "Dockerfile").write_text(USER_EDIT)
    commit_all(project, "init + edit in another part")
    before = tree(project)
    clean = run_cli("update", "--dry-run", "--ref", "v2", project)
    assert clean.code == 0, clean.out + clean.err
    assert "merges cleanly  Dockerfile" in clean.out
    assert "unchanged       .dockerignore" in clean.out
    assert "conflict" not in clean.out
    assert tree(project) == before

    (project / "Dockerfile").write_text(V1.replace("# team template v1", "# our own header"))
    commit_all(project, "overlapping edit")
    overlapping = run_cli("update", "--dry-run", "--ref", "v2", project)
    assert overlapping.code == 1
    assert "conflicts       Dockerfile" in overlapping.out
    assert "<<<<<<<" not in (project / "Dockerfile").read_text()
    assert (project / ".scaffold.yaml").read_bytes() == before[".scaffold.yaml"]


def test_update_records_a_hand_edit_and_strict_still_reports_it(template_repo: Path, project: Path) -> None:
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v2", project).code == 0
    (project / "Dockerfile").write_text(V2 + "# hand edit\n")
    updated = run_cli("update", project)  # the template has not moved: nothing to merge, the edit stays
    assert updated.code == 0, updated.err
    assert (project / "Dockerfile").read_text() == V2 + "# hand edit\n"
    strict = run_cli("check", "--strict", project)
    assert strict.code == 1
    assert "differ from what the template produces (kept or merged edits): Dockerfile" in strict.out


def test_the_team_config_is_recorded_and_its_absence_or_change_fails_check(tmp_path: Path, project: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("registry_mirror: mirror.example.com/\nlabels:\n  org.example.team: payments\n")
    assert run_cli("init", "--yes", "--config", config, project).code == 0
    recorded = (project / ".scaffold.yaml").read_text()
    assert f"team_config:\n  source: {config}\n  sha256: " in recorded
    assert run_cli("check", "--config", config, project).code == 0

    missing = run_cli("check", project)  # another machine: no --config, no $SCAFFOLD_CONFIG
    assert missing.code == 2
    assert len(missing.err.strip().splitlines()) == 1
    assert f"team config {config}" in missing.err and "none is found here" in missing.err
    assert "mirror.example.com" in (project / "Dockerfile").read_text(), "nothing was undone"
    assert run_cli("update", project).code == 2

    # The same policy in another file (and order) is the same config.
    moved = tmp_path / "elsewhere.yaml"
    moved.write_text("labels: {org.example.team: payments}\nregistry_mirror: mirror.example.com/\n")
    assert run_cli("check", "--config", moved, project).code == 0

    config.write_text("registry_mirror: mirror.example.com/\nlabels:\n  org.example.team: billing\n")
    differs = run_cli("check", "--config", config, project)
    assert differs.code == 1
    assert f"team config {config} (sha256 " in differs.out and "differs from the recorded" in differs.out
    # update is how a changed policy rolls out: it applies it and records the new digest.
    commit_all(project, "init")
    applied = run_cli("update", "--config", config, project)
    assert applied.code == 0, applied.err
    assert "differs from the recorded" in applied.out and "applying it" in applied.out
    assert 'org.example.team="billing"' in (project / "Dockerfile").read_text()
    assert run_cli("check", "--config", config, project).code == 0


def test_check_reports_newer_semver_tags_and_strict_fails_on_them(template_repo: Path, project: Path) -> None:
    git(template_repo, "tag", "v3.0.0-rc.1")  # a pre-release is not offered to a project pinned to a release
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    commit_all(project, "init")
    plain = run_cli("check", project)
    assert plain.code == 0, plain.out
    assert "newer template versions than v1: v2 (scaffold update --ref v2 moves to the newest)" in plain.out
    assert "v3.0.0-rc.1" not in plain.out
    for flag in ("--strict", "--fail-on-newer"):
        failed = run_cli("check", flag, project)
        assert failed.code == 1, failed.out
        assert "out of date: newer template versions than v1: v2" in failed.out
    git(template_repo, "tag", "v2.1.0", "v2")
    assert "v2, v2.1.0" in run_cli("check", project).out


def test_runs_say_which_template_and_commit(template_repo: Path, project: Path) -> None:
    commit = git(template_repo, "rev-parse", "v1")[:12]
    init = run_cli("init", "--yes", "--template", f"{template_repo}@v1", project)
    assert f"note: template: {template_repo}@v1 ({commit})" in init.out
    commit_all(project, "init")
    assert f"note: template: {template_repo}@v1 ({commit})" in run_cli("check", project).out
    assert f"note: template: {template_repo}@v1 ({commit})" in run_cli("update", project).out


def test_init_conflict_message_mentions_update(project: Path) -> None:
    assert run_cli("init", "--yes", project).code == 0
    (project / "Dockerfile").write_text("FROM mine\n")
    result = run_cli("init", "--yes", project)
    assert result.code == 1
    assert "scaffold update --set KEY=VALUE merges it into your edits" in result.err


@pytest.mark.slow  # runs scaffold as a process
def test_validate_says_when_hadolint_is_not_installed(tmp_path: Path) -> None:
    from scaffold.builtin_templates import templates_root

    # A Python whose directory holds no hadolint, with a PATH that holds none either: a real absence.
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(Path(sys.executable).resolve())
    site = next(p for p in sys.path if p.endswith("site-packages"))
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{Path(__file__).parent.parent}:{site}", "NO_COLOR": "1"}
    proc = subprocess.run(
        [str(bare / "python3"), "-m", "scaffold", "templates", "validate", str(templates_root())],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "hadolint not installed: not linted" in proc.stdout and "lint clean" not in proc.stdout


def test_unreachable_template_repo_is_named_and_the_cache_is_used(template_repo: Path, project: Path) -> None:
    assert run_cli("init", "--yes", "--template", f"{template_repo}@v1", project).code == 0
    commit_all(project, "init")
    template_repo.rename(template_repo.with_name("moved-away"))
    check = run_cli("check", project)
    assert check.code == 0, check.out + check.err
    assert f"note: {template_repo}: cannot reach the template repository" in check.out
    assert "using the cached clone" in check.out

    fresh = project.parent / "other"
    fresh.mkdir()
    (fresh / "go.mod").write_text("module example.com/other\n\ngo 1.24\n")
    (fresh / "main.go").write_text("package main\n\nfunc main() {}\n")
    missing = run_cli("init", "--yes", "--template", f"{template_repo.with_name('nowhere')}.git@v1", fresh)
    assert missing.code == 2
    assert f"{template_repo.with_name('nowhere')}.git: cannot reach the template repository" in missing.err


def test_keeping_your_dockerfile_names_the_stages_the_makefile_needs(project: Path) -> None:
    (project / "Dockerfile").write_text("FROM golang:1.24-bookworm\nCOPY . .\nRUN go build -o /app .\n")
    result = run_cli("init", "--yes", "--skip-existing", project)
    assert result.code == 0, result.err
    assert "skipped     Dockerfile" in result.out and "created     Makefile" in result.out
    assert "the generated Makefile builds stages build, test, dev" in result.out
    assert "which your Dockerfile lacks" in result.out

    (project / "Dockerfile").write_text("FROM golang:1.24-bookworm AS build\nFROM build AS test\nFROM build AS dev\n")
    (project / "Makefile").unlink()
    quiet = run_cli("init", "--yes", "--skip-existing", project)
    assert "which your Dockerfile lacks" not in quiet.out


def test_python_distroless_says_it_replaces_the_chosen_version(tmp_path: Path) -> None:
    proj = tmp_path / "py"
    proj.mkdir()
    (proj / "requirements.txt").write_text("flask\n")
    (proj / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (proj / ".python-version").write_text("3.13\n")
    result = run_cli("init", "--yes", "--set", "runtime=distroless", proj)
    assert result.code == 0, result.err
    assert "runtime=distroless runs the distroless image's Python 3.11, not python_version=3.13" in result.out
    slim = run_cli("init", "--yes", "--force", "--set", "runtime=slim", proj)
    assert "runtime=distroless" not in slim.out


def test_lang_on_a_project_of_another_language_is_refused_without_force(tmp_path: Path) -> None:
    proj = tmp_path / "py"
    proj.mkdir()
    (proj / "requirements.txt").write_text("flask\n")
    (proj / "app.py").write_text("print('hi')\n")
    before = tree(proj)
    refused = run_cli("init", "--yes", "--lang", "go", proj)
    assert refused.code == 2 and refused.out == ""
    assert refused.err == (
        "error: --lang go: this looks like python (requirements.txt), not go; drop --lang, "
        "or pass --force to generate go files anyway\n"
    )
    assert tree(proj) == before
    result = run_cli("init", "--yes", "--force", "--lang", "go", proj)
    assert result.code == 0, result.err
    assert "--lang go: no go project here, but this looks like python (requirements.txt)" in result.out


def test_detect_json_is_a_versioned_document_with_typed_values(tmp_path: Path) -> None:
    proj = tmp_path / "multi"
    (proj / "cmd" / "api").mkdir(parents=True)
    (proj / "cmd" / "worker").mkdir(parents=True)
    (proj / "go.mod").write_text("module example.com/multi\n\ngo 1.24\n")
    (proj / "cmd" / "api" / "main.go").write_text(
        'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n'
    )
    (proj / "cmd" / "worker" / "main.go").write_text("package main\n\nfunc main() {}\n")
    result = run_cli("detect", "--json", proj)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["schema"] == 1 and doc["project"] == str(proj.resolve())
    [go] = doc["candidates"]
    facts = go["facts"]
    assert facts["port"] == {"value": 8080, "source": facts["port"]["source"]}
    assert facts["main_packages"]["value"] == ["./cmd/api", "./cmd/worker"]
    assert facts["cgo"] == {"value": None, "source": None}, "a known key that was not detected is null"
    assert facts["go_version"]["value"] == "1.24"
    from scaffold.builtin_templates import builtin_template
    from scaffold.template.render import read_variables

    assert {v.key for v in read_variables(builtin_template("go"))} <= set(facts)

    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_cli("detect", "--json", empty)
    assert nothing.code == 2
    assert json.loads(nothing.out) == {"schema": 1, "project": str(empty.resolve()), "candidates": []}


def test_booleans_are_booleans_in_detect_json(tmp_path: Path) -> None:
    proj = tmp_path / "web"
    proj.mkdir()
    (proj / "package.json").write_text('{"name": "web", "scripts": {"start": "node index.js", "test": "node t.js"}}')
    (proj / "index.js").write_text("require('http').createServer().listen(3000)\n")
    [node] = json.loads(run_cli("detect", "--json", proj).out)["candidates"]
    assert node["facts"]["test"]["value"] is True
    assert node["facts"]["runtime_files"]["value"] == ["package.json", "index.js"]
    assert node["facts"]["pm_spec"]["value"] is None, "internal facts are in the JSON document too"


def test_tables_hide_internal_options_unless_verbose_and_never_cut_a_value(tmp_path: Path) -> None:
    proj = tmp_path / "web"
    proj.mkdir()
    (proj / "package.json").write_text('{"name": "web", "scripts": {"start": "node index.js"}}')
    (proj / "index.js").write_text("require('http').createServer().listen(3000)\n")
    plain = run_cli("init", "--yes", "--dry-run", "--set", "runtime=distroless", proj)
    assert plain.code == 0, plain.err
    assert "pm_spec" not in plain.out and "pm_cache" not in plain.out and "yarn_pnp" not in plain.out
    assert "--verbose shows them" in plain.out
    assert "gcr.io/distroless/nodejs22-debian12:nonroot" in plain.out, "a piped table is never cut"
    assert "…" not in plain.out
    verbose = run_cli("init", "--yes", "--dry-run", "--verbose", proj)
    assert "pm_spec" in verbose.out and "pm_cache" in verbose.out
    assert "detected: default" not in verbose.out
    assert "pm_spec" not in run_cli("detect", proj).out
    assert "pm_spec" in run_cli("detect", "--verbose", proj).out


def test_a_narrow_terminal_folds_values_instead_of_cutting_them() -> None:
    import io

    from rich.console import Console

    from scaffold.models import Options, Resolved
    from scaffold.report import Reporter

    image = "gcr.io/distroless/static-debian12:nonroot"
    options = Options("go", {"runtime_image": Resolved(image, "team config (/etc/scaffold/team.yaml)")})
    buf = io.StringIO()
    reporter = Reporter()
    reporter.out = Console(file=buf, force_terminal=True, width=40, color_system=None)
    reporter.options(options)
    text = buf.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 40
    assert "…" not in text
    cells = "".join(line.split("│")[2].strip() for line in text.splitlines() if line.count("│") == 4)
    assert image in cells

    piped = io.StringIO()
    Reporter(file=piped).options(options)
    assert image in piped.getvalue() and "team config (/etc/scaffold/team.yaml)" in piped.getvalue()


def test_python_app_name_from_the_directory_says_so(tmp_path: Path) -> None:
    proj = tmp_path / "billing"
    proj.mkdir()
    (proj / "requirements.txt").write_text("flask\n")
    (proj / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    [py] = json.loads(run_cli("detect", "--json", proj).out)["candidates"]
    assert py["facts"]["app_name"] == {"value": "billing", "source": "directory name"}


def test_dev_demo_with_an_unknown_name_lists_the_examples() -> None:
    repo = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [str(repo / "scripts" / "dev"), "demo", "no-such-example"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "no example named 'no-such-example'; the examples are:" in proc.stderr
    assert "  go-hello\n" in proc.stderr and "  python-flask\n" in proc.stderr
    assert "cp:" not in proc.stderr


@pytest.mark.slow  # runs scaffold as a process
def test_shell_completion_as_the_readme_says() -> None:
    scaffold = Path(sys.executable).parent / "scaffold"
    proc = subprocess.run(
        [str(scaffold)], env={"_SCAFFOLD_COMPLETE": "bash_source"}, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "_scaffold_completion()" in proc.stdout
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "_SCAFFOLD_COMPLETE=bash_source scaffold" in readme and "pipx install scaffold-docker" in readme


def test_validate_checks_the_internal_list(tmp_path: Path) -> None:
    template = tmp_path / "tpl"
    write_template(template, V1)
    context = {"project_dir": "p", "app_name": "app", "__internal__": ["nope"]}
    (template / "cookiecutter.json").write_text(json.dumps(context))
    result = run_cli("templates", "validate", template)
    assert result.code == 1
    assert "__internal__: 'nope' is not a variable of the template" in result.out
