"""The Go provider's decisions over resolved options: the build and final images follow the Go release and
cgo, the build-stage layout follows the packages (layout), a project scaffold cannot build is refused
before anything is written, and a go_version a person gives is checked against the project's go line.

Runs after every layer (--set, answers, records, team config, detection) has been resolved, so a
`--set go_version=1.26` moves the build image too. A value a person chose is never replaced.
"""

from __future__ import annotations

from posixpath import basename, dirname

from scaffold import catalogue
from scaffold.errors import UsageError
from scaffold.models import Detection, Options, Origin, Resolved, Value, chosen
from scaffold.providers.go.cgo_facts import run_packages
from scaffold.providers.go.data import image_releases, runtime_image
from scaffold.providers.go.layout import LAYOUT_KEYS, binary_name, layout
from scaffold.providers.go.version import IMAGE_TAG, go_triple
from scaffold.services import workers

FROM_DETECTION = (
    "mod_init",
    "replace_mounts",
    "replace_build_mounts",
    "frontend_dir",
    "frontend_dist",
    "frontend_lock",
    "frontend_install",
    "frontend_build",
    "frontend_image",
    "frontend_serve",
    "dotenv_files",
    "host_env",
    "config_examples",
    "package_files",
    "config_args",
    "version_var_typed",
    "build_tags",
    "vendor_stale",
    "go_generate",
    "port_env",
    "test_dirs",
    "cgo_build_packages",
)
"""Values only the project decides (no layer may set them: a recorded answer in a cloned repo could
otherwise put any mount or command into the build)."""
NO = Resolved(False, "default", Origin.DEFAULT)
DECIDED = "decided"
"""The source shown for a value derived here."""


def _set(options: Options, key: str, value: Value, why: str) -> Options:
    """`options` with `key` decided here (shown as `decided: why`; never recorded as a person's answer)."""
    values = {**options.values, key: Resolved(value, f"{DECIDED}: {why}" if why else DECIDED, Origin.DEFAULT)}
    return Options(options.language, values)


def decide(detection: Detection, options: Options) -> Options:
    refusal = detection.fact("unsupported")
    if refusal is not None:
        raise UsageError(str(refusal.value))
    values = options.values
    if "go_version" not in values:
        return options  # a team's own template that names its images itself
    go = values["go_version"]
    releases = image_releases()
    if chosen(go):
        if not IMAGE_TAG.match(str(go.value)):
            raise UsageError(f"{go.source}: go_version={go.value!r}: expected a Go release like 1.25 or 1.25.3")
        _refuse_older_than_the_project(str(go.value), go.source, detection)
    else:
        unsatisfied = detection.fact("go_unsatisfied")
        if unsatisfied is not None:
            raise UsageError(str(unsatisfied.value))
        if go.origin is Origin.DEFAULT and releases:
            newest = list(releases)[-1]
            options = _set(options, "go_version", newest, "newest Go with an image")
    version = str(options.values["go_version"].value)
    release = ".".join(version.split(".")[:2])

    if "debian" in values and not chosen(values["debian"]):
        debian = releases.get(release) or (list(releases.values())[-1] if releases else str(values["debian"].value))
        options = _set(options, "debian", debian, f"the Debian release of the Go {release} image (catalogue/go.toml)")
    debian = str(options.values["debian"].value) if "debian" in options.values else "bookworm"

    if "build_image" in values and not chosen(values["build_image"]):
        image = catalogue.template_default("go", "build_image", {"go_version": version, "debian": debian})
        options = _set(options, "build_image", image or "", "go_version, debian")
    # Only a Debian final stage this decides installs run packages (a person's own runtime_image holds its own).
    options = _set(options, "cgo_run_packages", "", "")
    if "runtime_image" in values and not chosen(values["runtime_image"]):
        cgo = "cgo" in options.values and options.values["cgo"].value is True
        kind = ("cc" if detection.fact("cgo_cxx") else "base") if cgo else "static"
        libraries = detection.fact("cgo_libraries")
        shared = run_packages(str(libraries.value), debian) if cgo and libraries is not None else ""
        # Shared libraries from Debian need a final image that can install them (distroless cannot).
        kind = "debian" if shared else kind
        why = {
            "static": "no cgo: static binary",
            "base": "cgo: glibc",
            "cc": "cgo with C++: libstdc++",
            "debian": f"cgo linking system libraries: {shared}",
        }[kind]
        options = _set(options, "runtime_image", runtime_image(kind, debian), why)
        options = _set(options, "cgo_run_packages", shared, "catalogue/go.toml [c_libraries]" if shared else "")
    if "bake" in values and not chosen(values["bake"]):
        apps = str(options.values["main_packages"].value if "main_packages" in options.values else "").split()
        if len(apps) > 1:
            options = _set(options, "bake", True, f"{len(apps)} main packages: a docker-bake.hcl target each")
    if "all_binaries" in values and not chosen(values["all_binaries"]) and values.get("compose", NO).value is True:
        main = str(options.values["main_package"].value) if "main_package" in options.values else "."
        entry = binary_name(main, str(options.values["app_name"].value) if "app_name" in options.values else "app")
        run = [basename(p) for p in workers.programs_run(options) if dirname(p) == workers.GO_BIN]
        run = [b for b in run if b != entry]  # the app's own binary (a subcommand) is in the image anyway
        if run:
            why = f"compose.yaml's worker runs {', '.join(run)} from the app's image"
            options = _set(options, "all_binaries", True, why)
    return _with_layout(detection, options)


def _refuse_older_than_the_project(version: str, source: str, detection: Detection) -> None:
    """A golang image older than the go or toolchain line fails the build (the images set GOTOOLCHAIN=local)."""
    minimum = detection.fact("go_minimum")
    chosen_version, needed = go_triple(version), go_triple(str(minimum.value)) if minimum else None
    if minimum is None or chosen_version is None or needed is None:
        return
    # A tag without a patch (1.24) is that release's newest patch: compare major.minor only.
    same_depth = chosen_version if version.count(".") == 2 else (*chosen_version[:2], needed[2])
    if same_depth < needed:
        raise UsageError(
            f"{source}: go_version={version} is older than the Go {minimum.value} that {minimum.source} asks for: "
            f"the Go {version} image cannot build it; choose {needed[0]}.{needed[1]} or newer"
        )


def _with_layout(detection: Detection, options: Options) -> Options:
    """What only the project decides, then the build-stage layout the template reads (whatever any layer said)."""
    for key in FROM_DETECTION:
        fact = detection.fact(key)
        value = fact.value if fact is not None else ""
        options = _set(options, key, value, fact.source if fact else "")
    decided = layout({k: r.value for k, r in options.values.items()})
    for key in LAYOUT_KEYS:
        options = _set(options, key, decided[key], "build layout")
    return options
