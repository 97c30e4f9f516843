"""Tool output shown by verify (a failure's hint, its last lines) is plain text: colours and cursor escapes a tool
prints into a pipe (Strapi, Nest, Vite, npm) are dropped, the words kept."""

from __future__ import annotations

from scaffold.verify.build import plain, tail

COLOURED = "\x1b[32mready\x1b[39m\n\x1b[1m\x1b[31mERROR:\x1b[39m\x1b[22m Error parsing url: undefined\x1b[0m\n"


def test_colours_are_dropped_from_the_lines_shown() -> None:
    assert tail(COLOURED, 1) == "ERROR: Error parsing url: undefined"
    assert tail(COLOURED) == "ready\nERROR: Error parsing url: undefined"


def test_cursor_moves_and_window_titles_are_dropped_too() -> None:
    assert plain("\x1b[2K\x1b[1Gbuilding\x1b]0;npm run build\x07 done") == "building done"


def test_plain_text_is_unchanged() -> None:
    text = "Error: listen EADDRINUSE: address already in use :::3000 [x] 50%"
    assert plain(text) == text
