"""A vendor/ behind the code: `go build` with vendor/ present reads packages from it alone, so an import that
vendor/modules.txt does not list fails every build ("cannot find module providing package …: import lookup
disabled by -mod=vendor") whatever the Dockerfile does. It happens when an import is added and `go mod vendor`
is not run again; init refuses it in one line naming the remedy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import go_source

_IMPORT_DECL = re.compile(r'^import\s*(\([^)]*\)|[\w.]*\s*"[^"]*")', re.MULTILINE)
_QUOTED = re.compile(r'"([^"\\\n]+)"')
_COMMENT = re.compile(r"//[^\n]*")
_IGNORED = re.compile(r"^//go:build\s+ignore\s*$", re.MULTILINE)
"""`go mod vendor` leaves out files built under no configuration (`//go:build ignore`); other tags count."""


def unvendored_requirement(listing: str, versions: Iterable[tuple[str, str]], go: str | None = None) -> str | None:
    """The first go.mod requirement vendor/modules.txt does not record at that version, or None. Since Go 1.14
    modules.txt marks go.mod's requirements `## explicit` and the go command refuses any difference ("inconsistent
    vendoring"); an older modules.txt (no such marks) passes only under a go line older than 1.14 (`go`)."""
    versions = list(versions)
    if "\n## explicit" not in "\n" + listing:
        if versions and go_at_least(go, (1, 14)):
            return (
                f"requires {versions[0][0]} and says go {go}, and vendor/modules.txt has no `## explicit` marks "
                "(vendored before Go 1.14), so `go build` stops (inconsistent vendoring)"
            )
        return None
    recorded: dict[str, str] = {}
    for line in listing.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "#":
            recorded[words[1]] = words[2]
    for module, version in versions:
        if recorded.get(module) != version:
            have = recorded.get(module)
            return (
                f"requires {module} {version}, "
                + (f"vendor/modules.txt records {have}" if have else "which vendor/modules.txt does not list")
                + ", so `go build` stops (inconsistent vendoring)"
            )
    return None


def go_at_least(go: str | None, release: tuple[int, int]) -> bool:
    """True when a go line (1.16, 1.21.3) names `release` or a newer one."""
    parts = (go or "").split(".")
    if len(parts) < 2 or not (parts[0].isdigit() and parts[1].split("rc")[0].isdigit()):
        return False
    return (int(parts[0]), int(parts[1].split("rc")[0])) >= release


def vendored_packages(listing: str) -> frozenset[str]:
    """The package lines of vendor/modules.txt (module lines start with `#`)."""
    return frozenset(line.strip() for line in listing.splitlines() if line.strip() and not line.startswith("#"))


def imports(code: str) -> list[str]:
    """Import paths of one Go file (aliases, `_` and `.` imports included)."""
    out: list[str] = []
    for decl in _IMPORT_DECL.findall(code):
        out += _QUOTED.findall(_COMMENT.sub("", decl))
    return out


def missing_import(project: ProjectDir, module_dir: str, module: str, files: Iterable[str]) -> str | None:
    """Why the first non-standard import of the module's code that vendor/ lacks fails the build, or None."""
    prefix = "" if module_dir == "." else module_dir + "/"
    if not project.has(prefix + "vendor/modules.txt"):
        return None
    listed = vendored_packages(project.read_text(prefix + "vendor/modules.txt"))
    for rel in sorted(files):
        code = go_source(project, rel)
        if _IGNORED.search(code):
            continue
        for path in imports(code):
            # The go command's rule: a path whose first element has no dot is the standard library's.
            if "." not in path.split("/")[0] or path == module or path.startswith(module + "/"):
                continue
            if path not in listed:
                listing_file = f"{prefix}vendor/modules.txt"
                return f"{rel} imports {path}, which {listing_file} does not list, so `go build` cannot find it"
            folder = f"{prefix}vendor/{path}"
            if ".." not in path.split("/") and not (project.is_dir(folder) and any(project.path(folder).glob("*.go"))):
                return (
                    f"{rel} imports {path}, and {folder}/ holds no Go files (vendor/ was not committed whole), "
                    "so `go build` cannot find it"
                )
    return None
