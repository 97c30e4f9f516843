"""Subcommands of a Go CLI (cobra, urfave/cli, kong, flag sets, a switch on os.Args[1]): the one that starts
the server."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scaffold.project import ProjectDir
from scaffold.providers.go.gofile import COMMENT, IGNORE_TAG, PACKAGE, block_end, go_source
from scaffold.providers.go.listen import LISTEN_CALL

_CLI_IMPORT = re.compile(
    r'"github\.com/(?:spf13/cobra|urfave/cli(?:/v\d+)?|alecthomas/kong)"|os\.Args\[1\]|flag\.Arg\(0\)'
)
"""A program that dispatches subcommands: cobra, urfave/cli, or its own switch on the first argument."""
_COMMAND_DECL = re.compile(
    # cobra's Use ("serve [flags]"), a flag set named for its subcommand, a case of a switch on os.Args[1],
    # and urfave/cli's Name: (flags have Names too: those inside a …Flag{ literal are skipped below).
    r'\bUse:\s*"(?P<use>[a-z][\w-]*)'
    r'|\bNewFlagSet\(\s*"(?P<flagset>[a-z][\w-]*)"'
    r'|\bcase\s+"(?P<case>[a-z][\w-]*)"\s*(?:,[^:]*)?:'
    r'|(?:os\.Args\[1\]|flag\.Arg\(0\))\s*==\s*"(?P<equals>[a-z][\w-]*)"'
    # kong's command field: `Serve ServeCmd \`cmd:"" help:"…"\`` is the subcommand `serve`.
    r'|^\s*(?P<kong>[A-Z]\w*)\s+\*?[\w.]+\s+`[^`\n]*\bcmd:""'
    r'|\bName:\s*"(?P<name>[a-z][\w-]*)"',
    re.MULTILINE,
)
_ARG_SWITCH = re.compile(r"os\.Args\[1\]|flag\.Arg\(0\)|\.Command\(\)")
"""A switch on the first argument (or kong's ctx.Command()): its `case "serve":` lines name subcommands."""
_EXECUTED = re.compile(r"\b(\w+)\.Execute(?:C|Context)?\(")
_CMD_VAR = re.compile(r'\b(\w+)\s*:?=\s*&cobra\.Command\{\s*Use:\s*"([a-z][\w-]*)')
SERVER_COMMANDS = ("serve", "server", "web", "http", "api", "start", "run", "daemon")
"""Subcommand names that start a server, most telling first: the one run when the listen call is elsewhere."""


@dataclass(frozen=True)
class _Command:
    """A file that declares subcommands or dispatches on them."""

    file: str
    code: str
    dispatches: bool
    """It imports a CLI framework or switches on os.Args[1]."""
    main: bool


def command_files(project: ProjectDir, files: Iterable[str]) -> list[_Command]:
    """The files that declare subcommands or dispatch on them, with their code (comments dropped)."""
    out = []
    for rel in files:
        text = go_source(project, rel)
        if not (_CLI_IMPORT.search(text) or _COMMAND_DECL.search(text)):
            continue
        package = PACKAGE.search(text)
        if package is None or IGNORE_TAG.search(text[: package.start()]):
            continue
        code = COMMENT.sub(lambda m: m.group(1) or "", text)
        out.append(_Command(rel, code, bool(_CLI_IMPORT.search(code)), package.group(1) == "main"))
    return out


def find_serve_command(files: list[_Command]) -> tuple[str, str] | None:
    """The subcommand that starts the server of a CLI (cobra, urfave/cli, flag sets, a switch on os.Args[1]):
    the one declared nearest before the listen call in the same file, else one named like a server (`serve`).
    None when the listen call follows the root command's own declaration (the root serves with no arguments)."""
    if not any(f.dispatches for f in files):
        return None
    roots = {m.group(1) for f in files for m in _EXECUTED.finditer(f.code)}
    root_uses = {m.group(2) for f in files for m in _CMD_VAR.finditer(f.code) if m.group(1) in roots}
    named: list[tuple[str, str]] = []
    for f in files:
        decls = [(pos, name, f.file) for pos, name in _declarations(f.code, root_uses)]
        listen = LISTEN_CALL.search(f.code)
        if listen is not None:
            # The innermost declaration whose literal (or block) holds the listen call.
            for pos, name, where in reversed([d for d in decls if d[0] < listen.start()]):
                if listen.start() < block_end(f.code, pos):
                    return (name, where) if name else None
        named += [(name, where) for _, name, where in decls if name]
    for word in SERVER_COMMANDS:
        for name, where in named:
            if name == word:
                return name, where
    return None


def _declarations(code: str, root_uses: set[str]) -> list[tuple[int, str]]:
    """(position, subcommand) of each command declared in `code`; a root command (cobra's executed command,
    urfave/cli's App) as an empty name."""
    out: list[tuple[int, str]] = []
    switches = bool(_ARG_SWITCH.search(code))
    cobra, urfave = '"github.com/spf13/cobra"' in code, '"github.com/urfave/cli' in code
    for m in _COMMAND_DECL.finditer(code):
        if m["name"] is not None and urfave:
            # The literal this Name: belongs to: the text before its opening brace says which.
            literal = code[max(0, m.start() - 200) : m.start()].rsplit("{", 1)[0][-12:]
            if "Flag" in literal:
                continue
            out.append((m.start(), "" if "App" in literal else m["name"]))
        elif m["use"] is not None and cobra:
            out.append((m.start(), "" if m["use"] in root_uses else m["use"]))
        elif m["kong"] is not None:
            name = re.sub(r"(?<!^)(?=[A-Z])", "-", m["kong"]).lower()
            if '"github.com/alecthomas/kong"' in code and name in SERVER_COMMANDS:
                out.append((m.start(), name))
        elif m["flagset"] is not None or m["equals"] is not None or (m["case"] is not None and switches):
            # A branch on the first argument may return before a server the program starts by default
            # (`if os.Args[1] == "migrate" { …; return }`): only a name that means serving counts.
            name = m["flagset"] or m["equals"] or m["case"]
            if name in SERVER_COMMANDS:
                out.append((m.start(), name))
    return out
