"""Charts for the local-against-national section: one authority's series against comparators.

Same conventions as :mod:`pipelines.core.charts`: the Analysis Function palette, the authority in
dark blue and its comparators in greys, each line labelled directly at its end (no legend), and
told apart in greyscale by weight, dash pattern and marker shape as well as by shade. Title,
alt text, source and data table are added by :func:`pipelines.core.presentation.show_chart`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from pipelines.core.charts import DARK_BLUE, apply_style

#: Comparator line styles: (grey, dash pattern, marker), darkest first.
COMPARATOR_STYLES = (
    ("#3D3D3D", (0, (5, 2)), "s"),
    ("#6E6E6E", (0, (1, 1.5)), "^"),
    ("#8F8F8F", (0, (6, 2, 1, 2)), "D"),
    ("#A8A8A8", (0, (2, 2)), "v"),
)


def _numeric(s: pd.Series) -> pd.Series:
    """Numbers of a table column; words (published markers, "no return") become gaps."""
    return pd.to_numeric(s, errors="coerce")


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart so neighbouring labels are at least ``gap`` apart."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = [max(p, low) for p in placed]
    out = [0.0] * len(positions)
    for rank, i in enumerate(order):
        out[i] = placed[rank]
    return out


def trend_chart(
    series: pd.DataFrame,
    authority: str,
    comparators: Sequence[str],
    *,
    ylabel: str,
    unit: str = "",
    year_col: str = "Year",
    highlight_year: int | None = None,
):
    """Line chart of one measure over the years: the authority against its comparators.

    Parameters
    ----------
    series : pandas.DataFrame
        One row per year; a column per area (numbers, or words where no figure is published —
        drawn as gaps).
    authority : str
        Column of the authority, drawn thick and dark blue with round markers.
    comparators : sequence of str
        Columns drawn in greys, each with its own dash pattern and marker.
    ylabel : str
        Axis label with its unit, e.g. "Turnover rate (%)".
    unit : str
        Appended to the values in the end labels ("%").
    highlight_year : int, optional
        Year marked with a light vertical band (the year the pack reports on).

    Returns
    -------
    matplotlib.figure.Figure

    """
    apply_style()
    fig, ax = plt.subplots(figsize=(7.4, 3.9))
    years = series[year_col].astype(int)
    ends: list[tuple[float, str, str, bool]] = []
    top = 0.0
    for i, col in enumerate(comparators):
        colour, dash, marker = COMPARATOR_STYLES[i % len(COMPARATOR_STYLES)]
        y = _numeric(series[col])
        ax.plot(
            years,
            y,
            color=colour,
            linestyle=dash,
            marker=marker,
            markersize=4,
            linewidth=1.5,
            zorder=3,
        )
        if y.notna().any():
            top = max(top, float(y.max()))
            ends.append((float(y[y.notna()].iloc[-1]), col, colour, False))
    y = _numeric(series[authority])
    ax.plot(years, y, color=DARK_BLUE, linewidth=2.8, marker="o", markersize=5.5, zorder=5)
    if y.notna().any():
        top = max(top, float(y.max()))
        ends.append((float(y[y.notna()].iloc[-1]), authority, DARK_BLUE, True))
    top = top or 1.0
    ax.set_ylim(0, top * 1.12)
    if highlight_year is not None and highlight_year in set(years):
        ax.axvspan(highlight_year - 0.4, highlight_year + 0.4, color="#EDEDED", zorder=0)
    ax.set_xlim(years.min() - 0.4, years.max() + 0.4)
    ax.set_xticks(list(years))
    ax.set_xlabel("Year (figures at 30 September)")
    ax.set_ylabel(ylabel)
    sns.despine(ax=ax)
    placed = _spread([e[0] for e in ends], gap=top * 0.12, low=0, high=top * 1.12)
    for (value, name, colour, bold), ypos in zip(ends, placed, strict=True):
        text = "\n".join(textwrap.wrap(f"{name}: {value:.1f}{unit}", 26))
        ax.annotate(
            text,
            xy=(years.max() + 0.4, ypos),
            xycoords="data",
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=8.5,
            color=colour if bold else "#0b0c0c",
            fontweight="bold" if bold else "normal",
            annotation_clip=False,
        )
    fig.tight_layout()
    fig.subplots_adjust(right=0.70)
    return fig


def trend_alt(
    series: pd.DataFrame,
    authority: str,
    comparators: Sequence[str],
    what: str,
    unit: str = "",
    year_col: str = "Year",
) -> str:
    """Alt text for :func:`trend_chart`: what it shows, then each line's values by year."""
    parts = []
    for col in [authority, *comparators]:
        vals = ", ".join(
            f"{int(y)} {v:.1f}{unit}"
            if isinstance(v, int | float) and not pd.isna(v)
            else f"{int(y)} {v}"
            for y, v in zip(series[year_col], series[col], strict=True)
        )
        parts.append(f"{col}: {vals}")
    lines = ", ".join(comparators)
    return (
        f"Line chart of {what} by year for {authority} (dark blue, thick line)"
        + (f" against {lines} (grey lines)" if comparators else "")
        + ". "
        + "; ".join(parts)
        + "."
    )
