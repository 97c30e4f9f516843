"""Node shapes of issue 17 (lone scripts, lock drift, unknown static builds, multi-page sites, loopback servers,
yarn 1 engines): what detection says and what the generated Dockerfile does, from small project trees."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.node.detect import NodeProvider
from tests.conftest import run_cli, tree, write_tree
from tests.test_cli import assert_one_line_error

Tree = dict[str, str | bytes]


def pkg(**fields: Any) -> str:
    return json.dumps({"name": "demo", **fields})


def facts(files: Mapping[str, str | bytes], tmp_path: Path) -> tuple[dict[str, Any], str]:
    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    return {f.key: f.value for f in found.facts}, " | ".join(found.notes)


def init(tmp_path: Path, files: Mapping[str, str | bytes], *args: str) -> tuple[str, str]:
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", *args, tmp_path)
    assert result.code == 0, result.err
    return (tmp_path / "Dockerfile").read_text(encoding="utf-8"), result.out + result.err


# Shape 10: a Node app with no package.json.

LONE_CJS = (
    "const http = require('node:http');\nconst os = require('os');\nhttp.createServer().listen(3001, '0.0.0.0');\n"
)
LONE_ESM = (
    "import { createServer } from 'node:http';\nimport { hi } from './lib/hi.mjs';\ncreateServer().listen(8000);\n"
)


@pytest.mark.parametrize(
    ("files", "start", "port"),
    [
        ({"server.js": LONE_CJS}, "node server.js", "3001"),
        ({"index.mjs": LONE_ESM, "lib/hi.mjs": "export const hi = () => 'hi';\n"}, "node index.mjs", "8000"),
        ({"hello.js": "console.log(process.argv.slice(2).join(' '));\n"}, "node hello.js", ""),
    ],
    ids=["require", "esm import", "a lone cli script"],
)
def test_lone_script_without_package_json_is_a_node_app(tmp_path: Path, files: Tree, start: str, port: str) -> None:
    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None and found.score < 100  # a manifest of any language ranks above loose files
    got = {f.key: f.value for f in found.facts}
    assert got["start"] == start
    assert got["port"] == port
    assert got["package_json"] is False and got["prod_deps"] is False
    assert "package.json" not in str(got["runtime_files"]).split()
    assert "no package.json" in " ".join(found.notes)


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": "<script src=app.js></script>", "app.js": "document.title = 'x';\n"},
        {"main.py": "print(1)\n", "static/server.js": "require('http')\n"},
        {"a.js": "require('http')\n", "b.js": "require('http')\n"},
    ],
    ids=["browser script beside index.html", "js only below the top", "two scripts, none named like an entry"],
)
def test_not_a_lone_node_app(tmp_path: Path, files: Tree) -> None:
    assert NodeProvider().detect(write_tree(tmp_path, files)) is None


def test_lone_script_generates_an_image_that_installs_nothing(tmp_path: Path) -> None:
    dockerfile, _ = init(tmp_path, {"server.js": LONE_CJS, "lib/x.js": "module.exports = 1;\n"})
    assert "npm ci" not in dockerfile and "npm install" not in dockerfile
    assert "package.json" not in dockerfile.split("AS final", 1)[1].replace("package.json has no test", "")
    assert "COPY server.js ./server.js" in dockerfile and "COPY lib ./lib" in dockerfile
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "node", "--require", "/usr/local/lib/node-stop.cjs"]' in dockerfile
    assert 'CMD ["server.js"]' in dockerfile


def test_lone_script_importing_a_package_is_refused_in_one_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"server.js": "const express = require('express');\nexpress().listen(3000);\n"})
    before = tree(tmp_path)
    result = run_cli("init", "--yes", tmp_path)
    assert_one_line_error(result, 2, "server.js imports 'express'", "npm init -y && npm install express")
    assert tree(tmp_path) == before


# Shape 4: a lockfile out of sync with package.json.

YARN1_LOCK = (
    '# yarn lockfile v1\n\n\nms@^2.1.3:\n  version "2.1.3"\n\n"@types/ms@^0.7.0", "@types/ms@^0.7.1":\n'
    '  version "0.7.1"\n'
)
BERRY_LOCK = (
    '__metadata:\n  version: 8\n\n"ms@npm:^2.1.3":\n  version: 2.1.3\n\n"demo@workspace:.":\n  version: 0.0.0\n'
)
PNPM_LOCK = (
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.3\n"
    "        version: 2.1.3\n"
)


@pytest.mark.parametrize(
    ("lockfile", "lock", "dependencies", "drift"),
    [
        ("yarn.lock", YARN1_LOCK, {"ms": "^2.1.3", "@types/ms": "^0.7.1"}, ""),
        ("yarn.lock", YARN1_LOCK, {"ms": "^2.1.3", "escape-html": "^1"}, "escape-html is in package.json but not in"),
        ("yarn.lock", YARN1_LOCK, {"ms": "^2.2.0"}, "ms is '^2.2.0' in package.json but '^2.1.3' in yarn.lock"),
        ("yarn.lock", YARN1_LOCK, {"ms": "^2.1.3", "fork": "github:me/fork"}, ""),
        ("yarn.lock", BERRY_LOCK, {"ms": "^2.1.3"}, ""),
        ("yarn.lock", BERRY_LOCK, {"ms": "^3.0.0"}, "ms is '^3.0.0' in package.json but '^2.1.3' in yarn.lock"),
        ("pnpm-lock.yaml", PNPM_LOCK, {"ms": "^2.1.3", "escape-html": "^1"}, "escape-html is in package.json but not"),
    ],
    ids=[
        "yarn1 in sync",
        "yarn1 missing",
        "yarn1 re-ranged",
        "yarn1 git range",
        "berry in sync",
        "berry re-ranged",
        "pnpm",
    ],
)
def test_lock_drift_is_found_in_every_lock_format(
    tmp_path: Path, lockfile: str, lock: str, dependencies: dict[str, str], drift: str
) -> None:
    got, notes = facts({"package.json": pkg(dependencies=dependencies), lockfile: lock, "index.js": ""}, tmp_path)
    assert got["lock_drift"] is bool(drift)
    if drift:
        assert drift in notes and "a frozen install would fail" in notes
    else:
        assert "out of sync" not in notes


@pytest.mark.parametrize(
    ("lockfile", "lock", "prod", "full"),
    [
        (
            "package-lock.json",
            json.dumps({"packages": {"": {"dependencies": {"ms": "^2.1.3"}}}}),
            "npm install --omit=dev",
            "npm install",
        ),
        ("pnpm-lock.yaml", PNPM_LOCK, "pnpm install --prod --no-frozen-lockfile", "pnpm install --no-frozen-lockfile"),
        ("yarn.lock", YARN1_LOCK, "yarn install --production --ignore-engines", "yarn install --ignore-engines"),
    ],
    ids=["npm", "pnpm", "yarn1"],
)
def test_drifted_lock_installs_unfrozen_from_a_copy_and_says_why(
    tmp_path: Path, lockfile: str, lock: str, prod: str, full: str
) -> None:
    files: Tree = {
        "package.json": pkg(dependencies={"ms": "^2.1.3", "escape-html": "^1.0.3"}),
        lockfile: lock,
        "index.js": "require('http').createServer().listen(3000);\n",
    }
    dockerfile, output = init(tmp_path, files)
    assert f"{lockfile} is out of sync with package.json" in output
    # The lock is mounted read-only elsewhere and copied: npm and pnpm rewrite it, which a bind mount refuses.
    assert f"target=/tmp/lock/{lockfile}" in dockerfile
    assert f"cp /tmp/lock/{lockfile} . && {prod} && mkdir -p node_modules" in dockerfile
    assert f"cp /tmp/lock/{lockfile} . && {full}\n" in dockerfile
    assert "npm ci" not in dockerfile and "--frozen-lockfile --" not in dockerfile
    assert dockerfile.count(f"# {lockfile} is out of sync with package.json") == 2


# Shape 12: a static site from a build tool the catalogue does not know.

VUE_CLI = pkg(
    scripts={"serve": "vue-cli-service serve", "build": "vue-cli-service build"},
    dependencies={"vue": "^3.2.13"},
    devDependencies={"@vue/cli-service": "~5.0.0"},
)


@pytest.mark.parametrize(
    ("files", "output"),
    [
        ({"package.json": VUE_CLI, "public/index.html": "<div id=app></div>", "src/main.js": ""}, "dist"),
        (
            {
                "package.json": VUE_CLI,
                "public/index.html": "",
                "vue.config.js": "module.exports = { outputDir: 'site/' }\n",
            },
            "site",
        ),
        (
            {
                "package.json": pkg(scripts={"start": "parcel index.html", "build": "parcel build index.html"}),
                "index.html": "",
            },
            "dist",
        ),
        (
            {
                "package.json": pkg(scripts={"build": "parcel build src/index.html --dist-dir www"}),
                "src/index.html": "",
            },
            "www",
        ),
        (
            {
                "package.json": pkg(scripts={"build": "webpack --mode production"}),
                "src/index.html": "",
                "webpack.config.js": "output: { path: path.resolve(__dirname, 'public_html') },\n",
            },
            "public_html",
        ),
    ],
    ids=["vue cli", "vue cli outputDir", "parcel dev server as start", "parcel --dist-dir", "webpack output.path"],
)
def test_a_build_with_a_page_and_no_server_is_a_static_site(tmp_path: Path, files: Tree, output: str) -> None:
    got, notes = facts(files, tmp_path)
    assert got["framework"] == "spa"
    assert got["build_output"] == output
    assert got["port"] == "8080"
    assert "a static site" in notes


@pytest.mark.parametrize(
    "files",
    [
        {"package.json": pkg(scripts={"build": "tsc", "start": "node dist/index.js"}), "public/index.html": ""},
        {"package.json": pkg(scripts={"build": "tsc"}, dependencies={"express": "4"}), "public/index.html": ""},
        {"package.json": pkg(scripts={"build": "tsc"}, main="server.js"), "server.js": "", "public/index.html": ""},
        {
            "package.json": pkg(scripts={"build": "esbuild src/a.js"}),
            "src/a.js": "app.listen(3000)\n",
            "index.html": "",
        },
        {"package.json": pkg(scripts={"build": "tsc"}), "src/cli.ts": ""},
        {"package.json": pkg(scripts={"build": "webpack && cp a b", "start": "node a.js && b"}), "index.html": ""},
    ],
    ids=["start runs node", "server dependency", "main file", "listen() call", "no page", "shell start script"],
)
def test_a_build_that_serves_is_no_static_site(tmp_path: Path, files: Tree) -> None:
    got, _ = facts(files, tmp_path)
    assert got["framework"] == "node"


# Shape 6: single-page apps fall back to index.html, multi-page sites answer 404.

ASTRO = pkg(scripts={"build": "astro build"}, dependencies={"astro": "^5"})
VITE = pkg(scripts={"build": "vite build"}, devDependencies={"vite": "^6"})


@pytest.mark.parametrize(
    ("files", "fallback"),
    [
        ({"package.json": VITE, "index.html": ""}, True),
        ({"package.json": VITE, "index.html": "", "public/404.html": "gone"}, False),
        ({"package.json": ASTRO, "astro.config.mjs": "export default {}\n"}, False),
        ({"package.json": ASTRO, "src/pages/404.astro": ""}, False),
        ({"package.json": pkg(), "index.html": ""}, True),
        ({"package.json": pkg(), "index.html": "", "about.html": ""}, False),
        ({"package.json": VUE_CLI, "public/index.html": ""}, True),
    ],
    ids=["vite spa", "vite with 404.html", "astro", "astro 404 page", "one page", "plain pages", "vue cli spa"],
)
def test_static_site_routing(tmp_path: Path, files: Tree, fallback: bool) -> None:
    got, notes = facts(files, tmp_path)
    assert got["spa_fallback"] is fallback
    assert ("a multi-page site" in notes) is not fallback


def test_multi_page_site_nginx_answers_404_with_its_page(tmp_path: Path) -> None:
    dockerfile, _ = init(tmp_path, {"package.json": ASTRO, "src/pages/404.astro": "", "src/pages/index.astro": ""})
    assert r"try_files \$uri \$uri/ \$uri.html =404;" in dockerfile
    assert "error_page 404 /404.html;" in dockerfile
    assert "/index.html; }" not in dockerfile


def test_single_page_app_nginx_falls_back_to_index(tmp_path: Path) -> None:
    dockerfile, _ = init(tmp_path, {"package.json": VITE, "index.html": ""})
    assert r"try_files \$uri \$uri/ /index.html;" in dockerfile
    assert "error_page" not in dockerfile


# Shape 13: servers that listen on loopback only.

FASTIFY = pkg(dependencies={"fastify": "^5"})


@pytest.mark.parametrize(
    ("files", "fix"),
    [
        (
            {"package.json": FASTIFY, "src/server.js": "fastify.listen({ port: 3000 });\n"},
            "in src/server.js, pass host: '0.0.0.0' to listen()",
        ),
        ({"package.json": FASTIFY, "server.js": "fastify.listen({ port: 3000, host: '0.0.0.0' });\n"}, ""),
        ({"package.json": FASTIFY, "server.js": "fastify.listen({ port, host: process.env.HOST });\n"}, ""),
        (
            {"package.json": pkg(dependencies={"express": "4"}), "app.js": "app.listen(3000, 'localhost');\n"},
            "app.js binds 'localhost'",
        ),
        ({"package.json": pkg(dependencies={"express": "4"}), "app.js": "app.listen(3000);\n"}, ""),
        ({"server.js": "require('http').createServer().listen(3000, '127.0.0.1');\n"}, "server.js binds '127.0.0.1'"),
    ],
    ids=["fastify default host", "fastify 0.0.0.0", "fastify HOST", "literal localhost", "express", "lone script"],
)
def test_loopback_only_server_gets_the_code_fix(tmp_path: Path, files: Tree, fix: str) -> None:
    got, notes = facts(files, tmp_path)
    if fix:
        assert fix in str(got["listen_fix"]) and fix in notes
    else:
        assert "listen_fix" not in got


def test_verify_listen_check_names_the_fix(tmp_path: Path) -> None:
    from scaffold.verify.run_checks import listen_fix

    write_tree(tmp_path, {"package.json": FASTIFY, "server.js": "fastify.listen({ port: 3000 });\n"})
    assert "fastify.listen({ port, host: '0.0.0.0' })" in listen_fix(tmp_path)
    assert listen_fix(tmp_path / "missing") == ""


# Shape 14: yarn 1's strict engines check.

YARN1_APP = {"package.json": pkg(dependencies={"ms": "^2.1.3"}), "yarn.lock": YARN1_LOCK, "index.js": ""}


@pytest.mark.parametrize(
    ("extra", "ignored"),
    [
        ({}, True),
        ({"package.json": pkg(dependencies={"ms": "^2.1.3"}, engines={"node": ">=14"})}, True),
        ({".nvmrc": "20\n"}, False),
        ({"package.json": pkg(dependencies={"ms": "^2.1.3"}, volta={"node": "20.11.1"})}, False),
    ],
    ids=["no pin", "open engines range", ".nvmrc", "volta"],
)
def test_yarn1_skips_the_engines_check_unless_node_is_pinned(tmp_path: Path, extra: Tree, ignored: bool) -> None:
    got, notes = facts({**YARN1_APP, **extra}, tmp_path)
    for key in ("install_command", "prod_install_command"):
        assert str(got[key]).endswith(" --ignore-engines") is ignored, got[key]
    assert ("the installs pass --ignore-engines" in notes) is ignored


def test_other_managers_keep_their_installs(tmp_path: Path) -> None:
    got, _ = facts({"package.json": pkg(), "package-lock.json": "{}", "index.js": ""}, tmp_path)
    assert got["install_command"] == "npm ci" and got["prod_install_command"] == "npm ci --omit=dev"


# A start script that runs a development server, with the production server in another script (Qwik City's
# adapters: `start` is `vite --mode ssr`, `serve` runs the built server/entry.express.js).

QWIK: Tree = {
    "package.json": pkg(
        scripts={"build": "qwik build", "start": "vite --open --mode ssr", "serve": "node server/entry.express"},
        dependencies={"express": "4.22.0"},
        devDependencies={"@builder.io/qwik": "^1.20.1", "@builder.io/qwik-city": "^1.20.1", "vite": "7.0.0"},
    ),
    "adapters/express/vite.config.ts": "export default {};\n",
    "src/entry.express.tsx": "import express from 'express';\n",
}


def test_qwik_city_with_an_adapter_runs_its_server_and_ships_its_client(tmp_path: Path) -> None:
    found, _ = facts(QWIK, tmp_path)
    assert found["start"] == "node server/entry.express"
    assert found["runtime_files"].split() == ["package.json", "server", "dist"]
    assert found["trace_entry"] == "server/entry.express.js"


def test_qwik_city_without_an_adapter_is_refused_in_one_line(tmp_path: Path) -> None:
    files = {k: v for k, v in QWIK.items() if not k.startswith("adapters/")}
    write_tree(tmp_path, files)
    assert_one_line_error(run_cli("init", "--yes", tmp_path), 2, "package.json", "npx qwik add node-server")
    assert not (tmp_path / "Dockerfile").exists()


def test_a_dev_server_start_gives_way_to_a_plain_node_production_script(tmp_path: Path) -> None:
    files: Tree = {
        "package.json": pkg(
            scripts={"start": "webpack serve --mode development", "prod": "node server.js"},
            dependencies={"express": "4.22.0"},
            devDependencies={"webpack": "5.0.0", "webpack-cli": "5.0.0"},
        ),
        "server.js": "require('express')().listen(process.env.PORT || 3000);\n",
    }
    found, _ = facts(files, tmp_path)
    assert found["start"] == "node server.js"
