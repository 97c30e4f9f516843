"""Files Go code reads at run time: path literals, embeds, viper's config files, godotenv's .env files, and
calls that write to the working directory."""

from __future__ import annotations

import re
from posixpath import join

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import COMMENT, go_source

EMBED = re.compile(r"^//go:embed\s+(.+)$", re.MULTILINE)
# Calls that open files by path at run time (templates, static assets, data): their string literals name
# files the binary needs beside it, unless they are embedded.
_OPENS = re.compile(
    r"\b(?:ParseFiles|ParseGlob|LoadHTMLGlob|LoadHTMLFiles|Static|StaticFile|ServeFile|Dir|ReadFile|ReadDir|Open)"
    r"\(([^()]*)\)"
)
_LITERAL = re.compile(r'"([^"\\]+)"')
_PATH_LITERAL = re.compile(r'"(?:file://)?((?:\./)?[A-Za-z0-9_][\w.\-]*(?:/[\w.\-*]*)*)"')
"""A string literal shaped like a relative path (`"web"`, `"createTable.sql"`, `"templates/"`): one that names a
file of the module is read at run time, whatever the call (filepath.Join, a helper, a constant, a flag default, a
golang-migrate source `"file://migrations"`)."""
_IMPORTS = re.compile(r'^import\s*(?:\([^)]*\)|[\w.]*\s*"[^"]*")', re.MULTILINE)
WRITES = re.compile(
    r'\b(?:os|ioutil)\.(?:WriteFile|Create|Mkdir|MkdirAll|OpenFile)\(|\bsql(?:x)?\.Open\(\s*"sqlite3?"|\bsqlite\.Open\('
)
"""Calls that create files in the working directory (an SQLite database included: sql.Open("sqlite3", "app.db"))."""


_JOIN_LITERALS = re.compile(r'\b(?:filepath|path)\.Join\(\s*("[\w.-]+"(?:\s*,\s*"[\w.-]+")+)\s*[,)]')
_VIPER_NAME = re.compile(r'SetConfigName\(\s*"([\w.-]+)"\s*\)')
_VIPER_PATH = re.compile(r'AddConfigPath\(\s*"([^"\\]+)"\s*\)')
VIPER_TYPES = (".yaml", ".yml", ".json", ".toml", ".env", ".ini", ".hcl", ".properties")
"""The extensions viper tries for a config named by SetConfigName, in each AddConfigPath directory."""


def paths_read(code: str) -> tuple[list[str], list[str]]:
    """The path literals of calls that open files (and the files viper looks for), and every path-shaped
    literal outside the imports."""
    opened = [lit for call in _OPENS.finditer(code) for lit in _LITERAL.findall(call.group(1))]
    dirs = _VIPER_PATH.findall(code) or ["."]
    opened += [join(d, name + ext) for name in _VIPER_NAME.findall(code) for d in dirs for ext in VIPER_TYPES]
    named = _PATH_LITERAL.findall(_IMPORTS.sub("", code))
    # filepath.Join("client", "build"): the path its literal arguments make (a frontend build served from it).
    named += ["/".join(_LITERAL.findall(m.group(1))) for m in _JOIN_LITERALS.finditer(code)]
    return opened, named


def embed_patterns(args: str) -> list[str]:
    """The patterns of one //go:embed line (space-separated or quoted); `all:` only affects hidden files."""
    out = []
    for token in re.findall(r'"[^"]*"|`[^`]*`|\S+', args):
        if token.startswith("//"):
            break
        pattern = token.strip('"`').removeprefix("all:")
        if pattern:
            out.append(pattern)
    return out


_DOTENV_LOAD = re.compile(r"\bgodotenv\.(?:Must)?(?:Load|Overload)\(([^()]*)\)")
_ENV_FILE_NAME = re.compile(r"\.env(?:\.[\w-]+)?|[\w-]+\.env")


def dotenv_loads(project: ProjectDir, rel: str) -> list[tuple[str, str]]:
    """The .env files `rel` loads with godotenv from the working directory: `.env` for Load(), else the plain
    .env-shaped names it is given (a path with a folder, or a variable, is left alone)."""
    text = go_source(project, rel)
    if "godotenv" not in text:
        return []
    out = []
    for m in _DOTENV_LOAD.finditer(COMMENT.sub(lambda c: c.group(1) or "", text)):
        names = _LITERAL.findall(m.group(1)) if m.group(1).strip() else [".env"]
        out += [(n, rel) for n in names if _ENV_FILE_NAME.fullmatch(n)]
    return out
