"""Workforce: agency reliance and vacancies, and the section's findings and titles.

Pure functions over the tidy ``workforce_snapshot`` table written by
:mod:`pipelines.datasets.workforce.clean`, the money and total-row helpers the other workforce
modules share, and the key findings and chart titles written from the section's tables. The
rest of the section's analysis is in :mod:`~pipelines.sections.workforce.costs` (cost per post,
the agency workers in post), :mod:`~pipelines.sections.workforce.supplements` (market
supplements and the withdrawal model), :mod:`~pipelines.sections.workforce.caseloads`
(caseloads and the caseload model) and :mod:`~pipelines.sections.workforce.metrics` (reconcile
metrics). Small models take their inputs as plain numbers so that members can ask "what if"
(the inputs are parameters of the section in the review configuration). Money is in pounds a
year at the price base the caller states; nothing here inflates or discounts.

Definitions
-----------
Agency worker rate
    Agency FTE / (agency FTE + permanent FTE) x 100, the DfE children's social work workforce
    measure.
Vacancy rate
    Vacant FTE / establishment FTE x 100, where vacant FTE is establishment FTE less permanent
    FTE (a vacancy may be covered by an agency worker).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core.figures import Sentence

SERVICE_ORDER = ("Children's Social Care", "Adult Social Care")


def money(value: float) -> str:
    """Pounds as members read them: ``£54,464`` (negative: ``-£3,490``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.0f}"


def signed_money(value: float, positive: str, negative: str) -> str:
    """Pounds with what their sign means, never a minus sign: ``"a saving of £835"``.

    ``positive`` names a value above 0 (``"an extra cost"``), ``negative`` a value below 0
    (``"a saving"``); zero is ``"£0"``. For "what if" results that change sign with the
    assumptions (a saving that becomes a cost when agency work is cheaper).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(float(value)) == 0:
        return "£0"
    word = positive if value > 0 else negative
    return f"{word} of £{abs(value):,.0f}"


def money_about(value: float) -> str:
    """Pounds rounded to the nearest thousand, for sentences: ``£1,020,000``."""
    return money(round(float(value), -3))


def with_total(table: pd.DataFrame, label: str = "Total", skip: Sequence[str] = ()) -> pd.DataFrame:
    """Append a total row: first column ``label``, numeric columns summed (``skip`` left blank)."""
    out = table.reset_index(drop=True)
    total = {}
    for i, c in enumerate(out.columns):
        numeric = pd.api.types.is_numeric_dtype(out[c])
        total[c] = (
            label
            if i == 0
            else np.nan
            if numeric and c in skip
            else out[c].sum()
            if numeric
            else None
        )
    row = pd.DataFrame([total]).astype(
        {c: out[c].dtype for c in out.columns if pd.api.types.is_numeric_dtype(out[c])}
    )
    return pd.concat([out, row], ignore_index=True)


# --------------------------------------------------------------------------------------------
# Agency reliance


def agency_rate(agency_fte: float, permanent_fte: float) -> float:
    """Agency worker rate: agency FTE as a percentage of agency plus permanent FTE.

    Parameters
    ----------
    agency_fte, permanent_fte : float
        Full-time equivalents working in the posts at the snapshot date.

    Returns
    -------
    float
        Percentage, 0-100; NaN when nobody is in post.

    """
    working = agency_fte + permanent_fte
    return 100.0 * agency_fte / working if working else float("nan")


def vacancy_rate(vacant_fte: float, establishment_fte: float) -> float:
    """Vacant FTE as a percentage of establishment FTE (NaN for no establishment)."""
    return 100.0 * vacant_fte / establishment_fte if establishment_fte else float("nan")


def _fte_table(groups: pd.DataFrame, first: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            first: groups.index
            if not isinstance(groups.index, pd.MultiIndex)
            else [b for _, b in groups.index],
            "Establishment FTE": groups["establishment_fte"].to_numpy(),
            "Permanent FTE": groups["permanent_fte"].to_numpy(),
            "Agency FTE": groups["agency_fte"].to_numpy(),
            "Vacant FTE": groups["vacant_fte"].to_numpy(),
        }
    )
    return out


def _add_rates(table: pd.DataFrame) -> pd.DataFrame:
    table["Agency worker rate (%)"] = [
        agency_rate(a, p) for a, p in zip(table["Agency FTE"], table["Permanent FTE"], strict=True)
    ]
    table["Vacancy rate (%)"] = [
        vacancy_rate(v, e)
        for v, e in zip(table["Vacant FTE"], table["Establishment FTE"], strict=True)
    ]
    return table


def services_in_order(services: Sequence[str]) -> list[str]:
    """Services with children's first, then adults', then any others alphabetically."""
    known = [s for s in SERVICE_ORDER if s in set(services)]
    return known + sorted(set(services) - set(known))


def agency_rates_by_service(snapshot: pd.DataFrame) -> pd.DataFrame:
    """Establishment, permanent, agency and vacant FTE and the agency and vacancy rates by service.

    Returns
    -------
    pandas.DataFrame
        Columns Service, Establishment FTE, Permanent FTE, Agency FTE, Vacant FTE, Agency worker
        rate (%), Vacancy rate (%); one row per service and a Total row (rates recomputed from
        the totals, not averaged).

    """
    sums = fte_by_service(snapshot).set_index("service")
    table = _fte_table(sums, "Service")
    return _add_rates(with_total(table))


def fte_by_service(snapshot: pd.DataFrame) -> pd.DataFrame:
    """FTE and the agency and vacancy rates by service, tidy: one row per service, no total.

    Returns
    -------
    pandas.DataFrame
        Columns ``service``, ``establishment_fte``, ``permanent_fte``, ``agency_fte``,
        ``vacant_fte`` (FTE), ``agency_rate_percent`` (agency FTE / (agency + permanent FTE) ×
        100, :func:`agency_rate`) and ``vacancy_rate_percent`` (vacant FTE / establishment FTE
        × 100, :func:`vacancy_rate`); children's services first (:func:`services_in_order`).

    """
    sums = snapshot.groupby("service")[
        ["establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"]
    ].sum()
    sums = sums.loc[services_in_order(list(sums.index))]
    table = sums.reset_index()
    table["agency_rate_percent"] = [
        agency_rate(a, p) for a, p in zip(table["agency_fte"], table["permanent_fte"], strict=True)
    ]
    table["vacancy_rate_percent"] = [
        vacancy_rate(v, e)
        for v, e in zip(table["vacant_fte"], table["establishment_fte"], strict=True)
    ]
    return table


def fte_by_role(snapshot: pd.DataFrame, service: str, order: Sequence[str] = ()) -> pd.DataFrame:
    """FTE and the agency and vacancy rates by job title within one service, tidy: no total.

    Parameters
    ----------
    snapshot : pandas.DataFrame
        Tidy workforce snapshot.
    service : str
        The service to show.
    order : sequence of str, optional
        Job titles in the order to show them (others follow, largest establishment first).

    Returns
    -------
    pandas.DataFrame
        Columns ``job_title``, ``establishment_fte``, ``permanent_fte``, ``agency_fte``,
        ``vacant_fte`` (FTE), ``agency_rate_percent`` and ``vacancy_rate_percent`` (0-100, as
        in :func:`fte_by_service`); one row per job title.

    """
    rows = snapshot[snapshot["service"] == service]
    sums = rows.groupby("job_title")[
        ["establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"]
    ].sum()
    listed = [t for t in order if t in sums.index]
    rest = sums.drop(index=listed).sort_values("establishment_fte", ascending=False)
    sums = pd.concat([sums.loc[listed], rest])
    table = pd.DataFrame({"job_title": list(sums.index)})
    for c in sums.columns:
        table[c] = sums[c].to_numpy()
    table["agency_rate_percent"] = [
        agency_rate(a, p) for a, p in zip(table["agency_fte"], table["permanent_fte"], strict=True)
    ]
    table["vacancy_rate_percent"] = [
        vacancy_rate(v, e)
        for v, e in zip(table["vacant_fte"], table["establishment_fte"], strict=True)
    ]
    return table


def agency_rates_by_role(
    snapshot: pd.DataFrame, service: str, order: Sequence[str] = ()
) -> pd.DataFrame:
    """The same FTE and rates by job title within one service, with a total row.

    The member-facing table of :func:`fte_by_role`: columns Job title, Establishment FTE,
    Permanent FTE, Agency FTE, Vacant FTE, Agency worker rate (%), Vacancy rate (%); the Total
    row's rates are recomputed from the totals, not averaged.
    """
    tidy = fte_by_role(snapshot, service, order)
    return _add_rates(with_total(_fte_table(tidy.set_index("job_title"), "Job title")))


def establishment_growth(new_establishment: float, increase: float) -> pd.DataFrame:
    """Establishment before and after an increase (before = after - increase), FTE or posts."""
    before = float(new_establishment) - float(increase)
    return pd.DataFrame(
        {
            "Measure": ["Establishment before", "Increase", "Establishment after", "Increase (%)"],
            "Value": [
                before,
                float(increase),
                float(new_establishment),
                100 * float(increase) / before if before else np.nan,
            ],
        }
    )


# --------------------------------------------------------------------------------------------
# Findings


def _shown_publicly(table: pd.DataFrame, threshold: float) -> pd.Series:
    """Rows whose FTE counts are all 0 or at least ``threshold`` (the public variant shows them)."""
    ok = pd.Series(True, index=table.index)
    for col in ("Permanent FTE", "Agency FTE", "Vacant FTE"):
        ok &= (table[col] == 0) | (table[col] >= threshold)
    return ok


def agency_rate_title(
    by_role: Mapping[str, pd.DataFrame],
    threshold: float = 0,
    *,
    shown: pd.DataFrame | None = None,
) -> str:
    """Chart title naming, per service, the job title with the highest agency worker rate.

    Parameters
    ----------
    by_role : mapping of str to pandas.DataFrame
        Service -> :func:`agency_rates_by_role`.
    threshold : float
        With ``threshold`` > 0, only job titles whose permanent, agency and vacant FTE are each 0
        or at least the threshold are named (the older rule, when FTE were suppressed like
        counts of people).
    shown : pandas.DataFrame, optional
        The role table exactly as the run publishes it (``Service``, ``Job title`` and ``Agency
        worker rate (%)``, ``"[c]"`` where suppressed: ``page.protect(role_data, ...)``). When
        given, the title is chosen from it alone, so it can never name a rate the table hides or
        pass over a higher rate the table shows.

    """
    parts = []
    for service, table in by_role.items():
        body = table[(table["Job title"] != "Total") & (table["Agency FTE"] > 0)]
        if shown is not None:
            published = shown[(shown["Service"] == service) & (shown["Job title"] != "Total")]
            rate = pd.to_numeric(published["Agency worker rate (%)"], errors="coerce")
            visible = set(published.loc[rate.notna(), "Job title"])
            body = body[body["Job title"].isin(visible)]
        elif threshold:
            body = body[_shown_publicly(body, threshold)]
        if body.empty:
            continue
        top = body.loc[body["Agency worker rate (%)"].idxmax()]
        parts.append(f"{top['Job title']}s in {service} ({top['Agency worker rate (%)']:.1f}%)")
    if not parts:
        return Sentence("No agency workers were in post")
    return Sentence("Agency worker rates are highest for " + " and ".join(parts))


def cost_title(chart: pd.DataFrame, assumptions: str) -> Sentence:
    """Title of the cost chart, written from its bars: an agency worker against each post.

    ``chart`` has "Permanent (£)" and "Agency (£)" per post (pounds a year). More (or less)
    than every post compared, or more than some and less than others; ``assumptions`` (the
    agency hours and rate, in words) follows in brackets.
    """
    more = chart["Agency (£)"] > chart["Permanent (£)"]
    less = chart["Agency (£)"] < chart["Permanent (£)"]
    one = len(chart) == 1
    if more.all():
        claim = (
            "An agency worker costs more than the permanent post"
            if one
            else "An agency worker costs more than each permanent post compared"
        )
    elif less.all():
        claim = (
            "An agency worker costs less than the permanent post"
            if one
            else "An agency worker costs less than each permanent post compared"
        )
    elif more.any() and less.any():
        claim = "An agency worker costs more than some permanent posts and less than others"
    else:
        claim = "Agency and permanent costs compared"
    return Sentence(f"{claim} ({assumptions})")


def breakeven_title(model: Mapping[str, float]) -> Sentence:
    """Chart title for the supplement model: how many leavers would use up the saving.

    The number of leavers is a modelled break-even, not a count of people in the data.
    """
    if not math.isfinite(model["break_even"]):
        return Sentence("Withdrawing the supplement saves money however many staff leave")
    return Sentence(
        f"The saving would be used up if more than {model['leavers_still_saving']:g} staff "
        "left and were replaced by agency workers"
    )


def caseload_title(bands: pd.DataFrame) -> Sentence:
    """Chart title saying which experience bands hold more cases than recommended, if any.

    It cites caseloads (cases per worker) and years, never a number of people.
    """
    if bands["Recommended caseload"].isna().all():
        return Sentence("Average caseload by years since qualifying")
    over = bands[bands["Above recommended by (cases)"] > 0]
    if over.empty:
        return Sentence("Caseloads are within the recommended level in every experience band")
    parts = []
    for _, r in over.iterrows():
        who = (
            "Newly qualified social workers"
            if r["Experience"].startswith("Newly")
            else f"Social workers qualified {r['Experience']}"
        )
        parts.append(
            f"{who} hold more cases than recommended ({r['Average caseload']:.1f} "
            f"against {r['Recommended caseload']:g})"
        )
    return Sentence("; ".join(parts))


def findings(
    rates: pd.DataFrame,
    premium: pd.DataFrame | None,
    supplement_cost: pd.DataFrame | None,
    summary: pd.DataFrame,
    price_base: str,
) -> list[Sentence]:
    """Key findings written from the tables (no number typed by hand).

    ``premium`` is None where the extra cost of the agency workers in post is not done (the
    review sets no agency hourly rate or no job titles it applies to): no sentence on it.

    They count FTE, money and cases, never people, so every one is a
    :class:`~pipelines.core.figures.Sentence`: disclosure control rewrites none of its numbers
    (an agency FTE of 4 is not "fewer than 5" people) and only redacts personal data.
    """
    out = []
    body = rates[rates["Service"] != "Total"]
    for _, r in body.iterrows():
        out.append(
            f"{r['Service']}: {r['Agency worker rate (%)']:.1f}% of the qualified "
            f"workforce in post were agency workers ({r['Agency FTE']:g} of "
            f"{r['Agency FTE'] + r['Permanent FTE']:g} FTE); "
            f"{r['Vacancy rate (%)']:.1f}% of posts had no permanent holder."
        )
    if premium is not None:  # None: not done (no agency hourly rate or no job titles set)
        total = premium[premium["Service"] == "Total"].iloc[0]
        extra = float(total["Extra cost a year (£)"])
        more_or_less = "more" if extra >= 0 else "less"
        out.append(
            f"The agency workers in practitioner posts cost about "
            f"{money_about(abs(extra))} a year {more_or_less} than permanent staff in "
            f"the same posts would ({price_base})."
        )
    if supplement_cost is not None:  # None: no register, or no supplement paid
        reg = supplement_cost[supplement_cost["Job title"] == "Total"].iloc[0]
        change = float(reg["Change in cost a year (£)"])
        out.append(
            f"Market supplements cost about {money_about(reg['Cost a year (£)'])} a year for "
            f"the posts the register names, {money_about(abs(change))} "
            f"{'more' if change >= 0 else 'less'} than at 2015/16 rates ({price_base})."
        )
    from pipelines.sections.workforce.caseloads import MEETS_LABEL, TARGET_LABEL

    allw = summary.iloc[0]
    if not pd.isna(allw.get(TARGET_LABEL, float("nan"))):  # no target: column left out
        verdict = "above" if allw[MEETS_LABEL] == "No" else "within"
        average = allw["Average caseload (cases per worker)"]
        out.append(
            f"Children's social workers held {average:.1f} cases each on average, "
            f"{verdict} the target of under {allw[TARGET_LABEL]:g}."
        )
    return [Sentence(t) for t in out]
