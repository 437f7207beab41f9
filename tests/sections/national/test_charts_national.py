"""The trend chart: the authority in dark blue, comparators in grey, gaps for words."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pandas as pd

from pipelines.core.charts import DARK_BLUE
from pipelines.sections.national.charts import trend_alt, trend_chart

SERIES = pd.DataFrame(
    {
        "Year": ["2017", "2018", "2019"],
        "Luton": [15.4, "not available", 9.4],
        "England": [13.4, 15.1, 15.0],
        "Statistical neighbours (median)": [15.7, 18.0, 18.4],
    }
)


def test_authority_line_is_dark_blue_thick_and_comparators_grey():
    fig = trend_chart(
        SERIES,
        "Luton",
        ["England", "Statistical neighbours (median)"],
        ylabel="Turnover rate (%)",
        unit="%",
        highlight_year=2019,
    )
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 3
    luton = lines[-1]
    assert mcolors.to_hex(luton.get_color()).upper() == DARK_BLUE.upper()
    assert luton.get_linewidth() > max(line.get_linewidth() for line in lines[:-1])
    for line in lines[:-1]:
        r, g, b = mcolors.to_rgb(line.get_color())
        assert r == g == b  # grey
    assert len({line.get_marker() for line in lines}) == 3  # told apart without colour
    assert pd.isna(luton.get_ydata()[1])  # a word is a gap, never a zero
    labels = [t.get_text() for t in ax.texts]
    assert "Luton: 9.4%" in labels and "England: 15.0%" in labels


def test_alt_text_gives_every_value_and_the_words():
    alt = trend_alt(SERIES, "Luton", ["England"], "turnover rate", "%")
    assert "Luton: 2017 15.4%, 2018 not available, 2019 9.4%" in alt
    assert "England: 2017 13.4%" in alt and "dark blue" in alt
