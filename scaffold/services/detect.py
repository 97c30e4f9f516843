"""Which backing services a project uses, from the dependencies its manifests name (and Prisma's schema).

The manifests are read by the providers (DependencyLister), which hand the names in: this package never imports a
provider, so detection can call it without a cycle.
"""

from __future__ import annotations

import re

from scaffold.errors import InputError
from scaffold.project import ProjectDir
from scaffold.services import catalogue

PRISMA_SCHEMA = "prisma/schema.prisma"
_PRISMA_PROVIDER = re.compile(r'datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"([a-z]+)"', re.S)


def prisma_service(project: ProjectDir) -> str | None:
    """The service Prisma's schema names as its datasource provider, None without one."""
    if not project.has(PRISMA_SCHEMA):
        return None
    try:
        match = _PRISMA_PROVIDER.search(project.read_text(PRISMA_SCHEMA))
    except InputError:
        return None
    return catalogue.prisma_provider(match.group(1)) if match else None


def used_services(project: ProjectDir, language: str, deps: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Service key -> the dependencies (`deps`, as the language's provider lists them) that mean it, in catalogue
    order."""
    found: dict[str, list[str]] = {}
    for dep in deps:
        service = catalogue.service_for(language, dep)
        if service is not None:
            found.setdefault(service, []).append(dep)
    if language == "node" and "@prisma/client" in deps:
        service = prisma_service(project)
        if service is not None:
            found.setdefault(service, []).append("@prisma/client")
    order = list(catalogue.services())
    return {key: tuple(found[key]) for key in sorted(found, key=order.index)}
