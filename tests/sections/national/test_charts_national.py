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


def test_the_svg_trend_chart_draws_the_same_lines_markers_labels_and_band():
    import xml.etree.ElementTree as ET

    from pipelines.sections.national.charts import COMPARATOR_STYLES, trend_svg

    chart = trend_svg(
        SERIES,
        "Luton",
        ["England", "Statistical neighbours (median)"],
        ylabel="Turnover rate (%)",
        unit="%",
        highlight_year=2019,
    )
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(chart.svg)
    paths = [p for p in root.findall("s:path", ns) if p.get("stroke") != "#0b0c0c"]
    # England and the median are unbroken lines in their greys, each with its own dash;
    # Luton's 2018 is a word, so its two figures are markers with no line between them.
    assert [p.get("stroke") for p in paths] == [COMPARATOR_STYLES[0][0], COMPARATOR_STYLES[1][0]]
    assert len({p.get("stroke-dasharray") for p in paths}) == 2
    assert all(p.get("d").count("L") == 2 for p in paths)  # three years, two segments
    circles = root.findall("s:circle", ns)
    assert len(circles) == 2 and {c.get("fill") for c in circles} == {DARK_BLUE}
    assert len(root.findall("s:rect", ns)) - 1 == 3 + 1  # squares of England, the band
    texts = ["".join(t.itertext()) for t in root.findall("s:text", ns)]
    assert "Luton: 9.4%" in texts and "England: 15.0%" in texts
    assert {"2017", "2018", "2019", "Turnover rate (%)"} <= set(texts)
    bold = [t for t in root.findall("s:text", ns) if t.get("font-weight") == "bold"]
    assert ["".join(t.itertext()) for t in bold] == ["Luton: 9.4%"]
