"""Round 10 shapes: a Storybook-only component library, a webpack build whose config lives in a folder."""

from __future__ import annotations

import json
from pathlib import Path

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
