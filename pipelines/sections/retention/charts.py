"""Charts of the retention section: survival curves and the projected workforce."""

from __future__ import annotations

import dataclasses
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from pipelines.core import charts as core
from pipelines.core.results import TidyTable


def drawn_groups(points: pd.DataFrame, steps: pd.DataFrame | None = None) -> list[str]:
    """The groups the curves chart draws: a point after the start, or steps (exempt).

    A group with neither (too few people followed to a whole year) is not drawn; the chart
    names it in a note, and its data (table and CSV file) leave it out.
    """
    drawn = []
    for group, part in points.groupby("group", sort=True):
        mine = steps[steps["group"] == group] if steps is not None else None
        if (part["years"] > 0).any() or (mine is not None and len(mine)):
            drawn.append(str(group))
    return drawn


def drawn_points(table: TidyTable, steps: pd.DataFrame | None = None) -> TidyTable:
    """The curve table (``curve_<by>``) holding only the groups the chart draws.

    The chart's data, table and CSV file, hold what it draws: not a group's "100% at the
    start" for a curve the chart says is not drawn.
    """
    keep = table.frame["group"].astype(str).isin(drawn_groups(table.frame, steps))
    return dataclasses.replace(table, frame=table.frame[keep].reset_index(drop=True))


def curves_chart(points: pd.DataFrame, steps: pd.DataFrame | None = None, width: float = 7.0):
    """Share of starters still in post by years since starting, one line per group.

    Public (``steps`` None): the yearly points with their 95% intervals as bars. Exempt: the
    Kaplan-Meier steps too. Lines are labelled at their ends (no legend to decode). A group
    with no point after the start (too few people followed to a whole year) and no steps is
    not drawn: a note in the chart names it.
    """
    core.apply_style()
    fig, ax = plt.subplots(figsize=(width, 3.6))
    ends: list[list] = []
    drawn, not_drawn = [], []
    shown = drawn_groups(points, steps)
    for group, part in points.groupby("group", sort=True):
        if str(group) in shown:
            drawn.append((group, part))
        else:
            not_drawn.append(str(group))
    for i, (group, part) in enumerate(drawn):
        colour = core.PALETTE[i % len(core.PALETTE)]
        # Arrays, not Series: matplotlib calls float() on the first error bar, which for a
        # group with one point would be a one-item Series (deprecated by pandas).
        ax.errorbar(
            part["years"].to_numpy(float),
            part["in_post"].to_numpy(float),
            yerr=[
                (part["in_post"] - part["low"]).to_numpy(float),
                (part["high"] - part["in_post"]).to_numpy(float),
            ],
            fmt="o-" if steps is None else "o",
            color=colour,
            capsize=3,
            linewidth=1.5,
        )
        if steps is not None:
            mine = steps[steps["group"] == group]
            xs = [0.0, *mine["years"].tolist()]
            ys = [100.0, *mine["in_post"].tolist()]
            ax.step(xs, ys, where="post", color=colour, linewidth=1.2)
        last = part.iloc[-1]
        end = [float(last["years"]), float(last["in_post"])]
        if steps is not None and len(mine) and float(mine["years"].iloc[-1]) > end[0]:
            end = [float(mine["years"].iloc[-1]), float(mine["in_post"].iloc[-1])]  # line's end
        ends.append([*end, str(group), colour])
    for x, y, group, colour in spread_labels(ends):
        ax.annotate(f" {group}", (x + 0.1, y), color=colour, fontsize=9, va="center")
    if not_drawn:  # over the plot, wrapped: inside it, a long list ran over the axis labels
        note = "Not drawn (too few starters followed for a year): " + ", ".join(not_drawn)
        ax.set_title(textwrap.fill(note, 70), loc="left", fontsize=8, color=core.DARK_GREY)
    ax.set_xlabel("Years since starting")
    ax.set_ylabel("Still in post (%)")
    ax.set_ylim(0, 105)
    ax.set_xlim(-0.1, max([points["years"].max(), 1] + [e[0] for e in ends]) + 1.6)
    sns_despine(ax)
    fig.tight_layout()
    return fig


def projection_chart(proj: pd.DataFrame, width: float = 7.0):
    """Permanent and agency FTE by quarter at current rates (one service), with 95% bands."""
    core.apply_style()
    fig, ax = plt.subplots(figsize=(width, 3.4))
    x = range(len(proj))
    for col, colour, label in (
        ("permanent", core.DARK_BLUE, "Permanent FTE"),
        ("agency", core.DARK_PINK, "Agency FTE"),
    ):
        ax.plot(x, proj[col], "o-", color=colour)
        ax.fill_between(x, proj[f"{col}_low"], proj[f"{col}_high"], color=colour, alpha=0.15)
        ax.annotate(
            f" {label}", (len(proj) - 1, proj[col].iloc[-1]), color=colour, fontsize=9, va="center"
        )
    ax.set_xticks(list(x))
    ax.set_xticklabels(
        [short_date(t) for t in proj["quarter_end"]], rotation=45, ha="right", fontsize=8
    )
    ax.axvline(0.5, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("Snapshot date, then projected quarter ends (after the dotted line)")
    ax.set_ylabel("FTE")
    ax.set_ylim(0, None)
    ax.set_xlim(-0.3, len(proj) + 1.5)
    sns_despine(ax)
    fig.tight_layout()
    return fig


def _years(n: float) -> str:
    return "at the start" if n == 0 else f"after {n:g} year{'' if n == 1 else 's'}"


def curves_alt(points: pd.DataFrame, caption: str) -> str:
    """The curves chart's alternative text, with its values.

    Each group's share still in post at each whole year, with its 95% interval (``points``:
    the ``curve_<by>`` table's frame: group, years, in_post, low, high).
    """
    groups = []
    for group, rows in points.groupby("group", sort=False):
        said = []
        for _, r in rows.iterrows():
            share = f"{_years(float(r['years']))} {float(r['in_post']):.1f}%"
            if pd.notna(r.get("low")) and pd.notna(r.get("high")):
                share += f" (95% interval {float(r['low']):.1f}% to {float(r['high']):.1f}%)"
            said.append(share)
        groups.append(f"{group}: {', '.join(said)}")
    return f"Line chart: {caption[:1].lower()}{caption[1:]}. " + "; ".join(groups) + "."


def projection_alt(base: pd.DataFrame, service: str) -> str:
    """The projection chart's alternative text, with its values.

    Permanent and agency FTE at the snapshot date and at the last projected quarter end, with
    the 95% interval there (``base``: the projection at current rates with its intervals, one
    row a quarter).
    """
    first, last = base.iloc[0], base.iloc[-1]

    def at(r, interval: bool) -> str:
        out = []
        for what in ("permanent", "agency"):
            said = f"{what} {float(r[what]):.1f} FTE"
            if interval:
                low, high = float(r[f"{what}_low"]), float(r[f"{what}_high"])
                said += f" (95% interval {low:.1f} to {high:.1f})"
            out.append(said)
        return f"{r['quarter_end']}: " + ", ".join(out)

    return (
        f"Line chart of permanent and agency FTE by quarter for {service}, with 95% intervals. "
        f"{at(first, False)}; {at(last, True)}."
    )


def short_date(label: str) -> str:
    """A projection row label (``"30 September 2016 (projected)"``) as a tick: ``"Sep 2016"``."""
    text = str(label).split(" (", 1)[0]
    try:
        return f"{pd.Timestamp(text):%b %Y}"
    except ValueError:
        return text


def spread_labels(ends: list[list], gap: float = 7.0, top: float = 100.0) -> list[list]:
    """End labels ``[x, y, text, colour]`` moved apart vertically so that none overlap.

    Labels are taken from the lowest up; each is at least ``gap`` (percentage points) above the
    one below it; a stack that would rise over ``top`` (off the chart, where it is not drawn)
    is moved down as a whole.
    """
    out = sorted(([*e] for e in ends), key=lambda e: e[1])
    for below, above in zip(out, out[1:], strict=False):
        above[1] = max(above[1], below[1] + gap)
    over = out[-1][1] - top if out else 0.0
    for label in out if over > 0 else []:  # the stack moved down to stay on the chart
        label[1] -= over
    return out


def sns_despine(ax) -> None:
    """Remove the top and right axis lines."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
