"""Every rate a table prints is defined there, in words, from its one definition (issue 22).

Reader11, Luton 21 September 2016: "Agency worker rate (%)" was never defined (it is
43 / (82 + 43)). A table's rate of FTE or posts is defined in the note under it, from the
numerator and denominator its column declares. Data made here, rates worked out by hand.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.figures import Kind
from pipelines.core.presentation import tidy_options
from pipelines.core.results import Column, TidyTable
from pipelines.sections.workforce.result import agency_rates_table

SNAPSHOT = pd.DataFrame(
    {
        "service": ["Children's Social Care", "Adult Social Care"],
        "team": ["T", "T"],
        "job_title": ["Social Worker"] * 2,
        "establishment_fte": [126.0, 69.0],
        "permanent_fte": [82.0, 34.0],
        "agency_fte": [43.0, 34.0],
        "vacant_fte": [44.0, 35.0],
    }
)


def test_the_agency_and_vacancy_rates_are_defined_under_their_table():
    cfg = SimpleNamespace(datasets={"workforce_snapshot": SimpleNamespace(source="HR snapshot")})
    table = agency_rates_table(cfg, SNAPSHOT, "At 30 July 2016")
    rates = table.frame.set_index("service")
    # 43 / (82 + 43) and 44 / 126, by hand
    assert rates.loc["Children's Social Care", "agency_rate_percent"] == pytest.approx(34.4, 0.01)
    assert rates.loc["Children's Social Care", "vacancy_rate_percent"] == pytest.approx(34.9, 0.01)
    defined = (
        "Agency worker rate: agency FTE as a percentage of agency FTE plus permanent FTE. "
        "Vacancy rate: vacant FTE as a percentage of establishment FTE."
    )
    assert table.definitions() == defined
    caption = tidy_options(table)["caption"]
    assert caption.startswith(table.caption.removesuffix(".") + ". ")
    assert caption.endswith(defined)


def test_turnover_is_people_per_100_posts_and_a_share_of_people_needs_no_note():
    table = TidyTable(
        name="t",
        frame=pd.DataFrame({"s": ["A"], "n": [3.0], "d": [20.0], "r": [15.0], "p": [60.0]}),
        columns={
            "s": Column("Service"),
            "n": Column("Leavers", Kind.PEOPLE),
            "d": Column("Qualified posts", Kind.POSTS),
            "r": Column("Turnover (%)", Kind.PEOPLE_PER_100_POSTS, numerator="n", denominator="d"),
            # a share of people says what it is a share of in its label
            "p": Column(
                "Share of leavers (%)", Kind.PERCENT_OF_PEOPLE, numerator="n", denominator="d"
            ),
        },
        caption="Turnover.",
        source="HR",
    )
    assert table.definitions() == "Turnover: leavers per 100 qualified posts."
    assert tidy_options(table)["caption"] == "Turnover. Turnover: leavers per 100 qualified posts."
