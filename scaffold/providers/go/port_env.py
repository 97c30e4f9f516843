"""The environment variables a Go server reads its own port, address or host from (PORT, APP_PORT, ADDR,
HOST), and the defaults the code gives them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import COMMENT, go_source

_ENV_NAME = r'"(?:(?:HTTP|SERVER|APP|WEB|API|LISTEN|SERVICE)_)?(?:PORT|ADDR|ADDRESS|LISTEN_ADDR|HTTP_ADDR|BIND_ADDR)"'
ENV_DEFAULT = (
    # A helper reading a variable with a fallback: getEnv("SERVER_PORT", "7070"), envOr("ADDR", ":8080").
    re.compile(r"\b\w+\(\s*" + _ENV_NAME + r'\s*,\s*"(?:[\w.\-\[\]]*:)?(\d{2,5})"\s*\)'),
    # viper's default for the server's own key: viper.SetDefault("server.port", 8080), SetDefault("addr", ":9000").
    re.compile(
        r'SetDefault\(\s*"(?:[\w-]+\.)*(?:http_?)?(?:port|addr|address|listen)"\s*,\s*"?(?:[\w.\-]*:)?(\d{2,5})"?\s*\)',
        re.I,
    ),
    # A struct tag of envconfig or caarlos0/env: `envconfig:"PORT" default:"8080"`, `env:"PORT" envDefault:"8080"`.
    re.compile(r"(?:env|envconfig):" + _ENV_NAME + r'[^`\n]*?\b(?:envDefault|default):"(?:[\w.\-]*:)?(\d{2,5})"'),
)
"""The default of the variable a server's own address comes from (not DB_PORT: some other server's)."""
# A struct field bound to PORT by its tag reads it too: kelseyhightower/envconfig (`envconfig:"PORT"`),
# caarlos0/env and sethvargo/go-envconfig (`env:"PORT" envDefault:"3000"`, `env:"PORT, default=3000"`).
PORT_ENV = re.compile(r'(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)|`[^`\n]*\b(?:envconfig|env):"PORT[",]')
PORT_LOOKUP = re.compile(r'(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)')
"""PORT read by name (not by a struct tag, which a prefix may move to APP_PORT)."""
# The default next to a PORT lookup: port = "8080", cmp.Or(os.Getenv("PORT"), "8080"), ":" + "8080"
PORT_DEFAULT = (
    re.compile(r'(?i)\bport\w*\s*:?=\s*"(\d{2,5})"'),
    re.compile(r'Getenv\(\s*"PORT"\s*\)\s*,\s*"(\d{2,5})"'),
)


_PORT_NAME_ENV = re.compile(
    r'(?:\b(?:Getenv|LookupEnv|\w+)\(\s*|`[^`\n]*\b(?:env|envconfig):)"((?:HTTP|SERVER|APP|WEB|API|LISTEN|SERVICE)_PORT)[",]'
)
"""The server's own port variable under a prefixed name (APP_PORT; not DB_PORT: some other server's), read with
os.Getenv, os.LookupEnv or a helper (`getenv("APP_PORT", "6969")`), or bound by a struct tag (`env:"APP_PORT"`),
in whichever file builds the config."""


def port_name_env(code: str) -> str | None:
    """The prefixed port variable a file reads, if any."""
    m = _PORT_NAME_ENV.search(code)
    return m.group(1) if m else None


_ADDR_NAME_ENV = re.compile(
    r'\b(?:Getenv|LookupEnv|\w+)\(\s*"((?:(?:HTTP|SERVER|APP|WEB|API|LISTEN|BIND|SERVICE)_)?(?:ADDR|ADDRESS)'
    r'|(?:LISTEN|HTTP|BIND)_ADDR(?:ESS)?)"'
)
"""The server's own listen-address variable (ADDR, LISTEN_ADDR, HTTP_ADDR; not REDIS_ADDR): empty, net/http
listens on :80, which the image's non-root user cannot bind. The image sets it to `:PORT` (only when no port
variable is read: SERVER_ADDRESS beside SERVER_PORT is a host)."""


def addr_name_env(code: str) -> str | None:
    """The listen-address variable a file reads, if any."""
    m = _ADDR_NAME_ENV.search(code)
    return m.group(1) if m else None


_TAGGED_PORT = re.compile(r'`[^`\n]*\b(?:envconfig|env):"PORT[",]')
_UNTAGGED_PORT = re.compile(r'(?m)^[ \t]*Port[ \t]+\*?(?:u?int\d*|string)\b(?![^\n]*\benv(?:config)?:")')
"""A field named Port without an env tag: kelseyhightower/envconfig binds it to PREFIX_PORT by its name."""
_ENVCONFIG_PREFIX = re.compile(r'\benvconfig\.(?:Must)?Process\(\s*"([A-Za-z][A-Za-z0-9_]*)"')
"""kelseyhightower/envconfig's prefix: `envconfig.Process("app", &cfg)` reads APP_PORT for a field tagged PORT."""
_OPTIONS_PREFIX = re.compile(
    r'\b(?:env\.Options\{[^{}]*?\bPrefix:|PrefixLookuper\()\s*"([A-Za-z][A-Za-z0-9_]*)"', re.DOTALL
)
"""The prefix caarlos0/env's options (`env.Options{Prefix: "APP_"}`) or sethvargo/go-envconfig's
PrefixLookuper("APP_", …) put before every tag."""
_STRUCT = re.compile(r"\btype\s+(\w+)\s+struct\s*\{")
_PREFIX_FIELD = r'(?m)^[ \t]*\w+[ \t]+\*?{type}[ \t]+`[^`\n]*\benvPrefix:"([A-Za-z][A-Za-z0-9_]*)"'
"""caarlos0/env's nested struct: `Server ServerConfig \\`envPrefix:"SERVER_"\\`` prefixes the tags inside it."""


def tag_prefixed_port(codes: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(variable, file) of a port bound by a struct tag under a prefix (`envconfig.Process("app", &cfg)` with
    `envconfig:"PORT"` reads APP_PORT; caarlos0/env's envPrefix or Options.Prefix), if any: the image sets that
    variable, as PORT alone would not reach the app."""
    tagged = [(rel, code) for rel, code in codes if _TAGGED_PORT.search(code)]
    for _, code in codes:
        if m := _ENVCONFIG_PREFIX.search(code):
            where = tagged or [(rel, c) for rel, c in codes if _UNTAGGED_PORT.search(c)]
            if where:
                return f"{m.group(1).upper()}_PORT", where[0][0]
        if tagged and (m := _OPTIONS_PREFIX.search(code)):
            return f"{m.group(1).upper().rstrip('_')}_PORT", tagged[0][0]
    for rel, code in tagged:
        # The struct holding the tagged field, then a field of that type with an envPrefix tag.
        tag = _TAGGED_PORT.search(code)
        holders = [s for s in _STRUCT.finditer(code) if tag and s.start() < tag.start()]
        if not holders:
            continue
        field = re.compile(_PREFIX_FIELD.format(type=re.escape(holders[-1].group(1))))
        for _, other in codes:
            if m := field.search(other):
                return f"{m.group(1).upper().rstrip('_')}_PORT", rel
    return None


def port_variables(project: ProjectDir, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(variable, file) of the server's own port variables (APP_PORT), else of its address variables (ADDR)."""
    codes = [(rel, COMMENT.sub(lambda c: c.group(1) or "", go_source(project, rel))) for rel in files]
    prefixed = tag_prefixed_port(codes)
    ports = tuple((name, rel) for rel, code in codes if (name := port_name_env(code)))
    if prefixed:
        return (prefixed, *ports)
    if ports or any(PORT_ENV.search(code) for _, code in codes):
        return ports
    return tuple((name, rel) for rel, code in codes if (name := addr_name_env(code)))
