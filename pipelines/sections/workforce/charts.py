"""Charts for the workforce and cost section, in the pack's palette and style.

Same conventions as :mod:`pipelines.core.charts`: Analysis Function palette, values labelled on the
chart, plain axis labels with units, readable in greyscale (hatching and position, never colour
alone). Titles, alt text, source and data tables are added by
:func:`pipelines.core.presentation.show_chart`; each chart here has an ``*_alt`` function writing
its alt text from the same data.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from pipelines.core.charts import DARK_BLUE, DARK_GREY, MID_GREY, ORANGE, TURQUOISE, apply_style

AGENCY_HATCH = "///"


def _money(v: float) -> str:
    sign = "-" if v < 0 else ""
    return f"{sign}£{abs(v):,.0f}"


def agency_rate_chart(tables: dict[str, pd.DataFrame], category: str = "Job title"):
    """Agency worker rate by job title, one panel per service, highest first.

    Parameters
    ----------
    tables : dict
        Service -> table from :func:`pipelines.sections.workforce.analysis.agency_rates_by_role`
        (its Total row gives the dashed line and the panel title's rate for the service as a whole).

    """
    apply_style()
    n = max(len(t) - 1 for t in tables.values())
    fig, axes = plt.subplots(
        1, len(tables), figsize=(7.5, 0.34 * n + 1.5), sharex=True, squeeze=False
    )
    for ax, (service, table) in zip(axes[0], tables.items(), strict=True):
        body = table[table[category] != "Total"].copy()
        body["rate"] = body["Agency worker rate (%)"].fillna(0)
        body = body.sort_values("rate", ascending=False, kind="stable")
        total = float(table.loc[table[category] == "Total", "Agency worker rate (%)"].iloc[0])
        ax.barh(body[category], body["rate"], color=DARK_BLUE)
        ax.axvline(total, color=DARK_GREY, linestyle="--", linewidth=1, zorder=0)
        for y, v in enumerate(body["rate"]):
            ax.text(
                v + 2,
                y,
                f"{v:.0f}%",
                va="center",
                ha="left",
                fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
        ax.set_xlim(0, 112)
        ax.set_ylim(len(body) - 0.5, -0.5)
        ax.set_title(f"{service}\nall roles {total:.1f}% (dashed line)", fontsize=9, loc="left")
        ax.set_xlabel("Agency worker rate (%)")
        sns.despine(ax=ax, left=True)
        ax.tick_params(axis="y", length=0, labelsize=8)
    fig.tight_layout()
    return fig


def agency_rate_alt(tables: dict[str, pd.DataFrame], category: str = "Job title") -> str:
    """Alt text for :func:`agency_rate_chart`: each service's overall rate and its roles' rates."""
    parts = []
    for service, table in tables.items():
        body = table[table[category] != "Total"]
        total = float(table.loc[table[category] == "Total", "Agency worker rate (%)"].iloc[0])
        roles = "; ".join(
            f"{r}: {v:.0f}%"
            for r, v in zip(body[category], body["Agency worker rate (%)"].fillna(0), strict=True)
        )
        parts.append(f"{service}, all roles {total:.1f}%: {roles}")
    return "Bar charts of the agency worker rate by job title. " + ". ".join(parts) + "."


def cost_chart(costs: pd.DataFrame):
    """Cost for one year of each permanent post against an agency worker, paired bars.

    Parameters
    ----------
    costs : pandas.DataFrame
        Columns Post, Permanent (£), Agency (£); one row per post compared. Agency bars are
        orange and hatched; permanent bars dark blue; each bar is labelled with its amount.

    """
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 0.9 * len(costs) + 1.2))
    y = np.arange(len(costs))
    h = 0.38
    perm = ax.barh(
        y - h / 2, costs["Permanent (£)"], height=h, color=DARK_BLUE, label="Permanent post"
    )
    agency = ax.barh(
        y + h / 2,
        costs["Agency (£)"],
        height=h,
        color=ORANGE,
        hatch=AGENCY_HATCH,
        edgecolor="white",
        label="Agency worker",
    )
    top = float(max(costs["Permanent (£)"].max(), costs["Agency (£)"].max()))
    for bars in (perm, agency):
        for bar in bars:
            ax.text(
                bar.get_width() + top * 0.01,
                bar.get_y() + bar.get_height() / 2,
                _money(bar.get_width()),
                va="center",
                ha="left",
                fontsize=8,
            )
    ax.set_yticks(y, costs["Post"])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.22)
    ax.set_xlabel("Cost for one year (£)")
    ax.xaxis.set_major_formatter(lambda v, _pos: f"£{v / 1000:.0f}k")
    ax.legend(ncols=2, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9)
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def cost_alt(costs: pd.DataFrame) -> str:
    """Alt text for :func:`cost_chart`."""
    parts = [
        f"{r['Post']}: permanent {_money(r['Permanent (£)'])}, agency {_money(r['Agency (£)'])}"
        for _, r in costs.iterrows()
    ]
    return (
        "Paired bar chart of the cost for one year of a permanent post and of an agency "
        "worker. " + "; ".join(parts) + "."
    )


def breakeven_chart(table: pd.DataFrame, break_even: float):
    """Net saving a year of withdrawing a supplement, by leavers replaced by agency workers.

    Bars above zero are dark blue, bars below zero grey and hatched, so the point
    where the saving is used up shows by position and pattern; a dashed line marks the
    break-even number of leavers.
    """
    apply_style()
    x = table["Leavers replaced by agency workers"]
    net = table["Net saving a year (£)"]
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    colours = [DARK_BLUE if v >= 0 else MID_GREY for v in net]
    hatches = ["" if v >= 0 else AGENCY_HATCH for v in net]
    bars = ax.bar(x, net, color=colours, edgecolor=DARK_GREY, linewidth=0.4)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.axhline(0, color=DARK_GREY, linewidth=0.8)
    if math.isfinite(break_even) and break_even <= float(x.max()):
        ax.axvline(break_even, color=DARK_GREY, linestyle="--", linewidth=1)
        ax.text(
            break_even + 0.1,
            float(net.max()) * 0.9,
            f"Break-even: {break_even:.1f} leavers",
            fontsize=8,
            ha="left",
        )
    ax.set_xticks(x)
    ax.set_xlabel("Leavers replaced by agency workers (number)")
    ax.set_ylabel("Net saving a year (£)")
    ax.yaxis.set_major_formatter(lambda v, _pos: _money(v))
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


def breakeven_alt(table: pd.DataFrame, break_even: float) -> str:
    """Alt text for :func:`breakeven_chart`."""
    first = table.iloc[0]
    last = table.iloc[-1]
    step = float(table["Extra agency cost (£)"].iloc[1]) if len(table) > 1 else 0.0
    change = f"falling by {_money(step)}" if step >= 0 else f"rising by {_money(-step)}"
    end = (
        f"the saving is used up at {break_even:.1f} leavers"
        if math.isfinite(break_even)
        else "the saving is never used up (an agency worker costs less than the post)"
    )

    def net(v: float) -> str:  # a negative net saving is a net cost
        return _money(v) if v >= 0 else f"a net cost of {_money(-v)}"

    return (
        f"Bar chart of the net saving a year by the number of leavers replaced by agency "
        f"workers: {net(first['Net saving a year (£)'])} with none, {change} per leaver "
        f"to {net(last['Net saving a year (£)'])} with "
        f"{int(last['Leavers replaced by agency workers'])}; {end}."
    )


def caseload_chart(table: pd.DataFrame, target: float | None = None):
    """Average caseload by experience band (bars) against the recommended caseload (markers).

    Bars are dark blue with the average written at the end; the recommended caseload is a black
    diamond with its value, so the comparison reads by position in greyscale. An overall target
    (e.g. "below 20") is a dashed line.
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(table) + 1.3))
    y = np.arange(len(table))
    ax.barh(y, table["Average caseload"], color=DARK_BLUE, height=0.55, label="Average caseload")
    for i, v in enumerate(table["Average caseload"]):
        if pd.isna(v):  # nobody in the band
            ax.text(0.2, i, "no workers", va="center", ha="left", fontsize=8)
            continue
        ax.text(v / 2, i, f"{v:.1f}", va="center", ha="center", fontsize=9, color="white")
    rec = table["Recommended caseload"]
    if rec.notna().any():
        ax.scatter(
            rec, y, marker="D", s=42, color="#0b0c0c", zorder=3, label="Recommended caseload"
        )
        for i, v in enumerate(rec):
            if pd.notna(v):
                ax.text(v + 0.6, i, f"{v:g}", va="center", ha="left", fontsize=8)
    if target is not None:
        ax.axvline(
            target,
            color=TURQUOISE,
            linestyle="--",
            linewidth=1.2,
            label=f"Target: below {target:g}",
        )
    top = float(np.nanmax([table["Average caseload"].max(), rec.max(), target or 0]))
    ax.set_xlim(0, top * 1.15)
    ax.set_yticks(y, table["Experience"])
    ax.invert_yaxis()
    ax.set_xlabel("Cases per social worker")
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def caseload_alt(table: pd.DataFrame, target: float | None = None) -> str:
    """Alt text for :func:`caseload_chart`."""
    parts = [
        (
            f"{r['Experience']}: {r['Average caseload']:.1f} cases"
            if pd.notna(r["Average caseload"])
            else f"{r['Experience']}: no workers"
        )
        + (
            f" against {r['Recommended caseload']:g} recommended"
            if pd.notna(r["Recommended caseload"])
            else ""
        )
        for _, r in table.iterrows()
    ]
    extra = f" The overall target is below {target:g}." if target is not None else ""
    return "Bar chart of the average caseload by experience. " + "; ".join(parts) + "." + extra
