"""Charts for the pack: seaborn/matplotlib figures in one accessible palette.

The palette is the Government Analysis Function categorical palette, in its order. Charts label
values directly (no reading values off an axis), use plain axis labels with units, and leave the
title (which states the finding), alt text, source and data table to
:func:`pipelines.core.presentation.show_chart`.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
PALETTE = [DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE]
MID_GREY = "#BFBFBF"

RATING_COLOURS = {"Excellent": DARK_BLUE, "Good": TURQUOISE, "Average": MID_GREY, "Poor": DARK_PINK}
RATING_HATCH = {"Excellent": "", "Good": "", "Average": "", "Poor": "///"}


def apply_style() -> None:
    """Apply the pack's chart style (seaborn theme, GSS colours, DejaVu Sans) to matplotlib."""
    sns.set_theme(
        style="white",
        font="DejaVu Sans",
        rc={
            "axes.edgecolor": DARK_GREY,
            "axes.labelcolor": "#0b0c0c",
            "xtick.color": "#0b0c0c",
            "ytick.color": "#0b0c0c",
            "font.size": 10,
            "axes.titlesize": 11,
            "svg.hashsalt": "evidence-pack",
        },
    )


def bar_chart(
    data: pd.DataFrame,
    category: str,
    value: str,
    *,
    xlabel: str,
    highlight: str | None = None,
    width: float = 7.0,
):
    """Horizontal bar chart of ``value`` by ``category``, values labelled at the bar ends.

    Bars are dark blue; when ``highlight`` names a category, the others are grey so the
    highlighted one stands out in colour and greyscale.
    """
    apply_style()
    height = 0.45 * len(data) + 0.8
    fig, ax = plt.subplots(figsize=(width, height))
    colours = [
        DARK_BLUE if highlight is None or c == highlight else MID_GREY for c in data[category]
    ]
    ax.barh(data[category].astype(str), data[value], color=colours)
    ax.invert_yaxis()
    top = float(data[value].max() or 1)
    for y, v in enumerate(data[value]):
        ax.text(v + top * 0.01, y, f"{v:g}", va="center", ha="left", fontsize=9)
    ax.set_xlim(0, top * 1.12)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def ratings_chart(table: pd.DataFrame, aspect_col: str = "Aspect of employment"):
    """Stacked horizontal bars: how many leavers rated each aspect Excellent, Good, Average, Poor.

    Segments are in rating order with counts written inside; Poor is hatched as well as coloured
    so it can be told apart without colour.
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 0.38 * len(table) + 1.4))
    left = pd.Series(0.0, index=table.index)
    for rating, colour in RATING_COLOURS.items():
        vals = table[rating].astype(float)
        bars = ax.barh(
            table[aspect_col],
            vals,
            left=left,
            color=colour,
            label=rating,
            hatch=RATING_HATCH[rating],
            edgecolor="white",
            linewidth=0.6,
        )
        for bar, v in zip(bars, vals, strict=True):
            if v >= 1:
                text_colour = "white" if rating in {"Excellent", "Poor", "Good"} else "#0b0c0c"
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{v:g}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=text_colour,
                )
        left = left + vals
    ax.invert_yaxis()
    ax.set_xlabel("Leavers giving each rating (number of forms)")
    ax.legend(ncols=4, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9)
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def bar_alt(data: pd.DataFrame, category: str, value: str, what: str) -> str:
    """Alt text for a bar chart: what it shows, then every category and its value."""
    pairs = "; ".join(f"{c}: {v:g}" for c, v in zip(data[category], data[value], strict=True))
    return f"Bar chart of {what}. {pairs}."


def ratings_alt(table: pd.DataFrame, aspect_col: str = "Aspect of employment") -> str:
    """Alt text for the ratings chart: each aspect with its count of each rating."""
    parts = [
        f"{r[aspect_col]}: " + ", ".join(f"{int(r[k])} {k.lower()}" for k in RATING_COLOURS)
        for _, r in table.iterrows()
    ]
    return (
        "Stacked bar chart of exit interview ratings for each aspect of employment, "
        "lowest share of good or excellent first. " + "; ".join(parts) + "."
    )
