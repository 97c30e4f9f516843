"""The image's layers as the engine saved them (`docker save`): every file of every layer, and the final tree.

Reading the layers, not only the final filesystem, is what finds a secret copied in one step and deleted in
the next, and the bytes such deletes and overwrites waste.
"""

from __future__ import annotations

import json
import posixpath
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCAN_LIMIT = 256 * 1024
"""Files up to this size in layers above the base are kept for the secret scan (keys and tokens are small)."""

WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    mode: int
    is_file: bool


@dataclass
class Layer:
    index: int
    created_by: str
    entries: dict[str, Entry] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)  # whiteouts: paths this layer removes
    opaque: list[str] = field(default_factory=list)  # directories whose lower contents this layer hides
    texts: dict[str, bytes] = field(default_factory=dict)  # small files' bytes (layers above the base only)

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries.values() if e.is_file)


@dataclass(frozen=True)
class Image:
    layers: list[Layer]
    base_count: int  # how many of the first layers are the final base image's
    config: dict[str, Any]

    @property
    def added(self) -> list[Layer]:
        return self.layers[self.base_count :]


def _norm(name: str) -> str:
    return posixpath.normpath("/" + name.removeprefix("./"))


def read_saved(archive: Path, base_count: int) -> Image:
    """Read a `docker save` / `podman save` archive (docker-archive or OCI layout with manifest.json)."""
    with tarfile.open(archive) as outer:
        manifest = json.load(_member(outer, "manifest.json"))[0]
        config: dict[str, Any] = json.load(_member(outer, manifest["Config"]))
        history = [h.get("created_by", "") for h in config.get("history", []) if not h.get("empty_layer")]
        layers = []
        for index, name in enumerate(manifest["Layers"]):
            created = history[index] if index < len(history) else ""
            layers.append(_read_layer(_member(outer, name), index, created, keep_text=index >= base_count))
    return Image(layers, min(base_count, len(layers)), config)


def _member(outer: tarfile.TarFile, name: str) -> Any:
    fh = outer.extractfile(name)
    if fh is None:
        raise OSError(f"{name} missing from the saved image")
    return fh


def _read_layer(fileobj: Any, index: int, created_by: str, keep_text: bool) -> Layer:
    layer = Layer(index, created_by)
    with tarfile.open(fileobj=fileobj, mode="r|*") as tar:
        for member in tar:
            path = _norm(member.name)
            base = posixpath.basename(path)
            parent = posixpath.dirname(path)
            if base == OPAQUE:
                layer.opaque.append(parent)
                continue
            if base.startswith(WHITEOUT):
                layer.deleted.append(posixpath.join(parent, base[len(WHITEOUT) :]))
                continue
            entry = Entry(path, member.size if member.isfile() else 0, member.mode, member.isfile())
            layer.entries[path] = entry
            if keep_text and member.isfile() and member.size <= SCAN_LIMIT:
                fh = tar.extractfile(member)
                if fh is not None:
                    layer.texts[path] = fh.read()
    return layer


@dataclass(frozen=True)
class Waste:
    path: str
    size: int
    layer: int  # the layer that wrote the bytes
    by: int  # the later layer that deleted or overwrote them


def final_tree(layers: list[Layer]) -> tuple[dict[str, tuple[int, Entry]], list[Waste]]:
    """Apply the layers in order: path → (layer index, entry) of the final filesystem, and the wasted files."""
    tree: dict[str, tuple[int, Entry]] = {}
    waste: list[Waste] = []

    def drop(prefix: str, by: int, children_only: bool) -> None:
        under = prefix.rstrip("/") + "/"
        for path in [p for p in tree if p.startswith(under) or (not children_only and p == prefix)]:
            idx, entry = tree.pop(path)
            if entry.is_file and entry.size:
                waste.append(Waste(path, entry.size, idx, by))

    for layer in layers:
        for directory in layer.opaque:
            drop(directory, layer.index, children_only=True)
        for path in layer.deleted:
            drop(path, layer.index, children_only=False)
        for path, entry in layer.entries.items():
            old = tree.get(path)
            if old is not None and old[1].is_file and old[1].size:
                waste.append(Waste(path, old[1].size, old[0], layer.index))
            tree[path] = (layer.index, entry)
    return tree, waste
