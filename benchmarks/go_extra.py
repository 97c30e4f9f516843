"""Go-specific measurements (issue 3) for every Go example. Not a test: prints a Markdown table.

- binary vs image: the final image's size minus its base image, against the size of the stripped
  binaries it holds (goal: within 2 %);
- rebuild after a one-line change with warm caches, with the generated Dockerfile and with the same
  Dockerfile minus the Go build-cache mount (goal: at most half the time);
- a cross-build for linux/arm64 that must succeed with no emulation.

The offline stand-in base images exist for amd64 only. distroless/static holds no executables, so an
arm64 copy of it is made here (its files copied into an arm64 image, no RUN) under its own name, and
the example is generated with `--set runtime_image=` that name, the way a team would point at a mirror.
The cgo example cannot cross-build here: its build stage runs on the target platform by design, which
needs an arm64 golang image and emulation; the table says so with the engine's own error.

Zero edits for every example, with its MB above the runtime base: benchmarks/zero_edit.py.

    python benchmarks/go_extra.py [EXAMPLE …]
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench import final_base  # noqa: E402
from tests.conftest import EXAMPLE_LIST, Example, copy_example, run_cli  # noqa: E402
from tests.e2e.engine import Engine, EngineError  # noqa: E402

ARM64_STATIC = "scaffold-standin/static-debian12-arm64:nonroot"
ARM64_STATIC_DOCKERFILE = """\
FROM --platform=linux/amd64 gcr.io/distroless/static-debian12:nonroot AS files
FROM scratch
COPY --from=files / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532
WORKDIR /home/nonroot
"""
BUILD_CACHE_LINE = "--mount=type=cache,target=/root/.cache/go-build"
ELF_MACHINE = {62: "x86-64", 183: "aarch64"}
REPEATS = 3
"""Rebuilds timed per variant (the median is shown): the machine's cores are shared and noisy."""


@dataclass(frozen=True)
class Row:
    example: str
    binaries: int
    above_base: int
    cached_s: float
    uncached_s: float
    arm64: str

    @property
    def overhead(self) -> float:
        return (self.above_base - self.binaries) / self.binaries * 100


def generate(example: Example, dest: Path, *sets: str) -> Path:
    project = copy_example(example, dest)
    extra = [a for s in sets for a in ("--set", s)]
    result = run_cli(*example.init_args(), *extra, project)
    if result.code != 0:
        raise AssertionError(f"scaffold init failed: {result.err}")
    return project


def image_binaries(engine: Engine, image: str) -> dict[str, bytes]:
    """The files under /usr/local/bin of an image (read through `docker export`, shell-less images too)."""
    cid = engine.run_cmd("create", image).stdout.strip()
    try:
        tar_bytes = subprocess.run([engine.binary, "export", cid], capture_output=True, check=True).stdout
    finally:
        engine.run_cmd("rm", "-f", cid, check=False)
    out = {}
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.lstrip("./").startswith("usr/local/bin/"):
                data = tar.extractfile(member)
                out[member.name] = data.read() if data else b""
    return out


def elf_machine(data: bytes) -> str:
    if data[:4] != b"\x7fELF":
        return "not ELF"
    machine = int.from_bytes(data[18:20], "little")
    return ELF_MACHINE.get(machine, f"machine {machine}")


def main_source(project: Path, example: Example) -> Path:
    """The file a developer edits: a non-test .go file of the module, outside vendor/."""
    files = sorted(p for p in project.rglob("*.go") if "vendor" not in p.parts and not p.name.endswith("_test.go"))
    if not files:
        raise SystemExit(f"{example.name}: no Go source to edit")
    return files[0]


def rebuild_seconds(engine: Engine, project: Path, dockerfile: str, tag: str, source: Path) -> float:
    """Median wall time of a rebuild after a one-line change, caches warm from the build before it."""
    engine.build(project, tag, dockerfile=dockerfile)
    times = []
    for i in range(REPEATS):
        with source.open("a", encoding="utf-8") as fh:
            # Unique content: an edit identical to an earlier run's would be a BuildKit cache hit.
            fh.write(f"\n// benchmark edit {dockerfile} {i} {time.time_ns()}\n")
        times.append(engine.build(project, tag, dockerfile=dockerfile))
    return statistics.median(times)


def cross_build(engine: Engine, example: Example, work: Path) -> str:
    """Build for linux/arm64 and return the architecture of the image and of its entry binary."""
    project = generate(example, work / "arm64")
    if "CGO_ENABLED=0" in (project / "Dockerfile").read_text(encoding="utf-8"):
        # Static binary: point the final stage at the arm64 copy of distroless/static.
        shutil.rmtree(project)
        project = generate(example, work / "arm64", f"runtime_image={ARM64_STATIC}")
    tag = f"scaffold-bench/{example.name}-arm64:latest"
    try:
        seconds = engine.build(project, tag, extra=("--platform", "linux/arm64"))
    except EngineError as exc:
        return f"fails: {cross_build_error(str(exc))}"
    try:
        arch = engine.inspect(tag)["Architecture"]
        machines = {elf_machine(data) for data in image_binaries(engine, tag).values()}
    finally:
        engine.remove_image(tag)
    return f"ok in {seconds:.1f} s: image {arch}, binary {', '.join(sorted(machines))}"


def cross_build_error(output: str) -> str:
    """The engine's reason in a few words: which image it could not get for linux/arm64, if that was it."""
    _, found, rest = output.partition('Head "https://')
    if found:
        url = rest.split('"', 1)[0]
        host, _, path = url.partition("/v2/")
        name, _, tag = path.partition("/manifests/")
        image = name.removeprefix("library/") if host.endswith("docker.io") else f"{host}/{name}"
        return f"no linux/arm64 {image}:{tag} here (registry unreachable), and no emulation to run its RUN steps"
    lines = [ln.strip() for ln in output.splitlines() if "ERROR" in ln or "failed to solve" in ln]
    return (lines or ["unknown error"])[-1][:120]


def measure(engine: Engine, example: Example, work: Path) -> Row:
    for wanted, source in example.retag.items():
        engine.tag(source, wanted)
    project = generate(example, work / "generated")
    tag = f"scaffold-bench/{example.name}-go:latest"
    engine.build(project, tag)
    base = engine.size(final_base(project / "Dockerfile"))
    above = engine.size(tag) - base
    binaries = sum(len(b) for b in image_binaries(engine, tag).values())

    text = (project / "Dockerfile").read_text(encoding="utf-8")
    uncached = "\n".join(line for line in text.splitlines() if BUILD_CACHE_LINE not in line) + "\n"
    assert uncached != text, "the generated Dockerfile has no build-cache mount"
    (project / "Dockerfile.nocache").write_text(uncached, encoding="utf-8")
    edited = main_source(project, example)
    cached_s = rebuild_seconds(engine, project, "Dockerfile", tag, edited)
    uncached_s = rebuild_seconds(engine, project, "Dockerfile.nocache", tag + "-nocache", edited)
    engine.remove_image(tag)
    engine.remove_image(tag + "-nocache")
    return Row(example.name, binaries, above, cached_s, uncached_s, cross_build(engine, example, work))


def emulation() -> str:
    binfmt = Path("/proc/sys/fs/binfmt_misc")
    handlers = sorted(p.name for p in binfmt.glob("qemu-*")) if binfmt.is_dir() else []
    return ", ".join(handlers) if handlers else "none (binfmt_misc has no qemu handler)"


def main(args: list[str]) -> int:
    engine = Engine.from_env()
    why = engine.available()
    if why:
        print(f"no Docker engine: {why}", file=sys.stderr)
        return 2
    names = args
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "Dockerfile").write_text(ARM64_STATIC_DOCKERFILE, encoding="utf-8")
        engine.build(Path(tmp), ARM64_STATIC, extra=("--platform", "linux/arm64"))
    print(f"emulation available on this host: {emulation()}\n")
    print("| example | binaries | image - base | overhead | rebuild, build cache | without it | ratio | linux/arm64 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    examples = [e for e in EXAMPLE_LIST if e.language == "go" and (not names or e.name in names)]
    for example in examples:
        work = Path(tempfile.mkdtemp(prefix=f"go-extra-{example.name}-"))
        try:
            r = measure(engine, example, work)
        except (EngineError, AssertionError, subprocess.CalledProcessError) as exc:
            print(f"| {example.name} | failed: {str(exc).splitlines()[0][:100]} | | | | | | |", flush=True)
            continue
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(
            f"| {r.example} | {r.binaries:,} B | {r.above_base:,} B | {r.overhead:+.2f} % | {r.cached_s:.1f} s "
            f"| {r.uncached_s:.1f} s | {r.cached_s / r.uncached_s:.2f} | {r.arm64} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
