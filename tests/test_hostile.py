"""Hostile input through the real CLI: silent git hosts, reads outside the project, inputs that used to crash.

Every failure must be one `error:` line with its exit code, never a traceback, never a file's content from
outside the project. Network tests talk only to servers of our own on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scaffold.errors import InputError
from scaffold.project import MAX_DEPTH, ProjectDir
from tests.conftest import STANDIN_ENV, run_cli
from tests.silent_server import silent_server

SECRET = "SECRET-CONTENT-never-printed"


def cli(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """scaffold's command line in this process: the exit code, stdout and stderr a user gets. An exception
    escaping the command fails the test (a user would have read a traceback). What only a real process
    shows (stdout's encoding, a read that could block, signals, PATH, timeouts) runs through `cli_process`."""
    done = run_cli(*args, cwd=cwd, env=extra)
    return subprocess.CompletedProcess(["scaffold", *args], done.code, done.out, done.err)


def cli_process(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAFFOLD_")}
    env.update(STANDIN_ENV, COLUMNS="200", NO_COLOR="1", XDG_CACHE_HOME=str(cwd.parent / "cache"), **extra)
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed run (asserts there is exactly one and no traceback)."""
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def node(root: Path, start: str = "node server.js") -> Path:
    pkg = json.dumps({"name": "app", "scripts": {"start": start}})
    return write(root, {"package.json": pkg, "server.js": "require('http').createServer().listen(3000)\n"})


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """(project, outside): a secret file lives outside the project."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    write(outside, {"secret.txt": f"{SECRET}\nsecond line\n"})
    return project, outside


# ---------------------------------------------------------------- git hosts that never answer


def processes_mentioning(text: str) -> list[str]:
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    return [line for line in ps.splitlines() if text in line and "ps -eo" not in line]


@pytest.mark.slow  # waits on a silent git host: the timeouts themselves take seconds
@pytest.mark.parametrize(
    ("scheme", "extra", "limit"),
    [
        ("git", {}, "SCAFFOLD_GIT_TIMEOUT"),  # git:// has no timeout of its own: the overall one ends it
        ("http", {}, "SCAFFOLD_GIT_CONNECT_TIMEOUT"),  # stalled transfer: git's low-speed limit
        ("ssh", {}, "SCAFFOLD_GIT_CONNECT_TIMEOUT"),  # scaffold's ssh ConnectTimeout bounds the banner wait
        ("ssh", {"GIT_SSH_COMMAND": "ssh -o StrictHostKeyChecking=no"}, "SCAFFOLD_GIT_TIMEOUT"),  # the user's ssh
    ],
)
def test_a_git_host_that_never_answers_fails_in_time_and_leaves_no_child(
    sandbox: tuple[Path, Path], scheme: str, extra: dict[str, str], limit: str
) -> None:
    project, _ = sandbox
    node(project)
    # Which limit ends the run is told by the message, not by the clock (a busy machine is slow): where the
    # connect limit should act, the overall one is far away.
    overall = "5" if limit == "SCAFFOLD_GIT_TIMEOUT" else "120"
    timeouts = {"SCAFFOLD_GIT_TIMEOUT": overall, "SCAFFOLD_GIT_CONNECT_TIMEOUT": "2"}
    with silent_server() as port:
        url = f"{scheme}://{'git@' if scheme == 'ssh' else ''}127.0.0.1:{port}/team/templates.git"
        start = time.monotonic()
        proc = cli_process(project, "init", "--yes", "--template", url, **timeouts, **extra)
        took = time.monotonic() - start
        time.sleep(0.3)
        left = processes_mentioning(f"127.0.0.1:{port}") + processes_mentioning(f"-p {port} ")
    line = one_error_line(proc)
    assert proc.returncode == 2
    assert url in line
    assert left == [], f"git/ssh children survived: {left}"
    assert not (project / "Dockerfile").exists()
    if limit == "SCAFFOLD_GIT_TIMEOUT":
        assert "no answer within 5 s" in line and took >= 4.5
    else:
        assert "no answer within 120 s" not in line and took < 120, f"the connect timeout (2 s) should end it: {line}"


def test_an_unreachable_repo_is_named(sandbox: tuple[Path, Path]) -> None:
    project, _ = sandbox
    node(project)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    url = f"http://127.0.0.1:{port}/team/templates.git"
    proc = cli(project, "init", "--yes", "--template", url)
    assert proc.returncode == 2
    assert url in one_error_line(proc)


def test_a_bad_timeout_setting_is_one_line(sandbox: tuple[Path, Path]) -> None:
    project, _ = sandbox
    node(project)
    proc = cli(project, "init", "--yes", "--template", "http://127.0.0.1:9/x.git", SCAFFOLD_GIT_TIMEOUT="soon")
    assert proc.returncode == 2
    assert "SCAFFOLD_GIT_TIMEOUT" in one_error_line(proc)


# ---------------------------------------------------------------- reads confined to the project


@pytest.mark.parametrize("include", ["../outside/secret.txt", "../../../../../../../../../etc/passwd"])
def test_a_requirements_include_outside_the_project_is_refused(sandbox: tuple[Path, Path], include: str) -> None:
    project, _ = sandbox
    write(project, {"requirements.txt": f"flask\n-r {include}\n", "app.py": "print(1)\n"})
    proc = cli(project, "init", "--yes")
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert include in line and "outside the project" in line
    assert SECRET not in proc.stdout + proc.stderr and "root:" not in proc.stdout + proc.stderr
    assert not (project / "Dockerfile").exists()


def test_a_manifest_symlinked_to_a_file_outside_is_refused(sandbox: tuple[Path, Path]) -> None:
    project, outside = sandbox
    write(project, {"main.go": "package main\n\nfunc main() {}\n"})
    (project / "go.mod").symlink_to(outside / "secret.txt")
    proc = cli(project, "init", "--yes")
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert line.startswith("error: go.mod: resolves outside the project")
    assert SECRET not in proc.stdout + proc.stderr


def test_a_record_symlinked_outside_is_refused(sandbox: tuple[Path, Path]) -> None:
    project, outside = sandbox
    node(project)
    write(outside, {"rec.yaml": f"template: {{kind: builtin, location: node}}\nanswers: {{app_name: {SECRET}}}\n"})
    (project / ".scaffold.yaml").symlink_to(outside / "rec.yaml")
    proc = cli(project, "init", "--yes", "--dry-run")
    assert proc.returncode == 2
    assert one_error_line(proc).startswith("error: .scaffold.yaml: resolves outside the project")
    assert SECRET not in proc.stdout + proc.stderr


def test_a_go_workspace_member_outside_is_refused(sandbox: tuple[Path, Path]) -> None:
    project, outside = sandbox
    write(outside, {"mod/go.mod": "module example.com/outside\n\ngo 1.22\n", "mod/main.go": "package main\n"})
    write(project, {"go.work": "go 1.22\n\nuse ../outside/mod\n"})
    proc = cli(project, "init", "--yes")
    assert proc.returncode == 2
    assert "../outside/mod/go.mod" in one_error_line(proc)
    assert "outside the project" in proc.stderr


def test_project_dir_confines_every_read(sandbox: tuple[Path, Path]) -> None:
    project, outside = sandbox
    write(project, {"inside.txt": "ok\n", "sub/x.txt": "ok\n"})
    (project / "link-out").symlink_to(outside / "secret.txt")
    (project / "link-in").symlink_to(project / "inside.txt")
    (project / "dir-out").symlink_to(outside)
    view = ProjectDir(project)
    assert view.read_text("link-in") == "ok\n"
    assert view.read_text("sub/../inside.txt") == "ok\n"
    assert not view.has("absent.txt")
    for rel in ("link-out", "dir-out/secret.txt", "../outside/secret.txt", str(outside / "secret.txt")):
        with pytest.raises(InputError, match="outside the project") as caught:
            view.has(rel) and view.read_text(rel)
        assert SECRET not in str(caught.value)
    with pytest.raises(InputError, match="outside the project"):
        view.is_dir("dir-out")
    # Walks list no symlinked directory (it might loop or lead outside).
    assert "dir-out/secret.txt" not in list(view.walk((".txt",)))


# ---------------------------------------------------------------- inputs that used to crash


def test_json_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"package.json": '{"name":"a","x":' + "[" * 100_000 + "]" * 100_000 + "}"})
    proc = cli(project, "init", "--yes")
    assert proc.returncode == 2
    assert one_error_line(proc) == "error: package.json: JSON nested too deeply"


def test_a_lone_surrogate_in_a_script_is_printed_escaped(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"package.json": '{"name":"app","scripts":{"start":"node \\ud800.js"}}'})
    proc = cli_process(project, "detect")  # a real process: its stdout's own encoding
    assert proc.returncode == 0, proc.stderr
    assert "node \\ud800.js" in proc.stdout
    init = cli_process(project, "init", "--yes")
    assert "Traceback" not in init.stderr + init.stdout
    if init.returncode != 0:
        one_error_line(init)


def deep_tree(root: Path, depth: int) -> Path:
    path = root
    for _ in range(depth):  # one level at a time: pathlib's mkdir(parents=True) recurses
        path = path / "d"
        path.mkdir()
    return path


def remove_deep(root: Path) -> None:
    """shutil.rmtree recurses too: remove the deep tree bottom-up."""
    dirs = []
    path = root
    while path.is_dir():
        dirs.append(path)
        for entry in path.iterdir():
            if entry.is_file():
                entry.unlink()
        path = path / "d"
    for d in reversed(dirs):
        d.rmdir()


def test_a_tree_1000_directories_deep_is_walked_without_recursion(tmp_path: Path) -> None:
    project = write(tmp_path / "p", {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n"})
    (project / "d0").mkdir()
    bottom = deep_tree(project / "d0", 1000)
    (bottom / "x.go").write_text("package d\n")
    (project / "d0" / "near.go").write_text("package d\n")
    try:
        proc = cli(project, "init", "--yes")
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        files = list(ProjectDir(project).walk((".go",)))
        assert "d0/near.go" in files and "main.go" in files
        assert all(f.count("/") <= MAX_DEPTH + 1 for f in files)
        assert ProjectDir(project).glob("**/*.go")
    finally:
        remove_deep(project / "d0")


@pytest.mark.parametrize(
    ("files", "args", "shown"),
    [
        ({"Procfile": "web: gunicorn app:app --name [/]\n"}, ("init", "--yes"), None),
        ({}, ("init", "--yes", "--set", "app_name=[/]"), "[/]"),
        ({}, ("detect",), "[bold]x"),
    ],
)
def test_markup_in_project_text_is_printed_literally(
    tmp_path: Path, files: dict[str, str], args: tuple[str, ...], shown: str | None
) -> None:
    project = node(tmp_path / "p", "node [bold]x.js")
    write(project, {"requirements.txt": "gunicorn\n", "app.py": "app = None\n", **files})
    proc = cli(project, *args)
    assert "Traceback" not in proc.stderr + proc.stdout and "MarkupError" not in proc.stderr
    if proc.returncode != 0:
        one_error_line(proc)
    if shown is not None:
        assert shown in proc.stdout + proc.stderr


@pytest.mark.slow  # runs scaffold as a process
def test_an_unexpected_exception_is_one_line_with_exit_70(tmp_path: Path) -> None:
    # A bug is simulated by breaking detection inside the real CLI process.
    project = node(tmp_path / "p")
    code = (
        "import sys, scaffold.commands.detect as detect_cmd\n"
        "def broken(path): raise ZeroDivisionError('boom')\n"
        "detect_cmd.detect = broken\n"
        "sys.argv = ['scaffold', 'detect']\n"
        "from scaffold.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCAFFOLD_")}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 70
    line = one_error_line(proc)
    assert "internal error: ZeroDivisionError: boom" in line and "please report" in line
    debug = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env={**env, "SCAFFOLD_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


@pytest.mark.slow  # runs scaffold as a process
def test_scaffold_outside_a_terminal_with_no_git_installed_is_one_line(tmp_path: Path) -> None:
    project = node(tmp_path / "p")
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    env_path = {"PATH": str(bare)}
    proc = cli_process(project, "init", "--yes", "--template", "http://127.0.0.1:9/x.git", **env_path)
    assert proc.returncode == 2
    assert "git is needed" in one_error_line(proc)
    assert shutil.which("git")  # the other tests do run real git


def test_fifos_named_like_sources_or_manifests_never_block(tmp_path: Path) -> None:
    project = node(tmp_path / "p")
    os.mkfifo(project / "extra.js")
    os.mkfifo(project / "requirements.txt")
    proc = cli_process(project, "init", "--yes", "--lang", "node")  # a process: a blocked read ends at its timeout
    assert proc.returncode == 0, proc.stderr
    with pytest.raises(InputError, match="not a regular file"):
        ProjectDir(project).read_text("requirements.txt")
