"""A parser for go.mod and go.work files, following the grammar of golang.org/x/mod/modfile.

A file is a list of lines; a line is a verb and its arguments; `verb (` opens a block whose lines are
each an argument list for that verb, closed by `)`. Arguments are bare words, "interpreted" strings,
`raw` strings, or `=>`. `//` starts a comment. Anything else is an error naming the file and line,
as `go build` would refuse it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaffold.errors import InputError
from scaffold.providers.go.version import go_minimum, toolchain_minimum

GO_MOD_VERBS = frozenset(
    {"module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"}
)
GO_WORK_VERBS = frozenset({"go", "toolchain", "godebug", "use", "replace"})


@dataclass(frozen=True)
class Stmt:
    verb: str
    args: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class GoMod:
    """What scaffold needs from a go.mod."""

    module: str
    go: str | None
    toolchain: str | None
    requires: tuple[str, ...]
    local_replaces: tuple[tuple[str, str], ...] = ()
    """(module path, directory) of each `replace … => ./dir` whose target is a directory, not a module."""
    versions: tuple[tuple[str, str], ...] = ()
    """(module path, version) of each requirement."""
    directives: tuple[tuple[str, int], ...] = ()
    """(verb, line) of the first use of each verb, to check against the Go release that first parses it."""


@dataclass(frozen=True)
class GoWork:
    """What scaffold needs from a go.work."""

    go: str | None
    toolchain: str | None
    uses: tuple[str, ...]
    directives: tuple[tuple[str, int], ...] = ()
    """(verb, line) of the first use of each verb."""


def parse_go_mod(path: str, text: str) -> GoMod:
    stmts = _statements(path, text, GO_MOD_VERBS)
    modules = [s for s in stmts if s.verb == "module"]
    if not modules:
        raise InputError(path, "no module directive (run `go mod init <path>`)")
    if len(modules) > 1:
        raise InputError(path, f"line {modules[1].line}: repeated module directive")
    module = _one_arg(path, modules[0])
    return GoMod(
        module=module,
        go=_version_directive(path, stmts, "go"),
        toolchain=_version_directive(path, stmts, "toolchain"),
        requires=tuple(s.args[0] for s in stmts if s.verb == "require" and s.args),
        local_replaces=tuple(r for s in stmts if s.verb == "replace" and (r := _local_replace(path, s))),
        versions=tuple((s.args[0], s.args[1]) for s in stmts if s.verb == "require" and len(s.args) > 1),
        directives=_first_uses(stmts),
    )


def _first_uses(stmts: list[Stmt]) -> tuple[tuple[str, int], ...]:
    first: dict[str, int] = {}
    for stmt in stmts:
        first.setdefault(stmt.verb, stmt.line)
    return tuple(first.items())


def is_directory_path(target: str) -> bool:
    """A replacement that is a directory (modfile.IsDirectoryPath): ./x, ../x, /x, or . and .. themselves."""
    return (
        target in (".", "..")
        or target.startswith(("./", "../", "/", ".\\", "..\\"))
        or (len(target) > 1 and target[1] == ":")
    )


def _local_replace(path: str, stmt: Stmt) -> tuple[str, str] | None:
    """`replace old [v] => new [v]`: (old, new) when new is a directory, else None."""
    if "=>" not in stmt.args:
        raise InputError(path, f"line {stmt.line}: replace needs `=>`")
    arrow = stmt.args.index("=>")
    old, new = stmt.args[:arrow], stmt.args[arrow + 1 :]
    if len(old) not in (1, 2) or len(new) not in (1, 2):
        raise InputError(path, f"line {stmt.line}: replace takes `module [version] => target [version]`")
    if not is_directory_path(new[0]):
        return None
    if len(new) == 2:
        raise InputError(path, f"line {stmt.line}: a replacement directory takes no version")
    return old[0], new[0]


def parse_go_work(path: str, text: str) -> GoWork:
    stmts = _statements(path, text, GO_WORK_VERBS)
    uses = []
    for stmt in stmts:
        if stmt.verb == "use":
            uses.append(_one_arg(path, stmt))
    return GoWork(
        go=_version_directive(path, stmts, "go"),
        toolchain=_version_directive(path, stmts, "toolchain"),
        uses=tuple(uses),
        directives=_first_uses(stmts),
    )


def _version_directive(path: str, stmts: list[Stmt], verb: str) -> str | None:
    found = [s for s in stmts if s.verb == verb]
    if not found:
        return None
    if len(found) > 1:
        raise InputError(path, f"line {found[1].line}: repeated {verb} directive")
    value = _one_arg(path, found[0])
    if verb == "toolchain" and value == "default":
        return None
    valid = go_minimum(value) if verb == "go" else toolchain_minimum(value)
    if valid is None:
        expected = "1.N or 1.N.P, e.g. 1.22.4" if verb == "go" else "go1.N.P, e.g. go1.22.4"
        raise InputError(path, f"line {found[0].line}: invalid {verb} version {value!r} (expected {expected})")
    return value


def _one_arg(path: str, stmt: Stmt) -> str:
    if len(stmt.args) != 1:
        raise InputError(path, f"line {stmt.line}: {stmt.verb} takes exactly one argument")
    return stmt.args[0]


def _statements(path: str, text: str, verbs: frozenset[str]) -> list[Stmt]:
    out: list[Stmt] = []
    block: tuple[str, int] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens = _tokens(path, number, raw)
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
            elif "(" in tokens or ")" in tokens:
                raise InputError(path, f"line {number}: unexpected parenthesis inside a {block[0]} block")
            else:
                out.append(Stmt(block[0], tuple(tokens), number))
            continue
        verb, args = tokens[0], tokens[1:]
        if verb not in verbs:
            raise InputError(path, f"line {number}: unknown directive {verb!r}")
        if args == ["("]:
            block = (verb, number)
        elif args == ["(", ")"]:
            continue
        elif "(" in args or ")" in args:
            raise InputError(path, f"line {number}: unexpected parenthesis")
        else:
            out.append(Stmt(verb, tuple(args), number))
    if block is not None:
        raise InputError(path, f"line {block[1]}: {block[0]} block is never closed")
    return out


def _tokens(path: str, number: int, line: str) -> list[str]:
    tokens: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in " \t\r":
            i += 1
        elif line.startswith("//", i):
            break
        elif ch in "()":
            tokens.append(ch)
            i += 1
        elif ch == '"':
            value, i = _interpreted(path, number, line, i)
            tokens.append(value)
        elif ch == "`":
            end = line.find("`", i + 1)
            if end < 0:
                raise InputError(path, f"line {number}: unterminated raw string")
            tokens.append(line[i + 1 : end])
            i = end + 1
        else:
            start = i
            while i < len(line) and line[i] not in ' \t\r()"`' and not line.startswith("//", i):
                i += 1
            tokens.append(line[start:i])
    return tokens


def _interpreted(path: str, number: int, line: str, start: int) -> tuple[str, int]:
    """A double-quoted string starting at `start`: its value and the index after it."""
    out: list[str] = []
    i = start + 1
    while i < len(line):
        ch = line[i]
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\" and i + 1 < len(line):
            out.append(line[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise InputError(path, f"line {number}: unterminated string")
