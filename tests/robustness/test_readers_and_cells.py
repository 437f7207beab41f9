"""Readers and cells (issue 13): Unicode text, paths, excerpts, formulas, numbers and dates."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog, clean_review
from pipelines.core.cleaning_values import (
    day_month_orders,
    neutralise_formula,
    number_readings,
    parse_date,
)
from pipelines.core.errors import InputError, Problem, excerpt
from pipelines.core.export_files import describe_content, export_path
from pipelines.core.sources import RawTable, read_export
from pipelines.core.table_cleaner import TableCleaner
from pipelines.datasets.leavers.clean import clean_leavers

ROOT = Path(__file__).resolve().parents[2]
LEAVERS = ROOT / "data" / "raw" / "demo" / "luton-sw-2016" / "leavers_itrent_2015-16.csv"


def demo_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(LEAVERS.read_text(encoding="utf-8"))))


def cleaned(path: Path) -> pd.DataFrame:
    df, problems = clean_leavers(read_export(path, "leavers"), CleaningLog())
    assert problems == []
    return df.drop(columns=["source_file"])


def test_excels_unicode_text_reads_exactly_like_the_utf8_csv(tmp_path):
    text = "\r\n".join("\t".join(r) for r in demo_rows())
    unicode_text = tmp_path / "leavers.txt"
    unicode_text.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    big_endian = tmp_path / "leavers_be.txt"
    big_endian.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    expected = cleaned(LEAVERS)
    pd.testing.assert_frame_equal(cleaned(unicode_text), expected)
    pd.testing.assert_frame_equal(cleaned(big_endian), expected)


def test_a_non_ascii_label_survives_utf16(tmp_path):
    rows = demo_rows()
    rows[3][2] = "Équipe Sud – Nord"
    path = tmp_path / "leavers.txt"
    path.write_bytes("\n".join("\t".join(r) for r in rows).encode("utf-16"))
    assert "Équipe Sud – Nord" in set(cleaned(path)["team"])


@pytest.mark.parametrize(
    ("head", "suffix", "says"),
    [
        (b"<!doctype html><html>", ".csv", "web page"),
        (b"  \n<TABLE><tr>", ".csv", "web page"),
        (b"\xef\xbb\xbf<html>", ".csv", "web page"),
        (b"\x7fELF\x02", ".csv", "program"),
        (b"%PDF-1.4", ".xlsx", "PDF"),
        (b"\x00\x00\x00\x00" * 100, ".csv", "not a text file"),
        (b"<html><body>", ".xlsx", "web page"),
        (b"Employee Ref,Service\n", ".xlsx", "not an Excel workbook"),
    ],
)
def test_non_tabular_files_are_described_in_a_line(head, suffix, says):
    description = describe_content(head, suffix)
    assert description and says in description and "\n" not in description


@pytest.mark.parametrize(
    "head",
    [
        b"Employee Ref,Service Area\nE1,ASC\n",
        "Employee Ref;Service\nE1;Caf\xe9\n".encode("cp1252"),
        b"\xef\xbb\xbfEmployee Ref,Service\n",
        "Employee Ref\tService\n".encode("utf-16"),
        b"PK\x03\x04",
    ],
)
def test_text_and_workbooks_are_not_described(head):
    suffix = ".xlsx" if head.startswith(b"PK") else ".csv"
    assert describe_content(head, suffix) is None


def test_a_path_outside_the_raw_folder_is_refused_and_never_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    datasets = {"leavers": SimpleNamespace(file="../../../../../../etc/passwd", sheet=None)}
    with pytest.raises(InputError) as caught:
        clean_review(raw, datasets)
    message = caught.value.render()
    assert "leads outside the review's raw data folder" in message
    assert "root:" not in message and "without ../" in message


def test_an_absolute_path_and_a_folder_link_are_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "leavers.csv").write_text("secret,data\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside the review's raw data folder"):
        export_path(raw, outside / "leavers.csv", "leavers")
    (raw / "sub").symlink_to(outside)
    with pytest.raises(InputError, match="outside") as caught:
        read_export(raw / "sub" / "leavers.csv", "leavers", raw_dir=raw)
    assert "secret" not in caught.value.render()


def test_a_link_inside_the_raw_folder_is_refused_too(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "real.csv").write_text(LEAVERS.read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "leavers.csv").symlink_to(raw / "real.csv")
    with pytest.raises(InputError, match="a link to another file"):
        read_export(raw / "leavers.csv", "leavers", raw_dir=raw)
    assert export_path(raw, "real.csv", "leavers") == raw / "real.csv"


def test_a_found_value_is_shown_as_a_short_excerpt():
    long = "x" * 5000 + "\n\x1b[31mred"
    short = excerpt(long)
    assert len(short) == 60 and short.endswith("…") and "\n" not in short
    rendered = Problem("Something.", "f.csv", found=long).render()
    assert max(len(line) for line in rendered.splitlines()) <= 12 + 160
    assert "\x1b" not in rendered


def test_formula_like_text_is_made_inert_and_logged():
    assert (
        neutralise_formula('=HYPERLINK("http://x","click")') == '\'=HYPERLINK("http://x","click")'
    )
    assert neutralise_formula("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_formula("+cmd") == "'+cmd"
    for kept in ("-", "- none", "-12", "=1", "Team A", None, "e-mail"):
        assert neutralise_formula(kept) == kept
    rows = demo_rows()
    header = rows[0]
    df = pd.DataFrame(rows[1:], columns=["employee_ref", "service", "team", *header[3:]])
    df = df.rename(
        columns={
            "Job Title": "job_title",
            "Grade": "grade",
            "FTE": "fte",
            "Continuous Service Date": "service_start_date",
            "Leaving Date": "leaving_date",
            "Leaving Reason": "leaving_reason",
        }
    )
    df.loc[2, "team"] = '=HYPERLINK("http://evil.example","Locality")'
    df.insert(0, "source_row", range(2, len(df) + 2))
    log = CleaningLog()
    out, problems = clean_leavers(RawTable(df, "leavers.csv"), log)
    assert problems == []
    assert out.loc[2, "team"] == '\'=HYPERLINK("http://evil.example","Locality")'
    fixes = log.to_frame().set_index("What was fixed")["Rows affected"]
    assert any("spreadsheet formula" in f and fixes[f] == 1 for f in fixes.index)


def number_column(values, **kwargs) -> tuple[list, list[Problem]]:
    df = pd.DataFrame({"x": values})
    df.insert(0, "source_row", range(2, len(values) + 2))
    c = TableCleaner(RawTable(df, "f.csv", raw_columns={"x": "Posts"}), "Test", CleaningLog())
    c.numbers("x", **kwargs)
    return [None if pd.isna(v) else float(v) for v in c.df["x"]], c.problems


def test_number_readings():
    assert number_readings("2,000.00") == {"point": 2000.0}
    assert number_readings("2.000,00") == {"comma": 2000.0}
    assert number_readings("1,500") == {"point": 1500.0, "comma": 1.5}
    assert number_readings("0,8") == {"comma": 0.8}
    assert number_readings("£ 1,234,567") == {"point": 1234567.0}
    assert number_readings("nan") == {} and number_readings("inf") == {}


@pytest.mark.parametrize(
    ("values", "numbers"),
    [
        (["2.000,00", "1,5", "3"], [2000, 1.5, 3]),
        (["2,000.00", "1,500", "3"], [2000, 1500, 3]),
        (["12", "1,500"], [12, 1500]),
        (["0,8", "0.8", 1], [0.8, 0.8, 1]),
        (["2.000,00", "1.500"], [2000, 1500]),
        (["1.500", "0.5"], [1.5, 0.5]),
    ],
)
def test_the_separator_is_decided_for_the_whole_column(values, numbers):
    got, problems = number_column(values)
    assert problems == [] and got == numbers


def test_a_column_mixing_decimal_commas_and_ambiguous_commas_is_refused():
    got, problems = number_column(["1,5", "1,500"])
    assert got[1] is None and len(problems) == 1
    assert problems[0].row == 3 and "two ways" in problems[0].what
    assert problems[0].column == "Posts"


def test_whole_numbers_take_the_only_whole_reading():
    got, problems = number_column(["1,500", "2"], integer=True)
    assert problems == [] and got == [1500, 2]


@pytest.mark.parametrize("cell", ["", None, float("nan"), "  ", "#REF!", "#n/a", "#DIV/0!"])
def test_blank_and_error_cells_are_never_numbers(cell):
    got, problems = number_column([1, cell])
    assert got == [1, None] and len(problems) == 1 and problems[0].row == 3


def date_column(values, date_format=None) -> tuple[TableCleaner, list[Problem]]:
    df = pd.DataFrame({"d": values})
    df.insert(0, "source_row", range(2, len(values) + 2))
    raw = RawTable(df, "f.csv", raw_columns={"d": "Leaving Date"}, date_format=date_format)
    c = TableCleaner(raw, "Test", CleaningLog())
    c.dates("d")
    return c, c.problems


def test_day_month_orders():
    assert day_month_orders("13/01/2016") == {"day first"}
    assert day_month_orders("01/13/2016") == {"month first"}
    assert day_month_orders("03/02/2016") == {"day first", "month first"}
    assert day_month_orders("2016-02-03") == set()
    assert day_month_orders("31/02/2016") == set()


def test_a_column_consistent_with_uk_order_is_read_day_first():
    c, problems = date_column(["13/01/2016", "03/02/2016", "2016-02-04"])
    assert problems == []
    assert list(c.df["d"].dt.strftime("%Y-%m-%d")) == ["2016-01-13", "2016-02-03", "2016-02-04"]


def test_an_all_ambiguous_column_is_read_day_first_and_logged():
    c, problems = date_column(["03/02/2016", "04/05/2016", "06/06/2016"])
    assert problems == []
    assert list(c.df["d"].dt.month) == [2, 5, 6]
    fixes = c.log.to_frame()["What was fixed"].tolist()
    assert any("read day first (UK order)" in f for f in fixes)
    assert c.log.entries[-1]["rows"] == 2


def test_a_column_in_two_orders_is_refused_naming_the_cell():
    _, problems = date_column(["13/01/2016", "01/13/2016", "03/02/2016"])
    assert len(problems) == 1 and problems[0].row == 3
    assert "two orders" in problems[0].what and "row 2" in problems[0].expected


def test_a_stated_us_format_reads_month_first():
    c, problems = date_column(["01/13/2016", "03/02/2016"], date_format="mm/dd/yyyy")
    assert problems == []
    assert list(c.df["d"].dt.strftime("%Y-%m-%d")) == ["2016-01-13", "2016-03-02"]
    _, problems = date_column(["13/01/2016"], date_format="mm/dd/yyyy")
    assert len(problems) == 1 and "mm/dd/yyyy" in problems[0].expected


def test_parse_date_month_first():
    assert parse_date("02/03/2016", month_first=True)[0] == pd.Timestamp("2016-02-03")
    assert parse_date("02/03/2016")[0] == pd.Timestamp("2016-03-02")
