"""Where the built-in templates are."""

from __future__ import annotations

from pathlib import Path

from scaffold.errors import TemplateError

_PACKAGE = Path(__file__).resolve().parent  # scaffold/


def templates_root() -> Path:
    """The built-in templates: inside the wheel, or at the top of a source checkout."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError("built-in templates not found: the installation is incomplete")


def builtin_template(language: str) -> Path:
    path = templates_root() / language
    if not (path / "cookiecutter.json").is_file():
        raise TemplateError(f"no built-in template for {language!r}")
    return path
