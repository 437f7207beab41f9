"""Fixtures for the national-data tests: the DfE files read by the product, and read plainly.

The "plain" readings use the csv module on the shared files, independently of the product's
reader, so that tests compare the product's tables with the published cells themselves.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import SHARED

DFE = SHARED / "data" / "dfe"
INDICATORS = DFE / "csww_indicators_2017_to_2025.csv"
NEIGHBOURS = DFE / "sn_model_2025_wide.csv"
MARKERS = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "less than 0.05",
    "k": "less than 0.05",
}


def published(text: str) -> float | str:
    """A published cell as a member table should show it: the number or the marker's words."""
    t = text.strip()
    return MARKERS[t] if t in MARKERS else float(t)


@pytest.fixture(scope="session")
def national():
    """The product's reading of the shared DfE files."""
    if not INDICATORS.exists():
        pytest.fail(f"DfE files not found in {DFE}: the tests need ../shared beside the repo.")
    from pipelines.datasets.national.dfe import load_national

    return load_national(DFE)


@pytest.fixture(scope="session")
def raw_rows() -> list[dict]:
    """Every row of the indicators file, as text, with its spreadsheet row number."""
    with open(INDICATORS, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows):
        r["_row"] = i + 2
    return rows


@pytest.fixture(scope="session")
def raw_neighbours() -> dict[str, list[str]]:
    """DfE code -> its ten neighbours' DfE codes, closest first, from the neighbour file."""
    with open(NEIGHBOURS, encoding="utf-8-sig", newline="") as f:
        return {
            r["old_la_code"].strip(): [r[f"SN_{i}"].strip() for i in range(1, 11)]
            for r in csv.DictReader(f)
        }


def la_rows(raw_rows: list[dict], year: int) -> dict[str, dict]:
    """DfE code of each reporting unit (``"314 / 318"`` for a joint return) -> its row."""
    return {
        r["old_la_code"]: r
        for r in raw_rows
        if r["geographic_level"] == "Local authority" and int(r["time_period"]) == year
    }


def area_row(raw_rows: list[dict], year: int, code: str) -> dict:
    """The England or regional row of a year, by ONS code."""
    for r in raw_rows:
        if (
            int(r["time_period"]) == year
            and r["geographic_level"] != "Local authority"
            and (r["region_code"] or r["country_code"]) == code
        ):
            return r
    raise KeyError(code)


def copy_files(dest: Path) -> Path:
    """Copy the two DfE files into ``dest`` (for tests that change or serve them)."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for p in (INDICATORS, NEIGHBOURS):
        shutil.copy(p, dest / p.name)
    return dest
