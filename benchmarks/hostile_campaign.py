"""Hostile-input campaign (issue 9): run attacker and unlucky-user cases against the real CLI and count.

Each case builds a project in a fresh temporary directory (with an `outside/` sibling holding a secret and a
marker path that an injected command would create), runs `python -m scaffold` as a subprocess and looks at
what a user would: exit code, stderr, files on disk. Printed per case, then totals:

    tried  clean-errors  code-exec  writes-outside  files-lost  tracebacks  hangs  secrets-shown  wrong

`clean-errors` counts runs that failed with exactly one `error:` line and no traceback. `wrong` counts cases
whose outcome is not what issue 9 asks for (an accepted bad value, a lie about what was written, ...).

    .venv/bin/python -m benchmarks.hostile_campaign [--src CHECKOUT] [--only SUBSTRING] [--quick]

`--src` runs another checkout's scaffold (e.g. a worktree of origin/main) with this venv's dependencies.
Network cases use a server of our own on 127.0.0.1 that accepts and never answers; nothing else is contacted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.silent_server import silent_server  # noqa: E402

HANG_LIMIT = 75.0
"""Seconds after which a run counts as a hang (the old git timeout was 300 s)."""
SECRET = "SECRET-CONTENT-do-not-print"


@dataclass
class Run:
    rc: int | None
    out: str
    err: str
    seconds: float


@dataclass
class Outcome:
    case: str
    runs: list[Run] = field(default_factory=list)
    clean_error: bool = False
    code_exec: bool = False
    outside: bool = False
    lost: int = 0
    traceback: bool = False
    startup_traceback: bool = False
    """A KeyboardInterrupt traceback printed by Python's own start-up, before any scaffold code ran."""
    hang: bool = False
    secret: bool = False
    internal: bool = False
    """A run ended in exit 70 (scaffold's own bug) where the input was bad."""
    wrong: str = ""


@dataclass
class Env:
    """One case's sandbox: proj/ (the project), outside/ (must stay untouched), MARKER (must never appear)."""

    base: Path
    src: Path
    outside_before: dict[str, bytes] | None = None
    """outside/ as the case set it up, taken just before its first CLI run."""

    @property
    def proj(self) -> Path:
        return self.base / "proj"

    @property
    def outside(self) -> Path:
        return self.base / "outside"

    @property
    def marker(self) -> Path:
        return self.base / "MARKER"

    def inject(self) -> str:
        """Jinja that runs `touch MARKER` (from $HOSTILE) if it is ever evaluated: no space, quote or slash in it."""
        return "{{cycler.__init__.__globals__.os.popen(cycler.__init__.__globals__.os.environ.HOSTILE).read()}}"

    def write(self, rel: str, text: str) -> Path:
        path = self.proj / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return path

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "scaffold", *args]

    def environ(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "PYTHONPATH": str(self.src), "XDG_CACHE_HOME": str(self.base / "cache")}
        env["HOSTILE"] = f"touch {self.marker}"
        env["HOME"] = str(self.base / "home")
        env.pop("SCAFFOLD_DEBUG", None)
        env.update(extra)
        return env

    def run(self, *args: str, limit: float = HANG_LIMIT, extra: dict[str, str] | None = None) -> Run:
        if self.outside_before is None:
            self.outside_before = snapshot(self.outside)
        start = time.monotonic()
        proc = subprocess.Popen(
            self.cmd(*args),
            cwd=self.proj,
            env=self.environ(**(extra or {})),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=limit)
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = None
        return Run(rc, out, err, time.monotonic() - start)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under root (iteratively: the deep-tree case must not break the campaign)."""
    out = {}
    stack = [root]
    while stack:
        directory = stack.pop()
        with contextlib.suppress(OSError), os.scandir(directory) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        out[Path(entry.path).relative_to(root).as_posix()] = Path(entry.path).read_bytes()
    return out


def is_clean_error(run: Run) -> bool:
    lines = [line for line in run.err.splitlines() if line.strip()]
    return run.rc not in (None, 0) and len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in run.err


def lost_files(before: dict[str, bytes], proj: Path) -> int:
    """User files whose original bytes are neither in place nor in a .bak beside them."""
    after = snapshot(proj)
    lost = 0
    for rel, data in before.items():
        if after.get(rel) == data:
            continue
        backups = [v for k, v in after.items() if k == rel + ".bak" or k.startswith(rel + ".bak.")]
        if data not in backups:
            lost += 1
    return lost


# ---------------------------------------------------------------- projects


def node_project(env: Env, start: str = "node server.js", name: str = "app") -> None:
    pkg = {"name": name, "version": "1.0.0", "scripts": {"start": start}, "dependencies": {}}
    env.write("package.json", json.dumps(pkg, ensure_ascii=True))
    env.write("server.js", "require('http').createServer().listen(3000)\n")


def go_project(env: Env, module: str = "example.com/app") -> None:
    env.write("go.mod", f"module {module}\n\ngo 1.22\n")
    env.write("main.go", 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n')


def python_project(env: Env) -> None:
    env.write("requirements.txt", "flask\n")
    env.write("app.py", "from flask import Flask\napp = Flask(__name__)\n")


def template_dir(env: Env, name: str, cookiecutter: dict[str, object], files: dict[str, str]) -> Path:
    root = env.base / name
    top = root / "{{cookiecutter.project_dir}}"
    top.mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps({"project_dir": "project", **cookiecutter}))
    for rel, text in files.items():
        path = top / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


# ---------------------------------------------------------------- cases

CaseFn = Callable[[Env, Outcome], None]
CASES: list[tuple[str, str, CaseFn]] = []
"""(name, expectation, fn): expectation is 'error' (refuse, one line) or 'ok' (succeed, value kept literal)."""


def case(name: str, expect: str) -> Callable[[CaseFn], CaseFn]:
    def register(fn: CaseFn) -> CaseFn:
        CASES.append((name, expect, fn))
        return fn

    return register


def _jinja_cases() -> None:
    modes = {"init": ("init", "--yes"), "dry-run": ("init", "--yes", "--dry-run"), "diff": ("init", "--yes", "--diff")}

    def go_embed(env: Env) -> None:
        go_project(env)
        source = f'package main\n\nimport _ "embed"\n\n//go:embed {env.inject()}\nvar s string\n\nfunc main() {{}}\n'
        env.write("main.go", source)

    def req_include(env: Env) -> None:
        name = env.inject() + ".txt"
        env.write("requirements.txt", f"flask\n-r {name}\n")
        env.write(name, "gunicorn\n")
        env.write("app.py", "from flask import Flask\napp = Flask(__name__)\n")

    def console_script(env: Env) -> None:
        env.write(
            "pyproject.toml",
            f'[project]\nname = "app"\nversion = "1"\n[project.scripts]\n"{env.inject()}" = "app:main"\n',
        )
        env.write("app.py", "def main(): pass\n")

    def cmd_dir(env: Env) -> None:
        go_project(env)
        (env.proj / "main.go").unlink()
        env.write(f"cmd/{env.inject()}/main.go", "package main\n\nfunc main() {}\n")

    def procfile(env: Env) -> None:
        python_project(env)
        env.write("Procfile", f"web: gunicorn {env.inject()}:app\n")

    setups: dict[str, Callable[[Env], None]] = {
        "package.json scripts.start": lambda env: node_project(env, f"node {env.inject()}.js"),
        "go.mod module path": lambda env: go_project(env, f'"example.com/{env.inject()}"'),
        "Procfile": procfile,
        "console-script name": console_script,
        "cmd/ directory name": cmd_dir,
        "//go:embed pattern": go_embed,
        "-r file name": req_include,
    }
    for where, setup in setups.items():
        for mode, args in modes.items():

            def fn(env: Env, o: Outcome, setup: Callable[[Env], None] = setup, args: tuple[str, ...] = args) -> None:
                setup(env)
                o.runs.append(env.run(*args))

            case(f"jinja in {where} ({mode})", "any")(fn)

    @case("jinja arithmetic {{7*7}} in scripts.start stays literal", "ok")
    def seven(env: Env, o: Outcome) -> None:
        node_project(env, "node {{7*7}}.js")
        o.runs.append(env.run("init", "--yes"))
        text = (env.proj / "Dockerfile").read_text() if (env.proj / "Dockerfile").exists() else ""
        if '"49.js"' in text:
            o.code_exec = True

    for mode, args in {**modes, "check": ("check",)}.items():
        if args[0] != "check":

            def via_set(env: Env, o: Outcome, args: tuple[str, ...] = args) -> None:
                node_project(env)
                o.runs.append(env.run(*args, "--set", f"app_name={env.inject()}"))

            case(f"jinja in --set ({mode})", "any")(via_set)

        def via_record(env: Env, o: Outcome, args: tuple[str, ...] = args) -> None:
            node_project(env)
            env.run("init", "--yes")
            rec = env.proj / ".scaffold.yaml"
            if rec.exists():
                text = rec.read_text()
                sep = "answers:" in text
                inj = env.inject().replace("'", "''")
                rec.write_text(text.replace("answers: {}", f"answers:\n  app_name: '{inj}'") if sep else text)
            o.runs.append(env.run(*args))

        case(f"jinja in .scaffold.yaml answers ({mode})", "any")(via_record)


def _template_cases() -> None:
    @case("template file named {{cookiecutter.abs}} = absolute path (init)", "error")
    def abs_init(env: Env, o: Outcome) -> None:
        node_project(env)
        target = env.outside / "escaped"
        tpl = template_dir(env, "tpl", {"abs": str(target)}, {"Dockerfile": "FROM x\n", "{{cookiecutter.abs}}": "x\n"})
        o.runs.append(env.run("init", "--yes", "--template", str(tpl)))

    @case("template file named {{cookiecutter.abs}} = absolute path (validate)", "error")
    def abs_validate(env: Env, o: Outcome) -> None:
        target = env.outside / "escaped"
        tpl = template_dir(env, "tpl", {"abs": str(target)}, {"Dockerfile": "FROM x\n", "{{cookiecutter.abs}}": "x\n"})
        o.runs.append(env.run("templates", "validate", str(tpl)))

    @case("template Jinja in file contents runs Python without --trust", "error")
    def contents(env: Env, o: Outcome) -> None:
        node_project(env)
        tpl = template_dir(env, "tpl", {}, {"Dockerfile": f"FROM x\nLABEL a={env.inject()}\n"})
        o.runs.append(env.run("init", "--yes", "--template", str(tpl)))

    @case("template default expression in cookiecutter.json runs Python", "error")
    def default_expr(env: Env, o: Outcome) -> None:
        node_project(env)
        tpl = template_dir(env, "tpl", {"evil": env.inject()}, {"Dockerfile": "FROM x\n"})
        o.runs.append(env.run("init", "--yes", "--template", str(tpl)))

    @case("template _extensions without --trust", "error")
    def extensions(env: Env, o: Outcome) -> None:
        node_project(env)
        tpl = template_dir(env, "tpl", {"_extensions": ["evilext.Ext"]}, {"Dockerfile": "FROM x\n"})
        (tpl / "evilext.py").write_text(
            f"import pathlib\npathlib.Path({str(env.marker)!r}).touch()\n"
            "from jinja2.ext import Extension\nclass Ext(Extension):\n    pass\n"
        )
        o.runs.append(env.run("init", "--yes", "--template", str(tpl), extra={"PYTHONPATH": f"{env.src}:{tpl}"}))


def _value_cases() -> None:
    bad = {
        "port=abc": ("node", "port=abc"),
        "port=99999": ("node", "port=99999"),
        "newline in app_name": ("node", "app_name=x\nRUN touch /tmp/pwned"),
        "go_version=../../x": ("go", "go_version=../../x"),
        "quote in app_name": ("node", 'app_name=a"b'),
    }
    for label, (lang, setting) in bad.items():

        def fn(env: Env, o: Outcome, lang: str = lang, setting: str = setting) -> None:
            if lang == "go":
                go_project(env)
            else:
                node_project(env)
            o.runs.append(env.run("init", "--yes", "--set", setting))

        case(f"bad value --set {label}", "error")(fn)

    @case("go.mod `go 1.2x.y`", "error")
    def go_version(env: Env, o: Outcome) -> None:
        env.write("go.mod", "module example.com/app\n\ngo 1.2x.y\n")
        env.write("main.go", "package main\n\nfunc main() {}\n")
        o.runs.append(env.run("init", "--yes"))

    @case("pyproject name = 5", "error")
    def pyname(env: Env, o: Outcome) -> None:
        env.write("pyproject.toml", '[project]\nname = 5\nversion = "1"\n')
        env.write("app.py", "print(1)\n")
        o.runs.append(env.run("init", "--yes"))


def _crash_cases() -> None:
    @case("package.json nested 100,000 deep", "error")
    def nested(env: Env, o: Outcome) -> None:
        env.write("package.json", '{"name":"a","x":' + "[" * 100_000 + "]" * 100_000 + "}")
        o.runs.append(env.run("init", "--yes"))

    @case("lone surrogate \\ud800 in scripts.start", "any")
    def surrogate(env: Env, o: Outcome) -> None:
        env.write("package.json", '{"name":"app","scripts":{"start":"node \\ud800.js"}}')
        o.runs.append(env.run("init", "--yes"))
        o.runs.append(env.run("detect"))

    @case("tree 1,000 directories deep", "any")
    def deep(env: Env, o: Outcome) -> None:
        go_project(env)
        path = env.proj
        for _ in range(1000):  # one level at a time: pathlib's mkdir(parents=True) recurses
            path = path / "d"
            path.mkdir()
        (path / "x.go").write_text("package d\n")
        o.runs.append(env.run("init", "--yes"))

    @case("Ctrl-C in the first 10-70 ms", "any")
    def early_int(env: Env, o: Outcome) -> None:
        node_project(env)
        for delay in (0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.09, 0.12, 0.15):
            proc = subprocess.Popen(
                env.cmd("init", "--yes"),
                cwd=env.proj,
                env=env.environ(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(delay)
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            o.runs.append(Run(proc.returncode, out, err, delay))
        # -2: killed by the SIGINT itself before the interpreter set its handler (no output, nothing ran).
        if any(r.rc not in (0, 130, -2) for r in o.runs):
            o.wrong = "exit code not 0/130 after early Ctrl-C: " + " ".join(str(r.rc) for r in o.runs)

    @case("Procfile with rich markup [/]", "any")
    def markup_procfile(env: Env, o: Outcome) -> None:
        python_project(env)
        env.write("Procfile", "web: gunicorn app:app [/]\n")
        o.runs.append(env.run("init", "--yes"))

    @case("--set 'app_name=[/]'", "any")
    def markup_set(env: Env, o: Outcome) -> None:
        node_project(env)
        o.runs.append(env.run("init", "--yes", "--set", "app_name=[/]"))

    @case("[bold]x in a script is printed literally", "ok")
    def markup_bold(env: Env, o: Outcome) -> None:
        node_project(env, "node [bold]x.js")
        run = env.run("detect")
        o.runs.append(run)
        if "[bold]x" not in run.out:
            o.wrong = "[bold]x printed without its markup"


def _read_cases() -> None:
    def secret_file(env: Env) -> Path:
        env.outside.mkdir(parents=True, exist_ok=True)
        path = env.outside / "secret.txt"
        path.write_text(f"{SECRET}\nsecond line\n")
        return path

    @case("requirements.txt -r ../outside/secret.txt", "error")
    def req_outside(env: Env, o: Outcome) -> None:
        secret_file(env)
        env.write("requirements.txt", "flask\n-r ../outside/secret.txt\n")
        env.write("app.py", "print(1)\n")
        o.runs.append(env.run("init", "--yes"))

    @case("requirements.txt -r ../../../../etc/passwd", "error")
    def req_passwd(env: Env, o: Outcome) -> None:
        env.write("requirements.txt", "flask\n-r ../../../../../../../../etc/passwd\n")
        env.write("app.py", "print(1)\n")
        o.runs.append(env.run("init", "--yes"))
        if any("root:x" in r.err + r.out or "/usr/sbin/nologin" in r.err + r.out for r in o.runs):
            o.secret = True

    @case("go.mod is a symlink to a file outside", "error")
    def gomod_link(env: Env, o: Outcome) -> None:
        secret = secret_file(env)
        env.write("main.go", "package main\n\nfunc main() {}\n")
        (env.proj / "go.mod").symlink_to(secret)
        o.runs.append(env.run("init", "--yes"))

    @case("go.work use ../outside", "error")
    def gowork(env: Env, o: Outcome) -> None:
        env.outside.mkdir(parents=True, exist_ok=True)
        (env.outside / "go.mod").write_text("module example.com/outside\n\ngo 1.22\n")
        (env.outside / "main.go").write_text("package main\n\nfunc main() {}\n")
        env.write("go.work", "go 1.22\n\nuse ../outside\n")
        o.runs.append(env.run("init", "--yes"))

    @case(".scaffold.yaml is a symlink to a file outside", "error")
    def record_link(env: Env, o: Outcome) -> None:
        node_project(env)
        env.outside.mkdir(parents=True, exist_ok=True)
        (env.outside / "rec.yaml").write_text(
            f"answers: {{app_name: {SECRET}}}\ntemplate: {{kind: builtin, location: node}}\n"
        )
        (env.proj / ".scaffold.yaml").symlink_to(env.outside / "rec.yaml")
        o.runs.append(env.run("init", "--yes", "--dry-run"))

    @case("package.json is a symlink to a file outside", "error")
    def pkg_link(env: Env, o: Outcome) -> None:
        env.outside.mkdir(parents=True, exist_ok=True)
        (env.outside / "package.json").write_text(json.dumps({"name": SECRET, "scripts": {"start": "node x"}}))
        env.proj.mkdir(parents=True, exist_ok=True)
        (env.proj / "package.json").symlink_to(env.outside / "package.json")
        o.runs.append(env.run("init", "--yes"))


def _trust_cases() -> None:
    """Issue 18: what a template may write, whose code may run, what a project or template can exhaust."""

    def git_dir(env: Env) -> dict[str, bytes]:
        (env.proj / ".git").mkdir(parents=True, exist_ok=True)
        (env.proj / ".git" / "config").write_text("[core]\n\tbare = false\n")
        return snapshot(env.proj / ".git")

    for flags in ((), ("--force",)):

        def via_git(env: Env, o: Outcome, flags: tuple[str, ...] = flags) -> None:
            go_project(env)
            before = git_dir(env)
            evil = f"[core]\n\tfsmonitor = touch {env.marker}\n"
            tpl = template_dir(env, "tpl", {}, {"Dockerfile": "FROM x\n", ".git/commondir": "x\n", ".git/config": evil})
            o.runs.append(env.run("init", "--yes", "--template", str(tpl), *flags))
            if snapshot(env.proj / ".git") != before:
                o.wrong = "a template wrote under .git/"

        case(f"template writes .git/commondir and .git/config ({' '.join(flags) or 'init'})", "error")(via_git)

    @case("templates validate: a template writing .git/config", "error")
    def validate_git(env: Env, o: Outcome) -> None:
        tpl = template_dir(env, "tpl", {}, {"Dockerfile": "FROM x\n", ".git/config": "x\n"})
        o.runs.append(env.run("templates", "validate", str(tpl)))

    @case("template writes an undeclared compose.yaml", "error")
    def undeclared(env: Env, o: Outcome) -> None:
        go_project(env)
        tpl = template_dir(env, "tpl", {}, {"Dockerfile": "FROM x\n", "compose.yaml": "services: {}\n"})
        o.runs.append(env.run("init", "--yes", "--template", str(tpl)))
        if (env.proj / "compose.yaml").exists():
            o.wrong = "an undeclared file was written"


def _source_cases() -> None:
    """Whose code may run: trust belongs to a source."""

    def hooked(env: Env, name: str, hook: str) -> Path:
        tpl = template_dir(env, name, {}, {"Dockerfile": "FROM x\n"})
        (tpl / "hooks").mkdir()
        (tpl / "hooks" / "post_gen_project.py").write_text(hook)
        return tpl

    @case("update --trust <old source> after a PR changed .scaffold.yaml's template", "error")
    def moved(env: Env, o: Outcome) -> None:
        go_project(env)
        good = hooked(env, "good", "pass\n")
        evil = hooked(env, "evil", f"import pathlib; pathlib.Path({str(env.marker)!r}).touch()\n")
        env.run("init", "--yes", "--template", str(good), "--trust", str(good))
        rec = env.proj / ".scaffold.yaml"
        rec.write_text(rec.read_text().replace(str(good), str(evil)))
        o.runs.append(env.run("update", "--force", "--trust", str(good)))

    @case("bare `update --trust` (the old form)", "error")
    def bare(env: Env, o: Outcome) -> None:
        go_project(env)
        env.run("init", "--yes")
        o.runs.append(env.run("update", "--trust"))

    @case("project config: section names a template URL", "error")
    def redirect(env: Env, o: Outcome) -> None:
        go_project(env)
        env.write(".scaffold.yaml", "config:\n  template: http://127.0.0.1:9/evil.git\n")
        o.runs.append(env.run("init", "--yes"))


def _limit_cases() -> None:
    """What a template source or a template can exhaust."""

    for kind in ("fifo", "/dev/zero"):

        def special_zip(env: Env, o: Outcome, kind: str = kind) -> None:
            go_project(env)
            archive = env.base / "tpl.zip"
            if kind == "fifo":
                os.mkfifo(archive)
            else:
                archive.symlink_to(kind)
            o.runs.append(env.run("init", "--yes", "--template", str(archive), limit=30))

        case(f"zip template source is a {kind}", "error")(special_zip)

    @case("zip template of ~300 KB expanding to 300 MB", "error")
    def bomb(env: Env, o: Outcome) -> None:
        import zipfile

        go_project(env)
        archive = env.base / "tpl.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr("t/cookiecutter.json", '{"project_dir": "p"}')
            zf.writestr("t/{{cookiecutter.project_dir}}/Dockerfile", "FROM x\n")
            zf.writestr("t/{{cookiecutter.project_dir}}/filler", bytes(300 * 1024 * 1024))
        o.runs.append(env.run("init", "--yes", "--template", str(archive)))
        cache = snapshot(env.base / "cache")
        if sum(len(v) for v in cache.values()) > 100 * 1024 * 1024:
            o.wrong = "the zip was expanded into the cache"

    bounds = {
        "loops 10^10 times": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "allocates 4 GB": "{{ 'x' * 4000000000 }}",
        "renders 50 MB": "{% for a in range(50) %}{{ 'x' * 1000000 }}{% endfor %}",
    }
    for label, body in bounds.items():

        def bounded(env: Env, o: Outcome, body: str = body) -> None:
            go_project(env)
            tpl = template_dir(env, "tpl", {}, {"Dockerfile": body + "FROM x\n"})
            o.runs.append(env.run("init", "--yes", "--template", str(tpl), extra={"SCAFFOLD_RENDER_TIMEOUT": "5"}))

        case(f"untrusted template {label}", "error")(bounded)


def _hole_cases() -> None:
    """The smaller holes of issue 18 item 6."""

    @case(".scaffold.yaml of 9 MB", "error")
    def big_record(env: Env, o: Outcome) -> None:
        go_project(env)
        env.write(".scaffold.yaml", "answers: {}\n" + "#" * (9 * 1024 * 1024) + "\n")
        o.runs.append(env.run("init", "--yes", "--dry-run"))

    @case("Streamlit root script named a$(touch MARKER).py", "ok")
    def streamlit(env: Env, o: Outcome) -> None:
        env.write("requirements.txt", "streamlit\n")
        env.write("a$(touch${IFS}MARKER).py", "import streamlit as st\n")
        o.runs.append(env.run("init", "--yes"))
        text = (env.proj / "Dockerfile").read_text() if (env.proj / "Dockerfile").exists() else ""
        if "streamlit run a$(" in text:
            o.wrong = "the file name reaches the shell unquoted"

    @case('Procfile `web: BAR="x y" gunicorn app:app`', "ok")
    def procfile_exec(env: Env, o: Outcome) -> None:
        python_project(env)
        env.write("Procfile", 'web: BAR="x y" gunicorn app:app\n')
        o.runs.append(env.run("init", "--yes"))
        text = (env.proj / "Dockerfile").read_text() if (env.proj / "Dockerfile").exists() else ""
        if 'BAR=\\"x y\\" exec gunicorn' not in text:
            o.wrong = "exec was not put before the command"

    @case("--set entry=../../../bin/sh (entry_kind=file)", "error")
    def script_path(env: Env, o: Outcome) -> None:
        python_project(env)
        o.runs.append(env.run("init", "--yes", "--set", "entry_kind=file", "--set", "entry=../../../bin/sh"))

    @case(".scaffold.yaml records ../outside/keep.txt (check)", "error")
    def recorded_outside(env: Env, o: Outcome) -> None:
        go_project(env)
        env.run("init", "--yes")
        (env.outside / "keep.txt").write_text(SECRET + "\n")
        env.outside_before = snapshot(env.outside)
        rec = env.proj / ".scaffold.yaml"
        rec.write_text(rec.read_text().replace("generated:\n", "generated:\n  ../outside/keep.txt: x\n", 1))
        o.runs.append(env.run("check"))

    sources = {
        "ref starting with -": "/srv/t.git@--upload-pack=touch${IFS}MARKER",
        "source starting with -": "-uhttps://127.0.0.1/t.git",
        "ext:: transport": "ext::sh -c touch% MARKER",
        "file:: transport": "file::/srv/t.git",
    }
    for label, source in sources.items():

        def git_option(env: Env, o: Outcome, source: str = source) -> None:
            go_project(env)
            o.runs.append(env.run("init", "--yes", "--template", source.replace("MARKER", str(env.marker))))

        case(f"git template: {label}", "error")(git_option)


def _bad_input_cases() -> None:
    """Bad input that used to end in exit 70."""

    bad_inputs: dict[str, tuple[dict[str, str], tuple[str, ...], dict[str, str]]] = {
        "packageManager yarn@²": ({"package.json": '{"name":"a","packageManager":"yarn@\u00b2"}'}, (), {}),
        'workspaces [""]': ({"package.json": '{"name":"a","workspaces":[""]}'}, (), {}),
        'workspaces ["/abs"]': ({"package.json": '{"name":"a","workspaces":["/abs"]}'}, (), {}),
        'dependencies: "x"': ({"package.json": '{"name":"a","dependencies":"x"}'}, (), {}),
        "pnpm-workspace packages: 5": (
            {"package.json": '{"name":"a"}', "pnpm-workspace.yaml": "packages: 5\n"},
            (),
            {},
        ),
        "pyproject dependencies = [1]": ({"pyproject.toml": '[project]\nname = "a"\ndependencies = [1]\n'}, (), {}),
        'pyproject name = "../x"': ({"pyproject.toml": '[project]\nname = "../x"\n'}, (), {}),
        "Pipfile python_version = 5": ({"Pipfile": "[requires]\npython_version = 5\n"}, (), {}),
        "SCAFFOLD_GIT_TIMEOUT=nan": (
            {"package.json": '{"name":"a"}'},
            ("--template", "http://127.0.0.1:9/t.git"),
            {"SCAFFOLD_GIT_TIMEOUT": "nan"},
        ),
        "SCAFFOLD_NODE_IMAGES=²": ({"package.json": '{"name":"a"}'}, (), {"SCAFFOLD_NODE_IMAGES": "\u00b2"}),
    }
    for label, (files, args, extra) in bad_inputs.items():

        def bad_input(
            env: Env,
            o: Outcome,
            files: dict[str, str] = files,
            args: tuple[str, ...] = args,
            extra: dict[str, str] = extra,
        ) -> None:
            for rel, text in files.items():
                env.write(rel, text)
            env.write("app.py", "print(1)\n")
            o.runs.append(env.run("init", "--yes", *args, extra=extra))

        case(f"bad input: {label}", "error")(bad_input)

    metas: list[dict[str, object]] = [{"_jinja2_env_vars": {"foo": 1}}, {"_copy_without_render": 5}, {"_new_lines": 5}]
    for meta in metas:

        def render_keys(env: Env, o: Outcome, meta: dict[str, object] = meta) -> None:
            go_project(env)
            tpl = template_dir(env, "tpl", meta, {"Dockerfile": "FROM x\n"})
            o.runs.append(env.run("init", "--yes", "--template", str(tpl)))

        case(f"template cookiecutter.json {json.dumps(meta)}", "error")(render_keys)


def _children_left(tag: str) -> bool:
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False).stdout
    return any(tag in line and "hostile_campaign" not in line for line in ps.splitlines())


def _network_cases() -> None:
    for scheme in ("git", "http", "ssh", "ssh-command"):

        def fn(env: Env, o: Outcome, scheme: str = scheme) -> None:
            node_project(env)
            with silent_server() as port:
                tag = f"silent-{scheme}-{port}"
                extra: dict[str, str] = {}
                if scheme.startswith("ssh"):
                    url = f"ssh://git@127.0.0.1:{port}/{tag}.git"
                if scheme == "ssh-command":  # the user's own ssh command: only the overall timeout applies
                    extra["GIT_SSH_COMMAND"] = "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
                if not scheme.startswith("ssh"):
                    url = f"{scheme}://127.0.0.1:{port}/{tag}.git"
                run = env.run("init", "--yes", "--template", url, extra=extra)
                o.runs.append(run)
                time.sleep(0.5)
                if _children_left(tag):
                    o.wrong = "a git/ssh child was left running"
                if run.rc is not None and url not in run.err:
                    o.wrong = o.wrong or "the error does not name the URL"

        case(f"git host that accepts and never answers ({scheme})", "error")(fn)

    @case("unreachable git repo (closed port)", "error")
    def closed(env: Env, o: Outcome) -> None:
        node_project(env)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        url = f"http://127.0.0.1:{port}/closed-repo.git"
        run = env.run("init", "--yes", "--template", url)
        o.runs.append(run)
        if url not in run.err:
            o.wrong = "the error does not name the repo"


def _user_files(env: Env) -> dict[str, bytes]:
    node_project(env)
    env.write("Dockerfile", "FROM mine\n")
    env.write("Makefile", "mine:\n\techo mine\n")
    env.write(".dockerignore", "mine\n")
    return snapshot(env.proj)


def _hashes_match(proj: Path) -> bool:
    import hashlib

    import yaml

    rec = proj / ".scaffold.yaml"
    if not rec.exists():
        return True
    written = (yaml.safe_load(rec.read_text()) or {}).get("written") or {}
    return all(
        (proj / p).exists() and hashlib.sha256((proj / p).read_bytes()).hexdigest() == h for p, h in written.items()
    )


def _commit_syscalls(env: Env) -> dict[str, int]:
    """How many fsync and rename calls one `init --yes --force` over user files makes (traced once)."""
    probe = Env(env.base / "probe", env.src)
    _user_files(probe)
    trace = env.base / "probe.trace"
    subprocess.run(
        ["strace", "-qq", "-e", "trace=fsync,rename", "-o", str(trace), *probe.cmd("init", "--yes", "--force")],
        cwd=probe.proj,
        env=probe.environ(),
        capture_output=True,
        check=False,
    )
    lines = trace.read_text().splitlines()
    return {name: sum(1 for line in lines if line.startswith(name + "(")) for name in ("fsync", "rename")}


def _fault_cases(rounds: int) -> None:
    for sig in ("SIGINT", "SIGTERM", "SIGKILL"):

        def fn(env: Env, o: Outcome, sig: str = sig) -> None:
            if shutil.which("strace") is None:
                o.wrong = "strace is not installed: cannot aim signals"
                return
            counts = _commit_syscalls(env)
            steps = [(name, n) for name, count in counts.items() for n in range(1, count + 1)]
            for name, n in steps:
                sub = Env(env.base / f"{name}{n}", env.src)
                before = _user_files(sub)
                inject = ["strace", "-qq", "-o", "/dev/null", "-e", f"inject={name}:signal={sig}:when={n}"]
                proc = subprocess.run(
                    [*inject, *sub.cmd("init", "--yes", "--force")],
                    cwd=sub.proj,
                    env=sub.environ(),
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    errors="replace",
                    check=False,
                )
                o.runs.append(Run(proc.returncode, proc.stdout, proc.stderr, 0))
                o.lost += lost_files(before, sub.proj)
                changed = {k: v for k, v in snapshot(sub.proj).items() if not k.endswith(".scaffold-tmp")} != before
                if "nothing was written" in proc.stderr and changed:
                    o.wrong = f"said 'nothing was written' after writing ({name} #{n})"
                now = snapshot(sub.proj)
                replaced = [rel for rel, data in before.items() if now.get(rel) != data]
                if sig != "SIGKILL" and replaced and len(replaced) < 3:  # Dockerfile, Makefile, .dockerignore
                    o.wrong = o.wrong or f"left the project half-written: only {', '.join(replaced)} ({name} #{n})"
                if sig != "SIGKILL" and not _hashes_match(sub.proj):
                    o.wrong = o.wrong or f".scaffold.yaml hashes do not match the files ({name} #{n})"
                if sig == "SIGKILL":
                    again = sub.run("init", "--yes", "--force")
                    o.runs.append(again)
                    if any(p.endswith(".scaffold-tmp") for p in snapshot(sub.proj)):
                        o.wrong = o.wrong or "temp files of a killed run were not cleaned by the next run"
                    if not _hashes_match(sub.proj):
                        o.wrong = o.wrong or f"hashes do not match after the run that follows a kill ({name} #{n})"
                    o.lost += lost_files(before, sub.proj)

        case(f"{sig} injected at each fsync/rename of the commit (strace)", "any")(fn)


def _race_cases(rounds: int) -> None:
    @case(f"SIGINT at a random moment x{rounds}", "any")
    def random_int(env: Env, o: Outcome) -> None:
        rng = random.Random(9)
        probes = [Env(env.base / f"t{i}", env.src) for i in range(3)]
        for probe in probes:
            _user_files(probe)
        total = min(probe.run("init", "--yes", "--force").seconds for probe in probes)
        for i in range(rounds):
            sub = Env(env.base / f"r{i}", env.src)
            before = _user_files(sub)
            proc = subprocess.Popen(
                sub.cmd("init", "--yes", "--force"),
                cwd=sub.proj,
                env=sub.environ(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(rng.uniform(0.3, 1.05) * total)
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            o.runs.append(Run(proc.returncode, out, err, 0))
            o.lost += lost_files(before, sub.proj)
            if "nothing was written" in err and snapshot(sub.proj) != before:
                o.wrong = "said 'nothing was written' after writing"
            if not _hashes_match(sub.proj):
                o.wrong = o.wrong or ".scaffold.yaml hashes do not match the files"

    @case(f"two concurrent `init --yes --force` x{rounds}", "any")
    def concurrent(env: Env, o: Outcome) -> None:
        for i in range(rounds):
            sub = Env(env.base / f"c{i}", env.src)
            before = _user_files(sub)
            procs = [
                subprocess.Popen(
                    sub.cmd("init", "--yes", "--force"),
                    cwd=sub.proj,
                    env=sub.environ(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            for proc in procs:
                out, err = proc.communicate(timeout=120)
                o.runs.append(Run(proc.returncode, out, err, 0))
            o.lost += lost_files(before, sub.proj)
            if not _hashes_match(sub.proj):
                o.wrong = ".scaffold.yaml hashes do not match the files"


# ---------------------------------------------------------------- driver


def _ours(traceback: str) -> bool:
    """A traceback through scaffold or its libraries, not only through the interpreter's start-up."""
    return any(name in traceback for name in ("/scaffold/", "/click/", "/rich/", "cookiecutter", "jinja2"))


def run_case(name: str, expect: str, fn: CaseFn, src: Path) -> Outcome:
    o = Outcome(name)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        env = Env(Path(tmp), src)
        env.proj.mkdir()
        env.outside.mkdir()
        (env.outside / "keep.txt").write_text("keep\n")
        outside_before = snapshot(env.outside)
        try:
            fn(env, o)
        except Exception as exc:  # the campaign itself must go on; note it as wrong
            o.wrong = f"campaign error: {type(exc).__name__}: {exc}"
        o.code_exec = o.code_exec or env.marker.exists()
        reference = outside_before if env.outside_before is None else env.outside_before
        o.outside = snapshot(env.outside) != reference or Path("/tmp/pwned").exists()
        tracebacks = [r.err + r.out for r in o.runs if "Traceback" in r.err + r.out]
        o.traceback = any(_ours(t) for t in tracebacks)
        o.startup_traceback = any(not _ours(t) for t in tracebacks)
        o.hang = any(r.rc is None for r in o.runs)
        o.internal = any(r.rc == 70 for r in o.runs)
        shown = [r.err + r.out for r in o.runs]
        o.secret = o.secret or any(SECRET in text or "second line" in text for text in shown)
        last = o.runs[-1] if o.runs else None
        o.clean_error = bool(last) and is_clean_error(last)  # type: ignore[arg-type]
        if not o.wrong and last is not None:
            if expect == "error" and last.rc == 0:
                o.wrong = "accepted"
            elif expect == "ok" and last.rc != 0:
                o.wrong = "failed"
            elif last.rc not in (None, 0) and last.err.strip() and not o.clean_error and not o.traceback:
                o.wrong = "error is not one line"
    return o


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=REPO, help="checkout whose scaffold package to run")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each case's last stderr")
    parser.add_argument("--rounds", type=int, default=20, help="signal/concurrency rounds per case")
    args = parser.parse_args()
    sys.setrecursionlimit(20_000)  # shutil.rmtree recurses: the deep-tree case's cleanup needs room
    _jinja_cases()
    _template_cases()
    _value_cases()
    _crash_cases()
    _read_cases()
    _network_cases()
    _trust_cases()
    _source_cases()
    _limit_cases()
    _hole_cases()
    _bad_input_cases()
    _fault_cases(args.rounds)
    _race_cases(args.rounds)
    totals = dict.fromkeys(
        [
            "tried",
            "clean-errors",
            "code-exec",
            "writes-outside",
            "files-lost",
            "tracebacks",
            "startup-tracebacks",
            "hangs",
            "secrets",
            "exit-70",
            "wrong",
        ],
        0,
    )
    print(f"{'case':<70} {'rc':>5} {'s':>6}  flags")
    for name, expect, fn in CASES:
        if args.only and args.only not in name:
            continue
        o = run_case(name, expect, fn, args.src.resolve())
        flags = [
            f
            for f, on in [
                ("clean-error", o.clean_error),
                ("CODE-EXEC", o.code_exec),
                ("WRITE-OUTSIDE", o.outside),
                (f"LOST={o.lost}", o.lost),
                ("TRACEBACK", o.traceback),
                ("startup-traceback", o.startup_traceback),
                ("HANG", o.hang),
                ("SECRET", o.secret),
                ("EXIT-70", o.internal),
            ]
            if on
        ]
        if o.wrong:
            flags.append(f"WRONG({o.wrong})")
        last = o.runs[-1] if o.runs else Run(None, "", "", 0)
        print(f"{name[:70]:<70} {last.rc!s:>5} {sum(r.seconds for r in o.runs):6.1f}  {' '.join(flags)}", flush=True)
        if args.verbose:
            shown = next((r for r in o.runs if "Traceback" in r.err), last)  # a traceback is the thing to see
            print("    " + shown.err.strip()[-1500:].replace("\n", "\n    "))
        totals["tried"] += 1
        totals["clean-errors"] += o.clean_error
        totals["code-exec"] += o.code_exec
        totals["writes-outside"] += o.outside
        totals["files-lost"] += o.lost
        totals["tracebacks"] += o.traceback
        totals["startup-tracebacks"] += o.startup_traceback
        totals["hangs"] += o.hang
        totals["secrets"] += o.secret
        totals["exit-70"] += o.internal
        totals["wrong"] += bool(o.wrong)
    print()
    print("  ".join(f"{k}={v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
