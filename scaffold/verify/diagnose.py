"""Why a verify check failed and what to change: its output matched against scaffold/catalogue/failures.toml.

This module reads that catalogue and nothing else does. A failing step's output (a build log, a container's
log) is untrusted input: every value a remedy takes from it is checked against its option's kind
(scaffold/value_kinds.toml) before it is shown or applied, and a value that is not of its kind is dropped.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold import catalogue, values
from scaffold.verify.model import Row, Settings, Status

TAIL_LINES = 15
"""How many of the failing step's last lines an unknown failure shows."""
WORKDIR = PurePosixPath("/app")
"""Where the Python and Node images keep the app (a path the app writes is reported relative to it)."""
_SUFFIXED = re.compile(r"^(?P<name>[a-z_]+?)[2-9]$")


@dataclass(frozen=True)
class Signature:
    """One catalogue entry."""

    id: str
    checks: tuple[str, ...]
    languages: tuple[str, ...]
    pattern: re.Pattern[str]
    cause: str
    advice: str
    fix: bool
    remedy: Mapping[str, Mapping[str, str]]
    requires: str = ""
    package_pattern: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Diagnosis:
    """What verify says about one failed check."""

    check: str
    id: str
    """The signature's id, or "unknown"."""
    cause: str
    advice: str = ""
    remedy: Mapping[str, str] = field(default_factory=dict)
    """Options (key → value, each checked against its kind) that make it work."""
    fix: bool = False
    """Whether `--fix` may apply the remedy unattended."""
    excerpt: str = ""
    """The line of output the signature matched (unknown: the failing step's last lines)."""
    reproduce: tuple[str, ...] = ()
    """The commands that reproduce the failing step."""
    refused: tuple[str, ...] = ()
    """Remedy values dropped because they were not of their option's kind (why, one line each)."""

    @property
    def known(self) -> bool:
        return self.id != "unknown"

    def sets(self) -> list[str]:
        """The remedy as `--set` arguments, shell-quoted."""
        return [shlex.quote(f"{key}={value}") for key, value in self.remedy.items()]

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "id": self.id,
            "cause": self.cause,
            "advice": self.advice,
            "remedy": [f"{k}={v}" for k, v in self.remedy.items()],
            "fix": self.fix,
            "excerpt": self.excerpt,
            "reproduce": list(self.reproduce),
        }


@cache
def _data() -> dict[str, Any]:
    return catalogue.load("failures")


@cache
def signatures() -> tuple[Signature, ...]:
    """Every catalogue entry, in the order they are tried."""
    out = []
    for entry in _ordered(_data().get("failure", [])):
        package = entry.get("package_pattern")
        out.append(
            Signature(
                id=str(entry["id"]),
                checks=tuple(entry["checks"]),
                languages=tuple(entry.get("languages", ())),
                pattern=re.compile(entry["pattern"], re.MULTILINE),
                cause=str(entry["cause"]),
                advice=str(entry.get("advice", "")),
                fix=bool(entry.get("fix", False)),
                remedy={lang: {k: str(v) for k, v in sets.items()} for lang, sets in entry.get("remedy", {}).items()},
                requires=str(entry.get("requires", "")),
                package_pattern=re.compile(package, re.MULTILINE) if package else None,
            )
        )
    return tuple(out)


def _ordered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries in file order, except that one with `before = "<id>"` is tried right ahead of that entry
    (a specific case appended at the end of the file still wins over the general one it refines)."""
    ids = {str(e.get("id")) for e in entries}
    early: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if str(entry.get("before", "")) in ids:
            early.setdefault(str(entry["before"]), []).append(entry)
    out: list[dict[str, Any]] = []

    def emit(entry: dict[str, Any]) -> None:
        # An entry placed before one that is itself placed early goes ahead of it (chains of refinements).
        for sooner in early.get(str(entry.get("id")), []):
            emit(sooner)
        out.append(entry)

    for entry in entries:
        if str(entry.get("before", "")) not in ids:
            emit(entry)
    return out


def headers() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """A header, *-config program or pkg-config name → (build packages, run-time packages)."""
    return {name: (tuple(spec["build"]), tuple(spec["run"])) for name, spec in _data().get("headers", {}).items()}


def libraries() -> dict[str, tuple[str, ...]]:
    """A shared library's name (before .so) → the Debian run-time packages that ship it."""
    return {str(k): tuple(str(p) for p in v) for k, v in _data().get("libraries", {}).items()}


def removed_modules() -> dict[str, str]:
    """A standard-library name newer Pythons removed → the last Python version that has it."""
    return {str(k): str(v) for k, v in _data().get("removed_modules", {}).items()}


def match(
    check: str,
    output: str,
    language: str | None = None,
    project: Path | None = None,
    answers: Mapping[str, object] | None = None,
) -> Diagnosis | None:
    """The first signature for `check` that matches `output` (and holds for the project), or None."""
    for sig in signatures():
        if check not in sig.checks or (sig.languages and language not in sig.languages):
            continue
        for found in sig.pattern.finditer(output):
            groups = _groups(found)
            if sig.requires == "dev_dependency" and not _dev_only(project, groups.get("module", "")):
                continue
            if sig.requires == "undeclared" and not _undeclared(project, language, groups.get("module", "")):
                continue
            if sig.requires == "declared" and not _declared(project, groups.get("module", "")):
                continue
            if sig.requires == "in_project" and not _in_project(project, groups.get("path", "")):
                continue
            if sig.requires == "own_module":
                folder = _own_module_folder(project, groups.get("module", ""))
                if folder is None:
                    continue
                groups = {**groups, "dir": folder}
            return _diagnosis(sig, check, found, groups, output, language, answers or {}, project)
    return None


def _groups(found: re.Match[str]) -> dict[str, str]:
    """Named groups that matched; `port2`, `port3`… (alternatives of one pattern) count as `port`."""
    out: dict[str, str] = {}
    for name, value in found.groupdict().items():
        if value is None:
            continue
        m = _SUFFIXED.match(name)
        out.setdefault(m.group("name") if m else name, value)
    return out


def _diagnosis(
    sig: Signature,
    check: str,
    found: re.Match[str],
    groups: dict[str, str],
    output: str,
    language: str | None,
    answers: Mapping[str, object],
    project: Path | None = None,
) -> Diagnosis:
    words = {k: _shown(v) for k, v in groups.items()}
    raw = dict(groups)
    _derive(sig, raw, words, output, language)
    if sig.id in ("missing-environment-variable", "environment-variable-none"):
        words["also"] = _also_required(project, language, raw.get("name", ""))
    if sig.id == "database-url-missing":
        _database_words(project, raw, words, output)
    if sig.id == "bot-token-missing":
        from scaffold.verify.app_env import token_variable

        words["var"] = token_variable(project) or "NAME"
    cause = _fill(sig.cause, words) or ""
    advice = _fill(sig.advice, words) or ""
    sets = sig.remedy.get(language or "", sig.remedy.get("any", {}))
    remedy: dict[str, str] = {}
    refused: list[str] = []
    for key, template in sets.items():
        value = _fill(template, raw, missing=None)
        if not value:
            continue  # the output did not say enough (a path outside the app, a header nobody maps), or no item
        value = _merged(key, value, answers.get(key), language)
        problem = _kind_problem(key, value, language)
        if problem:
            refused.append(f"{key}={values.shown(value)} {problem}")
            continue
        if answers.get(key) is not None and _same(answers.get(key), value):
            continue  # already so: applying it again changes nothing
        remedy[key] = value
    end = output.find("\n", found.end())
    line = output[output.rfind("\n", 0, found.start()) + 1 : end if end >= 0 else len(output)].strip()
    return Diagnosis(
        check=check,
        id=sig.id,
        cause=cause,
        advice=advice,
        remedy=remedy,
        fix=sig.fix and bool(remedy),
        excerpt=line.splitlines()[-1][:300] if line else "",
        refused=tuple(refused),
    )


def _derive(sig: Signature, raw: dict[str, str], words: dict[str, str], output: str, language: str | None) -> None:
    """The values the catalogue's placeholders name beyond the pattern's own groups."""
    if "header" in raw:
        raw["what"] = words["what"] = words["header"]
        # The failing package's own entry in the native catalogue, plus what the missing header needs.
        build: list[str] = []
        run: list[str] = []
        for needs in (_native_needs(output, language), headers().get(raw["header"])):
            if needs is not None:
                build += [p for p in needs[0] if p not in build]
                run += [p for p in needs[1] if p not in run]
        if build:
            raw["build"], raw["run"] = " ".join(build), " ".join(run)
    if "library" in raw and (shipped := libraries().get(raw["library"])):
        raw["run"] = " ".join(shipped)
    if "module" in raw:
        last = removed_modules().get(raw["module"])
        if last is not None:
            words["last"] = last
            image = _python_image_at_most(last)
            if image is not None:
                raw["last"], raw["debian"] = image
    if sig.id == "workdir-not-writable":
        path = raw.get("path")
        words["path_shown"] = words["path"] if path else "a file"
        folder = _workdir_folder(path)
        if folder is not None:
            raw["dir"] = folder
        if folder is not None and path:  # the top-level file or folder of /app the path is in (Node ships those)
            raw["top"] = _first_part(str(PurePosixPath(path).relative_to(WORKDIR)) if path.startswith("/") else path)
    if sig.id == "runtime-file-missing" and raw.get("path"):
        raw["first"] = _first_part(raw["path"])
    # "port 8080", or "the app's port" when the log names none (never "port the port").
    words["port_shown"] = f"port {words['port']}" if "port" in words else "the app's port"
    if "port" not in words:
        words["port"] = "the port"
    if "host" not in words:
        words["host"] = "the registry"


def _database_words(project: Path | None, raw: dict[str, str], words: dict[str, str], output: str) -> None:
    """The variable the app reads its connection string from (the log's, else the project's) and an example
    value's start, for the database-url-missing advice: `-e MONGO_URI=mongodb://...`, not `-e NAME=...`."""
    from scaffold.verify.app_env import database_variable

    name, scheme = database_variable(project)
    name = raw.get("name") or name
    words["var"] = name or "NAME"
    words["var_shown"] = name or "MONGO_URI, DATABASE_URL, ..."
    mongo = "mongo" in output.lower()
    words["scheme"] = scheme or ("mongodb://" if mongo else "")


def _also_required(project: Path | None, language: str | None, name: str) -> str:
    """The other variables the project's detection found read with no default (Django's settings: fact
    `required_env`): the log names only the first the app stopped on, and setting one at a time takes a run each."""
    from scaffold.errors import ScaffoldError
    from scaffold.project import ProjectDir
    from scaffold.providers import registry

    provider = registry().get(language or "")
    if project is None or provider is None:
        return ""
    try:
        detection = provider.detect(ProjectDir(project))
    except ScaffoldError:
        return ""
    facts = {f.key: f.value for f in detection.facts} if detection else {}
    others = [n for n in str(facts.get("required_env", "")).split() if n != name]
    return f" (the settings also read {' '.join(others)} with no default: give them all)" if others else ""


def _python_image_at_most(last: str) -> tuple[str, str] | None:
    """The newest Python at or below `last` that has an image here, and its image's Debian release."""
    from packaging.version import InvalidVersion, Version

    images = catalogue.image_versions("python")  # the catalogue's, or $SCAFFOLD_PYTHON_IMAGES
    try:
        fitting = sorted((v for v in images if Version(v) <= Version(last)), key=Version)
    except InvalidVersion:
        return None  # a malformed $SCAFFOLD_PYTHON_IMAGES: init reports it; no remedy from it here
    return (fitting[-1], images[fitting[-1]]) if fitting else None


def _native_needs(output: str, language: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The failing package's build and run-time packages from the language's native-package catalogue."""
    if language is None:
        return None
    table = catalogue.load(language).get("native", {})
    names = re.findall(
        r"(?:Failed to build|Building wheel for|Getting requirements to build wheel for|error: [a-z-]+ failed for"
        r"|Failed to build `?)\s*`?([A-Za-z0-9][A-Za-z0-9._-]*)",
        output,
    )
    for name in reversed(names):
        key = re.sub(r"[-_.]+", "-", name.split("==")[0]).lower()
        spec = table.get(key)
        if isinstance(spec, dict) and spec.get("build"):
            return tuple(spec["build"]), tuple(spec.get("run", ()))
    return None


def _first_part(path: str) -> str:
    """The file or folder of the app a relative path starts with (`ui/html/base.tmpl` → `ui`)."""
    return next((p for p in PurePosixPath(path).parts if p not in (".", "")), "")


def _in_project(project: Path | None, path: str) -> bool:
    """A relative path whose first part is a file or folder of the project (a file the image could hold)."""
    first = _first_part(path)
    if project is None or not first or first == ".." or "*" in first:
        return False
    target = project / first
    return (target.is_file() or target.is_dir()) and not target.is_symlink()


def _workdir_folder(path: str | None) -> str | None:
    """The app folder a written path is in ("." for the working directory itself); None outside the app."""
    if not path:
        return "."
    pure = PurePosixPath(path)
    if pure.is_absolute():
        if not pure.is_relative_to(WORKDIR):
            return None
        pure = pure.relative_to(WORKDIR)
    parts = [p for p in pure.parts if p not in (".", "")]
    if ".." in parts:
        return None
    return parts[0] if len(parts) > 1 else "."


def _fill(template: str, words: Mapping[str, str], missing: str | None = "") -> str | None:
    """`template` with {name} replaced; a name without a value gives `missing` (None: the whole value)."""
    hole = False

    def one(m: re.Match[str]) -> str:
        nonlocal hole
        value = words.get(m.group(1))
        if value is None:
            hole = True
            return ""
        return value

    text = re.sub(r"\{([a-z_]+)\}", one, template)
    if hole and missing is None:
        return None
    return text


def _shown(value: str) -> str:
    """A value from a log as a message quotes it: printable, at most 60 characters."""
    text = "".join(ch if ch.isprintable() else "?" for ch in value)
    return text[:60] + ("..." if len(text) > 60 else "")


def _merged(key: str, value: str, current: object, language: str | None) -> str:
    """A list option (space-separated items) gains the new items; any other option takes the new value."""
    kind = _kind(key, language)
    if kind.item is None or not isinstance(current, str) or not current.strip():
        return value
    items = current.split()
    items += [item for item in value.split() if item not in items]
    return " ".join(items)


def _same(current: object, value: str) -> bool:
    if isinstance(current, bool):
        return value.lower() in (("yes", "true", "1", "on") if current else ("no", "false", "0", "off"))
    return str(current) == value


def _kind_problem(key: str, value: str, language: str | None) -> str:
    if value.lower() in ("yes", "no") and _kind(key, language).name == values.DEFAULT_KIND:
        return ""  # a yes/no option: the template's own type checks it
    try:
        values.check(_kind(key, language), value)
    except values.InvalidValue as exc:
        return str(exc)
    return ""


def _kind(key: str, language: str | None) -> values.Kind:
    return values.kind_of(key, _declared_kinds(language or "").get(key))


@cache
def _declared_kinds(language: str) -> dict[str, str]:
    """The kinds the built-in template of `language` declares for its own variables."""
    from scaffold.builtin_templates import builtin_template
    from scaffold.errors import TemplateError

    try:
        data = json.loads((builtin_template(language) / "cookiecutter.json").read_text(encoding="utf-8"))
    except (TemplateError, OSError, ValueError):
        return {}
    kinds = data.get("__kinds__", {})
    return {str(k): str(v) for k, v in kinds.items()} if isinstance(kinds, dict) else {}


def _package_json(project: Path | None) -> dict[str, Any] | None:
    """The project's package.json as an object (None without one, or when it is not an object)."""
    if project is None:
        return None
    try:
        data = json.loads((project / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _dev_only(project: Path | None, module: str) -> bool:
    """True when package.json lists `module` in devDependencies and not in dependencies."""
    data = _package_json(project) if module else None
    if data is None:
        return False
    dev = data.get("devDependencies") or {}
    prod = data.get("dependencies") or {}
    return isinstance(dev, dict) and module in dev and not (isinstance(prod, dict) and module in prod)


def _declared(project: Path | None, module: str) -> bool:
    """True when package.json lists `module` in dependencies or devDependencies (optionalDependencies do not count:
    npm skips those where they do not fit)."""
    data = _package_json(project) if module else None
    if data is None:
        return False
    listed = (data.get(k) for k in ("dependencies", "devDependencies"))
    return any(isinstance(deps, dict) and module in deps for deps in listed)


def _own_module_folder(project: Path | None, module: str) -> str | None:
    """The folder (relative to the project) holding the project's own module `module` one or two levels down
    (`src/app/`, `backend/app.py`), when the root holds no such module: the server must run from there."""
    if project is None or not module or (project / module).exists() or (project / f"{module}.py").exists():
        return None
    for pattern in (f"*/{module}", f"*/{module}.py", f"*/*/{module}", f"*/*/{module}.py"):
        for hit in sorted(project.glob(pattern)):
            rel = hit.parent.relative_to(project).as_posix()
            if not any(part.startswith(".") or part in ("node_modules", "venv", ".venv") for part in rel.split("/")):
                return rel
    return None


def _undeclared(project: Path | None, language: str | None, module: str) -> bool:
    """True when no manifest of the project names `module` and it is not one of the project's own modules."""
    if project is None or not module:
        return False
    if language == "node":
        data = _package_json(project)
        if data is None:
            return False
        listed = (data.get(k) for k in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"))
        return not any(isinstance(deps, dict) and module in deps for deps in listed)
    # Python: a module of the project itself that the image lacks is a layout problem, not a missing package.
    own = (f"{module}.py", module, f"src/{module}", f"src/{module}.py")
    return not any((project / name).exists() for name in own)


# ---- the verify report's side: which checks failed, with what output, and how to reproduce them ----------


def diagnose(
    rows: Sequence[Row],
    settings: Settings,
    image: str,
    engine: str,
    language: str | None,
    answers: Mapping[str, object] | None = None,
) -> list[Diagnosis]:
    """One diagnosis per failed check: a catalogue match, else its last lines and the command to reproduce it."""
    project = settings.path.resolve()
    out = []
    for row in rows:
        if row.status is not Status.FAIL:
            continue
        text = failure_text(row)
        reproduce = reproduce_commands(row.check, settings, image, engine)
        found = match(row.check, text, language, project, answers)
        if found is None:
            said = row.output or row.details or text
            lines = _tail(said)
            found = Diagnosis(row.check, "unknown", "not a failure scaffold knows", excerpt="\n".join(lines))
        out.append(replace(found, reproduce=reproduce))
    return out


def _tail(said: str) -> list[str]:
    """The last lines of a failure nobody knows: where pip quotes a build backend's output (`[end of output]`),
    the quoted output's end, which holds the backend's own error, rather than pip's closing advice."""
    lines = [ln for ln in said.rstrip().splitlines() if ln.strip()]
    quoted = [i for i, ln in enumerate(lines) if ln.strip().endswith("[end of output]")]
    end = quoted[0] + 1 if quoted else len(lines)
    return lines[max(0, end - TAIL_LINES) : end]


def failure_text(row: Row) -> str:
    """Everything a failed check said: figure, hint, and its output (the whole build log when kept)."""
    # The output first: the hint is its last error line cut short, which would match with a cut value.
    return "\n".join(part for part in (row.output or row.details, row.figure, row.hint) if part)


def reproduce_commands(check: str, settings: Settings, image: str, engine: str) -> tuple[str, ...]:
    """The engine commands a person runs to see the failure again."""
    project = settings.path.resolve()
    dockerfile = project / settings.dockerfile
    build = ["DOCKER_BUILDKIT=1", engine, "build", *settings.build_flags, "-f", str(dockerfile)]
    if check == "test":
        return (shlex.join([*build, "--target", "test", str(project)]),)
    built = shlex.join([*build, "-t", image, str(project)])
    if check in ("lint", "build", "rebuild"):
        return (built,)
    run = shlex.join([engine, "run", "--rm", *settings.run_flags, image, *settings.args])
    return (built, run)
