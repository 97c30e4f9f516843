"""Nx: an application whose build lives in a `project.json` target (or a package.json `nx` key), not a script.

The image builds with the target itself (`nx run <project>:build`) and runs the file the target writes: its
`outputPath` (the option its `outputs` name) and the entry its executor emits for `main` (data in
scaffold/catalogue/node.toml). project.json is JSON: read, never executed. Executors whose output file cannot
be known statically are refused in one line saying which start command to set.
"""

from __future__ import annotations

import posixpath
from typing import Any

from scaffold.project import ProjectDir
from scaffold.providers.node.data import node_data
from scaffold.providers.node.framework import Shape, _clean, _host, _port


def nx_data() -> dict[str, Any]:
    table: dict[str, Any] = node_data().get("nx", {})
    return table


def detect_nx(project: ProjectDir, every: set[str], scripts: dict[str, str]) -> Shape | None:
    """The Nx application's build and start, when the project is an Nx workspace with a Node application whose
    build target Nx runs (and package.json's own build script, if any, only hands the work to nx)."""
    spec = nx_data()
    if not spec or not (project.has("nx.json") and spec["package"] in every):
        return None
    build = scripts.get("build", "")
    if build and spec["package"] not in build.split():
        return None  # the project builds with its own script: that wins
    found = _application(project, spec)
    if found is None:
        return None
    where, name, root, target = found
    executor = str(target.get("executor", ""))
    options = _table(target, "options")
    out = _output_path(options, root, name)
    entry = _entry(spec, executor, options, root, out)
    command = spec["build_command"].format(project=name, target=spec["target"])
    known = executor.replace("@nrwl/", "@nx/") in (*spec["bundlers"], *spec["compilers"])
    guess = (
        ()
        if known
        else (
            f"{where}: executor {executor!r} is not one scaffold knows; assuming it writes {entry} "
            "(set another with --set start='node <file>')",
        )
    )
    return Shape(
        spec["name"],
        "node",
        where,
        output=out,
        start=f"node {entry}",
        runtime_files=("package.json", out),
        host_env=_host(spec),
        port=_port(spec),
        build_env=tuple(spec.get("build_env", ())),
        build_command=command,
        test_target=_has_test_target(project, spec, where),
        notes=(f"Nx: the image builds with `{command}` ({where}, {executor}) and runs `node {entry}`", *guess),
    )


def _application(project: ProjectDir, spec: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]] | None:
    """(project.json path, project name, project root, build target) of the first application Nx can build."""
    candidates = ["project.json"] + [
        posixpath.join(folder, child.name, "project.json")
        for folder in spec["app_dirs"]
        if project.is_dir(folder)
        for child in sorted((project.root / folder).iterdir())
        if child.is_dir()
    ]
    for where in candidates:
        if not project.has(where):
            continue
        data = project.read_json(where)
        if not isinstance(data, dict) or data.get("projectType", "application") != "application":
            continue
        target = _table(data, "targets").get(spec["target"])
        if isinstance(target, dict) and isinstance(_table(target, "options").get("main"), str):
            root = posixpath.dirname(where)
            return where, str(data.get("name") or posixpath.basename(root) or project.root.name), root, target
    return None


def _has_test_target(project: ProjectDir, spec: dict[str, Any], where: str) -> bool:
    """Whether Nx has a `test` target for the app: in its project.json, or inferred by a test plugin in nx.json."""
    data = project.read_json(where)
    if isinstance(data, dict) and "test" in _table(data, "targets"):
        return True
    workspace = project.read_json("nx.json")
    plugins = workspace.get("plugins", []) if isinstance(workspace, dict) else []
    names = [p if isinstance(p, str) else _table({"p": p}, "p").get("plugin") for p in plugins or []]
    return any(isinstance(n, str) and n.startswith(tuple(spec["test_plugins"])) for n in names)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """data[key] when it is a JSON object, else {} (project.json is the user's: any shape may come)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _output_path(options: dict[str, Any], root: str, name: str) -> str:
    raw = str(options.get("outputPath") or posixpath.join("dist", root or name))
    raw = raw.replace("{workspaceRoot}/", "").replace("{projectRoot}", root or ".").replace("{projectName}", name)
    return _clean(raw)


def _entry(spec: dict[str, Any], executor: str, options: dict[str, Any], root: str, out: str) -> str:
    """The file the executor writes for `main`: bundlers name it after main (or outputFileName), tsc/swc keep
    main's path under the project root; another executor is assumed to write <outputPath>/<main>.js (a note says
    so, and `--set start=...` corrects it)."""
    main = str(options["main"])
    stem = posixpath.splitext(posixpath.basename(main))[0]
    kind = executor.replace("@nrwl/", "@nx/")
    if kind in spec["bundlers"]:
        extension = ".js"
        mapped = _table(_table(options, "esbuildOptions"), "outExtension").get(".js")
        if isinstance(mapped, str) and mapped.startswith("."):
            extension = mapped
        file = str(options.get("outputFileName") or stem + extension)
        return _clean(posixpath.join(out, file))
    if kind in spec["compilers"]:
        inside = posixpath.relpath(posixpath.splitext(main)[0], root or ".")
        return _clean(posixpath.join(out, inside + ".js"))
    return _clean(posixpath.join(out, stem + ".js"))
