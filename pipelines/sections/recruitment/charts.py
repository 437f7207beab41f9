"""Charts of the recruitment section, in the pack's palette and style.

Same conventions as :mod:`pipelines.core.charts`: values labelled on the chart, plain axis labels
with units, readable in greyscale (hatching and position, never colour alone). Titles, source and
data tables are added by :func:`pipelines.core.presentation.show_chart`; the chart has an
``*_alt`` function writing its alt text from the same data.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from pipelines.core.charts import DARK_BLUE, TURQUOISE, apply_style

CHECKS_HATCH = ".."


def _count(value: float) -> str:
    return f"{value:g}"


def campaigns_chart(table: pd.DataFrame):
    """Appointments against each campaign's target: in post and in checks stacked, target marked.

    Parameters
    ----------
    table : pandas.DataFrame
        The tidy campaigns table (:func:`pipelines.sections.recruitment.analysis.campaign_rows`:
        ``campaign``, ``in_post``, ``in_checks``, ``appointed``, ``target``; counts of people
        and posts). A campaign with only an appointed total shows it as one bar; targets are
        black ticks, labelled with their value; a campaign with a target and no appointments
        reported says so.

    """
    apply_style()
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(table) + 1.3))
    y = np.arange(len(table))
    appointed = table["appointed"].astype(float)
    in_post = table["in_post"].astype(float).where(table["in_post"].notna(), appointed).fillna(0)
    checks = table["in_checks"].astype(float).fillna(0)
    ax.barh(y, in_post, color=DARK_BLUE, height=0.55, label="In post (or appointed)")
    ax.barh(
        y,
        checks,
        left=in_post,
        color=TURQUOISE,
        hatch=CHECKS_HATCH,
        edgecolor="white",
        height=0.55,
        label="In pre-employment checks",
    )
    targets = table["target"].astype(float)
    ax.scatter(
        targets, y, marker="|", s=400, linewidths=2.5, color="#0b0c0c", zorder=3, label="Target"
    )
    top = float(np.nanmax([(in_post + checks).max(), targets.max(), 1.0]))
    for i, (a, t) in enumerate(zip(in_post + checks, targets, strict=True)):
        if pd.isna(appointed.iloc[i]):
            label = f"target {_count(t)}; no appointments reported"
        else:
            label = _count(a) + (f" of {_count(t)}" if pd.notna(t) else " (no target)")
        x = max(a, 0 if pd.isna(t) else t) + top * 0.02
        ax.text(x, i, label, va="center", ha="left", fontsize=8)
    ax.set_xlim(0, top * 1.45)
    ax.set_yticks(y, table["campaign"])
    ax.invert_yaxis()
    ax.set_xlabel("Social workers and managers (number)")
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    sns.despine(ax=ax, left=True)
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    return fig


def campaigns_alt(table: pd.DataFrame) -> str:
    """Alt text for :func:`campaigns_chart`: each campaign's appointed count and target."""
    parts = []
    for _, r in table.iterrows():
        got = (
            "no appointments reported"
            if pd.isna(r["appointed"])
            else f"{_count(float(r['appointed']))} appointed"
        )
        goal = f"target {_count(float(r['target']))}" if pd.notna(r["target"]) else "no target"
        parts.append(f"{r['campaign']}: {got}, {goal}")
    return "Bar chart of appointments against campaign targets. " + "; ".join(parts) + "."
