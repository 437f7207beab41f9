"""The retention charts say what they leave out and where the projection starts."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.sections.retention import charts as rc


def texts(fig) -> list[str]:
    """The chart's own texts: labels and notes in its axes, and its note over them."""
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [
        ax.get_title(loc="left") for ax in fig.axes
    ]


def one_point_and_one_curve() -> pd.DataFrame:
    """Adults with only their starting point (not drawn), Children with a curve."""
    return pd.DataFrame(
        {
            "group": ["Adults", "Children", "Children"],
            "years": [0, 0, 1],
            "in_post": [100.0, 100.0, 60.0],
            "low": [float("nan"), float("nan"), 40.0],
            "high": [float("nan"), float("nan"), 75.0],
        }
    )


def test_a_group_with_only_its_starting_point_is_named_not_drawn():
    points = one_point_and_one_curve()
    fig = rc.curves_chart(points)
    labels = texts(fig)
    assert " Children" in labels and " Adults" not in labels
    assert any("Not drawn" in t and "Adults" in t for t in labels)


def test_the_projection_chart_marks_the_snapshot_and_dates_its_quarters():
    proj = pd.DataFrame(
        {
            "quarter_end": ["30 Jul 2016 (snapshot)", "30 Sep 2016 (projected)"],
            **{c: [40.0, 41.0] for c in ("permanent", "permanent_low", "permanent_high")},
            **{c: [15.0, 14.0] for c in ("agency", "agency_low", "agency_high")},
        }
    )
    fig = rc.projection_chart(proj)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["Jul 2016", "Sep 2016"]
    assert "projected quarter ends" in fig.axes[0].get_xlabel()


@pytest.mark.filterwarnings("error")
def test_a_group_with_one_point_draws_without_a_warning():
    """One yearly point: its error bar is one value, not a one-item Series (pandas warns)."""
    points = pd.DataFrame(
        {
            "group": ["Adults", "Children", "Children"],
            "years": [1, 0, 1],
            "in_post": [80.0, 100.0, 60.0],
            "low": [70.0, float("nan"), 40.0],
            "high": [90.0, float("nan"), 75.0],
        }
    )
    steps = pd.DataFrame(
        {"group": ["Adults", "Children"], "years": [0.5, 0.7], "in_post": [90.0, 70.0]}
    )
    for fig in (rc.curves_chart(points), rc.curves_chart(points, steps)):
        assert {" Adults", " Children"} <= set(texts(fig))


def test_the_curves_data_hold_only_the_groups_the_chart_draws():
    """reader14: the public CSV of the curves chart had "Adult Social Care,0,100,," for a curve
    the chart says is not drawn: its data hold what it draws."""
    from pipelines.core.results import Column, TidyTable

    points = one_point_and_one_curve()
    table = TidyTable("curve_service", points, {c: Column(c) for c in points}, "Curves", "HR")
    # by hand: Adults has only its starting point, so only Children is drawn (two rows)
    assert rc.drawn_groups(points) == ["Children"]
    kept = rc.drawn_points(table)
    assert kept.frame["group"].tolist() == ["Children", "Children"]
    assert kept.frame["in_post"].tolist() == [100.0, 60.0]
    # with steps (the exempt chart) Adults is drawn, and kept
    steps = pd.DataFrame({"group": ["Adults"], "years": [0.5], "in_post": [80.0]})
    assert rc.drawn_points(table, steps).frame["group"].tolist() == [
        "Adults",
        "Children",
        "Children",
    ]
    assert "Adults" not in rc.curves_alt(kept.frame, "Curves")
