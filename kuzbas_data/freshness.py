"""Whether a notebook's stored outputs were computed from the current code and data.

The book shows the outputs stored in the notebooks, and the tests prove (nbval) that a fresh
run gives the same text. Figures are not compared by nbval, so a notebook also carries a
digest of everything its outputs depend on: its own code cells, the package's modules and
the data files. ``make refresh`` re-executes the notebooks and writes the digest; a test
fails when the stored digest no longer matches, naming ``make refresh`` as the fix.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from pathlib import Path

KEY = "inputs_sha256"  # in the notebook's metadata, under "kuzbas"


def tree_digest(root, suffixes: tuple[str, ...]) -> str:
    """A digest of the files under ``root`` (a path or an importlib.resources Traversable)
    whose names end with one of ``suffixes``, by relative name and content.

    Line endings are made uniform first, so a Windows checkout digests the same; caches
    (``__pycache__``) are left out.
    """
    h = hashlib.sha256()
    for name, data in sorted(_files_under(root, suffixes, "")):
        h.update(name.encode() + b"\0" + data.replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()


def _files_under(root, suffixes: tuple[str, ...], prefix: str) -> list[tuple[str, bytes]]:
    out = []
    for entry in root.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                out += _files_under(entry, suffixes, f"{name}/")
        elif entry.name.endswith(suffixes):
            out.append((name, entry.read_bytes()))
    return out


@cache
def package_digest() -> str:
    """A digest of the package's modules and its data files (found with importlib.resources)."""
    code = tree_digest(files("kuzbas_data"), (".py",))
    data = tree_digest(files("kuzbas_data.data"), (".csv", ".json"))
    return hashlib.sha256(f"{code} {data}".encode()).hexdigest()


def inputs_digest(nb: dict) -> str:
    """The digest of what a notebook's outputs depend on: its code cells, the package, the data."""
    h = hashlib.sha256(package_digest().encode())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            h.update(b"\0" + source.encode())
    return h.hexdigest()


def stored_digest(nb: dict) -> str | None:
    return nb.get("metadata", {}).get("kuzbas", {}).get(KEY)


def is_current(path: Path) -> bool:
    """Whether the notebook's stored digest matches its current inputs."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return stored_digest(nb) == inputs_digest(nb)


def stamp(path: Path) -> bool:
    """Write the current digest into a freshly executed notebook; True if the file changed.

    The JSON is written as nbformat writes it (sorted keys, indent 1), so the stamp changes
    one line.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    digest = inputs_digest(nb)
    if stored_digest(nb) == digest:
        return False
    nb.setdefault("metadata", {}).setdefault("kuzbas", {})[KEY] = digest
    path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True
