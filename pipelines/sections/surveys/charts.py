"""Charts for the survey section: diverging stacked (Likert) bars and averages with ranges.

Same conventions as :mod:`pipelines.core.charts` (Analysis Function palette, direct labels, readable
in greyscale). Every chart states the direction of the scale inside the image - "1 = most
positive; lower is better" - because on these surveys a low average is good, the opposite of
what most readers expect. Greyscale: the positive answers (1, 2) sit left of the centre line
and are solid, the negative answers (4, 5) sit right of it and are hatched, the middle answer
is pale; the two services in the averages chart differ in marker shape as well as colour.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from pipelines.core.charts import (  # noqa: E402
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    ORANGE,
    TURQUOISE,
    apply_style,
    label_inside,
)
from pipelines.sections.surveys.analysis import (  # noqa: E402
    ANSWERED,
    AVERAGE,
    HIGH,
    LOW,
    MIDPOINT,
    SCORE_LABELS,
    SCORES,
)

SCALE_NOTE = "1 = most positive; lower is better"
MID_BLUE = "#6B9AC4"
PALE_GREY = "#E3E3E3"
INK = "#0b0c0c"
SCORE_STYLE = {  # colour, hatch, text colour
    1: (DARK_BLUE, "", "white"),
    2: (MID_BLUE, "", INK),
    3: (PALE_GREY, "", INK),
    4: (ORANGE, "///", INK),
    5: (DARK_PINK, "xx", "white"),
}
FLAG = "\u25b2"
#: Inches of figure a question takes: a chart of 16 questions prints about 13 cm tall at the
#: page's width, with its labels at 9 pt (0.36 made it 18 cm, and a chart kept whole with its
#: heading left the page before it a fifth full).
ROW_IN = 0.24


def _percentages(dist: pd.DataFrame) -> pd.DataFrame:
    counts = dist[[SCORE_LABELS[k] for k in SCORES]].astype(float)
    n = dist[ANSWERED].astype(float).where(dist[ANSWERED] > 0)
    return counts.div(n, axis=0).mul(100).fillna(0.0)


def likert_chart(dist: pd.DataFrame, *, question: str = "Question"):
    """Diverging stacked bars: the share of answers at each point of the scale, per question.

    Parameters
    ----------
    dist : pandas.DataFrame
        :func:`pipelines.sections.surveys.analysis.distribution_table` (counts per score, Answered,
        Average), in the order to draw from the top (worst first).

    Notes
    -----
    Bars are percentages of those who answered the question; the middle answer (3) is split
    half each side of the centre line, so a bar's reach to the right is the share on the
    negative side. Segments of 7% or more are labelled with their percentage; the number who
    answered is in the question label and the average at the right, with a triangle where it is
    above 3 (the dissatisfied side of the midpoint).

    """
    apply_style()
    plt.rcParams["hatch.linewidth"] = 0.8
    pct = _percentages(dist)
    rows = len(dist)
    fig = plt.figure(figsize=(7.6, ROW_IN * rows + 1.9), layout="constrained")
    ax = fig.add_subplot()
    y = list(range(rows))
    half = pct[SCORE_LABELS[3]] / 2
    spans = {
        3: (-half, pct[SCORE_LABELS[3]]),
        2: (-half - pct[SCORE_LABELS[2]], pct[SCORE_LABELS[2]]),
        1: (-half - pct[SCORE_LABELS[2]] - pct[SCORE_LABELS[1]], pct[SCORE_LABELS[1]]),
        4: (half, pct[SCORE_LABELS[4]]),
        5: (half + pct[SCORE_LABELS[4]], pct[SCORE_LABELS[5]]),
    }
    for score, (left, width) in spans.items():
        colour, hatch, text_colour = SCORE_STYLE[score]
        bars = ax.barh(
            y,
            width,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.6,
            height=0.72,
        )
        shown = pct[SCORE_LABELS[score]]
        for bar, lft, w, v in zip(bars.patches, left, width, shown, strict=True):
            if v >= 7:
                label_inside(
                    ax,
                    bar,
                    lft + w / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{v:.0f}%",
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color=text_colour,
                    bbox={"boxstyle": "square,pad=0.08", "facecolor": colour, "edgecolor": "none"},
                )
    ax.axvline(0, color=INK, linewidth=0.9)
    labels = [f"{q} (n={int(n)})" for q, n in zip(dist[question], dist[ANSWERED], strict=True)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(-100, 100)
    ticks = [-100, -50, 0, 50, 100]
    ax.set_xticks(ticks, [f"{abs(t)}" for t in ticks])
    ax.tick_params(axis="y", length=0, labelsize=8.5)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(
        "share of those answering (%)\n\u2190 positive (1, 2)      negative (4, 5) \u2192",
        fontsize=8.5,
    )
    for yi, avg in zip(y, dist[AVERAGE], strict=True):
        above = round(float(avg), 2) > MIDPOINT
        ax.text(
            104,
            yi,
            f"{avg:.2f}{' ' + FLAG if above else ''}",
            ha="left",
            va="center",
            fontsize=8.5,
            fontweight="bold" if above else "normal",
            color=INK,
        )
    ax.text(104, -0.9, "Average", ha="left", va="center", fontsize=8.5, color=INK)
    handles = [
        Patch(
            facecolor=SCORE_STYLE[k][0],
            hatch=SCORE_STYLE[k][1],
            edgecolor="white",
            label=SCORE_LABELS[k],
        )
        for k in SCORES
    ]
    _legend_under_heading(
        fig,
        handles,
        f"{SCALE_NOTE}.\nThe middle answer (3) is split across the centre line.",
        ncols=5,
        fontsize=8,
        handlelength=1.6,
        columnspacing=1.0,
    )
    fig.supxlabel(
        f"{FLAG} average above 3: on the dissatisfied side of the midpoint.",
        x=0.01,
        fontsize=8,
        color=INK,
        ha="left",
    )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return fig


def _legend_under_heading(fig, handles, heading: str, **kwargs) -> None:
    """The chart's heading (the direction of the scale) and its legend, one block at the top.

    The heading is the legend's title, so the two cannot overprint, and the figure's layout
    engine ("constrained") puts the axes under the block however large
    :func:`~pipelines.core.charts.fit_fonts` makes its text.
    """
    legend = fig.legend(
        handles=handles,
        loc="outside upper left",
        frameon=False,
        title=heading,
        alignment="left",
        **kwargs,
    )
    legend.get_title().set(fontsize=9, color=INK, fontweight="bold")


def likert_alt(dist: pd.DataFrame, service: str) -> str:
    """Alt text for :func:`likert_chart`: what it shows, then each question's shares and average."""
    pct = _percentages(dist)
    parts = []
    for (_, row), (_, p) in zip(dist.iterrows(), pct.iterrows(), strict=True):
        pos = p[SCORE_LABELS[1]] + p[SCORE_LABELS[2]]
        neg = p[SCORE_LABELS[4]] + p[SCORE_LABELS[5]]
        parts.append(
            f"{row['Question']} ({int(row[ANSWERED])} answered): {pos:.0f}% positive, "
            f"{p[SCORE_LABELS[3]]:.0f}% middle, {neg:.0f}% negative, average "
            f"{row[AVERAGE]:.2f}"
        )
    return (
        f"Diverging stacked bar chart of {service} staff survey answers, one bar per "
        f"question, least positive first. {SCALE_NOTE}; 3 is the midpoint. "
        + "; ".join(parts)
        + "."
    )


def averages_chart(results: dict[str, pd.DataFrame], labels: list[str]):
    """Averages with their likely ranges, per question: one service, or two side by side.

    Parameters
    ----------
    results : dict of str to pandas.DataFrame
        One or two :func:`pipelines.sections.surveys.analysis.results_table` frames keyed by
        service, rows in the same (survey) order (a third and later are not drawn).
    labels : list of str
        Short labels of the questions, in the order of the rows of ``results``.

    Notes
    -----
    Questions are drawn worst first (highest average of the two services combined). The first
    service is a dark blue circle, the second a turquoise square, each with a line for its
    likely range (95%); the dashed line marks the midpoint, 3. Shapes tell the services apart
    in greyscale.

    """
    apply_style()
    items = list(results.items())[:2]
    order = (
        sum(df[AVERAGE].fillna(0) for _, df in items)
        .sort_values(ascending=False, kind="stable")
        .index
    )
    rows = len(order)
    fig = plt.figure(figsize=(7.6, ROW_IN * rows + 1.9), layout="constrained")
    ax = fig.add_subplot()
    looks = ((DARK_BLUE, "o", -0.17), (TURQUOISE, "s", 0.17))
    styles = [
        (service, df, colour, marker, offset if len(items) > 1 else 0.0)
        for (service, df), (colour, marker, offset) in zip(items, looks, strict=False)
    ]
    for service, df, colour, marker, offset in styles:
        ys = [i + offset for i in range(rows)]
        sub = df.loc[order]
        ax.hlines(ys, sub[LOW], sub[HIGH], color=colour, linewidth=1.6)
        ax.plot(
            sub[AVERAGE],
            ys,
            marker=marker,
            linestyle="none",
            color=colour,
            markersize=6.5,
            markeredgecolor=INK if marker == "s" else colour,
            markeredgewidth=0.8,
            label=service,
        )
    ax.axvline(MIDPOINT, color=DARK_GREY, linestyle="--", linewidth=0.9)
    ax.text(
        MIDPOINT,
        -0.8,
        "midpoint",
        ha="center",
        va="center",
        fontsize=8,
        color=INK,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
    )
    ax.set_yticks(range(rows), [labels[i] for i in order])
    ax.invert_yaxis()
    ax.set_xlim(1, 5)
    ax.set_xticks([1, 2, 3, 4, 5], ["1\nmost positive", "2", "3", "4", "5\nmost negative"])
    ax.tick_params(axis="y", length=0, labelsize=8.5)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("Average answer, with its likely range (95%)", fontsize=8.5)
    handles, _ = ax.get_legend_handles_labels()
    _legend_under_heading(
        fig,
        handles,
        f"{SCALE_NOTE}.\nLines show the likely range of each average.",
        ncols=max(1, len(styles)),
        fontsize=8.5,
    )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.5)
    return fig


def averages_data(results: dict[str, pd.DataFrame], labels: list[str]) -> pd.DataFrame:
    """The numbers behind :func:`averages_chart`: per question, each service's average and range.

    Columns: ``Question``, then per service "<service> average", "<service> likely range: low"
    and "<service> likely range: high" (the numbers answering are in the results tables).
    """
    table = pd.DataFrame({"Question": labels})
    for service, df in results.items():
        table[f"{service} average"] = df[AVERAGE].to_numpy()
        table[f"{service} likely range: low"] = df[LOW].to_numpy()
        table[f"{service} likely range: high"] = df[HIGH].to_numpy()
    return table


def averages_alt(results: dict[str, pd.DataFrame], labels: list[str]) -> str:
    """Alt text for :func:`averages_chart`."""
    names = list(results)
    parts = []
    for i, label in enumerate(labels):
        vals = [
            f"{s} {results[s][AVERAGE].iloc[i]:.2f} (likely {results[s][LOW].iloc[i]:.2f} "
            f"to {results[s][HIGH].iloc[i]:.2f})"
            for s in names
        ]
        parts.append(f"{label}: " + ", ".join(vals))
    return (
        f"Dot chart of average answers per question for {' and '.join(names)}, with likely "
        f"ranges. {SCALE_NOTE}; 3 is the midpoint. " + "; ".join(parts) + "."
    )
