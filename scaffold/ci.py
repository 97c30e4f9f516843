"""The CI pipeline option (`ci`: "", "github" or "gitlab"): what its workflow runs, decided here.

The template writes `.github/workflows/docker.yml` or `.gitlab-ci.yml` from decided values only: the
actions and images the pipeline runs (scaffold/catalogue/ci.toml, read here and nowhere else), whether
the test stage is worth a step (`ci_test`), and the scaffold release that runs `verify` and
`check --strict` (the one that wrote the files, so the drift gate compares like with like).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaffold import __version__, catalogue
from scaffold.models import Options, Resolved, Value, chosen

CATALOGUE = "ci"
KINDS = ("github", "gitlab")
PACKAGE = "scaffold-docker"
"""scaffold's distribution name on PyPI (what the pipeline installs)."""
NO_TESTS = "python -m compileall"
"""The Python provider's test command for a project without tests: byte-compiling is not a test step."""


def catalogue_entries(kind: str) -> dict[str, str]:
    """`ci_<key>` → value for a pipeline kind (its table in the catalogue)."""
    data: Mapping[str, Any] = catalogue.load(CATALOGUE)
    return {f"ci_{key}": str(value) for key, value in data.get(kind, {}).items()}


def runs_tests(options: Options) -> bool:
    """Whether the Dockerfile's test stage runs the project's tests (else the pipeline skips that step).

    Go's `go test` compiles and vets every package even where no _test.go exists, so it always earns its step;
    a Node project without a test script and a Python project without test files get a stage that only says so.
    """
    values = {k: r.value for k, r in options.values.items()}
    if options.language == "node":
        return values.get("test") is True
    if options.language == "python":
        return not str(values.get("test_command", "")).startswith(NO_TESTS)
    return True


def decide(options: Options) -> Options:
    """`options` with the pipeline's values decided (nothing changes when no pipeline is asked for)."""
    kind = options.values.get("ci")
    if kind is None or kind.value not in KINDS:
        return options
    decided: dict[str, tuple[Value, str]] = {
        key: (value, f"decided: scaffold/catalogue/{CATALOGUE}.toml")
        for key, value in catalogue_entries(str(kind.value)).items()
    }
    decided["ci_test"] = (runs_tests(options), "decided: the test stage runs the project's tests")
    decided["ci_scaffold"] = (f"{PACKAGE}=={__version__}", "decided: the scaffold that wrote the files")
    values = dict(options.values)
    for key, (value, why) in decided.items():
        # A team's or a person's pin (an action at a commit SHA, say) stays; a key the template lacks is skipped.
        if key in values and not chosen(values[key]):
            values[key] = Resolved(value, why)
    return Options(options.language, values)
