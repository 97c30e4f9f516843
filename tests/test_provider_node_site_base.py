"""A static site built for a sub-path (GitHub Pages' /<repo>/): nginx serves it there and / redirects to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_provider_node_shapes import Tree, facts, init, pkg

VITE = pkg(scripts={"build": "vite build"}, devDependencies={"vite": "^6"})
CRA = pkg(scripts={"start": "react-scripts start", "build": "react-scripts build"}, dependencies={"react-scripts": "5"})
VUE_CLI = pkg(scripts={"build": "vue-cli-service build"}, devDependencies={"@vue/cli-service": "~5.0.0"})
NG = pkg(scripts={"build": "ng build"}, dependencies={"@angular/core": "^17"}, devDependencies={"@angular/cli": "^17"})


def angular(base_href: str) -> str:
    build = {"options": {"outputPath": "dist/shop"}, "configurations": {"production": {"baseHref": base_href}}}
    return json.dumps({"projects": {"shop": {"architect": {"build": build}}}})


@pytest.mark.parametrize(
    ("files", "base"),
    [
        (
            {"package.json": VITE, "index.html": "", "vite.config.js": "export default { base: '/my-repo/' }\n"},
            "my-repo",
        ),
        (
            {
                "package.json": VITE,
                "index.html": "",
                "vite.config.ts": "export default defineConfig(({ command }) => ({\n"
                "  base: command === 'build' ? '/docs/app/' : '/',\n}))\n",
            },
            "docs/app",
        ),
        ({"package.json": VITE, "index.html": "", "vite.config.js": "export default { base: './' }\n"}, None),
        ({"package.json": VITE, "index.html": "", "vite.config.js": "export default { base: '/' }\n"}, None),
        (
            {
                "package.json": pkg(scripts={"build": "vite build --base=/pages/"}, devDependencies={"vite": "6"}),
                "index.html": "",
            },
            "pages",
        ),
        (
            {"package.json": json.loads(CRA) | {"homepage": "https://me.github.io/todo"}, "public/index.html": ""},
            "todo",
        ),
        ({"package.json": json.loads(CRA) | {"homepage": "."}, "public/index.html": ""}, None),
        ({"package.json": json.loads(CRA) | {"homepage": "https://me.github.io"}, "public/index.html": ""}, None),
        (
            {
                "package.json": json.loads(VUE_CLI),
                "public/index.html": "",
                "vue.config.js": "module.exports = {\n  publicPath: process.env.NODE_ENV === 'production'\n"
                "    ? '/vue-app/'\n    : '/'\n}\n",
            },
            None,  # a ternary over several lines: not read (rare; served at /)
        ),
        (
            {
                "package.json": json.loads(VUE_CLI),
                "public/index.html": "",
                "vue.config.js": "module.exports = {\n"
                "  publicPath: process.env.NODE_ENV === 'production' ? '/vue-app/' : '/'\n}\n",
            },
            "vue-app",
        ),
        ({"package.json": NG, "src/index.html": "", "angular.json": angular("/shop/")}, "shop"),
        ({"package.json": NG, "src/index.html": "", "angular.json": angular("/")}, None),
        ({"package.json": VITE, "index.html": "", "vite.config.js": "export default { base: '/a b;/' }\n"}, None),
    ],
    ids=[
        "vite",
        "vite ternary",
        "vite relative",
        "vite root",
        "vite flag",
        "cra homepage",
        "cra relative",
        "cra root url",
        "vue multi-line",
        "vue ternary",
        "angular",
        "angular root",
        "unsafe",
    ],
)
def test_site_base(tmp_path: Path, files: dict[str, Any], base: str | None) -> None:
    tree: Tree = {k: v if isinstance(v, str) else json.dumps(v) for k, v in files.items()}
    got, notes = facts(tree, tmp_path)
    assert got.get("site_base") == base
    assert ("nginx serves it there" in notes) is (base is not None)


def test_homepage_of_a_non_cra_site_is_its_repo_link(tmp_path: Path) -> None:
    manifest = json.loads(VITE) | {"homepage": "https://github.com/me/site#readme"}
    got, _ = facts({"package.json": json.dumps(manifest), "index.html": ""}, tmp_path)
    assert "site_base" not in got


def test_nginx_serves_the_build_under_its_base(tmp_path: Path) -> None:
    files = {"package.json": VITE, "index.html": "", "vite.config.js": "export default { base: '/my-repo/' }\n"}
    dockerfile, _ = init(tmp_path, files)
    assert "COPY --from=build /app/dist /usr/share/nginx/html/my-repo\n" in dockerfile
    assert "'    location = / { return 302 /my-repo/; }'" in dockerfile
    assert "'    absolute_redirect off;'" in dockerfile  # the Location stays relative: the host's port is not nginx's
    assert "try_files \\$uri \\$uri/ /my-repo/index.html;" in dockerfile
    assert "location /my-repo/assets/" in dockerfile
