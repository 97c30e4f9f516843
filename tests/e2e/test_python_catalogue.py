"""The Python catalogue's Debian package names exist in the Debian release of every Python image scaffold uses.

`apt-get install --simulate` of every `build` and `run` package in scaffold/catalogue/python.toml, inside each
python image the tests know (bookworm and trixie): a renamed or missing package fails here, not in a user's build.
"""

from __future__ import annotations

import pytest

from scaffold.providers.python.data import compiler_packages, image_versions, native_table
from tests.conftest import STANDIN_ENV
from tests.e2e.engine import Engine

pytestmark = pytest.mark.docker


def catalogue_packages() -> list[str]:
    names = set(compiler_packages())
    for needs in native_table().values():
        names |= set(needs.build) | set(needs.run)
    return sorted(names)


# The images the tests build on (the autouse fixture sets the same list before each test runs).
IMAGES = [pair.split("=")[0] for pair in STANDIN_ENV["SCAFFOLD_PYTHON_IMAGES"].split(",")]


@pytest.mark.parametrize("version", IMAGES)
def test_every_catalogue_package_installs_on_the_image(version: str, engine: Engine) -> None:
    image = f"python:{version}-slim-{image_versions()[version]}"
    packages = catalogue_packages()
    assert "poppler-utils" in packages and "libmagic1" in packages  # the table is the one the provider reads
    script = "apt-get update -qq >/dev/null && apt-get install --simulate -qq " + " ".join(packages) + " >/dev/null"
    proc = engine.run_cmd("run", "--rm", "--network", engine.network, image, "sh", "-c", script, check=False)
    assert proc.returncode == 0, f"{image}: {proc.stdout}{proc.stderr}"
