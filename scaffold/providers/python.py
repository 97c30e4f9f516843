"""Python provider: installer, Python version, entry point, port and native needs of a Python project.

The work is split by job: python_manifest reads the manifests, python_version picks the version,
python_entry finds how the app starts, python_data holds the data a team may extend.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from scaffold.models import Detection, Fact
from scaffold.project import ProjectDir
from scaffold.providers.base import image_name
from scaffold.providers.python_data import compiler_packages, image_versions, native_table
from scaffold.providers.python_entry import SERVERS, Entry, find_entry
from scaffold.providers.python_manifest import Manifest, read_manifest
from scaffold.providers.python_version import choose, pinned_version

ROOT_SCRIPTS = ("main.py", "app.py", "manage.py", "wsgi.py", "asgi.py", "server.py")
"""Without a manifest, one of these at the root still makes a (weak) Python project."""
MANIFEST_SCORE = 100
SCRIPT_SCORE = 40
OTHER_PY_SCORE = 20


class PythonProvider:
    name = "python"
    priority = 10
    looks_for: tuple[str, ...] = ("pyproject.toml", "requirements.txt", "setup.py", "Pipfile", "main.py", "app.py")

    def detect(self, project: ProjectDir) -> Detection | None:
        manifest = read_manifest(project)
        if manifest is not None:
            score, evidence = MANIFEST_SCORE, manifest.evidence
        else:
            scripts = tuple(s for s in ROOT_SCRIPTS if project.has(s))
            loose = tuple(project.glob("*.py"))
            if not scripts and not loose:
                return None
            score = SCRIPT_SCORE if scripts else OTHER_PY_SCORE
            evidence = scripts or loose[:3]
        entry = find_entry(project, manifest)
        facts, notes = _facts(project, manifest, entry)
        return Detection("python", score, evidence, tuple(facts), tuple(notes))


def _facts(project: ProjectDir, manifest: Manifest | None, entry: Entry) -> tuple[list[Fact], list[str]]:
    notes: list[str] = list(manifest.notes) if manifest else []
    notes += entry.notes
    evidence = manifest.evidence[0] if manifest else entry.source
    # The name comes from the manifest only when it declares one; otherwise from the directory.
    named = manifest.evidence[0] if manifest and manifest.name else "directory name"
    facts = [Fact("app_name", _app_name(project, manifest), named)]

    available = list(image_versions())
    version = choose(available, pinned_version(project), manifest.constraints if manifest else ())
    facts += [
        Fact("python_version", version.version, version.source),
        Fact("debian", image_versions()[version.version], "catalogue/python.toml"),
    ]
    if version.note:
        notes.append(version.note)

    installer = manifest.installer if manifest else "none"
    facts.append(Fact("installer", installer, manifest.evidence[-1] if manifest else "no manifest"))
    if manifest and manifest.requirements_files:
        facts.append(Fact("requirements_files", " ".join(manifest.requirements_files), "requirements.txt"))
    if manifest and manifest.dev_requirements:
        facts.append(Fact("dev_requirements", " ".join(manifest.dev_requirements), manifest.dev_requirements[0]))
    if manifest and manifest.dev_extra:
        facts.append(Fact("dev_extra", manifest.dev_extra, "pyproject.toml"))
    installed = bool(manifest and manifest.install_project)
    facts += [Fact("install_project", installed, evidence), Fact("copy_source", not installed, evidence)]

    facts += [Fact("entry_kind", entry.kind, entry.source), Fact("entry", entry.target, entry.source)]
    if entry.framework:
        facts.append(Fact("framework", entry.framework, entry.source))
    deps = manifest.deps if manifest else frozenset()
    server = entry.server
    missing = bool(server) and SERVERS[server] not in deps
    facts.append(Fact("install_server", missing, evidence))
    if missing:
        notes.append(
            f"{server} runs the app but is not among the dependencies: the image installs it "
            f"(--set install_server=no to leave it out, or add {server} to your dependencies)"
        )
    facts.append(Fact("port", entry.port, entry.port_source or "no server found"))
    if entry.django_settings:
        facts += [
            Fact("django_settings", entry.django_settings, "manage.py"),
            Fact("collectstatic", entry.collectstatic, entry.source),
        ]

    build, run, native = _native(manifest)
    if build or run:
        facts += [Fact("build_packages", " ".join(build), native), Fact("runtime_packages", " ".join(run), native)]
    test_command, test_packages, test_note = _tests(project, manifest, entry)
    facts.append(Fact("test_command", test_command, "tests/" if project.is_dir("tests") else evidence))
    facts.append(Fact("test_packages", test_packages, evidence))
    if test_note:
        notes.append(test_note)
    return facts, notes


def _app_name(project: ProjectDir, manifest: Manifest | None) -> str:
    return image_name((manifest.name if manifest else "") or project.root.name)


def _native(manifest: Manifest | None) -> tuple[list[str], list[str], str]:
    """Debian packages for the build stage and for the final image, and what asked for them."""
    if manifest is None:
        return [], [], ""
    table = native_table()
    build: list[str] = []
    run: list[str] = []
    why: list[str] = []
    compile_ = manifest.own_extension
    if manifest.own_extension:
        why.append("setup.py ext_modules")
    for name in sorted(manifest.deps & table.keys()):
        needs = table[name]
        compile_ = compile_ or needs.compile
        build += needs.build
        run += needs.run
        why.append(name)
    if compile_:
        build = [*compiler_packages(), *build]
    return list(dict.fromkeys(build)), list(dict.fromkeys(run)), ", ".join(why) + " (catalogue/python.toml)"


def _tests(project: ProjectDir, manifest: Manifest | None, entry: Entry) -> tuple[str, str, str]:
    """The test command, extra packages the test stage needs, and a note."""
    has_tests = project.is_dir("tests") or project.is_dir("test") or bool(project.glob("test_*.py"))
    if not has_tests:
        return "python -m compileall -q .", "", "no tests found: `make test` only byte-compiles the sources"
    if entry.framework == "Django":
        return "python manage.py test", "", ""
    dev = manifest.dev_deps if manifest else frozenset()
    if "pytest" in dev:
        extra = ""
        if manifest and manifest.installer in ("pip", "setuppy") and not manifest.dev_extra:
            # pip cannot install a PEP 735 group itself: the test stage installs the group's packages.
            extra = " ".join(r for r in manifest.dev_group_packages if " " not in r)
        return "python -m pytest", extra, ""
    where = "tests/" if project.is_dir("tests") else PurePosixPath(project.glob("test_*.py")[0]).name
    return "python -m pytest", "pytest>=8", f"{where} found but pytest is not a dev dependency: the test stage adds it"
