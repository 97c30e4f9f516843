"""Resolve every template variable through one precedence chain.

Highest first: --set on the command line > answers given at the prompt > the project's recorded
answers > team config > detected facts > the template's default (a Jinja expression over the
variables before it, so `build_image` follows `go_version` unless something sets it). A default the
template leaves empty comes from the language's catalogue when it names one (images, versions, tool pins).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scaffold import catalogue, values
from scaffold.errors import TemplateError, UsageError
from scaffold.models import Options, Origin, Resolved, Value, Variable
from scaffold.values import shown

_TRUE = {"y", "yes", "true", "1", "on"}
_FALSE = {"n", "no", "false", "0", "off"}


@dataclass(frozen=True)
class Layer:
    """One source of values. `strict` layers (the user's own words) fail on bad values; others are skipped."""

    name: str
    values: Mapping[str, Resolved]
    strict: bool = True

    @staticmethod
    def of(origin: Origin | str, values: Mapping[str, Value], *, name: str = "", strict: bool = True) -> Layer:
        """A layer whose every value comes from `origin` (an Origin or its value, e.g. "--set").

        `name` is what people are shown (default: the origin's own words).
        """
        kind = origin if isinstance(origin, Origin) else Origin(origin)
        shown = name or kind.value
        return Layer(shown, {k: Resolved(v, shown, kind) for k, v in values.items()}, strict)


def coerce(var: Variable, value: Value, source: str) -> Value:
    """`value` as the variable's type and kind, or UsageError naming the source and what is allowed."""
    if not isinstance(value, bool | str):
        raise UsageError(f"{source}: {var.key}: expected text or yes/no, not {type(value).__name__}")
    if var.is_bool:
        if isinstance(value, bool):
            return value
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise UsageError(f"{source}: {var.key}={value!r}: expected yes or no")
    text = ("yes" if value else "no") if isinstance(value, bool) else value
    if var.choices and text not in var.choices:
        raise UsageError(f"{source}: {var.key}={shown(text)}: choose one of {', '.join(var.choices)}")
    return check_kind(var, text, source)


def check_kind(var: Variable, text: str, source: str) -> str:
    """`text` if it is of the variable's kind (values.py), else UsageError naming the value and its source."""
    try:
        return values.check(values.kind_of(var.key, var.kind), text)
    except values.InvalidValue as exc:
        raise UsageError(f"{source}: {var.key}={shown(text)} {exc}") from None


def resolve(
    language: str,
    variables: Sequence[Variable],
    layers: Sequence[Layer],
    *,
    trusted: bool = False,
) -> Options:
    """Every variable's value and the layer it came from, in the template's order.

    Values from every layer are validated for their kind; a value a strict layer gives (the user's own
    words) or any layer gives with the wrong kind is an error, never passed on. Template defaults that are
    Jinja expressions render in the sandbox unless the template is `trusted`.
    """
    from cookiecutter.prompt import render_variable

    from scaffold.template.limits import bounded
    from scaffold.template.render import environment

    known = {v.key for v in variables}
    for layer in layers:
        unknown = sorted(k for k in layer.values if k not in known)
        if layer.strict and unknown:
            names = ", ".join(sorted(known))
            close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"{layer.name}: unknown option {unknown[0]!r}{hint} (options: {names})")

    env = environment(trusted)
    done: dict[str, Resolved] = {}
    with bounded(trusted, "template defaults"):
        for var in variables:
            picked = _pick(var, layers) or _catalogue(language, var, done)
            done[var.key] = picked or _default(var, env, render_variable, done)
    return Options(language, done)


def rederive(variables: Sequence[Variable], options: Options, *, trusted: bool = False) -> Options:
    """The template's derived defaults (an image name built from python_version and debian) resolved again from
    the values as they are now: after a provider derived a value from an override, nothing keeps the old one."""
    derived = {v.key for v in variables if isinstance(v.default, str) and ("{{" in v.default or v.default == "")}
    chosen = {
        k: r
        for k, r in options.values.items()
        if not (k in derived and r.origin is Origin.DEFAULT and r.source == "default")
    }
    again = resolve(options.language, variables, [Layer("chosen", chosen, strict=False)], trusted=trusted)
    return Options(options.language, {**options.values, **again.values})


def _pick(var: Variable, layers: Sequence[Layer]) -> Resolved | None:
    for layer in layers:
        hit = layer.values.get(var.key)
        if hit is None:
            continue
        try:
            value = coerce(var, hit.value, hit.source) if var.is_bool or var.choices else hit.value
        except UsageError:
            if layer.strict:
                raise
            continue  # e.g. a detected choice this template does not offer: the next layer decides
        # A value of the wrong kind is refused from every layer: it is never silently replaced.
        return Resolved(coerce(var, value, hit.source), hit.source, hit.origin)
    return None


def _catalogue(language: str, var: Variable, done: Mapping[str, Resolved]) -> Resolved | None:
    """An empty template default filled from the language's catalogue (images, versions and tool pins live there)."""
    if var.is_bool or var.default != "":
        return None
    value = catalogue.template_default(language, var.key, {k: r.value for k, r in done.items()})
    if value is None:
        return None
    try:
        return Resolved(check_kind(var, value, f"catalogue/{language}.toml"), "default", Origin.DEFAULT)
    except UsageError as exc:
        raise TemplateError(str(exc)) from None


def _default(var: Variable, env: object, render_variable: object, done: Mapping[str, Resolved]) -> Resolved:
    if var.is_bool:
        return Resolved(var.default, "default", Origin.DEFAULT)
    context = {k: r.value for k, r in done.items()}
    try:
        rendered = str(render_variable(env, var.default, context))  # type: ignore[operator]
    except Exception as exc:  # a template's default expression is template code: report, never crash
        from scaffold.template.render import sandbox_hint

        raise TemplateError(f"template default for {var.key} failed to render: {exc}{sandbox_hint(exc)}") from None
    if var.choices and rendered not in var.choices:
        raise TemplateError(f"template default for {var.key}={shown(rendered)}: not one of its choices")
    try:
        return Resolved(check_kind(var, rendered, "template default"), "default", Origin.DEFAULT)
    except UsageError as exc:
        raise TemplateError(str(exc)) from None


def parse_sets(pairs: Sequence[str]) -> dict[str, str]:
    """`--set key=value` pairs as a dict; a malformed pair is a UsageError."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set {pair!r}: expected key=value")
        out[key.strip()] = value
    return out
