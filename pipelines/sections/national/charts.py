"""Charts for the local-against-national section: one authority's series against comparators.

Same conventions as :mod:`pipelines.core.charts`: the Analysis Function palette, the authority in
dark blue and its comparators in greys, each line labelled directly at its end (no legend), and
told apart in greyscale by weight, dash pattern and marker shape as well as by shade. Title,
alt text, source and data table are added by :func:`pipelines.core.presentation.show_chart`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

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
    matplotlib.figure.Figure or SvgChart
        An :class:`SvgChart` (:func:`trend_svg`) when :data:`VECTOR` is set.

    """
    if VECTOR:
        return trend_svg(
            series, authority, comparators, ylabel=ylabel, unit=unit, year_col=year_col,
            highlight_year=highlight_year,
        )  # fmt: skip
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


# ---- the same chart as SVG text, for batches (``benchmark --all``): no matplotlib drawing

#: When True, :func:`trend_chart` returns an :class:`SvgChart` drawn by :func:`trend_svg`
#: instead of a matplotlib figure (set by the batch of every authority's pack, where drawing
#: five matplotlib PNGs per authority was most of the time).
VECTOR = False
#: SVG dash patterns of :data:`COMPARATOR_STYLES` (in points at 1.5 pt line width).
_SVG_DASH = ("7.5 3", "1.5 2.25", "9 3 1.5 3", "3 3")


@dataclass(frozen=True)
class SvgChart:
    """A chart drawn as SVG text (:func:`trend_svg`); shown as an ``image/svg+xml`` image.

    Attributes
    ----------
    svg : str
        The SVG document (width and height in points, a ``viewBox``, no scripts).

    """

    svg: str


def _svg_marker(shape: str, x: float, y: float, colour: str, size: float) -> str:
    """One marker of a line: circle ``o``, square ``s``, triangles ``^``/``v``, diamond ``D``."""
    r = size / 2
    if shape == "o":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'
    if shape == "s":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'fill="{colour}"/>'
        )
    points = {
        "^": ((0, -r), (r, r), (-r, r)),
        "v": ((0, r), (r, -r), (-r, -r)),
        "D": ((0, -r), (r, 0), (0, r), (-r, 0)),
    }[shape]
    text = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
    return f'<polygon points="{text}" fill="{colour}"/>'


def _nice_step(top: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving four to eight ticks up to ``top``."""
    import math

    raw = top / 5 if top > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def trend_svg(
    series: pd.DataFrame,
    authority: str,
    comparators: Sequence[str],
    *,
    ylabel: str,
    unit: str = "",
    year_col: str = "Year",
    highlight_year: int | None = None,
) -> SvgChart:
    """:func:`trend_chart` drawn directly as SVG text: the same lines, markers, labels and band.

    The authority thick and dark blue with round markers; each comparator in its grey, dash
    pattern and marker shape (:data:`COMPARATOR_STYLES`); the y axis from 0 to 12% above the
    highest value; each line labelled at its end ("England: 13.4%"), labels spread apart;
    the highlighted year shaded. Words (markers, "no return") are gaps in a line.
    """
    from html import escape

    width, height = 533.0, 281.0  # 7.4 x 3.9 inches, in points
    left, right, top_pad, bottom = 52.0, 373.0, 12.0, 238.0
    years = [int(y) for y in series[year_col]]
    lines = [(c, *COMPARATOR_STYLES[i % len(COMPARATOR_STYLES)], _SVG_DASH[i % 4], False)
             for i, c in enumerate(comparators)]  # fmt: skip
    lines.append((authority, DARK_BLUE, None, "o", None, True))
    values = {c[0]: _numeric(series[c[0]]).tolist() for c in lines}
    top = max([v for vs in values.values() for v in vs if not pd.isna(v)] or [1.0]) or 1.0
    ymax = top * 1.12
    lo, hi = min(years) - 0.4, max(years) + 0.4

    def px(year: float) -> float:
        return left + (year - lo) / (hi - lo) * (right - left)

    def py(value: float) -> float:
        return bottom - value / ymax * (bottom - top_pad)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}pt" height="{height:.0f}pt" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Arial, Helvetica, sans-serif" '
        'font-size="9" aria-hidden="true">',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    if highlight_year is not None and highlight_year in years:
        x0, x1 = px(highlight_year - 0.4), px(highlight_year + 0.4)
        out.append(
            f'<rect x="{x0:.1f}" y="{top_pad:.1f}" width="{x1 - x0:.1f}" '
            f'height="{bottom - top_pad:.1f}" fill="#EDEDED"/>'
        )
    step = _nice_step(ymax)
    tick = 0.0
    while tick <= ymax + 1e-9:
        y = py(tick)
        out.append(
            f'<line x1="{left - 3:.1f}" y1="{y:.1f}" x2="{left:.1f}" y2="{y:.1f}" '
            'stroke="#0b0c0c"/>'
        )
        out.append(f'<text x="{left - 5:.1f}" y="{y + 3:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step
    for year in years:
        x = px(year)
        out.append(
            f'<line x1="{x:.1f}" y1="{bottom:.1f}" x2="{x:.1f}" y2="{bottom + 3:.1f}" '
            'stroke="#0b0c0c"/>'
        )
        out.append(f'<text x="{x:.1f}" y="{bottom + 13:.1f}" text-anchor="middle">{year}</text>')
    out.append(
        f'<path d="M{left:.1f},{top_pad:.1f}V{bottom:.1f}H{right:.1f}" fill="none" '
        'stroke="#0b0c0c" stroke-width="0.8"/>'
    )
    out.append(
        f'<text x="{(left + right) / 2:.1f}" y="{bottom + 28:.1f}" text-anchor="middle">'
        "Year (figures at 30 September)</text>"
    )
    mid = (top_pad + bottom) / 2
    out.append(
        f'<text transform="translate(14,{mid:.1f}) rotate(-90)" text-anchor="middle">'
        f"{escape(ylabel)}</text>"
    )
    ends: list[tuple[float, str, str, bool]] = []
    for name, colour, _dash, marker, dash, bold in lines:
        vs = values[name]
        runs: list[list[tuple[float, float]]] = [[]]
        for year, v in zip(years, vs, strict=True):
            if pd.isna(v):
                runs.append([])
            else:
                runs[-1].append((px(year), py(v)))
        stroke = 2.8 if bold else 1.5
        style = "" if dash is None else f' stroke-dasharray="{dash}"'
        for run in runs:
            if len(run) > 1:
                d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(
                    f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{stroke}"'
                    f'{style} stroke-linejoin="round"/>'
                )
        size = 5.5 if bold else 4.0
        out += [_svg_marker(marker, x, y, colour, size) for run in runs for x, y in run]
        known = [v for v in vs if not pd.isna(v)]
        if known:
            ends.append((float(known[-1]), name, colour, bold))
    placed = _spread([e[0] for e in ends], gap=top * 0.12, low=0, high=ymax)
    for (value, name, colour, bold), ypos in zip(ends, placed, strict=True):
        rows = textwrap.wrap(f"{name}: {value:.1f}{unit}", 26)
        y0 = py(ypos) - (len(rows) - 1) * 5.5 + 3
        fill = colour if bold else "#0b0c0c"
        weight = ' font-weight="bold"' if bold else ""
        for k, row in enumerate(rows):
            out.append(
                f'<text x="{right + 6:.1f}" y="{y0 + 11 * k:.1f}" fill="{fill}" '
                f'font-size="8.5"{weight}>{escape(row)}</text>'
            )
    out.append("</svg>")
    return SvgChart("".join(out))
