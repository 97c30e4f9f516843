"""Where things are in the Go build stage, decided from the resolved options so the template only reads them:
the source mount, the go.mod files to copy, each binary and its package, the test patterns, the entrypoint,
and the lines of each RUN (its mounts, its commands) and the final stage's part, so the template prints
values instead of deciding.
"""

from __future__ import annotations

import json
import re
from posixpath import basename

from scaffold.models import Value
from scaffold.providers.go.replace import BUILD_DIR

LAYOUT_KEYS = (
    "source_mount",
    "go_mod_files",
    "builds",
    "entrypoint",
    "test_patterns",
    "embed_paths",
    "runtime_copies",
    "bind_low_port",
    "bake_apps",
    "download_mounts",
    "build_mounts",
    "build_steps",
    "prep_steps",
    "runtime_copy_args",
    "dev_dir",
    "dev_args",
    "cmd_args",
    "frontend_workdir",
    "dotenv_stubs",
    "dotenv_dir",
    "frontend_manifests",
    "head_parts",
    "build_parts",
    "binary_parts",
    "final_note",
    "final_parts",
    "bake_final_parts",
    "bake_entry",
    "bake_others",
    "label_parts",
    "entrypoint_binary",
    "final_binary",
    "port_name_value",
)
LOW_PORTS = 1024
"""Ports below this need CAP_NET_BIND_SERVICE: a non-root user binds them only where the runtime lowers the host's
floor (Docker's own bridge network does; host networking and Kubernetes pods without a sysctl do not)."""
GO_BUILD = 'go build -trimpath{tags} -ldflags="-s -w{stamp}" -o /out/bin/{binary} {package}'
"""One binary's build: no local paths, no debug symbols, the version stamped into main.version (`stamp`)."""
VERSION_STAMP = " -X main.version=${VERSION}"
"""Left out where main's package-level `version` is no string (`var version = flag.Bool(…)`): the linker
stops on it (`cannot set with -X: not a var of type string`)."""
CROSS_ENV = "GOOS=$TARGETOS GOARCH=$TARGETARCH"
MOD_CACHE = "--mount=type=cache,target=/go/pkg/mod"
BUILD_CACHE = "--mount=type=cache,target=/root/.cache/go-build"
NETRC = "--mount=type=secret,id=netrc,target=/root/.netrc"
"""git's credentials for private modules: a build secret, never an ARG or a copied file."""
NONROOT = "nonroot:x:65532"
STEP_SEPARATOR = " + "
"""Between the continuation lines of one RUN in a steps value (go_build_steps, go_setup_steps); the template
puts each on its own line."""
ADDRESS_SUFFIXES = ("ADDR", "ADDRESS")
"""A port_name_env named so holds a listen address (`:8080`), not a bare port."""
APP_DIR = "/app"
"""The final image's working directory when the app opens files by relative path."""


GO_GENERATE = "go generate ./..."


def layout(values: dict[str, Value]) -> dict[str, Value]:
    """The layout values for the template, from the option values they follow."""
    src = str(values.get("module_dir", ".")).strip("/") or "."
    prefix = "" if src == "." else src + "/"
    app = str(values.get("app_name", "app"))
    main = str(values.get("main_package", "."))
    packages = [main]
    bake = values.get("bake") is True
    # docker-bake.hcl builds one image per main package, so the build stage builds them all.
    if values.get("all_binaries") is True or bake:
        packages += [p for p in str(values.get("main_packages", "")).split() if p != main]
    mount = f"--mount=type=bind,{'' if src == '.' else f'source={src},'}target={BUILD_DIR}"
    frontend = _frontend(values, prefix)
    generate = values.get("go_generate") is True
    if values.get("mod_init") or frontend or values.get("vendor_stale") is True or generate:
        # go mod init/tidy write go.mod and go.sum into the mount, as -mod=mod does for a go.sum that lacks a
        # module (vendor_stale), go generate its output, and the frontend's mount point is made in it; all are
        # discarded after the step.
        mount += ",rw"
    builds = [(binary_name(p, app), p) for p in packages]
    private = str(values.get("go_private", "")).strip()
    netrc = [NETRC] if private else []
    out: dict[str, Value] = {
        "source_mount": mount,
        "go_mod_files": f"{prefix}go.mod {prefix}go.sum*",
        "builds": " ".join(f"{binary_name(p, app)}={p}" for p in packages),
        "entrypoint": f"/usr/local/bin/{binary_name(main, app)}",
        "test_patterns": " ".join(_test_patterns(values)),
        "embed_paths": " ".join(_embed_paths(values, prefix)),
        "runtime_copies": " ".join(f"{prefix}{n}={APP_DIR}/{n}" for n in str(values.get("runtime_files", "")).split()),
        "bind_low_port": _low_port(str(values.get("port", ""))),
        "bake_apps": " ".join(f"{_target(b)}={b}" for b in (binary_name(p, app) for p in packages)) if bake else "",
        "download_mounts": " ".join([MOD_CACHE, *netrc, *str(values.get("replace_mounts", "")).split()]),
        "build_mounts": " ".join(
            [MOD_CACHE, BUILD_CACHE, *netrc, mount, *frontend, *str(values.get("replace_build_mounts", "")).split()]
        ),
        "build_steps": STEP_SEPARATOR.join(_build_steps(builds, values)),
        "prep_steps": STEP_SEPARATOR.join(_prep_steps(private, values.get("runtime_image") == "scratch")),
        "runtime_copy_args": STEP_SEPARATOR.join(_copy_args(prefix, values)),
        "dev_dir": APP_DIR if src == "." else f"{APP_DIR}/{src}",
        "dev_args": " ".join(_dev_args(values)),
        "cmd_args": json.dumps(_cmd_args(values)),
        "port_name_value": _port_name_value(values),
        **_frontend_stage(values),
        **_dotenv(values),
    }
    return {**out, **parts(values, out)}


def parts(values: dict[str, Value], out: dict[str, Value]) -> dict[str, Value]:
    """Which parts (templates/go/templates/<name>.Dockerfile) the Dockerfile includes, and the values its final
    stages read: the template includes them by name instead of choosing. `out` holds the layout values they
    follow (prep_steps, bind_low_port, entrypoint, bake_apps, build_steps, runtime_copy_args).

    Each list names the parts at one place of the Dockerfile, in order: `head_parts` (the syntax directive),
    `build_parts` (the build stage and its setup, the dependencies, the target platform: everything before the
    build's RUN), `binary_parts` (after it), `final_parts` (each final stage of the main binary after its FROM:
    its files, user, PORT, entrypoint and CMD), `bake_final_parts` (the other bake targets' stages: no PORT, no
    CMD), and inside final-app `label_parts`. `bake_entry` and `bake_others` split bake_apps: the main binary's
    target (always the first: its package comes first) and the rest."""
    dependencies = (
        "vendored"
        if values.get("vendor") is True
        else "mod-init"
        if values.get("mod_init")
        else "vendor-stale"
        if values.get("vendor_stale") is True
        else "workspace-deps"
        if values.get("workspace") is True
        else "download"
    )
    setup = [
        ("private-modules", bool(str(values.get("go_private", "")))),
        ("scratch-user", values.get("runtime_image") == "scratch"),
        ("prep-steps", bool(out["prep_steps"])),
    ]
    entry_binary = str(out["entrypoint"]).split("/")[-1]
    cgo = values.get("cgo") is True
    scratch = values.get("runtime_image") == "scratch"
    # A Debian slim final stage holding the shared libraries cgo links (decide.py sets both together).
    debian_final = cgo and bool(str(values.get("cgo_run_packages", "")))
    port = bool(str(values.get("port", "")))
    files = ""
    if out["runtime_copy_args"]:
        files = "runtime-files-writable" if values.get("writable_workdir") is True else "runtime-files"
    frontend = bool(values.get("frontend_dist"))
    dotenv = bool(values.get("dotenv_files"))
    serve = bool(str(values.get("serve_command", "")))
    # The main binary's stages: its PORT, then its CMD: its server subcommand (serve_command), else its
    # listen-address flag moved off loopback (detected as listen_args).
    main = [
        ("port-env", port),
        ("port-name-env", port and bool(values.get("port_name_env"))),
        ("final-entrypoint", True),
        ("serve-cmd", serve),
        ("listen-cmd", not serve and bool(str(values.get("listen_args", "")))),
        ("config-cmd", not serve and not values.get("listen_args") and bool(str(values.get("config_args", "")))),
    ]
    # Every final stage: the binary, the files the app opens at run time (a .env stand-in among them), the
    # server's own HOST variable on all interfaces, the user.
    before = [
        ("scratch-files", scratch),
        ("cgo-run-packages", debian_final),
        ("final-app", True),
        (files, bool(files)),
        ("dotenv-copy", dotenv),
        ("host-env", bool(values.get("host_env"))),
        ("nonroot-user", True),
    ]
    bake = str(out["bake_apps"]).split()
    entry_targets = [a for a in bake if a.partition("=")[2] == entry_binary][:1]
    return {
        "head_parts": "syntax-line" if values.get("syntax_line") is True else "",
        # A frontend //go:embed reads is built in its own stage first; the build stage holds its output last,
        # so the dev stage (FROM build) has it and the dependency layers stay cached when it changes.
        "build_parts": _on(
            ("frontend", frontend),
            ("build-cgo" if cgo else "build-cross", True),
            ("cgo-packages", cgo and bool(str(values.get("cgo_build_packages", "")))),
            *setup,
            ("low-port-caps", bool(out["bind_low_port"])),
            (dependencies, True),
            # A cross-compiled build reads the target platform (GOOS=$TARGETOS …); a cgo build runs on it.
            ("target-platform", "$TARGETOS" in str(out["build_steps"])),
            ("frontend-output", frontend),
        ),
        "binary_parts": _on(("setcap", bool(out["bind_low_port"])), ("dotenv-stub", dotenv)),
        "final_note": "Final stage: an empty image with only the binary, CA certificates and a passwd entry."
        if scratch
        else "Final stage: the binary on Debian slim with the shared libraries its C code links (no compiler)."
        if debian_final
        else "Final stage: only the binary on a distroless base (no shell, no package manager).",
        "final_parts": _on(*before, *main),
        "bake_final_parts": _on(*before, ("final-entrypoint", True)),
        "bake_entry": " ".join(entry_targets),
        "bake_others": " ".join(a for a in bake if a not in entry_targets),
        "label_parts": "source-label" if values.get("source_url") else "",
        "entrypoint_binary": entry_binary,
        # The default target's final stage copies every binary when it ships them all (or bake builds the
        # others into their own images), else the main one alone.
        "final_binary": "" if values.get("all_binaries") is True or not out["bake_apps"] else entry_binary,
    }


def _on(*wanted: tuple[str, bool]) -> str:
    return " ".join(name for name, on in wanted if on)


def _build_steps(builds: list[tuple[str, str]], values: dict[str, Value]) -> list[str]:
    """The build RUN's lines after its mounts: make the module if there is none, set the target platform
    when cross-compiling (an env prefix applies to one command only: several builds need an export), build."""
    mod_init = str(values.get("mod_init", ""))
    cross = values.get("cgo") is not True
    export = cross and len(builds) > 1
    lines = [f"go mod init {mod_init} && go mod tidy"] if mod_init else []
    if values.get("go_generate") is True:
        # The embedded files go generate makes (generate.py): before the build, in the same step.
        lines.append(f"{'&& ' if lines else ''}{GO_GENERATE}")
    setup = bool(lines)
    chain = "&& " if setup else ""
    if cross:
        lines.append(f"{chain}{'export ' if export else ''}{CROSS_ENV}")
    for i, (binary, package) in enumerate(builds):
        joined = export or i > 0 or (setup and not cross)
        stamp = "" if values.get("version_var_typed") is True else VERSION_STAMP
        tags = f" -tags={values['build_tags']}" if values.get("build_tags") else ""
        build = GO_BUILD.format(binary=binary, package=package, stamp=stamp, tags=tags)
        lines.append(("&& " if joined else "") + build)
    return lines


def _copy_args(prefix: str, values: dict[str, Value]) -> list[str]:
    """One COPY per file the app reads at run time, into its working directory; owned by its user if it writes."""
    chown = "--chown=65532:65532 " if values.get("writable_workdir") is True else ""
    files = [f"{chown}{prefix}{n} {APP_DIR}/{n}" for n in str(values.get("runtime_files", "")).split()]
    # A git-ignored config file's committed example, under the name the code opens (config_examples).
    examples = [e.partition("=") for e in str(values.get("config_examples", "")).split()]
    files += [f"{chown}{prefix}{source} {dest}" for source, _, dest in examples]
    # What a main package opens relative to its own folder, under the name it opens (package_files).
    package = [e.partition("=") for e in str(values.get("package_files", "")).split()]
    files += [f"{chown}{prefix}{source} {dest}" for source, _, dest in package]
    # A frontend build the app serves from disk (frontend_serve): the Node stage's output, where the path leads.
    if values.get("frontend_serve") and values.get("frontend_dist"):
        files.append(f"{chown}--from=frontend {FRONTEND_DIR}/{values['frontend_dist']} {values['frontend_serve']}")
    return files


def _embed_paths(values: dict[str, Value], prefix: str) -> list[str]:
    """The embedded patterns .dockerignore re-includes (project-relative); not the frontend's build output, which
    its own stage makes (the context leaves it out)."""
    dist = str(values.get("frontend_dist", ""))
    paths = [prefix + p for p in str(values.get("embed_patterns", "")).split()]
    return [p for p in paths if not dist or (p != dist and not p.startswith(dist + "/"))]


DISTROLESS_HOME = "/home/nonroot"
"""The working directory of distroless's nonroot images (where an app without run-time files runs)."""


def _dotenv(values: dict[str, Value]) -> dict[str, Value]:
    """The empty .env stand-ins the build stage makes, and the final image's working directory they go to."""
    names = str(values.get("dotenv_files", "")).split()
    workdir = (
        APP_DIR
        if values.get("runtime_files") or values.get("frontend_serve") or values.get("package_files")
        else "/"
        if values.get("runtime_image") == "scratch"
        else ""
    )
    return {
        "dotenv_stubs": " ".join(f"/out/dotenv/{n}" for n in names),
        "dotenv_dir": workdir or DISTROLESS_HOME,
    }


FRONTEND_DIR = "/frontend"
"""The Node stage's copy of the project's frontend folder (at the same relative path below it)."""


def _frontend(values: dict[str, Value], prefix: str) -> list[str]:
    """The Go build's mount of the built frontend (frontend_dist, project-relative) where //go:embed reads it."""
    dist = str(values.get("frontend_dist", ""))
    if not dist or not dist.startswith(prefix) or values.get("frontend_serve"):
        return []  # a frontend served from disk (frontend_serve) is not compiled in: the final stage copies it
    return [f"--mount=type=bind,from=frontend,source={FRONTEND_DIR}/{dist},target={BUILD_DIR}/{dist[len(prefix) :]}"]


def _frontend_stage(values: dict[str, Value]) -> dict[str, Value]:
    """The Node stage's working directory and the manifests its install step copies first."""
    folder = str(values.get("frontend_dir", "")).strip("/")
    if not values.get("frontend_dist") or not folder:
        return {"frontend_workdir": FRONTEND_DIR, "frontend_manifests": ""}
    inside = "" if folder == "." else folder + "/"
    files = ["package.json", *([str(values["frontend_lock"])] if values.get("frontend_lock") else [])]
    return {
        "frontend_workdir": f"{FRONTEND_DIR}/{folder}" if inside else FRONTEND_DIR,
        "frontend_manifests": " ".join(inside + f for f in files),
    }


def _cmd_args(values: dict[str, Value]) -> list[str]:
    """The main binary's arguments: its server subcommand (serve_command), then the listen-address flag moved off
    loopback (listen_args, JSON)."""
    command = str(values.get("serve_command", ""))
    # Then the config file a config flag without a default needs (config_args, JSON).
    return ([command] if command else []) + _json_words(values, "listen_args") + _json_words(values, "config_args")


def _json_words(values: dict[str, Value], key: str) -> list[str]:
    """The words of a JSON list value ([] when it is empty or no list)."""
    text = str(values.get(key, ""))
    try:
        words = json.loads(text) if text else []
    except ValueError:
        words = []
    return [str(w) for w in words] if isinstance(words, list) else []


def _dev_args(values: dict[str, Value]) -> list[str]:
    """The dev loop's arguments to the app: those the final image passes (subcommand, listen-address flag), as
    plain words, so that `make dev` is reachable too; none where a word is not plain (never quoted into sh)."""
    words = _cmd_args(values)
    plain = all(isinstance(w, str) and _PLAIN_ARG.fullmatch(w) for w in words)
    return words if plain else []


_PLAIN_ARG = re.compile(r"[A-Za-z0-9._:=/-]+")


def _prep_steps(private: str, scratch: bool) -> list[str]:
    """The build stage's setup RUN: GOPRIVATE for private modules, a passwd for scratch (which has none)."""
    lines = [f"go env -w GOPRIVATE='{private}'"] if private else []
    if scratch:
        lines += [
            f"{'&& ' if private else ''}mkdir -p /out/etc",
            f"&& echo '{NONROOT}:65532:nonroot:/nonexistent:/sbin/nologin' > /out/etc/passwd",
            f"&& echo '{NONROOT}:' > /out/etc/group",
        ]
    return lines


def _port_name_value(values: dict[str, Value]) -> str:
    """What the image sets port_name_env to: the port, or `:port` for an address variable (every interface)."""
    port = str(values.get("port", ""))
    return f":{port}" if str(values.get("port_name_env", "")).endswith(ADDRESS_SUFFIXES) and port else port


def _low_port(port: str) -> bool:
    """True when the app listens below 1024: its binary then carries the bind capability, the image stays non-root."""
    return port.isdigit() and 0 < int(port) < LOW_PORTS


def binary_name(package: str, app: str) -> str:
    """The binary `go build` makes of a package directory: its last element, or the app's name for the root."""
    return basename(package.rstrip("/")).removesuffix(".go") if package.strip("./") else app


def _target(binary: str) -> str:
    """A bake target and Dockerfile stage name for a binary: lowercase, and only letters, digits, - and _."""
    return re.sub(r"[^a-z0-9_-]", "-", binary.lower()).strip("-_") or "app"


def _test_patterns(values: dict[str, Value]) -> list[str]:
    # Standalone program files (server.go, client.go) break ./...: their folder is left out (test_dirs).
    if str(values.get("test_dirs", "")).split():
        return str(values["test_dirs"]).split()
    # A workspace root is not a module: ./... there matches nothing, so test each module's tree.
    if values.get("workspace") is not True:
        return ["./..."]
    modules = [m.strip("./") for m in str(values.get("workspace_modules", "")).split()]
    return [f"./{m}/..." if m else "./..." for m in modules] or ["./..."]
