"""Shared fixtures: the seed article and the shared data folder (skipped cleanly when absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is not on this machine."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("eval", "seed", "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import marsad

    return marsad.extract(seed_text, published="2024-07-25", doc_id="seed-article")
