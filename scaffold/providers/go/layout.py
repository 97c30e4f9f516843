"""Where things are in the Go build stage, decided from the resolved options so the template only reads them:
the source mount, the go.mod files to copy, each binary and its package, the test patterns, the entrypoint.
"""

from __future__ import annotations

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
)
LOW_PORTS = 1024
"""Ports below this need CAP_NET_BIND_SERVICE: a non-root user binds them only where the runtime lowers the host's
floor (Docker's own bridge network does; host networking and Kubernetes pods without a sysctl do not)."""
APP_DIR = "/app"
"""The final image's working directory when the app opens files by relative path."""


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
    if values.get("mod_init"):
        mount += ",rw"  # go mod init/tidy write go.mod and go.sum into the mount; they are discarded after the step
    return {
        "source_mount": mount,
        "go_mod_files": f"{prefix}go.mod {prefix}go.sum*",
        "builds": " ".join(f"{_binary(p, app)}={p}" for p in packages),
        "entrypoint": f"/usr/local/bin/{_binary(main, app)}",
        "test_patterns": " ".join(_test_patterns(values)),
        "embed_paths": " ".join(prefix + p for p in str(values.get("embed_patterns", "")).split()),
        "runtime_copies": " ".join(f"{prefix}{n}={APP_DIR}/{n}" for n in str(values.get("runtime_files", "")).split()),
        "bind_low_port": _low_port(str(values.get("port", ""))),
        "bake_apps": " ".join(f"{_target(b)}={b}" for b in (_binary(p, app) for p in packages)) if bake else "",
    }


def _low_port(port: str) -> bool:
    """True when the app listens below 1024: its binary then carries the bind capability, the image stays non-root."""
    return port.isdigit() and 0 < int(port) < LOW_PORTS


def _binary(package: str, app: str) -> str:
    """The binary `go build` makes of a package directory: its last element, or the app's name for the root."""
    return basename(package.rstrip("/")) if package.strip("./") else app


def _target(binary: str) -> str:
    """A bake target and Dockerfile stage name for a binary: lowercase, and only letters, digits, - and _."""
    return re.sub(r"[^a-z0-9_-]", "-", binary.lower()).strip("-_") or "app"


def _test_patterns(values: dict[str, Value]) -> list[str]:
    # A workspace root is not a module: ./... there matches nothing, so test each module's tree.
    if values.get("workspace") is not True:
        return ["./..."]
    modules = [m.strip("./") for m in str(values.get("workspace_modules", "")).split()]
    return [f"./{m}/..." if m else "./..." for m in modules] or ["./..."]
