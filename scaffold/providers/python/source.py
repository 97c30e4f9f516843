"""What a Python source file says about how it runs, read with `ast` (the project's code is never imported or run).

One job: given a file's text, find the web apps it builds at module level (`app = FastAPI()`,
`app, rt = fast_app()`, `def create_app(): return Flask(...)`) and whether it has a `__main__` block.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Framework:
    """A web framework from the catalogue: where its constructors come from and what serves its apps."""

    name: str
    module: str
    constructors: tuple[str, ...]
    server: str
    writes_workdir: bool = False
    attribute: str = ""
    """The attribute of the framework's object that is the WSGI/ASGI app (Dash's `app.server`), if not itself."""
    loader: str = ""
    """What the server loads instead of `module:app` ({target} is that, or the module for a default app)."""
    decorators: tuple[str, ...] = ()
    """Module-level route decorators that register on the framework's default app (Bottle's `@route`)."""
    own_server: str = ""
    """The framework's own server command ({target} is `module.app`), used when the module calls `app.run(...)`."""


@dataclass(frozen=True)
class AppObject:
    """A web app a module builds: `target` is what the server loads after `module:` ("" for the framework's
    default app, which the module's route decorators fill)."""

    target: str
    framework: Framework


@dataclass(frozen=True)
class SourceFacts:
    apps: tuple[AppObject, ...]
    has_main: bool
    """`if __name__ == "__main__":` at module level: the file is meant to be run as a script."""
    imports: frozenset[str] = frozenset()
    """Top-level names of the modules it imports (`import streamlit as st` → streamlit)."""
    from_calls: tuple[str, ...] = ()
    """Module-level names assigned the result of a call (`app = create_app()`), whatever the call."""


EMPTY = SourceFacts((), False)


def scan(text: str, frameworks: tuple[Framework, ...]) -> SourceFacts:
    """The apps and `__main__` block of one module; a file that does not parse says nothing (EMPTY)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return EMPTY  # Python 2 or a template file: not something the image can run either way
    imported = _imports(tree)
    # Module-level functions that build an app (`def get_application(): return FastAPI(...)`).
    builders: dict[str, Framework] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found = next((f for sub in ast.walk(node) if (f := _framework_of(sub, imported, frameworks))), None)
            if found is not None:
                builders[node.name] = found
    apps: list[AppObject] = []
    from_calls: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets: list[ast.expr] = list(node.targets) if isinstance(node, ast.Assign) else [node.target]
            framework = _framework_of(node.value, imported, frameworks) or _built_by(node.value, builders)
            name = _first_name(targets)
            if name and isinstance(node.value, ast.Call):
                from_calls.append(name)
            if framework is not None and name:
                if framework.attribute:
                    # Dash: the server loads `server = app.server`; a module without that name has no loadable app.
                    name = _alias_of(tree, name, framework.attribute)
                if name:
                    apps.append(AppObject(name, framework))
    for name, framework in builders.items():
        # gunicorn calls a factory itself (`module:create_app()`); uvicorn would need --factory.
        if name in FACTORIES and framework.server == "gunicorn":
            apps.append(AppObject(f"{name}()", framework))
    if not apps:
        apps.extend(AppObject("", f) for f in _decorated_default(tree, imported, frameworks)[:1])
    modules = frozenset(v.lstrip("*").split(".")[0] for v in imported.values())
    return SourceFacts(tuple(apps), any(_is_main_block(n) for n in tree.body), modules, tuple(from_calls))


FACTORIES = frozenset({"create_app", "make_app", "get_app"})
"""Names of app factories by convention (Flask's docs call it create_app)."""


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name → the dotted thing it stands for (`from flask import Flask` → Flask: flask.Flask)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from fasthtml.common import *` (FastHTML's docs do this): any name may come from it.
                key = f"*{node.module}" if alias.name == "*" else alias.asname or alias.name
                out[key] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                out[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
    return out


def _framework_of(node: ast.AST, imported: dict[str, str], frameworks: tuple[Framework, ...]) -> Framework | None:
    """The framework whose constructor this expression calls, if any."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        stars = [m[1:] for m in imported if m.startswith("*")]
        dotted = imported.get(func.id, "") or next(
            (f"{m}.{func.id}" for m in stars if any(m.split(".")[0] == f.module for f in frameworks)), ""
        )
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in imported:
        dotted = f"{imported[func.value.id]}.{func.attr}"
    else:
        return None
    module, _, name = dotted.rpartition(".")
    for framework in frameworks:
        top = module.split(".")[0]
        if top == framework.module and name in framework.constructors:
            return framework
    return None


def _decorated_default(
    tree: ast.Module, imported: dict[str, str], frameworks: tuple[Framework, ...]
) -> list[Framework]:
    """Frameworks whose default app this module fills: a module-level function decorated with one of their route
    decorators (`from bottle import route` then `@route("/")`, or `@bottle.get("/")`)."""
    found: list[Framework] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(func, ast.Name):
                dotted = imported.get(func.id, "")
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                dotted = f"{imported.get(func.value.id, '')}.{func.attr}"
            else:
                continue
            module, _, name = dotted.rpartition(".")
            found += [f for f in frameworks if module == f.module and name in f.decorators and f not in found]
    return found


def _built_by(node: ast.expr, builders: dict[str, Framework]) -> Framework | None:
    """The framework of `app = get_application()` when that function is one of this module's app builders."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return builders.get(node.func.id)
    return None


def _alias_of(tree: ast.Module, app: str, attribute: str) -> str:
    """The module-level name bound to `<app>.<attribute>` (`server = app.server`), or ""."""
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        value = node.value
        if (
            isinstance(value, ast.Attribute)
            and value.attr == attribute
            and isinstance(value.value, ast.Name)
            and value.value.id == app
        ):
            targets: list[ast.expr] = list(node.targets) if isinstance(node, ast.Assign) else [node.target]
            return _first_name(targets)
    return ""


def _first_name(targets: list[ast.expr]) -> str:
    """`app = …` → app; `app, rt = fast_app()` → app (the helper returns the app first)."""
    target = targets[0] if targets else None
    if isinstance(target, ast.Tuple) and target.elts:
        target = target.elts[0]
    return target.id if isinstance(target, ast.Name) else ""


def _is_main_block(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    sides = [node.test.left, *node.test.comparators]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    consts = {s.value for s in sides if isinstance(s, ast.Constant)}
    return names == {"__name__"} and consts == {"__main__"}
