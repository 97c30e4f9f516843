"""Python provider: installer, Python version, entry point, port and native needs of a Python project.

The work is split by job: manifest reads the manifests, version picks the version,
entry finds how the app starts, data holds the data a team may extend.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from scaffold.errors import InputError
from scaffold.models import Detection, Fact, Options
from scaffold.project import SKIP_DIRS, ProjectDir
from scaffold.providers.base import DIRECTORY_NAME, image_name
from scaffold.providers.python.apt_packages import FILE as APT_FILE
from scaffold.providers.python.apt_packages import apt_packages
from scaffold.providers.python.assets import Assets, asset_build
from scaffold.providers.python.bake import workspace_servers
from scaffold.providers.python.data import (
    compiler_packages,
    frozen_default,
    git_build_packages,
    image_versions,
    launchers,
    native_table,
    pkg_resources_requirement,
    server_requirements,
    wheel_firsts,
)
from scaffold.providers.python.data_dirs import data_dirs
from scaffold.providers.python.data_files import data_files
from scaffold.providers.python.db_init import alembic_db_init, flask_db_init
from scaffold.providers.python.decide import decide
from scaffold.providers.python.entry import SIGNAL_AWARE, find_entry
from scaffold.providers.python.entry_model import Entry
from scaffold.providers.python.env_example import example_note
from scaffold.providers.python.imports import imported_requirements
from scaffold.providers.python.index_mirror import mirror_index
from scaffold.providers.python.lock import Locked, lock_requires_python, read_lock, wheel_spec
from scaffold.providers.python.lock_drift import missing_from_lock, poetry_lock_stale
from scaffold.providers.python.manifest import Constraint, Manifest, read_manifest
from scaffold.providers.python.space_header import sdk_version
from scaffold.providers.python.vcs import vcs_env
from scaffold.providers.python.version import choose, pinned_version, version_range, wheel_cap

ROOT_SCRIPTS = ("main.py", "app.py", "manage.py", "wsgi.py", "asgi.py", "server.py")
"""Without a manifest, one of these at the root still makes a (weak) Python project."""
MANIFEST_SCORE = 100
SCRIPT_SCORE = 40
OTHER_PY_SCORE = 20


class PythonProvider:
    name = "python"
    priority = 10
    looks_for: tuple[str, ...] = (
        "pyproject.toml",
        "requirements.txt",
        "requirements.in",
        "setup.py",
        "Pipfile",
        "environment.yml",
        "main.py",
        "app.py",
    )

    def decide(self, detection: Detection, options: Options) -> Options:
        """What follows from the entry a person chose (tini, the server to install); refuses a project with none."""
        return decide(detection, options)

    def dependencies(self, project: ProjectDir) -> tuple[str, ...]:
        """The normalized names of the runtime dependencies, whatever the manifest."""
        try:
            manifest = read_manifest(project)
        except InputError:
            return ()
        return tuple(sorted(manifest.deps)) if manifest is not None else ()

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
        servers = workspace_servers(project, manifest)
        if servers:
            facts.append(Fact("workspace_servers", servers, "pyproject.toml [tool.uv.workspace] members"))
        assets = asset_build(project) if entry.port else None
        if assets is not None:
            # package.json only builds this web app's assets: the registry ranks Node's reading of it as tooling.
            facts += _asset_facts(assets, notes)
        return Detection("python", score, evidence, tuple(facts), tuple(notes))


def _venv_facts(project: ProjectDir, notes: list[str]) -> list[Fact]:
    """Committed virtualenvs at the root under another name than .venv/venv (env/, myenv/): kept out of the build
    context like those (the image builds its own; the committed one only adds megabytes)."""
    found = [p.removesuffix("/pyvenv.cfg") for p in project.glob("*/pyvenv.cfg")]
    found = [d for d in found if d not in SKIP_DIRS and not d.startswith(".")]
    if not found:
        return []
    notes.append(f"{', '.join(found)}: a committed virtualenv, kept out of the image (.dockerignore)")
    return [Fact("venv_dirs", " ".join(found), found[0] + "/pyvenv.cfg")]


def _facts(project: ProjectDir, manifest: Manifest | None, entry: Entry) -> tuple[list[Fact], list[str]]:
    notes: list[str] = list(manifest.notes) if manifest else []
    notes += [*entry.notes, *_env_notes(project, entry)]
    evidence = manifest.evidence[0] if manifest else entry.source
    # The name comes from the manifest only when it declares one; otherwise from the directory.
    named = manifest.evidence[0] if manifest and manifest.name else DIRECTORY_NAME
    facts = [Fact("app_name", _app_name(project, manifest), named)]

    locked = read_lock(project, manifest.installer) if manifest else None
    facts += _version_facts(project, manifest, locked, notes)
    facts += _lock_drift(project, manifest, notes)

    facts += _install_facts(project, manifest, notes)
    facts += _vcs_facts(project, manifest, notes) + _venv_facts(project, notes)
    installed = bool(manifest and manifest.install_project)
    # An installed project that runs as its console script or `python -m` needs no source copy (it would shadow
    # compiled parts); a server app or a script may live outside the installed packages, so it gets one.
    copy = not installed or entry.kind not in ("script", "module")
    facts += [Fact("install_project", installed, evidence), Fact("copy_source", copy, evidence)]

    facts += [Fact("entry_kind", entry.kind, entry.source), Fact("entry", entry.target, entry.source)]
    facts.append(Fact("init", _needs_init(entry), entry.source))
    if entry.framework:
        facts.append(Fact("framework", entry.framework, entry.source))
    if entry.listen_all:
        facts.append(Fact("listen_all", True, entry.source))
    facts += _server_facts(project, entry, manifest, locked, notes)
    facts += _port_facts(entry)
    facts += _django_facts(project, entry, manifest, notes) if entry.django_settings else _writes(entry, notes)
    facts = _writable_workdir(facts, entry)
    py_files = list(project.walk((".py",)))  # walked once for both scans
    facts += _data_dirs(project, py_files, entry, notes) + _db_init(project, py_files, entry, notes)
    build, run, native = _native(manifest, locked)
    git_refs = _git_requirements(project, manifest)
    native = native if build or run else ""
    if git_refs:
        build = list(dict.fromkeys([*build, *git_build_packages()]))
        native = ", ".join(w for w in (native, f"git requirements in {git_refs} (catalogue/python.toml)") if w)
        notes.append(f"{git_refs} installs from a git repository: the build stage gets git (not the final image)")
    build, run, native = _listed_packages(project, build, run, native, notes)
    if build or run:
        facts += [Fact("build_packages", " ".join(build), native), Fact("runtime_packages", " ".join(run), native)]
    notes += _native_notes(manifest, locked)
    test_command, test_packages, test_note = _tests(project, manifest, entry)
    facts.append(Fact("test_command", test_command, "tests/" if project.is_dir("tests") else evidence))
    facts.append(Fact("test_packages", test_packages, evidence))
    if test_note:
        notes.append(test_note)
    return facts, notes


def _imported_facts(project: ProjectDir, notes: list[str]) -> list[Fact]:
    """No manifest at all: the distributions the code imports (catalogue [imports]) install unpinned."""
    found = imported_requirements(project)
    if found.unknown:
        notes.append(
            f"the code imports {', '.join(found.unknown)}, which no manifest lists and scaffold cannot name on PyPI: "
            "add a requirements.txt"
        )
    if not found.requirements:
        return []
    notes.append(
        f"no requirements.txt or pyproject.toml: the image installs what the code imports, unpinned "
        f"({', '.join(found.requirements)}; catalogue/python.toml [imports]): add a requirements.txt to pin them"
    )
    return [Fact("import_requirements", " ".join(found.requirements), "imports in the sources")]


def _server_facts(
    project: ProjectDir, entry: Entry, manifest: Manifest | None, locked: Locked | None, notes: list[str]
) -> list[Fact]:
    """The server (or launcher) the image installs when the dependencies lack it, and which servers they list."""
    evidence = manifest.evidence[0] if manifest else entry.source
    deps = manifest.deps if manifest else frozenset()
    if locked is not None:
        # A server the lock resolves (uvicorn through fastapi[standard]) is installed already: a second,
        # catalogue-pinned one would replace the locked version.
        deps |= locked.packages
    server = entry.server
    requirement = server_requirements().get(server, "")
    sdk = _launcher_requirement(project, entry, deps)
    if sdk:  # Gradio or Streamlit serves the app itself: the program to install when no manifest lists it
        server, requirement = entry.framework, sdk
    missing = bool(server) and server not in deps
    facts = [Fact("install_server", missing, evidence), Fact("server_requirement", requirement, entry.source)]
    facts.append(Fact("pkg_resources_requirement", pkg_resources_requirement(), "catalogue/python.toml"))
    # For the decision after a person changes the entry: which servers the project already depends on.
    facts.append(Fact("servers_in_deps", " ".join(sorted(server_requirements().keys() & deps)), evidence))
    if missing and manifest is None:
        # No manifest lists anything: "not among the dependencies" would blame a list that does not exist.
        notes.append(
            f"{server} runs the app and the project has no dependency manifest: the image installs it "
            f"(--set install_server=no to leave it out, or list {server} in a requirements.txt)"
        )
    elif missing:
        notes.append(
            f"{server} runs the app but is not among the dependencies: the image installs it "
            f"(--set install_server=no to leave it out, or add {server} to your dependencies)"
        )
    return facts


def _listed_packages(
    project: ProjectDir, build: list[str], run: list[str], native: str, notes: list[str]
) -> tuple[list[str], list[str], str]:
    """The Debian packages packages.txt asks for (Hugging Face Spaces, Streamlit Cloud), added to the native ones."""
    listed = apt_packages(project)
    if listed is None:
        return build, run, native
    if listed.ignored:
        notes.append(f"{APT_FILE}: {', '.join(listed.ignored)} is no Debian package name: left out")
    if listed.run:
        notes.append(f"{APT_FILE} asks for {' '.join(listed.run)}: the final image installs them")
    if listed.build:
        notes.append(f"{APT_FILE} asks for {' '.join(listed.build)}: build tools and headers, the build stage only")
    build = list(dict.fromkeys([*build, *listed.build]))
    run = list(dict.fromkeys([*run, *listed.run]))
    return build, run, ", ".join(w for w in (native, APT_FILE) if w)


def _launcher_requirement(project: ProjectDir, entry: Entry, deps: frozenset[str]) -> str:
    """A launcher-run app (`streamlit run`, Gradio's launch) whose dependencies lack the launcher: its requirement,
    at the version a Hugging Face Space header names (the Space installs its SDK itself), else unpinned."""
    module = entry.framework
    if not module or module not in {launcher.module for launcher in launchers()} or module in deps:
        return ""
    version = sdk_version(project, module)
    return f"{module}=={version}" if version else module


def _port_facts(entry: Entry) -> list[Fact]:
    """The TCP port the server listens on, and a UDP server's port (EXPOSEd as PORT/udp)."""
    facts = [Fact("port", entry.port, entry.port_source or "no server found")]
    return facts + ([Fact("udp_port", entry.udp_port, entry.source)] if entry.udp_port else [])


def _env_notes(project: ProjectDir, entry: Entry) -> list[str]:
    """What `.env.example` says the container needs; Django's settings name it more precisely (their own note)."""
    note = "" if entry.required_env else example_note(project)
    return [note] if note else []


def _version_facts(
    project: ProjectDir, manifest: Manifest | None, locked: Locked | None, notes: list[str]
) -> list[Fact]:
    """The Python version (and its image's Debian release) and why, with a note when uv's pin differs."""
    available = list(image_versions())
    pin = pinned_version(project)
    frozen = frozen_default() if manifest and manifest.exact_pins else ""
    constraints = [*(manifest.constraints if manifest else ()), *filter(None, [version_range(project)])]
    constraints += _lock_constraints(project, manifest, locked)
    version = choose(available, pin, constraints, frozen)
    cap = (
        None
        if pin
        else wheel_cap(available, manifest.pins if manifest else (), wheel_firsts(), version.version, constraints)
    )
    if cap is not None:
        constraints.append(cap)
        version = choose(available, pin, constraints, frozen)
        notes.append(
            f"Python {version.version}: {cap.source}; a newer Python would compile it from source "
            "(--set python_version=X.Y to choose)"
        )
    newest = Version(available[-1])
    bounded = locked is not None and bool(locked.wheel_versions) and Version(locked.wheel_versions[-1]) < newest
    if locked and bounded and not pin and version.version in locked.wheel_versions:
        notes.append(
            f"Python {version.version}: the lock was made for it ({locked.wheel_reason}; a newer Python would "
            "build those from source)"
        )
    if pin and pin[0] != version.version and manifest and manifest.installer == "uv":
        notes.append(
            f"{pin[1]} pins Python {pin[0]} but the image has {version.version}: uv uses the image's interpreter "
            "(UV_PYTHON) and never downloads one"
        )
    if version.note:
        notes.append(version.note)
    return [
        Fact("python_version", version.version, version.source),
        Fact("debian", image_versions()[version.version], "catalogue/python.toml"),
    ]


def _lock_constraints(project: ProjectDir, manifest: Manifest | None, locked: Locked | None) -> list[Constraint]:
    """What the lock says about the Python it was made for: its own requirement, and its wheels' versions."""
    if manifest is None or locked is None:
        return []
    out = []
    wanted = lock_requires_python(project, manifest.installer)
    if wanted:
        try:
            out.append(Constraint(SpecifierSet(wanted), f"{locked.lockfile} requires-python"))
        except InvalidSpecifier:
            raise InputError(locked.lockfile, f"requires-python {wanted!r} is not a version specifier") from None
    if locked.wheel_versions:
        out.append(Constraint(wheel_spec(locked.wheel_versions), f"{locked.lockfile} wheels"))
    return out


def _install_facts(project: ProjectDir, manifest: Manifest | None, notes: list[str]) -> list[Fact]:
    """The installer and the files and flags its steps need."""
    facts = [
        Fact(
            "installer",
            manifest.installer if manifest else "none",
            manifest.evidence[-1] if manifest else "no manifest",
        )
    ]
    if manifest is None:
        return facts + _imported_facts(project, notes)
    if manifest.requirements_files:
        facts.append(Fact("requirements_files", " ".join(manifest.requirements_files), manifest.requirements_files[0]))
    if manifest.conda_requirements:
        facts.append(Fact("conda_requirements", " ".join(manifest.conda_requirements), manifest.evidence[0]))
    if manifest.requirements_skip:
        first = manifest.requirements_files[0]
        facts.append(Fact("requirements_skip", " ".join(manifest.requirements_skip), first))
        notes.append(
            f"{first} names {', '.join(manifest.requirements_skip)}, which no Linux image installs (Windows-only, "
            "or pip freeze's pkg-resources==0.0.0): the image installs a copy of the file without those lines"
        )
    mirror = mirror_index(project, manifest.requirements_files)
    if mirror and not manifest.requirements_skip and not manifest.requirements_local:
        first = manifest.requirements_files[0]
        facts.append(Fact("requirements_mirror", mirror, first))
        chain = len(manifest.requirements_files) > 1
        notes.append(
            f"{first}{' (with the files it includes)' if chain else ''} names the PyPI mirror {mirror} as its index, "
            "which pip would read over its own settings: the image installs from "
            f"{'copies' if chain else 'a copy'} without that line "
            "(from PyPI, or the index pip is given where it builds)"
        )
    if manifest.requirements_local:
        facts.append(Fact("requirements_local", True, manifest.requirements_files[0]))
        notes.append("requirements name a path in the project (-e .): they install after the sources are copied")
    if manifest.workspace_manifests:
        facts.append(Fact("uv_workspace", " ".join(manifest.workspace_manifests), "pyproject.toml [tool.uv.workspace]"))
        facts.append(Fact("uv_all_packages", manifest.virtual_root, "pyproject.toml"))
    if manifest.dev_requirements:
        facts.append(Fact("dev_requirements", " ".join(manifest.dev_requirements), manifest.dev_requirements[0]))
    if manifest.dev_extra:
        facts.append(Fact("dev_extra", manifest.dev_extra, "pyproject.toml"))
    return facts


def _vcs_facts(project: ProjectDir, manifest: Manifest | None, notes: list[str]) -> list[Fact]:
    """The variables that tell a git-versioned build its version (the image's build context has no .git)."""
    if manifest is None or not (project.has("pyproject.toml") or project.has("setup.py")):
        return []
    pyproject = project.read_toml("pyproject.toml") if project.has("pyproject.toml") else {}
    env, evidence = vcs_env(project, pyproject)
    if not env:
        return []
    notes.append(
        f"{evidence}: the version comes from git, which the build cannot see (.git is not copied): the build "
        f"sets {env} (--set version_env=NAME=VERSION for another)"
    )
    return [Fact("version_env", env, evidence)]


def _django_facts(project: ProjectDir, entry: Entry, manifest: Manifest | None, notes: list[str]) -> list[Fact]:
    """Django's settings module, static files (and what serves them) and the directories it writes."""
    facts: list[Fact] = []
    facts += [
        Fact("django_settings", entry.django_settings, "manage.py"),
        Fact("collectstatic", entry.collectstatic, entry.source),
        Fact("collectstatic_env", entry.collectstatic_env, entry.source),
        Fact("settings_select", entry.settings_select, entry.source),
        Fact("test_env", entry.test_env, entry.source),
        Fact("required_env", entry.required_env, entry.source),
        Fact("writable_dirs", entry.writable_dirs, entry.source),
        Fact("app_dir", entry.app_dir, "manage.py"),
        Fact("migrate_at_start", entry.migrate_at_start, entry.source),
    ]
    deps = manifest.deps if manifest else frozenset()
    static = "whitenoise" if "whitenoise" in deps else ""
    facts.append(Fact("static_server", static, "dependencies"))
    if entry.collectstatic and not static:
        notes.append(
            "Django: static files are collected into the image but nothing there serves them (gunicorn does not): "
            "add WhiteNoise, or serve STATIC_ROOT from a proxy or CDN"
        )
    if entry.settings_from:
        facts.append(Fact("settings_env", True, entry.settings_from))
    if entry.server_settings and entry.settings_by:
        facts.append(Fact("settings_env", True, entry.source))
        notes.append(
            f"Django: manage.py names {entry.server_settings} and the server's module {entry.django_settings}, "
            f"which the installed {entry.settings_by} requirements go with: the image sets "
            f"DJANGO_SETTINGS_MODULE={entry.django_settings} for both "
            f"(docker run -e DJANGO_SETTINGS_MODULE={entry.server_settings} for the other)"
        )
    elif entry.server_settings:
        facts.append(Fact("settings_env", True, entry.source))
        notes.append(
            f"Django: manage.py names {entry.django_settings} and the server's module {entry.server_settings}: "
            f"the image sets DJANGO_SETTINGS_MODULE={entry.django_settings} for both "
            f"(docker run -e DJANGO_SETTINGS_MODULE={entry.server_settings} for the other)"
        )
    if entry.settings_select:
        variable = entry.settings_select.partition("=")[0]
        notes.append(
            f"Django: {entry.source} chooses its settings by {variable}: the image sets {entry.settings_select} "
            f"(production's), and collectstatic runs with it (docker run -e {variable}=... for another)"
        )
    if entry.required_env:
        # One line naming every value at once: verify's diagnosis can only name the first the app stops on.
        example = next((f for f in (".env.example", ".env.sample", ".env.template") if project.has(f)), "")
        where = f" ({example} lists what to set)" if example else ""
        build = (
            ": collectstatic runs in the build with placeholders (never in the final image)"
            if (entry.collectstatic_env)
            else ""
        )
        notes.append(
            f"Django: {entry.django_settings} reads {entry.required_env} with no default{build}; the container "
            f"stops at start without them: docker run -e NAME=... for each{where}"
        )
    if entry.writable_dirs:
        notes.append(f"Django writes under /app ({entry.writable_dirs}): the image lets the app user write there")
    if entry.migrate_at_start:
        notes.append("Django on SQLite: the database stays out of the image and each container runs migrate first")

    return facts


def _writes(entry: Entry, notes: list[str]) -> list[Fact]:
    """The folder a non-Django app runs from and the ones it writes, with a note saying why they are writable."""
    facts = [Fact("app_dir", entry.app_dir, entry.source)] if entry.app_dir else []
    if not entry.writable_dirs:
        return facts
    why = f"{entry.framework} writes files beside the app" if entry.framework else "the app opens a SQLite file"
    notes.append(f"{why}: its folder is writable by the app user (the copied files stay read-only)")
    return [*facts, Fact("writable_dirs", entry.writable_dirs, entry.source)]


def _writable_workdir(facts: list[Fact], entry: Entry) -> list[Fact]:
    """The directory the app runs in is always among the writable ones: an app may create a file there that no
    scan foresees (a generated file, an upload folder, a SQLite database). The template makes each one sticky,
    so the code copied beside stays root's and cannot be deleted or replaced by the app user."""
    workdir = entry.app_dir or "."
    found = next((f for f in facts if f.key == "writable_dirs"), None)
    detected = str(found.value).split() if found else []
    dirs = " ".join(dict.fromkeys([workdir, *detected]))
    rest = [f for f in facts if f.key != "writable_dirs"]
    return [*rest, Fact("writable_dirs", dirs, found.source if found else "the working directory")]


def _lock_drift(project: ProjectDir, manifest: Manifest | None, notes: list[str]) -> list[Fact]:
    """A lock out of sync with pyproject.toml: the image locks again (see lock_drift.py)."""
    installer = manifest.installer if manifest else ""
    missing = missing_from_lock(project, installer)
    stale = installer == "poetry" and (bool(missing) or poetry_lock_stale(project))
    if not missing and not stale:
        return []
    lock, how = (
        ("uv.lock", "installs the lock, then uv locks again")
        if installer == "uv"
        else ("poetry.lock", "runs `poetry lock` before it exports")
    )
    lacks = f"it lacks {', '.join(missing)}" if missing else "its content-hash no longer matches"
    notes.append(
        f"{lock} is out of sync with pyproject.toml ({lacks}): the image {how}; "
        f"run `{installer} lock` and commit {lock} for a reproducible build"
    )
    source = f"{lock}, pyproject.toml"
    return [Fact("lock_missing", " ".join(missing), source), *([Fact("lock_stale", True, source)] if stale else [])]


def _db_init(project: ProjectDir, py_files: list[str], entry: Entry, notes: list[str]) -> list[Fact]:
    """A Flask app's schema command on SQLite, or Alembic's upgrade for another app on SQLite, run at each start
    before the server (see db_init.py)."""
    if entry.kind not in ("gunicorn", "uvicorn") or entry.django_settings:
        return []
    module = entry.target.split(":", 1)[0]
    flask = flask_db_init(project, py_files, module) if entry.framework == "Flask" else None
    found = flask or (alembic_db_init(project, py_files) if not entry.app_dir else None)
    if found is None:
        return []
    when = f" when {found.guard} is absent" if found.guard else ""
    notes.append(f"the SQLite schema comes from `{found.command}`: the container runs it at start{when}")
    return [Fact("init_command", found.command, found.source), Fact("init_guard", found.guard, found.source)]


def _asset_facts(assets: Assets, notes: list[str]) -> list[Fact]:
    """The Node stage that builds the assets, or (no Node image known) a note that the image lacks them."""
    manifest = assets.manifests.split()[0]
    if not assets.image:
        notes.append(
            f"{manifest} builds the front-end assets ({assets.build}) and no Node image is known to build them: "
            "run the build before building the image, or commit its output"
        )
        return []
    notes.append(
        f"{manifest} builds the front-end assets ({assets.build}) and runs no Node program: a Node stage builds "
        "them and the Python app gets its sources from there, built files included"
    )
    keys = ("assets_manifests", "assets_install", "assets_build", "assets_image", "assets_dir")
    values = (assets.manifests, assets.install, assets.build, assets.image, assets.folder)
    where = f"{manifest} scripts.{assets.script}"
    return [Fact(key, value, where) for key, value in zip(keys, values, strict=True) if value or key != "assets_dir"]


def _data_dirs(project: ProjectDir, py_files: list[str], entry: Entry, notes: list[str]) -> list[Fact]:
    """The shipped data folders the app writes: the image gives them to the app user (see data_dirs.py)."""
    found = data_dirs(project, py_files, entry.app_dir, flask=entry.framework == "Flask")
    # Django's SQLite files stay out of the image (.dockerignore): migrate creates the database.
    files = [] if entry.django_settings else _data_files(project, py_files, found, notes)
    if not found:
        return files
    shown = ", ".join(f"{d}/" for d in found)
    notes.append(f"the app writes files and ships {shown}: the image gives them to its user (code stays root's)")
    return [Fact("data_dirs", " ".join(found), "source (writes files)"), *files]


def _data_files(project: ProjectDir, py_files: list[str], dirs: list[str], notes: list[str]) -> list[Fact]:
    """The shipped SQLite files the app opens, outside those folders: the image gives them to the app user."""
    found = data_files(project, py_files, dirs)
    if not found:
        return []
    notes.append(f"the app opens the SQLite database {', '.join(found)} it ships: the image gives it to its user")
    return [Fact("data_files", " ".join(found), "source (opens SQLite)")]


def _needs_init(entry: Entry) -> bool:
    """A plain `python script.py` as PID 1 ignores SIGTERM: it runs behind tini. Servers handle it themselves."""
    return entry.program not in SIGNAL_AWARE


def _app_name(project: ProjectDir, manifest: Manifest | None) -> str:
    return image_name((manifest.name if manifest else "") or project.root.name)


def _resolved(manifest: Manifest, locked: Locked | None) -> frozenset[str]:
    """Every package production installs: the direct dependencies and all the lock resolves for them."""
    return manifest.deps | (locked.packages if locked else frozenset())


def _native(manifest: Manifest | None, locked: Locked | None) -> tuple[list[str], list[str], str]:
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
    for name in sorted(_resolved(manifest, locked) & table.keys()):
        needs = table[name]
        compile_ = compile_ or needs.compile
        build += needs.build
        run += needs.run
        why.append(name)
    if compile_:
        build = [*compiler_packages(), *build]
    return list(dict.fromkeys(build)), list(dict.fromkeys(run)), ", ".join(why) + " (catalogue/python.toml)"


_GIT_REF = re.compile(
    r"""\bgit\+(?:https?|ssh|git|file)://|^\s*-e\s+git\+|\bgit\s*=\s*["']|["']git["']\s*:\s*["']|type\s*=\s*["']git["']""",
    re.MULTILINE,
)
"""A requirement from a git repository, as requirement files, manifests and locks write one."""
_GIT_FILES = (
    "pyproject.toml",
    "Pipfile",
    "Pipfile.lock",
    "poetry.lock",
    "uv.lock",
    "pdm.lock",
    "setup.py",
    "setup.cfg",
)


def _git_requirements(project: ProjectDir, manifest: Manifest | None) -> str:
    """The first file that asks for a requirement from a git repository, or ""."""
    if manifest is None:
        return ""
    for name in (*manifest.requirements_files, *_GIT_FILES):
        if project.has(name) and _GIT_REF.search(project.read_text(name)):
            return name
    return ""


def _native_notes(manifest: Manifest | None, locked: Locked | None) -> list[str]:
    """One line per dependency that brings Debian packages, naming them: the user sees what was added and why."""
    if manifest is None:
        return []
    table = native_table()
    notes = []
    for name in sorted(_resolved(manifest, locked) & table.keys()):
        needs = table[name]
        parts = []
        if needs.run:
            parts.append(f"{' '.join(needs.run)} in the final image")
        if needs.build or needs.compile:
            parts.append(f"{' '.join(needs.build) or 'a compiler'} in the build stage only")
        via = f", reached through {locked.lockfile}" if locked and name not in manifest.deps else ""
        if parts:
            notes.append(f"{name} needs {' and '.join(parts)} (scaffold/catalogue/python.toml{via})")
        if needs.note:
            notes.append(f"{name}: {needs.note}")
    return notes


def _test_files(project: ProjectDir) -> list[str]:
    """Files pytest would collect by its default names: in tests/ or test/ at any depth, or at the root."""
    found = []
    for folder in ("tests", "test"):
        if project.is_dir(folder):
            found += project.glob(f"{folder}/**/test_*.py") + project.glob(f"{folder}/**/*_test.py")
    return found + project.glob("test_*.py")


def _tests(project: ProjectDir, manifest: Manifest | None, entry: Entry) -> tuple[str, str, str]:
    """The test command, extra packages the test stage needs, and a note."""
    # A test file, not just a tests/ folder: `poetry new` makes an empty tests/ where pytest collects nothing
    # and exits 5, which would fail the test stage.
    found = _test_files(project)
    if entry.framework == "Django" and (found or project.is_dir("tests") or project.glob("**/tests.py")):
        # Django's runner finds each app's tests.py too, and passes when it finds none.
        return f"python {entry.app_dir + '/' if entry.app_dir else ''}manage.py test", "", ""
    if not found:
        return "python -m compileall -q .", "", "no tests found: `make test` only byte-compiles the sources"
    dev = manifest.dev_deps if manifest else frozenset()
    if "pytest" in dev:
        extra = ""
        if manifest and manifest.installer in ("pip", "setuppy") and not manifest.dev_extra:
            # pip cannot install a PEP 735 group itself: the test stage installs the group's packages.
            extra = " ".join(r for r in manifest.dev_group_packages if " " not in r)
        return "python -m pytest", extra, ""
    where = f"{found[0].split('/')[0]}/" if "/" in found[0] else PurePosixPath(found[0]).name
    return "python -m pytest", "pytest>=8", f"{where} found but pytest is not a dev dependency: the test stage adds it"
