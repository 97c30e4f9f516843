"""Round 10 shapes: a Storybook-only component library, a webpack build whose config lives in a folder."""

from __future__ import annotations

import json
from pathlib import Path

from scaffold.providers.node.script_refs import commands_of, parallel_server
from tests.test_provider_node_shapes import facts, init, pkg

LIBRARY = pkg(
    main="dist/index.js",
    scripts={"build": "rollup -c", "storybook": "storybook dev -p 6006", "build-storybook": "storybook build"},
    devDependencies={"storybook": "^8", "@storybook/react-vite": "^8", "vite": "^5", "rollup": "^4"},
)


def test_storybook_only_library_serves_its_storybook(tmp_path: Path) -> None:
    got, notes = facts({"package.json": LIBRARY, "src/Button.jsx": ""}, tmp_path)
    assert (got["framework"], got["framework_name"]) == ("spa", "Storybook")
    assert (got["build_script"], got["build_output"]) == ("build-storybook", "storybook-static")
    assert "the site is its Storybook" in notes
    assert 'with no "build" script' not in notes  # it has one: the library's bundle


def test_storybook_output_dir_flag(tmp_path: Path) -> None:
    manifest = json.loads(LIBRARY)
    manifest["scripts"]["build-storybook"] = "storybook build --output-dir ./docs-build"
    got, _ = facts({"package.json": json.dumps(manifest), "src/Button.jsx": ""}, tmp_path)
    assert got["build_output"] == "docs-build"


def test_storybook_beside_an_app_page_is_the_app(tmp_path: Path) -> None:
    got, _ = facts({"package.json": LIBRARY, "index.html": ""}, tmp_path)
    assert got.get("framework_name") != "Storybook"


def test_storybook_beside_a_server_is_the_server(tmp_path: Path) -> None:
    manifest = json.loads(LIBRARY) | {"dependencies": {"express": "^4"}}
    manifest["scripts"]["start"] = "node server.js"
    got, _ = facts({"package.json": json.dumps(manifest), "server.js": "app.listen(3000)\n"}, tmp_path)
    assert got["framework"] == "node"


def test_storybook_dockerfile_builds_the_storybook(tmp_path: Path) -> None:
    dockerfile, _ = init(tmp_path, {"package.json": LIBRARY, "src/Button.jsx": ""})
    assert "RUN npm run build-storybook\n" in dockerfile
    assert "COPY --from=build /app/storybook-static /usr/share/nginx/html\n" in dockerfile


WEBPACK = pkg(
    scripts={
        "start": "webpack serve --config webpack/webpack.config.dev.js",
        "build": "webpack --config webpack/webpack.config.prod.js",
    },
    devDependencies={"webpack": "^5", "webpack-cli": "^5", "html-webpack-plugin": "^5"},
)
COMMON = "module.exports = {\n  output: { path: Path.join(__dirname, '../build'), filename: 'js/[name].js' },\n};\n"


def test_webpack_output_in_a_config_folder_is_relative_to_it(tmp_path: Path) -> None:
    files = {
        "package.json": WEBPACK,
        "src/index.html": "",
        "webpack/webpack.config.prod.js": "const common = require('./webpack.common.js');\n",
        "webpack/webpack.common.js": COMMON,
    }
    got, _ = facts(files, tmp_path)
    assert got["build_output"] == "build"


def test_webpack_output_leaving_the_project_is_ignored(tmp_path: Path) -> None:
    files = {"package.json": WEBPACK, "src/index.html": "", "webpack.config.js": COMMON}
    got, _ = facts(files, tmp_path)
    assert got["build_output"] == "dist"


EMBER = pkg(
    scripts={
        "build": "ember build --environment=production",
        "start": "ember serve",
        "lint": 'concurrently "npm:lint:*(!fix)" --names "lint:"',
        "lint:js": "eslint . --cache",
        "test": 'concurrently "npm:lint" "npm:test:*" --names "lint,test:"',
        "test:ember": "ember test",
    },
    devDependencies={"ember-cli": "~5.4.1", "ember-source": "~5.4.0", "concurrently": "^8"},
)


def test_ember_app_is_a_static_site_from_dist(tmp_path: Path) -> None:
    got, notes = facts({"package.json": EMBER, "app/index.html": "", "ember-cli-build.js": ""}, tmp_path)
    assert (got["framework"], got["framework_name"], got["build_output"]) == ("spa", "Ember", "dist")
    # `test` runs test:ember through concurrently: testem launches Chrome, which the image has not
    assert got["test_skipped"] == "browser"
    assert "`ember test`" in notes


def test_ember_root_url_is_the_site_base(tmp_path: Path) -> None:
    files = {
        "package.json": EMBER,
        "app/index.html": "",
        "config/environment.js": "module.exports = function (environment) {\n"
        "  return { modulePrefix: 'shop', rootURL: '/shop/', locationType: 'history' };\n};\n",
    }
    got, _ = facts(files, tmp_path)
    assert got["site_base"] == "shop"


def test_script_references_expand_one_level() -> None:
    scripts = {"test": "run-p lint test:*", "lint": "eslint .", "test:unit": "vitest run", "test:e2e": "cypress run"}
    assert commands_of(scripts["test"], scripts) == [scripts["test"], "eslint .", "vitest run", "cypress run"]
    assert commands_of('concurrently "npm:lint:*(!fix)"', {"lint:js": "eslint", "lint:fix": "x"}) == [
        'concurrently "npm:lint:*(!fix)"',
        "eslint",
        "x",
    ]
    assert commands_of("jest 'unterminated", scripts) == ["jest 'unterminated"]


SERVER = {
    "dependencies": {"express": "^4", "concurrently": "^8"},
    "main": "server.js",
}
CLIENT = pkg(scripts={"build": "react-scripts build"}, dependencies={"react-scripts": "5.0.1"})


def server_with(scripts: dict[str, str], **files: str) -> dict[str, str]:
    tree = {
        "package.json": pkg(scripts={"start": "node server.js", **scripts}, **SERVER),
        "server.js": "require('express')().listen(process.env.PORT || 5000)\n",
        "client/package.json": CLIENT,
        "client/public/index.html": "",
    }
    return {**tree, **files}


def test_client_built_but_installed_by_hand_is_installed_by_the_build(tmp_path: Path) -> None:
    files = server_with(
        {"build": "npm run build --prefix client", "client-install": "npm install --prefix client"},
        **{"client/package-lock.json": "{}"},
    )
    dockerfile, out = init(tmp_path, files)
    assert "RUN npm ci --prefix client\n# hadolint ignore=DL3059\nRUN npm run build\n" in dockerfile
    assert "whose dependencies nothing in the build installs" in out


def test_client_with_yarn_lock_and_none(tmp_path: Path) -> None:
    got, _ = facts(server_with({"build": "cd client && yarn build"}, **{"client/yarn.lock": ""}), tmp_path / "a")
    assert (got["folder_install"], got["folder_lockfile"]) == ("client", "yarn.lock")
    dockerfile, _ = init(tmp_path / "b", server_with({"build": "npm run build --prefix client"}))
    assert "RUN npm install --prefix client\n" in dockerfile


def test_client_installed_by_the_build_or_a_hook_is_not_installed_twice(tmp_path: Path) -> None:
    chained = server_with({"build": "npm install --prefix client && npm run build --prefix client"})
    got, _ = facts(chained, tmp_path / "a")
    assert "folder_install" not in got
    hooked = server_with({"build": "npm run build --prefix client", "postinstall": "cd client && npm install"})
    got, _ = facts(hooked, tmp_path / "b")
    assert "folder_install" not in got


def test_parallel_start_runs_its_server(tmp_path: Path) -> None:
    files = server_with({"build": "npm install --prefix client && npm run build --prefix client"})
    manifest = json.loads(files["package.json"])
    manifest["scripts"] |= {
        "start": 'concurrently "npm run server" "npm run client"',
        "server": "nodemon server.js",
        "client": "npm start --prefix client",
    }
    got, _ = facts({**files, "package.json": json.dumps(manifest)}, tmp_path)
    assert got["start"] == "node server.js"


def test_parallel_server_needs_exactly_one_server() -> None:
    scripts = {"a": "node a.js", "b": "node b.js", "web": "vite"}
    assert parallel_server('concurrently "npm run a" "npm run web"', scripts, ("node",)) == "node a.js"
    assert parallel_server("run-p a web", scripts, ("node",)) == "node a.js"
    assert parallel_server('concurrently "npm:a" "npm:b"', scripts, ("node",)) == ""
    assert parallel_server("node a.js", scripts, ("node",)) == ""
    assert parallel_server('concurrently "unterminated', scripts, ("node",)) == ""


def test_parcel1_sandbox_with_main_naming_its_page_is_a_static_site(tmp_path: Path) -> None:
    manifest = pkg(
        main="index.html",
        scripts={"start": "parcel index.html --open", "build": "parcel build index.html"},
        devDependencies={"parcel-bundler": "^1.6.1"},
    )
    got, _ = facts({"package.json": manifest, "index.html": "", "src/index.js": ""}, tmp_path)
    assert (got["framework"], got["build_output"]) == ("spa", "dist")
