"""Shared fixtures: the repository root and the source texts (which the project does not carry)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


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
