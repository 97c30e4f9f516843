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
from scaffold.pipeline import TemplateSession
from scaffold.providers import languages, template_dir
from scaffold.report import Reporter
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


def validate(spec_text: str, directory: str | None, reporter: Reporter) -> int:
    ref = sources.ref_from_spec(spec_text, directory)
    findings: list[Finding] = []
    checked = 0
    seen: set[Path] = set()
    for lang in languages():
        try:
            with sources.checkout(ref, lang) as (template, _):
                # A single template (cookiecutter.json at the top) is the same for every language.
                if template.name not in languages() and template in seen:
                    continue
                seen.add(template)
                checked += 1
                findings += _validate_one(template, lang)
        except NoTemplateForLanguage:
            continue
        except ScaffoldError as exc:
            checked += 1
            if any(f.message == str(exc) for f in findings):
                continue  # a source that cannot be fetched fails the same way for every language
            findings.append(Finding(lang, str(exc)))
    if checked == 0:
        where = ", ".join(f"{lang}/" for lang in languages())
        findings.append(Finding(spec_text, f"no cookiecutter.json at the top nor in {where}"))
    for f in findings:
        reporter.problem_line(f.where, f.message)
    if not findings:
        linted = "lint clean" if hadolint_binary() else "parse (hadolint not installed: not linted)"
        reporter.ok(f"{spec_text}: {checked} template(s) render, stay inside the project and {linted}")
        return 0
    return 1


def _validate_one(template: Path, lang: str) -> list[Finding]:
    where = f"{lang} ({template})"
    variables = read_variables(template)
    conventions = [Finding(where, p) for p in template_meta.problems(template, {v.key for v in variables})]
    session = TemplateSession(template, Detection(lang, 0, ("templates validate",)), variables, trust=False)
    files = session.render(session.resolve([]), TeamConfig())
    out = conventions
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            try:
                writer.safe_path(Path(tmp), path)
            except ScaffoldError as exc:
                out.append(Finding(where, str(exc)))
    if record.RECORD_FILE in files:
        out.append(Finding(where, f"{record.RECORD_FILE} is scaffold's own file; a template may not produce it"))
    if "Dockerfile" not in files:
        return [*out, Finding(where, "produces no Dockerfile")]
    return out + _lint(where, files["Dockerfile"])


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
