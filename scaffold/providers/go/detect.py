"""Go provider: finds the module (at the root, in a subdirectory, or a go.work workspace), its Go
version, main packages, vendoring, cgo, embedded files and port.

Parsing is in mod.py (manifests) and source.py (a scan of the code); this module decides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from posixpath import basename, dirname, isabs, join, normpath

from scaffold import secret_files
from scaffold.errors import InputError
from scaffold.models import Detection, Fact, Options
from scaffold.project import ProjectDir
from scaffold.providers.base import DIRECTORY_NAME, image_name
from scaffold.providers.go.data import cgo_modules, default_port, frontend_image, image_releases
from scaffold.providers.go.decide import decide
from scaffold.providers.go.env_example import example_port
from scaffold.providers.go.frontend import Frontend, find_frontend, find_served_frontend
from scaffold.providers.go.layout import ADDRESS_SUFFIXES, APP_DIR, binary_name
from scaffold.providers.go.mod import GoMod, parse_go_mod, parse_go_work
from scaffold.providers.go.replace import replace_facts
from scaffold.providers.go.source import SourceScan, go_files, scan, vendored_cgo
from scaffold.providers.go.vendored import missing_import, unvendored_requirement
from scaffold.providers.go.version import choose
from scaffold.services.catalogue import is_worker_program
from scaffold.services.workers import GO_BIN

FORGES = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})
RUNTIME_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
"""A file or directory name the image may copy (no glob characters, nothing hidden)."""
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
    found = scan(project, ".", [f for f in files if "/" not in f])
    if nested or not found.main_packages:
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
    facts.append(Fact("mod_init", app, "no go.mod"))
    version = _version(None, None, "no go.mod")
    rest, notes = _source_facts(project, ".", found, app)
    notes = [
        f"no go.mod: the build stage runs `go mod init {app} && go mod tidy` (commit a go.mod and go.sum "
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
    version = _version(work.go, work.toolchain, "go.work")
    facts += version[0]
    app = image_name(_module_base(module_name)) if module_name else image_name(basename(str(project.root)))
    facts.append(Fact("app_name", app, "go.work" if module_name else DIRECTORY_NAME))
    rest, notes = _source_facts(project, ".", merged, app)
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
    version_facts, notes = _version(mod.go, mod.toolchain, module.manifest)
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
        if (gap := unvendored_requirement(listing, mod.versions)) is not None:
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
    rest, more = _source_facts(project, module.dir, found, app)
    cgo, why = _cgo_requires(mod.requires, module.manifest, rest)
    built_from_vendor = vendored and not stale and not cgo and not any(f.key == "cgo" for f in rest)
    if built_from_vendor and (c_file := vendored_cgo(project, module.dir)):
        cgo = [Fact("cgo", True, f'{c_file} (import "C")')]
        why = [
            f'{c_file} compiles C (import "C") with no build tag to leave it out: built with cgo, run on a glibc image'
        ]
    return Detection("go", SCORE_ROOT, tuple(evidence), tuple(facts + rest + cgo), tuple(notes + more + why))


def _cgo_requires(requires: tuple[str, ...], manifest: str, facts: list[Fact]) -> tuple[list[Fact], list[str]]:
    """cgo for a module that requires one whose packages compile C (go-sqlite3): without it they build as
    a stub that fails at run time. Nothing when the code's own `import "C"` already said so."""
    known = cgo_modules()
    needing = [known[r] for r in requires if r in known]
    if not needing or any(f.key == "cgo" for f in facts):
        return [], []
    first = needing[0]
    notes = [f"{manifest} requires {first.module} ({first.what}): built with cgo, run on a glibc image"]
    packages = sorted({p for m in needing for p in m.packages})
    if packages:
        notes.append(
            f"{', '.join(m.module for m in needing if m.packages)} links system libraries: install "
            f"{' '.join(packages)} in the build stage and choose a runtime image that has them"
        )
    return [Fact("cgo", True, f"{manifest} (requires {first.module})")], notes


def _source_facts(project: ProjectDir, module_dir: str, found: SourceScan, app: str) -> tuple[list[Fact], list[str]]:
    """Facts from the code: main package, cgo, embeds, port; and the notes that go with them."""
    facts: list[Fact] = []
    notes: list[str] = []
    mains = [_pkg_arg(m) for m in found.main_packages]
    _main_facts(found, module_dir, app, mains, facts, notes)
    if found.cgo_files:
        facts.append(Fact("cgo", True, found.cgo_files[0]))
        if found.cxx:
            facts.append(Fact("cgo_cxx", True, found.cgo_files[0]))
        if found.c_libraries:
            notes.append(
                f"cgo links {', '.join(found.c_libraries)}: install their -dev packages in the build "
                "stage and pick a runtime image that has them"
            )
    if found.embeds:
        facts.append(Fact("embed_patterns", " ".join(found.embeds), found.embed_files[0]))
    more_facts, more_notes = _frontend_facts(project, module_dir, found)
    facts += more_facts
    notes += more_notes
    if found.ports:
        port, source = found.ports[0]
        facts.append(Fact("port", port, source))
    elif found.port_env:
        facts.append(_env_port(project, module_dir, "PORT", found.port_env[0]))
    elif found.port_names and found.listens:
        name, where = found.port_names[0]
        facts.append(_env_port(project, module_dir, name, where))
    elif found.listens and (configured := _config_port(project, module_dir, found)):
        facts.append(Fact("port", configured[0], configured[1]))
        notes.append(
            f"{found.listens[0]} listens on an address from its config file: the image exposes {configured[1]}'s "
            f"port {configured[0]} (--set port= if the config says otherwise at run time)"
        )
    dist = {f.key: str(f.value) for f in more_facts}
    served = (dist["frontend_dist"], dist["frontend_dir"]) if "frontend_serve" in dist else ()
    facts += _runtime_files(project, module_dir, found, served) + _config_examples(project, module_dir, found, notes)
    facts += _serve_facts(found, module_dir, mains, facts, app, notes)
    flags = [f for f in found.loopback_flags if found.ports and f[1] == found.ports[0][0]]
    if flags:
        flag, port, where = flags[0]
        facts.append(Fact("listen_args", json.dumps([f"--{flag}", f":{port}"]), where))
        notes.append(
            f"{where}: the -{flag} flag defaults to a loopback address, which nothing outside the container reaches: "
            f"the image runs the binary with --{flag} :{port} (every interface)"
        )
    elif found.loopback:
        notes.append(
            f"{found.loopback[0]} listens on 127.0.0.1/localhost only: nothing outside the container can reach "
            'it; listen on ":PORT" (all interfaces) instead'
        )
    facts += _dotenv_facts(found, notes) + _host_facts(found, notes)
    facts += _port_env_facts(found, notes)
    return facts, notes


def _main_facts(
    found: SourceScan, module_dir: str, app: str, mains: list[str], facts: list[Fact], notes: list[str]
) -> None:
    """The main package the image runs (and the others), added to `facts` and `notes`."""
    if not mains:
        notes.append(
            "no main package found (package main at the root or under cmd/<name>/); --set main_package=./path/to/main"
        )
        return
    prefix = "" if module_dir == "." else module_dir + "/"
    serving = [f.removeprefix(prefix) for _, f in found.ports]
    chosen = _choose_main(mains, app, serving)
    facts.append(Fact("main_package", chosen, _main_source(chosen, prefix)))
    if any(m.endswith(".go") for m in mains):
        tests = [_pkg_arg(d) for d in found.test_dirs] or [chosen]
        facts.append(Fact("test_dirs", " ".join(tests), "standalone program files (go run FILE.go)"))
    if len(mains) > 1:
        facts.append(Fact("main_packages", " ".join(mains), "package main"))
        notes.append(
            f"several main packages ({', '.join(mains)}); the image runs {chosen} "
            "(--set main_package=… to change, --set all_binaries=yes to build them all)"
        )


def _frontend_facts(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[list[Fact], list[str]]:
    """A frontend //go:embed reads that its package.json builds (not in the project yet): the Node stage's facts;
    else one the server reads from disk."""
    built = find_frontend(project, module_dir, found.embeds) if found.embeds else None
    if built is None:
        return _served_frontend_facts(project, module_dir, found)
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    note = (
        f"{found.embed_files[0]} embeds {built.dist}, which is not in the project: {manifest}'s build script "
        f"makes it, so a Node stage runs `{built.install} && {built.build}` and the Go build reads its output"
    )
    return _node_stage_facts(built), [note]


def _served_frontend_facts(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[list[Fact], list[str]]:
    """A frontend build the server reads from disk by a relative path (http.Dir("../frontend/dist")) that its
    package.json builds (git-ignored, not in the project): the Node stage's facts and where the image puts it."""
    literals = tuple(dict.fromkeys(lit for lit, _ in (*found.opened, *found.named)))
    served = find_served_frontend(project, module_dir, literals, APP_DIR)
    if served is None:
        return [], []
    built, target = served
    source = next(
        where for lit, where in (*found.opened, *found.named) if normpath(join(module_dir, lit)) == built.dist
    )
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    note = (
        f"{source} serves {built.dist} from disk, which is not in the project: {manifest}'s build script makes it, "
        f"so a Node stage runs `{built.install} && {built.build}` and the image holds its output at {target}"
    )
    return [*_node_stage_facts(built), Fact("frontend_serve", target, source)], [note]


def _node_stage_facts(built: Frontend) -> list[Fact]:
    """The Node stage's facts for a frontend its package.json builds."""
    manifest = "package.json" if built.dir == "." else f"{built.dir}/package.json"
    return [
        Fact(key, value, manifest)
        for key, value in (
            ("frontend_dir", built.dir),
            ("frontend_dist", built.dist),
            ("frontend_lock", built.lock),
            ("frontend_install", built.install),
            ("frontend_build", built.build),
            ("frontend_image", frontend_image()),
        )
    ]


def _serve_facts(
    found: SourceScan, module_dir: str, mains: list[str], facts: list[Fact], app: str, notes: list[str]
) -> list[Fact]:
    """The server subcommand the image runs (`app serve`), if the program serves and one is declared for it."""
    serves = bool(found.listens or found.ports)  # a CLI with a `run` command and no server keeps its default
    if not (
        found.serve_command and mains and serves and _runs_in_main(found.serve_command, module_dir, mains, facts, app)
    ):
        return []
    command, where = found.serve_command
    notes.append(
        f"{where}: the server is the `{command}` subcommand (run with no arguments the binary prints its help "
        f"and exits): the image runs `{app} {command}`; `docker run IMAGE <command>` runs another"
    )
    return [Fact("serve_command", command, where)]


def _runs_in_main(command: tuple[str, str], module_dir: str, mains: list[str], facts: list[Fact], app: str) -> bool:
    """True when the file declaring the serve subcommand is in the main package the image runs, or in a package
    that is no main package (cobra's cmd/): a subcommand of another binary would be an unknown argument. A
    command named like the binary is its root (cobra's `Use: "app"` built in a function), no subcommand."""
    name, where = command
    prefix = "" if module_dir == "." else module_dir + "/"
    package = _pkg_arg(dirname(where.removeprefix(prefix)) or ".")
    chosen = next((str(f.value) for f in facts if f.key == "main_package"), "")
    if name in (app, binary_name(chosen, app)):
        return False
    return package not in mains or package == chosen


def _env_port(project: ProjectDir, module_dir: str, name: str, where: str) -> Fact:
    """The port of a server that reads it from `name` with no default in the code: the value the project's
    example env file gives it (`APP_PORT=8088` in .env.example), else the catalogue's default."""
    example = example_port(project, module_dir, name)
    if example is not None:
        return Fact("port", example[0], f"{example[1]} sets {name}, which {where} reads")
    return Fact("port", default_port(), f"{where} reads {name} (catalogue/go.toml default)")


def _port_env_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
    """How the app reads its port from the environment: PORT (port_env), a prefixed name the image sets too
    (port_name_env), or not at all (a note); notes go to `notes`."""
    out: list[Fact] = []
    if found.port_env:
        out.append(Fact("port_env", True, found.port_env[0]))
    elif found.port_names and (found.ports or found.listens):
        name, where = found.port_names[0]
        out.append(Fact("port_name_env", name, where))
        what = "listen address" if name.endswith(ADDRESS_SUFFIXES) else "port"
        notes.append(
            f"{where} reads its {what} from ${name}: the image sets {name} to the port it exposes"
            f"{' (:PORT, every interface)' if what != 'port' else ''}, so --set port= moves the app too"
        )
    elif found.ports:
        notes.append(
            f"{found.ports[0][1]} listens on a fixed port: the image sets ENV PORT, but only an app that reads "
            "PORT follows it (--set port= changes EXPOSE alone)"
        )
    return out


def _host_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
    """The server's host variable (HOST) the image sets to every interface; the note goes to `notes`."""
    if not found.host_env or not (found.ports or found.port_env):
        return []
    name, where = found.host_env[0]
    notes.append(f"{where} listens on the host ${name} names: the image sets {name}=0.0.0.0 (every interface)")
    return [Fact("host_env", name, where)]


def _dotenv_facts(found: SourceScan, notes: list[str]) -> list[Fact]:
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


CONFIG_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".ini", ".env", ".conf")
_CONFIG_PORT = re.compile(
    r"""(?i)(?<![\w-])["']?(?:(?:default|http|server|listen|web|app)[_-]?){0,2}(?:port|addr|address|listen|bind)["']?"""
    r"""\s*[:=]\s*["']?(?:[\w.\-\[\]]*:)?(\d{2,5})\b"""
)
"""A port, or a listen address with one, in a JSON, YAML, TOML, INI or env file (`"port": 8081`, `addr: ":8080"`,
`http_port = 9000`, `HTTP_SERVER_ADDRESS=0.0.0.0:8080`): what a server that reads its address from that file
listens on. Only names that mean the server's own address (`db_port` is some other server's), as in the code
(source.py)."""


def _config_port(project: ProjectDir, module_dir: str, found: SourceScan) -> tuple[str, str] | None:
    """A server whose listen address is not in the code: the port its config file (one the code opens by a
    relative path, copied into the image) names, and that file."""
    prefix = "" if module_dir == "." else module_dir + "/"
    for literal, _ in (*found.opened, *found.named):
        path = prefix + normpath(literal)
        if isabs(literal) or not literal.endswith(CONFIG_SUFFIXES) or ".." in path.split("/"):
            continue
        if not project.has(path):  # a git-ignored config file: its committed example (copied in its place)
            example = _example_of(project, prefix, normpath(literal))
            if example is None:
                continue
            path = prefix + example
        ports = [p for p in _CONFIG_PORT.findall(project.read_text(path)) if 0 < int(p) < 65536]
        if ports:
            return ports[0], path
    return None


def _runtime_files(project: ProjectDir, module_dir: str, found: SourceScan, served: tuple[str, ...] = ()) -> list[Fact]:
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


def _example_of(project: ProjectDir, prefix: str, path: str) -> str | None:
    """The committed example of a module-relative config file (config.yaml → config.example.yaml), if any."""
    folder, name = dirname(path), basename(path)
    stem, dot, ext = name.rpartition(".")
    for form in EXAMPLE_FORMS:
        example = join(folder, form.format(name=name, stem=stem, ext=dot + ext))
        if project.has(prefix + example) and not secret_files.in_project(project, prefix + example):
            return example
    return None


def _config_examples(project: ProjectDir, module_dir: str, found: SourceScan, notes: list[str]) -> list[Fact]:
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
        example = _example_of(project, prefix, path)
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


def _choose_main(mains: list[str], app: str, serving: list[str]) -> str:
    """The main package the image runs: named like the app, else one that listens, else the root, else the first
    that is no worker by its name (a worker runs beside the app, from the same image: compose.yaml)."""
    if len(mains) == 1:
        return mains[0]
    for main in mains:
        if basename(main) == app:
            return main
    for path in serving:
        # A standalone program file (server.go beside client.go) is a main of its own.
        for pkg in (_pkg_arg(path), _pkg_arg(dirname(path) or ".")):
            if pkg in mains:
                return pkg
    if "." in mains:
        return "."
    return next((m for m in mains if not is_worker_program(basename(m))), mains[0])


def _main_source(main: str, prefix: str) -> str:
    if main.endswith(".go"):
        return f"{prefix}{main.removeprefix('./')} (func main)"
    where = prefix + main.removeprefix("./") + "/" if main != "." else prefix or "./"
    return f"{where} (package main)"


def _version(go: str | None, toolchain: str | None, source: str) -> tuple[list[Fact], list[str]]:
    """The build image's Go release: the newest with an image that the go and toolchain lines allow."""
    releases = image_releases()
    choice = choose(list(releases), go, toolchain, source)
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


def _pkg_arg(pkg_dir: str) -> str:
    """A package directory as `go build` wants it: `.` or `./cmd/x`."""
    return "." if pkg_dir == "." else "./" + pkg_dir


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
