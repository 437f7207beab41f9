"""Nothing in a chart is overprinted (issue 22): the check, and the shared charts it caught.

:func:`pipelines.core.charts.overlapping_texts` compares the rectangles texts are drawn in,
turned with slanted text; every chart the build shows records its count, which the end-to-end
tests hold at 0.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pipelines.core import charts  # noqa: E402
from pipelines.sections.retention.charts import curves_chart, projection_chart  # noqa: E402


def test_two_texts_at_one_place_overlap_and_texts_apart_do_not():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(0.5, 0.5, "15%", fontsize=10)
    ax.text(0.52, 0.5, "29%", fontsize=10)  # starts inside the first
    ax.text(0.5, 0.1, "apart", fontsize=10)
    assert charts.overlapping_texts(fig) == [("15%", "29%")]
    plt.close(fig)


def test_slanted_labels_side_by_side_do_not_count_but_slanted_ones_crossing_do():
    fig, ax = plt.subplots(figsize=(4, 3))
    # At 45 degrees, 0.08 apart: their upright boxes overlap, the slanted text does not.
    ax.text(0.2, 0.5, "Sep 2016", rotation=45, fontsize=9, transform=ax.transAxes)
    ax.text(0.28, 0.5, "Dec 2016", rotation=45, fontsize=9, transform=ax.transAxes)
    assert charts.overlapping_texts(fig) == []
    ax.text(0.25, 0.55, "Mar 2017", rotation=-45, fontsize=9, transform=ax.transAxes)
    assert len(charts.overlapping_texts(fig)) >= 1
    plt.close(fig)


LONG = [
    "Satisfaction compared with a year ago",
    "Would recommend the council as a place to work",
    "Support with difficult decisions",
    "Mentoring and support of peers",
]


@pytest.mark.parametrize("columns", [1, 5])
@pytest.mark.parametrize("rows", [4, 12, 20])
def test_a_suppressed_chart_of_long_wrapped_labels_overprints_nothing(rows, columns):
    """Labels wrapped on two lines overprinted the next row's in the public survey chart."""
    rng = np.random.default_rng(rows * columns)
    values = [f"Score {j}" for j in range(1, columns + 1)]
    shown = pd.DataFrame({"Question": [f"{LONG[i % 4]} {i}" for i in range(rows)]})
    for column in values:
        counts = rng.integers(0, 12, rows).astype(object)
        counts[counts < 5] = charts.SUPPRESSED_MARK
        shown[column] = counts
    fig = charts.suppressed_chart(shown, "Question", values, xlabel="Number of people")
    assert charts.fit_fonts(fig) >= charts.MIN_PRINTED_PT - 0.5
    assert charts.overlapping_texts(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("quarters", [5, 9, 13])
def test_a_projection_chart_overprints_nothing(quarters):
    ends = pd.date_range("2016-07-30", periods=quarters, freq="QE")
    proj = pd.DataFrame({"quarter_end": [f"{d:%d %B %Y} (projected)" for d in ends]})
    for column, start, change in (("permanent", 80.0, -12.0), ("agency", 42.0, 12.0)):
        proj[column] = np.linspace(start, start + change, quarters)
        proj[f"{column}_low"], proj[f"{column}_high"] = proj[column] - 5, proj[column] + 5
    fig = projection_chart(proj)
    charts.fit_fonts(fig)
    assert charts.overlapping_texts(fig) == []
    plt.close(fig)


def cohorts(followed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly points and steps of seven start-year groups: the five earliest with only their
    starting point (too few followed for a year), their steps running ``followed`` years."""
    groups = ["2010 or earlier", "2011", "2012", "2013", "2014", "2015", "2016 to 2017"]
    points = [(g, 0, 100.0, np.nan, np.nan) for g in groups]
    points += [("2015", 1, 100.0, np.nan, np.nan), ("2015", 2, 57.4, 37.1, 73.3)]
    points += [("2016 to 2017", 1, 76.6, 61.4, 86.4)]
    steps = [
        (g, t, 100.0 - 6 * t * (i + 1) / len(groups))
        for i, g in enumerate(groups)
        for t in np.linspace(0.2, followed - i * 0.5, 6)
    ]
    return (
        pd.DataFrame(points, columns=["group", "years", "in_post", "low", "high"]),
        pd.DataFrame(steps, columns=["group", "years", "in_post"]),
    )


@pytest.mark.parametrize("followed", [3, 6])
def test_a_retention_chart_overprints_nothing_and_labels_every_line(followed):
    """Public: the note naming five groups not drawn ran over the axis labels. Exempt: the
    labels of groups drawn as steps only were stacked off the chart."""
    points, steps = cohorts(followed)
    for public in (True, False):
        fig = curves_chart(points, None if public else steps)
        charts.fit_fonts(fig)
        assert charts.overlapping_texts(fig) == [], public
        renderer = fig.canvas.get_renderer()
        labels = [t for t in fig.axes[0].texts if t._check_xy(renderer)]
        assert len(labels) == (2 if public else 7), public  # every line drawn is named
        plt.close(fig)
