"""Node shapes from round 8 of the real-app hunt: nested native versions, skipped test stages, NODE_OPTIONS."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from tests.conftest import run_cli, write_tree

Tree = dict[str, str | bytes]


def _app(tmp_path: Path, manifest: Mapping[str, object], lock: object | None = None, **files: str) -> Path:
    tree: Tree = {"package.json": json.dumps({"name": "demo", **manifest}), "app.js": "", **files}
    if lock is not None:
        tree["package-lock.json"] = json.dumps(lock)
    return write_tree(tmp_path, tree).root


def _cmd(dockerfile: str) -> list[str]:
    line = [x for x in dockerfile.splitlines() if x.startswith("CMD [")][-1]  # the final stage's
    words: list[str] = json.loads(line.removeprefix("CMD "))
    return words


def test_a_nested_bcrypt_2_in_a_v3_lock_is_refused_though_the_top_level_one_is_5(tmp_path: Path) -> None:
    # an old auth helper keeps its own bcrypt 3 under node_modules/<helper>/node_modules: npm builds that one too
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {},
            "node_modules/bcrypt": {"version": "5.1.1"},
            "node_modules/old-auth/node_modules/bcrypt": {"version": "2.0.1"},
        },
    }
    deps = {"bcrypt": "^5.1.1", "old-auth": "^1.0.0"}
    root = _app(tmp_path, {"scripts": {"start": "node app.js"}, "dependencies": deps}, lock)
    result = run_cli("init", "--yes", root)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "bcrypt 2.0.1 builds only on Node 11 or older" in lines[0]


def test_a_nested_node_sass_in_an_npm_6_tree_picks_its_node_major(tmp_path: Path) -> None:
    # lockfile v1 nests a dependency's own copy under its `dependencies`; node-sass 9 builds up to Node 20
    lock = {
        "lockfileVersion": 1,
        "dependencies": {
            "sass-middleware": {"version": "1.0.0", "dependencies": {"node-sass": {"version": "9.0.0"}}},
        },
    }
    root = _app(tmp_path, {"scripts": {"start": "node app.js"}, "dependencies": {"sass-middleware": "1"}}, lock)
    result = run_cli("init", "--yes", root)
    assert result.code == 0, result.err
    assert "node-sass 9.0.0 builds only on Node 20 or older" in result.out + result.err
    assert "FROM node:20-" in (root / "Dockerfile").read_text()


def test_a_nested_copy_in_yarn_lock_counts_at_its_oldest_version(tmp_path: Path) -> None:
    yarn = 'bcrypt@^5.0.0:\n  version "5.1.1"\n\nbcrypt@^2.0.0:\n  version "2.0.1"\n'
    manifest = {"scripts": {"start": "node app.js"}, "dependencies": {"bcrypt": "^5.0.0"}}
    root = write_tree(tmp_path, {"package.json": json.dumps({"name": "d", **manifest}), "yarn.lock": yarn}).root
    result = run_cli("init", "--yes", root)
    assert result.code == 2 and "bcrypt 2.0.1 builds only on Node 11" in result.err


def test_a_browser_test_script_says_so_in_the_test_stage(tmp_path: Path) -> None:
    manifest = {
        "scripts": {"start": "node app.js", "test": "karma start --single-run"},
        "dependencies": {"express": "4"},
        "devDependencies": {"karma": "6"},
    }
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "has no test script" not in dockerfile
    assert 'RUN echo "the test script launches a browser the image has not' in dockerfile


def test_a_test_runner_nobody_installs_says_so_in_the_test_stage(tmp_path: Path) -> None:
    manifest = {"scripts": {"start": "node app.js", "test": "mocha"}, "dependencies": {"express": "4"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert 'RUN echo "the test script runs a test runner no dependency installs' in dockerfile


def test_node_options_in_the_start_script_become_node_flags(tmp_path: Path) -> None:
    # Render/Heroku tutorials: `NODE_OPTIONS='--max-old-space-size=460 -r dotenv/config' node server.js`
    start = "NODE_OPTIONS='--max-old-space-size=460 -r dotenv/config' node app.js"
    manifest = {"scripts": {"start": start}, "dependencies": {"express": "4", "dotenv": "16"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    assert _cmd((tmp_path / "Dockerfile").read_text()) == ["--max-old-space-size=460", "-r", "dotenv/config", "app.js"]


def test_node_options_through_cross_env_become_node_flags_too(tmp_path: Path) -> None:
    start = "cross-env NODE_OPTIONS=--max-old-space-size=460 NODE_ENV=production node app.js"
    manifest = {"scripts": {"start": start}, "dependencies": {"express": "4", "cross-env": "7"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    assert _cmd((tmp_path / "Dockerfile").read_text()) == ["--max-old-space-size=460", "app.js"]


def test_native_deps_prune_node_gyp_objects_from_the_shipped_node_modules(tmp_path: Path) -> None:
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sqlite3": {"version": "5.1.7"}}}
    manifest = {"scripts": {"start": "node app.js"}, "dependencies": {"sqlite3": "^5.1.7"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, lock))
    assert result.code == 0, result.err
    deps = (tmp_path / "Dockerfile").read_text().split("FROM base AS deps", 1)[1].split("FROM ", 1)[0]
    assert "-path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune" in deps


def test_a_blocked_sharp_libvips_download_names_the_upgrade() -> None:
    """Logged on the engine for sharp 0.32.6 (npm ci, no route to GitHub): the entry ahead of download-blocked."""
    from scaffold.verify import diagnose
    from tests.test_diagnose import NPM_OFFLINE, SHARP_OFFLINE

    ids = [s.id for s in diagnose.signatures()]
    assert ids.index("sharp-libvips-download-blocked") < ids.index("download-blocked")
    found = diagnose.match("build", SHARP_OFFLINE, "node", None, {})
    assert found is not None and found.id == "sharp-libvips-download-blocked"
    assert "libvips 8.14.5 from GitHub" in found.cause and "upgrade sharp to 0.33" in found.advice
    other = diagnose.match("build", NPM_OFFLINE, "node", None, {})
    assert other is not None and other.id == "download-blocked"


def test_an_npm_start_image_turns_off_npm_s_update_notice(tmp_path: Path) -> None:
    # `sequelize db:migrate && node app.js`: the image runs npm start, whose notice ended the app's log
    manifest = {"scripts": {"start": "sequelize db:migrate && node app.js"}, "dependencies": {"sequelize-cli": "6"}}
    listen = "require('http').createServer().listen(process.env.PORT || 3000)\n"
    lock = {"lockfileVersion": 3, "packages": {"": {}}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, lock, **{"app.js": listen}))
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert "ENV NODE_ENV=production PORT=3000 NPM_CONFIG_UPDATE_NOTIFIER=false\n" in dockerfile
    assert 'ENTRYPOINT ["/usr/bin/tini", "--", "npm"]' in dockerfile


def test_an_electron_app_is_refused_in_one_line(tmp_path: Path) -> None:
    # electron-quick-start: main.js opens a BrowserWindow on index.html; it was served by nginx as a static site
    manifest = {"main": "main.js", "scripts": {"start": "electron ."}, "devDependencies": {"electron": "^28.0.0"}}
    root = _app(tmp_path, manifest, None, **{"main.js": "require('electron')\n", "index.html": "<h1>hi</h1>\n"})
    result = run_cli("init", "--yes", root)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "scripts.start runs electron (Electron): a desktop or mobile app" in lines[0]


def test_a_web_app_with_an_electron_shell_script_is_not_refused(tmp_path: Path) -> None:
    manifest = {
        "scripts": {"start": "node app.js", "electron": "electron ."},
        "dependencies": {"express": "4"},
        "devDependencies": {"electron": "28"},
    }
    assert run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}})).code == 0


def test_a_feathers_app_listens_on_the_port_of_its_config(tmp_path: Path) -> None:
    # feathers generate app: lib/index.js listens on app.get('port'), from config/default.json (node-config)
    manifest = {"main": "lib/index", "scripts": {"start": "node lib/"}, "dependencies": {"@feathersjs/express": "5"}}
    files = {
        "lib/index.js": "const app = require('./app')\nconst port = app.get('port')\napp.listen(port)\n",
        "lib/app.js": "module.exports = require('@feathersjs/express')()\n",
        "config/default.json": '{"host": "localhost", "port": 3030}',
        "config/production.json": '{"port": "PORT"}',
    }
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}, **files))
    assert result.code == 0, result.err
    assert "ENV NODE_ENV=production PORT=3030\n" in (tmp_path / "Dockerfile").read_text()


NUXT2 = {"dev": "nuxt", "build": "nuxt build", "start": "nuxt start", "generate": "nuxt generate"}


def test_nuxt_2_serves_its_nuxt_folder_with_nuxt_start_on_all_interfaces(tmp_path: Path) -> None:
    # create-nuxt-app 3 (Nuxt 2.15): `nuxt build` writes .nuxt/, there is no Nitro .output/
    manifest = {"scripts": NUXT2, "dependencies": {"nuxt": "^2.15.8", "vue": "^2.7.10"}}
    files = {"nuxt.config.js": "export default { head: { title: 'x' } }\n", "static/favicon.ico": "", "pages/a.vue": ""}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}, **files))
    assert result.code == 0, result.err
    dockerfile = (tmp_path / "Dockerfile").read_text()
    assert ".output" not in dockerfile
    assert "COPY --from=build /app/.nuxt ./.nuxt\n" in dockerfile
    assert "COPY --from=build /app/static ./static\n" in dockerfile
    assert _cmd(dockerfile) == ["node_modules/nuxt/bin/nuxt.js", "start"]
    assert "HOST=0.0.0.0 NUXT_HOST=0.0.0.0" in dockerfile


def test_nuxt_2_generate_is_a_static_dist(tmp_path: Path) -> None:
    manifest = {"scripts": {**NUXT2, "build": "nuxt generate"}, "dependencies": {"nuxt": "2.17.3"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    assert "COPY --from=build /app/dist " in (tmp_path / "Dockerfile").read_text()


def test_nuxt_3_still_starts_nitro_output(tmp_path: Path) -> None:
    manifest = {"scripts": {"build": "nuxt build"}, "dependencies": {"nuxt": "^3.12.0"}}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert result.code == 0, result.err
    assert _cmd((tmp_path / "Dockerfile").read_text()) == [".output/server/index.mjs"]


def test_a_redwood_project_is_refused_with_its_own_docker_setup(tmp_path: Path) -> None:
    # create-redwood-app: a yarn workspace of api/ and web/ sides that its CLI builds and serves together
    workspaces = {"packages": ["api", "web"]}
    manifest = {"private": True, "workspaces": workspaces, "devDependencies": {"@redwoodjs/core": "8"}}
    files = {"api/package.json": '{"name": "api"}', "web/package.json": '{"name": "web"}', "redwood.toml": ""}
    result = run_cli("init", "--yes", _app(tmp_path, manifest, None, **files))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "a RedwoodJS project (@redwoodjs/core)" in lines[0]
    assert "yarn rw setup docker" in lines[0]


def test_a_compound_start_script_running_a_dev_bin_ships_every_dependency(tmp_path: Path) -> None:
    # `prisma migrate deploy && node dist/index.js`, `sequelize db:migrate && node app.js` (sequelize-cli's bin,
    # named in the lock): the CLI is a devDependency a production install leaves out (`sequelize: not found`)
    cli = {"version": "6.6.2", "dev": True, "bin": {"sequelize": "lib/sequelize"}}
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sequelize-cli": cli}}
    start = "sequelize db:migrate && node app.js"
    manifest = {
        "scripts": {"start": start},
        "dependencies": {"sequelize": "6"},
        "devDependencies": {"sequelize-cli": "6"},
    }
    result = run_cli("init", "--yes", _app(tmp_path, manifest, lock))
    assert result.code == 0, result.err
    assert "the start command runs sequelize-cli, a devDependency" in result.out + result.err
    prisma = {"scripts": {"start": "npx prisma migrate deploy && node app.js"}, "devDependencies": {"prisma": "5"}}
    result = run_cli("init", "--yes", _app(tmp_path / "p", prisma, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert "the start command runs prisma, a devDependency" in result.out + result.err
    plain = {"scripts": {"start": "npm run migrate && node app.js"}, "devDependencies": {"npm-run-all": "4"}}
    result = run_cli("init", "--yes", _app(tmp_path / "n", plain, {"lockfileVersion": 3, "packages": {"": {}}}))
    assert "a devDependency" not in result.out + result.err


def test_verify_passes_dev_dependencies_an_npm_start_step_runs(tmp_path: Path) -> None:
    """`npm start` running `sequelize db:migrate && node app.js`: init ships every dependency for sequelize-cli."""
    from scaffold.verify.image_checks import check_dev_deps
    from scaffold.verify.layers import Entry
    from scaffold.verify.model import Status

    cli = {"dev": True, "bin": {"sequelize": "lib/sequelize"}}
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sequelize-cli": cli}}
    manifest = {"scripts": {"start": "sequelize db:migrate && node app.js"}, "devDependencies": {"sequelize-cli": "6"}}
    root = _app(tmp_path, manifest, lock)
    files = ["/app/node_modules/sequelize-cli/package.json"]
    tree = {f: (1, Entry(f, 10, 0o644, True)) for f in files}
    npm_start = {"config": {"Entrypoint": ["/usr/bin/tini", "--", "npm"], "Cmd": ["start"]}}
    row = check_dev_deps(tree, root, npm_start)
    assert row.status is Status.PASS and "runs sequelize-cli from devDependencies" in row.figure
    (root / "package.json").write_text(json.dumps({"name": "d", "scripts": {"start": "node app.js"}}))
    assert check_dev_deps(tree, root, npm_start).status is Status.FAIL


def test_native_objects_are_pruned_in_the_build_stage_when_the_image_ships_its_node_modules(tmp_path: Path) -> None:
    # every dependency ships (a devDependency runs at start): node_modules comes from the build stage's install
    cli = {"dev": True, "bin": {"sequelize": "lib/sequelize"}}
    lock = {"lockfileVersion": 3, "packages": {"": {}, "node_modules/sequelize-cli": cli, "node_modules/sqlite3": {}}}
    manifest = {
        "scripts": {"start": "sequelize db:migrate && node app.js"},
        "dependencies": {"sqlite3": "5"},
        "devDependencies": {"sequelize-cli": "6"},
    }
    result = run_cli("init", "--yes", _app(tmp_path, manifest, lock))
    assert result.code == 0, result.err
    build = (tmp_path / "Dockerfile").read_text().split("FROM base AS build", 1)[1].split("FROM ", 1)[0]
    assert "-name obj -o -name obj.target -o -name .deps \\) -prune" in build
