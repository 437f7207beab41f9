"""Reading the DfE files: byte-order marks, markers kept with their meaning, bad cells named."""

from __future__ import annotations

import pytest

from pipelines.core.errors import ConfigError, InputError
from pipelines.datasets.national.dfe import (
    data_folder,
    load_national_config,
    normalise_name,
    parse_cell,
    read_indicators,
    read_neighbours,
)
from tests.sections.national.conftest import INDICATORS, MARKERS, NEIGHBOURS, copy_files


def test_every_cell_of_the_file_is_read_once_with_its_row(national, raw_rows):
    t = national.indicators
    measures = t["measure"].nunique()
    assert len(t) == len(raw_rows) * measures
    first = raw_rows[0]
    cell = t[(t["source_row"] == 2) & (t["measure"] == "inpost_fte")]
    assert float(first["inpost_fte"]) == cell["value"].item()


def test_markers_keep_their_meaning_and_are_never_zero(national, raw_rows):
    t = national.indicators
    found = {
        (r["_row"], col): r[col]
        for r in raw_rows
        for col in r
        if isinstance(r[col], str) and r[col].strip() in MARKERS
    }
    assert found, "the shared file has markers"
    marked = t[t["marker"] != ""]
    assert len(marked) == len(found)
    for row in marked.itertuples():
        assert found[(row.source_row, row.measure)] == row.marker
    assert marked["value"].isna().all()


def test_low_marker_is_kept_as_low_not_zero(national):
    t = national.indicators
    low = t[t["marker"] == "low"]
    assert len(low) and low["value"].isna().all()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12.5", (12.5, "")),
        ("x", (None, "x")),
        ("low", (None, "low")),
        ("k", (None, "k")),
        (" c ", (None, "c")),
        ("1,204", (1204.0, "")),
    ],
)
def test_parse_cell(text, expected):
    value, marker = parse_cell(text)
    assert marker == expected[1]
    assert (value == expected[0]) if expected[0] is not None else value != value


def test_byte_order_mark_does_not_spoil_the_first_header(tmp_path):
    path = tmp_path / INDICATORS.name
    path.write_bytes(b"\xef\xbb\xbf" + INDICATORS.read_bytes())
    assert read_indicators(path)["year"].min() == 2017
    sn = read_neighbours(NEIGHBOURS)
    assert sn.columns[0] == "code" and set(sn["closeness"]) >= {"Close", "Very close"}
    assert not any(c.endswith(" ") for c in sn["closeness"])


def test_a_bad_cell_names_file_row_and_column(tmp_path):
    lines = INDICATORS.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[5].split(",")
    cells[header.index("agency_rate_fte")] = "n/a"
    lines[5] = ",".join(cells)
    path = tmp_path / INDICATORS.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_indicators(path)
    text = str(err.value)
    assert "row:      6" in text and "column:   agency_rate_fte" in text
    assert "'n/a'" in text and "c, x, z, u, low, k" in text


def test_a_missing_column_lists_what_was_found(tmp_path):
    text = INDICATORS.read_text(encoding="utf-8-sig").replace("caseload_fte", "caseload")
    path = tmp_path / INDICATORS.name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="missing columns") as err:
        read_indicators(path)
    assert "expected: caseload_fte" in str(err.value)


def test_a_bad_neighbour_code_names_row_and_column(tmp_path):
    lines = NEIGHBOURS.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[4], "Luton", 1)
    path = tmp_path / NEIGHBOURS.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_neighbours(path)
    assert "row:      4" in str(err.value) and "column:   SN_1" in str(err.value)


def test_data_folder_prefers_the_downloaded_copy_then_the_fallback(tmp_path, monkeypatch):
    cfg = load_national_config()
    monkeypatch.delenv("EVIDENCE_PACK_NATIONAL", raising=False)
    assert data_folder(cfg, copy_files(tmp_path / "a")) == tmp_path / "a"
    monkeypatch.setenv("EVIDENCE_PACK_NATIONAL", str(tmp_path / "a"))
    assert data_folder(cfg) == tmp_path / "a"
    monkeypatch.setenv("EVIDENCE_PACK_NATIONAL", str(tmp_path / "empty"))
    with pytest.raises(ConfigError, match="fetch-national"):
        data_folder(cfg)


def test_config_names_a_wrong_key(tmp_path):
    path = tmp_path / "national.yml"
    path.write_text(
        "url: x\nfolder: a\nfallback: b\nfiles: {indicators: a, neighbours: b}\n"
        "source: s\nneighbour_source: n\nmirror: oops\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="key:   mirror"):
        load_national_config(path)


def test_names_match_across_spellings():
    assert normalise_name("St. Helens") == normalise_name("St Helens") == "st helens"
    assert normalise_name("Westmorland & Furness") == "westmorland and furness"
    assert normalise_name("Luton Borough Council") == "luton"
