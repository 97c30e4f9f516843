"""Node shapes found by trying apps nobody here had seen (issue 17): a Procfile or a `bin` naming what runs when
there is no start script, and static site generators (Docusaurus, Eleventy, VitePress, ...) whose build writes a
site from Markdown with no index.html page template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.node.detect import NodeProvider
from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]

SERVER = "require('http').createServer((q, s) => s.end('hi')).listen(process.env.PORT || 3000);\n"


def pkg(**fields: Any) -> str:
    return json.dumps({"name": "demo", **fields})


def facts(files: Tree, tmp_path: Path) -> tuple[dict[str, Any], str]:
    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    return {f.key: f.value for f in found.facts}, " | ".join(found.notes)


@pytest.mark.parametrize(
    ("files", "start", "source"),
    [
        (
            {"package.json": pkg(), "Procfile": "web: node src/app.js\n", "src/app.js": SERVER},
            "node src/app.js",
            "Procfile",
        ),
        (
            {"package.json": pkg(), "Procfile": "# processes\nworker: nodemon jobs/run.js\n", "jobs/run.js": ""},
            "node jobs/run.js",
            "Procfile",
        ),
        (
            {
                "package.json": pkg(main="lib/index.js"),
                "Procfile": "web: node lib/server.js\n",
                "lib/server.js": SERVER,
            },
            "node lib/server.js",
            "Procfile",
        ),
        (
            {"package.json": pkg(bin={"greet": "./bin/greet.js"}), "bin/greet.js": "console.log('hi')\n"},
            "node bin/greet.js",
            "package.json bin",
        ),
        (
            {"package.json": pkg(bin="cli.js", main="lib.js"), "cli.js": "", "lib.js": "module.exports = {}\n"},
            "node cli.js",
            "package.json bin",
        ),
        (
            {"package.json": pkg(bin={"a": "a.js", "demo": "d.js"}), "a.js": "", "d.js": ""},
            "node d.js",
            "package.json bin",
        ),
        (
            {
                "package.json": pkg(bin={"demo": "dist/cli.js"}, scripts={"build": "tsc"}),
                "src/cli.ts": "console.log(1)\n",
                "tsconfig.json": '{"compilerOptions": {"outDir": "dist"}}',
            },
            "node dist/cli.js",
            "package.json bin",
        ),
    ],
    ids=[
        "procfile web",
        "procfile worker via nodemon",
        "procfile over main",
        "bin",
        "bin over main",
        "bin named after package",
        "bin in build output",
    ],
)
def test_procfile_or_bin_names_what_runs_without_a_start_script(
    tmp_path: Path, files: Tree, start: str, source: str
) -> None:
    got, notes = facts(files, tmp_path)
    assert got["start"] == start
    assert "no start script" not in notes


def test_procfile_and_bin_never_override_a_start_script(tmp_path: Path) -> None:
    got, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node server.js"}, bin={"demo": "cli.js"}),
            "Procfile": "web: node other.js\n",
            "server.js": SERVER,
            "cli.js": "",
            "other.js": "",
        },
        tmp_path,
    )
    assert got["start"] == "node server.js"


def test_procfile_command_an_image_cannot_run_falls_through(tmp_path: Path) -> None:
    # `web: npm run serve` needs a script: the next candidate (main) runs, as before.
    got, _ = facts(
        {"package.json": pkg(main="app.js"), "Procfile": "web: npm run serve && echo\n", "app.js": SERVER},
        tmp_path,
    )
    assert got["start"] == "node app.js"


def test_bin_that_does_not_exist_is_ignored(tmp_path: Path) -> None:
    got, _ = facts({"package.json": pkg(bin={"demo": "missing.js"}), "index.js": SERVER}, tmp_path)
    assert got["start"] == "node index.js"


def test_cli_package_generates_a_program_running_its_bin(tmp_path: Path) -> None:
    write_tree(tmp_path, {"package.json": pkg(bin={"greet": "bin/greet.js"}), "bin/greet.js": "console.log(1)\n"})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert '"node", "bin/greet.js"]' in dockerfile
    assert "EXPOSE" not in dockerfile
    assert "COPY bin ./bin" in dockerfile


# Static site generators: the build writes the site from Markdown (no index.html template in the project).

DOCUSAURUS = pkg(
    scripts={"start": "docusaurus start", "build": "docusaurus build"},
    dependencies={"@docusaurus/core": "3.10.2", "react": "^19.0.0"},
)
ELEVENTY = pkg(
    scripts={"build": "npx @11ty/eleventy", "start": "npx @11ty/eleventy --serve"},
    devDependencies={"@11ty/eleventy": "^3.0.0"},
)
VITEPRESS = pkg(
    scripts={"docs:dev": "vitepress dev docs", "docs:build": "vitepress build docs"},
    devDependencies={"vitepress": "^1.6.4"},
)


@pytest.mark.parametrize(
    ("files", "name", "output", "build_script"),
    [
        ({"package.json": DOCUSAURUS, "docusaurus.config.js": "", "docs/intro.md": ""}, "Docusaurus", "build", "build"),
        (
            {
                "package.json": pkg(
                    scripts={"build": "docusaurus build --out-dir www"}, dependencies={"@docusaurus/core": "3"}
                ),
            },
            "Docusaurus",
            "www",
            "build",
        ),
        ({"package.json": ELEVENTY, "index.md": "# hi\n"}, "Eleventy", "_site", "build"),
        (
            {
                "package.json": ELEVENTY,
                "eleventy.config.js": "export default () => ({ dir: { input: 'src', output: 'dist' } })\n",
            },
            "Eleventy",
            "dist",
            "build",
        ),
        ({"package.json": VITEPRESS, "docs/index.md": ""}, "VitePress", "docs/.vitepress/dist", "docs:build"),
        (
            {"package.json": pkg(scripts={"build": "vitepress build"}, devDependencies={"vitepress": "1"})},
            "VitePress",
            ".vitepress/dist",
            "build",
        ),
        (
            {"package.json": pkg(scripts={"build": "hexo generate"}, dependencies={"hexo": "^7.3.0"})},
            "Hexo",
            "public",
            "build",
        ),
    ],
    ids=[
        "docusaurus",
        "docusaurus --out-dir",
        "eleventy",
        "eleventy config output",
        "vitepress docs:build",
        "vitepress root",
        "hexo",
    ],
)
def test_static_site_generators_build_a_multi_page_site(
    tmp_path: Path, files: Tree, name: str, output: str, build_script: str
) -> None:
    got, notes = facts(files, tmp_path)
    assert (got["framework"], got["framework_name"], got["build_output"]) == ("spa", name, output)
    assert got["build_script"] == build_script
    assert got["spa_fallback"] is False  # a page per route: unknown paths answer 404
    assert "start" not in got or not got["start"]
    assert "no server found" not in notes


def test_vitepress_docs_build_script_reaches_the_dockerfile(tmp_path: Path) -> None:
    write_tree(tmp_path, {"package.json": VITEPRESS, "docs/index.md": "# hi\n"})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "RUN npm run docs:build\n" in dockerfile
    assert "COPY --from=build /app/docs/.vitepress/dist /usr/share/nginx/html" in dockerfile


def test_generator_without_a_build_script_is_not_a_site(tmp_path: Path) -> None:
    # A project that merely has the generator (a dev tool) and runs its own server stays a server.
    got, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node server.js"}, devDependencies={"@11ty/eleventy": "3"}),
            "server.js": SERVER,
        },
        tmp_path,
    )
    assert (got["framework"], got["start"]) == ("node", "node server.js")


# verify's secret scan: an installed package's documentation is no credential (dotenv's README shows a PEM block).

PEM = b"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"


@pytest.mark.parametrize(
    ("path", "secret"),
    [
        ("/app/node_modules/dotenv/README.md", False),
        ("/opt/venv/lib/python3.11/site-packages/pkg/README.rst", False),
        # installed code names key formats or shows samples (ssh2's key parser, @dotenvx/dotenvx's CLI help):
        # published bytes, the same in every install, as for installed Python code (hunt 6)
        ("/app/node_modules/pkg/lib/key.js", False),
        ("/app/node_modules/pkg/lib/key.pem", True),  # a key file is a key wherever it lies
        ("/app/src/key.js", True),  # the project's own code always counts
        ("/app/node_modules/pkg/test/fixtures/key.js", False),  # a package's own test fixture is published data
        ("/app/docs/deploy.md", True),  # the project's own files always count
    ],
)
def test_secret_scan_skips_installed_package_docs_and_test_fixtures_only(path: str, secret: bool) -> None:
    from scaffold.verify.secrets import why_secret

    assert (why_secret(path, b"sample:\n" + PEM) is not None) is secret


# A plain server's port through a conversion, or from PORT with no default at all.


@pytest.mark.parametrize(
    ("source", "port"),
    [
        ("const port = Number(process.env.PORT) || 3470;\nserver.listen(port);\n", "3470"),
        ("const port = parseInt(process.env.PORT, 10) || 4100;\napp.listen(port);\n", "4100"),
        ("const port = parseInt(process.env.PORT) ?? 4200;\napp.listen(port);\n", "4200"),
        ("http.createServer(handler).listen(process.env.PORT);\n", "3000"),
        ("const { PORT } = process.env;\nrequire('net').createServer().listen(PORT);\n", "3000"),
        ("console.log(process.env.PORT);\n", ""),  # reads PORT but serves nothing: a program
    ],
    ids=["Number()", "parseInt radix", "parseInt ??", "PORT only", "destructured PORT", "no listen"],
)
def test_plain_server_port_through_conversions_or_env(tmp_path: Path, source: str, port: str) -> None:
    got, notes = facts({"package.json": pkg(main="server.js"), "server.js": source}, tmp_path)
    assert got["port"] == port
    assert ("no server found" in notes) is (port == "")


# fastify-cli: `fastify start` reads its address from FASTIFY_ADDRESS; no listen() in the app to fix.


def test_fastify_cli_start_sets_its_address_variable_instead_of_a_code_fix(tmp_path: Path) -> None:
    manifest = pkg(
        scripts={"start": "fastify start -l info app.js"},
        dependencies={"fastify": "^5.0.0", "fastify-cli": "^7.4.1"},
    )
    got, notes = facts({"package.json": manifest, "app.js": "module.exports = async function (f) {}\n"}, tmp_path)
    assert got["start"] == "node node_modules/.bin/fastify start -l info app.js"
    assert got["host_env"] == "FASTIFY_ADDRESS"
    assert "listen_fix" not in got and "127.0.0.1" not in notes


def test_fastify_listen_without_host_still_gets_the_code_fix(tmp_path: Path) -> None:
    manifest = pkg(scripts={"start": "node server.js"}, dependencies={"fastify": "^5.0.0"})
    source = "const f = require('fastify')();\nf.listen({ port: 3000 });\n"
    got, _ = facts({"package.json": manifest, "server.js": source}, tmp_path)
    assert "host: '0.0.0.0'" in got["listen_fix"]
    assert not got.get("host_env")


# Start scripts that rebuild first, or load a .env file the image does not have.


@pytest.mark.parametrize(
    ("scripts", "start"),
    [
        ({"build": "tsc", "start": "npm run build && node dist/index.js"}, "node dist/index.js"),
        ({"build": "tsc", "start": "tsc && node dist/index.js"}, "node dist/index.js"),
        ({"build": "tsc", "start": "yarn build && nodemon dist/index.js"}, "node dist/index.js"),
        ({"postinstall": "tsc", "start": "npm run postinstall && node dist/index.js"}, "node dist/index.js"),
    ],
    ids=["npm run build", "tsc", "yarn build + nodemon", "build hook"],
)
def test_start_script_that_rebuilds_runs_the_built_app(tmp_path: Path, scripts: dict[str, str], start: str) -> None:
    got, _ = facts({"package.json": pkg(scripts=scripts), "src/index.ts": SERVER}, tmp_path)
    assert got["start"] == start


def test_start_that_rebuilds_without_a_build_script_stays_npm_start(tmp_path: Path) -> None:
    # Nothing else builds it: the start script's own `&&` chain is the only place the build happens.
    got, _ = facts({"package.json": pkg(scripts={"start": "npm run gen && node a.js"}), "a.js": SERVER}, tmp_path)
    assert got["start"] == "npm start"


@pytest.mark.parametrize(
    ("script", "start"),
    [
        ("node --env-file=.env server.js", "node server.js"),
        ("node --env-file .env.local --enable-source-maps server.js", "node --enable-source-maps server.js"),
        ("node --env-file-if-exists=.env server.js", "node --env-file-if-exists=.env server.js"),
    ],
)
def test_env_file_flag_is_dropped_from_the_image_command(tmp_path: Path, script: str, start: str) -> None:
    got, notes = facts({"package.json": pkg(scripts={"start": script}), "server.js": SERVER, ".env": "A=1\n"}, tmp_path)
    assert got["start"] == start
    assert ("loads a .env file" in notes) is (start != script)


# A start script that serves a folder with a static file server: the folder is the site.


@pytest.mark.parametrize(
    ("files", "output", "build"),
    [
        (
            {
                "package.json": pkg(
                    scripts={"start": "http-server ./public -p 8080"}, devDependencies={"http-server": "14"}
                ),
                "public/index.html": "",
            },
            "public",
            False,
        ),
        (
            {
                "package.json": pkg(scripts={"start": "serve -s dist -l 3000", "build": "webpack"}),
                "src/index.html": "",
                "src/main.js": "",
            },
            "dist",
            True,
        ),
        ({"package.json": pkg(scripts={"start": "live-server"}), "index.html": ""}, ".", False),
    ],
    ids=["http-server folder", "serve -s built dist", "live-server root"],
)
def test_static_file_server_start_is_a_static_site(tmp_path: Path, files: Tree, output: str, build: bool) -> None:
    got, _ = facts(files, tmp_path)
    assert (got["framework"], got["build_output"], got["build"]) == ("spa", output, build)
    assert got["port"] == "8080"


def test_static_file_server_folder_in_the_dockerfile(tmp_path: Path) -> None:
    manifest = pkg(scripts={"start": "http-server public"}, devDependencies={"http-server": "14"})
    write_tree(tmp_path, {"package.json": manifest, "public/index.html": "<h1>hi</h1>"})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY --from=build /app/public /usr/share/nginx/html" in dockerfile
    assert "npm start" not in dockerfile


TS_APP = "import express from 'express';\nexpress().listen(Number(process.env.PORT) || 3000);\n"
TSCONFIG = json.dumps({"compilerOptions": {"outDir": "./dist", "rootDir": "./src"}})


@pytest.mark.parametrize(
    ("files", "start"),
    [
        (  # nodemon with no file runs nodemon.json's exec: ts-node on a source that `tsc` compiles to dist/
            {
                "package.json": pkg(main="src/app.ts", scripts={"build": "tsc", "start": "nodemon"}),
                "nodemon.json": json.dumps({"watch": ["src"], "exec": "ts-node ./src/app.ts"}),
                "tsconfig.json": TSCONFIG,
                "src/app.ts": TS_APP,
            },
            "node dist/app.js",
        ),
        (  # exec names the runner only: nodemon runs it on main
            {
                "package.json": pkg(main="src/server.ts", scripts={"build": "tsc", "start": "nodemon --watch src"}),
                "nodemon.json": json.dumps({"exec": "ts-node"}),
                "tsconfig.json": TSCONFIG,
                "src/server.ts": TS_APP,
            },
            "node dist/server.js",
        ),
        (  # no config: main, with plain node
            {"package.json": pkg(main="server.js", scripts={"start": "nodemon"}), "server.js": SERVER},
            "node server.js",
        ),
        (  # package.json nodemonConfig
            {
                "package.json": pkg(
                    main="x.js", scripts={"start": "nodemon"}, nodemonConfig={"exec": "node lib/run.js"}
                ),
                "lib/run.js": SERVER,
            },
            "node lib/run.js",
        ),
        (  # a TypeScript runner on a source the build compiles: the compiled file, no rootDir (all sources in src/)
            {
                "package.json": pkg(scripts={"build": "tsc", "start": "ts-node src/index.ts"}),
                "tsconfig.json": json.dumps({"compilerOptions": {"outDir": "build"}}),
                "src/index.ts": TS_APP,
                "src/routes.ts": "export {};\n",
            },
            "node build/index.js",
        ),
        (  # sources at the root and in src/: tsc's common root is the project
            {
                "package.json": pkg(scripts={"build": "tsc", "start": "tsx watch server.mts"}),
                "tsconfig.json": json.dumps({"compilerOptions": {"outDir": "dist"}}),
                "server.mts": TS_APP,
                "src/lib.ts": "export {};\n",
            },
            "node dist/server.mjs",
        ),
    ],
    ids=["nodemon exec file", "nodemon exec runner on main", "nodemon main", "nodemonConfig", "ts-node", "tsx mts"],
)
def test_a_dev_runner_start_runs_the_file_it_wraps_compiled_when_a_build_compiles_it(
    tmp_path: Path, files: Tree, start: str
) -> None:
    got, notes = facts(files, tmp_path)
    assert got["start"] == start
    assert "npm start" not in notes


def test_without_a_start_script_a_plain_node_production_script_starts_the_server(tmp_path: Path) -> None:
    # create-vite-extra's SSR templates: `node server` (server.js) with NODE_ENV=production serves dist/
    scripts = {
        "dev": "node server",
        "build": "vite build --outDir dist/client",
        "preview": "cross-env NODE_ENV=production node server",
    }
    got, _ = facts({"package.json": pkg(scripts=scripts), "server.js": SERVER, "index.html": "<div></div>"}, tmp_path)
    assert got["start"] == "node server"
    assert "server.js" in got["runtime_files"] and "dist" in got["runtime_files"]


def test_a_start_script_wins_over_a_production_script_and_a_tool_preview_is_no_server(tmp_path: Path) -> None:
    got, _ = facts(
        {
            "package.json": pkg(scripts={"start": "node a.js", "preview": "NODE_ENV=production node b.js"}),
            "a.js": SERVER,
        },
        tmp_path,
    )
    assert got["start"] == "node a.js"
    scripts = {"build": "tsc", "preview": "vite preview"}
    got, _ = facts({"package.json": pkg(main="dist/index.js", scripts=scripts), "src/index.ts": SERVER}, tmp_path / "b")
    assert got["start"] == "node dist/index.js"


def test_a_start_scripts_port_flag_is_the_servers_port(tmp_path: Path) -> None:
    # json-server's own default host is localhost: the catalogue's loopback_bins, and the preload opens it
    scripts = {"start": "json-server --watch db.json --port 3004"}
    files: Tree = {"package.json": pkg(scripts=scripts, dependencies={"json-server": "^0.17.4"}), "db.json": "{}"}
    got, _ = facts(files, tmp_path)
    assert (got["port"], got["start"]) == ("3004", "node node_modules/.bin/json-server --watch db.json --port 3004")
    assert got["listen_all"] is True
    got, _ = facts({"package.json": pkg(scripts={"start": "node a.js --port=4100"}), "a.js": ""}, tmp_path / "eq")
    assert got["port"] == "4100"


HAPI = """const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000, host: 'localhost' });
server.start();
"""


def test_a_loopback_server_gets_a_preload_that_listens_on_all_interfaces(tmp_path: Path) -> None:
    # the hapi tutorial's `host: 'localhost'`: the image answers on PORT, and init still names the code fix
    files: Tree = {"package.json": pkg(scripts={"start": "node index.js"}, dependencies={"@hapi/hapi": "^21"})}
    write_tree(tmp_path, {**files, "index.js": HAPI})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "listen on '0.0.0.0' instead" in result.out + result.err and "preload" in result.out + result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert "loopback.includes(first.host)" in dockerfile and "host: '0.0.0.0'" in dockerfile
    assert '"});" \\\n    "// A listen()' in dockerfile and '"};" > /stop.cjs' in dockerfile
    # a server on all interfaces keeps the short preload
    plain = tmp_path / "plain"
    write_tree(plain, {**files, "index.js": SERVER})
    assert run_cli("init", "--yes", plain).code == 0
    text = (plain / "Dockerfile").read_text(encoding="utf-8")
    assert '"});" > /stop.cjs' in text and "loopback" not in text


def test_ts_node_on_a_node_that_strips_types_runs_with_strip_types_off(tmp_path: Path) -> None:
    deps = {"express": "^4", "ts-node": "^10", "typescript": "^5"}
    files: Tree = {"package.json": pkg(scripts={"start": "ts-node src/index.ts"}, dependencies=deps)}
    write_tree(tmp_path, {**files, "src/index.ts": TS_APP})
    assert run_cli("init", "--yes", "--set", "node_version=22", tmp_path).code == 0
    text = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["--no-experimental-strip-types", "node_modules/.bin/ts-node", "src/index.ts"]' in text
    old = tmp_path / "old"
    write_tree(old, {**files, "src/index.ts": TS_APP})
    assert run_cli("init", "--yes", "--set", "node_version=20", old).code == 0
    assert "strip-types" not in (old / "Dockerfile").read_text(encoding="utf-8")


T3_ENV = """import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
export const env = createEnv({
  server: { DATABASE_URL: z.string().url() },
  runtimeEnv: { DATABASE_URL: process.env.DATABASE_URL },
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
});
"""


def test_an_env_module_with_a_skip_switch_builds_with_it_set(tmp_path: Path) -> None:
    # create-t3-app: next.config.js imports src/env.js, which fails `next build` without the .env kept out
    deps = {"next": "^15.2.3", "react": "^19", "react-dom": "^19", "@t3-oss/env-nextjs": "^0.12.0"}
    files: Tree = {
        "package.json": pkg(scripts={"build": "next build", "start": "next start"}, dependencies=deps),
        "next.config.js": 'import "./src/env.js";\nexport default {};\n',
        "src/env.js": T3_ENV,
        "src/app/page.tsx": "export default function P() { return null; }\n",
    }
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "SKIP_ENV_VALIDATION=1 (its own switch)" in result.out + result.err
    dockerfile = (tmp_path / "Dockerfile").read_text(encoding="utf-8")
    build, final = dockerfile.split("AS final", 1)
    assert "ENV SKIP_ENV_VALIDATION=1" in build.split("AS build", 1)[1] and "SKIP_ENV_VALIDATION" not in final
    # without the switch nothing is set
    plain = tmp_path / "plain"
    write_tree(
        plain, {**files, "src/env.js": T3_ENV.replace("  skipValidation: !!process.env.SKIP_ENV_VALIDATION,\n", "")}
    )
    assert run_cli("init", "--yes", plain).code == 0
    assert "SKIP_ENV_VALIDATION" not in (plain / "Dockerfile").read_text(encoding="utf-8")


CUSTOM_NEXT = """const { createServer } = require('http')
const next = require('next')
const app = next({ dev: process.env.NODE_ENV !== 'production' })
app.prepare().then(() => createServer(app.getRequestHandler()).listen(process.env.PORT || 3000))
"""


def test_a_custom_next_server_runs_itself_not_nexts_standalone_server(tmp_path: Path) -> None:
    scripts = {"dev": "node server.js", "build": "next build", "start": "NODE_ENV=production node server.js"}
    deps = {"next": "^15.3.0", "react": "^19", "react-dom": "^19"}
    files: Tree = {
        "package.json": pkg(scripts=scripts, dependencies=deps),
        "server.js": CUSTOM_NEXT,
        "next.config.mjs": "export default {};\n",
        "pages/index.js": "export default function Home() { return null }\n",
    }
    got, notes = facts(files, tmp_path)
    assert got["start"] == "node server.js" and got["next_standalone"] is False
    assert {"server.js", ".next", "next.config.mjs"} <= set(got["runtime_files"].split())
    assert "custom Next.js server" in notes
    # a start script running a server file that does not load next is no custom server: standalone as before
    files["server.js"] = SERVER
    got, _ = facts(files, tmp_path / "other")
    assert got["next_standalone"] is True


def test_a_typescript_runner_stays_when_the_build_is_a_bundlers(tmp_path: Path) -> None:
    # `vite build` writes the client; the server still runs from its source with tsx (a production dependency)
    scripts = {"build": "vite build", "start": "tsx server/index.ts"}
    files: Tree = {
        "package.json": pkg(scripts=scripts, dependencies={"tsx": "^4", "express": "^4"}),
        "tsconfig.json": json.dumps({"compilerOptions": {"outDir": "dist"}}),
        "server/index.ts": TS_APP,
    }
    got, _ = facts(files, tmp_path)
    assert got["start"] == "node node_modules/.bin/tsx server/index.ts"


@pytest.mark.parametrize(
    ("path", "secret"),
    [
        ("/usr/share/mime/magic", False),  # shared-mime-info's signature database (Chromium brings it)
        ("/usr/share/nginx/html/key.pem.bin", True),  # a site's own file: copied from the project
        ("/app/data.bin", True),  # the project's own files always count
    ],
)
def test_a_signature_database_is_no_key_but_a_sites_files_are_the_projects(path: str, secret: bool) -> None:
    from scaffold.verify.secrets import why_secret

    magic = b"MIME-Magic\0\n[50:application/pgp-keys]\n>0=\0\x25" + PEM
    assert (why_secret(path, magic) is not None) is secret
