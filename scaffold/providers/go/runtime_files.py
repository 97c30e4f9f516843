"""Files the Go binary reads at run time that the image copies: data and template folders, config files (or
their committed examples), and the empty stand-ins of the .env files godotenv loads."""

from __future__ import annotations

import re
from posixpath import basename, dirname, isabs, join, normpath

from scaffold import secret_files
from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.go.layout import APP_DIR
from scaffold.providers.go.source import SourceScan

RUNTIME_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
"""A file or directory name the image may copy (no glob characters, nothing hidden)."""
CONFIG_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".ini", ".env", ".conf")


def dotenv_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
    """The .env files godotenv loads (secrets, never in the image): empty stand-ins; the note goes to `notes`."""
    dotenv = [(n, f) for n, f in found.dotenv if secret_files.why_secret(n, None)]
    if not dotenv:
        return []
    notes.append(
        f"{dotenv[0][1]} loads {dotenv[0][0]} with godotenv, which fails when the file is missing, and a "
        f"{dotenv[0][0]} never enters the image (a secret): the image holds an empty one, so the settings come "
        "from the container's environment (docker run -e, --env-file)"
    )
    return [Fact("dotenv_files", " ".join(dict.fromkeys(n for n, _ in dotenv)), dotenv[0][1])]


def runtime_files(project: ProjectDir, module_dir: str, found: SourceScan, served: tuple[str, ...] = ()) -> list[Fact]:
    """Files and directories the code opens by a relative path that exist in the module: the image copies
    them into its working directory, which is made writable by the app's user when the code writes files.
    A frontend build served from disk (`served`: its output and source folders, project-relative) comes from its
    own stage: neither is copied (filepath.Join("client", "build") names both)."""
    prefix = "" if module_dir == "." else module_dir + "/"
    embedded = {e.split("/")[0] for e in found.embeds}
    names: dict[str, str] = {}
    opened = {literal for literal, _ in found.opened}
    for literal, source in (*found.opened, *found.named):
        first = normpath(literal).split("/")[0]
        path = normpath(prefix + literal)
        if served and ((path + "/").startswith(served[0] + "/") or path == served[1]):
            continue
        if isabs(literal) or first in ("..", ".", "") or first in embedded or not RUNTIME_NAME.match(first):
            continue
        if secret_files.in_project(project, prefix + first):
            continue  # a secret (scaffold/catalogue/secrets.toml) is not in the build context: mounted at run time
        chosen = _runtime_path(project, prefix, normpath(literal))
        if chosen is None or secret_files.in_project(project, prefix + chosen):
            continue
        if literal not in opened and not _data_path(project, prefix + chosen):
            continue  # a literal that merely names something (a route, a Go package directory) is not read
        names.setdefault(chosen, source)
    # A folder already copied holds its subfolders (ui beside ui/html keeps ui alone).
    names = {n: s for n, s in names.items() if not any(n.startswith(other + "/") for other in names)}
    if not names:
        return []
    facts = [Fact("runtime_files", " ".join(sorted(names)), next(iter(names.values())))]
    if found.writes:
        facts.append(Fact("writable_workdir", True, found.writes[0]))
    return facts


def package_files(project: ProjectDir, module_dir: str, found: SourceScan, taken: str, notes: list[str]) -> list[Fact]:
    """Paths a main package's code opens relative to its own folder (`cd cmd/web && go run .`, as such a README
    says): absent from the module's top folder, they are copied from the package's folder to the image's working
    directory under the name the code opens (`cmd/web/templates=/app/templates`). `taken`: runtime_files."""
    prefix = "" if module_dir == "." else module_dir + "/"
    mains = {m for m in found.main_packages if m != "." and not m.endswith(".go")}
    opened = {literal for literal, _ in found.opened}
    copies: dict[str, str] = {}
    sources: list[str] = []
    for literal, source in (*found.opened, *found.named):
        package = dirname(source.removeprefix(prefix)) or "."
        path = normpath(literal)
        first = path.split("/")[0]
        if package not in mains or isabs(literal) or first in ("..", ".", "") or not RUNTIME_NAME.match(first):
            continue
        if first in taken.split() or project.has(prefix + first) or secret_files.why_secret(first, None):
            continue  # the module's own top-level path is the one a run from the module's folder opens
        chosen = _runtime_path(project, f"{prefix}{package}/", path)
        if chosen is None or secret_files.in_project(project, f"{prefix}{package}/{chosen}"):
            continue
        if literal not in opened and not _data_path(project, f"{prefix}{package}/{chosen}"):
            continue
        if f"{package}/{chosen}" not in copies:
            copies[f"{package}/{chosen}"] = f"{APP_DIR}/{chosen}"
            sources.append(source)
    # A folder already copied holds its subfolders.
    copies = {s: d for s, d in copies.items() if not any(s.startswith(other + "/") for other in copies)}
    if not copies:
        return []
    first_source, first_dest = next(iter(copies)), next(iter(copies.values()))
    notes.append(
        f"{sources[0]} opens {first_dest.removeprefix(APP_DIR + '/')} relative to its own folder ({first_source} "
        f"in the project, run from there): the image copies it to {first_dest}, beside where the binary runs"
    )
    facts = [Fact("package_files", " ".join(f"{s}={d}" for s, d in copies.items()), sources[0])]
    if found.writes and not taken:
        facts.append(Fact("writable_workdir", True, found.writes[0]))
    return facts


EXAMPLE_FORMS = (
    "{stem}.example{ext}",
    "{name}.example",
    "{stem}.sample{ext}",
    "{name}.sample",
    "{stem}.dist{ext}",
    "{name}.dist",
    "{stem}.default{ext}",
    "{stem}-example{ext}",
    "{stem}_example{ext}",
    "example.{name}",
    "{stem}.template{ext}",
    "{name}.template",
)
"""Where a project keeps the committed example of a config file it git-ignores (config.yaml → config.example.yaml)."""


def example_of(project: ProjectDir, prefix: str, path: str) -> str | None:
    """The committed example of a module-relative config file (config.yaml → config.example.yaml), if any."""
    folder, name = dirname(path), basename(path)
    stem, dot, ext = name.rpartition(".")
    for form in EXAMPLE_FORMS:
        example = join(folder, form.format(name=name, stem=stem, ext=dot + ext))
        if project.has(prefix + example) and not secret_files.in_project(project, prefix + example):
            return example
    return None


def config_examples(project: ProjectDir, module_dir: str, found: SourceScan, notes: list[str]) -> list[Fact]:
    """A config file the code opens by a relative path that is not in the project while its example is: the image
    copies the example under the name the code opens (the app would exit at start without it)."""
    prefix = "" if module_dir == "." else module_dir + "/"
    copies: dict[str, str] = {}
    sources: list[str] = []
    # Any path literal counts (a flag's default, a Load("config.yaml") helper): its example must exist too.
    for literal, source in (*found.opened, *found.named):
        path = normpath(literal)
        if isabs(literal) or path.startswith("..") or not path.endswith(CONFIG_SUFFIXES) or project.has(prefix + path):
            continue
        if not all(RUNTIME_NAME.match(p) for p in path.split("/")) or secret_files.why_secret(path, None):
            continue
        example = example_of(project, prefix, path)
        if example and path not in copies.values():
            copies[example] = path
            sources.append(source)
            notes.append(
                f"{source} opens {path}, which is not in the project: the image copies {example} as "
                f"{path} (mount your own at /app/{path} to change it)"
            )
    if not copies:
        return []
    return [Fact("config_examples", " ".join(f"{e}=/app/{p}" for e, p in copies.items()), sources[0])]


def _runtime_path(project: ProjectDir, prefix: str, path: str) -> str | None:
    """What to copy for a path the code names: a file at the module's top, else the deepest folder of the path
    that exists (`ui/html/base.tmpl` → `ui/html`, `frontend/dist` → itself, not all of `frontend/`)."""
    parts = path.split("/")
    if len(parts) == 1 and project.has(prefix + path):
        return path
    for depth in range(len(parts), 0, -1):
        folder = "/".join(parts[:depth])
        if all(RUNTIME_NAME.match(p) for p in parts[:depth]) and project.is_dir(prefix + folder):
            return folder
    return parts[0] if project.has(prefix + parts[0]) else None


NOT_DATA = frozenset({"go.mod", "go.sum", "go.work", "go.work.sum", "vendor", "Dockerfile", "Makefile"})


def _data_path(project: ProjectDir, path: str) -> bool:
    """A file or directory the binary may read: not Go source, not the module's manifests, not a directory
    of Go packages (a literal "api" naming the route beside the api/ package is no data)."""
    name = basename(path)
    if name in NOT_DATA or name.endswith(".go") or name.startswith("."):
        return False
    if project.is_dir(path):
        return not project.glob(f"{path}/*.go") and not project.glob(f"{path}/*/*.go")
    return project.has(path)
