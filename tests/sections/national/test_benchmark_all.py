"""``evidence-pack benchmark --all``: every pack, charts drawn as SVG, no result stored."""

from __future__ import annotations

import base64
import re

import pandas as pd

from pipelines.benchmark import build_all
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import charts
from tests.sections.national.conftest import DFE, area_row, la_rows, published


def test_a_batch_draws_svg_charts_and_its_tables_are_the_published_cells(tmp_path, raw_rows):
    out = tmp_path / "all"
    result = build_all(out, national=DFE, jobs=1, authorities=["333", "Luton"])
    assert [p.error for p in result.packs] == [None, None]
    assert charts.VECTOR is False  # the switch is the batch's only
    sandwell = next(p for p in result.packs if p.asked == "333")
    html = (out / sandwell.folder / "pack.html").read_text(encoding="utf-8")
    images = re.findall(r'src="data:(image/[a-z+]+);base64,([^"]+)"', html)
    assert len(images) == len(nat.MEASURES) and {m for m, _ in images} == {"image/svg+xml"}
    assert all(base64.b64decode(b).startswith(b"<svg") for _, b in images)
    comp = pd.read_csv(out / sandwell.folder / "tables" / "30_local_vs_national__comparison.csv")
    row, england = la_rows(raw_rows, 2025)["333"], area_row(raw_rows, 2025, "E92000001")
    for m in nat.MEASURES:
        line = comp[comp["Measure"] == m.header].iloc[0]
        assert line["Sandwell"] == published(row[m.column])
        assert line["England"] == published(england[m.column])
    assert not list(out.rglob("*.pkl"))  # no result stored in the batch
    assert (out / "index.html").is_file() and (out / "timings.json").is_file()
