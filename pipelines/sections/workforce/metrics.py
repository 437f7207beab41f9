"""Figures published to the group, computed from the data (see :mod:`pipelines.core.reconcile`).

Split from :mod:`pipelines.sections.workforce.analysis` (blocks moved unchanged);
:func:`pipelines.sections.discover` imports it, which registers the metrics.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core import reconcile
from pipelines.sections.workforce.analysis import agency_rate
from pipelines.sections.workforce.caseloads import average_caseload


def _service_agency_rate(frames: Mapping[str, pd.DataFrame], service: str) -> float | None:
    rows = frames["workforce_snapshot"]
    rows = rows[rows["service"] == service]
    if rows.empty:
        return None
    return agency_rate(float(rows["agency_fte"].sum()), float(rows["permanent_fte"].sum()))


def _post_cost(
    frames: Mapping[str, pd.DataFrame], service: str, title: str, grade: str
) -> float | None:
    pay = frames["pay_rates"]
    hit = pay[(pay["service"] == service) & (pay["job_title"] == title) & (pay["grade"] == grade)]
    return None if hit.empty else float(hit["annual_cost"].iloc[0])


@reconcile.metric(
    "childrens_agency_rate_percent",
    "Children's Social Care agency worker rate at the snapshot date (%)",
)
def _childrens_agency_rate(frames, cfg):
    return _service_agency_rate(frames, "Children's Social Care")


@reconcile.metric(
    "adults_agency_rate_percent", "Adult Social Care agency worker rate at the snapshot date (%)"
)
def _adults_agency_rate(frames, cfg):
    return _service_agency_rate(frames, "Adult Social Care")


@reconcile.metric(
    "childrens_average_caseload", "Children's social workers' average caseload (cases per worker)"
)
def _childrens_caseload(frames, cfg):
    cases = frames["caseloads"]
    cases = cases[cases["service"] == "Children's Social Care"]
    return average_caseload(cases) if len(cases) else None


@reconcile.metric(
    "childrens_senior_practitioner_cost",
    "Children's Senior Practitioner (M2): salary, NI, market supplement and car "
    "allowance for one year (£)",
)
def _childrens_sp_cost(frames, cfg):
    return _post_cost(frames, "Children's Social Care", "Senior Practitioner", "M2")


@reconcile.metric(
    "adults_advanced_practitioner_cost",
    "Adults Advanced Practitioner (M2): salary, NI, market supplement and car "
    "allowance for one year (£)",
)
def _adults_ap_cost(frames, cfg):
    return _post_cost(frames, "Adult Social Care", "Advanced Practitioner", "M2")


@reconcile.metric(
    "adults_advanced_practitioner_total",
    "Adults Advanced Practitioner (M2): total cost for one year (£)",
)
def _adults_ap_total(frames, cfg):
    return _post_cost(frames, "Adult Social Care", "Advanced Practitioner", "M2")
