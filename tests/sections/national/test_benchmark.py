"""``evidence-pack benchmark``: a standalone pack for any authority, built once per module."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.sections.national import analysis as nat
from tests.sections.national.conftest import INDICATORS, NEIGHBOURS, area_row, la_rows, published

runner = CliRunner()


@pytest.fixture(scope="module")
def sandwell(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "sandwell"
    result = runner.invoke(app, ["benchmark", "--la", "Sandwell", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_benchmark_writes_html_pdf_tables_and_manifest(sandwell):
    assert (sandwell / "pack.pdf").stat().st_size > 50_000
    html = (sandwell / "pack.html").read_text(encoding="utf-8")
    assert (
        "National picture: children&#39;s social work workforce, Sandwell" in html
        or "National picture: children's social work workforce, Sandwell" in html
    )
    assert "OFFICIAL" in html and "Key findings" in html
    manifest = json.loads((sandwell / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["authority"]["dfe_code"] == "333" and manifest["year"] == 2025
    for kind, src in (("indicators", INDICATORS), ("neighbours", NEIGHBOURS)):
        assert manifest["inputs"][kind]["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert not list(sandwell.parent.glob(".sandwell.staging-*"))


def test_benchmark_tables_match_the_csv(sandwell, raw_rows):
    comp = pd.read_csv(sandwell / "tables" / "30_local_vs_national__comparison.csv")
    row = la_rows(raw_rows, 2025)["333"]
    england = area_row(raw_rows, 2025, "E92000001")
    for m in nat.MEASURES:
        line = comp[comp["Measure"] == m.header].iloc[0]
        assert line["Sandwell"] == published(row[m.column])
        assert line["England"] == published(england[m.column])
    trends = sorted(p.name for p in (sandwell / "tables").glob("*trend-*.csv"))
    assert len(trends) == len(nat.MEASURES)


def test_benchmark_bad_name_lists_close_matches_and_builds_nothing(tmp_path):
    out = tmp_path / "x"
    result = runner.invoke(app, ["benchmark", "--la", "Sandwel", "--out", str(out)])
    assert result.exit_code == 2
    assert "Closest matches: Sandwell (E08000028, DfE 333)" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_benchmark_year_without_figures_is_refused(tmp_path):
    result = runner.invoke(
        app, ["benchmark", "--la", "E06000061", "--year", "2019", "--out", str(tmp_path / "y")]
    )
    assert result.exit_code == 2 and "Years with figures: 2021" in result.output


def test_benchmark_marks_its_folder_and_rebuilds_over_it(sandwell):
    from pipelines.benchmark import MARKER, is_pack_folder

    assert (sandwell / MARKER).is_file() and is_pack_folder(sandwell)
