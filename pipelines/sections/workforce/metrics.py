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
    "Children's Social Care Senior Practitioner post: salary, NI, market supplement and car "
    "allowance for one year (£)",
)
def _childrens_sp_cost(frames, cfg):
    return _post_cost(frames, "Children's Social Care", "Senior Practitioner", "M2")


@reconcile.metric(
    "adults_advanced_practitioner_cost",
    "Adult Social Care Advanced Practitioner post: salary, NI, market supplement and car "
    "allowance for one year (£)",
)
def _adults_ap_cost(frames, cfg):
    return _post_cost(frames, "Adult Social Care", "Advanced Practitioner", "M2")


@reconcile.metric(
    "adults_advanced_practitioner_total",
    "Adult Social Care Advanced Practitioner post: total cost for one year (£)",
)
def _adults_ap_total(frames, cfg):
    return _post_cost(frames, "Adult Social Care", "Advanced Practitioner", "M2")


# Figures the officers' reports print about the agency premium (moved from
# pipelines.sections.findings: a section's metrics live in its own package).


def _agency_extra_per_fte(frames, cfg, service: str) -> float | None:
    """Extra cost a year of one agency FTE over a permanent post in ``service`` (£ a year).

    The agency premium of the workforce section (:func:`pipelines.sections.workforce.costs.
    agency_premiums`: agency FTE x (agency cost a year - the post's permanent cost a year),
    summed over the service's practitioner posts) divided by the service's agency FTE, with
    the agency rate, hours and weeks of the first meeting whose workforce section sets them
    (the parameter model's defaults otherwise). None when the service has no agency FTE, or
    the review sets no agency hourly rate or no job titles it applies to.
    """
    from pipelines.sections.workforce import agency_rate as war
    from pipelines.sections.workforce import costs as wf
    from pipelines.sections.workforce.parameters import WorkforceParameters
    from pipelines.sections.workforce.result import SECTION

    given = next(
        (
            ref.parameters
            for m in cfg.meetings
            for ref in m.sections
            if ref.notebook == SECTION and "agency_hourly_rate" in (ref.parameters or {})
        ),
        {},
    )
    params = WorkforceParameters.model_validate(dict(given))
    params = war.effective_parameters(cfg, frames, params)  # the export's rate first
    if not params.agency_hourly_rate or not params.capped_rate_roles:
        return None  # not set in the review: not worked out (never at £0 an hour)
    premiums = wf.agency_premiums(
        frames["workforce_snapshot"],
        frames["pay_rates"],
        float(params.agency_hourly_rate),
        float(params.agency_hours_per_week),
        float(params.agency_weeks_per_year),
        list(params.capped_rate_roles or []),
    )
    part = premiums[premiums["service"] == service]
    fte = float(part["agency_fte"].sum())
    return float(part["extra_cost"].sum()) / fte if fte else None


for _key, _service in (
    ("childrens_agency_extra_cost_per_fte", "Children's Social Care"),
    ("adults_agency_extra_cost_per_fte", "Adult Social Care"),
):
    reconcile.metric(
        _key, f"{_service}: extra cost a year of one agency FTE over a permanent post (£)"
    )(lambda frames, cfg, s=_service: _agency_extra_per_fte(frames, cfg, s))


def _agency_extra_per_post(frames, cfg, service: str) -> float | None:
    """Extra cost a year of one agency worker over one compared permanent post (£ a year).

    The figure an officers' report prints as "an agency social worker costs an additional
    £X a year": the agency cost a year (hourly rate x hours a week x weeks a year, the first
    meeting's workforce parameters that set the rate) less the annual cost (salary, employer's
    NI, market supplement, car allowance) of the first post of ``cost_comparators`` in
    ``service``: the same measure as the workforce section's ``agency_extra_cost_per_post_*``
    figure, so the report states one value for it. None when the review sets no agency rate
    or compares no post of the service.
    """
    from pipelines.sections.workforce import agency_rate as war
    from pipelines.sections.workforce import costs as wco
    from pipelines.sections.workforce import posts as wpo
    from pipelines.sections.workforce.parameters import WorkforceParameters
    from pipelines.sections.workforce.result import SECTION

    given = next(
        (
            ref.parameters
            for m in cfg.meetings
            for ref in m.sections
            if ref.notebook == SECTION and "agency_hourly_rate" in (ref.parameters or {})
        ),
        {},
    )
    params = WorkforceParameters.model_validate(dict(given))
    params = war.effective_parameters(cfg, frames, params)  # the export's rate first
    first = next((c for c in params.cost_comparators if c.get("service") == service), None)
    if not params.agency_hourly_rate or first is None:
        return None
    # Only that post is resolved (its grade, when the review leaves it out) and costed.
    posts = wpo.compared_posts(cfg, frames, params.model_copy(update={"cost_comparators": [first]}))
    cost = _post_cost(frames, service, posts[0]["job_title"], posts[0]["grade"])
    if cost is None:
        return None
    agency = wco.agency_annual_cost(
        float(params.agency_hourly_rate),
        float(params.agency_hours_per_week),
        float(params.agency_weeks_per_year),
    )
    return agency - cost


for _key, _service in (
    ("childrens_agency_extra_cost_per_post", "Children's Social Care"),
    ("adults_agency_extra_cost_per_post", "Adult Social Care"),
):
    reconcile.metric(
        _key,
        f"{_service}: extra cost a year of one agency worker over one compared permanent post (£)",
    )(lambda frames, cfg, s=_service: _agency_extra_per_post(frames, cfg, s))
