"""Apply a team's image policy to rendered files: registry mirror, image overrides and digest pins,
extra OCI labels, extra .dockerignore lines.

Done on the rendered output, not in each template, so every template (built-in or a team's own) gets
it for free and template authors write plain upstream image names.
"""

from __future__ import annotations

import re

from scaffold.config import TeamConfig

# A FROM line: flags, the image, an optional stage name. Dockerfile syntax, not a manifest: a regex is right.
_FROM = re.compile(r"^(?P<lead>\s*FROM\s+(?:--\S+\s+)*)(?P<image>\S+)(?P<rest>.*)$", re.IGNORECASE)
_COPY_FROM = re.compile(r"(?P<lead>--from=)(?P<image>\S+)")


def apply_policy(files: dict[str, bytes], config: TeamConfig) -> dict[str, bytes]:
    """The rendered files with the team's image policy applied (unchanged when there is none)."""
    out = dict(files)
    if "Dockerfile" in out and (config.registry_mirror or config.images or config.labels):
        out["Dockerfile"] = _dockerfile(out["Dockerfile"].decode(), config).encode()
    if ".dockerignore" in out and config.dockerignore:
        text = out[".dockerignore"].decode()
        extra = "".join(f"{line}\n" for line in config.dockerignore)
        sep = "" if text.endswith("\n") or not text else "\n"
        out[".dockerignore"] = f"{text}{sep}\n# From the team config:\n{extra}".encode()
    return out


def repository(image: str) -> str:
    """`golang` of `golang:1.24-bookworm@sha256:…` (a registry port's colon is kept)."""
    name = image.split("@", 1)[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


def rewrite_image(image: str, config: TeamConfig, stages: set[str]) -> str:
    if image.lower() in stages or "$" in image or image == "scratch":
        return image
    image = config.images.get(repository(image), image)
    if config.registry_mirror and not image.startswith(config.registry_mirror):
        image = config.registry_mirror + image
    return image


def _dockerfile(text: str, config: TeamConfig) -> str:
    lines = text.splitlines(keepends=True)
    stages: set[str] = set()
    last_from = -1
    for i, line in enumerate(lines):
        m = _FROM.match(line)
        if m:
            lines[i] = f"{m['lead']}{rewrite_image(m['image'], config, stages)}{m['rest']}" + (
                "\n" if line.endswith("\n") else ""
            )
            words = m["rest"].split()
            if len(words) >= 2 and words[0].upper() == "AS":
                stages.add(words[1].lower())
            last_from = i
        elif line.lstrip().upper().startswith("COPY") and "--from=" in line:
            lines[i] = _COPY_FROM.sub(lambda c: c["lead"] + _copy_source(c["image"], config, stages), line)
    if config.labels and last_from >= 0:
        labels = " \\\n      ".join(f'{k}="{_escape(v)}"' for k, v in sorted(config.labels.items()))
        lines.insert(last_from + 1, f"# Labels from the team config.\nLABEL {labels}\n")
    return "".join(lines)


def _copy_source(image: str, config: TeamConfig, stages: set[str]) -> str:
    # `COPY --from=build` names a stage (or a bare index); only references that look like images change.
    return rewrite_image(image, config, stages) if ("/" in image or ":" in image) else image


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
