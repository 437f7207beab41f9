"""A share of leavers names its true period (issue 22, reader11 on the Coventry 16 April 2018
report: KF3's "52.3% of the year's leavers" sat beside the starters' window of 17 months, 1
October 2016 to 28 February 2018, so "the year's" read as those 17 months).

"The year's" only for a period of one year exactly, and then with its dates; any other length
is named by its first and last day. Periods and figures are generated here; the words by hand.
"""

from __future__ import annotations

import pytest

from pipelines.core.figures import Figure, Kind
from pipelines.core.finding_words import Materiality, is_a_year, leavers_when
from pipelines.sections.leavers.text import finding_text as leavers_text
from pipelines.sections.retention.text import finding_text as retention_text


@pytest.mark.parametrize(
    ("period", "year"),
    [
        ("1 October 2016 to 30 September 2017", True),
        ("1 March 2016 to 28 February 2017", True),  # over a 29 February
        ("1 October 2016 to 28 February 2018", False),  # 17 months
        ("1 September 2015 to 30 July 2016", False),  # 11 months
        ("1 October 2016 to 1 October 2017", False),  # a year and a day
        ("the year", False),
    ],
)
def test_a_year_is_twelve_months_to_the_day(period, year):
    assert is_a_year(period) is year


def test_leavers_are_named_by_their_period():
    assert leavers_when("1 October 2016 to 30 September 2017") == (
        "in the year 1 October 2016 to 30 September 2017"
    )
    assert leavers_when("1 October 2016 to 28 February 2018") == (
        "between 1 October 2016 and 28 February 2018"
    )
    assert leavers_when("") == "in the period"


def _starters(leavers_period: str) -> Figure:
    return Figure(
        key="retention_leave_within_two_years_childrens",
        label="Children's Social Care: share of starters who leave within two years",
        value=48.2,
        kind=Kind.PERCENT,
        source="s",
        period="1 October 2016 to 28 February 2018",
        section="45_retention",
        notes={
            "low": "36.3",
            "high": "61.8",
            "share_of_leavers": "52.3",
            "leavers_period": leavers_period,
        },
    )


def test_the_starters_sentence_names_the_leavers_period_not_the_years():
    text = retention_text(_starters("1 October 2016 to 28 February 2018"))
    assert "year's" not in text
    assert (
        "The 52.3% of leavers between 1 October 2016 and 28 February 2018 who had served under "
        "two years is another measure"
    ) in text
    text = retention_text(_starters("1 October 2016 to 30 September 2017"))
    assert "The 52.3% of leavers in the year 1 October 2016 to 30 September 2017 who" in text


def test_the_leavers_sentence_says_the_years_only_for_a_year():
    def short(period: str) -> str:
        fig = Figure(
            key="short_service_childrens",
            label="Children's Social Care: leavers with under 2 years' service",
            value=100 * 12 / 26,
            kind=Kind.PERCENT_OF_PEOPLE,
            numerator=12,
            denominator=26,
            source="s",
            period=period,
            section="10_leavers",
            row="Less than 2 years",
        )
        return leavers_text(fig, Materiality(12, "people", 12, None, None))

    eleven = short("1 September 2015 to 30 July 2016")
    assert "year's" not in eleven
    assert (
        "Children's Social Care: of leavers between 1 September 2015 and 30 July 2016, 46.2% "
        "(12 of 26 leavers) had served under two years."
    ) in eleven
    assert short("1 September 2015 to 31 August 2016").startswith(
        "Children's Social Care: of the year's leavers, 46.2% (12 of 26 leavers) had served "
        "under two years (1 September 2015 to 31 August 2016)."
    )
