"""The registry of language providers: the one place that knows which languages exist.

Built-in providers come first; an installed package adds a language through the `scaffold.languages`
entry point group (`name = "package.module:ProviderClass"`), with its template beside it. Everything that
lists, validates or names languages (--lang, team config defaults, `templates list`/`validate`,
messages) asks this module, so a fourth language is a provider, a catalogue, a template and examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from scaffold import ci, secret_files
from scaffold.builtin_templates import templates_root
from scaffold.errors import TemplateError
from scaffold.models import SCORE_TOOLING_ONLY, Detection, Fact, Options, Resolved
from scaffold.project import ProjectDir
from scaffold.providers.base import Decider, DependencyLister, HintedDetector, ProgramLister, Provider
from scaffold.providers.go.detect import GoProvider
from scaffold.providers.node.detect import NodeProvider
from scaffold.providers.python.detect import PythonProvider
from scaffold.services import workers
from scaffold.services.facts import compose_facts

ENTRY_POINT_GROUP = "scaffold.languages"


@cache
def registry() -> dict[str, Provider]:
    """Every provider by language name: the built-in ones, then those installed packages add."""
    return dict(_loaded()[0])


def plugin_of(language: str) -> tuple[str, str] | None:
    """(distribution, version) of the installed package that adds `language`; None for a built-in one."""
    return _loaded()[1].get(language)


@cache
def _loaded() -> tuple[dict[str, Provider], dict[str, tuple[str, str]]]:
    found: dict[str, Provider] = {p.name: p for p in (GoProvider(), NodeProvider(), PythonProvider())}
    plugins: dict[str, tuple[str, str]] = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = ep.load()
            provider = loaded() if isinstance(loaded, type) else loaded
        except Exception as exc:  # a broken plugin is reported, never a traceback
            raise TemplateError(f"language plugin {ep.name} ({ep.value}) failed to load: {exc}") from None
        if provider.name in found:
            raise TemplateError(f"language plugin {ep.name} ({ep.value}): {provider.name!r} is already registered")
        found[provider.name] = provider
        dist = ep.dist
        plugins[provider.name] = (dist.name, dist.version) if dist is not None else (ep.value, "unknown")
    return found, plugins


def languages() -> tuple[str, ...]:
    return tuple(registry())


def title(language: str) -> str:
    """The language's name as people write it ("Go", "Node", "Python")."""
    provider = registry().get(language)
    return str(getattr(provider, "title", "") or language.capitalize())


def titles() -> str:
    """'Go, Node or Python': every language, for messages."""
    names = [title(lang) for lang in languages()]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def template_dir(language: str) -> Path:
    """The language's built-in template: the provider's own `template`, else scaffold's templates/<language>/."""
    provider = registry().get(language)
    if provider is None:
        raise TemplateError(f"no built-in template for {language!r} (languages: {', '.join(languages())})")
    own = getattr(provider, "template", None)
    path = Path(own) if own is not None else templates_root() / language
    if not (path / "cookiecutter.json").is_file():
        raise TemplateError(f"no built-in template for {language!r} ({path} has no cookiecutter.json)")
    return path


def detect_all(project: ProjectDir, hints: Mapping[str, str] | None = None) -> list[Detection]:
    """Every language found, best first: by score, then by provider priority.

    `hints` are the values a person chose (--set, recorded answers); providers that steer their detection
    by one (which workspace member to build) read them, the others ignore them.
    """
    providers = registry()
    given = dict(hints or {})

    def one(provider: Provider) -> Detection | None:
        if given and isinstance(provider, HintedDetector):
            return provider.detect_hinted(project, given)
        return provider.detect(project)

    found = _claimed_as_tooling([d for p in providers.values() if (d := one(p)) is not None])
    if found:
        # Files that are secrets by their content (a tokened .npmrc, a service-account key): listed by path.
        held = Fact("secret_paths", " ".join(secret_files.by_content(project)), "scaffold/catalogue/secrets.toml")
        found = [replace(d, facts=(*d.facts, held, *_compose(providers[d.language], project, d))) for d in found]
    return sorted(found, key=lambda d: (-d.score, -providers[d.language].priority))


def _claimed_as_tooling(found: list[Detection]) -> list[Detection]:
    """A detection whose evidence another language's image builds as its own assets (a Python web app's
    package.json for Tailwind or webpack: fact `assets_manifests`) holds tooling for that app: it ranks as tooling
    alone, whatever it would rank by itself (a build script writing a site looks like a static site)."""
    claimed = {name for d in found if (f := d.fact("assets_manifests")) for name in str(f.value).split()}
    return [
        replace(d, score=min(d.score, SCORE_TOOLING_ONLY))
        if d.evidence and set(d.evidence) <= claimed and not d.fact("assets_manifests")
        else d
        for d in found
    ]


def _compose(provider: Provider, project: ProjectDir, detection: Detection) -> tuple[Fact, ...]:
    """compose.yaml's facts, from the runtime dependencies the provider reads in the manifests (and the other
    programs its image can hold, which a worker runs)."""
    deps = tuple(sorted(provider.dependencies(project))) if isinstance(provider, DependencyLister) else ()
    programs = provider.programs(detection) if isinstance(provider, ProgramLister) else {}
    return compose_facts(project, provider.name, deps, programs)


def looked_for() -> str:
    """What detection looks for, for the 'nothing found' message."""
    return "; ".join(f"{name}: {', '.join(p.looks_for)}" for name, p in registry().items())


def decide(detection: Detection, options: Options) -> Options:
    """The options after the language's provider has derived what follows from them (or refused them)."""
    provider = registry().get(options.language)
    decided = provider.decide(detection, options) if isinstance(provider, Decider) else options
    decided = workers.decide(decided)  # compose's workers run in the decided image (distroless: no shell)
    decided = ci.decide(decided)  # the CI pipeline's steps follow from the decided options (a test stage, say)
    # The secrets a .dockerignore keeps out follow from the catalogue and the project, whatever a layer said
    # (with --lang and no detection, the catalogue's globs alone).
    fact = detection.fact("secret_paths")
    held = tuple(str(fact.value).split()) if fact is not None else ()
    ignore, keep = secret_files.ignore_lines(held)
    values = dict(decided.values)
    for key, lines in (("secret_paths", held), ("secret_ignore", ignore), ("secret_keep", keep)):
        if key in values:
            values[key] = Resolved(" ".join(lines), "decided: scaffold/catalogue/secrets.toml")
    return Options(decided.language, values)
