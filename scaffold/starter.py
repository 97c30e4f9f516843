"""Starter apps for a new repo: the smallest program per language that the generated Docker files build,
run and test on the first try.

The files are data, shipped in the package under scaffold/starters/<language>/ (Go: the multi-stage
tutorial's program printing "Hello from Go!" with a test; Node: an HTTP server with a dev dependency and a
test; Python: a Flask app with a test). They are offered only where no project is detected, and named after
the directory: `<language>-app` in the files stands for that name (the module, package and image name).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from scaffold.errors import UsageError
from scaffold.models import Detection, Request
from scaffold.project import ProjectDir
from scaffold.prompt import Asker
from scaffold.providers import detect_all, titles
from scaffold.providers import languages as registered
from scaffold.report import Reporter
from scaffold.values import InvalidValue, check, kind_of

STARTERS = Path(__file__).parent / "starters"


def languages() -> list[str]:
    return sorted(p.name for p in STARTERS.iterdir() if p.is_dir())


def files(language: str, name: str | None = None) -> dict[str, bytes]:
    """The starter's files, relative posix path → bytes, named `name` (default: `<language>-app`)."""
    root = STARTERS / language
    placeholder = f"{language}-app".encode()
    return {
        p.relative_to(root).as_posix(): p.read_bytes().replace(placeholder, (name or placeholder.decode()).encode())
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def name_for(directory: str, language: str) -> str:
    """The starter's name from its directory ("My Service" → "my-service"), checked as an image name
    (the module and package names take the same characters); `<language>-app` when nothing valid is left."""
    name = re.sub(r"[^a-z0-9._-]+", "-", directory.lower()).strip("-._")
    try:
        return check(kind_of("app_name"), name)
    except InvalidValue:
        return f"{language}-app"


def detect(project_name: str, language: str, starter: dict[str, bytes]) -> Detection:
    """What the providers detect in the starter, as if it were already in a directory named like the project.

    Detection reads files on disk; the starter is laid out in a private directory of the same name, so the
    Docker files are decided before anything reaches the project.
    """
    with tempfile.TemporaryDirectory(prefix="scaffold-starter-") as tmp:
        root = Path(tmp) / project_name
        for rel, data in starter.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        found = detect_all(ProjectDir(root))
    return next((d for d in found if d.language == language), Detection(language, 0, ("starter",)))


def offer(
    root: Path, req: Request, reporter: Reporter, asker: Asker | None
) -> tuple[Detection, dict[str, bytes]] | None:
    """In a directory with no project: the starter app to create (and what detection says of it), or None.

    Created with --starter, or --yes with --lang; offered at a terminal; --no-starter never.
    """
    language = req.language
    if req.starter is False:
        return None
    if language is not None and language not in languages():
        if req.starter and language in registered():
            raise UsageError(f"--starter: no starter app for {language} (starters: {', '.join(languages())})")
        return None  # a plugin language without a starter, or an unknown one (--lang reports it)
    if req.starter is None:
        if asker is not None:
            if language is None:
                no = "no: only the Docker files"
                pick = asker.select(
                    f"No {titles()} project here. Create a minimal starter app?", [*languages(), no], no
                )
                if pick == no:
                    # The Docker files still need a language: ask it rather than fail for want of one.
                    names = registered()
                    chosen_language = asker.select("Which language are the Docker files for?", names, names[0])
                    return Detection(chosen_language, 0, ("your answer",)), {}
                language = pick
            elif not asker.confirm(f"No {language} project here. Create a minimal {language} starter app?", True):
                return None
        elif not language:
            return None  # with no terminal, exactly as --yes: a starter needs --lang
    if language is None:
        raise UsageError(f"--starter: pass --lang ({', '.join(languages())}) to choose the starter")
    chosen = files(language, name_for(root.resolve().name, language))
    ours = [p for p in chosen if (root / p).exists()]
    for path in ours:
        del chosen[path]  # a README (or any file) already here stays the user's
    reporter.note(
        f"no project here: creating a minimal {language} starter app ({', '.join(sorted(chosen))})"
        + (f"; keeping your {', '.join(ours)}" if ours else "")
        + " (--no-starter: only the Docker files)"
    )
    return detect(root.name, language, chosen), chosen
