"""The retention charts' alternative text gives their values (issue 22, reader11).

Luton's 21 September 2016 Word report: the survival and projection pictures' alt text said
only "Line chart: ... with 95% intervals". Frames made here, values read off by hand.
"""

from __future__ import annotations

import pandas as pd

from pipelines.sections.retention import charts as rc


def test_the_curves_alt_text_gives_each_groups_share_at_each_year_with_its_interval():
    points = pd.DataFrame(
        {
            "group": ["Adults", "Children", "Children"],
            "years": [0.0, 0.0, 1.0],
            "in_post": [100.0, 100.0, 58.64],
            "low": [None, None, 33.7],
            "high": [None, None, 77.04],
        }
    )
    assert rc.curves_alt(points, "Share of starters still in post at each whole year") == (
        "Line chart: share of starters still in post at each whole year. Adults: at the start "
        "100.0%; Children: at the start 100.0%, after 1 year 58.6% (95% interval 33.7% to "
        "77.0%)."
    )


def test_the_projection_alt_text_gives_the_start_and_the_end_with_its_interval():
    base = pd.DataFrame(
        {
            "quarter_end": ["30 Jul 2016 (snapshot)", "30 Sep 2016 (projected)"],
            "permanent": [82.0, 80.24],
            "agency": [43.0, 44.8],
            "permanent_low": [82.0, 77.9],
            "permanent_high": [82.0, 82.5],
            "agency_low": [43.0, 42.5],
            "agency_high": [43.0, 47.04],
        }
    )
    assert rc.projection_alt(base, "Children's Social Care") == (
        "Line chart of permanent and agency FTE by quarter for Children's Social Care, with 95% "
        "intervals. 30 Jul 2016 (snapshot): permanent 82.0 FTE, agency 43.0 FTE; 30 Sep 2016 "
        "(projected): permanent 80.2 FTE (95% interval 77.9 to 82.5), agency 44.8 FTE (95% "
        "interval 42.5 to 47.0)."
    )
