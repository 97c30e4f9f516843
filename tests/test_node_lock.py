"""Dev-only packages from every Node example's lockfile: npm's `dev` flags, pnpm/yarn/bun graphs walked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.verify import devdeps, node_lock
from tests.conftest import EXAMPLES, write_tree

NODE_EXAMPLES = sorted(p for p in EXAMPLES.glob("node-*/") if (p / "package.json").is_file())
LOCKS = ("package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock")


def dev_names(project: Path) -> set[str]:
    keys = devdeps.npm_dev_packages(project)
    return {k.rsplit("node_modules/", 1)[1] for k in keys} | node_lock.dev_only_names(project)


@pytest.mark.parametrize("project", NODE_EXAMPLES, ids=lambda p: p.name)
def test_every_example_lock_splits_dev_from_production(project: Path) -> None:
    manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
    dev = dev_names(project)
    production = set(manifest.get("dependencies") or {})
    assert not dev & production, f"production dependencies reported dev-only: {sorted(dev & production)}"
    only_dev = set(manifest.get("devDependencies") or {}) - production
    if only_dev and any((project / lock).is_file() for lock in LOCKS):
        # Each lock format yields the dev-only part of the graph (npm's devOptional peers stay out of it).
        assert dev, f"{project.name}: devDependencies {sorted(only_dev)} but nothing dev-only found in the lock"


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        ("node-pnpm", {"prettier"}),
        ("node-pnpm-workspaces", {"@types/ms", "typescript"}),
        ("node-yarn-berry", {"prettier"}),
        ("node-yarn3", {"prettier"}),
        ("node-yarn-workspaces", {"@types/ms", "typescript"}),
        ("node-typescript", {"@types/ms", "@types/node", "typescript", "undici-types"}),
        ("node-bun", {"prettier"}),
        ("node-yarn-engines", set()),
    ],
)
def test_dev_only_names_per_lock_format(example: str, expected: set[str]) -> None:
    assert node_lock.dev_only_names(EXAMPLES / example) == expected


def test_a_package_both_graphs_reach_is_production(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "package.json": json.dumps({"dependencies": {"a": "^1"}, "devDependencies": {"b": "^1"}}),
            "yarn.lock": (
                '# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n  dependencies:\n    ms "^2"\n\n'
                'b@^1:\n  version "1.0.0"\n  dependencies:\n    ms "^2.1"\n    c "1"\n\n'
                'ms@^2, ms@^2.1:\n  version "2.1.3"\n\nc@1:\n  version "1.0.0"\n'
            ),
        },
    )
    assert node_lock.dev_only_names(tmp_path) == {"b", "c"}


def test_names_in_image_finds_hoisted_nested_and_pnpm_store_copies() -> None:
    files = [
        "/app/node_modules/express/package.json",
        "/app/node_modules/@types/ms/package.json",
        "/app/node_modules/.pnpm/prettier@3.10.1/node_modules/prettier/package.json",
        "/app/node_modules/express/node_modules/typescript/package.json",
        "/app/node_modules/express/lib/package.json",
        # npm's own dependencies in the node image, named like a devDependency's (nodemon's abbrev): not the app's
        "/usr/local/lib/node_modules/npm/node_modules/abbrev/package.json",
    ]
    found = node_lock.names_in_image({"prettier", "@types/ms", "typescript", "lib", "abbrev"}, files)
    assert found == [
        "/app/node_modules/.pnpm/prettier@3.10.1/node_modules/prettier",
        "/app/node_modules/@types/ms",
        "/app/node_modules/express/node_modules/typescript",
    ]


def test_an_unreadable_lock_reports_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path, {"package.json": "{}", "pnpm-lock.yaml": "importers: [\n"})
    assert node_lock.dev_only_names(tmp_path) == set()
