"""Node template variants that no example image covers (bun, Plug'n'Play, no lockfile, npm start on distroless,
Next.js without standalone): each renders through the real CLI, passes hadolint and BuildKit's parser, and
says what it should."""

from __future__ import annotations

import json
from pathlib import Path

import dockerfile
import pytest

from tests.conftest import assert_lint_clean, run_cli

BERRY_LOCK = "__metadata:\n  version: 8\n  cacheKey: 10c0\n"

VARIANTS: list[tuple[str, dict[str, str], list[str], tuple[str, ...]]] = [
    (
        "bun",
        {
            "package.json": json.dumps({"name": "b", "scripts": {"start": "node index.js"}}),
            "bun.lockb": "",
            "index.js": "require('http').createServer().listen(3000)",
        },
        [],
        (
            "npm install -g bun@1",
            "bun install --frozen-lockfile --production",
            "target=/root/.bun/install/cache",
            'CMD ["index.js"]',
        ),
    ),
    (
        "yarn-pnp",
        {"package.json": json.dumps({"name": "p"}), "yarn.lock": BERRY_LOCK, "index.js": ""},
        [],
        ("ENV YARN_NODE_LINKER=node-modules", "yarn workspaces focus --all --production", "yarn install --immutable"),
    ),
    (
        "no-lockfile",
        {"package.json": json.dumps({"name": "n"}), "index.js": ""},
        [],
        ("npm install --omit=dev", "    npm install\n"),
    ),
    (
        "npm-start-on-distroless",
        {
            "package.json": json.dumps(
                {"name": "d", "scripts": {"start": "nest start"}, "dependencies": {"@nestjs/core": "10"}}
            ),
            "package-lock.json": "{}",
        },
        ["--set", "runtime=distroless"],
        ("distroless has no npm or shell", "gcr.io/distroless/nodejs22-debian12:nonroot", "USER 65532:65532"),
    ),
    (
        "next-without-standalone",
        {
            "package.json": json.dumps(
                {"name": "x", "scripts": {"build": "next build"}, "dependencies": {"next": "15"}}
            ),
            "package-lock.json": "{}",
            "next.config.js": "module.exports = {}\n",
        },
        [],
        (
            "COPY --from=deps /app/node_modules ./node_modules",
            "COPY --from=build --chown=1000:1000 /app/.next ./.next",
            '"node_modules/next/dist/bin/next", "start"',
        ),
    ),
    (
        "image-prefix-and-syntax-line",
        {"package.json": json.dumps({"name": "m"}), "package-lock.json": "{}", "index.js": ""},
        ["--set", "image_prefix=mirror.example.com/hub/", "--set", "syntax_line=yes"],
        (
            "# syntax=docker/dockerfile:1\n",
            "FROM mirror.example.com/hub/node:22-bookworm-slim AS base",
            "FROM mirror.example.com/hub/node:22-bookworm-slim AS final",
        ),
    ),
]


@pytest.mark.parametrize(("files", "sets", "wanted"), [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_variant_renders_lint_clean(
    tmp_path: Path, files: dict[str, str], sets: list[str], wanted: tuple[str, ...]
) -> None:
    for rel, text in files.items():
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = run_cli("init", "--yes", "--lang", "node", *sets, tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    for piece in wanted:
        assert piece in text, piece
    stages = [c for c in dockerfile.parse_file(str(tmp_path / "Dockerfile")) if c.cmd == "FROM"]
    assert len(stages) >= 3
    assert_lint_clean(tmp_path / "Dockerfile")
