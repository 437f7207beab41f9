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
