"""`scaffold templates list` and `scaffold templates validate`: the template contract, checked.

A template (one cookiecutter template, or one per language in go/, node/, python/) receives the
variables it declares in cookiecutter.json, with scaffold's detected values as defaults, and must
produce a Dockerfile (and may produce more files) inside the project: no `..`, no absolute paths, no
symlinks, not scaffold's own .scaffold.yaml.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scaffold import record, writer
from scaffold.config import TeamConfig
from scaffold.errors import NoTemplateForLanguage, ScaffoldError
from scaffold.hadolint import hadolint_binary
from scaffold.models import Detection
from scaffold.pipeline import ProjectState, generate_in
from scaffold.project import ProjectDir
from scaffold.providers import detect_all, languages, template_dir
from scaffold.report import Reporter
from scaffold.starter import STARTERS
from scaffold.template import meta as template_meta
from scaffold.template import sources
from scaffold.template.render import read_variables


@dataclass(frozen=True)
class Finding:
    where: str
    message: str


def list_templates(team: TeamConfig, reporter: Reporter) -> int:
    for lang in languages():
        reporter.item(f"built-in  {lang:<7} {template_dir(lang)}")
    if team.template:
        sub = f" [{team.directory}]" if team.directory else ""
        reporter.item(f"team      {team.template}{sub}  (from {team.origin})")
    return 0


SAMPLES = Path(__file__).parent.parent / "samples"
"""Sample projects shipped in the package (tests/examples are not): with the starters, what validate renders."""


def sample_projects(language: str) -> list[tuple[str, Path]]:
    """(name, folder) of every shipped sample project of `language`: its starter, then scaffold/samples/<lang>/."""
    out = [(f"{language} starter", STARTERS / language)] if (STARTERS / language).is_dir() else []
    root = SAMPLES / language
    if root.is_dir():
        out += [(f"{language} {p.name}", p) for p in sorted(root.iterdir()) if p.is_dir()]
    return out


def validate(spec_text: str, directory: str | None, reporter: Reporter) -> int:
    """Render the template, sandboxed, against every sample project of each language it serves; report every
    failure, the files each render would write and hadolint's findings; the summary counts what was checked."""
    ref = sources.ref_from_spec(spec_text, directory)
    findings: list[Finding] = []
    templates: set[str] = set()
    renders = 0
    for lang in languages():
        try:
            with sources.checkout(ref, lang) as (template, resolved):
                # A single template (cookiecutter.json at the top) serves every language: one template.
                templates.add(lang if template.name == lang else ".")
                variables = read_variables(template)
                findings += [Finding(lang, p) for p in template_meta.problems(template, {v.key for v in variables})]
                with tempfile.TemporaryDirectory(prefix="scaffold-empty-") as empty:
                    # A language scaffold ships no sample for (a plugin's) still renders once, with its defaults.
                    samples = sample_projects(lang) or [(f"{lang} (no sample project: defaults)", Path(empty))]
                    for name, sample in samples:
                        renders += 1
                        found, files = _validate_one(template, resolved, lang, sample, name)
                        findings += found
                        if files:
                            reporter.item(f"{name}: would write {', '.join(sorted(files))}")
        except NoTemplateForLanguage:
            continue
        except ScaffoldError as exc:
            templates.add(lang)
            if any(f.message == str(exc) for f in findings):
                continue  # a source that cannot be fetched fails the same way for every language
            findings.append(Finding(lang, str(exc)))
    if not templates:
        where = ", ".join(f"{lang}/" for lang in languages())
        findings.append(Finding(spec_text, f"no cookiecutter.json at the top nor in {where}"))
    for f in findings:
        reporter.problem_line(f.where, f.message)
    linted = "lint clean" if hadolint_binary() else "parse (hadolint not installed: not linted)"
    counted = f"{len(templates)} template(s) rendered in the sandbox against {renders} sample project(s)"
    if not findings:
        reporter.ok(f"{spec_text}: {counted}; every render stays inside the project and {linted}")
        return 0
    reporter.problem_line(spec_text, f"{counted}: {len(findings)} problem(s)")
    return 1


def _validate_one(
    template: Path, resolved: record.TemplateRef, lang: str, sample: Path, name: str
) -> tuple[list[Finding], dict[str, bytes]]:
    """One sandboxed render of `template` for the sample project: its problems, and the files it would write."""
    found = detect_all(ProjectDir(sample))
    detection = next((d for d in found if d.language == lang), Detection(lang, 0, ("templates validate",)))
    state = ProjectState(sample, None, None, TeamConfig(), found)
    try:
        files = generate_in(template, resolved, state, detection, trust=False).files
    except ScaffoldError as exc:
        return [Finding(name, str(exc))], {}
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            try:
                writer.safe_path(Path(tmp), path)
            except ScaffoldError as exc:
                out.append(Finding(name, str(exc)))
    if record.RECORD_FILE in files:
        out.append(Finding(name, f"{record.RECORD_FILE} is scaffold's own file; a template may not produce it"))
    if "Dockerfile" not in files:
        return [*out, Finding(name, "produces no Dockerfile")], files
    # Every Dockerfile: the main one, and each other app's of a workspace (`NAME.Dockerfile`, docker-bake.hcl's).
    others = [p for p in sorted(files) if p.endswith(".Dockerfile")]
    return out + _lint(name, files["Dockerfile"]) + [f for p in others for f in _lint(f"{name} {p}", files[p])], files


def _lint(where: str, dockerfile: bytes) -> list[Finding]:
    out = []
    try:
        import dockerfile as parser
    except ImportError:
        parser = None
    if parser is not None:
        try:
            parser.parse_string(dockerfile.decode())
        except parser.GoParseError as exc:
            out.append(Finding(where, f"Dockerfile does not parse: {exc}"))
    hadolint = hadolint_binary()
    if hadolint is None:
        return out
    proc = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "warning", "-"],
        input=dockerfile,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        for line in proc.stdout.decode(errors="replace").splitlines():
            out.append(Finding(where, f"hadolint: {line.removeprefix('-:')}"))
    return out
