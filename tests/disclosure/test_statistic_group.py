"""No public table or sentence prints a statistic of fewer people than the smallest group.

Issue 22 (papers40): a median or quartile of a few people's days to hire, or of their time in
post, is their own figures. ``core.disclosure.smallest_statistic_group`` (10 at the threshold
of 5) is the fewest a published one may rest on, in every public table (``protect``: a column
of days or years whose declared base counts people) and every figure
(``figure_is_disclosive``). Data made here; every figure worked by hand.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core import disclosure
from pipelines.core.disclosure import SUPPRESSED, Policy, smallest_statistic_group
from pipelines.core.figures import Kind
from pipelines.core.presentation import tidy_options
from pipelines.core.results import TidyTable
from pipelines.sections.recruitment import funnel_tables as rf
from pipelines.sections.retention.curves import curves_tables
from tests.conftest import examples

PUBLIC = Policy("public", 5)
KEEP = ("kinds", "populations", "numerators", "denominators", "free_text", "ranked_by")


def public_frame(table: TidyTable, pol: Policy = PUBLIC) -> tuple[pd.DataFrame, list[str]]:
    """The table as the public page prints it (``Page.show``: labels, then ``protect``)."""
    table = table.for_policy(pol)
    options = tidy_options(table)
    p = disclosure.protect(
        table.labelled(), pol=pol, **{k: options[k] for k in KEEP if k in options}
    )
    return p.shown, p.notes


def statistics_of_too_few(table: TidyTable, shown: pd.DataFrame, least: int) -> list[object]:
    """The printed numbers of the table's duration statistics whose base counts fewer than
    ``least`` people (the base read from the unprotected table)."""
    out = []
    frame = table.frame
    for col in table.columns.values():
        if col.kind is None or not col.kind.is_duration or col.numerator is None:
            continue
        base = table.columns[col.numerator]
        assert base.kind is Kind.PEOPLE
        for i, n in enumerate(frame[col.numerator]):
            cell = shown[col.label].iat[i]
            if 0 < n < least and cell != SUPPRESSED and not pd.isna(cell):
                out.append((table.name, i, col.label, n, cell))
    return out


def spells(groups: dict[str, list[tuple[float, int]]]) -> pd.DataFrame:
    """Starters followed from their start: per service, (years followed, left 1 / stayed 0)."""
    rows = [
        {
            "entry": 0.0,
            "duration": years,
            "event": left,
            "service": service,
            "experience": "Experienced on joining",
            "start_year": 2015,
            "start_date": pd.Timestamp("2015-01-05"),
        }
        for service, people in groups.items()
        for years, left in people
    ]
    return pd.DataFrame(rows)


def test_the_median_time_in_post_of_fewer_than_10_is_not_published():
    """Adults: 7 starters, 5 left at 0.5, 1.0, 1.5, 2.0 and 2.5 years, 2 stayed 3 years. The
    curve falls by 1/7 at each leaving: 6/7, 5/7, 4/7, 3/7 at 2.0 years, the first at or below
    1/2, so the median is 2.0 years, a figure of 7 people. Children's: 12 starters, 6 left at
    1, 2, ..., 6 years (S = 11/12 ... 6/12 at 6), 6 stayed 7 years: median 6.0, shown."""
    data = spells(
        {
            "Adult Social Care": [(0.5 * k, 1) for k in range(1, 6)] + [(3.0, 0)] * 2,
            "Children's Social Care": [(float(k), 1) for k in range(1, 7)] + [(7.0, 0)] * 6,
        }
    )
    table = curves_tables(None, data, 5, 5, "HR (test)", "test")["by_service"]
    by = table.frame.set_index("group")
    assert by.loc["Adult Social Care", ["people", "median_years"]].tolist() == [7, 2.0]
    assert by.loc["Children's Social Care", ["people", "median_years"]].tolist() == [12, 6.0]
    exempt = table.labelled().set_index("Service")["Median time in post (years)"]
    assert exempt.tolist() == [2.0, 6.0]  # the exempt version keeps both
    shown, notes = public_frame(table)
    median = shown.set_index("Service")["Median time in post (years)"]
    assert median["Adult Social Care"] == SUPPRESSED
    assert median["Children's Social Care"] == 6.0
    assert disclosure.statistic_note(5) in notes
    assert f"fewer than {smallest_statistic_group(5)} people" in disclosure.statistic_note(5)


def test_the_rule_for_a_table_and_for_a_figure_is_the_same():
    """A statistic of days or years over 9 people is withheld, over 10 shown; a count of people
    below the threshold already hides it (its base is [c])."""
    for kind in (Kind.DAYS, Kind.YEARS):
        assert disclosure.figure_is_disclosive(kind, 2.0, None, 9.0, 5)
        assert not disclosure.figure_is_disclosive(kind, 2.0, None, 10.0, 5)
    assert disclosure.statistic_too_small(9, 5) and not disclosure.statistic_too_small(10, 5)
    assert not disclosure.statistic_too_small(0, 5)  # no one: no statistic to withhold
    df = pd.DataFrame(
        {"Group": ["a", "b", "c"], "People": [9, 10, 3], "Median (days)": [40.0, 50.0, 60.0]}
    )
    p = disclosure.protect(
        df,
        kinds={"People": Kind.PEOPLE, "Median (days)": Kind.DAYS},
        numerators={"Median (days)": "People"},
        pol=PUBLIC,
    )
    assert p.shown["Median (days)"].tolist() == [SUPPRESSED, 50.0, SUPPRESSED]
    assert p.shown["People"].tolist() == [9, 10, SUPPRESSED]
    exempt = disclosure.protect(df, kinds={"People": Kind.PEOPLE}, pol=Policy("exempt", 5))
    assert exempt.shown["Median (days)"].tolist() == [40.0, 50.0, 60.0]


@settings(max_examples=examples(40), deadline=None)
@given(
    threshold=st.integers(3, 6),
    sizes=st.lists(st.integers(1, 25), min_size=1, max_size=4),
    seed=st.integers(0, 10_000),
)
def test_no_public_table_prints_a_statistic_of_fewer_than_the_smallest_group(
    threshold, sizes, seed
):
    """Property: the public time-to-hire and retention tables, for groups of any size, print
    no median, quartile or other statistic of days or years whose base counts fewer than
    ``smallest_statistic_group(threshold)`` people."""
    import random

    rng = random.Random(seed)
    pol, least = Policy("public", threshold), smallest_statistic_group(threshold)
    routes = [f"Route {i}" for i in range(len(sizes))]
    applied = pd.Timestamp("2016-01-04")
    starters = pd.DataFrame(
        [
            {
                "route": r,
                "applied_date": applied,
                "started_date": applied + pd.Timedelta(days=rng.randint(20, 200)),
            }
            for r, n in zip(routes, sizes, strict=True)
            for _ in range(n)
        ]
    )
    cfg = type("Cfg", (), {"datasets": {"recruitment": type("D", (), {"source": "test"})()},
                           "period": type("P", (), {"label": "test"})()})()  # fmt: skip
    tables = [rf.time_table(cfg, starters), rf.time_table(cfg, starters, merge=threshold)]
    groups = {
        f"Service {i}": [(rng.uniform(0.1, 6.0), rng.randint(0, 1)) for _ in range(n)]
        for i, n in enumerate(sizes)
    }
    tables += list(curves_tables(None, spells(groups), threshold, 5, "test", "test").values())
    for table in tables:
        shown, _ = public_frame(table, pol)
        assert statistics_of_too_few(table, shown, least) == []
