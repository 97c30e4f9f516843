"""Three-way merge of one text file, with git's merge machinery (`git merge-file`).

ours = the file on disk (the user's edits), base = what the template produced last time,
theirs = what the template produces now. Edits to different parts both survive; overlapping
edits produce conflict markers, never a silent loss.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import ScaffoldError


@dataclass(frozen=True)
class Merged:
    text: bytes
    conflicts: int


def merge3(ours: bytes, base: bytes, theirs: bytes, name: str) -> Merged:
    if ours == base:
        return Merged(theirs, 0)
    if theirs in (base, ours):
        return Merged(ours, 0)
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as tmp:
        paths = []
        for label, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / label
            path.write_bytes(data)
            paths.append(str(path))
        try:
            proc = subprocess.run(
                [
                    "git",
                    "merge-file",
                    "-p",
                    "-L",
                    f"{name} (yours)",
                    "-L",
                    f"{name} (last generated)",
                    "-L",
                    f"{name} (template now)",
                    *paths,
                ],
                capture_output=True,
                check=False,
                timeout=60,
            )
        except FileNotFoundError:
            raise ScaffoldError("git is needed to merge template changes but is not installed") from None
    if proc.returncode < 0 or proc.returncode > 127:
        raise ScaffoldError(f"{name}: git merge-file failed: {proc.stderr.decode(errors='replace').strip()}")
    return Merged(proc.stdout, proc.returncode)


_MARKER = re.compile(rb"^(<{7} |>{7} |={7}$)", re.MULTILINE)


def has_markers(text: bytes) -> bool:
    """True while a file still holds a merge's `<<<<<<<` … `>>>>>>>` block (all three marker kinds)."""
    kinds = {m.group(1)[:1] for m in _MARKER.finditer(text)}
    return kinds == {b"<", b"=", b">"}
