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
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

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


#: How a chart is printed (``pipelines/documents/templates/pack/pack.css``): saved as PNG at
#: ``SAVE_DPI``, shown at its natural size in CSS pixels (``CSS_DPI``), never wider than the
#: A4 page's text (21 cm less 2 cm margins each side) nor taller than ``MAX_HEIGHT_CM``: under
#: three fifths of the page's text height (25.4 cm), so a chart with the heading and
#: introduction kept with it takes about two thirds of a page at most (a 21 cm chart left the
#: page before it a fifth full when it moved on).
SAVE_DPI = 150
CSS_DPI = 96
PAGE_WIDTH_IN = (21.0 - 4.0) / 2.54
MAX_HEIGHT_CM = 15.0
MAX_HEIGHT_IN = MAX_HEIGHT_CM / 2.54
#: The smallest a chart's text may print (points).
MIN_PRINTED_PT = 9.0
#: ``savefig(bbox_inches="tight")`` pads the drawn area by this much each side (inches).
_PAD_IN = 0.1


def printed_scale(width_in: float, height_in: float) -> float:
    """How much a saved chart of ``width_in`` x ``height_in`` inches is scaled when printed.

    A PNG at :data:`SAVE_DPI` is laid out at :data:`CSS_DPI` pixels per inch (enlarged by
    150/96), then shrunk to the page's text width and :data:`MAX_HEIGHT_IN`, whichever binds.
    A point of text in the figure prints as ``printed_scale`` points.
    """
    return min(SAVE_DPI / CSS_DPI, PAGE_WIDTH_IN / width_in, MAX_HEIGHT_IN / height_in)


def _texts(fig) -> list:
    """The figure's visible, non-empty text artists (titles, labels, ticks, legends, notes)."""
    from matplotlib.text import Text

    def shown(text) -> bool:
        axes = text.axes
        return bool(text.get_visible() and text.get_text().strip()) and (
            axes is None or axes.get_visible()
        )

    return [t for t in fig.findobj(Text) if shown(t)]


def _saved_size(fig) -> tuple[float, float]:
    """The size in inches of the PNG ``savefig(bbox_inches="tight")`` writes for ``fig``."""
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.width + 2 * _PAD_IN, box.height + 2 * _PAD_IN


def smallest_printed_font(fig) -> float:
    """The smallest size (points) at which any text of ``fig`` prints (:func:`printed_scale`)."""
    texts = _texts(fig)
    if not texts:
        return float("inf")
    return min(t.get_fontsize() for t in texts) * printed_scale(*_saved_size(fig))


def _wrap_figure_texts(fig) -> None:
    """Break the figure's own notes (``fig.text``) into lines that fit within the figure."""
    import textwrap

    renderer = fig.canvas.get_renderer()
    for text in fig.texts:
        box = text.get_window_extent(renderer)
        x0 = text.get_position()[0] * fig.bbox.width
        room = fig.bbox.width * 0.98 - x0
        if box.width <= room or room <= 0:
            continue
        longest = max(len(line) for line in text.get_text().splitlines())
        flat = " ".join(text.get_text().split())
        chars = max(20, int(longest * room / box.width * 0.95))
        text.set_text(textwrap.fill(flat, chars))


def fit_fonts(fig, minimum: float = MIN_PRINTED_PT, rounds: int = 10) -> float:
    """Enlarge every text of ``fig`` that would print below ``minimum`` points; the result.

    A text of ``s`` points in a figure printed at scale ``k`` (:func:`printed_scale`) is set
    to 5% over ``minimum / k`` when ``s * k < minimum``. Larger text can widen the figure and
    so shrink it on the page, so the figure's own notes are broken into lines that fit it
    and the fitting is repeated up to ``rounds`` times; labels too long to print at
    ``minimum`` points within the page give a result below it, which the tests report.
    Returns the smallest printed size afterwards (points), which the chart's output metadata
    records.
    """
    for _ in range(rounds):
        _wrap_figure_texts(fig)
        if fig.get_layout_engine() is not None:  # placed as saving will place them
            fig.draw_without_rendering()
        scale = printed_scale(*_saved_size(fig))
        small = [t for t in _texts(fig) if t.get_fontsize() * scale < minimum - 1e-6]
        if not small:
            break
        size = min(minimum / scale * 1.05, 3 * minimum)
        for text in small:
            text.set_fontsize(size)
    _wrap_figure_texts(fig)
    hide_labels_that_do_not_fit(fig)
    return smallest_printed_font(fig)


class InsideLabel(Text):
    """A value printed inside its bar (:func:`label_inside`), shown only where it fits."""

    def __init__(self, bar, x: float, y: float, text: str, **kwargs) -> None:
        super().__init__(x, y, text, **kwargs)
        self.bar = bar


def label_inside(ax, bar, x: float, y: float, text: str, **kwargs) -> InsideLabel:
    """Print ``text`` at ``(x, y)`` (data) inside ``bar`` (a patch of ``ax``).

    :func:`fit_fonts` hides the label when, at the size it prints, it is wider or taller than
    its bar, so a small bar's label never runs into its neighbour's ("15%29%"); the value is
    still in the chart's data table and alt text.
    """
    label = InsideLabel(bar, x, y, text, **kwargs)
    label.set_in_layout(False)
    ax.add_artist(label)
    return label


def hide_labels_that_do_not_fit(fig) -> int:
    """Hide each :class:`InsideLabel` of ``fig`` wider or taller than its bar; how many.

    Measured as the figure is laid out when saved (its layout engine run first).
    """
    labels = fig.findobj(InsideLabel)
    if not labels:
        return 0
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    hidden = 0
    for label in labels:
        if not label.get_visible():
            continue
        box, bar = label.get_window_extent(renderer), label.bar.get_window_extent(renderer)
        if box.x0 < bar.x0 or box.x1 > bar.x1 or box.y0 < bar.y0 or box.y1 > bar.y1:
            label.set_visible(False)
            hidden += 1
    return hidden


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs of ``fig``'s texts that overprint each other as drawn (their words).

    Every text drawn (titles, notes, legend entries, tick and value labels; not the tick
    labels of ticks outside the axes' limits, which are not drawn) is compared with every
    other by the rectangle it is drawn in, turned with the text (so slanted tick labels side
    by side do not count as touching); a chart whose texts all stand apart gives [].
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    undrawn = set()
    for ax in fig.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn.update({id(tick.label1), id(tick.label2)})
    undrawn.update(  # a label of a point outside the axes is not drawn
        id(t) for t in fig.findobj(Annotation) if not t._check_xy(renderer)
    )
    shapes = [(t.get_text(), _outline(t, renderer)) for t in _texts(fig) if id(t) not in undrawn]
    return [
        (a, b)
        for i, (a, one) in enumerate(shapes)
        for b, other in shapes[i + 1 :]
        if _overlap(one, other)
    ]


def _outline(text, renderer) -> np.ndarray:
    """The four corners (display pixels) of the rectangle ``text`` is drawn in, turned with it.

    The rectangle's centre is the centre of the text's upright box (the box of a turned
    rectangle is centred on it); its sides are those of the text laid out unturned.
    """
    box = text.get_window_extent(renderer)
    angle = text.get_rotation()
    text.set_rotation(0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(angle)
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * [flat.width / 2, flat.height / 2]
    cos, sin = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    turned = half @ np.array([[cos, sin], [-sin, cos]])
    return turned + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def _overlap(one: np.ndarray, other: np.ndarray) -> bool:
    """Whether two convex outlines overlap (no side of either separates them)."""
    for shape in (one, other):
        for i in range(len(shape)):
            edge = shape[(i + 1) % len(shape)] - shape[i]
            normal = np.array([-edge[1], edge[0]])
            a, b = one @ normal, other @ normal
            if a.max() <= b.min() + 1e-6 or b.max() <= a.min() + 1e-6:
                return False
    return True


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


#: The mark of a suppressed value in charts, as in tables.
SUPPRESSED_MARK = "[c]"


def _wrap(text: str, width: int = 44) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _row_height(rows: list[str], one_line: float) -> float:
    """Inches per row of a chart whose row labels are ``rows``: room for the longest one.

    A label wrapped on two lines overprinted the next row's at ``one_line``.
    """
    lines = max([r.count("\n") + 1 for r in rows] + [1])
    return max(one_line, 0.22 * lines)


def suppressed_chart(
    shown: pd.DataFrame,
    label: str,
    values: list[str],
    *,
    xlabel: str,
    mark: str = SUPPRESSED_MARK,
):
    """A chart of a table as the public variant publishes it, suppressed values marked.

    ``shown`` holds numbers, or ``mark`` (``"[c]"``) where a value is suppressed. One value
    column: horizontal bars labelled with their value; a suppressed bar is drawn as a short
    hatched, unfilled stub labelled ``[c]`` (its length says nothing about the value). Several
    columns: a dot plot, one row per category and one colour per column, suppressed values
    drawn as hollow grey markers at zero and listed in the legend as ``[c]``. The chart shows
    exactly the numbers the table beneath it shows, no more.

    Parameters
    ----------
    shown : pandas.DataFrame
        The published table (``[c]`` where suppressed).
    label : str
        Column of category labels (one row of the chart each).
    values : list of str
        Columns of counts to draw.
    xlabel : str
        The axis label, with its unit.

    """
    apply_style()
    rows = [_wrap(v) for v in shown[label]]
    nums = {c: pd.to_numeric(shown[c].where(shown[c] != mark), errors="coerce") for c in values}
    top = max([float(v.max()) for v in nums.values() if v.notna().any()] + [1.0])
    if len(values) == 1:
        column = values[0]
        vals = nums[column]
        fig, ax = plt.subplots(figsize=(7.0, _row_height(rows, 0.45) * len(rows) + 0.9))
        stub = top * 0.03
        for y, v in enumerate(vals):
            if pd.isna(v):
                ax.barh(y, stub, color="white", edgecolor=DARK_GREY, hatch="////", linewidth=0.8)
                ax.text(stub + top * 0.01, y, mark, va="center", ha="left", fontsize=9)
            else:
                ax.barh(y, v, color=DARK_BLUE)
                ax.text(v + top * 0.01, y, f"{v:g}", va="center", ha="left", fontsize=9)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xlim(0, top * 1.15)
    else:
        k = len(values)
        fig, ax = plt.subplots(figsize=(7.5, _row_height(rows, 0.36) * len(rows) + 1.3))
        step = 0.7 / max(k - 1, 1)
        for j, column in enumerate(values):
            dy = -0.35 + j * step
            colour = PALETTE[j % len(PALETTE)]
            vals = nums[column]
            ys = [y + dy for y in range(len(rows))]
            known = [(y, v) for y, v in zip(ys, vals, strict=True) if not pd.isna(v)]
            hidden = [y for y, v in zip(ys, vals, strict=True) if pd.isna(v)]
            if known:
                ax.scatter([v for _, v in known], [y for y, _ in known], color=colour, s=28,
                           label=str(column), zorder=3)  # fmt: skip
            else:
                ax.scatter([], [], color=colour, s=28, label=str(column))
            if hidden:
                ax.scatter([0] * len(hidden), hidden, facecolors="none", edgecolors=MID_GREY,
                           marker="s", s=26, zorder=2)  # fmt: skip
        ax.scatter([], [], facecolors="none", edgecolors=MID_GREY, marker="s", s=26,
                   label=f"{mark}: not shown")  # fmt: skip
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xlim(-top * 0.03, top * 1.08)
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.6)
        ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def suppressed_alt(shown: pd.DataFrame, label: str, values: list[str], what: str) -> str:
    """Alt text for :func:`suppressed_chart`: every category with its published values."""
    parts = []
    for _, r in shown.iterrows():
        cells = ", ".join(
            f"{c}: {r[c] if isinstance(r[c], str) else f'{float(r[c]):g}'}" for c in values
        )
        parts.append(f"{r[label]}: {cells}")
    return (
        f"Chart of {what}, as published: values shown as {SUPPRESSED_MARK} are not shown. "
        + "; ".join(parts)
        + "."
    )
