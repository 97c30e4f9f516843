"""Node shapes from round 7 of the real-app hunt: start commands passing node flags newer Node removed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scaffold.providers.node.removed_flags import RESOLVE_HOOK, without_removed_flags
from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]

# A 2021-era ESM Express tutorial: extensionless and folder imports, resolved by a flag Node 19 removed.
ESM_APP: Tree = {
    "src/index.js": "import routes from './routes'\nimport { port } from './config'\nconsole.log(routes, port)\n",
    "src/config.js": "export const port = 5000\n",
    "src/routes/index.js": "export default 'routes'\n",
}


def pkg(**fields: Any) -> str:
    return json.dumps({"name": "demo", "type": "module", "dependencies": {"express": "4"}, **fields})


def _cmd(dockerfile: str) -> list[str]:
    line = [x for x in dockerfile.splitlines() if x.startswith("CMD [")][-1]  # the final stage's
    words: list[str] = json.loads(line.removeprefix("CMD "))
    return words


def test_the_removed_specifier_flag_becomes_a_resolve_hook_with_a_note_and_a_comment(tmp_path: Path) -> None:
    start = "node --experimental-specifier-resolution=node src/index.js"
    write_tree(tmp_path, {"package.json": pkg(scripts={"start": start}), "package-lock.json": "{}", **ESM_APP})
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "--experimental-specifier-resolution=node, which Node 19 removed" in result.out + result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "# `--experimental-specifier-resolution=node` (removed in Node 19) is a resolve hook" in dockerfile
    assert _cmd(dockerfile) == [f"--import={RESOLVE_HOOK}", "src/index.js"]  # a file the base stage writes
    assert "COPY --from=base /usr/local/lib/node-resolve /usr/local/lib/node-resolve" in dockerfile


def _hook_files(dockerfile: str, into: Path) -> Path:
    """The files the Dockerfile's resolve-hook RUN writes (printf of double-quoted lines), written under `into`;
    the register file's path there."""
    for lines, target in re.findall(r"printf '%s\\n' \\\n((?:\s+\".*\" \\\n)*?\s+\".*\") > (\S+)", dockerfile):
        text = "".join(line.strip().removesuffix("\\").strip()[1:-1] + "\n" for line in lines.splitlines())
        path = into / target.removeprefix("/usr/local/lib/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return into / RESOLVE_HOOK.removeprefix("/usr/local/lib/")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs a node (20.6+) on PATH")
def test_the_resolve_hook_loads_extensionless_and_folder_imports_on_a_real_node(tmp_path: Path) -> None:
    start = "node --es-module-specifier-resolution node src/index.js"
    write_tree(tmp_path, {"package.json": pkg(scripts={"start": start}), "package-lock.json": "{}", **ESM_APP})
    assert run_cli("init", "--yes", tmp_path).code == 0
    hook = _hook_files((tmp_path / "Dockerfile").read_text(), tmp_path / "lib")
    args = ["node", f"--import={hook}", "src/index.js"]
    plain = subprocess.run(["node", "src/index.js"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert plain.returncode != 0 and "ERR_UNSUPPORTED_DIR_IMPORT" in plain.stderr
    hooked = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (hooked.returncode, hooked.stdout) == (0, "routes 5000\n"), hooked.stderr
    (tmp_path / "src/index.js").write_text("import './nowhere'\n")
    missing = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert missing.returncode != 0 and "ERR_MODULE_NOT_FOUND" in missing.stderr  # still an error, as with the flag


@pytest.mark.parametrize(
    ("start", "node", "expected", "comment"),
    [
        (["node", "--debug", "index.js"], "22", ["node", "index.js"], "`--debug` (removed in Node 8) is dropped"),
        (
            ["node", "--experimental-policy", "policy.json", "index.js", "--debug"],
            "22",
            ["node", "index.js", "--debug"],  # words after the script are the app's own
            "`--experimental-policy policy.json` (removed in Node 22) is dropped",
        ),
        (
            ["node", "--experimental-policy=p.json", "index.js"],
            "20",
            ["node", "--experimental-policy=p.json", "index.js"],
            "",
        ),
        (["npm", "start", "--debug"], "22", ["npm", "start", "--debug"], ""),
    ],
)
def test_a_removed_flag_nothing_needs_is_dropped_on_the_node_that_removed_it(
    start: list[str], node: str, expected: list[str], comment: str
) -> None:
    out, comments = without_removed_flags(start, node)
    assert out == expected
    assert (comments[0] if comments else "").startswith(comment)


def test_network_imports_pick_a_node_that_still_has_the_flag_or_are_refused_in_one_line(tmp_path: Path) -> None:
    start = "node --experimental-network-imports server.mjs"
    files: Tree = {
        "package.json": pkg(scripts={"start": start}),
        "package-lock.json": "{}",
        "server.mjs": "import confetti from 'https://esm.sh/canvas-confetti@1.6.0'\nconsole.log(confetti)\n",
    }
    write_tree(tmp_path, files)
    result = run_cli("init", "--yes", tmp_path)
    assert result.code == 0, result.err
    assert "FROM node:20-bookworm-slim" in (tmp_path / "Dockerfile").read_text()
    assert "--experimental-network-imports, which Node 22 removed: using Node 20" in result.out + result.err

    other = write_tree(tmp_path / "again", files).root
    result = run_cli("init", "--yes", other, env={"SCAFFOLD_NODE_IMAGES": "22"})
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "server.mjs" in lines[0] and "which Node 22 removed (this image has Node 22)" in lines[0]
    assert "import them by name" in lines[0]
    assert not (other / "Dockerfile").exists()


# npm 6's lockfile v1: a dependency's own native dependency, hoisted or nested under it, and dev-only ones.
V1_LOCK = {
    "name": "demo",
    "lockfileVersion": 1,
    "requires": True,
    "dependencies": {
        "connect-sqlite3": {"version": "0.9.13", "requires": {"sqlite3": "^5.0.0"}},
        "sqlite3": {"version": "5.1.7"},
        "node-canvas-renderer": {
            "version": "1.0.0",
            "dependencies": {"canvas": {"version": "2.11.2"}},  # nested: not hoisted (a version conflict)
        },
        "jest-environment": {
            "version": "1.0.0",
            "dev": True,
            "dependencies": {"re2": {"version": "1.20.0", "dev": True}},
        },
    },
}


def _detected(files: Tree, tmp_path: Path) -> dict[str, Any]:
    from scaffold.providers.node.detect import NodeProvider

    found = NodeProvider().detect(write_tree(tmp_path, files))
    assert found is not None
    return {f.key: f.value for f in found.facts}


def test_native_packages_only_a_v1_lockfiles_tree_names_get_their_build_and_run_packages(tmp_path: Path) -> None:
    manifest = json.dumps(
        {"name": "demo", "scripts": {"start": "node app.js"}, "dependencies": {"connect-sqlite3": "^0.9"}}
    )
    found = _detected({"package.json": manifest, "package-lock.json": json.dumps(V1_LOCK), "app.js": ""}, tmp_path)
    assert found["native"] is True
    assert "libcairo2-dev" in str(found["native_build_packages"]).split()
    assert "libcairo2" in str(found["native_run_packages"]).split()


def test_locked_packages_of_each_lockfile_kind(tmp_path: Path) -> None:
    from scaffold.providers.node.locked import locked_packages

    v1 = locked_packages(write_tree(tmp_path / "v1", {"package-lock.json": json.dumps(V1_LOCK)}))
    assert {"sqlite3", "canvas", "re2"} <= v1.every and "re2" not in v1.production and "canvas" in v1.production
    v3 = {
        "lockfileVersion": 3,
        "packages": {"": {}, "node_modules/a/node_modules/bcrypt": {}, "node_modules/x": {"dev": True}},
    }
    locked = locked_packages(write_tree(tmp_path / "v3", {"package-lock.json": json.dumps(v3)}))
    assert locked.every == {"bcrypt", "x"} and locked.production == {"bcrypt"}
    yarn = '"@scope/pkg@^1.0.0":\n  version "1.0.0"\n\nbcrypt@^5.0.0, bcrypt@^5.1.0:\n  version "5.1.1"\n'
    assert locked_packages(write_tree(tmp_path / "y", {"yarn.lock": yarn})).every == {"@scope/pkg", "bcrypt"}
    berry = '"bcrypt@npm:^5.1.0":\n  version: 5.1.1\n'
    assert locked_packages(write_tree(tmp_path / "b", {"yarn.lock": berry})).every == {"bcrypt"}
    pnpm = "lockfileVersion: '9.0'\npackages:\n\n  bcrypt@5.1.1:\n    resolution: {}\n  '@img/sharp@0.33.0':\n"
    assert locked_packages(write_tree(tmp_path / "p", {"pnpm-lock.yaml": pnpm})).every == {"bcrypt", "@img/sharp"}
    pnpm6 = "lockfileVersion: 5.4\npackages:\n\n  /bcrypt/5.1.1:\n    resolution: {}\n"
    assert locked_packages(write_tree(tmp_path / "p6", {"pnpm-lock.yaml": pnpm6})).every == {"bcrypt"}
    assert locked_packages(write_tree(tmp_path / "none", {"package-lock.json": "[1, 2"})).every == frozenset()


CRA_SCRIPTS = {"start": "react-scripts start", "build": "react-scripts build"}


@pytest.mark.parametrize(
    ("deps", "lock", "env"),
    [
        # create-react-app 4: react-scripts 4.0.3 locks webpack 4.44.2 (npm 6's lockfile v1, hoisted)
        ({"react-scripts": "4.0.3"}, {"lockfileVersion": 1, "dependencies": {"webpack": {"version": "4.44.2"}}}, True),
        ({"react-scripts": "^4.0.3"}, None, True),  # no lockfile: the range's lowest major
        (
            {"@vue/cli-service": "~4.5.0"},
            {"lockfileVersion": 2, "packages": {"node_modules/webpack": {"version": "4.46.0"}}},
            True,
        ),
        (
            {"webpack": "^4.47.0"},
            {"lockfileVersion": 3, "packages": {"node_modules/webpack": {"version": "4.47.0"}}},
            False,
        ),
        (
            {"react-scripts": "5.0.1"},
            {"lockfileVersion": 3, "packages": {"node_modules/webpack": {"version": "5.94.0"}}},
            False,
        ),
    ],
)
def test_an_md4_bundler_builds_with_openssls_legacy_provider(
    tmp_path: Path, deps: dict[str, str], lock: dict[str, Any] | None, env: bool
) -> None:
    files: Tree = {"package.json": json.dumps({"name": "demo", "dependencies": deps, "scripts": CRA_SCRIPTS})}
    if lock is not None:
        files["package-lock.json"] = json.dumps(lock)
    found = _detected(files, tmp_path)
    assert (found.get("build_env") == "NODE_OPTIONS=--openssl-legacy-provider") is env


def test_the_legacy_provider_joins_a_frameworks_own_build_env_and_only_for_a_build(tmp_path: Path) -> None:
    lock = json.dumps({"lockfileVersion": 1, "dependencies": {"webpack": {"version": "4.44.2"}}})
    no_build = json.dumps({"name": "demo", "dependencies": {"webpack": "4"}, "scripts": {"start": "node server.js"}})
    found = _detected({"package.json": no_build, "package-lock.json": lock, "server.js": ""}, tmp_path / "a")
    assert "build_env" not in found or not found["build_env"]
    result = run_cli(
        "init",
        "--yes",
        write_tree(
            tmp_path / "b",
            {
                "package.json": json.dumps(
                    {"name": "demo", "dependencies": {"react-scripts": "4.0.3"}, "scripts": CRA_SCRIPTS}
                ),
                "package-lock.json": lock,
                "public/index.html": "<div id=root></div>",
                "src/index.js": "",
            },
        ).root,
    )
    assert result.code == 0, result.err
    assert "webpack 4.44.2 (package-lock.json) hashes with MD4" in result.out + result.err
    dockerfile = (tmp_path / "b" / "Dockerfile").read_text()
    assert "ENV NODE_OPTIONS=--openssl-legacy-provider\nRUN npm run build" in dockerfile


@pytest.mark.parametrize(
    ("test", "dev", "lock", "runs"),
    [
        ("lab -v", {}, None, False),  # hapi's tutorial: @hapi/lab installed globally where it was written
        ("NODE_ENV=test mocha --exit", {}, None, False),
        ("mocha --exit && eslint .", {"mocha": "10"}, None, True),
        ("jest", {"jest-cli": "29"}, None, True),  # jest-cli installs the jest bin too
        ("jest", {"ts-jest": "29"}, {"lockfileVersion": 3, "packages": {"node_modules/jest": {}}}, True),
        ("node --test", {}, None, True),  # node's own runner
    ],
)
def test_a_test_runner_no_dependency_installs_gets_no_test_stage(
    tmp_path: Path, test: str, dev: dict[str, str], lock: dict[str, Any] | None, runs: bool
) -> None:
    manifest = {"name": "demo", "scripts": {"start": "node index.js", "test": test}, "devDependencies": dev}
    files: Tree = {"package.json": json.dumps(manifest), "index.js": "", "test/app.test.js": ""}
    if lock is not None:
        files["package-lock.json"] = json.dumps(lock)
    assert _detected(files, tmp_path)["test"] is runs


@pytest.mark.parametrize(
    ("start", "dev", "tsconfig", "ships"),
    [
        # 2022-era ESM TypeScript: ts-node in dependencies, its types in devDependencies (TSError at start)
        ("node --loader ts-node/esm src/index.ts", {"@types/express": "4"}, {}, True),
        ("ts-node src/index.ts", {"typescript": "5"}, {}, True),
        ("ts-node --transpile-only src/index.ts", {"typescript": "5"}, {}, False),
        (
            "node --loader ts-node/esm src/index.ts",
            {"@types/express": "4"},
            {"ts-node": {"transpileOnly": True}},
            False,
        ),
        ("ts-node src/index.ts", {"prettier": "3"}, {}, False),  # nothing it checks against is left out
    ],
)
def test_ts_node_type_checking_at_start_ships_the_types_it_checks_against(
    tmp_path: Path, start: str, dev: dict[str, str], tsconfig: dict[str, Any], ships: bool
) -> None:
    deps = {"express": "4", "ts-node": "10", **({"typescript": "5"} if "typescript" not in dev else {})}
    manifest = {"name": "demo", "scripts": {"start": start}, "dependencies": deps, "devDependencies": dev}
    files: Tree = {"package.json": json.dumps(manifest), "tsconfig.json": json.dumps(tsconfig), "src/index.ts": ""}
    assert bool(_detected(files, tmp_path).get("ship_all_deps")) is ships


def test_verifys_dev_deps_check_accepts_the_types_a_type_checking_runner_needs() -> None:
    from scaffold.verify.image_checks import _dev_runner

    dev = {"node_modules/@types/express", "node_modules/nodemon"}
    config = {"Config": {"Entrypoint": ["/usr/bin/tini", "--", "node"], "Cmd": ["--loader", "ts-node/esm", "a.ts"]}}
    assert _dev_runner(config, dev) == "ts-node"
    config["Config"]["Cmd"] = ["--loader", "ts-node/esm/transpile-only", "a.ts"]
    assert _dev_runner(config, dev) == ""
    assert _dev_runner({"Cmd": ["node", "server.js"]}, dev) == ""


@pytest.mark.parametrize(
    ("test", "dev", "runs", "env"),
    [
        ("react-scripts test", {}, True, "CI=true"),  # create-react-app: jest in watch mode unless CI
        ("craco test --coverage", {}, True, "CI=true"),
        ("react-scripts test --watchAll=false", {}, True, ""),
        ("ng test", {"karma": "6"}, False, ""),  # `ng new`: Karma launches Chrome
        ("ng test", {"vitest": "3"}, True, ""),  # Angular's vitest builder: no browser
        ("playwright test", {"@playwright/test": "1"}, False, ""),
    ],
)
def test_test_scripts_that_watch_or_need_a_browser(
    tmp_path: Path, test: str, dev: dict[str, str], runs: bool, env: str
) -> None:
    manifest = {"name": "demo", "scripts": {"start": "node index.js", "test": test}, "devDependencies": dev}
    files: Tree = {"package.json": json.dumps(manifest), "index.js": "", "src/App.test.js": ""}
    found = _detected(files, tmp_path)
    assert found["test"] is runs
    assert found.get("test_env", "") == env


def test_the_test_stage_runs_a_watching_test_script_with_ci_set(tmp_path: Path) -> None:
    manifest = {
        "name": "demo",
        "dependencies": {"react-scripts": "5.0.1"},
        "scripts": {**CRA_SCRIPTS, "test": "react-scripts test"},
    }
    files: Tree = {
        "package.json": json.dumps(manifest),
        "package-lock.json": "{}",
        "public/index.html": "",
        "src/index.js": "",
        "src/App.test.js": "",  # create-react-app's own
    }
    result = run_cli("init", "--yes", write_tree(tmp_path, files).root)
    assert result.code == 0, result.err
    assert "FROM build AS test\nRUN CI=true npm run test\n" in (tmp_path / "Dockerfile").read_text()


def test_bcrypt_3_from_an_npm_6_lock_builds_against_a_newer_nan(tmp_path: Path) -> None:
    # 2019 Express auth tutorials: bcrypt 3.0.x compiles through the nan 2.14.0 it locks, which Node 20's V8 no
    # longer builds; with nan 2.22.2 in its place it does (built and run on the engine: tests/examples/node-nan)
    lock = {"lockfileVersion": 1, "dependencies": {"bcrypt": {"version": "3.0.8"}, "nan": {"version": "2.14.0"}}}
    manifest = {"name": "demo", "scripts": {"start": "node app.js"}, "dependencies": {"bcrypt": "^3.0.6"}}
    files: Tree = {"package.json": json.dumps(manifest), "package-lock.json": json.dumps(lock), "app.js": ""}
    result = run_cli("init", "--yes", write_tree(tmp_path, files).root)
    assert result.code == 0, result.err
    assert "package-lock.json pins nan 2.14.0" in result.out + result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "npm ci --omit=dev --ignore-scripts" in dockerfile and "    npm ci --ignore-scripts\n" in dockerfile
    assert dockerfile.count("--no-audit --no-fund nan@2.22.2") == 2  # the build and deps stages
    assert dockerfile.count("&& npm rebuild") == 2


def test_better_sqlite3_8_builds_on_node_20(tmp_path: Path) -> None:
    # `typeorm init --database better-sqlite3` writes better-sqlite3 ^8.7.0, which does not compile on Node 22
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/better-sqlite3": {"version": "8.7.0"}}}
    manifest = {"name": "demo", "scripts": {"start": "node app.js"}, "dependencies": {"better-sqlite3": "^8.7.0"}}
    files: Tree = {"package.json": json.dumps(manifest), "package-lock.json": json.dumps(lock), "app.js": ""}
    assert _detected(files, tmp_path)["node_version"] == "20"


@pytest.mark.parametrize(("version", "named"), [("4.2.0", True), ("5.1.7", False)])
def test_sqlite3_4s_build_gets_python_named_python(tmp_path: Path, version: str, named: bool) -> None:
    # sqlite3 4.x's gyp action runs `python`, which Debian 12 does not name (Error 127 at `npm ci`)
    lock = {"lockfileVersion": 1, "dependencies": {"sqlite3": {"version": version}}}
    manifest = {"name": "demo", "scripts": {"start": "node app.js"}, "dependencies": {"sqlite3": "^4.0.0"}}
    files: Tree = {"package.json": json.dumps(manifest), "package-lock.json": json.dumps(lock), "app.js": ""}
    found = _detected(files, tmp_path)
    assert found["native"] is True
    assert ("python-is-python3" in str(found["native_build_packages"]).split()) is named


@pytest.mark.parametrize(
    ("test", "files", "runs"),
    [
        ("react-scripts test", {}, False),  # App.test.js deleted: jest exits 1, "No tests found"
        ("react-scripts test", {"src/App.test.js": ""}, True),
        ("react-scripts test --passWithNoTests", {}, True),
        ("vitest run", {"src/lib/sum.spec.ts": ""}, True),
        ("vitest run", {}, False),
        ("mocha", {"test/routes.js": ""}, True),  # mocha's default folder
        ("node --test", {}, True),  # node's own runner passes with none
    ],
)
def test_a_runner_that_fails_without_tests_runs_only_where_there_are_some(
    tmp_path: Path, test: str, files: Tree, runs: bool
) -> None:
    dev = {"react-scripts": "5.0.1", "vitest": "3", "mocha": "10"}
    manifest = {"name": "demo", "scripts": {"start": "node index.js", "test": test}, "devDependencies": dev}
    found = _detected({"package.json": json.dumps(manifest), "index.js": "", **files}, tmp_path)
    assert found["test"] is runs
    assert (found.get("test_skipped") == "none") is not runs
