"""What compose.yaml needs from a project, as detection facts named like the template's options.

`compose_services` (service keys), `compose_links` (VAR=service: the connection variables the app reads,
pointed at their service), `compose_env` (other variables the app reads, passed through) and
`compose_watch` (the manifests whose change rebuilds the dev image) and `compose_workers` (worker processes run
from the app's image, scaffold/services/workers.py). Each is a space-separated list of
a value kind (value_kinds.toml), so they go through the same validation as any option value.
"""

from __future__ import annotations

from collections.abc import Mapping

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.services import catalogue, env_names, workers
from scaffold.services.detect import used_services

SOURCE = "scaffold/catalogue/services.toml"


def compose_facts(
    project: ProjectDir, language: str, deps: tuple[str, ...], programs: Mapping[str, str] | None = None
) -> tuple[Fact, ...]:
    """The compose facts of a project of `language` whose runtime dependencies are `deps` (only those with a value);
    `programs` are those its image can hold besides the one it runs (name -> path), a worker's candidates."""
    used = _one_per_name(used_services(project, language, deps))
    reads = env_names.read_names(project, language)
    found, worker_vars = workers.find(project, language, deps, programs)
    links = _links(language, used, reads)
    # A worker's own program reads these (rq's RQ_REDIS_URL): set where their service runs.
    links += [(var, key) for var, key in worker_vars.items() if key in used and var not in dict(links)]
    linked = {var for var, _ in links}
    passed = [n for n in reads if n not in linked]
    watch = [rel for rel in catalogue.manifests(language) if project.has(rel)]
    values = {
        "compose_services": (" ".join(used), _evidence(used)),
        "compose_links": (" ".join(f"{var}={svc}" for var, svc in links), SOURCE),
        "compose_env": (" ".join(passed), "names the code and .env.example read"),
        "compose_watch": (" ".join(watch), SOURCE),
        "compose_workers": (workers.SEPARATOR.join(w.value() for w in found), ", ".join(w.source for w in found)),
    }
    return tuple(Fact(key, value, source) for key, (value, source) in values.items() if value)


def _one_per_name(used: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    # Two services under one compose name (PostgreSQL and MySQL both "db") would collide: the first wins.
    names: set[str] = set()
    out = {}
    for key, deps in used.items():
        name = catalogue.services()[key].name
        if name not in names:
            names.add(name)
            out[key] = deps
    return out


def _links(language: str, used: dict[str, tuple[str, ...]], reads: tuple[str, ...]) -> list[tuple[str, str]]:
    """(variable, service) pairs: the service's variables the app reads, else its first one."""
    out: list[tuple[str, str]] = []
    for key, deps in used.items():
        candidates = catalogue.services()[key].variables
        read = [v for v in candidates if v in reads]
        out.extend((var, key) for var in (read or candidates[:1]))
        for dep in deps:
            for var, preferred in catalogue.dependency_variables(language, dep).items():
                target = next((s for s in preferred if s in used), None)
                if var in reads and target is not None:
                    out.append((var, target))
    first: dict[str, str] = {}
    for var, key in out:
        first.setdefault(var, key)  # a variable two dependencies name points at the first one's service
    return list(first.items())


def _evidence(used: dict[str, tuple[str, ...]]) -> str:
    return "dependencies " + ", ".join(f"{dep} ({key})" for key, deps in used.items() for dep in deps)
