"""The Python provider's decisions over resolved options: what follows from the entry a person chose, and the
refusal when nothing says how the app starts.

Runs after every layer (--set, answers, records, team config, detection) is resolved, so an entry given at the
prompt or with --set gets its init and server install too. A value a person chose is never replaced, except the
install steps (layout): only scaffold writes those, whatever a layer says, so a recorded answer in a cloned
repo cannot put a mount or a command into the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scaffold import values as values_of_kind
from scaffold.errors import UsageError
from scaffold.models import Detection, Options, Origin, Resolved, Value, chosen
from scaffold.providers.python import bake
from scaffold.providers.python.data import image_versions, server_requirements
from scaffold.providers.python.dev import dev_command
from scaffold.providers.python.entry import NO_ENTRY_HEAD, SIGNAL_AWARE
from scaffold.providers.python.entry_model import program_of
from scaffold.providers.python.layout import LAYOUT_KEYS, layout
from scaffold.providers.python.parts import PART_KEYS, parts


def _set(options: Options, key: str, value: Value, why: str) -> Options:
    values = {**options.values, key: Resolved(value, f"decided: {why}", Origin.DEFAULT)}
    return Options(options.language, values)


def decide(detection: Detection, options: Options) -> Options:
    return _with_parts(bake.decide(_dev(detection, _with_layout(_entry(detection, _debian(options))))))


def _dev(detection: Detection, options: Options) -> Options:
    """The dev stage's command, from the entry and the framework (dev.py); a person's own stays."""
    if "dev_command" not in options.values or chosen(options.values["dev_command"]):
        return options
    framework = detection.fact("framework")
    values = {k: r.value for k, r in options.values.items()}
    command = dev_command(values, str(framework.value) if framework else "")
    return _set(options, "dev_command", command, "entry_kind, entry, framework")


def _debian(options: Options) -> Options:
    """A Python version a person chose brings its own image's Debian release (the catalogue's): 3.13 exists
    only on trixie, so the detected bookworm of 3.11 must not stay."""
    version, debian = options.values.get("python_version"), options.values.get("debian")
    if version is None or debian is None or not chosen(version) or chosen(debian):
        return options
    release = image_versions().get(str(version.value))
    if release is None or release == debian.value:
        return options
    return _set(options, "debian", release, f"python_version={version.value}'s image (catalogue/python.toml)")


def _with_layout(options: Options) -> Options:
    """The install steps the template reads, recomputed from the options (a team's template may not have them)."""
    return _derived(options, layout, LAYOUT_KEYS, "install steps")


def _with_parts(options: Options) -> Options:
    """The template parts a project gets (parts.py), from the options as every other decision left them."""
    return _derived(options, parts, PART_KEYS, "template parts")


def _derived(
    options: Options, derive: Callable[[dict[str, Value]], dict[str, Value]], keys: Iterable[str], why: str
) -> Options:
    """Each of `keys` the template has, set to what `derive` makes of the options' values."""
    decided = derive({k: r.value for k, r in options.values.items()})
    for key in keys:
        if key in options.values:
            options = _set(options, key, decided[key], why)
    return options


def _entry(detection: Detection, options: Options) -> Options:
    """What follows from the entry a person chose: init, the server and whether to install it."""
    values = options.values
    if "entry_kind" not in values or "entry" not in values:
        return options  # a team's own template that starts the app its own way
    kind, entry = values["entry_kind"], values["entry"]
    person = chosen(kind) or chosen(entry)
    refusal = next((n for n in detection.notes if n.startswith(NO_ENTRY_HEAD)), "")
    if not person and refusal:
        raise UsageError(refusal)
    if not person:
        return options
    if kind.value == "file":
        try:  # a script is a file of the project: relative, no `..` (`../../../bin/sh` is not one)
            values_of_kind.check(values_of_kind.kinds()["path"], str(entry.value))
        except values_of_kind.InvalidValue as exc:
            raise UsageError(f"{entry.source}: entry={values_of_kind.shown(str(entry.value))} {exc}") from None
    program = program_of(str(kind.value), str(entry.value))
    if "init" in values and not chosen(values["init"]):
        options = _set(options, "init", program not in SIGNAL_AWARE, f"{program} as PID 1")
    if "server_requirement" in values and not chosen(values["server_requirement"]):
        options = _set(options, "server_requirement", server_requirements().get(program, ""), "entry_kind, entry")
    in_deps = detection.fact("servers_in_deps")
    if "install_server" in values and not chosen(values["install_server"]) and in_deps is not None:
        missing = program in server_requirements() and program not in str(in_deps.value).split()
        options = _set(options, "install_server", missing, f"{program} among the dependencies?")
    return options
