"""Native dependencies that need environment as well as packages (catalogue node.toml `native.<name>`
`install_env`, `run_env`): Puppeteer's install downloads Chrome from hosts a build may not reach, and the slim
final image has no Chrome; the installs skip the download and the final image gets Debian's chromium by path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

MANIFEST = {
    "name": "pdf-service",
    "scripts": {"start": "node index.js"},
    "dependencies": {"express": "^4.19.2", "puppeteer": "^22.6.0"},
}


def test_puppeteer_installs_without_its_download_and_runs_debians_chromium(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(MANIFEST))
    (tmp_path / "index.js").write_text("require('express')().listen(process.env.PORT || 3000)\n")
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    skip = "env PUPPETEER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=true npm install"
    assert dockerfile.count(skip) == 2  # the deps and the build stage
    final = dockerfile.rpartition("AS final")[2]
    assert "PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium" in final
    assert "apt-get install -y --no-install-recommends chromium" in final
    assert "-perm /6000" in final  # chromium's dbus helper is setuid: the bits are dropped


def test_a_distroless_final_image_gets_no_chromium_path(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(MANIFEST))
    (tmp_path / "index.js").write_text("require('express')().listen(process.env.PORT || 3000)\n")
    result = run_cli("init", "--yes", "--set", "runtime=distroless", tmp_path)
    assert result.code == 0, result.err
    final = (tmp_path / "Dockerfile").read_text().rpartition("AS final")[2]
    assert "PUPPETEER_EXECUTABLE_PATH" not in final and "chromium" not in final


@pytest.mark.parametrize(
    ("dev", "pair"),
    [
        ({"cypress": "^13.6.0"}, "CYPRESS_INSTALL_BINARY=0"),  # measured: npm ci fails on download.cypress.io
        ({"chromedriver": "^120.0.0"}, "CHROMEDRIVER_SKIP_DOWNLOAD=true"),
        ({"@sentry/cli": "^2.28.0"}, "SENTRYCLI_SKIP_DOWNLOAD=1"),
    ],
)
def test_tools_that_download_their_binary_at_install_are_told_not_to(
    tmp_path: Path, dev: dict[str, str], pair: str
) -> None:
    manifest = {**MANIFEST, "dependencies": {"express": "^4.19.2"}, "devDependencies": dev}
    (tmp_path / "package.json").write_text(json.dumps(manifest))
    (tmp_path / "index.js").write_text("require('express')().listen(process.env.PORT || 3000)\n")
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert f"env {pair} npm install" in dockerfile
    assert pair not in dockerfile.rpartition("AS final")[2]  # nothing in the final image runs them
