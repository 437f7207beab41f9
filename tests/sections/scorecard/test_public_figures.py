"""The public scorecard withholds a figure its published base would give away (issue 26)."""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import EXEMPT, SUPPRESSED, Policy
from pipelines.core.figures import Kind
from pipelines.sections import indicators as ix
from pipelines.sections.scorecard import analysis as sc


def row(key, value, kind: Kind, numerator, denominator, target=None):
    r = dict.fromkeys(ix.COLUMNS)
    r.update(
        key=key, label=key, value=value, unit=kind.unit, direction="lower", kind=kind.value,
        numerator=numerator, denominator=denominator, target=target, source="s", period="p",
    )  # fmt: skip
    return r


def test_a_turnover_of_fewer_than_five_leavers_is_withheld_in_public_only():
    indicators = pd.DataFrame(
        [
            # 3 leavers of 60 posts: 5.0% turnover gives the 3 away with the published posts.
            row("turnover_adults", 100 * 3 / 60, Kind.PEOPLE_PER_100_POSTS, 3, 60, 15),
            row("turnover_childrens", 100 * 26 / 112, Kind.PEOPLE_PER_100_POSTS, 26, 112, 15),
            # 11 of 13 forms returned: the 2 not returned are given away.
            row("exit_return_rate", 100 * 11 / 13, Kind.PERCENT_OF_PEOPLE, 11, 13, 50),
            row("agency_rate_childrens", 100 * 3 / 4, Kind.PERCENT_OF_FTE, 3, 4),
        ]
    )
    measures = sc.measures_table(indicators)
    public = sc.scorecard_view(measures, Policy("public", 5)).set_index("Figure for")
    assert public.loc["turnover_adults", "Figure"] == SUPPRESSED
    assert public.loc["exit_return_rate", "Figure"] == SUPPRESSED
    assert abs(public.loc["turnover_childrens", "Figure"] - 23.214) < 0.001
    assert public.loc["agency_rate_childrens", "Figure"] == 75.0, "FTE are not people"
    exempt = sc.scorecard_view(measures, EXEMPT).set_index("Figure for")
    assert exempt.loc["turnover_adults", "Figure"] == 5.0
    # No row has an earlier figure: the direction of travel columns are left out.
    assert list(sc.scorecard_view(measures).columns) == [
        c for c in sc.SCORECARD_COLUMNS if c not in ("Previous period", "Direction of travel")
    ]
