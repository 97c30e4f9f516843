"""Render a cookiecutter template into a private staging directory and return the files as bytes.

Values are data: scaffold resolves and validates every option itself (options.py, values.py) and hands
cookiecutter's file generator the finished context, so no value is ever evaluated as Jinja. (cookiecutter's
own entry point renders each context value as a template: a `{{ … }}` in a package.json script would run.)

Built-in templates are trusted. Any other template renders in Jinja's immutable sandbox (no access to
Python internals, no `_extensions`, no hooks) unless the user passes --trust. Every path the template
would produce is rendered and checked before anything is written, staging included.

cookiecutter overwrites silently, runs hooks in the output dir and writes replay files and clones into
the user's home. So it never sees the project: it renders into a TemporaryDirectory, and writer.py alone
decides what reaches the project.
"""

from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from scaffold.builtin_templates import templates_root
from scaffold.errors import TemplateError
from scaffold.models import Value, Variable
from scaffold.template import limits, outputs
from scaffold.template.compiled import CACHE, ENV_FLAGS, ENV_STRINGS
from scaffold.values import is_kind

PROJECT_DIR_KEY = "project_dir"
"""The variable naming the template's top folder; scaffold sets it, users never see it."""
KINDS_KEY = "__kinds__"
"""A template's declaration of its variables' kinds (values.py), e.g. {"listen_port": "port"}."""
_RENDER_KEYS = ("_jinja2_env_vars", "_copy_without_render", "_new_lines")
"""The private cookiecutter.json keys that shape rendering and stay in the context."""


def is_trusted(template: Path, trust: bool) -> bool:
    """Built-in templates are scaffold's own code; any other template is trusted only with --trust."""
    if trust:
        return True
    from scaffold.providers import languages, template_dir

    try:
        trusted = [templates_root(), *(template_dir(lang) for lang in languages())]
    except TemplateError:
        return False
    return any(template.resolve().is_relative_to(root.resolve()) for root in trusted)


def read_variables(template: Path) -> list[Variable]:
    """The variables a template declares, in order, without scaffold's own and private (`_`) keys."""
    raw = _read_context(template)
    prompts = raw.get("__prompts__", {})
    declared = raw.get(KINDS_KEY, {})
    if not isinstance(declared, dict) or not all(isinstance(v, str) and is_kind(v) for v in declared.values()):
        raise TemplateError(f"{template / 'cookiecutter.json'}: {KINDS_KEY} must map variables to known kinds")
    out = []
    for key, default in raw.items():
        if key.startswith("_") or key == PROJECT_DIR_KEY:
            continue
        prompt = prompts.get(key, "") if isinstance(prompts, dict) else ""
        kind = declared.get(key)
        if isinstance(default, list):
            if not default or not all(isinstance(c, str) for c in default):
                raise TemplateError(f"{template / 'cookiecutter.json'}: {key}: a choice list must hold strings")
            out.append(Variable(key, default[0], tuple(default), str(prompt), kind))
        elif isinstance(default, bool | str):
            out.append(Variable(key, default, (), str(prompt), kind))
        elif isinstance(default, int | float):
            out.append(Variable(key, str(default), (), str(prompt), kind))
        # dict variables are template-internal data; they are not options.
    return out


def check_outputs(template: Path, files: Iterable[str], *, trust: bool, shown: str = "") -> None:
    """Refuse files the template produces besides its render (a workspace's other apps' Dockerfiles) as `render`
    refuses its own: forbidden always, undeclared in `__outputs__` unless the template is trusted."""
    declared = outputs.declared(_read_context(template), str(template / "cookiecutter.json"))
    outputs.check(files, declared, trusted=is_trusted(template, trust), template=shown or str(template))


def _read_context(template: Path) -> dict[str, Any]:
    path = template / "cookiecutter.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"{path}: missing (is {template} a cookiecutter template?)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise TemplateError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or PROJECT_DIR_KEY not in data:
        raise TemplateError(f"{path}: must be an object with a {PROJECT_DIR_KEY!r} key")
    _check_render_keys(path, data)
    return data


def _check_render_keys(path: Path, data: dict[str, Any]) -> None:
    """cookiecutter's private rendering keys hold data of one shape each: anything else is the template's error."""
    envvars = data.get("_jinja2_env_vars", {})
    if not isinstance(envvars, dict):
        raise TemplateError(f"{path}: _jinja2_env_vars: expected an object of Jinja environment options")
    for key, value in envvars.items():
        if key in ENV_STRINGS and isinstance(value, str) and value:
            continue
        if key in ENV_FLAGS and isinstance(value, bool):
            continue
        if key == "newline_sequence" and value in ("\n", "\r\n", "\r"):
            continue
        allowed = ", ".join(sorted(ENV_STRINGS | ENV_FLAGS | {"newline_sequence"}))
        raise TemplateError(f"{path}: _jinja2_env_vars: {key}={value!r} is not allowed (options: {allowed})")
    copy = data.get("_copy_without_render", [])
    if not isinstance(copy, list) or not all(isinstance(p, str) for p in copy):
        raise TemplateError(f"{path}: _copy_without_render: expected a list of path patterns")
    if data.get("_new_lines", "") not in ("", "\n", "\r\n", "\r"):
        raise TemplateError(f'{path}: _new_lines: expected one of "\\n", "\\r\\n", "\\r"')


def environment(trusted: bool, context: Mapping[str, Any] | None = None) -> Any:
    """The Jinja environment templates render in: cookiecutter's, sandboxed unless `trusted`.

    `context` is the full cookiecutter context (`{"cookiecutter": {...}}`); its `_jinja2_env_vars` apply.
    """
    from scaffold.services.catalogue import for_template

    ctx = dict(context or {"cookiecutter": {}})
    envvars = dict(ctx.get("cookiecutter", {}).get("_jinja2_env_vars", {}))
    cls = _trusted_class() if trusted else _sandbox_class()
    env = cls(context=ctx, keep_trailing_newline=True, bytecode_cache=CACHE, **envvars)
    # The service catalogue is data every template may read (compose.yaml's images, healthchecks, URLs), so
    # no template repeats it; `compose_services` names which rows a project uses.
    env.globals["scaffold_services"] = for_template()
    # `c` is the context's short name (what `{% set c = cookiecutter %}` used to open every file with), so a
    # template and its parts start with their first Dockerfile line; a template's own `set c` still works.
    env.globals["c"] = ctx["cookiecutter"]
    return env


@functools.cache  # one class: the compiled-template cache tells environments apart by their class
def _trusted_class() -> type:
    from cookiecutter.environment import StrictEnvironment

    from scaffold.template.compiled import CompiledStrings

    class TrustedEnvironment(CompiledStrings, StrictEnvironment):  # type: ignore[misc]
        """cookiecutter's strict environment, compiling each source string once per process."""

    return TrustedEnvironment


@functools.cache  # one class: the compiled-template cache tells environments apart by their class
def _sandbox_class() -> type:
    from cookiecutter.environment import ExtensionLoaderMixin
    from jinja2 import StrictUndefined, Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from scaffold.template.compiled import CompiledStrings

    class BoundedTemplate(Template):
        """A template whose every rendered text is size-checked (limits.py) before anyone writes it."""

        def render(self, *args: Any, **kwargs: Any) -> str:
            return limits.check_size(super().render(*args, **kwargs), "template")

    class SandboxedStrictEnvironment(
        CompiledStrings,
        ExtensionLoaderMixin,  # type: ignore[misc]
        ImmutableSandboxedEnvironment,
    ):
        """cookiecutter's strict environment and default extensions, inside Jinja's immutable sandbox."""

        template_class = BoundedTemplate

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(undefined=StrictUndefined, **kwargs)

    return SandboxedStrictEnvironment


def render(
    template: Path, context: Mapping[str, Value], *, trust: bool = False, shown: str | None = None
) -> dict[str, bytes]:
    """Render `template` with `context`; return {relative posix path: bytes} of the files it produced.

    Template hooks run only with `trust` (they are arbitrary code), and then inside the staging dir.
    `shown` names the template in errors as the user gave it (a git template renders from a temporary export).
    """
    # Imported here: cookiecutter is slow to import and `scaffold --help` should start fast.
    from cookiecutter.exceptions import CookiecutterException
    from jinja2 import TemplateError as JinjaError

    trusted = is_trusted(template, trust)
    name = shown or str(template)
    _refuse_symlinks(template)
    raw = _read_context(template)
    extra = outputs.declared(raw, str(template / "cookiecutter.json"))
    if not trusted and "_extensions" in raw:
        raise TemplateError(
            f"template {name} loads Jinja extensions (_extensions), which are code: pass --trust to allow them"
        )
    values: dict[str, Any] = dict(context)
    values[PROJECT_DIR_KEY] = "project"
    for key in (*_RENDER_KEYS, *(("_extensions",) if trusted else ())):
        if key in raw:
            values[key] = raw[key]
    full = {"cookiecutter": values}
    env = environment(trusted, full)
    with tempfile.TemporaryDirectory(prefix="scaffold-render-") as tmp, limits.bounded(trusted, f"template {name}"):
        _refuse_escaping_paths(template, env, full, name)
        out = Path(tmp) / "out"
        out.mkdir()
        try:
            with _environment_of_generate(env):
                produced = _generate(template, full, out, accept_hooks=trust)
        except (CookiecutterException, JinjaError, ValueError, OSError, RecursionError) as exc:
            raise TemplateError(f"template {name} failed to render: {_one_line(exc)}{sandbox_hint(exc)}") from None
        files = _collect(Path(produced))
    outputs.check(files, extra, trusted=trusted, template=name)
    return files


def _generate(template: Path, context: dict[str, Any], out: Path, *, accept_hooks: bool) -> str:
    from cookiecutter.generate import generate_files

    # generate_files renders file names and contents with the context as data; unlike cookiecutter's
    # main entry point it never renders the context values themselves.
    return str(generate_files(str(template), context, str(out), accept_hooks=accept_hooks))


@contextlib.contextmanager
def _environment_of_generate(env: Any) -> Iterator[None]:
    # generate_files builds its own environment from the context; give it ours (sandboxed unless trusted)
    # so file contents render under the same rules as the file names checked below.
    from cookiecutter import generate

    original = generate.create_env_with_context
    generate.create_env_with_context = lambda _context: env
    try:
        yield
    finally:
        generate.create_env_with_context = original


def _refuse_symlinks(template: Path) -> None:
    # cookiecutter follows symlinks while rendering, which would copy any file on this machine
    # (say ~/.ssh/id_rsa) into the project; a template may only hold real files (a FIFO would hang the read).
    for path in template.rglob("*"):
        rel = path.relative_to(template).as_posix()
        if path.is_symlink():
            raise TemplateError(f"template {template} holds a symlink ({rel}); templates may only hold files")
        if not (path.is_file() or path.is_dir()):
            raise TemplateError(f"template {template} holds {rel}, not a regular file; templates may only hold files")


def sandbox_hint(exc: BaseException) -> str:
    """What to add to an error the sandbox raised: the way out for a template the user trusts."""
    from jinja2.exceptions import SecurityError

    if isinstance(exc, SecurityError):
        return " (refused by the sandbox untrusted templates render in; pass --trust if you trust this template)"
    return ""


def _refuse_escaping_paths(template: Path, env: Any, context: Mapping[str, Any], name: str) -> None:
    # cookiecutter renders file and folder names too, and joins them to the output dir: a name that renders
    # to `..` or an absolute path would be written outside the staging dir before anyone could look.
    # Render every name, part by part, and refuse anything but plain names.
    from jinja2 import TemplateError as JinjaError

    tops = [p for p in template.iterdir() if "{{" in p.name and p.is_dir()]
    for path in sorted({top for top in tops} | {q for top in tops for q in top.rglob("*")}):
        rel = path.relative_to(template).as_posix()
        parts = rel.split("/")
        for i, part in enumerate(parts):
            try:
                rendered = env.from_string(part).render(**context)
            except (JinjaError, ValueError, RecursionError) as exc:
                raise TemplateError(
                    f"template {name}: file name {rel!r} failed to render: {_one_line(exc)}{sandbox_hint(exc)}"
                ) from None
            last = i == len(parts) - 1 and not path.is_dir()
            if rendered == "" and last:
                continue  # cookiecutter skips a file whose name renders empty (a conditional file)
            if rendered in ("", ".", "..") or "/" in rendered or "\\" in rendered or any(ord(c) < 32 for c in rendered):
                raise TemplateError(
                    f"template {name}: {rel!r} renders to {rendered!r}, not a plain file name: it could be "
                    "written outside the project, refused"
                )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _collect(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            raise TemplateError(f"template produced a symlink ({rel}); templates may only produce files")
        if path.is_file():
            total += path.stat().st_size
            if total > limits.MAX_TOTAL_BYTES:
                raise limits.RenderLimit(f"template produced more than {limits.MAX_TOTAL_BYTES >> 20} MB, refused")
            files[rel] = path.read_bytes()
    return files
