"""Figures the council's papers publish about leavers, computed from the data.

Each is a reconcile metric (:func:`pipelines.core.reconcile.metric`): the published value
(``published_figures`` in the review config) is set beside the value worked out from the tidy
leavers, establishment and exit-form tables, and :func:`published_notes` explains those the
data do not reproduce. Registered when :func:`pipelines.sections.discover` imports this module.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core import reconcile
from pipelines.sections.leavers.analysis import in_period, turnover_by_service, turnover_notes

# --- Figures papers publish, computed from the data (see pipelines.core.reconcile) ---------------

METRIC_KEYS = (
    "adults_turnover_percent",
    "childrens_turnover_percent",
    "childrens_leavers",
    "all_leavers",
    "exit_forms_percent",
    "childrens_left_within_two_years_percent",
)


def _period_leavers(frames, cfg) -> pd.DataFrame:
    return in_period(frames["leavers"], cfg.period.start, cfg.period.end)


def _service_turnover(frames, cfg, service: str) -> float | None:
    table = turnover_by_service(_period_leavers(frames, cfg), frames["establishment"])
    row = table[table["Service"] == service]
    return None if row.empty else float(row["Turnover, all qualified posts (%)"].iloc[0])


@reconcile.metric("adults_turnover_percent", "Adult Social Care turnover (% of qualified posts)")
def _adults_turnover(frames, cfg):
    return _service_turnover(frames, cfg, "Adult Social Care")


@reconcile.metric(
    "childrens_turnover_percent", "Children's Social Care turnover (% of qualified posts)"
)
def _childrens_turnover(frames, cfg):
    return _service_turnover(frames, cfg, "Children's Social Care")


@reconcile.metric("childrens_leavers", "Children's Social Care leavers (number)")
def _childrens_leavers(frames, cfg):
    lv = _period_leavers(frames, cfg)
    return float((lv["service"] == "Children's Social Care").sum())


@reconcile.metric("all_leavers", "Leavers, both services (number)")
def _all_leavers(frames, cfg):
    return float(len(_period_leavers(frames, cfg)))


@reconcile.metric("exit_forms_percent", "Exit interview forms returned (% of leavers)")
def _exit_forms_percent(frames, cfg):
    lv = _period_leavers(frames, cfg)
    return 100.0 * len(frames["exit_interviews"]) / len(lv) if len(lv) else None


@reconcile.metric("exit_forms_returned", "Exit interview forms returned, both services (number)")
def _exit_forms_returned(frames, cfg):
    return float(len(frames["exit_interviews"]))


@reconcile.metric(
    "childrens_exit_forms", "Exit interview forms returned, Children's Social Care (number)"
)
def _childrens_exit_forms(frames, cfg):
    return float((frames["exit_interviews"]["service"] == "Children's Social Care").sum())


@reconcile.metric(
    "childrens_left_within_two_years_percent",
    "Children's leavers with under 2 years' service (% of children's leavers)",
)
def _childrens_short_service(frames, cfg):
    kids = _period_leavers(frames, cfg)
    kids = kids[kids["service"] == "Children's Social Care"]
    return 100.0 * float((kids["years_of_service"] < 2).mean()) if len(kids) else None


def published_notes(checks: pd.DataFrame, turnover: pd.DataFrame, cfg) -> list[str]:
    """Notes for the section's published figures the data do not reproduce.

    Turnover rates get the explanation of both bases (:func:`turnover_note`); other figures quote
    the paper and give the figure from the data (:func:`pipelines.core.reconcile.mismatch_notes`).
    """
    others = checks[~checks["Figure"].str.contains("turnover")]
    return turnover_notes(turnover, cfg.published_values) + reconcile.mismatch_notes(
        others, cfg.published_figures
    )
