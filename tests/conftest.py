"""Shared fixtures: paths and the seed figures (read from ../shared, never copied)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_FIGURES = SHARED / "reference" / "seed_figures.yml"
DEMO_REVIEW = "luton-sw-2016"
DEMO_MEETING = "2016-09-21"


@pytest.fixture(scope="session")
def seed() -> dict:
    """The seed figures file, as published in ../shared/reference."""
    if not SEED_FIGURES.exists():
        pytest.fail(f"Seed figures not found at {SEED_FIGURES}: the tests need ../shared beside "
                    "the repository.")
    return yaml.safe_load(SEED_FIGURES.read_text(encoding="utf-8"))


def key(label: str) -> str:
    """Comparable form of a label: letters and digits only, lower case, no plural 's'."""
    k = re.sub(r"[^a-z0-9]", "", str(label).lower())
    return k[:-1] if k.endswith("s") else k
