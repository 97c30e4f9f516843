"""Which parts the Node Dockerfile template includes, and the values it would otherwise have computed itself.

The template (templates/node/) reads as a Dockerfile: every choice between variants is made here, from the
resolved options, and handed over as ready values:

- `head_comment`, `stage_list`: the header: its first lines (` | ` between them: the syntax directive when the
  project asked for one, then what the file is for) and the stages;
- `base_parts`: the setup steps after `FROM … AS base`, in order, then the deps stage (each a part
  `templates/<name>.Dockerfile`);
- `build_parts`: the build stage's steps after `FROM base AS build`, in order (`workspace-build=FOLDER` once per
  workspace package the app imports: the part builds that folder);
- `deps_install_part`, `install_mounts`, `install_prefix`: the deps stage's dependency install (prod-install:
  frozen from the lockfile; prod-install-linux: then the Linux builds a lock written on macOS or Windows lacks;
  prod-install-drift: starting from a copy of a drifted lockfile; the build stage's are in `build_parts`
  without the prefix) and the mounts of their RUN; `deps_parts`: the deps stage's steps after its install
  (swap-packages: locked packages this Node cannot build replaced, then the install scripts);
- `yarnrc_mount`: the build secret a yarn step mounts (a .yarnrc.yml with a credential), or nothing;
- `cache_mount`: the package manager's cache mount;
- `test_run`: the test stage's command;
- `final_stage`: `node` (tini + node/bun server or CLI) or `nginx` (a static site);
- `drain`, `loopback` (the preload's listen() on all interfaces), `run_env`, `run_packages`, `runtime_copies`,
  `files_comment`, `start_comment`, `start_entrypoint`, `start_cmd`: the node final stage's preload,
  environment, packages, copies and start;
- `labels`: the final image's LABEL (title, source, version); `test_parts`: the test stage's workspace folder;
  for a static site `site_parts`, `route_parts`, `site_files`, `port_parts`; for a server
  `tini_parts`, `env_parts` (the environment and run-time packages), `copy_parts` (the dependencies and the
  files the app runs), `start_parts` (EXPOSE, a note, ENTRYPOINT and CMD): the
  optional steps at each place of final-nginx.Dockerfile and final-node.Dockerfile, in order.
"""

from __future__ import annotations

import json
from typing import Any

from scaffold.models import Value
from scaffold.providers.node.data import node_data
from scaffold.providers.node.removed_flags import RESOLVE_HOOK, uses_resolve_hook, without_removed_flags

PART_KEYS = (
    "head_comment",
    "stage_list",
    "base_parts",
    "build_parts",
    "deps_install_part",
    "folder_install_run",
    "deps_parts",
    "install_mounts",
    "install_prefix",
    "yarnrc_mount",
    "cache_mount",
    "test_run",
    "final_stage",
    "test_parts",
    "site_parts",
    "route_parts",
    "labels",
    "site_files",
    "port_parts",
    "tini_parts",
    "env_parts",
    "copy_parts",
    "start_parts",
    "drain",
    "loopback",
    "run_env",
    "run_packages",
    "deps_comment",
    "deps_copies",
    "runtime_copies",
    "files_comment",
    "start_comment",
    "start_entrypoint",
    "start_cmd",
)
"""The values decided here: recomputed from the options on every run, whatever a layer said."""

SYNTAX = "syntax=docker/dockerfile:1"
"""The BuildKit syntax directive (syntax_line=yes): a comment line, the Dockerfile's first."""

STOP_SCRIPT = "/usr/local/lib/node-stop.cjs"

NO_TEST = 'echo "package.json has no test script: add one and this stage runs it"'
# Why a real test script does not run in the image (app.py's test_skipped), said instead of NO_TEST.
SKIPPED_TEST = {
    "browser": 'echo "the test script launches a browser the image has not: run those tests outside the image"',
    "runner": 'echo "the test script runs a test runner no dependency installs: add it to devDependencies"',
    "nx": 'echo "the nx project has no test target: the test script would fail with nothing to run"',
    "none": 'echo "the test script runner finds no test files and would fail: add tests and this stage runs them"',
    "envfile": 'echo "the test script loads an env file the repository does not hold: add it and this stage runs them"',
}


def _s(values: dict[str, Value], key: str) -> str:
    return str(values.get(key, "") or "")


def _env_prefix(values: dict[str, Value], key: str) -> str:
    """`NAME=value ` prefixes for one RUN (the test runner's CI=true), from an env_pairs option; '' without."""
    pairs = _s(values, key).split()
    return " ".join(pairs) + " " if pairs else ""


FOLDER_INSTALLS = {
    "package-lock.json": "npm ci --prefix {folder}",
    "npm-shrinkwrap.json": "npm ci --prefix {folder}",
    "yarn.lock": "yarn --cwd {folder} install --frozen-lockfile",
}
"""How the build stage installs a built folder's dependencies, by its lockfile (none: npm install); no `cd`
(hadolint DL3003)."""


def parts(values: dict[str, Value], deps_stage: bool, site: bool) -> dict[str, Value]:
    """Every value of PART_KEYS for these options (`deps_stage` and `site` as layout.py decided them)."""
    pm = _s(values, "package_manager")
    framework = _s(values, "framework")
    spa = framework == "spa"
    nxt = framework == "next"
    ws = _s(values, "workspace_app")
    build = bool(values.get("build"))
    yarnrc = "--mount=type=secret,id=yarnrc,target=/app/.yarnrc.yml " if values.get("yarnrc_secret") else ""
    start = _s(values, "start").split()
    port = _s(values, "port")
    distroless = "distroless" in _s(values, "runtime_image")
    drain = bool(port) and start[:1] == ["node"]
    start = without_type_stripping(start, _s(values, "node_version"))
    hook = uses_resolve_hook([start, _s(values, "dev_script").split()], _s(values, "node_version"))
    start, flag_comments = without_removed_flags(start, _s(values, "node_version"))
    name = _s(values, "framework_name")
    summary = pm + (f", {name}" if name else "") + (", static site" if spa else "")
    out: dict[str, Value] = {
        "head_comment": " | ".join(
            [
                *([SYNTAX] if values.get("syntax_line") is True else []),
                f"Generated by scaffold for a Node project ({summary}). `make help` lists the targets.",
            ]
        ),
        "stage_list": "base (toolchain)"
        + (", deps (production dependencies)" if deps_stage else "")
        + f", build (all dependencies{' + build' if build else ''}), test, "
        + ("web-config" if spa else "tini")
        + ", final",
        "base_parts": " ".join(_base_parts(values, pm, nxt, deps_stage, hook)),
        "build_parts": " ".join(_build_parts(values, nxt, ws, build)),
        "deps_install_part": "prod-" + _install_part(values, "linux_prod_packages"),
        "folder_install_run": FOLDER_INSTALLS.get(
            _s(values, "folder_lockfile"), "npm install --prefix {folder}"
        ).format(folder=_s(values, "folder_install"))
        if _s(values, "folder_install")
        else "",
        "deps_parts": " ".join(_swap_parts(values, "deps")),
        "install_mounts": " ".join(_install_mounts(values)),
        "install_prefix": f"cp /tmp/lock/{_s(values, 'lockfile')} . && " if values.get("lock_drift") else "",
        "yarnrc_mount": yarnrc,
        "cache_mount": _cache_mount(values),
        "test_run": f"{yarnrc}{_env_prefix(values, 'test_env')}{_s(values, 'run_command')} test"
        if values.get("test")
        else SKIPPED_TEST.get(_s(values, "test_skipped"), NO_TEST),
        "final_stage": "nginx" if spa else "node",
        "drain": drain,
        "loopback": drain and bool(values.get("listen_all")),
        "run_env": " ".join(
            ["NODE_ENV=production"]
            + ([f"PORT={port}"] if port else [])
            + [f"{h}=0.0.0.0" for h in _host_env(values)]
            # what the native dependencies' run-time packages need to be found (Puppeteer: Debian's chromium)
            + ([] if distroless else _s(values, "native_run_env").split())
            + _s(values, "start_env").split()  # what the start script set before its command
            # `npm start` in the image asks the registry for a newer npm and ends the app's log with that notice
            + (["NPM_CONFIG_UPDATE_NOTIFIER=false"] if start[:1] == ["npm"] else [])
        ),
        "run_packages": "" if distroless else _s(values, "native_run_packages"),
        "deps_comment": " | ".join(_deps_comment(values, deps_stage)),
        "deps_copies": " + ".join(_deps_copies(values, deps_stage)),
        "runtime_copies": " + ".join(_runtime_copies(values, nxt, ws, build)),
        "files_comment": _files_comment(values, nxt, build),
        "start_comment": " | ".join([*flag_comments, *_start_comment(values, start, distroless)]),
        **_start(start, port, distroless, drain),
    }
    return {**out, **_final_parts(values, out, site)}


def _final_parts(values: dict[str, Value], out: dict[str, Value], site: bool) -> dict[str, Value]:
    """The parts at each optional place of the test stage and of the final stages (final-nginx, final-node),
    from the options and the values decided above (`out`)."""
    ws = _s(values, "workspace_app")
    ws_dir = f"{ws}/" if ws else ""
    port = bool(_s(values, "port"))
    drain = bool(out["drain"])
    return {
        "test_parts": _on(("workspace-workdir", bool(ws))),
        "site_parts": _on(("site-stage", site)),
        "route_parts": _on(
            ("base-redirect", bool(values.get("site_base"))),
            ("spa-routes", bool(values.get("spa_fallback"))),
            ("page-routes", not values.get("spa_fallback")),
        ),
        "labels": " ".join(labels(values)),
        "site_files": "--from=site /site" if site else f"--from=build /app/{ws_dir}{_s(values, 'build_output')}",
        "port_parts": _on(("expose", port)),
        "tini_parts": _on(("drain-loopback-script" if out["loopback"] else "drain-script", drain)),
        "env_parts": _on(
            ("host-env-note", bool(_s(values, "host_env"))),
            ("run-env", True),
            ("node-options-env", bool(_s(values, "node_options"))),
            ("run-packages", bool(out["run_packages"])),
        ),
        # The dependencies, then the files the app runs (after their note, files_comment).
        "copy_parts": _on(
            ("drain-copy", drain),
            ("resolve-hook-copy", RESOLVE_HOOK in f"{out['start_entrypoint']} {out['start_cmd']}"),
            ("deps-note", bool(out["deps_comment"])),
            ("deps-copies", bool(out["deps_copies"])),
            ("files-note", True),
            ("runtime-copies", bool(out["runtime_copies"])),
            ("workspace-workdir", bool(ws)),
        ),
        "start_parts": _on(
            ("expose", port),
            ("start-note", bool(out["start_comment"])),
            ("entrypoint", True),
            ("start-cmd", bool(out["start_cmd"])),
        ),
    }


def labels(values: dict[str, Value]) -> list[str]:
    """The final image's OCI labels, as its LABEL lists them: the title, the source repository if known, the
    version (the build argument)."""
    source = _s(values, "source_url")
    return [
        f'org.opencontainers.image.title="{_s(values, "app_name")}"',
        *([f'org.opencontainers.image.source="{source}"'] if source else []),
        'org.opencontainers.image.version="${VERSION}"',
    ]


def _on(*wanted: tuple[str, bool]) -> str:
    return " ".join(name for name, on in wanted if on)


def _install_part(values: dict[str, Value], linux: str) -> str:
    """The install part of a stage: `linux` names its lists of Linux builds to add (`<linux>_amd64`, `_arm64`)."""
    if values.get("lock_drift"):
        return "install-drift"
    return "install-linux" if _s(values, f"{linux}_amd64") or _s(values, f"{linux}_arm64") else "install"


def _swap_parts(values: dict[str, Value], stage: str) -> list[str]:
    """The swap parts of a stage: `swap-packages` (`=rebuild` where that stage's install skipped the scripts for
    it), then the part each stand-in names to complete its package's API (catalogue node_ceilings.<name>.shim)."""
    swaps = _s(values, "swap_packages").split()
    if not swaps:
        return []
    ceilings: dict[str, Any] = node_data().get("node_ceilings", {})
    shims = [str(ceilings.get(s.partition("=")[0], {}).get("shim", "")) for s in swaps]
    return ["swap-packages=rebuild" if values.get(f"swap_rebuild_{stage}") else "swap-packages", *filter(None, shims)]


def _deps_comment(values: dict[str, Value], deps_stage: bool) -> list[str]:
    """Why the final image's node_modules come from where they do, when that needs saying."""
    if deps_stage and values.get("workspace_app"):
        return [
            "The workspace's production dependencies: node_modules at the root (and any a member keeps), "
            "whose links to",
            "workspace packages resolve once the packages below are in place.",
        ]
    if not deps_stage and not values.get("traced") and values.get("ship_all_deps"):
        return [
            "The start command runs a tool from devDependencies: the image ships every dependency, "
            "as the build stage has them."
        ]
    return []


def _deps_copies(values: dict[str, Value], deps_stage: bool) -> list[str]:
    """The final image's dependencies: the deps stage's node_modules (the whole workspace root for a member),
    the files a traced server loads, or the build stage's node_modules when the start runs a devDependency;
    then the workspace packages the app links and Prisma's generated client."""
    if deps_stage:
        out = ["--from=deps /app ./" if values.get("workspace_app") else "--from=deps /app/node_modules ./node_modules"]
    elif values.get("traced"):
        out = ["--from=build /traced/node_modules ./node_modules"]
    elif values.get("ship_all_deps"):
        out = ["--from=build /app/node_modules ./node_modules"]
    else:
        out = []
    out += [f"--from=build /app/{m} ./{m}" for m in _s(values, "workspace_packages").split()]
    if (deps_stage or values.get("ship_all_deps")) and values.get("prisma"):
        output = _s(values, "prisma_output") or "node_modules/.prisma"
        out.append(f"--from=build /app/{output} ./{output}")
    return out


def _host_env(values: dict[str, Value]) -> list[str]:
    return _s(values, "host_env").split()


def _base_parts(values: dict[str, Value], pm: str, nxt: bool, deps_stage: bool, hook: bool) -> list[str]:
    wanted = [
        ("native-nodedir", bool(values.get("native"))),
        ("native-packages", bool(values.get("native_build_packages"))),
        ("next-telemetry", nxt),
        ("yarn-pnp", bool(values.get("yarn_pnp"))),
        ("yarn-berry", pm == "yarn-berry"),
        ("pm-spec", bool(values.get("pm_spec"))),
        ("resolve-hook", hook),
        ("deps-stage", deps_stage),
    ]
    return [name for name, on in wanted if on]


def _build_parts(values: dict[str, Value], nxt: bool, ws: str, build: bool) -> list[str]:
    env = bool(values.get("build_env")) and not values.get("build_adds")
    builds = _s(values, "workspace_builds").split()
    members = bool(ws or builds)
    if values.get("build_command"):
        command = "build-command"
    else:
        command = "build-script" if _s(values, "build_script") == "build" else "other-build-script"
    prisma = bool(values.get("prisma"))
    hook = bool(values.get("source_hook"))
    wanted = [
        (_install_part(values, "linux_packages"), bool(values.get("package_json"))),
        *((part, bool(values.get("package_json"))) for part in _swap_parts(values, "build")),
        ("sources", True),
        ("source-hook", hook),
        ("folder-install", bool(values.get("folder_install"))),
        ("next-build-env" if nxt else "build-env", env),
        ("env-skip", build and bool(values.get("env_skip"))),
        ("prisma-config-env", prisma and bool(values.get("prisma_env"))),
        ("prisma-rebuild-generate" if values.get("rebuild_command") else "prisma-generate", prisma),
        # The packages the app imports, each built in its folder (a part per package), then the root again.
        ("workspace-builds-note", bool(builds)),
        *((f"workspace-build={m}", True) for m in builds),
        ("workspace-root", members),
        ("build-adds", bool(values.get("build_adds"))),
        (f"{command}-note", build and not ws and command != "build-script"),
        # The build's RUN follows Prisma's: a pragma right above it (a comment between would void it).
        (
            "ignore-consecutive-run",
            (prisma or hook or bool(values.get("folder_install")))
            and build
            and not ws
            and not members
            and not values.get("build_adds"),
        ),
        (command, build and not ws),
        ("trace-server", bool(values.get("traced"))),
    ]
    return [name for name, on in wanted if on]


def _install_mounts(values: dict[str, Value]) -> list[str]:
    lock = _s(values, "lockfile")
    drift = bool(values.get("lock_drift"))
    mounts = ["--mount=type=bind,source=package.json,target=/app/package.json"]
    if lock:
        mounts.append(f"--mount=type=bind,source={lock},target={'/tmp/lock/' if drift else '/app/'}{lock}")
    for f in _s(values, "install_files").split() + _s(values, "workspace_manifests").split():
        mounts.append(f"--mount=type=bind,source={f},target=/app/{f}")
    if values.get("npmrc_secret"):
        mounts.append("--mount=type=secret,id=npmrc,target=/app/.npmrc")
    if values.get("yarnrc_secret"):
        mounts.append("--mount=type=secret,id=yarnrc,target=/app/.yarnrc.yml")
    mounts.append(_cache_mount(values))
    return mounts


def _cache_mount(values: dict[str, Value]) -> str:
    """The package manager's cache as a cache mount (locked where concurrent builds would corrupt it)."""
    locked = ",sharing=locked" if values.get("pm_cache_locked") else ""
    return f"--mount=type=cache,target={_s(values, 'pm_cache')}{locked}"


def _runtime_copies(values: dict[str, Value], nxt: bool, ws: str, build: bool) -> list[str]:
    """COPY arguments of the files the app runs: Next.js's standalone server, then the runtime files."""
    ws_dir = f"{ws}/" if ws else ""
    user = _s(values, "run_user")
    copies = []
    if nxt and values.get("next_standalone"):
        copies.append(f"--from=build --chown={user} /app/{ws_dir}.next/standalone ./")
        copies.append(f"--from=build --chown={user} /app/{ws_dir}.next/static ./{ws_dir}.next/static")
    written = set(_s(values, "writable_files").split())
    for f in _s(values, "runtime_files").split():
        owner = f"--chown={user} " if nxt or f in written else ""  # what the app writes is its own
        if nxt or build or values.get("source_hook"):  # a hook that installs folders ran in the build stage
            copies.append(f"--from=build {owner}/app/{ws_dir}{f} ./{ws_dir}{f}")
        else:
            copies.append(f"{owner}{ws_dir}{f} ./{ws_dir}{f}")
    return copies


def _files_comment(values: dict[str, Value], nxt: bool, build: bool) -> str:
    if nxt and values.get("next_standalone"):
        return "Next.js standalone output: a server.js with just the node_modules it traced; static assets beside it."
    if build or nxt:
        return "The build output and the few files read at run time; sources and dev tooling stay in the build stage."
    if values.get("writable_files"):
        return "Only the files the app runs (not tests or tooling), root's so the app cannot change them, and its data."
    return "Only the files the app runs (not tests or tooling); they stay owned by root, so the app cannot change them."


def _start_comment(values: dict[str, Value], start: list[str], distroless: bool) -> list[str]:
    lines = []
    if values.get("runtime") == "bun":
        lines.append("bun runs the app: the final image is bun's own (no node); tini forwards signals to it.")
    if distroless and start[:1] != ["node"]:
        lines.append(
            'distroless has no npm or shell: make `start` a `node <file>` command (scaffold init --set start="node …").'
        )
    if not values.get("port"):
        lines.append("A command-line app: `docker run IMAGE ARGS…` passes ARGS to it.")
    return lines


def _start(start: list[str], port: str, distroless: bool, drain: bool) -> dict[str, Value]:
    """ENTRYPOINT and CMD (exec-form JSON, as Jinja's tojson wrote them): tini, then the app's command."""
    node = (["/nodejs/bin/node"] if distroless and start[:1] == ["node"] else start[:1]) + (
        ["--require", STOP_SCRIPT] if drain else []
    )
    if port:
        return {"start_entrypoint": _json(["/usr/bin/tini", "--", *node]), "start_cmd": _json(start[1:])}
    return {"start_entrypoint": _json(["/usr/bin/tini", "--", *node, *start[1:]]), "start_cmd": ""}


def without_type_stripping(start: list[str], node_version: str) -> list[str]:
    """`node node_modules/.bin/ts-node …` on a Node that strips types itself: node's own loader would take the .ts
    file first (as an ES module); `--no-experimental-strip-types` leaves it to the runner (catalogue strip_types)."""
    table: dict[str, Any] = node_data().get("strip_types", {})
    runner = start[1].removeprefix("node_modules/.bin/") if start[:1] == ["node"] and start[1:2] else ""
    major = node_version.split(".", 1)[0]
    if runner not in table.get("runners", ()) or not major.isdigit() or int(major) < int(table.get("from_major", 99)):
        return start
    return [start[0], "--no-experimental-strip-types", *start[1:]]


def _json(items: list[str]) -> str:
    # Jinja's tojson: json.dumps with <, >, & and ' escaped for HTML; kept so the output stays byte-identical.
    text = json.dumps(items)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
