"""Workforce and cost: agency reliance, cost per post, market supplements, caseloads, recruitment.

Pure functions over the tidy ``workforce_snapshot``, ``pay_rates``, ``caseloads`` and
``market_supplements`` tables written by :mod:`pipelines.datasets.workforce.clean`, and small models
that take their inputs as plain numbers so that members can ask "what if" (the inputs are parameters
of the section in the review configuration). Tables come back with member-facing column labels,
ready for :func:`pipelines.core.presentation.show`. Money is in pounds a year at the price base the
caller states; nothing here inflates or discounts.

Definitions
-----------
Agency worker rate
    Agency FTE / (agency FTE + permanent FTE) x 100, the DfE children's social work workforce
    measure.
Vacancy rate
    Vacant FTE / establishment FTE x 100, where vacant FTE is establishment FTE less permanent
    FTE (a vacancy may be covered by an agency worker).
Cost of a permanent post for a year
    Salary + employer's National Insurance + market supplement + car allowance, the basis of
    the cost table in Luton's report (employer pension contributions are not included).
Cost of an agency worker for a year
    Hourly rate x hours a week x weeks a year (the rate the council pays, which includes the
    agency's margin).
Average caseload
    Cases held / case-holding social workers (headcount), the DfE measure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core import reconcile
from pipelines.core.errors import ConfigError
from pipelines.core.figures import Sentence

SERVICE_ORDER = ("Children's Social Care", "Adult Social Care")
#: Case types of the caseload extract, as members read them.
CASE_TYPE_LABELS = {
    "looked_after": "Looked after children",
    "child_protection": "Child protection",
    "children_in_need": "Children in need",
    "care_leavers": "Care leavers",
}


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


# --------------------------------------------------------------------------------------------
# Cost per post


def agency_annual_cost(hourly_rate: float, hours_per_week: float, weeks: float) -> float:
    """What the council pays for one agency worker for a year, in pounds.

    Hourly rate (pounds, including the agency's margin) x hours a week x weeks worked in the
    year (agency workers are paid only for weeks worked).
    """
    return float(hourly_rate) * float(hours_per_week) * float(weeks)


def agency_assumptions(hourly_rate: float, hours_per_week: float, weeks: float) -> str:
    """The agency costing assumptions in words, for captions and notes."""
    return (
        f"agency at £{hourly_rate:,.2f} an hour".replace(".00 ", " ")
        + f", {hours_per_week:g} hours a week, {weeks:g} weeks a year"
    )


def pay_for(pay: pd.DataFrame, service: str, job_title: str, grade: str) -> pd.Series:
    """The pay-table row of one post at one grade.

    Raises
    ------
    ConfigError
        The pay table has no such row (the section's parameters name a post it does not cost).

    """
    hit = pay[
        (pay["service"] == service) & (pay["job_title"] == job_title) & (pay["grade"] == grade)
    ]
    if hit.empty:
        raise ConfigError(
            f"The pay table has no rate for {job_title} at {grade} in {service}: "
            "correct the post named in the section's parameters in the review "
            "configuration."
        )
    return hit.iloc[0]


def possessive(service: str) -> str:
    """``"Children's"`` or ``"Adults"``: the service as the published cost table names it."""
    return {"Children's Social Care": "Children's", "Adult Social Care": "Adults"}.get(
        service, service
    )


def cost_comparison(
    pay: pd.DataFrame,
    service: str,
    job_title: str,
    grade: str,
    hourly_rate: float,
    hours_per_week: float,
    weeks: float,
    agency_label: str = "Agency Senior Practitioner (capped rate)",
) -> pd.DataFrame:
    """Cost for one year of a permanent post against an agency worker, in the published layout.

    Returns
    -------
    pandas.DataFrame
        Three rows, columns Post, Grade or rate, Cost for one year (£): the permanent post (its
        salary + employer's NI + market supplement + car allowance), the agency worker (hourly
        rate x hours x weeks) and the potential reduction in spend per post (agency less
        permanent). When the permanent post costs more, the last row is the potential
        increase in spend per post (permanent less agency), so no figure is negative.

    """
    post = pay_for(pay, service, job_title, grade)
    agency = agency_annual_cost(hourly_rate, hours_per_week, weeks)
    permanent = float(post["annual_cost"])
    difference = agency - permanent
    last = (
        "Potential reduction in spend per post"
        if difference >= 0
        else "Potential increase in spend per post"
    )
    return pd.DataFrame(
        {
            "Post": [f"{possessive(service)} {job_title}", agency_label, last],
            "Grade or rate": [grade, f"£{hourly_rate:g} an hour", ""],
            "Cost for one year (£)": [permanent, agency, abs(difference)],
        }
    )


def cost_breakdown(pay: pd.DataFrame, posts: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """What makes up the annual cost of each post compared: salary, NI, supplement, car.

    Parameters
    ----------
    posts : sequence of mapping
        Each with ``service``, ``job_title`` and ``grade``.

    """
    rows = []
    for p in posts:
        r = pay_for(pay, p["service"], p["job_title"], p["grade"])
        rows.append(
            {
                "Post": f"{possessive(p['service'])} {p['job_title']}",
                "Grade": p["grade"],
                "Salary (£)": r["salary"],
                "Employer's NI (£)": r["employer_ni"],
                "Market supplement (£)": r["market_supplement"],
                "Car allowance (£)": r["car_allowance"],
                "Cost for one year (£)": r["annual_cost"],
            }
        )
    return pd.DataFrame(rows)


def conversion_savings(
    pay: pd.DataFrame,
    posts: Sequence[Mapping[str, str]],
    n_posts: float,
    hourly_rate: float,
    hours_per_week: float,
    weeks: float,
) -> pd.DataFrame:
    """Saving a year if ``n_posts`` agency workers were replaced by permanent staff in each post.

    Saving = n_posts x (agency cost for a year - permanent cost for a year) for the post, on the
    assumptions given; the one-off costs of recruiting are not included.

    Returns
    -------
    pandas.DataFrame
        Columns Post, Grade, Agency posts made permanent, Reduction per post (£), Saving a year
        (£). When every post costs more permanently than by agency (a cheap agency rate), the
        last two are Extra cost per post (£) and Extra cost a year (£), positive: a saving that
        becomes a cost is shown as a cost. When the posts differ in sign, the columns keep
        their names with "(£; negative: an extra cost)".

    """
    agency = agency_annual_cost(hourly_rate, hours_per_week, weeks)
    rows = []
    for p in posts:
        cost = float(pay_for(pay, p["service"], p["job_title"], p["grade"])["annual_cost"])
        rows.append(
            {
                "Post": f"{possessive(p['service'])} {p['job_title']}",
                "Grade": p["grade"],
                "Agency posts made permanent": n_posts,
                "Reduction per post (£)": agency - cost,
                "Saving a year (£)": n_posts * (agency - cost),
            }
        )
    table = pd.DataFrame(rows)
    per_post = table["Reduction per post (£)"] if len(table) else pd.Series(dtype=float)
    if len(table) and (per_post < 0).all():
        return pd.DataFrame(
            {
                "Post": table["Post"],
                "Grade": table["Grade"],
                "Agency posts made permanent": table["Agency posts made permanent"],
                "Extra cost per post (£)": -table["Reduction per post (£)"],
                "Extra cost a year (£)": -table["Saving a year (£)"],
            }
        )
    if (per_post < 0).any():
        return table.rename(
            columns={
                "Reduction per post (£)": "Reduction per post (£; negative: an extra cost)",
                "Saving a year (£)": "Saving a year (£; negative: an extra cost)",
            }
        )
    return table


def conversion_caption(savings: pd.DataFrame, n_posts: float, basis: str) -> str:
    """Caption of :func:`conversion_savings`: a saving, or a cost when permanent posts cost more."""
    if "Extra cost a year (£)" in savings.columns:
        what = "Extra cost a year"
    elif "Saving a year (£)" in savings.columns:
        what = "Saving a year"
    else:
        what = "Saving or extra cost a year"
    return f"{what} if {n_posts:g} agency posts were made permanent ({basis})"


def cost_total_note(
    post: str, cost_column: float, printed_total: float, agency: float
) -> str | None:
    """Explain a published "Total" that differs from its own cost figure, or None if it agrees.

    In the published table the Total equals the "salary, NI, market supplement and car
    allowance" figure in every row but one. The note gives both figures and the reduction per
    post each would give against the agency cost used in this pack.
    """
    if abs(printed_total - cost_column) < 0.5:
        return None
    return (
        f"The report printed a \u201cTotal\u201d of {money(printed_total)} for the {post}, "
        f"but its own salary, NI, market supplement and car allowance figure is "
        f"{money(cost_column)}, and in every other row the Total equals that figure. The "
        f"pay data give {money(cost_column)}, so this pack uses it: the reduction per post "
        f"is {money(agency)} - {money(cost_column)} = {money(agency - cost_column)}. With "
        f"the printed Total it would be {money(agency - printed_total)}."
    )


def agency_premiums(
    snapshot: pd.DataFrame,
    pay: pd.DataFrame,
    hourly_rate: float,
    hours_per_week: float,
    weeks: float,
    roles: Sequence[str],
) -> pd.DataFrame:
    """Extra cost a year of the agency workers in post over permanent staff, tidy: no total.

    For each snapshot row of a job title in ``roles`` (those the agency rate applies to): agency
    FTE x (agency cost for a year - the post's permanent cost for a year at the row's grade).
    Summed by service and job title.

    Returns
    -------
    pandas.DataFrame
        Columns ``service``, ``job_title``, ``agency_fte`` (FTE), ``agency_cost_per_fte``
        (pounds a year, :func:`agency_annual_cost`), ``permanent_cost_per_post`` (pounds a year,
        FTE-weighted over grades), ``extra_cost_per_fte`` and ``extra_cost`` (pounds a year);
        children's services first, then by agency FTE, largest first.

    """
    agency = agency_annual_cost(hourly_rate, hours_per_week, weeks)
    rows = snapshot[snapshot["job_title"].isin(roles) & (snapshot["agency_fte"] > 0)]
    costs = rows.merge(
        pay[["service", "job_title", "grade", "annual_cost"]],
        on=["service", "job_title", "grade"],
        how="left",
    )
    costs["permanent"] = costs["agency_fte"] * costs["annual_cost"]
    costs["premium"] = costs["agency_fte"] * (agency - costs["annual_cost"])
    out = (
        costs.groupby(["service", "job_title"], sort=False)[["agency_fte", "permanent", "premium"]]
        .sum()
        .reset_index()
    )
    out["order"] = out["service"].map(
        {s: i for i, s in enumerate(services_in_order(list(out["service"])))}
    )
    out = out.sort_values(["order", "agency_fte"], ascending=[True, False])
    return pd.DataFrame(
        {
            "service": out["service"].to_numpy(),
            "job_title": out["job_title"].to_numpy(),
            "agency_fte": out["agency_fte"].to_numpy(),
            "agency_cost_per_fte": agency,
            "permanent_cost_per_post": (out["permanent"] / out["agency_fte"]).to_numpy(),
            "extra_cost_per_fte": (out["premium"] / out["agency_fte"]).to_numpy(),
            "extra_cost": out["premium"].to_numpy(),
        }
    )


#: Tidy agency-premium columns -> the labels of the member-facing table.
PREMIUM_LABELS = {
    "service": "Service",
    "job_title": "Job title",
    "agency_fte": "Agency FTE",
    "agency_cost_per_fte": "Agency cost per FTE (£)",
    "permanent_cost_per_post": "Permanent cost per post (£)",
    "extra_cost_per_fte": "Extra cost per FTE (£)",
    "extra_cost": "Extra cost a year (£)",
}


def agency_premium(
    snapshot: pd.DataFrame,
    pay: pd.DataFrame,
    hourly_rate: float,
    hours_per_week: float,
    weeks: float,
    roles: Sequence[str],
) -> pd.DataFrame:
    """Extra cost a year of the agency workers in post, over permanent staff in the same posts.

    The member-facing table of :func:`agency_premiums`.

    Returns
    -------
    pandas.DataFrame
        Columns Service, Job title, Agency FTE, Agency cost per FTE (£), Permanent cost per
        post (£) (FTE-weighted over grades), Extra cost per FTE (£), Extra cost a year (£); a
        Total row.

    """
    table = agency_premiums(snapshot, pay, hourly_rate, hours_per_week, weeks, roles).rename(
        columns=PREMIUM_LABELS
    )
    total = with_total(
        table,
        skip=["Agency cost per FTE (£)", "Permanent cost per post (£)", "Extra cost per FTE (£)"],
    )
    total.loc[total.index[-1], "Job title"] = ""
    return total


def premium_caption(premium: pd.DataFrame, basis: str) -> str:
    """Caption of the agency premium table, saying what a negative extra cost means.

    With a cheap agency rate the extra cost of an agency worker is negative: the caption then
    says that a negative figure is a saving, so no negative cost is left unexplained.
    """
    caption = f"Extra cost a year of the agency practitioners in post ({basis})"
    money_cols = [c for c in premium.columns if c.startswith("Extra cost")]
    values = pd.to_numeric(premium[money_cols].stack(), errors="coerce")
    if (values < 0).any():
        caption += (
            ": a negative extra cost is a saving (the agency worker costs less than the "
            "permanent post)"
        )
    return caption


def premium_by_service(premium: pd.DataFrame) -> pd.DataFrame:
    """The agency premium table summed by service (for the public variant: no small groups).

    Extra cost per FTE is recomputed as extra cost a year / agency FTE; the agency cost per FTE
    is kept (it is the same for every row); the permanent cost per post is FTE-weighted.
    """
    body = premium[premium["Service"] != "Total"].copy()
    if body.empty:  # no agency worker in a role the rate applies to: the Total row alone
        return premium.copy()
    body["permanent"] = body["Permanent cost per post (£)"] * body["Agency FTE"]
    sums = (
        body.groupby("Service", sort=False)[["Agency FTE", "Extra cost a year (£)", "permanent"]]
        .sum()
        .reset_index()
    )
    table = pd.DataFrame(
        {
            "Service": sums["Service"],
            "Job title": "All practitioner posts",
            "Agency FTE": sums["Agency FTE"],
            "Agency cost per FTE (£)": body["Agency cost per FTE (£)"].iloc[0],
            "Permanent cost per post (£)": sums["permanent"] / sums["Agency FTE"],
            "Extra cost per FTE (£)": sums["Extra cost a year (£)"] / sums["Agency FTE"],
            "Extra cost a year (£)": sums["Extra cost a year (£)"],
        }
    )
    total = with_total(
        table,
        skip=["Agency cost per FTE (£)", "Permanent cost per post (£)", "Extra cost per FTE (£)"],
    )
    total.loc[total.index[-1], "Job title"] = ""
    return total


# --------------------------------------------------------------------------------------------
# Market supplements


def _covers(entry: pd.Series, service: str, title: str, grade: str) -> bool:
    titles = (entry["job_titles"] or "").split("; ")
    grades = (entry["grades"] or "").split("/")
    in_service = (
        entry["service"] is None or pd.isna(entry["service"]) or entry["service"] == service
    )
    return in_service and title in titles and grade in grades


def supplement_recipients(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """Permanent and establishment FTE each register entry covers (NaN where none matched).

    A snapshot row is covered by the first entry (in register order) naming its service (or no
    service), job title and grade, so a post is never counted under two entries.

    Returns
    -------
    pandas.DataFrame
        Index as ``register``; columns permanent_fte and establishment_fte.

    """
    perm = pd.Series(np.nan, index=register.index)
    est = pd.Series(np.nan, index=register.index)
    for _, row in snapshot.iterrows():
        for i, entry in register.iterrows():
            if _covers(entry, row["service"], row["job_title"], row["grade"]):
                perm[i] = (0 if pd.isna(perm[i]) else perm[i]) + row["permanent_fte"]
                est[i] = (0 if pd.isna(est[i]) else est[i]) + row["establishment_fte"]
                break
    return pd.DataFrame({"permanent_fte": perm, "establishment_fte": est})


def supplement_register(register: pd.DataFrame) -> pd.DataFrame:
    """The market supplement register as published, with last year's supplement worked out.

    Returns
    -------
    pandas.DataFrame
        Columns Job title, Grade, Market supplement (£), Compared to 2015/16 (as printed) and
        Supplement in 2015/16 (£) (this year's less the change; 0 for a new supplement), in
        register order, pounds a year per full-time post.

    """
    return pd.DataFrame(
        {
            "Job title": register["register_title"].to_numpy(),
            "Grade": register["grades"].to_numpy(),
            "Market supplement (£)": register["market_supplement"].to_numpy(),
            "Compared to 2015/16": register["compared_to_last_year"].to_numpy(),
            "Supplement in 2015/16 (£)": register["previous_supplement"].to_numpy(),
        }
    )


#: How the supplement tables and findings name the year the register compares with; a review
#: states its own (``previous_year``) and :func:`with_previous_year` writes it in.
PREVIOUS_YEAR_LABEL = "2015/16"


def with_previous_year(table: pd.DataFrame, previous: str) -> pd.DataFrame:
    """``table`` with the register's comparison year in its column names written ``previous``."""
    return table.rename(
        columns={c: c.replace(PREVIOUS_YEAR_LABEL, previous) for c in table.columns}
    )


def supplement_costs(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """What each market supplement costs a year, and the change on last year's rates.

    Supplements are paid pro rata to permanent staff (agency workers do not receive them).
    Cost a year = supplement x permanent FTE covered by the entry at the snapshot date; the cost
    at last year's rates applies last year's supplement to the same FTE; the cost if every post
    were filled permanently uses the establishment FTE. Employer's NI on the supplements is not
    included.

    Returns
    -------
    pandas.DataFrame
        Columns Job title, Grade, Permanent FTE, Cost a year (£), Cost at 2015/16 rates (£),
        Change in cost a year (£), Cost if every post filled (£), in register order, with a
        Total row. Entries not in the snapshot show "–" for FTE and costs.

    """
    fte = supplement_recipients(register, snapshot)
    out = pd.DataFrame(
        {
            "Job title": register["register_title"].to_numpy(),
            "Grade": register["grades"].to_numpy(),
            "Permanent FTE": fte["permanent_fte"].to_numpy(),
        }
    )
    out["Cost a year (£)"] = register["market_supplement"].to_numpy() * out["Permanent FTE"]
    out["Cost at 2015/16 rates (£)"] = (
        register["previous_supplement"].to_numpy() * out["Permanent FTE"]
    )
    out["Change in cost a year (£)"] = out["Cost a year (£)"] - out["Cost at 2015/16 rates (£)"]
    out["Cost if every post filled (£)"] = (
        register["market_supplement"].to_numpy() * fte["establishment_fte"].to_numpy()
    )
    total = with_total(out)
    total.loc[total.index[-1], "Grade"] = ""
    return total


def supplement_costs_by_service(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """Supplement costs summed by the service each register entry names (public variant).

    Entries naming no service (e.g. ASYE social workers) are grouped as "Both services"; entries
    the snapshot does not cover are left out of the sums. Columns as :func:`supplement_costs`
    with Service and Entries costed instead of Job title and Grade.
    """
    costs = supplement_costs(register, snapshot).iloc[:-1]
    costs["Service"] = register["service"].fillna("Both services").to_numpy()
    costs = costs[costs["Permanent FTE"].notna()]
    money_cols = [c for c in costs.columns if "£" in c]
    sums = costs.groupby("Service", sort=False)[["Permanent FTE", *money_cols]].sum()
    order = [s for s in [*SERVICE_ORDER, "Both services"] if s in sums.index]
    sums = sums.loc[order].reset_index()
    sums.insert(1, "Entries costed", costs.groupby("Service").size().loc[order].to_numpy())
    return with_total(sums)


def supplement_changes(register: pd.DataFrame) -> pd.DataFrame:
    """Register entries that changed on last year: new, increased, decreased or withdrawn."""
    changed = register[register["change"] != "Same"]
    return pd.DataFrame(
        {
            "Job title": changed["register_title"].to_numpy(),
            "Grade": changed["grades"].to_numpy(),
            "Change": changed["change"].to_numpy(),
            "Supplement in 2015/16 (£)": changed["previous_supplement"].to_numpy(),
            "Market supplement (£)": changed["market_supplement"].to_numpy(),
        }
    )


def supplement_withdrawal(
    recipients: float, supplement: float, extra_cost_per_leaver: float
) -> dict[str, float]:
    """Saving from withdrawing a market supplement, and the leavers that would cancel it.

    Parameters
    ----------
    recipients : float
        Staff (headcount or FTE) losing the supplement.
    supplement : float
        The supplement per person, pounds a year.
    extra_cost_per_leaver : float
        Extra cost a year, in pounds, of replacing one leaver with an agency worker (agency
        cost less the permanent post's cost without the supplement).

    Returns
    -------
    dict
        ``saving`` (recipients x supplement, pounds a year), ``break_even`` (saving / extra
        cost per leaver: the number of leavers replaced by agency at which the saving is used
        up), ``leavers_still_saving`` (the largest whole number of such leavers that still
        leaves a saving, or NaN when the extra cost is not positive).

    """
    saving = float(recipients) * float(supplement)
    if extra_cost_per_leaver <= 0:
        return {"saving": saving, "break_even": float("inf"), "leavers_still_saving": float("nan")}
    break_even = saving / float(extra_cost_per_leaver)
    whole = math.floor(break_even)
    if whole == break_even:
        whole -= 1
    return {"saving": saving, "break_even": break_even, "leavers_still_saving": float(whole)}


def supplement_withdrawal_table(
    recipients: float, supplement: float, extra_cost_per_leaver: float, max_leavers: int
) -> pd.DataFrame:
    """Net saving a year by the number of leavers replaced by agency workers, 0 to max_leavers.

    Net saving = recipients x supplement - leavers x extra cost per leaver (pounds a year).
    """
    saving = float(recipients) * float(supplement)
    leavers = np.arange(0, int(max_leavers) + 1)
    return pd.DataFrame(
        {
            "Leavers replaced by agency workers": leavers,
            "Saving from the supplement (£)": saving,
            # + 0.0: no "-0" for no leavers when the extra cost is negative
            "Extra agency cost (£)": leavers * float(extra_cost_per_leaver) + 0.0,
            "Net saving a year (£)": saving - leavers * float(extra_cost_per_leaver) + 0.0,
        }
    )


def supplement_model_inputs(
    register: pd.DataFrame,
    snapshot: pd.DataFrame,
    pay: pd.DataFrame,
    service: str,
    job_title: str,
    grade: str,
    hourly_rate: float,
    hours_per_week: float,
    weeks: float,
    extra_cost_per_leaver: float | None = None,
) -> dict[str, float]:
    """Inputs of :func:`supplement_withdrawal` for one of the council's own supplements.

    Recipients are the permanent FTE in the post at the snapshot date; the supplement is the
    register's; the extra cost of a leaver replaced by an agency worker is the agency cost for
    a year less the post's permanent cost without the supplement, unless
    ``extra_cost_per_leaver`` is given.

    Returns
    -------
    dict
        ``recipients`` (FTE), ``supplement`` and ``extra_cost_per_leaver`` (pounds a year),
        ``permanent_cost_without_supplement`` (pounds a year).

    """
    rows = snapshot[
        (snapshot["service"] == service)
        & (snapshot["job_title"] == job_title)
        & (snapshot["grade"] == grade)
    ]
    entries = [e for _, e in register.iterrows() if _covers(e, service, job_title, grade)]
    if not entries:
        raise ConfigError(
            f"The market supplement register has no entry for {job_title} at "
            f"{grade} in {service}: correct supplement_change in the section's "
            "parameters in the review configuration."
        )
    supplement = float(entries[0]["market_supplement"])
    post = pay_for(pay, service, job_title, grade)
    without = float(post["annual_cost"]) - supplement
    extra = (
        float(extra_cost_per_leaver)
        if extra_cost_per_leaver
        else agency_annual_cost(hourly_rate, hours_per_week, weeks) - without
    )
    return {
        "recipients": float(rows["permanent_fte"].sum()),
        "supplement": supplement,
        "extra_cost_per_leaver": extra,
        "permanent_cost_without_supplement": without,
    }


# --------------------------------------------------------------------------------------------
# Caseloads


def supplement_model_table(inputs: Mapping[str, float], model: Mapping[str, float]) -> pd.DataFrame:
    """The supplement model's inputs and results as members read them (text values).

    Parameters
    ----------
    inputs : mapping
        :func:`supplement_model_inputs`.
    model : mapping
        :func:`supplement_withdrawal`.

    Returns
    -------
    pandas.DataFrame
        Columns Input or result, Value. The extra cost of a leaver replaced by an agency
        worker is "a saving of £..." when agency work costs less than the post without its
        supplement; the break-even is "none" when no number of leavers uses the saving up.

    """
    extra = float(inputs["extra_cost_per_leaver"])
    break_even = float(model["break_even"])
    return pd.DataFrame(
        {
            "Input or result": [
                "Permanent staff losing the supplement (FTE)",
                "Supplement per full-time post (£ a year)",
                "Saving a year (£)",
                "Extra cost a year of each leaver replaced by an agency worker (£)",
                "Break-even (leavers)",
            ],
            "Value": [
                f"{float(inputs['recipients']):g}",
                money(inputs["supplement"]),
                money(model["saving"])
                if model["saving"] >= 0
                else signed_money(model["saving"], "a saving", "a cost"),
                money(extra) if extra >= 0 else signed_money(extra, "an extra cost", "a saving"),
                f"{break_even:.1f}"
                if math.isfinite(break_even)
                else "none: replacing leavers by agency workers does not use the saving up",
            ],
        }
    )


def average_caseload(caseloads: pd.DataFrame) -> float:
    """Cases held per case-holding worker (headcount), the DfE average caseload."""
    return (
        float(caseloads["total_cases"].sum()) / len(caseloads) if len(caseloads) else float("nan")
    )


#: The first row of :func:`caseload_summary`: every case-holding worker.
ALL_CASE_HOLDING = "All case-holding workers"


def caseload_groups(caseloads: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Average caseload overall and by worker type against the target, tidy.

    Returns
    -------
    pandas.DataFrame
        Columns ``workers`` (the group: :data:`ALL_CASE_HOLDING`, then "Permanent workers" and
        "Agency workers" where there are any), ``case_holding_workers`` (headcount), ``cases``
        (cases held), ``average_caseload`` (cases per worker, :func:`average_caseload`),
        ``cases_per_fte`` (cases / FTE), ``target`` (cases per worker to stay below; None when
        no target) and ``meets_target`` (average below the target; None when no target).

    """
    rows = []
    groups = [(ALL_CASE_HOLDING, caseloads)] + [
        (f"{t} workers", caseloads[caseloads["worker_type"] == t])
        for t in ("Permanent", "Agency")
        if (caseloads["worker_type"] == t).any()
    ]
    for label, g in groups:
        avg = average_caseload(g)
        rows.append(
            {
                "workers": label,
                "case_holding_workers": len(g),
                "cases": int(g["total_cases"].sum()),
                "average_caseload": avg,
                "cases_per_fte": float(g["total_cases"].sum()) / float(g["fte"].sum()),
                "target": target,
                "meets_target": None if target is None else bool(avg < target),
            }
        )
    return pd.DataFrame(rows, columns=list(CASELOAD_LABELS))


#: Tidy caseload-summary columns -> the labels of the member-facing table.
CASELOAD_LABELS = {
    "workers": "Workers",
    "case_holding_workers": "Case-holding workers",
    "cases": "Cases",
    "average_caseload": "Average caseload (cases per worker)",
    "cases_per_fte": "Cases per FTE",
    "target": "Target (below)",
    "meets_target": "Meets target",
}


def caseload_summary(caseloads: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Average caseload overall and by worker type against the target ("below target").

    The member-facing table of :func:`caseload_groups`.

    Returns
    -------
    pandas.DataFrame
        Columns Workers, Case-holding workers, Cases, Average caseload (cases per worker),
        Cases per FTE, Target (below), Meets target ("Yes", "No", or "–" without a target);
        rows All case-holding workers, then Permanent and Agency.

    """
    tidy = caseload_groups(caseloads, target)
    tidy["meets_target"] = [
        "–" if m is None else "Yes" if m else "No" for m in tidy["meets_target"]
    ]
    return tidy.rename(columns=CASELOAD_LABELS)


def band_labels(edges: Sequence[float]) -> list[str]:
    """Experience band labels for edges in years since qualifying, e.g. [1, 3] gives three bands.

    ``[1, 3]`` gives "Newly qualified (under 1 year)", "1 to 3 years", "3 years or more"; each
    band includes its lower edge.
    """
    edges = [float(e) for e in edges]
    labels = [f"Newly qualified (under {edges[0]:g} year{'s' if edges[0] != 1 else ''})"]
    labels += [f"{a:g} to {b:g} years" for a, b in zip(edges, edges[1:], strict=False)]
    labels.append(f"{edges[-1]:g} years or more")
    return labels


def years_qualified(date_qualified: pd.Series, as_at: pd.Timestamp) -> pd.Series:
    """Years from the date qualified to ``as_at`` (whole days / 365.25)."""
    return (pd.Timestamp(as_at) - pd.to_datetime(date_qualified)).dt.days / 365.25


def caseloads_by_experience(
    caseloads: pd.DataFrame,
    as_at: pd.Timestamp,
    edges: Sequence[float],
    standards: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Average caseload by years since qualifying, against a recommended caseload per band.

    Returns
    -------
    pandas.DataFrame
        Columns Experience, Workers, Average caseload, Recommended caseload, Above recommended
        by (cases); one row per band (see :func:`band_labels`).

    """
    labels = band_labels(edges)
    if standards is not None and len(standards) != len(labels):
        raise ConfigError(
            f"caseload_standards has {len(standards)} figure(s) but the "
            f"experience bands {list(edges)} make {len(labels)} bands "
            f"({', '.join(labels)}): give one recommended caseload per band."
        )
    years = years_qualified(caseloads["date_qualified"], as_at)
    band = pd.cut(years, [-np.inf, *[float(e) for e in edges], np.inf], right=False, labels=labels)
    current = caseloads.groupby(band, observed=False)["total_cases"].agg(["size", "mean"])
    recommended = list(standards) if standards is not None else [np.nan] * len(labels)
    return caseload_standards_comparison(
        labels, current["mean"].to_list(), recommended, workers=current["size"].to_list()
    )


def caseload_standards_comparison(
    bands: Sequence[str],
    current: Sequence[float],
    recommended: Sequence[float],
    workers: Sequence[int] | None = None,
    current_second: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Current caseloads against recommended caseloads by experience band.

    Parameters
    ----------
    bands : sequence of str
        Experience bands (e.g. newly qualified, 1-3 years, 3 years plus).
    current : sequence of float
        Current average caseload per band (cases per worker).
    recommended : sequence of float
        Recommended caseload per band.
    workers : sequence of int, optional
        Workers per band, when known.
    current_second : sequence of float, optional
        A second current figure per band where a paper prints two (e.g. "24 / 26").

    Returns
    -------
    pandas.DataFrame
        Columns Experience, (Workers), Average caseload, (Second figure), Recommended caseload,
        Above recommended by (cases) (and by the second figure).

    """
    table = pd.DataFrame({"Experience": list(bands)})
    if workers is not None:
        table["Workers"] = list(workers)
    # A band nobody falls in has no average (NaN, shown as a dash), not an error.
    table["Average caseload"] = [np.nan if pd.isna(x) else float(x) for x in current]
    if current_second is not None:
        table["Second figure"] = [np.nan if pd.isna(x) else float(x) for x in current_second]
    table["Recommended caseload"] = [float(x) for x in recommended]
    table["Above recommended by (cases)"] = (
        table["Average caseload"] - table["Recommended caseload"]
    )
    if current_second is not None:
        table["Second figure above recommended by (cases)"] = (
            table["Second figure"] - table["Recommended caseload"]
        )
    return table


def cases_by_type(caseloads: pd.DataFrame) -> dict[str, int]:
    """Cases held by type (member-facing label -> count) from the caseload extract."""
    return {label: int(caseloads[col].sum()) for col, label in CASE_TYPE_LABELS.items()}


def fte_needed(cases: Mapping[str, float], cases_per_worker: Mapping[str, float]) -> pd.DataFrame:
    """Workers a caseload model needs: cases of each type / the caseload allowed per worker.

    Parameters
    ----------
    cases : mapping
        Case type -> cases held.
    cases_per_worker : mapping
        Case type -> cases one full-time worker holds in the model (e.g. 14 looked-after
        children and child protection, 20 children in need, 25 care leavers per personal
        adviser).

    Returns
    -------
    pandas.DataFrame
        Columns Case type, Cases, Cases per worker, FTE needed; a Total row.

    Raises
    ------
    ConfigError
        A case type has no caseload per worker.

    """
    missing = [t for t in cases if t not in cases_per_worker]
    if missing:
        raise ConfigError(
            "cases_per_worker has no figure for: "
            + ", ".join(missing)
            + " (set it in the section's parameters in the review configuration)"
        )
    table = pd.DataFrame(
        {
            "Case type": list(cases),
            "Cases": [float(cases[t]) for t in cases],
            "Cases per worker": [float(cases_per_worker[t]) for t in cases],
        }
    )
    table["FTE needed"] = table["Cases"] / table["Cases per worker"]
    return with_total(table, skip=["Cases per worker"])


def fte_gap(
    needed_fte: float, snapshot: pd.DataFrame, service: str, job_titles: Sequence[str]
) -> pd.DataFrame:
    """FTE a caseload model needs against the establishment and the FTE in post.

    Returns
    -------
    pandas.DataFrame
        Columns Measure, FTE, Short of the model by (FTE); rows FTE needed by the caseload
        model, Establishment FTE, FTE in post (permanent and agency).

    """
    rows = snapshot[(snapshot["service"] == service) & snapshot["job_title"].isin(job_titles)]
    est = float(rows["establishment_fte"].sum())
    in_post = float((rows["permanent_fte"] + rows["agency_fte"]).sum())
    return pd.DataFrame(
        {
            "Measure": [
                "FTE needed by the caseload model",
                "Establishment FTE",
                "FTE in post (permanent and agency)",
            ],
            "FTE": [needed_fte, est, in_post],
            "Short of the model by (FTE)": [np.nan, needed_fte - est, needed_fte - in_post],
        }
    )


# --------------------------------------------------------------------------------------------
# Recruitment


def recruitment_pipeline(campaigns: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """Appointments against campaign targets.

    Parameters
    ----------
    campaigns : sequence of mapping
        Each with ``campaign`` (name), and optionally ``target``, ``in_post`` (appointed and
        started), ``in_checks`` (offered, in pre-employment checks), ``appointed`` (when only a
        total is known) and ``deadline`` (text).

    Returns
    -------
    pandas.DataFrame
        Columns Campaign, Target, In post, In pre-employment checks, Appointed (in post plus in
        checks, or the total given), Share of target (%), Still to appoint, Deadline; NaN where
        a paper gives no figure.

    """
    rows = []
    for c in campaigns:
        target = _num(c.get("target"))
        in_post, checks = _num(c.get("in_post")), _num(c.get("in_checks"))
        appointed = _num(c.get("appointed"))
        if math.isnan(appointed) and not (math.isnan(in_post) and math.isnan(checks)):
            appointed = np.nansum([in_post, checks])
        rows.append(
            {
                "Campaign": str(c["campaign"]),
                "Target": target,
                "In post": in_post,
                "In pre-employment checks": checks,
                "Appointed": appointed,
                "Share of target (%)": 100 * appointed / target if target else np.nan,
                "Still to appoint": max(target - appointed, 0)
                if not (math.isnan(target) or math.isnan(appointed))
                else np.nan,
                "Deadline": str(c.get("deadline") or "–"),
            }
        )
    return pd.DataFrame(rows)


def _num(value: object) -> float:
    return float("nan") if value is None or value == "" else float(value)


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
    premium: pd.DataFrame,
    supplement_cost: pd.DataFrame,
    summary: pd.DataFrame,
    price_base: str,
) -> list[Sentence]:
    """Key findings written from the tables (no number typed by hand).

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
    total = premium[premium["Service"] == "Total"].iloc[0]
    extra = float(total["Extra cost a year (£)"])
    more_or_less = "more" if extra >= 0 else "less"
    out.append(
        f"The agency workers in practitioner posts cost about "
        f"{money_about(abs(extra))} a year {more_or_less} than permanent staff in "
        f"the same posts would ({price_base})."
    )
    reg = supplement_cost[supplement_cost["Job title"] == "Total"].iloc[0]
    change = float(reg["Change in cost a year (£)"])
    out.append(
        f"Market supplements cost about {money_about(reg['Cost a year (£)'])} a year for "
        f"the permanent staff in post, {money_about(abs(change))} "
        f"{'more' if change >= 0 else 'less'} than at 2015/16 rates ({price_base})."
    )
    allw = summary.iloc[0]
    if not pd.isna(allw["Target (below)"]):
        verdict = "above" if allw["Meets target"] == "No" else "within"
        average = allw["Average caseload (cases per worker)"]
        out.append(
            f"Children's social workers held {average:.1f} cases each on average, "
            f"{verdict} the target of under {allw['Target (below)']:g}."
        )
    return [Sentence(t) for t in out]


# --------------------------------------------------------------------------------------------
# Figures published to the group, computed from the data (see pipelines.core.reconcile)


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
