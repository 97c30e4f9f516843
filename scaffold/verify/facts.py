"""What verify needs to know from the Dockerfile, read with BuildKit's own parser."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import InputError

TRACER = "@vercel/nft"
"""Vercel's node-file-trace, which lists the files a server entry loads (scaffold's traced Node images use it)."""


@dataclass(frozen=True)
class Facts:
    stages: tuple[str, ...]  # stage names, in order ("" for an unnamed stage)
    final_base: str  # the image the last stage starts from ("scratch" included)
    traced: bool = False  # a step traces what the server loads (node-file-trace): its node_modules are those files

    @property
    def has_test_stage(self) -> bool:
        return "test" in self.stages


def read(path: Path, stage: str = "") -> Facts:
    """Parse the Dockerfile; an InputError (exit 2) when it cannot be read, GoParseError when it does not parse.
    With a `stage` (what `docker build --target` builds), `final_base` is that stage's image."""
    import dockerfile

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read ({exc})") from None
    stages: list[str] = []
    images: list[str] = []
    bases: dict[str, str] = {}
    traced = False
    for cmd in dockerfile.parse_string(text):
        traced = traced or (cmd.cmd == "RUN" and any(TRACER in word for word in cmd.value))
        if cmd.cmd == "FROM":
            words = [w for w in cmd.value if not w.startswith("--")]
            image = bases.get(words[0].lower(), words[0]) if words else ""
            name = words[2].lower() if len(words) >= 3 and words[1].upper() == "AS" else ""
            if name:
                bases[name] = image
            stages.append(name)
            images.append(image)
    chosen = stages.index(stage.lower()) if stage and stage.lower() in stages else len(images) - 1
    return Facts(tuple(stages), images[chosen] if images else "", traced)
