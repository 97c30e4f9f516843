"""The environment variable an app reads a credential from, for the diagnoses of a run that had none
(database-url-missing, bot-token-missing): the log says only that the value was undefined.

Looked up in the project: the variable a connect or login call is given (`mongoose.connect(process.env.MONGO_URI)`,
`client.login(process.env.DISCORD_TOKEN)`), else one the sources read whose name says what it is, else a line of
.env.example (or .env.sample, .env.dist) that does; a database's with the scheme its example value (or Prisma's
schema) gives, for the remedy's example value.
"""

from __future__ import annotations

import re
from pathlib import Path

from scaffold.project import ProjectDir

_READ = r"""(?:process\.env\.|process\.env\[['"]|os\.environ\[['"]|os\.(?:environ\.get|getenv)\(\s*['"])"""
_NAME = r"(?P<name>[A-Z][A-Z0-9_]{1,63})"
_CONNECT = re.compile(
    r"(?:\.connect|createConnection|MongoClient|create_engine|connectionString\s*:|url\s*:|uri\s*:)\s*\(?\s*"
    + _READ
    + _NAME
)
_LOGIN = re.compile(
    r"(?:\.login|\.start|Telegraf|TelegramBot|Bot|Client|App|token\s*:|botToken\s*:)\s*\(?\s*" + _READ + _NAME
)
_READS = re.compile(_READ + _NAME)
_TOKEN_NAME = re.compile(r"TOKEN\b")
_DB_NAME = re.compile(
    r"(?:MONGO|DATABASE|DB|POSTGRES|PG|MYSQL|MARIADB|SQL|REDIS)[A-Z0-9_]*_?(?:URI|URL|DSN)\b|\bDATABASE_URL\b|\bMONGO(?:DB)?_?UR[IL]\b|(?:MONGO|DATABASE|DB)_?CONNECTION(?:_STRING)?\b"
)
_EXAMPLE_LINE = re.compile(r"^\s*(?:export\s+)?(?P<name>[A-Z][A-Z0-9_]{1,63})\s*=\s*['\"]?(?P<value>[^\s'\"#]*)", re.M)
_SCHEME = re.compile(r"^(mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mariadb|redis|sqlite|file)://|^(file):")
_EXAMPLES = (".env.example", ".env.sample", ".env.dist", ".env.template", "example.env", ".env.local.example")
_PRISMA = re.compile(r'provider\s*=\s*"(?P<provider>postgresql|postgres|mysql|mongodb|sqlserver|cockroachdb)"')
_PRISMA_SCHEMES = {"postgresql": "postgresql://", "postgres": "postgresql://", "cockroachdb": "postgresql://"}
_SOURCES = (".js", ".cjs", ".mjs", ".ts", ".mts", ".py")
_SKIP = ("test", "tests", "__tests__", "coverage")


def database_variable(root: Path | None) -> tuple[str, str]:
    """(the variable, its example value's scheme such as 'mongodb://' or ''), or ('', '') when nothing says."""
    if root is None or not root.is_dir():
        return "", ""
    project = ProjectDir(root)
    examples = _example_values(project)
    by_value = [n for n, v in examples.items() if _SCHEME.match(v)]
    for name in [
        *_read_in_sources(project, _CONNECT, _DB_NAME),
        *by_value,
        *(n for n in examples if _DB_NAME.search(n)),
    ]:
        return name, _scheme(examples.get(name, "")) or _prisma_scheme(project)
    return "", _prisma_scheme(project)


def token_variable(root: Path | None) -> str:
    """The variable a bot reads its token from, or '' when nothing says."""
    if root is None or not root.is_dir():
        return ""
    project = ProjectDir(root)
    examples = _example_values(project)
    found = [*_read_in_sources(project, _LOGIN, _TOKEN_NAME), *(n for n in examples if _TOKEN_NAME.search(n))]
    return found[0] if found else ""


def _read_in_sources(project: ProjectDir, call: re.Pattern[str], named: re.Pattern[str]) -> list[str]:
    """The variables the sources pass to `call`, then those they read whose name `named` matches."""
    given: list[str] = []
    read: list[str] = []
    for path in project.walk(_SOURCES, limit=400):
        if path.split("/", 1)[0] in _SKIP:
            continue
        text = project.read_text(path)
        given += [m.group("name") for m in call.finditer(text)]
        read += [m.group("name") for m in _READS.finditer(text) if named.search(m.group("name"))]
    return given + read


def _example_values(project: ProjectDir) -> dict[str, str]:
    """NAME -> example value of the project's .env example files (the first file that names it wins)."""
    out: dict[str, str] = {}
    for name in _EXAMPLES:
        if project.has(name):
            for m in _EXAMPLE_LINE.finditer(project.read_text(name)):
                out.setdefault(m.group("name"), m.group("value"))
    return out


def _scheme(value: str) -> str:
    m = _SCHEME.match(value)
    if not m:
        return ""
    return f"{m.group(1)}://" if m.group(1) else "file:"


def _prisma_scheme(project: ProjectDir) -> str:
    """The scheme of the database Prisma's schema names (its `env("DATABASE_URL")` has no example value)."""
    for path in ("prisma/schema.prisma", "schema.prisma"):
        m = _PRISMA.search(project.read_text(path)) if project.has(path) else None
        if m:
            provider = m.group("provider")
            return _PRISMA_SCHEMES.get(provider, f"{provider}://")
    return ""
