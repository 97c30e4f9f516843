"""Environment variables Django settings read with no default, and build-only placeholders for them.

`collectstatic` runs in the build and imports the settings: `SECRET_KEY = os.environ["SECRET_KEY"]`,
django-environ's `env("SECRET_KEY")`, decouple's `config("SECRET_KEY")` or `os.getenv("HOSTS").split(",")` stop it
there, and the build fails.
The collectstatic step alone gets a placeholder of the type the code reads (never the final image: the
container still needs the real values, and verify says which one is missing). Read with regexes; never run.
"""

from __future__ import annotations

import re

_ENVIRON = re.compile(r"""\bos\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]""")
_CALL = re.compile(
    r"""\b(?:env|config)(?:\.(?P<cast>\w+))?\(\s*["'](?P<name>[A-Z][A-Z0-9_]*)["'](?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)"""
)
"""django-environ's `env("X")`/`env.bool("X")` and decouple's `config("X", cast=bool)`, with their arguments."""
_GET = r"""\bos\.(?:getenv|environ\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']\s*\)"""
_GET_USED = re.compile(_GET + r"\s*\.\s*\w+\s*\(")
"""`os.getenv("ALLOWED_HOSTS").split(",")`: no default, and None has no method: the import stops there."""
_GET_INT = re.compile(r"\b(?:int|float)\(\s*" + _GET + r"\s*\)")
"""`int(os.getenv("EMAIL_PORT"))`: int(None) stops the import too."""
_GET_SECRET = re.compile(r"^SECRET_KEY\s*=\s*" + _GET + r"\s*(?:#.*)?$", re.MULTILINE)
"""`SECRET_KEY = os.getenv("SECRET_KEY")`: Django refuses an empty SECRET_KEY."""
_ENV_SCHEME = re.compile(r"""\bEnv\(([^()]*(?:\([^()]*\)[^()]*)*)\)""")
"""django-environ's `environ.Env(DEBUG=(bool, False))`: names given a default there are optional."""
_DB_NO_ARGS = re.compile(r"\benv\.db(?:_url)?\(\s*\)")
_PLACEHOLDERS = {
    "bool": "false",
    "int": "0",
    "float": "0",
    "list": "localhost",
    "tuple": "localhost",
    "Csv": "localhost",
    "db": "sqlite:///:memory:",
    "db_url": "sqlite:///:memory:",
    "cache": "locmemcache://",
    "cache_url": "locmemcache://",
    "email": "consolemail://",
    "email_url": "consolemail://",
    "url": "http://localhost",
}
PLAIN = "build-placeholder"


def required_env(settings: str) -> str:
    """`NAME=placeholder` pairs (space-separated) for what the settings read with no default, else ""."""
    optional = {n for m in _ENV_SCHEME.finditer(settings) for n in re.findall(r"\b([A-Z][A-Z0-9_]*)\s*=", m.group(1))}
    found: dict[str, str] = {}
    for m in _ENVIRON.finditer(settings):
        found.setdefault(m.group(1), _by_name(m.group(1)))
    for m in _CALL.finditer(settings):
        name, cast, args = m.group("name"), m.group("cast") or "", m.group("args")
        if "default" in args or name in optional:
            continue
        kind = cast or next(
            (c for c in ("bool", "int", "float", "Csv", "list") if re.search(rf"cast\s*=\s*{c}", args)), ""
        )
        found.setdefault(name, _PLACEHOLDERS.get(kind) or _by_name(name))
    for m in _GET_USED.finditer(settings):
        found.setdefault(m.group(1), _by_name(m.group(1)))
    for m in _GET_INT.finditer(settings):
        found.setdefault(m.group(1), "0")
    for m in _GET_SECRET.finditer(settings):
        found.setdefault(m.group(1), PLAIN)
    if _DB_NO_ARGS.search(settings) and "DATABASE_URL" not in optional:
        found.setdefault("DATABASE_URL", _PLACEHOLDERS["db"])
    return " ".join(f"{k}={v}" for k, v in found.items())


def _by_name(name: str) -> str:
    if name == "DATABASE_URL":
        return _PLACEHOLDERS["db"]
    if name.endswith("_URL"):
        return "http://localhost"
    if name in ("DEBUG",):
        return "false"
    return PLAIN
