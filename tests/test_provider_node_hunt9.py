"""Node shapes from round 9 of the real-app hunt: the resolve hook as a file (start and dev), what a start script
sets before its command (NODE_OPTIONS before another tool, VAR=value prefixes), tsconfig-paths at run time, test
runners with no test to run, the variable a missing-credential diagnosis names, and sqlite3's deps/ pruned."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from scaffold.providers.node.removed_flags import RESOLVE_HOOK
from scaffold.verify import diagnose
from tests.conftest import run_cli, write_tree
from tests.test_diagnose import DISCORD_NO_TOKEN, MONGOOSE_NO_URI, NEXT_FONT_OFFLINE, PRISMA_NO_URL

Tree = dict[str, str | bytes]
LOCK = {"lockfileVersion": 3, "packages": {"": {}}}


def _app(tmp_path: Path, manifest: Mapping[str, object], lock: object | None = LOCK, **files: str) -> Path:
    tree: Tree = {"package.json": json.dumps({"name": "demo", **manifest}), "app.js": "", **files}
    if lock is not None:
        tree["package-lock.json"] = json.dumps(lock)
    return write_tree(tmp_path, tree).root


def _init(root: Path) -> str:
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    return (root / "Dockerfile").read_text()


def _stage(dockerfile: str, name: str) -> str:
    return dockerfile.split(f" AS {name}\n", 1)[1].split("\nFROM ", 1)[0]


def _dev_cmd(dockerfile: str) -> str:
    words: list[str] = json.loads(_stage(dockerfile, "dev").split("CMD ", 1)[1].splitlines()[0])
    return words[-1]


# ---- the resolve hook: a file in the image, for the start command and for make dev -----------------------------

ESM = {
    "src/index.js": "import routes from './routes'\nconsole.log(routes)\n",
    "src/routes/index.js": "export default 1\n",
}


def test_the_resolve_hook_is_a_readable_file_the_start_imports(tmp_path: Path) -> None:
    start = "node --experimental-specifier-resolution=node src/index.js"
    dockerfile = _init(_app(tmp_path, {"type": "module", "scripts": {"start": start}}, **ESM))
    base = _stage(dockerfile, "base")
    assert "> /usr/local/lib/node-resolve/register.mjs" in base and "export async function resolve(" in base
    assert "data:text/javascript" not in dockerfile
    assert "COPY --from=base /usr/local/lib/node-resolve /usr/local/lib/node-resolve" in _stage(dockerfile, "final")
    assert f'"node", "--import={RESOLVE_HOOK}", "src/index.js"]' in dockerfile  # no port: all in ENTRYPOINT


def test_the_dev_stage_runs_a_dev_script_with_a_removed_flag_rewritten(tmp_path: Path) -> None:
    # the 2021 ESM tutorials: `nodemon --experimental-specifier-resolution=node src/index.js` (nodemon hands it on)
    scripts = {"start": "node src/index.js", "dev": "nodemon --experimental-specifier-resolution=node src/index.js"}
    dockerfile = _init(_app(tmp_path, {"type": "module", "scripts": scripts}, **ESM))
    assert _dev_cmd(dockerfile) == (
        f'export PATH="/app/node_modules/.bin:$PATH" && exec nodemon --import={RESOLVE_HOOK} src/index.js'
    )
    assert "> /usr/local/lib/node-resolve/register.mjs" in _stage(dockerfile, "base")  # the dev stage has it
    assert "/usr/local/lib/node-resolve" not in _stage(dockerfile, "final")  # the start needs none


def test_the_dev_stage_without_a_dev_script_watches_the_rewritten_start(tmp_path: Path) -> None:
    start = "node --es-module-specifier-resolution node src/index.js"
    dockerfile = _init(_app(tmp_path, {"type": "module", "scripts": {"start": start}}, **ESM))
    assert _dev_cmd(dockerfile) == f"exec node --watch --import={RESOLVE_HOOK} src/index.js"


def test_a_compound_dev_script_is_not_cut_short_by_exec(tmp_path: Path) -> None:
    scripts = {"start": "node app.js", "dev": "tsc && nodemon --experimental-specifier-resolution=node app.js"}
    dockerfile = _init(_app(tmp_path, {"scripts": scripts}))
    assert _dev_cmd(dockerfile).endswith(f"&& tsc && nodemon --import={RESOLVE_HOOK} app.js")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs a node (20.6+) on PATH")
def test_a_nodemon_style_dev_tool_passes_the_one_word_import_on_to_node(tmp_path: Path) -> None:
    """The replacement is one word (`--import=PATH`): a tool that hands node flags on cannot take `PATH` for its
    script; node itself reads it the same."""
    write_tree(tmp_path, {"lib/x.mjs": "globalThis.loaded = 1\n", "a.mjs": "console.log(globalThis.loaded)\n"})
    run = subprocess.run(
        ["node", f"--import={tmp_path / 'lib/x.mjs'}", "a.mjs"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout == "1\n", run.stderr


# ---- what a start script sets before its command ---------------------------------------------------------------


def test_node_options_before_another_program_stay_as_the_image_s_node_options(tmp_path: Path) -> None:
    manifest = {
        "scripts": {"start": "NODE_OPTIONS=--max-old-space-size=4096 nodemon app.js"},
        "dependencies": {"nodemon": "3"},
    }
    dockerfile = _init(_app(tmp_path, manifest))
    assert 'ENV NODE_OPTIONS="--max-old-space-size=4096"' in _stage(dockerfile, "final")


def test_node_options_that_are_not_plain_flags_are_left_out(tmp_path: Path) -> None:
    manifest = {"scripts": {"start": "NODE_OPTIONS='--require=./x.js $(id)' nodemon app.js"}}
    dockerfile = _init(_app(tmp_path, manifest))
    assert "NODE_OPTIONS" not in dockerfile


def test_variables_a_start_script_sets_before_node_reach_the_image(tmp_path: Path) -> None:
    # tsconfig-paths' recipe for compiled output: its paths resolve under dist/ (TS_NODE_BASEURL), tsconfig.json read
    start = "TS_NODE_BASEURL=./dist NODE_ENV=production node -r tsconfig-paths/register dist/server.js"
    manifest = {
        "scripts": {"build": "tsc", "start": start},
        "dependencies": {"express": "4", "tsconfig-paths": "4"},
        "devDependencies": {"typescript": "5"},
    }
    tsconfig = json.dumps({"compilerOptions": {"outDir": "dist", "baseUrl": "./src", "paths": {"@/*": ["*"]}}})
    dockerfile = _init(_app(tmp_path, manifest, **{"tsconfig.json": tsconfig, "src/server.ts": ""}))
    final = _stage(dockerfile, "final")
    assert "ENV NODE_ENV=production PORT=3000 TS_NODE_BASEURL=./dist\n" in final
    assert "COPY --from=build /app/tsconfig.json ./tsconfig.json" in final
    assert '"-r", "tsconfig-paths/register", "dist/server.js"' in final


def test_a_start_without_a_paths_loader_ships_no_tsconfig(tmp_path: Path) -> None:
    manifest = {"scripts": {"build": "tsc", "start": "node dist/server.js"}, "devDependencies": {"typescript": "5"}}
    tsconfig = json.dumps({"compilerOptions": {"outDir": "dist"}})
    dockerfile = _init(_app(tmp_path, manifest, **{"tsconfig.json": tsconfig, "src/server.ts": ""}))
    assert "tsconfig.json" not in _stage(dockerfile, "final")


# ---- test runners that fail with nothing to run -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("test", "files", "runs"),
    [
        ("jest", {}, False),  # `"test": "jest"` kept from a template, no test written: "No tests found", exit 1
        ("vitest run", {}, False),  # vitest run: "No test files found, exiting with code 1"
        ("jest --passWithNoTests", {}, True),
        ("jest", {"src/app.test.js": ""}, True),
        ("mocha", {"test/api.js": ""}, True),
        ("mocha", {}, False),
        ("jest", {"src/__tests__/app.js": ""}, True),
    ],
)
def test_a_runner_with_no_test_to_find_gets_no_test_stage(
    tmp_path: Path, test: str, files: dict[str, str], runs: bool
) -> None:
    runner = test.split(maxsplit=1)[0]
    manifest = {"scripts": {"start": "node app.js", "test": test}, "devDependencies": {runner: "1"}}
    dockerfile = _init(_app(tmp_path, manifest, **files))
    test_stage = _stage(dockerfile, "test")
    assert ("npm run test" in test_stage) is runs
    if not runs:
        assert "finds no test files" in test_stage


# ---- the variable a missing-credential diagnosis names ------------------------------------------------------------


def test_a_missing_database_url_names_the_variable_the_connect_call_reads(tmp_path: Path) -> None:
    root = _app(tmp_path, {}, **{"db.js": "mongoose.connect(process.env.MONGODB_URI, {})\n"})
    found = diagnose.match("run", MONGOOSE_NO_URI, "node", root, {})
    assert found is not None and found.id == "database-url-missing"
    assert "(MONGODB_URI)" in found.cause
    assert "docker run -e MONGODB_URI=mongodb://..." in found.advice and "'-e MONGODB_URI=...'" in found.advice
    assert "NAME=" not in found.advice


def test_a_missing_database_url_falls_back_to_the_env_example(tmp_path: Path) -> None:
    root = _app(tmp_path, {}, **{".env.example": "PORT=4000\nMONGO_URL=mongodb://localhost:27017/app\n"})
    found = diagnose.match("run", MONGOOSE_NO_URI, "node", root, {})
    assert found is not None and "-e MONGO_URL=mongodb://..." in found.advice


def test_prisma_s_missing_url_takes_its_scheme_from_the_schema(tmp_path: Path) -> None:
    schema = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n'
    root = _app(tmp_path, {}, **{"prisma/schema.prisma": schema})
    found = diagnose.match("run", PRISMA_NO_URL, "node", root, {})
    assert found is not None and "-e DATABASE_URL=postgresql://..." in found.advice


def test_nothing_to_go_on_keeps_the_placeholder(tmp_path: Path) -> None:
    found = diagnose.match("run", MONGOOSE_NO_URI, "node", None, {})
    assert found is not None and "-e NAME=mongodb://..." in found.advice


def test_a_bot_without_its_token_names_the_variable_its_login_reads(tmp_path: Path) -> None:
    root = _app(tmp_path, {}, **{"index.js": "client.login(process.env.DISCORD_BOT_TOKEN)\n"})
    found = diagnose.match("run", DISCORD_NO_TOKEN, "node", root, {})
    assert found is not None and found.id == "bot-token-missing"
    assert "docker run -e DISCORD_BOT_TOKEN=..." in found.advice


# ---- native addons: the C sources a built addon was compiled from stay out ----------------------------------------


def test_a_built_addon_s_deps_folder_is_pruned_from_the_shipped_node_modules(tmp_path: Path) -> None:
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sqlite3": {"version": "5.1.7"}}}
    manifest = {"scripts": {"start": "node app.js"}, "dependencies": {"sqlite3": "^5.1.7"}}
    deps = _stage(_init(_app(tmp_path, manifest, lock)), "deps")
    assert "find node_modules -type d -name deps -exec sh -c 'ls ${0%/deps}/build/Release/*.node" in deps


@pytest.mark.skipif(shutil.which("find") is None, reason="needs find")
def test_the_deps_prune_removes_only_the_deps_of_packages_with_a_built_addon(tmp_path: Path) -> None:
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sqlite3": {"version": "5.1.7"}}}
    manifest = {"scripts": {"start": "node app.js"}, "dependencies": {"sqlite3": "^5.1.7"}}
    deps = _stage(_init(_app(tmp_path / "p", manifest, lock)), "deps")
    command = "find node_modules -type d -name deps " + deps.split("find node_modules -type d -name deps ", 1)[1]
    command = command.split("\n", 1)[0].replace("\\;", ";").replace(";", "\\;")
    nm = tmp_path / "n"
    for folder in ("node_modules/sqlite3/deps/sqlite", "node_modules/sqlite3/build/Release", "node_modules/x/deps"):
        (nm / folder).mkdir(parents=True)
    (nm / "node_modules/sqlite3/build/Release/node_sqlite3.node").write_text("")
    subprocess.run(["sh", "-c", command], cwd=nm, check=True)
    assert not (nm / "node_modules/sqlite3/deps").exists()
    assert (nm / "node_modules/x/deps").is_dir() and (nm / "node_modules/sqlite3/build/Release").is_dir()


def test_verify_passes_the_dev_dependencies_a_preload_from_devdependencies_needs() -> None:
    from scaffold.verify.image_checks import _dev_runner

    dev = {"node_modules/tsconfig-paths", "node_modules/@swc/register"}
    config = {"Entrypoint": ["/usr/bin/tini", "--", "node"], "Cmd": ["-r", "tsconfig-paths/register", "dist/a.js"]}
    assert _dev_runner(config, dev) == "tsconfig-paths"
    assert _dev_runner({"Cmd": ["node", "--import", "@swc/register/esm", "a.js"]}, dev) == "@swc/register"
    assert _dev_runner({"Cmd": ["node", "-r", "./tsconfig-paths/x.js", "a.js"]}, dev) == ""  # the app's own file


def test_a_blocked_google_font_names_next_font_local() -> None:
    ids = [s.id for s in diagnose.signatures()]
    assert ids.index("next-font-download-blocked") < ids.index("download-blocked")
    found = diagnose.match("build", NEXT_FONT_OFFLINE, "node", None, {})
    assert found is not None and found.id == "next-font-download-blocked"
    assert "the Google font Geist (next/font/google)" in found.cause
    assert "next/font/local" in found.advice


# ---- .env loaders in front of the app ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("env-cmd -f ./config/prod.env node src/index.js", "node src/index.js"),  # the Node course's task manager
        ("env-cmd --silent -e production node server.js", "node server.js"),
        ("dotenv -e .env.local -e .env -- node index.js", "node index.js"),
        ("dotenv -e .env node index.js", "node index.js"),
        ("dotenvx run -f .env.production -- node app.js", "node app.js"),
        ("NODE_ENV=production env-cmd node app.js", "NODE_ENV=production node app.js"),
        ("dotenvx decrypt", "dotenvx decrypt"),  # not its `run`: left as it is
        ("node app.js", "node app.js"),
    ],
)
def test_a_dotenv_wrapper_gives_way_to_the_command_it_wraps(script: str, expected: str) -> None:
    from scaffold.providers.node.env_loader import without_env_loader

    assert without_env_loader(script) == expected


def test_an_env_cmd_start_runs_node_and_its_test_script_without_the_file_gets_no_test_stage(tmp_path: Path) -> None:
    scripts = {
        "start": "env-cmd -f ./config/prod.env node src/index.js",
        "test": "env-cmd -f ./config/test.env jest --runInBand",
    }
    manifest = {"scripts": scripts, "dependencies": {"express": "4"}, "devDependencies": {"env-cmd": "10"}}
    root = _app(tmp_path, manifest, **{"src/index.js": "", "tests/user.test.js": ""})
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "the test script loads ./config/test.env, which is not in the project" in result.out + result.err
    dockerfile = (root / "Dockerfile").read_text()
    assert '"src/index.js"]' in dockerfile and "env-cmd" not in _stage(dockerfile, "final")
    assert "npm run test" not in _stage(dockerfile, "test")
    assert "COPY --from=build /app/node_modules" not in dockerfile  # no devDependency runs at start now


def test_solid_start_runs_nitro_s_output_like_nuxt(tmp_path: Path) -> None:
    # the SolidStart 1 `basic` template: vinxi build writes .output/ (Nitro's node-server preset)
    manifest = {
        "type": "module",
        "scripts": {"dev": "vinxi dev", "build": "vinxi build", "start": "vinxi start"},
        "dependencies": {"@solidjs/start": "^1.0.0", "solid-js": "^1.9.0", "vinxi": "^0.5.0"},
    }
    config = 'import { defineConfig } from "@solidjs/start/config";\nexport default defineConfig({});\n'
    dockerfile = _init(_app(tmp_path, manifest, **{"app.config.ts": config, "src/app.tsx": ""}))
    final = _stage(dockerfile, "final")
    assert "COPY --from=build /app/.output ./.output" in final and "node_modules" not in final
    assert '".output/server/index.mjs"]' in final and "HOST=0.0.0.0" in final


# ---- a root whose install hook installs the project's own folders ---------------------------------------------------


@pytest.mark.parametrize(
    ("script", "installs"),
    [
        ("npm install --prefix server && npm install --prefix client", True),
        ("cd server && npm install", True),
        ("cd server && npm i && cd ../client && npm i", True),
        ("yarn --cwd server install", True),
        ("npm install --prefix nowhere", False),  # no package.json there
        ("cd server && node setup.js", False),  # not an install
        ("husky install", False),
    ],
)
def test_an_install_hook_that_installs_a_folder_is_told_apart(tmp_path: Path, script: str, installs: bool) -> None:
    from scaffold.providers.node.lifecycle import installs_folder

    project = write_tree(tmp_path, {"server/package.json": "{}", "client/package.json": "{}"})
    assert installs_folder(project, script) is installs


def test_a_root_postinstall_that_installs_its_folders_runs_after_the_sources(tmp_path: Path) -> None:
    # the MERN deploy guides' root package.json: start and build hand the work to server/ and client/
    manifest = {
        "scripts": {
            "start": "npm start --prefix server",
            "build": "npm run build --prefix client",
            "postinstall": "npm install --prefix server && npm install --prefix client",
        }
    }
    server = json.dumps({"name": "server", "scripts": {"start": "node index.js"}, "dependencies": {"express": "4"}})
    files = {"server/package.json": server, "server/index.js": "", "client/package.json": "{}"}
    dockerfile = _init(_app(tmp_path, manifest, **files))
    build = _stage(dockerfile, "build")
    assert "npm ci --ignore-scripts\nCOPY . .\n" in build
    assert build.index("RUN npm run postinstall") < build.index("# hadolint ignore=DL3059\nRUN npm run build")
    assert "COPY --from=build /app/server ./server" in _stage(dockerfile, "final")  # with server/node_modules


def test_a_credential_a_start_script_sets_stays_out_of_the_image(tmp_path: Path) -> None:
    manifest = {"scripts": {"start": "JWT_SECRET=abc123 API_KEY=k TZ=UTC PORT=4000 node app.js"}}
    final = _stage(_init(_app(tmp_path, manifest)), "final")
    assert "TZ=UTC" in final and "JWT_SECRET" not in final and "API_KEY" not in final and "PORT=4000 " not in final


def test_a_binary_bun_lockb_is_not_read_as_text(tmp_path: Path) -> None:
    # Bun before 1.2 wrote only the binary bun.lockb: init refused it ("not valid UTF-8") while judging drift
    manifest = {"scripts": {"start": "node src/index.js"}, "dependencies": {"express": "4"}}
    lockb = b"#!/usr/bin/env bun\nbun-lockfile-format-v0\n\x02\x00\x00\x00\xff\xfe\x93" + bytes(range(256))
    root = _app(tmp_path, manifest, lock=None, **{"src/index.js": ""})
    (root / "bun.lockb").write_bytes(lockb)
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "bun install --frozen-lockfile" in (root / "Dockerfile").read_text()


@pytest.mark.parametrize(
    ("build", "out"), [("next build && next export", "out"), ("next build && next export -o dist", "dist")]
)
def test_next_13_s_next_export_in_the_build_script_is_a_static_site(tmp_path: Path, build: str, out: str) -> None:
    manifest = {
        "scripts": {"build": build, "start": "next start"},
        "dependencies": {"next": "13.5.6", "react": "18.2.0", "react-dom": "18.2.0"},
    }
    root = _app(tmp_path, manifest, **{"next.config.js": "module.exports = { reactStrictMode: true }\n"})
    dockerfile = _init(root)
    assert f"COPY --from=build /app/{out} /usr/share/nginx/html" in dockerfile.replace("--chown=0:0 ", "")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("rimraf dist && tsc && node dist/index.js", "node dist/index.js"),  # clean, build, run
        ("npm run build && npm run serve", "node dist/index.js"),  # the last step runs a script by name
        ("yarn build && node dist/index.js", "node dist/index.js"),
        ("rimraf dist && node dist/index.js", "rimraf dist && node dist/index.js"),  # no build: left alone
        ("npm run build && npm start", "npm start"),  # start itself is not looked into
    ],
)
def test_a_start_script_that_builds_first_runs_what_follows_the_build(start: str, expected: str) -> None:
    from scaffold.providers.node.start import after_build

    scripts = {"build": "tsc", "serve": "node dist/index.js", "start": start}
    assert after_build(start, scripts) == expected


def test_a_source_with_latin_1_comments_is_read_as_node_reads_it(tmp_path: Path) -> None:
    # an old tutorial saved as Windows-1252 ("página"): node runs it (it replaces the bytes); init refused it
    server = b"// Servidor de exemplo: p\xe1gina inicial\nconst express = require('express')\nexpress().listen(3456)\n"
    root = _app(tmp_path, {"scripts": {"start": "node server.js"}, "dependencies": {"express": "4"}})
    (root / "server.js").write_bytes(server)
    (root / "utils.js").write_bytes(b"\xff\xfe listen(3000)")  # not even UTF-16: still no refusal
    dockerfile = _init(root)
    assert "EXPOSE 3456" in dockerfile
    from scaffold.errors import InputError
    from scaffold.project import ProjectDir

    (root / "go.mod").write_bytes(b"module \xff\n")
    with pytest.raises(InputError, match="not valid UTF-8"):
        ProjectDir(root).read_text("go.mod")  # other files are still refused in one line
