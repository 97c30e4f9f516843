"""Go provider: finds the module (at the root, in a subdirectory, or a go.work workspace), its Go
version, main packages, vendoring, cgo, embedded files and port.

Parsing is in mod.py (manifests) and source.py (a scan of the code); source_facts.py turns the scan into facts;
this module finds the module and decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from posixpath import basename, join

from scaffold.errors import InputError
from scaffold.models import Detection, Fact, Options
from scaffold.project import ProjectDir
from scaffold.providers.base import DIRECTORY_NAME, image_name
from scaffold.providers.go.cgo import vendored_cgo
from scaffold.providers.go.cgo_facts import library_facts
from scaffold.providers.go.data import cgo_modules, image_releases
from scaffold.providers.go.decide import decide
from scaffold.providers.go.gofile import go_files
from scaffold.providers.go.layout import binary_name
from scaffold.providers.go.loose import module_path
from scaffold.providers.go.mod import GoMod, parse_go_mod, parse_go_work
from scaffold.providers.go.replace import replace_facts
from scaffold.providers.go.source import SourceScan, scan
from scaffold.providers.go.source_facts import source_facts
from scaffold.providers.go.vendored import missing_import, unvendored_requirement
from scaffold.providers.go.version import choose
from scaffold.services.workers import GO_BIN

FORGES = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})
SCORE_ROOT = 100
SCORE_SUBDIR = 80
SCORE_LOOSE_FILES = 20


@dataclass(frozen=True)
class _Module:
    dir: str
    """The directory holding go.mod (or go.work), relative to the project: `.` or `service`."""
    manifest: str
    mod: GoMod | None


class GoProvider:
    name = "go"
    priority = 30
    looks_for: tuple[str, ...] = ("go.mod", "go.work", "*/go.mod", "*.go")

    def dependencies(self, project: ProjectDir) -> tuple[str, ...]:
        """The module paths go.mod requires."""
        if not project.has("go.mod"):
            return ()
        try:
            return parse_go_mod("go.mod", project.read_text("go.mod")).requires
        except InputError:
            return ()

    def programs(self, detection: Detection) -> dict[str, str]:
        """The main packages' binaries by their path in the image, the one it runs first (a compose worker runs
        another, or the same with a subcommand of its own: `worker: app worker` in a Procfile)."""
        mains, main, app = (detection.fact(k) for k in ("main_packages", "main_package", "app_name"))
        if main is None:
            return {}
        name = str(app.value) if app is not None else "app"
        others = [p for p in str(mains.value if mains is not None else "").split() if p != main.value]
        return {binary_name(p, name): f"{GO_BIN}/{binary_name(p, name)}" for p in [str(main.value), *others]}

    def detect(self, project: ProjectDir) -> Detection | None:
        if project.has("go.work"):
            return _detect_workspace(project)
        if project.has("go.mod"):
            return _detect_module(project, _Module(".", "go.mod", parse_go_mod("go.mod", project.read_text("go.mod"))))
        nested = project.glob("*/go.mod") or project.glob("*/*/go.mod")
        if nested:
            return _detect_nested(project, nested)
        loose = [f for f in project.walk((".go",), limit=1)]
        if loose:
            return _detect_loose(project, loose[0])
        return None

    def decide(self, detection: Detection, options: Options) -> Options:
        """Values that follow from the resolved options (images from the Go release and cgo); refusals."""
        return decide(detection, options)


def _detect_loose(project: ProjectDir, first: str) -> Detection:
    """Go files and no go.mod (the oldest tutorials): one package main at the root builds in a module the
    build stage initialises; packages in subdirectories import each other by a path only the user knows."""
    app = image_name(basename(str(project.root)))
    files = go_files(project, ".")
    facts: list[Fact] = [Fact("app_name", app, DIRECTORY_NAME)]
    nested = [f for f in files if "/" in f]
    # Packages in folders import each other by the module path the code was written under (GOPATH's).
    module = module_path(project, files) if nested else None
    found = scan(project, ".", files if module else [f for f in files if "/" not in f])
    if (nested and not module) or not found.main_packages:
        where = nested[0] if nested else first
        facts.append(
            Fact(
                "unsupported",
                f"{where}: Go code without a go.mod{' in several packages' if nested else ' and no package main'}: "
                "run `go mod init <module path>` (the path your imports use) and `go mod tidy`, then scaffold init",
                where,
            )
        )
        return Detection("go", SCORE_LOOSE_FILES, (first,), tuple(facts))
    facts.append(Fact("mod_init", module or app, f"imports of {module}/…" if module else "no go.mod"))
    version = _version(None, None, "no go.mod")
    rest, notes = source_facts(project, ".", found, app)
    notes = [
        f"no go.mod: the build stage runs `go mod init {module or app} && go mod tidy` (commit a go.mod and go.sum "
        "for reproducible dependencies)",
        *version[1],
        *notes,
    ]
    if project.is_dir("vendor"):
        # dep's or glide's vendor/ (no modules.txt): with a go.mod beside it the go command reads vendor/ alone
        # and stops ("inconsistent vendoring"), so the build ignores it and uses what `go mod tidy` downloads.
        facts.append(Fact("vendor_stale", True, "vendor/ (no vendor/modules.txt)"))
        notes.append(
            "vendor/ has no modules.txt (dep or glide vendoring): the image ignores it and downloads the modules "
            "(GOFLAGS=-mod=mod), which needs the Go module proxy; run `go mod init`, `go mod tidy` and "
            "`go mod vendor` and commit them to build offline"
        )
    return Detection("go", SCORE_LOOSE_FILES, (first,), tuple(facts + version[0] + rest), tuple(notes))


def _detect_nested(project: ProjectDir, manifests: list[str]) -> Detection:
    """No go.mod at the root: the module lives in a subdirectory (pick the one with a main package)."""
    candidates = []
    for manifest in manifests:
        mod = parse_go_mod(manifest, project.read_text(manifest))
        module_dir = manifest.removesuffix("/go.mod")
        files = go_files(project, module_dir)
        candidates.append((_Module(module_dir, manifest, mod), files, scan(project, module_dir, files)))
    chosen = next((c for c in candidates if c[2].main_packages), candidates[0])
    det = _detect_module(project, chosen[0], chosen[1], chosen[2])
    notes = list(det.notes)
    if len(candidates) > 1:
        others = ", ".join(c[0].manifest for c in candidates if c is not chosen)
        notes.append(
            f"several modules found; using {chosen[0].manifest} (also: {others}); "
            "--set module_dir=<dir> to choose, or add a go.work"
        )
    return Detection("go", SCORE_SUBDIR, det.evidence, det.facts, tuple(notes))


def _detect_workspace(project: ProjectDir) -> Detection:
    work = parse_go_work("go.work", project.read_text("go.work"))
    facts: list[Fact] = [Fact("workspace", True, "go.work")]
    evidence = ["go.work"]
    mains: list[str] = []
    scans: list[SourceScan] = []
    requires: list[str] = []
    module_name = ""
    dirs: list[str] = []
    for use in work.uses:
        used = use.removeprefix("./").rstrip("/") or "."
        dirs.append(used)
        manifest = join(used, "go.mod") if used != "." else "go.mod"
        mod = parse_go_mod(manifest, project.read_text(manifest))
        requires += mod.requires
        evidence.append(manifest)
        files = go_files(project, used)
        found = scan(project, used, files)
        scans.append(found)
        mains += [_join_pkg(used, m) for m in found.main_packages]
        module_name = module_name or mod.module
    facts.append(Fact("workspace_modules", " ".join(dirs), "go.work"))
    merged = _merge(scans, mains)
    version = _version(work.go, work.toolchain, "go.work", work.directives)
    facts += version[0]
    app = image_name(_module_base(module_name)) if module_name else image_name(basename(str(project.root)))
    facts.append(Fact("app_name", app, "go.work" if module_name else DIRECTORY_NAME))
    rest, notes = source_facts(project, ".", merged, app)
    cgo, why = _cgo_requires(tuple(requires), "go.work", rest)
    rest += cgo
    notes = list(version[1]) + notes + why
    notes.append("go.work workspace: modules are downloaded during the build (no separate download layer)")
    return Detection("go", SCORE_ROOT, tuple(evidence), tuple(facts + rest), tuple(notes))


def _detect_module(
    project: ProjectDir, module: _Module, files: list[str] | None = None, found: SourceScan | None = None
) -> Detection:
    mod = module.mod
    assert mod is not None
    if files is None:
        files = go_files(project, module.dir)
    if found is None:
        found = scan(project, module.dir, files)
    facts: list[Fact] = []
    evidence = [module.manifest]
    if module.dir != ".":
        facts.append(Fact("module_dir", module.dir, module.manifest))
    version_facts, notes = _version(mod.go, mod.toolchain, module.manifest, mod.directives)
    facts += version_facts
    app = image_name(_module_base(mod.module))
    facts.append(Fact("app_name", app, module.manifest))
    facts.append(Fact("module", mod.module, module.manifest))
    if url := _source_url(mod.module):
        facts.append(Fact("source_url", url, module.manifest))

    prefix = "" if module.dir == "." else module.dir + "/"
    go_sum = prefix + "go.sum"
    vendored = project.has(prefix + "vendor/modules.txt")
    stale = False
    if vendored:
        evidence.append(prefix + "vendor/modules.txt")
        listing = project.read_text(prefix + "vendor/modules.txt")
        if (gap := unvendored_requirement(listing, mod.versions, mod.go)) is not None:
            gap = f"{module.manifest} {gap}"
        else:
            gap = missing_import(project, module.dir, mod.module, files)
        stale = bool(gap)
        if gap:
            # A build that can reach a module proxy (a developer's machine, most CI) builds it with -mod=mod;
            # one that cannot fails, and verify names the remedy (catalogue go-vendor-stale-download-blocked).
            facts.append(Fact("vendor_stale", True, prefix + "vendor/modules.txt"))
            notes.append(
                f"{gap} (vendor/ is out of step): the image ignores vendor/ and downloads the modules "
                "(GOFLAGS=-mod=mod), which needs the Go module proxy at build time; run `go mod vendor` and commit "
                "vendor/ to build offline"
            )
        else:
            facts.append(Fact("vendor", True, prefix + "vendor/modules.txt"))
    if not vendored or stale:
        # Without vendor/, `go mod download` and the build read the replaced directories: they are bind-mounted.
        facts += replace_facts(project, module.dir, module.manifest, mod.local_replaces)
        if mod.requires and not project.has(go_sum):
            notes.append(f"{module.manifest} requires modules but there is no {go_sum}: run `go mod tidy`")
        elif project.has(go_sum):
            evidence.append(go_sum)
    rest, more = source_facts(project, module.dir, found, app)
    cgo, why = _cgo_requires(mod.requires, module.manifest, rest)
    cgo += _system_sqlite(mod.requires, rest + cgo)
    built_from_vendor = vendored and not stale and not cgo and not any(f.key == "cgo" for f in rest)
    if built_from_vendor and (c_file := vendored_cgo(project, module.dir)):
        cgo = [Fact("cgo", True, f'{c_file} (import "C")')]
        why = [
            f'{c_file} compiles C (import "C") with no build tag to leave it out: built with cgo, run on a glibc image'
        ]
    return Detection("go", SCORE_ROOT, tuple(evidence), tuple(facts + rest + cgo), tuple(notes + more + why))


SQLITE3 = "github.com/mattn/go-sqlite3"


def _system_sqlite(requires: tuple[str, ...], facts: list[Fact]) -> list[Fact]:
    """go-sqlite3 built with the libsqlite3 tag links the system's SQLite instead of its own sources: the
    library's packages (catalogue/go.toml [c_libraries] sqlite3)."""
    tags = next((f for f in facts if f.key == "build_tags"), None)
    if tags is None or "libsqlite3" not in str(tags.value).split(",") or SQLITE3 not in requires:
        return []
    if any(f.key == "cgo_libraries" for f in facts):
        return []
    return library_facts(["sqlite3"], f"{tags.source} (-tags libsqlite3)")[0]


def _cgo_requires(requires: tuple[str, ...], manifest: str, facts: list[Fact]) -> tuple[list[Fact], list[str]]:
    """cgo for a module that requires one whose packages compile C (go-sqlite3): without it they build as
    a stub that fails at run time (unless the code's own `import "C"` already said so); and the system libraries
    such a module links (bimg: libvips)."""
    known = cgo_modules()
    needing = [known[r] for r in requires if r in known]
    if not needing:
        return [], []
    first = needing[0]
    out: list[Fact] = []
    notes: list[str] = []
    if not any(f.key == "cgo" for f in facts):
        out.append(Fact("cgo", True, f"{manifest} (requires {first.module})"))
        notes.append(f"{manifest} requires {first.module} ({first.what}): built with cgo, run on a glibc image")
    linking = [m for m in needing if m.libraries]
    if linking and not any(f.key == "cgo_libraries" for f in facts):
        linked, _ = library_facts(
            [lib for m in linking for lib in m.libraries], f"{manifest} (requires {linking[0].module})"
        )
        out += linked
        notes += [
            f"{', '.join(m.module for m in linking)} links system libraries: the build stage installs "
            f"{linked[1].value}, and the final image is Debian slim with their shared libraries"
        ][: len(linked)]
    return out, notes


def _merge(scans: list[SourceScan], mains: list[str]) -> SourceScan:
    """One SourceScan for a workspace: main packages are already relative to the workspace root."""
    return SourceScan(
        main_packages=tuple(sorted(mains)),
        cgo_files=tuple(f for s in scans for f in s.cgo_files),
        cxx=any(s.cxx for s in scans),
        c_libraries=tuple(sorted({lib for s in scans for lib in s.c_libraries})),
        embeds=(),  # patterns are relative to each module; workspaces keep them with no re-include
        embed_files=(),
        ports=tuple(p for s in scans for p in s.ports),
        port_env=tuple(f for s in scans for f in s.port_env),
        port_names=tuple(f for s in scans for f in s.port_names),
        loopback=tuple(f for s in scans for f in s.loopback),
        # Opened paths are relative to the working directory, which a workspace image does not know.
    )


def _version(
    go: str | None, toolchain: str | None, source: str, directives: tuple[tuple[str, int], ...] = ()
) -> tuple[list[Fact], list[str]]:
    """The build image's Go release: the newest with an image that the go and toolchain lines allow and that
    parses every directive the file uses."""
    releases = image_releases()
    choice = choose(list(releases), go, toolchain, source, directives)
    why = f"{source} ({choice.directive} directive)" if choice.directive else "newest with an image"
    # Checked at init (GoProvider.decide) against a go_version a person chose.
    minimum = [Fact("go_minimum", choice.minimum, why)] if choice.minimum else []
    if choice.release is None:
        # Refused at init unless a person chooses go_version.
        return [Fact("go_unsatisfied", choice.message, source), *minimum], []
    return [
        Fact("go_version", choice.release, why),
        Fact("debian", releases[choice.release], "catalogue/go.toml"),
        *minimum,
    ], [choice.message]


def _join_pkg(module_dir: str, pkg: str) -> str:
    return pkg if module_dir == "." else (module_dir if pkg == "." else f"{module_dir}/{pkg}")


def _module_base(module: str) -> str:
    """The last element of a module path, skipping a major-version suffix (example.com/app/v2 → app)."""
    parts = [p for p in module.split("/") if p]
    if len(parts) > 1 and parts[-1].startswith("v") and parts[-1][1:].isdigit():
        parts.pop()
    return parts[-1] if parts else ""


def _source_url(module: str) -> str:
    """The repository URL of a module path on a well-known forge (for the image.source label), else ""."""
    parts = module.split("/")
    if len(parts) >= 3 and parts[0] in FORGES:
        return "https://" + "/".join(parts[:3])
    return ""
