"""Find the source texts, which the project quotes but does not carry."""

from __future__ import annotations

import functools
import os
import re
from importlib.resources import files
from pathlib import Path

ENV = "KUZBAS_SOURCES"


def texts_root() -> Path | None:
    """The folder holding ``sources/`` (the five documents) and ``research/``, or None.

    It is the parent of the folder named by the ``KUZBAS_SOURCES`` environment variable
    when that is set, else ``../shared`` beside a checkout of the project.
    """
    if os.environ.get(ENV):
        folder = Path(os.environ[ENV]).expanduser()
        return folder.resolve().parent if folder.is_dir() else None
    package = Path(str(files("kuzbas_data")))
    beside_checkout = package.parent.parent / "shared"
    return beside_checkout if (beside_checkout / "sources").is_dir() else None


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space, as quotes are compared."""
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def text_of(root: Path, text_file: str) -> str:
    """The whitespace-normalised text of one source file under ``root``."""
    return normalise_space((root / text_file).read_text(encoding="utf-8"))
