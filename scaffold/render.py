"""Render a cookiecutter template into a private staging directory and return the files as bytes.

cookiecutter overwrites silently, runs hooks in the output dir and writes replay files and clones into
the user's home. So it never sees the project: it renders into a TemporaryDirectory with a config file
that keeps its replay and cache dirs inside that directory, and with hooks off. writer.py alone decides
what reaches the project.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold.errors import TemplateError
from scaffold.models import Value, Variable

PROJECT_DIR_KEY = "project_dir"
"""The variable naming the template's top folder; scaffold sets it, users never see it."""


def read_variables(template: Path) -> list[Variable]:
    """The variables a template declares, in order, without scaffold's own and private (`_`) keys."""
    raw = _read_context(template)
    prompts = raw.get("__prompts__", {})
    out = []
    for key, default in raw.items():
        if key.startswith("_") or key == PROJECT_DIR_KEY:
            continue
        prompt = prompts.get(key, "") if isinstance(prompts, dict) else ""
        if isinstance(default, list):
            if not default or not all(isinstance(c, str) for c in default):
                raise TemplateError(f"{template / 'cookiecutter.json'}: {key}: a choice list must hold strings")
            out.append(Variable(key, default[0], tuple(default), str(prompt)))
        elif isinstance(default, bool | str):
            out.append(Variable(key, default, (), str(prompt)))
        elif isinstance(default, int | float):
            out.append(Variable(key, str(default), (), str(prompt)))
        # dict variables are template-internal data; they are not options.
    return out


def _read_context(template: Path) -> dict[str, Any]:
    path = template / "cookiecutter.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"{path}: missing (is {template} a cookiecutter template?)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or PROJECT_DIR_KEY not in data:
        raise TemplateError(f"{path}: must be an object with a {PROJECT_DIR_KEY!r} key")
    return data


def render(template: Path, context: Mapping[str, Value], *, trust: bool = False) -> dict[str, bytes]:
    """Render `template` with `context`; return {relative posix path: bytes} of the files it produced.

    Template hooks run only with `trust` (they are arbitrary code), and then inside the staging dir.
    """
    # Imported here: cookiecutter is slow to import and `scaffold --help` should start fast.
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter
    from jinja2 import TemplateError as JinjaError

    _refuse_symlinks(template)
    extra: dict[str, Any] = dict(context)
    extra[PROJECT_DIR_KEY] = "project"
    _refuse_escaping_paths(template, extra)
    with tempfile.TemporaryDirectory(prefix="scaffold-render-") as tmp:
        staging = Path(tmp)
        config = staging / "cookiecutter-config.yaml"
        # JSON is valid YAML, and json quotes any path safely.
        config.write_text(
            json.dumps(
                {
                    "cookiecutters_dir": str(staging / "cache"),
                    "replay_dir": str(staging / "replay"),
                }
            ),
            encoding="utf-8",
        )
        out = staging / "out"
        try:
            produced = cookiecutter(
                str(template),
                no_input=True,
                extra_context=extra,
                output_dir=str(out),
                config_file=str(config),
                accept_hooks=trust,
            )
        except (CookiecutterException, JinjaError, ValueError, OSError) as exc:
            raise TemplateError(f"template {template} failed to render: {exc}") from None
        return _collect(Path(produced))


def _refuse_symlinks(template: Path) -> None:
    # cookiecutter follows symlinks while rendering, which would copy any file on this machine
    # (say ~/.ssh/id_rsa) into the project; a template may only hold real files.
    for path in template.rglob("*"):
        if path.is_symlink():
            rel = path.relative_to(template).as_posix()
            raise TemplateError(f"template {template} holds a symlink ({rel}); templates may only hold files")


def _refuse_escaping_paths(template: Path, context: Mapping[str, Any]) -> None:
    # cookiecutter renders file names too; a name that renders to `../x` would be written outside the
    # staging dir before anyone could look. Render every name first and refuse such paths.
    from cookiecutter.environment import StrictEnvironment
    from jinja2 import TemplateError as JinjaError

    env = StrictEnvironment(context={"cookiecutter": dict(context)}, keep_trailing_newline=True)
    tops = [p for p in template.iterdir() if "{{" in p.name and p.is_dir()]
    for path in sorted(q for top in tops for q in top.rglob("*")):
        rel = path.relative_to(template).as_posix()
        try:
            rendered = env.from_string(rel).render(cookiecutter=context)
        except JinjaError as exc:
            raise TemplateError(f"template {template}: file name {rel!r} failed to render: {exc}") from None
        parts = PurePosixPath(rendered).parts
        if rendered.startswith("/") or ".." in parts[1:]:
            raise TemplateError(f"template {template}: {rel!r} would be written outside the project ({rendered})")


def _collect(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            raise TemplateError(f"template produced a symlink ({rel}); templates may only produce files")
        if path.is_file():
            files[rel] = path.read_bytes()
    return files
