"""Team templates start as a copy of a built-in one (issue 19): the copy must render exactly as the original
does, its errors must name what the user typed, and a project must keep the same answer in any clone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scaffold.builtin_templates import templates_root
from tests.conftest import EXAMPLE_LIST, Example, copy_example, git, one_per_language_fast, run_cli, tree

GENERATED = ("Dockerfile", ".dockerignore", "Makefile")


def team_copy(language: str, dest: Path) -> Path:
    """A team's copy of the built-in template: outside scaffold's own folder, so it renders sandboxed."""
    target = dest / f"team-{language}"
    if not target.exists():
        shutil.copytree(templates_root() / language, target)
    return target


@pytest.mark.parametrize("example", one_per_language_fast(EXAMPLE_LIST))
def test_a_copy_of_the_built_in_template_renders_byte_identical_in_the_sandbox(
    example: Example, tmp_path: Path
) -> None:
    trusted = copy_example(example, tmp_path / "trusted")
    first = run_cli(*example.init_args(), trusted)
    assert first.code == 0, first.err
    sandboxed = copy_example(example, tmp_path / "sandboxed")
    copy = team_copy(example.language, tmp_path)
    second = run_cli(*example.init_args(), "--template", copy, sandboxed)
    assert second.code == 0, second.err
    ours, theirs = tree(trusted), tree(sandboxed)
    for name in GENERATED:
        assert theirs[name] == ours[name], f"{example.name}/{name}: the sandboxed copy renders differently"


def test_a_sandbox_refusal_names_the_template_as_typed_and_mentions_trust(tmp_path: Path) -> None:
    copy = team_copy("go", tmp_path)
    dockerfile = copy / "{{cookiecutter.project_dir}}" / "Dockerfile"
    dockerfile.write_text("{% set dirs = [] %}{% set _ = dirs.append('x') %}\n" + dockerfile.read_text())
    repo = tmp_path / "templates-repo"
    shutil.copytree(copy, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    project = tmp_path / "svc"
    project.mkdir()
    (project / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (project / "main.go").write_text("package main\n\nfunc main() {}\n")
    before = tree(project)

    local = run_cli("init", "--yes", "--template", copy, project)
    assert local.code == 2
    assert f"template {copy} failed to render" in local.err and "pass --trust" in local.err
    remote = run_cli("init", "--yes", "--template", f"{repo}@v1", project)
    assert remote.code == 2
    assert f"template {repo}@v1 (" in remote.err and "scaffold-template-" not in remote.err
    assert "pass --trust" in remote.err
    assert tree(project) == before
    trusted = run_cli("init", "--yes", "--trust", "--template", copy, project)
    assert trusted.code == 0, trusted.err


def go_project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/svc\n\ngo 1.24\n")
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    return root


def test_init_set_rewrites_unedited_files_and_names_update_set_for_edited_ones(tmp_path: Path) -> None:
    """Issue 19.5: files that are exactly what scaffold wrote are scaffold's to rewrite."""
    project = go_project(tmp_path / "svc")
    assert run_cli("init", "--yes", project).code == 0
    changed = run_cli("init", "--yes", "--set", "port=9000", project)
    assert changed.code == 0, changed.err
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()
    assert "9000" in (project / "Makefile").read_text()
    assert not list(project.glob("*.bak")), "scaffold's own unedited output needs no backup"

    (project / "Dockerfile").write_text((project / "Dockerfile").read_text() + "# ours\n")
    before = tree(project)
    edited = run_cli("init", "--yes", "--set", "port=9100", project)
    assert edited.code == 1
    assert "Dockerfile" in edited.err and "Makefile" not in edited.err.split(":")[0]
    assert "scaffold update --set KEY=VALUE" in edited.err
    assert tree(project) == before
    merged = run_cli("update", "--set", "port=9100", project)
    assert merged.code == 0, merged.err
    text = (project / "Dockerfile").read_text()
    assert "EXPOSE 9100" in text and text.endswith("# ours\n")


def test_a_kept_file_stays_under_the_merge_and_strict_reports_it(tmp_path: Path) -> None:
    """Issue 19.7: keeping an edited Dockerfile once does not detach it from later updates."""
    project = go_project(tmp_path / "svc")
    assert run_cli("init", "--yes", project).code == 0
    (project / "Dockerfile").write_text((project / "Dockerfile").read_text() + "# ours\n")
    kept = run_cli("init", "--yes", "--skip-existing", "--set", "port=9000", project)
    assert kept.code == 0, kept.err
    assert "EXPOSE 9000" not in (project / "Dockerfile").read_text()
    assert "9000" in (project / "Makefile").read_text()

    check = run_cli("check", project)
    assert check.code == 1 and "an update would change Dockerfile" in check.out
    strict = run_cli("check", "--strict", project)
    assert strict.code == 1
    assert "differ from what the template produces (kept or merged edits): Dockerfile" in strict.out

    updated = run_cli("update", "--set", "port=9000", project)
    assert updated.code == 0, updated.err + updated.out
    text = (project / "Dockerfile").read_text()
    assert "EXPOSE 9000" in text and text.endswith("# ours\n")
    assert run_cli("check", project).code == 0
    assert run_cli("check", "--strict", project).code == 1, "still not the template's output: the edit is there"


def test_check_gives_the_same_answer_in_a_clone_under_another_folder_name(tmp_path: Path) -> None:
    """Issue 19.4: the image name read from the directory is recorded, so CI's checkout path does not matter."""
    project = tmp_path / "billing-api"
    project.mkdir()
    (project / "requirements.txt").write_text("flask==3.1.0\ngunicorn==23.0.0\n")
    (project / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    assert run_cli("init", "--yes", project).code == 0
    assert "app_name: billing-api" in (project / ".scaffold.yaml").read_text()
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "init")

    clone = tmp_path / "ci-workspace-123"
    git(tmp_path, "clone", "-q", str(project), clone.name)
    check = run_cli("check", "--strict", clone)
    assert check.code == 0, check.out + check.err
    before = tree(clone)
    assert run_cli("update", clone).code == 0
    assert tree(clone) == before, "update in the clone renames nothing"


def test_validate_renders_every_sample_in_the_sandbox_and_counts_them(tmp_path: Path) -> None:
    """Issue 19.9: the Django sample finds what a Flask-only check missed, and the summary says what ran."""
    copy = tmp_path / "team-templates"
    shutil.copytree(templates_root(), copy)
    good = run_cli("templates", "validate", copy)
    assert good.code == 0, good.out + good.err
    assert "python django: would write .dockerignore, Dockerfile, Makefile" in good.out
    # A workspace's second app gets its own Dockerfile: rendered, declared and linted like the main one.
    assert "node workspace-apps: would write .dockerignore, Dockerfile, Makefile, docker-bake.hcl, web.Dockerfile" in (
        good.out
    )
    assert "3 template(s) rendered in the sandbox against 6 sample project(s)" in good.out

    # The part of Django's folder (the one holding manage.py): the starter has none, so only Django renders it.
    part = copy / "python" / "templates" / "app-dir.Dockerfile"
    text = part.read_text()
    part.write_text(
        text.replace(
            "WORKDIR /app/{{ c.app_dir }}",
            "{% set dirs = [] %}{% set _ = dirs.append('/app') %}\nWORKDIR /app/{{ c.app_dir }}",
        )
    )
    bad = run_cli("templates", "validate", copy)
    assert bad.code == 1
    assert "python django" in bad.out and "pass --trust" in bad.out
    assert "python starter: would write" in bad.out, "the other samples still render and are listed"
    assert "3 template(s) rendered in the sandbox against 6 sample project(s): 1 problem(s)" in bad.out


FINAL_FROM = "FROM {{ c.runtime_image }}"
TEAM_BASE = "FROM gcr.io/distroless/base-debian12:nonroot"
LABEL_ANCHOR = "COPY --from=build /out/bin/{{ binary }} /usr/local/bin/"


def test_team_fork_scenario_as_the_readme_walks_it(tmp_path: Path) -> None:
    """README "Make it your team's template": copy, change a label and a base image, tag v1/v2, then
    init → check in a differently named clone → update → check."""
    repo = tmp_path / "docker-templates"
    shutil.copytree(templates_root() / "go", repo / "go")
    # The final stage: its base image in the Dockerfile, what follows the FROM in the final-app part.
    base = repo / "go" / "{{cookiecutter.project_dir}}" / "Dockerfile"
    dockerfile = repo / "go" / "templates" / "final-app.Dockerfile"
    assert FINAL_FROM in base.read_text() and LABEL_ANCHOR in dockerfile.read_text()
    base.write_text(base.read_text().replace(FINAL_FROM, TEAM_BASE))
    dockerfile.write_text(
        dockerfile.read_text().replace(LABEL_ANCHOR, 'LABEL org.example.team="payments"\n' + LABEL_ANCHOR)
    )
    validated = run_cli("templates", "validate", repo)
    assert validated.code == 0, validated.out
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "team template v1")
    git(repo, "tag", "v1")
    dockerfile.write_text(
        dockerfile.read_text().replace(
            'LABEL org.example.team="payments"',
            'LABEL org.example.team="payments" \\\n      org.example.tier="backend"',
        )
    )
    git(repo, "commit", "-qam", "team template v2: a tier label")
    git(repo, "tag", "v2")

    project = go_project(tmp_path / "svc")
    init = run_cli("init", "--yes", "--template", f"{repo}@v1", project)
    assert init.code == 0, init.err
    generated = (project / "Dockerfile").read_text()
    assert TEAM_BASE in generated and 'LABEL org.example.team="payments"' in generated
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "docker files from the team template v1")

    clone = tmp_path / "ci-workspace-7"
    git(tmp_path, "clone", "-q", str(project), clone.name)
    check = run_cli("check", clone)
    assert check.code == 0, check.out + check.err
    assert "newer template versions than v1: v2" in check.out
    strict = run_cli("check", "--strict", clone)
    assert strict.code == 1 and "newer template versions than v1: v2" in strict.out

    update = run_cli("update", "--ref", "v2", clone)
    assert update.code == 0, update.err + update.out
    updated = (clone / "Dockerfile").read_text()
    assert TEAM_BASE in updated and 'org.example.tier="backend"' in updated
    git(clone, "commit", "-qam", "docker files: team template v2")
    assert run_cli("check", clone).code == 0
    final = run_cli("check", "--strict", clone)
    assert final.code == 0, final.out
    assert "up to date" in final.out


IMAGE_REPOS = (
    r"golang|node|python|debian|nginxinc/nginx-unprivileged|oven/bun"
    r"|gcr\.io/distroless/[a-z0-9{}-]+|ghcr\.io/astral-sh/uv"
)
LITERAL_TAG = re.compile(rf"\b(?:{IMAGE_REPOS}):[A-Za-z0-9][A-Za-z0-9._-]*")
"""An image reference with a literal tag: `node:22-bookworm-slim`."""
BUILT_TAG = re.compile(rf"[\"'](?:{IMAGE_REPOS}):")
"""An image name a program or a template puts a tag on: `'python:' ~ version`, `f"golang:{version}"`."""


def test_no_file_but_the_catalogue_names_an_image_tag() -> None:
    """Issue 19.3: every image, version and tool pin lives in scaffold/catalogue/<language>.toml."""
    root = Path(__file__).parent.parent
    files = [p for p in (root / "templates").rglob("*") if p.is_file()]
    files += list((root / "scaffold" / "providers").rglob("*.py"))
    offenders = []
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL_TAG.search(line) or BUILT_TAG.search(line):
                offenders.append(f"{path.relative_to(root)}:{lineno}: {line.strip()[:100]}")
    assert len(files) > 30, "the scan found the templates and providers"
    assert not offenders, "image tags outside scaffold/catalogue:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("language", "sets", "expected"),
    [
        (
            "python",
            ["--set", "entry_kind=file", "--set", "entry=app.py"],
            "FROM python:{version}-slim-{release} AS build",
        ),
        ("node", [], "FROM node:{version}-bookworm-slim AS"),
        ("go", [], "golang:{version}-{release} AS build"),
    ],
)
def test_template_defaults_come_from_the_catalogue(
    language: str, sets: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing detected, the images follow the newest version the registry's list ($SCAFFOLD_<LANGUAGE>_IMAGES,
    the stand-ins' here) or else the catalogue has: cookiecutter.json holds no copy of them."""
    from packaging.version import Version

    from scaffold import catalogue

    images = catalogue.image_versions(language)
    version = max(images, key=Version)
    result = run_cli("init", "--yes", "--lang", language, "--no-starter", *sets, tmp_path)
    assert result.code == 0, result.err
    assert expected.format(version=version, release=images[version]) in (tmp_path / "Dockerfile").read_text()

    monkeypatch.delenv(f"SCAFFOLD_{language.upper()}_IMAGES")
    data = catalogue.load(language)
    listed = data.get("images") or {str(m): "" for m in data["versions"]["image_majors"]}
    newest = max(listed, key=Version)
    assert catalogue.template_default(language, f"{language}_version", {}) == newest
    before = {f"{language}_version": newest, "debian": listed[newest], "native": False, "runtime": "slim"}
    assert newest in str(catalogue.template_default(language, "build_image", before))
