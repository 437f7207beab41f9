"""The CSV writer: a formula is neutralised, a number never is (issue 26, item 6)."""

from __future__ import annotations

import csv
import io
import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.exports import FORMULA_STARTS, safe_cell, write_csv


def _cells(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_is_written_as_a_number(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(pd.DataFrame({"Saving a year (£)": [value]}), path)
    written = _cells(path)[1][0]
    assert not written.startswith("'")
    assert float(written) == value


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["", "£", "$", "€"]))
def test_text_that_is_only_a_number_is_left_as_it_is(amount, currency):
    """-835, -£835, -1,234,567, +3.5% and the like are figures, not formulas."""
    sign = "-" if amount < 0 else "+"
    for text in (
        f"{sign}{currency}{abs(amount)}",
        f"{sign}{currency}{abs(amount):,}",
        f"{sign}{abs(amount)}.5%",
        f"{sign}{abs(amount)}e-3",
    ):
        assert safe_cell(text) == text


@given(
    st.sampled_from(FORMULA_STARTS),
    st.text(min_size=1, max_size=30).filter(
        lambda t: any(c.isalpha() and c not in "eE" for c in t)
    ),
)
def test_text_starting_like_a_formula_is_neutralised(start, rest):
    text = start + rest
    assert safe_cell(text) == "'" + text


def test_the_formulas_of_the_red_team_stay_neutralised():
    for text in (
        '=HYPERLINK("http://x")',
        "-2+3+cmd|' /C calc'!A0",
        "+1+1",
        "-1,23",  # not a number as written (thousands come in threes)
        "@SUM(A1:A2)",
        "\t=1",
        "-£835; DROP",
    ):
        assert safe_cell(text).startswith("'"), text


def test_the_crash_of_the_issue_a_negative_money_cell_round_trips(tmp_path):
    """The supplement model's "-£835" (and a negative number) read back without a quote."""
    table = pd.DataFrame(
        {"Input or result": ["Extra cost", "Saving"], "Value": ["-£835", "£181,500"]}
    )
    path = tmp_path / "t.csv"
    write_csv(table, path)
    assert _cells(path)[1] == ["Extra cost", "-£835"]
    frame = pd.DataFrame({"Net saving a year (£)": [-835.0, 181500.0, math.pi]})
    write_csv(frame, tmp_path / "n.csv")
    back = pd.read_csv(tmp_path / "n.csv")
    assert back["Net saving a year (£)"].tolist() == [-835.0, 181500.0, math.pi]
    assert io.StringIO((tmp_path / "n.csv").read_text(encoding="utf-8")).read().count("'") == 0


def test_counts_are_written_as_the_integers_the_documents_print(tmp_path):
    """Fault 4 of issue 22: the public campaigns CSV printed counts as "8.0". A whole number is
    written as the document prints it (``format_value``: "8"), a count beside a missing one
    and a ``[c]`` marker included; a value with a one-decimal pattern keeps its decimal."""
    from pipelines.core.exports import printed_precision
    from pipelines.core.outputs import format_value

    frame = pd.DataFrame(
        {
            "Applications": [8.0, 6.0, 14.0],
            "Target": [float("nan"), 7.0, float("nan")],
            "In post": ["[c]", 0.0, 12.0],
            "Share (%)": [12.5, 10.0, 0.0],
            "Cost (£)": [2200.4, 18000.0, 0.6],
            "Rate": [2.25, 3.0, 14.647887323900001],
        }
    )
    formats = {"Share (%)": "{:.1f}", "Cost (£)": "£{:,.0f}"}
    out = printed_precision(frame, formats)
    write_csv(out, tmp_path / "t.csv")
    rows = _cells(tmp_path / "t.csv")
    assert rows[1] == ["8", "", "[c]", "12.5", "2200", "2.2"]
    assert rows[2] == ["6", "7", "0", "10.0", "18000", "3"]
    assert rows[3] == ["14", "", "12", "0.0", "1", "14.6"]
    # each CSV cell is the number the document prints, without its thousands separator and sign
    for column in frame.columns:
        fmt = formats.get(column)
        for i, value in enumerate(frame[column]):
            if isinstance(value, float) and value == value:
                printed = format_value(value, fmt).replace(",", "").replace("£", "")
                assert rows[i + 1][list(frame.columns).index(column)] == printed, column
