"""No secret file of scaffold/catalogue/secrets.toml reaches any layer of any stage, in each language; and
verify's layer scan names every one of them in an image that copies them all.

The whole catalogue (tests/secret_samples.py: a file or more per entry, with fake content) is planted in a
copy of one example per language; after `scaffold init --yes` every `FROM … AS name` stage is built as its
own target (the test stage too), saved with `docker save`, and every layer above the stage's base image is
read: no planted path may be in any of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dockerfile
import pytest

from scaffold.verify import secrets
from scaffold.verify.layers import Image, read_saved
from tests.conftest import EXAMPLES, run_cli
from tests.e2e.engine import Engine
from tests.secret_samples import HARMLESS, TOKENED_YARNRC, plant

pytestmark = pytest.mark.docker

PREFIX = "h-secrets-"
"""Every image these tests build is tagged with this prefix and removed."""


def stages(path: Path) -> list[tuple[str, str]]:
    """Each stage of a Dockerfile: (its name, the image or stage it starts FROM)."""
    out = []
    for cmd in dockerfile.parse_file(str(path)):
        if cmd.cmd.upper() == "FROM":
            words = [w for w in cmd.value if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else ""
            out.append((name, words[0]))
    return out


def base_layers(engine: Engine, source: str, chain: dict[str, str]) -> int:
    """How many layers a stage's root image has (following FROM <earlier stage> to an image)."""
    while source in chain:
        source = chain[source]
    return len(engine.inspect(source)["RootFS"]["Layers"])


def saved(engine: Engine, image: str, base: int, tmp: Path) -> Image:
    archive = tmp / (image.replace("/", "_").replace(":", "_") + ".tar")
    engine.run_cmd("save", "-o", str(archive), image)
    try:
        return read_saved(archive, base)
    finally:
        archive.unlink()


def leaked(image: Image, planted: dict[str, str]) -> list[str]:
    """Paths in the layers above the base that end in a planted file's path (or lie under a planted dir)."""
    found = []
    for layer in image.added:
        for path in layer.entries:
            if any(path.endswith("/" + rel) for rel in HARMLESS):
                continue  # web/.npmrc (no token) is meant to be there; it only ends like the planted .npmrc
            if any(path.endswith("/" + rel) for rel in planted):
                found.append(f"{path} (layer {layer.index + 1}: {layer.created_by[:80]})")
    return found


@pytest.mark.parametrize("example", ["go-http", "node-express", "python-flask", "node-yarn-berry"])
def test_no_catalogue_secret_reaches_any_layer_of_any_stage(example: str, engine: Engine, tmp_path: Path) -> None:
    project = tmp_path / example
    shutil.copytree(EXAMPLES / example, project)
    planted = plant(project)
    if example == "node-yarn-berry":
        # yarn 4 reads its settings (yarnPath, nodeLinker) from .yarnrc.yml: with a token in it, the file
        # reaches each yarn step as a build secret and the image still builds.
        with (project / ".yarnrc.yml").open("a", encoding="utf-8") as fh:
            fh.write(TOKENED_YARNRC)
        planted[".yarnrc.yml"] = TOKENED_YARNRC
    result = run_cli("init", "--yes", project)
    assert result.code == 0, result.err

    every = stages(project / "Dockerfile")
    chain = {name: source for name, source in every if name}
    assert {"build", "test"} <= set(chain), every
    built = []
    try:
        seen_project = False
        for index, (stage, source) in enumerate(every):
            if not stage and index < len(every) - 1:
                continue  # an unnamed stage before the last cannot be built on its own (none is generated)
            image = f"{PREFIX}{example}-{stage or 'final'}:test"
            # The tokened .npmrc (and .yarnrc.yml) reach installs as build secrets, as `make build` passes them.
            given = [
                (n, project / f) for n, f in (("npmrc", ".npmrc"), ("yarnrc", ".yarnrc.yml")) if (project / f).is_file()
            ]
            extra = tuple(a for name, src in given for a in ("--secret", f"id={name},src={src}"))
            engine.build(project, image, target=stage or None, extra=extra)
            built.append(image)
            img = saved(engine, image, base_layers(engine, source, chain), tmp_path)
            assert not leaked(img, planted), f"stage {stage}: {leaked(img, planted)}"
            # Not vacuous: the harmless template beside the secrets does reach stages that copy the project.
            seen_project |= any(p.endswith("/.env.example") for layer in img.added for p in layer.entries)
        assert seen_project or example == "go-http", "no stage copied the project: nothing was checked"
    finally:
        for image in built:
            engine.run_cmd("rmi", "-f", image, check=False)


def test_verify_scan_names_every_planted_file_in_an_image_that_copies_them(engine: Engine, tmp_path: Path) -> None:
    context = tmp_path / "context"
    context.mkdir()
    planted = plant(context, harmless=False)
    (context / "Dockerfile").write_text("FROM debian:bookworm-slim\nCOPY . /app/\n", encoding="utf-8")
    image = f"{PREFIX}copies-everything:test"
    engine.build(context, image)
    try:
        img = saved(engine, image, len(engine.inspect("debian:bookworm-slim")["RootFS"]["Layers"]), tmp_path)
        found = {f.path for f in secrets.scan(img.added)}
        assert {f"/app/{rel}" for rel in planted} <= found, sorted({f"/app/{rel}" for rel in planted} - found)
    finally:
        engine.run_cmd("rmi", "-f", image, check=False)
