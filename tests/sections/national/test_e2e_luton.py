"""The 22 November 2016 Luton pack builds with the local-and-national section (built once)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipelines.sections.national import analysis as nat
from tests.conftest import DEMO_REVIEW
from tests.sections.national.conftest import area_row, la_rows, published

MEETING = "2016-11-22"
SECTION = "30_local_vs_national"


@pytest.fixture(scope="module")
def luton(tmp_path_factory):
    from pipelines.orchestrator import build_pack

    root = tmp_path_factory.mktemp("luton")
    result = build_pack(
        DEMO_REVIEW,
        MEETING,
        outputs_root=root / "outputs",
        processed_root=root / "processed",
        annex_pdf=True,
    )
    return result.folder


def test_pack_has_the_section_with_its_year_caveat(luton):
    html = (luton / "annex.html").read_text(encoding="utf-8")
    assert "Local and national picture" in html
    assert "22 November 2016" in html and "30 September 2017" in html
    assert (luton / "annex.pdf").stat().st_size > 50_000
    manifest = json.loads((luton / "manifest.json").read_text(encoding="utf-8"))
    assert SECTION in manifest["sections"]
    assert manifest["sections"][SECTION]["parameters"]["meeting"] == MEETING


def test_luton_figures_are_the_2017_csv_figures(luton, raw_rows):
    comp = pd.read_csv(luton / "tables" / f"{SECTION}__comparison.csv")
    row = la_rows(raw_rows, 2017)["821"]
    region = area_row(raw_rows, 2017, "E12000006")
    for m in nat.MEASURES:
        line = comp[comp["Measure"] == m.header].iloc[0]
        assert line["Luton"] == published(row[m.column])
        assert line["East of England"] == published(region[m.column])
    neighbours = pd.read_csv(luton / "tables" / f"{SECTION}__neighbours.csv")
    assert neighbours["Authority"].iloc[0] == "Luton (this authority)"
    assert len(neighbours) == 13
