"""Workforce figures: agency and vacancy rates by service and the children's average caseload.

:func:`compute_figures` turns the tidy frames of :mod:`pipelines.sections.workforce.analysis`
(:func:`~pipelines.sections.workforce.analysis.fte_by_service`,
:func:`~pipelines.sections.workforce.analysis.average_caseload`) into typed
:class:`~pipelines.core.figures.Figure` records.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, has, target
from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import costs as wco

SECTION = "40_workforce_costs"
#: Keys of the figures :func:`compute_figures` can publish.
FIGURE_KEYS = (
    "agency_rate_childrens",
    "agency_rate_adults",
    "vacancy_rate_childrens",
    "vacancy_rate_adults",
    "average_caseload_childrens",
)
CHILDRENS = "Children's Social Care"


def as_at_date(params: Mapping[str, object]):
    """The snapshot date of the section's ``as_at`` parameter, or None."""
    as_at = (params or {}).get("as_at")
    return pd.Timestamp(str(as_at)).date() if as_at else None


def as_at_period(params: Mapping[str, object]) -> str | None:
    """The period as the section states it ("At 30 July 2016"), or None without ``as_at``."""
    day = as_at_date(params)
    return f"At {day:%-d %B %Y}" if day else None


def compute_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """The workforce section's headline figures.

    Parameters
    ----------
    cfg : Review
        The review configuration (targets, dataset sources).
    frames : mapping of str to DataFrame
        Tidy datasets: ``workforce_snapshot`` gives the rates, ``caseloads`` the caseload.
    params : mapping, optional
        The section's parameters in the meeting; ``as_at`` (ISO date of the snapshot) gives the
        period and ``as_at`` of every figure (the dataset's source line otherwise).

    Returns
    -------
    list of Figure
        Per service: ``agency_rate_<service>`` (agency FTE as a percentage of FTE in post,
        :attr:`Kind.PERCENT_OF_FTE`) and ``vacancy_rate_<service>`` (vacant FTE as a percentage
        of establishment FTE); ``average_caseload_childrens`` (cases per case-holding children's
        worker, headcount, :attr:`Kind.CASES_PER_WORKER`).

    """
    params = params or {}
    figures: list[Figure] = []
    period, day = as_at_period(params), as_at_date(params)
    if has(frames, "workforce_snapshot"):
        source = cfg.datasets["workforce_snapshot"].source
        for r in wf.fte_by_service(frames["workforce_snapshot"]).itertuples():
            key = SERVICE_KEYS.get(r.service)
            if not key:
                continue
            common = dict(
                kind=Kind.PERCENT_OF_FTE,
                direction="lower",
                source=source,
                period=period or source,
                as_at=day,
                section=SECTION,
                table="agency_rates",
                row=r.service,
            )
            figures.append(
                Figure(
                    key=f"agency_rate_{key}",
                    label=f"{r.service}: agency worker rate (%)",
                    value=float(r.agency_rate_percent),
                    numerator=float(r.agency_fte),
                    denominator=float(r.agency_fte + r.permanent_fte),
                    column="Agency worker rate (%)",
                    comparators=target(cfg.targets.agency_rate_percent),
                    **common,
                )
            )
            figures.append(
                Figure(
                    key=f"vacancy_rate_{key}",
                    label=f"{r.service}: vacancy rate (%)",
                    value=float(r.vacancy_rate_percent),
                    numerator=float(r.vacant_fte),
                    denominator=float(r.establishment_fte),
                    column="Vacancy rate (%)",
                    comparators=target(None),
                    **common,
                )
            )
    if has(frames, "caseloads"):
        cases = frames["caseloads"]
        cases = cases[cases["service"] == CHILDRENS] if "service" in cases else cases
        if len(cases):
            source = cfg.datasets["caseloads"].source
            figures.append(
                Figure(
                    key="average_caseload_childrens",
                    label="Children's social workers: average caseload (cases per worker)",
                    value=wcl.average_caseload(cases),
                    kind=Kind.CASES_PER_WORKER,
                    numerator=float(cases["total_cases"].sum()),
                    denominator=float(len(cases)),
                    direction="lower",
                    source=source,
                    period=period or source,
                    as_at=day,
                    section=SECTION,
                    table="caseload_summary",
                    row=wcl.ALL_CASE_HOLDING,
                    column="Average caseload (cases per worker)",
                    comparators=target(cfg.targets.average_caseload),
                )
            )
    return figures


#: Keys of the figures :func:`finding_figures` can publish (for ranked findings).
FINDING_KEYS = ("agency_premium",)


def finding_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """Further workforce figures the ranked findings use.

    Parameters
    ----------
    params : mapping
        The section's full parameters (defaults with the meeting's values):
        ``agency_hourly_rate`` (£ an hour), ``agency_hours_per_week``, ``agency_weeks_per_year``,
        ``capped_rate_roles``, ``price_base`` and ``as_at``.

    Returns
    -------
    list of Figure
        ``agency_premium``: the extra cost a year of the agency workers in practitioner posts
        over permanent staff in the same posts (:func:`wco.agency_premiums`, summed;
        :attr:`Kind.MONEY_PER_YEAR`, numerator the agency FTE, comparator ``permanent_cost``:
        what permanent staff in those posts would cost a year); ``notes`` give the price base
        and the agency cost assumptions. Empty without the snapshot, the pay rates or the
        agency parameters.

    """
    params = params or {}
    need = ("agency_hourly_rate", "agency_hours_per_week", "agency_weeks_per_year")
    if not has(frames, "workforce_snapshot", "pay_rates") or any(k not in params for k in need):
        return []
    rate, hours, weeks = (float(params[k]) for k in need)
    roles = list(params.get("capped_rate_roles") or [])
    premiums = wco.agency_premiums(
        frames["workforce_snapshot"], frames["pay_rates"], rate, hours, weeks, roles
    )
    if premiums.empty:
        return []
    fte = float(premiums["agency_fte"].sum())
    extra = float(premiums["extra_cost"].sum())
    permanent = float((premiums["agency_fte"] * premiums["permanent_cost_per_post"]).sum())
    return [
        Figure(
            key="agency_premium",
            label="Extra cost a year of agency workers in practitioner posts over permanent staff",
            value=extra,
            kind=Kind.MONEY_PER_YEAR,
            numerator=fte,
            direction="lower",
            source=f"{cfg.datasets['workforce_snapshot'].source}; "
            f"{cfg.datasets['pay_rates'].source}",
            period=as_at_period(params) or cfg.datasets["workforce_snapshot"].source,
            as_at=as_at_date(params),
            section=SECTION,
            table="agency_premium",
            row="Total",
            column="Extra cost a year (£)",
            comparators={"permanent_cost": permanent},
            notes={
                "price_base": str(params.get("price_base") or ""),
                "assumptions": wco.agency_assumptions(rate, hours, weeks),
            },
        )
    ]
