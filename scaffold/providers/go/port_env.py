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
# The default next to a PORT lookup: port = "8080", cmp.Or(os.Getenv("PORT"), "8080"), ":" + "8080"
PORT_DEFAULT = (
    re.compile(r'(?i)\bport\w*\s*:?=\s*"(\d{2,5})"'),
    re.compile(r'Getenv\(\s*"PORT"\s*\)\s*,\s*"(\d{2,5})"'),
)


_PORT_NAME_ENV = re.compile(r'\b(?:Getenv|LookupEnv|\w+)\(\s*"((?:HTTP|SERVER|APP|WEB|API|LISTEN|SERVICE)_PORT)"')
"""The server's own port variable under a prefixed name (APP_PORT; not DB_PORT: some other server's), read with
os.Getenv, os.LookupEnv or a helper (`getenv("APP_PORT", "6969")`), in whichever file builds the config."""


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


def port_variables(project: ProjectDir, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(variable, file) of the server's own port variables (APP_PORT), else of its address variables (ADDR)."""
    codes = [(rel, COMMENT.sub(lambda c: c.group(1) or "", go_source(project, rel))) for rel in files]
    ports = tuple((name, rel) for rel, code in codes if (name := port_name_env(code)))
    if ports or any(PORT_ENV.search(code) for _, code in codes):
        return ports
    return tuple((name, rel) for rel, code in codes if (name := addr_name_env(code)))
