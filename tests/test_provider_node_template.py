"""Node template variants that no example image covers (bun, Plug'n'Play, no lockfile, npm start on distroless,
Next.js without standalone): each renders through the real CLI, passes hadolint and BuildKit's parser, and
says what it should."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
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
                {"name": "x", "scripts": {"build": "next build"}, "dependencies": {"next": "12"}}
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
        "npmrc-with-a-token-is-a-build-secret",
        {
            "package.json": json.dumps({"name": "s"}),
            "package-lock.json": "{}",
            ".npmrc": "//registry.example.com/:_authToken=${NPM_TOKEN}\n",
            "index.js": "",
        },
        [],
        ("--mount=type=secret,id=npmrc,target=/app/.npmrc", "npm ci --omit=dev"),
    ),
    (
        "next-export-is-static",
        {
            "package.json": json.dumps(
                {"name": "e", "scripts": {"build": "next build"}, "dependencies": {"next": "15"}}
            ),
            "package-lock.json": "{}",
            "next.config.mjs": "export default { output: 'export' }\n",
        },
        [],
        ("COPY --from=build /app/out /usr/share/nginx/html", "EXPOSE 8080", "USER 101"),
    ),
    (
        "nuxt-on-distroless",
        {
            "package.json": json.dumps(
                {"name": "n", "scripts": {"build": "nuxt build"}, "dependencies": {"nuxt": "3"}}
            ),
            "package-lock.json": "{}",
        },
        ["--set", "runtime=distroless"],
        (
            "HOST=0.0.0.0 NITRO_HOST=0.0.0.0",
            "COPY --from=build /app/.output ./.output",
            '["/usr/bin/tini", "--", "/nodejs/bin/node", "--require", "/usr/local/lib/node-stop.cjs"]',
            'CMD [".output/server/index.mjs"]',
        ),
    ),
    (
        "react-router-serve",
        {
            "package.json": json.dumps(
                {
                    "name": "r",
                    "scripts": {"build": "react-router build", "start": "react-router-serve ./build/server/index.js"},
                    "dependencies": {"@react-router/serve": "7"},
                    "devDependencies": {"@react-router/dev": "7"},
                }
            ),
            "package-lock.json": "{}",
        },
        [],
        ('CMD ["node_modules/.bin/react-router-serve", "./build/server/index.js"]', "COPY --from=deps"),
    ),
    (
        "canvas-gets-its-libraries",
        {
            "package.json": json.dumps({"name": "c", "dependencies": {"canvas": "3"}}),
            "package-lock.json": "{}",
            "index.js": "",
        },
        [],
        (
            "FROM node:22-bookworm AS base",
            "apt-get install -y --no-install-recommends pkg-config libcairo2-dev libpango1.0-dev",
            "apt-get install -y --no-install-recommends libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libjpeg62-turbo",
            "FROM node:22-bookworm-slim AS final",
        ),
    ),
    (
        "prisma",
        {
            "package.json": json.dumps(
                {
                    "name": "p",
                    "dependencies": {"@prisma/client": "6", "express": "5"},
                    "devDependencies": {"prisma": "6"},
                }
            ),
            "package-lock.json": "{}",
            "schema.prisma": "",
            "index.js": "require('express')().listen(3000)",
        },
        [],
        (
            "RUN node_modules/.bin/prisma generate",
            "COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma",
            "apt-get install -y --no-install-recommends openssl",
        ),
    ),
    (
        "workspace-next-app",
        {
            "package.json": json.dumps({"name": "mono", "workspaces": ["apps/*", "packages/*"]}),
            "package-lock.json": "{}",
            "apps/web/package.json": json.dumps(
                {"name": "web", "scripts": {"build": "next build"}, "dependencies": {"next": "12", "@repo/ui": "*"}}
            ),
            "apps/web/next.config.js": "module.exports = {}\n",
            "packages/ui/package.json": json.dumps({"name": "@repo/ui", "scripts": {"build": "tsc"}}),
        },
        [],
        (
            "--mount=type=bind,source=apps/web/package.json,target=/app/apps/web/package.json",
            "WORKDIR /app/packages/ui\nRUN npm run build\nWORKDIR /app/apps/web\nRUN npm run build\nWORKDIR /app\n",
            "COPY --from=deps /app ./",
            "COPY --from=build /app/packages/ui ./packages/ui",
            "COPY --from=build --chown=1000:1000 /app/apps/web/.next ./apps/web/.next",
            "WORKDIR /app/apps/web\n",
            'CMD ["../../node_modules/next/dist/bin/next", "start"]',
        ),
    ),
    (
        "mirror-from-the-project-config-and-syntax-line",
        {
            "package.json": json.dumps({"name": "m"}),
            "package-lock.json": "{}",
            "index.js": "",
            ".scaffold.yaml": "config:\n  registry_mirror: mirror.example.com/hub/\n",
        },
        ["--set", "syntax_line=yes"],
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
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = run_cli("init", "--yes", "--lang", "node", *sets, tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    if (tmp_path / ".npmrc").exists() and "secret" in text:
        # A credential never enters the context; make passes it as the build secret.
        assert ".npmrc" in (tmp_path / ".dockerignore").read_text(encoding="utf-8").splitlines()
        assert "--secret id=npmrc$(comma)src=.npmrc" in (tmp_path / "Makefile").read_text(encoding="utf-8")
    for piece in wanted:
        assert piece in text, piece
    stages = [c for c in dockerfile.parse_file(str(tmp_path / "Dockerfile")) if c.cmd == "FROM"]
    assert len(stages) >= 3
    assert_lint_clean(tmp_path / "Dockerfile")


def _stop_preload(dockerfile: str) -> str:
    """The JavaScript the generated tini stage writes to /stop.cjs (the printf's quoted lines)."""
    block = dockerfile.split("RUN printf '%s\\n' \\\n", 1)[1].split(" > /stop.cjs", 1)[0]
    return "\n".join(line.strip().rstrip("\\").strip()[1:-1] for line in block.splitlines()) + "\n"


@pytest.mark.slow  # runs node as a process for about 2 s
def test_a_server_stops_soon_after_sigterm_even_with_timers_pending(tmp_path: Path) -> None:
    """Remix's server closes on SIGTERM but a 5 s render timer keeps node alive: the preload ends it."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed here")
    project = tmp_path / "app"
    project.mkdir()
    (project / "package.json").write_text('{"name": "s", "scripts": {"start": "node server.js"}}')
    (project / "server.js").write_text("require('http').createServer().listen(process.env.PORT || 3100)\n")
    assert run_cli("init", "--yes", project).code == 0
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert '["/usr/bin/tini", "--", "node", "--require", "/usr/local/lib/node-stop.cjs"]' in dockerfile
    preload = tmp_path / "stop.cjs"
    preload.write_text(_stop_preload(dockerfile), encoding="utf-8")
    cases = {
        "handler, stray timer": "process.on('SIGTERM', () => {}); setTimeout(() => {}, 60000);",
        "no handler": "setTimeout(() => {}, 60000);",
    }
    for name, script in cases.items():
        proc = subprocess.Popen(
            [node, "--require", str(preload), "-e", script + " console.log('up')"], stdout=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stdout.readline() == b"up\n"
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError(f"{name}: still running 3 s after SIGTERM") from None
        assert code in (0, 143), (name, code)


def test_only_node_servers_get_the_stop_preload(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "cli", "bin": "cli.js"}')
    (tmp_path / "cli.js").write_text("console.log('hi')\n")
    assert run_cli("init", "--yes", tmp_path).code == 0
    assert "node-stop.cjs" not in (tmp_path / "Dockerfile").read_text(encoding="utf-8")
