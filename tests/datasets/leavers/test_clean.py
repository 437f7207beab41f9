import datetime as dt

import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog
from pipelines.core.cleaning_values import label_key, parse_date
from pipelines.core.errors import InputError
from pipelines.core.sources import read_export
from pipelines.datasets.leavers.clean import clean_leavers

HEADER = (
    "Employee Ref,Service Area,Team,Job Title,Grade,FTE,Continuous Service Date,"
    "Leaving Date,Leaving Reason\n"
)
ROW_A = "E1,Adults ,Locality North,Social Worker,M1,1,01/04/2010,2016-03-31,Retirement\n"
ROW_B = "E2,CSC,MASH,senior practitioner ,M2,0.8,2015-01-05,15/02/2016,Dismissal\n"


def _leavers(tmp_path, body):
    path = tmp_path / "leavers.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return read_export(path, "leavers")


@pytest.mark.parametrize(
    "cell, expected, fmt",
    [
        ("31/08/2016", dt.date(2016, 8, 31), "dd/mm/yyyy"),
        ("2016-08-31", dt.date(2016, 8, 31), "yyyy-mm-dd"),
        ("42613", dt.date(2016, 8, 31), "Excel serial number"),
        (dt.datetime(2016, 8, 31, 0, 0), dt.date(2016, 8, 31), "spreadsheet date"),
        ("31 August 2016", dt.date(2016, 8, 31), "d Month yyyy"),
    ],
)
def test_parse_date_reads_the_formats_exports_use(cell, expected, fmt):
    ts, found = parse_date(cell)
    assert ts.date() == expected and found == fmt


@pytest.mark.parametrize("cell", ["", "31/02/2016", "next week", "2016/31/08"])
def test_parse_date_rejects_what_is_not_a_date(cell):
    with pytest.raises(ValueError):
        parse_date(cell)


def test_label_key_ignores_case_spacing_apostrophes_and_dashes():
    assert label_key("  Children’s  Services ") == label_key("childrens services")
    assert label_key("Career – better opportunity") == label_key("career - better opportunity")


def test_clean_leavers_maps_labels_and_mixed_dates(tmp_path):
    df, problems = clean_leavers(_leavers(tmp_path, ROW_A + ROW_B), CleaningLog())
    assert problems == []
    assert df["service"].tolist() == ["Adult Social Care", "Children's Social Care"]
    assert df["role"].tolist() == ["Social Worker", "Senior Practitioner"]
    assert df["leaving_reason"].tolist() == ["Retired", "Dismissal"]
    assert df["leaving_date"].tolist() == [pd.Timestamp("2016-03-31"), pd.Timestamp("2016-02-15")]
    assert df["source_row"].tolist() == [2, 3]


def test_totals_row_and_exact_duplicate_are_removed_and_logged(tmp_path):
    log = CleaningLog()
    df, problems = clean_leavers(
        _leavers(tmp_path, ROW_A + ROW_A + ROW_B + "Total,,,,,2.8,,,\n"), log
    )
    assert problems == [] and len(df) == 2
    fixes = {e["fix"]: e["rows"] for e in log.entries}
    assert fixes["Totals row removed"] == 1
    assert fixes["Exact duplicate rows removed (kept the first)"] == 1


def test_unknown_service_names_row_column_and_the_known_labels(tmp_path):
    _, problems = clean_leavers(
        _leavers(tmp_path, ROW_A + ROW_B.replace("CSC", "Housing")), CleaningLog()
    )
    assert len(problems) == 1
    text = problems[0].render()
    assert "Unknown service" in text and "row:      3" in text
    assert "column:   Service Area" in text and '"Housing"' in text
    assert "Children's Social Care" in text and "mappings/services.yml" in text


def test_every_problem_in_a_file_is_reported_together(tmp_path):
    bad = ROW_A.replace("Retirement", "Bored") + ROW_B.replace("15/02/2016", "15/13/2016")
    _, problems = clean_leavers(_leavers(tmp_path, bad), CleaningLog())
    assert [p.column for p in problems] == ["Leaving Reason", "Leaving Date"]


def test_missing_column_names_file_expected_names_and_found_columns(tmp_path):
    path = tmp_path / "leavers.csv"
    path.write_text(
        HEADER.replace(",Leaving Reason", "") + "E1,ASC,T,Social Worker,M1,1,"
        "01/04/2010,2016-03-31\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_export(path, "leavers")
    text = str(err.value)
    assert "missing a column" in text and "leavers.csv" in text
    assert '"Leaving Reason"' in text and "Continuous Service Date" in text


def test_windows_1252_csv_is_read(tmp_path):
    path = tmp_path / "leavers.csv"
    path.write_bytes((HEADER + ROW_A.replace("Locality North", "Café team")).encode("cp1252"))
    df, problems = clean_leavers(read_export(path, "leavers"), CleaningLog())
    assert problems == [] and df["team"].iloc[0] == "Café team"
