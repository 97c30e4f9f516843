"""Template sources: built-in, a local directory, a zip, or a git URL with an optional @ref.

Git clones and zip extractions are cached under $XDG_CACHE_HOME/scaffold (or ~/.cache/scaffold), never
in the project; nothing else in the user's home is touched. A fetched version is exported to a
temporary directory, so a template is always rendered from exactly the recorded commit.

Every git command runs in its own process group with an overall timeout ($SCAFFOLD_GIT_TIMEOUT, default
30 s) and a connect/stall timeout ($SCAFFOLD_GIT_CONNECT_TIMEOUT, default 10 s: ssh's ConnectTimeout, and
http(s) transfers slower than 1 byte/s for that long); on timeout or Ctrl-C the whole group (git, ssh,
git-remote-http) is killed, and the error is one line naming the URL.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zlib import error as zlib_error

from scaffold import __version__
from scaffold.errors import InputError, NoTemplateForLanguage, TemplateError
from scaffold.files import read_limited
from scaffold.providers import plugin_of, template_dir
from scaffold.record import TemplateRef

_GIT_PREFIXES = ("git+", "https://", "http://", "ssh://", "git://", "file://", "git@")


@dataclass(frozen=True)
class Spec:
    """A template source as the user wrote it, split into location and ref."""

    kind: str
    location: str
    ref: str | None = None


def parse_spec(text: str) -> Spec:
    """Classify `--template TEXT`: a local dir (optionally a git repo @ref), a .zip, or a git URL@ref."""
    location, ref = _split_ref(text)
    check_ref(ref)
    if location.startswith("-"):
        raise TemplateError(f"template {text!r}: a source may not start with '-' (git would read it as an option)")
    if "::" in location.split("/", 1)[0]:
        # git's `<transport>::<address>` syntax: ext:: runs a command, file:: and fd:: reach past the URL.
        raise TemplateError(f"template {text!r}: git transports like ext:: and file:: are not allowed")
    if location.startswith(_GIT_PREFIXES) or location.endswith(".git"):
        return Spec("git", location.removeprefix("git+"), ref)
    if location.endswith(".zip"):
        return Spec("zip", location, ref)
    path = Path(location).expanduser()
    if ref is not None and (path / ".git").exists():
        return Spec("git", str(path.resolve()), ref)
    if ref is not None:
        # The '@' belongs to the path after all.
        return Spec("path", text)
    return Spec("path", location)


def check_ref(ref: str | None) -> None:
    """A git ref scaffold passes on: not an option (`-…`), no control characters."""
    if ref is not None and (ref.startswith("-") or any(ord(c) < 32 or c in " ~^:?*[\\" for c in ref)):
        raise TemplateError(f"ref {ref!r}: not a branch, tag or commit name (none starts with '-')")


def _split_ref(text: str) -> tuple[str, str | None]:
    at = text.rfind("@")
    if at <= 0:
        return text, None
    before, ref = text[:at], text[at + 1 :]
    scheme = before.find("://")
    after_scheme = before[scheme + 3 :] if scheme >= 0 else before
    # `git@host:org/repo` and `https://user@host/…`: that '@' is a user, not a ref.
    is_ref = bool(ref) and ":" not in ref and ("/" in after_scheme or (scheme < 0 and ":" in before))
    return (before, ref) if is_ref else (text, None)


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaffold"


def ref_from_spec(text: str, directory: str | None) -> TemplateRef:
    """`--template TEXT` as a reference to record; a local directory becomes an absolute path."""
    spec = parse_spec(text)
    location = str(Path(spec.location).expanduser().resolve()) if spec.kind == "path" else spec.location
    return TemplateRef(spec.kind, location, spec.ref, directory=directory)


def installed_ref(language: str) -> TemplateRef:
    """The installed template of `language`: scaffold's own, or the one its language plugin ships."""
    plugin = plugin_of(language)
    if plugin is None:
        return TemplateRef("builtin", language, version=__version__)
    return TemplateRef("plugin", language, ref=plugin[0], version=plugin[1])


def same_source(text: str, ref: TemplateRef) -> bool:
    """Does `--trust TEXT` name the template `ref` (same kind and location; same ref when TEXT gives one)?"""
    given = ref_from_spec(text, None)
    if given.kind != ref.kind:
        return False
    if given.kind in ("path", "zip"):
        same = Path(given.location).expanduser().resolve() == Path(ref.location).expanduser().resolve()
    else:
        same = given.location.rstrip("/") == ref.location.rstrip("/")
    return same and (given.ref is None or given.ref == ref.ref)


def source_text(ref: TemplateRef) -> str:
    """The template as one would name it to --template or --trust."""
    return ref.location + (f"@{ref.ref}" if ref.ref else "")


@contextlib.contextmanager
def checkout(
    ref: TemplateRef, language: str, warn: Callable[[str], None] | None = None
) -> Iterator[tuple[Path, TemplateRef]]:
    """The template directory for `language` and the exact reference to record.

    A git template is fetched and exported at the newest commit of its ref; the reference returned
    names that commit. (An update's merge base needs no old checkout: .scaffold.yaml keeps the render.)
    When the repository cannot be reached and a clone is cached, `warn` hears of it and the cache is used.
    """
    if ref.kind in ("builtin", "plugin"):
        yield template_dir(language), installed_ref(language)
        return
    if ref.kind == "path":
        root = Path(ref.location).expanduser()
        if not root.is_dir():
            raise TemplateError(f"{ref.location}: template directory not found")
        yield _language_dir(root, language, ref.directory, ref.location), ref
        return
    if ref.kind == "zip":
        root = _extract_zip(Path(ref.location).expanduser())
        yield _language_dir(root, language, ref.directory, ref.location), ref
        return
    if ref.kind == "git":
        repo = _git_cache(ref.location, warn)
        commit = _resolve(repo, ref.ref, ref.location)
        with tempfile.TemporaryDirectory(prefix="scaffold-template-") as tmp:
            _export(repo, commit, Path(tmp))
            found = TemplateRef("git", ref.location, ref.ref, commit, ref.directory)
            yield _language_dir(Path(tmp), language, ref.directory, ref.location), found
        return
    raise TemplateError(f"unknown template kind {ref.kind!r}")


def _language_dir(root: Path, language: str, directory: str | None, shown: str) -> Path:
    """A template repo may be one cookiecutter template or hold one per language (go/, node/, python/, …)."""
    if directory:
        candidate = (root / directory).resolve()
        if not candidate.is_relative_to(root.resolve()):
            raise TemplateError(f"--directory {directory}: outside the template")
        if not (candidate / "cookiecutter.json").is_file():
            raise NoTemplateForLanguage(f"{shown}: no cookiecutter.json in {directory}/")
        return candidate
    if (root / "cookiecutter.json").is_file():
        return root
    if (root / language / "cookiecutter.json").is_file():
        return root / language
    raise NoTemplateForLanguage(f"{shown}: no cookiecutter.json at the top or in {language}/ (pass --directory)")


GIT_TIMEOUT_ENV = "SCAFFOLD_GIT_TIMEOUT"
GIT_CONNECT_TIMEOUT_ENV = "SCAFFOLD_GIT_CONNECT_TIMEOUT"
GIT_TIMEOUT = 30.0
GIT_CONNECT_TIMEOUT = 10.0


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise TemplateError(f"${name}={raw!r}: expected a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise TemplateError(f"${name}={raw!r}: expected a positive number of seconds")
    return value


def _git_env() -> dict[str, str]:
    """git's environment: never prompt, give up on a silent http(s) or ssh server after the connect timeout."""
    connect = _seconds(GIT_CONNECT_TIMEOUT_ENV, GIT_CONNECT_TIMEOUT)
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        # Only transports that fetch: never ext:: (runs a command) nor fd::, whatever the user's git config says.
        "GIT_ALLOW_PROTOCOL": "file:git:http:https:ssh",
        "GIT_HTTP_LOW_SPEED_LIMIT": "1",
        "GIT_HTTP_LOW_SPEED_TIME": str(max(1, round(connect))),
    }
    if "GIT_SSH_COMMAND" not in os.environ and "GIT_SSH" not in os.environ:
        # ConnectTimeout also bounds ssh's banner exchange; BatchMode: no password prompt to hang on.
        env["GIT_SSH_COMMAND"] = (
            f"ssh -o ConnectTimeout={max(1, round(connect))} -o BatchMode=yes "
            "-o ServerAliveInterval=5 -o ServerAliveCountMax=2"
        )
    return env


def _run_git(args: list[str], cwd: Path | None, what: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in its own process group; kill the group on timeout or Ctrl-C. `what` prefixes the timeout error
    (callers that talk to a remote add its URL to any error themselves)."""
    timeout = _seconds(GIT_TIMEOUT_ENV, GIT_TIMEOUT)
    try:
        proc = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_git_env(),
            start_new_session=True,
        )
    except FileNotFoundError:
        raise TemplateError("git is needed for git templates but is not installed") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise TemplateError(
            f"{what + ': ' if what else ''}git {args[0]} got no answer within {timeout:g} s, gave up: "
            f"set ${GIT_TIMEOUT_ENV} to wait longer"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        # git's helpers (ssh, git-remote-http) may outlive git itself: nothing of the group survives us.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=5)


def _git(*args: str, cwd: Path | None = None) -> str:
    proc = _run_git(list(args), cwd, "")
    if proc.returncode != 0:
        lines = [line.strip() for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        # git's cause is its `fatal:`/`error:` line; the last line is often advice ("and the repository exists.").
        causes = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines[-1:] or ["failed"]
        raise TemplateError(f"git {args[0]}: {' '.join(causes)[:400]}")
    return proc.stdout.decode("utf-8", "replace").strip()


def _cache_dir(url: str) -> Path:
    return cache_root() / "git" / hashlib.sha256(url.encode()).hexdigest()[:24]


def cached_tags(url: str) -> list[str]:
    """The tags of a git template's cached clone (fetched by the last checkout); [] when there is none."""
    repo = _cache_dir(url)
    if not (repo / "HEAD").exists():
        return []
    return _git("tag", "--list", cwd=repo).split()


def _git_cache(url: str, warn: Callable[[str], None] | None = None) -> Path:
    repo = _cache_dir(url)
    if (repo / "HEAD").exists():
        try:
            _git("fetch", "--quiet", "--force", "--prune", "--tags", "origin", "+refs/heads/*:refs/heads/*", cwd=repo)
        except TemplateError as exc:
            if warn is None:
                raise TemplateError(f"{url}: cannot reach the template repository ({exc})") from None
            warn(f"{url}: cannot reach the template repository ({exc}); using the cached clone in {repo}")
    else:
        # Clone beside the final place, then rename: an interrupted clone never looks complete.
        tmp = Path(tempfile.mkdtemp(dir=_mkdir(repo.parent)))
        try:
            try:
                _git("clone", "--quiet", "--bare", "--", url, str(tmp / "repo"))
            except TemplateError as exc:
                raise TemplateError(f"{url}: cannot reach the template repository ({exc})") from None
            (tmp / "repo").rename(repo)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return repo


def _resolve(repo: Path, ref: str | None, shown: str) -> str:
    check_ref(ref)
    candidates = [f"refs/heads/{ref}", f"refs/tags/{ref}", ref] if ref else ["HEAD"]
    for candidate in candidates:
        with contextlib.suppress(TemplateError):
            return _git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}", cwd=repo)
    raise TemplateError(f"{shown}: no branch, tag or commit named {ref!r}")


def _export(repo: Path, commit: str, dest: Path) -> None:
    proc = _run_git(["archive", "--format=tar", commit], repo, str(repo))
    if proc.returncode != 0:
        raise TemplateError(f"git archive {commit[:12]}: {proc.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        tar.extractall(dest, filter="data")


ZIP_MAX_BYTES = 20 * 1024 * 1024
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_EXPANDED = 64 * 1024 * 1024
"""A template is a few kB of text: a zip past these bounds is refused before anything is extracted."""


def _extract_zip(path: Path) -> Path:
    try:
        data = read_limited(path, ZIP_MAX_BYTES, str(path))
    except InputError as exc:
        raise TemplateError(str(exc)) from None
    dest = cache_root() / "zip" / hashlib.sha256(data).hexdigest()[:24]
    if dest.is_dir():
        return _single_top(dest)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TemplateError(f"{path}: not a zip file") from None
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise TemplateError(f"{path}: {len(members)} entries, more than a template holds (limit {ZIP_MAX_MEMBERS})")
        for info in members:
            name = Path(info.filename)
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            if name.is_absolute() or ".." in name.parts or is_link:
                raise TemplateError(f"{path}: refusing unsafe entry {info.filename!r}")
        tmp = Path(tempfile.mkdtemp(dir=_mkdir(dest.parent)))
        try:
            _extract_bounded(archive, members, tmp / "t", path)
            (tmp / "t").rename(dest)
        except OSError as exc:
            raise TemplateError(f"{path}: cannot extract: {exc.strerror or exc}") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return _single_top(dest)


def _extract_bounded(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], dest: Path, shown: Path) -> None:
    """Extract counting the bytes actually inflated (a header's sizes may lie): a zip bomb stops at the bound."""
    total = 0
    dest.mkdir()
    for info in members:
        target = dest / info.filename
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(info) as src, target.open("wb") as out:
                while chunk := src.read(1 << 16):
                    total += len(chunk)
                    if total > ZIP_MAX_EXPANDED:
                        raise TemplateError(
                            f"{shown}: expands to more than {ZIP_MAX_EXPANDED >> 20} MB, more than a template holds; "
                            "refused"
                        )
                    out.write(chunk)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib_error) as exc:
            raise TemplateError(f"{shown}: cannot extract {info.filename!r}: {exc}") from None


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _single_top(root: Path) -> Path:
    """A zip of a template folder holds one top folder; look inside it."""
    entries = list(root.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not (root / "cookiecutter.json").exists():
        return entries[0]
    return root
