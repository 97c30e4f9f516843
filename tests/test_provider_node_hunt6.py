"""Node shapes from round 6 of the real-app hunt (issue 17): Apollo Server's standalone server (port 4000 in an
options object, or none at all), node-sass that builds on old Node majors only (express-generator's --css=sass)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scaffold.errors import InputError
from scaffold.providers.node.detect import NodeProvider
from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]

APOLLO = """import { ApolloServer } from '@apollo/server'
import { startStandaloneServer } from '@apollo/server/standalone'
const server = new ApolloServer({ typeDefs, resolvers })
const { url } = await startStandaloneServer(server, {
  listen: { port: %s }
})
"""


def pkg(**fields: Any) -> str:
    return json.dumps({"name": "demo", **fields})


def facts(files: Tree, tmp_path: Path) -> tuple[dict[str, Any], str]:
    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    return {f.key: f.value for f in found.facts}, " | ".join(found.notes)


@pytest.mark.parametrize(
    ("listen", "port"),
    [
        ("{ listen: { port: 4000 } }", "4000"),
        ("{ context: async () => ({}), listen: { port: Number(process.env.PORT) || 4100 } }", "4100"),
        ("{}", "4000"),  # startStandaloneServer's own default: it does not read PORT
    ],
)
def test_apollo_servers_standalone_port_is_the_images_port(tmp_path: Path, listen: str, port: str) -> None:
    src = APOLLO.replace("{\n  listen: { port: %s }\n}", listen)
    found, _ = facts(
        {
            "package.json": pkg(
                type="module",
                scripts={"compile": "tsc", "start": "npm run compile && node ./dist/index.js"},
                dependencies={"@apollo/server": "^4.10.2", "graphql": "^16.8.1"},
                devDependencies={"typescript": "^5.4.3"},
            ),
            "package-lock.json": "{}",
            "tsconfig.json": '{"compilerOptions": {"outDir": "dist"}}',
            "src/index.ts": src,
        },
        tmp_path,
    )
    assert found["port"] == port
    assert found["framework_name"] == "Apollo Server"
    assert found["start"] == "node ./dist/index.js"


def test_apollo_server_3s_listen_without_a_port_takes_4000(tmp_path: Path) -> None:
    found, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node index.js"}, dependencies={"apollo-server": "^3.13.0"}),
            "package-lock.json": "{}",
            "index.js": "const { ApolloServer } = require('apollo-server');\nnew ApolloServer({}).listen();\n",
        },
        tmp_path,
    )
    assert found["port"] == "4000"


def _lock(node_sass: str) -> str:
    packages = {"": {"name": "demo"}, "node_modules/node-sass": {"version": node_sass}}
    return json.dumps({"name": "demo", "lockfileVersion": 3, "packages": packages})


EXPRESS_SASS = {
    "package.json": pkg(
        scripts={"start": "node ./bin/www"},
        dependencies={"express": "~4.16.1", "hbs": "~4.0.4", "node-sass-middleware": "0.11.0"},
    ),
    "bin/www": "#!/usr/bin/env node\nrequire('../app');\n",
    "app.js": "const app = require('express')();\napp.listen(process.env.PORT || 3000);\n",
}


def test_node_sass_4_a_dependency_brings_is_replaced_by_dart_sass_in_the_image(tmp_path: Path) -> None:
    # express-generator --css=sass: node-sass-middleware → node-sass 4.14, whose C++ compiles on Node <= 14 only;
    # the middleware calls sass.render, which dart-sass keeps
    write_tree(tmp_path, {**EXPRESS_SASS, "package-lock.json": _lock("4.14.1")})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "node-sass 4.14.1 builds only on Node 14 or older, which has no image here" in result.out
    assert "the image puts sass@1.32.13 in its place" in result.out
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "--omit=dev --ignore-scripts" in dockerfile
    assert "--no-fund sass@1.32.13 \\\n    && find node_modules -type d -path '*node_modules/node-sass'" in dockerfile


def test_node_sass_run_as_a_command_is_refused_in_one_line(tmp_path: Path) -> None:
    # dart-sass has no `node-sass` command: a script compiling CSS with it cannot run on the stand-in
    manifest = pkg(
        scripts={"start": "node ./bin/www", "build-css": "node-sass public/scss -o public/css"},
        dependencies={"express": "~4.16.1", "node-sass": "^4.14.1"},
    )
    write_tree(tmp_path, {**EXPRESS_SASS, "package.json": manifest, "package-lock.json": _lock("4.14.1")})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "node-sass 4.14.1 builds only on Node 14 or older" in lines[0]
    assert "replace node-sass (deprecated) with sass" in lines[0]
    assert not (tmp_path / "Dockerfile").exists()


@pytest.mark.parametrize(
    "lockfile",
    [
        {"package-lock.json": _lock("9.0.0")},
        # lockfile v1 (npm 6): the hoisted tree under `dependencies`
        {"package-lock.json": json.dumps({"lockfileVersion": 1, "dependencies": {"node-sass": {"version": "9.0.0"}}})},
        {"yarn.lock": 'node-sass@^9.0.0:\n  version "9.0.0"\n  resolved "https://registry.yarnpkg.com/x"\n'},
    ],
)
def test_node_sass_9_builds_on_the_newest_image_major_it_supports(
    tmp_path: Path, lockfile: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    found, notes = facts({**EXPRESS_SASS, **lockfile}, tmp_path)
    assert found["node_version"] == "20"
    assert "node-sass 9.0.0 builds only on Node 20 or older: using Node 20" in notes


def test_node_sass_without_a_lockfile_is_judged_by_its_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    manifest = pkg(scripts={"start": "node app.js"}, dependencies={"express": "4", "node-sass": "^4.13.0"})
    found, notes = facts({"package.json": manifest, "app.js": "require('express')().listen(3000)\n"}, tmp_path)
    assert found["swap_packages"] == "node-sass=sass@1.32.13"
    assert "node-sass 4.x builds only on Node 14 or older, which has no image here" in notes


def test_node_sass_with_bun_is_refused_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # bun has no rebuild: its install cannot skip node-sass's script and run the others later
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    manifest = pkg(scripts={"start": "node app.js"}, dependencies={"express": "4", "node-sass": "^4.13.0"})
    tree: Tree = {"package.json": manifest, "bun.lock": "{}", "app.js": "require('express')().listen(3000)\n"}
    with pytest.raises(InputError, match=r"node-sass 4\.x builds only on Node 14 or older"):
        facts(tree, tmp_path)


def test_a_project_without_node_sass_keeps_the_default_major(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAFFOLD_NODE_IMAGES", "22,20")
    lock = json.dumps({"lockfileVersion": 3, "packages": {}})
    found, _ = facts({**EXPRESS_SASS, "package-lock.json": lock}, tmp_path)
    assert found["node_version"] == "22"


@pytest.mark.parametrize(
    ("code", "port"),
    [
        # Express's hello-world shape with another number: the image must say 5000, not the default 3000
        ("const port = 5000\napp.listen(port, () => console.log(`on ${port}`))\n", "5000"),
        ("const PORT: number = 8080;\nserver.listen(PORT);\n", "8080"),
        ("let port = '4040';\napp.listen(port)\n", "4040"),
        # a variable set from elsewhere names no port: the default stays
        ("const port = config.port;\napp.listen(port)\n", "3000"),
    ],
)
def test_a_port_held_in_a_constant_the_listen_call_passes_is_the_port(tmp_path: Path, code: str, port: str) -> None:
    found, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node index.js"}, dependencies={"express": "4"}),
            "package-lock.json": "{}",
            "index.js": "const app = require('express')();\n" + code,
        },
        tmp_path,
    )
    assert found["port"] == port


@pytest.mark.parametrize(
    ("code", "port"),
    [
        # the MERN chat tutorials' socket/ back end: socket.io starts its own server, no listen() anywhere
        ('const io = require("socket.io")(8900, {\n  cors: { origin: "http://localhost:3000" },\n});\n', "8900"),
        ("const { Server } = require('socket.io');\nconst io = new Server(4002, { cors: { origin: '*' } });\n", "4002"),
        ("import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\n", "8080"),
        (
            "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ port: process.env.PORT || 7071 });\n",
            "7071",
        ),
    ],
)
def test_a_server_its_constructor_starts_on_a_port_is_the_port(tmp_path: Path, code: str, port: str) -> None:
    found, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node index.js"}, dependencies={"socket.io": "^4", "ws": "^8"}),
            "package-lock.json": "{}",
            "index.js": code,
        },
        tmp_path,
    )
    assert found["port"] == port


BABEL_DEV = {"@babel/core": "^7.21.3", "@babel/node": "^7.20.7", "@babel/preset-env": "^7.20.2", "nodemon": "^2"}


@pytest.mark.parametrize(
    ("scripts", "start"),
    [
        # the Babel tutorials' shape: babel-node to start, `babel src -d dist` to build: the image runs the output
        ({"build": "babel src -d dist --source-maps", "start": "babel-node src/index.js"}, "node dist/index.js"),
        (
            {"build": "rimraf lib && babel ./src --out-dir ./lib", "start": "babel-node ./src/index.js"},
            "node lib/index.js",
        ),
        ({"build": "babel src -d dist", "start": "nodemon --exec babel-node src/index.js"}, "node dist/index.js"),
        # no build: babel-node from devDependencies runs the sources (the image ships every dependency)
        ({"start": "babel-node src/index.js"}, "node node_modules/.bin/babel-node src/index.js"),
    ],
)
def test_a_babel_node_start_runs_babels_output_or_babel_node_itself(
    tmp_path: Path, scripts: dict[str, str], start: str
) -> None:
    found, notes = facts(
        {
            "package.json": pkg(scripts=scripts, dependencies={"express": "^4"}, devDependencies=BABEL_DEV),
            "package-lock.json": "{}",
            ".babelrc": '{ "presets": ["@babel/preset-env"] }',
            "src/index.js": "import express from 'express';\nexpress().listen(3000);\n",
        },
        tmp_path,
    )
    assert found["start"] == start
    if "babel-node" in start:
        assert found["ship_all_deps"] is True
        assert "the start command runs @babel/node, a devDependency" in notes


def test_verify_accepts_the_dev_dependencies_of_a_bin_whose_package_has_another_name(tmp_path: Path) -> None:
    from scaffold.verify.image_checks import check_dev_deps
    from scaffold.verify.layers import Entry
    from scaffold.verify.model import Status

    lock = {"packages": {"node_modules/@babel/node": {"dev": True}, "node_modules/@babel/core": {"dev": True}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    files = ["/app/node_modules/@babel/node/package.json", "/app/node_modules/@babel/core/package.json"]
    tree = {f: (1, Entry(f, 10, 0o644, True)) for f in files}
    runner = {"Cmd": ["node_modules/.bin/babel-node", "src/index.js"]}
    row = check_dev_deps(tree, tmp_path, runner)
    assert row.status is Status.PASS and "runs @babel/node from devDependencies" in row.figure


@pytest.mark.parametrize(
    ("code", "configs", "port"),
    [
        # node-config: the port lives in config/default.json, production.json first under the image's NODE_ENV
        ("app.listen(config.get('port'));", {"config/default.json": '{"port": 8082}'}, "8082"),
        (
            "app.listen(config.get('server.port'));",
            {"config/default.json": '{"server": {"port": 8082}}', "config/production.json": '{"server": {"port": 80}}'},
            "80",
        ),
        ("app.listen(config.server.port);", {"config/default.json": '{"server": {"port": "9090"}}'}, "9090"),
        # no such key: the default stays
        ("app.listen(config.get('port'));", {"config/default.json": '{"db": "x"}'}, "3000"),
        # Express 3's `app.set('port', 8081)`
        ("app.set('port', 8081);\napp.listen(app.get('port'));", {}, "8081"),
    ],
)
def test_a_port_from_node_config_or_app_set_is_the_port(
    tmp_path: Path, code: str, configs: dict[str, str], port: str
) -> None:
    found, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node index.js"}, dependencies={"express": "4", "config": "3"}),
            "package-lock.json": "{}",
            "index.js": "const config = require('config');\nconst app = require('express')();\n" + code + "\n",
            **configs,
        },
        tmp_path,
    )
    assert found["port"] == port


def test_installed_javascript_with_a_sample_key_is_no_secret_but_a_token_in_it_is() -> None:
    from scaffold.verify.secrets import why_secret

    # @dotenvx/dotenvx/src/cli/examples.js: `dotenvx set KEY -- "-----BEGIN OPENSSH PRIVATE KEY-----` in its help
    sample = b'$ dotenvx set KEY -- "-----BEGIN OPENSSH PRIVATE KEY-----\n   b3BlbnNzaC1rZXktdjEAAAAA\n'
    assert why_secret("/app/node_modules/@dotenvx/dotenvx/src/cli/examples.js", sample) is None
    token = b"const t = 'ghp_" + b"a" * 36 + b"';\n"
    assert why_secret("/app/node_modules/pkg/index.js", token) == "a GitHub token"


def test_strapis_port_from_its_config_and_its_start_through_its_bin(tmp_path: Path) -> None:
    # create-strapi's project: config/server.js reads PORT through Strapi's env helper, defaulting to 1337
    server = "module.exports = ({ env }) => ({\n  host: env('HOST', '0.0.0.0'),\n  port: env.int('PORT', 1337),\n});\n"
    found, _ = facts(
        {
            "package.json": pkg(
                scripts={"build": "strapi build", "develop": "strapi develop", "start": "strapi start"},
                dependencies={"@strapi/strapi": "5.54.0", "better-sqlite3": "12.8.0"},
            ),
            "package-lock.json": "{}",
            "config/server.js": server,
            "src/index.js": "module.exports = { register() {}, bootstrap() {} };\n",
        },
        tmp_path,
    )
    assert found["port"] == "1337"
    assert found["start"] == "node node_modules/.bin/strapi start"
    # a JavaScript project's `strapi build` writes the admin panel to build/ (a TypeScript one's tsc outDir, dist/)
    assert found["build_output"] == "build"
