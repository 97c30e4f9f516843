"""Facts from the scan of a Go module's code: main package, cgo, embeds, frontend, port, runtime files, and the
notes that go with them."""

from __future__ import annotations

import json
from dataclasses import replace
from posixpath import dirname

from scaffold.models import Fact
from scaffold.project import ProjectDir
from scaffold.providers.go.build_tags import build_tags
from scaffold.providers.go.cgo_facts import library_facts
from scaffold.providers.go.config_flag import config_file
from scaffold.providers.go.data import default_port
from scaffold.providers.go.entry import main_facts, pkg_arg, serve_facts
from scaffold.providers.go.frontend_facts import frontend_facts
from scaffold.providers.go.generate import generate_facts
from scaffold.providers.go.port_facts import config_port, env_port, host_facts, port_env_facts
from scaffold.providers.go.port_flag import given_port
from scaffold.providers.go.runtime_files import config_examples, dotenv_facts, package_files, runtime_files
from scaffold.providers.go.source import SourceScan


def source_facts(project: ProjectDir, module_dir: str, found: SourceScan, app: str) -> tuple[list[Fact], list[str]]:
    """Facts from the code: main package, cgo, embeds, port; and the notes that go with them."""
    facts: list[Fact] = []
    notes: list[str] = []
    mains = [pkg_arg(m) for m in found.main_packages]
    main_facts(found, module_dir, app, mains, facts, notes)
    if found.version_var_typed:
        facts.append(Fact("version_var_typed", True, found.version_var_typed))
        notes.append(
            f"{found.version_var_typed} declares a `version` that is no string: the build does not stamp "
            "main.version with -X (the linker would stop on it)"
        )
    if tags := build_tags(project, module_dir):
        facts.append(Fact("build_tags", tags[0], tags[1]))
        notes.append(f"{tags[1]} builds with -tags {tags[0]}: so does the image (and its test stage)")
    found = _config_flag(project, module_dir, _chosen_ports_first(module_dir, found, facts), facts, notes)
    found = _port_flag(project, module_dir, found, facts, notes)
    _cgo(found, facts, notes)
    if found.embeds:
        facts.append(Fact("embed_patterns", " ".join(found.embeds), found.embed_files[0]))
    more_facts, more_notes = frontend_facts(project, module_dir, found)
    facts += more_facts
    notes += more_notes
    if not any(f.key == "frontend_dist" for f in more_facts):
        generated, why = generate_facts(project, module_dir, found.embeds, found.generators)
        facts += generated
        notes += why
    if found.ports:
        port, source = found.ports[0]
        facts.append(Fact("port", port, source))
    elif found.port_env:
        facts.append(env_port(project, module_dir, "PORT", found.port_env[0]))
    elif found.port_names and found.listens:
        name, where = found.port_names[0]
        facts.append(env_port(project, module_dir, name, where))
    elif found.listens and (configured := config_port(project, module_dir, found)):
        facts.append(Fact("port", configured[0], configured[1]))
        notes.append(
            f"{found.listens[0]} listens on an address from its config file: the image exposes {configured[1]}'s "
            f"port {configured[0]} (--set port= if the config says otherwise at run time)"
        )
    dist = {f.key: str(f.value) for f in more_facts}
    served = (dist["frontend_dist"], dist["frontend_dir"]) if "frontend_serve" in dist else ()
    copied = runtime_files(project, module_dir, found, served)
    taken = next((str(f.value) for f in copied if f.key == "runtime_files"), "")
    facts += copied + package_files(project, module_dir, found, taken, notes)
    facts += config_examples(project, module_dir, found, notes)
    facts += serve_facts(found, module_dir, mains, facts, app, notes)
    _loopback_facts(found, facts, notes)
    if found.acme:
        notes.append(
            f"{found.acme} gets its TLS certificates from Let's Encrypt at run time (ACME): the container serves "
            "HTTPS only under a public domain that resolves to it, with ports 80 and 443 published "
            "(`docker run -p 80:80 -p 443:443`); locally TLS handshakes fail"
        )
    facts += dotenv_facts(found, notes) + host_facts(found, notes)
    facts += port_env_facts(found, notes)
    return facts, notes


def _config_flag(
    project: ProjectDir, module_dir: str, found: SourceScan, facts: list[Fact], notes: list[str]
) -> SourceScan:
    """A config-file flag with no default in the main package the image runs: the image passes it the project's
    config file (config_args), which then counts as opened by the code (copied, its port read)."""
    prefix = "" if module_dir == "." else module_dir + "/"
    chosen = next((str(f.value) for f in facts if f.key == "main_package"), "")
    for flag, where in found.config_flags:
        if pkg_arg(dirname(where.removeprefix(prefix)) or ".") != chosen:
            continue
        path = config_file(project, module_dir, flag)
        if path is None:
            continue
        facts.append(Fact("config_args", json.dumps([f"--{flag}", path]), where))
        notes.append(
            f"{where}: the -{flag} flag has no default (run without it the app exits): the image runs the binary "
            f"with --{flag} {path}, the project's config file, copied beside it"
        )
        return replace(found, opened=(*found.opened, (path, where)))
    return found


def _loopback_facts(found: SourceScan, facts: list[Fact], notes: list[str]) -> None:
    """A listen-address or host flag that defaults to loopback: the image passes every interface; else a note
    for code that listens on loopback only."""
    flags = [f for f in found.loopback_flags if found.ports and f[1] == found.ports[0][0]]
    if flags:
        flag, port, where = flags[0]
        facts.append(Fact("listen_args", json.dumps([f"--{flag}", f":{port}"]), where))
        notes.append(
            f"{where}: the -{flag} flag defaults to a loopback address, which nothing outside the container reaches: "
            f"the image runs the binary with --{flag} :{port} (every interface)"
        )
    elif found.host_flags:
        flag, where = found.host_flags[0]
        facts.append(_listen_args(facts, [f"--{flag}", "0.0.0.0"], where))
        notes.append(
            f"{where}: the -{flag} flag defaults to loopback, which nothing outside the container reaches: "
            f"the image runs the binary with --{flag} 0.0.0.0 (every interface)"
        )
    elif found.loopback:
        notes.append(
            f"{found.loopback[0]} listens on 127.0.0.1/localhost only: nothing outside the container can reach "
            'it; listen on ":PORT" (all interfaces) instead'
        )


def _listen_args(facts: list[Fact], words: list[str], where: str) -> Fact:
    """The listen_args fact with `words` after those already found (a required port flag's), which it replaces."""
    old = next((f for f in facts if f.key == "listen_args"), None)
    if old is None:
        return Fact("listen_args", json.dumps(words), where)
    facts.remove(old)
    return Fact("listen_args", json.dumps([*json.loads(str(old.value)), *words]), str(old.source))


def _port_flag(
    project: ProjectDir, module_dir: str, found: SourceScan, facts: list[Fact], notes: list[str]
) -> SourceScan:
    """A port or address flag with no default in the main package the image runs: the image passes it the port
    the project's run instructions give it, else the port the code names elsewhere, else the default port."""
    prefix = "" if module_dir == "." else module_dir + "/"
    chosen = next((str(f.value) for f in facts if f.key == "main_package"), "")
    for flag, address, where in found.port_flags:
        if pkg_arg(dirname(where.removeprefix(prefix)) or ".") != chosen:
            continue
        given = given_port(project, module_dir, flag)
        port = given or (found.ports[0][0] if found.ports else default_port())
        facts.append(Fact("listen_args", json.dumps([f"--{flag}", f":{port}" if address else port]), where))
        origin = "the port the project's run instructions pass it" if given else "no port given anywhere"
        notes.append(
            f"{where}: the -{flag} flag has no default (run without it the app exits): the image runs the binary "
            f"with --{flag} {':' if address else ''}{port} ({origin})"
        )
        return replace(found, ports=((port, where), *found.ports), loopback_flags=())
    return found


def _chosen_ports_first(module_dir: str, found: SourceScan, facts: list[Fact]) -> SourceScan:
    """The scan with the ports of the main package the image runs ahead of the other mains' (cmd/admin's 9001
    is not the port of cmd/app)."""
    prefix = "" if module_dir == "." else module_dir + "/"
    chosen = next((str(f.value) for f in facts if f.key == "main_package"), "")

    def other(port: tuple[str, str]) -> bool:
        where = port[1].removeprefix(prefix)
        return chosen not in (pkg_arg(dirname(where) or "."), pkg_arg(where))

    return replace(found, ports=tuple(sorted(found.ports, key=other)))


def _cgo(found: SourceScan, facts: list[Fact], notes: list[str]) -> None:
    """cgo's facts (C++, the system libraries it links) and notes, added to `facts` and `notes`."""
    if not found.cgo_files:
        return
    facts.append(Fact("cgo", True, found.cgo_files[0]))
    if found.cxx:
        facts.append(Fact("cgo_cxx", True, found.cgo_files[0]))
    linked, unknown = library_facts(found.c_libraries, found.cgo_files[0])
    facts += linked
    if linked:
        notes.append(
            f"cgo links {', '.join(n for n in found.c_libraries if n not in unknown)} (catalogue/go.toml "
            f"[c_libraries] {linked[0].value}): the build stage installs "
            f"{linked[1].value}, and the final image is Debian slim with their shared libraries"
        )
    if unknown:
        notes.append(
            f"cgo links {', '.join(unknown)}: install their -dev packages in the build "
            "stage and pick a runtime image that has them (or add them to [c_libraries] in catalogue/go.toml)"
        )
