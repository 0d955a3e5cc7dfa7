"""Shared fixtures: the repository root and the source texts (which the project does not carry)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def csv_rows(table: str) -> list[dict[str, str]]:
    """A data file read with the csv module alone: the independent reading tests compare with."""
    with (REPO / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def shared_texts_root() -> Path | None:
    """The folder that holds sources/ and research/, or None when neither place has them.

    ``KUZBAS_SOURCES`` names the sources folder itself; its parent holds research/.
    """
    env = os.environ.get("KUZBAS_SOURCES")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "sources")
    for folder in candidates:
        if folder.is_dir():
            return folder.resolve().parent
    return None


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def texts_root() -> Path:
    root = shared_texts_root()
    if root is None:
        pytest.skip("source texts not found: set KUZBAS_SOURCES to the folder of the five "
                    "documents, or place shared/sources beside the checkout")
    return root
