"""Workforce costs: a permanent post against an agency worker, and the agency workers in post.

Split from :mod:`pipelines.sections.workforce.analysis` (blocks moved unchanged). Money is in
pounds a year at the price base the caller states; nothing here inflates or discounts.

Definitions
-----------
Cost of a permanent post for a year
    Salary + employer's National Insurance + market supplement + car allowance, the basis of
    the cost table in officers' reports (employer pension contributions are not included).
Cost of an agency worker for a year
    Hourly rate x hours a week x weeks a year (the rate the council pays, which includes the
    agency's margin).
Extra cost of the agency workers in post
    Agency FTE x (agency cost for a year - the post's permanent cost for a year), by service and
    job title (the "agency premium").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core.errors import ConfigError
from pipelines.sections.workforce.analysis import (
    money,
    services_in_order,
    signed_money,
    with_total,
)


def agency_annual_cost(hourly_rate: float, hours_per_week: float, weeks: float) -> float:
    """What the council pays for one agency worker for a year, in pounds.

    Hourly rate (pounds, including the agency's margin) x hours a week x weeks worked in the
    year (agency workers are paid only for weeks worked).
    """
    return float(hourly_rate) * float(hours_per_week) * float(weeks)


def agency_assumptions(hourly_rate: float, hours_per_week: float, weeks: float) -> str:
    """The agency costing assumptions in words, for captions and notes."""
    return (
        f"agency at £{float(hourly_rate) + 0.0:,.2f} an hour".replace(".00 ", " ")  # -0.0: £0
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


def post_words(service: str, job_title: str, grade: str) -> str:
    """A post as a public label names it: "Children's Social Worker post on grade M1".

    The job title is the job-title mapping's plain title; the grade is said to be a grade in
    words, never an internal code in brackets after the title ("Social Worker (M1)", reader14:
    a councillor cannot tell what the bracket is).
    """
    post = f"{possessive(service)} {job_title} post"
    return f"{post} on grade {grade}" if grade else post


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
    agency_fte: Mapping[tuple[str, str], float] | None = None,
) -> pd.DataFrame:
    """Saving a year if ``n_posts`` agency workers were replaced by permanent staff in each post.

    Saving = posts x (agency cost for a year - permanent cost for a year) for the post, on the
    assumptions given; the one-off costs of recruiting are not included. Posts = ``n_posts``,
    or fewer where the post has fewer agency workers: ``agency_fte`` ((service, job title) ->
    agency FTE in post, :func:`agency_fte_by_post`) caps each row, so no row makes more posts
    permanent than agency workers fill (10 asked of a job title with 6 agency FTE is 6).

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
        n = float(n_posts)
        if agency_fte is not None:
            n = min(n, float(agency_fte.get((p["service"], p["job_title"]), 0.0)))
        rows.append(
            {
                "Post": f"{possessive(p['service'])} {p['job_title']}",
                "Grade": p["grade"],
                "Agency posts made permanent": n,
                "Reduction per post (£)": agency - cost,
                "Saving a year (£)": n * (agency - cost),
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


def agency_fte_by_post(snapshot: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Agency FTE in post by (service, job title), from the tidy workforce snapshot."""
    if snapshot is None or not len(snapshot):
        return {}
    sums = snapshot.groupby(["service", "job_title"])["agency_fte"].sum()
    return {(str(s), str(t)): float(v) for (s, t), v in sums.items()}


def conversion_caption(savings: pd.DataFrame, n_posts: float, basis: str) -> str:
    """Caption of :func:`conversion_savings`: a saving, or a cost when permanent posts cost more.

    Where a row makes fewer posts permanent than ``n_posts`` (its job title has fewer agency
    workers), the caption says so: "(fewer where fewer agency workers are in post)".
    """
    if "Extra cost a year (£)" in savings.columns:
        what = "Extra cost a year"
    elif "Saving a year (£)" in savings.columns:
        what = "Saving a year"
    else:
        what = "Saving or extra cost a year"
    capped = len(savings) and bool((savings["Agency posts made permanent"] < n_posts).any())
    fewer = ", fewer where fewer agency workers are in post" if capped else ""
    return f"{what} if {n_posts:g} agency posts were made permanent ({basis}{fewer})"


def cost_total_note(
    post: str, cost_column: float, printed_total: float, agency: float
) -> str | None:
    """Explain a published "Total" that differs from its own cost figure, or None if it agrees.

    In the published table the Total equals the "salary, NI, market supplement and car
    allowance" figure in every row but one. The note gives both figures and the reduction per
    post each would give against the agency cost used in this pack, in words ("a reduction of
    £3,490", "an extra cost of £4,978"), never with a minus sign.
    """
    if abs(printed_total - cost_column) < 0.5:
        return None
    return (
        f"The report printed a \u201cTotal\u201d of {money(printed_total)} for the {post}, "
        f"but its own salary, NI, market supplement and car allowance figure is "
        f"{money(cost_column)}, and in every other row the Total equals that figure. The "
        f"pay data give {money(cost_column)}, so this pack uses it: against the agency cost of "
        f"{money(agency)}, each post made permanent is "
        f"{signed_money(agency - cost_column, 'a reduction', 'an extra cost')} a year. With "
        f"the printed Total it would be "
        f"{signed_money(agency - printed_total, 'a reduction', 'an extra cost')}."
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
    says that a negative figure is a saving, so no negative cost is left unexplained. Where a
    row's printed FTE x extra cost per FTE is not its printed extra cost a year (:func:`adds_up`:
    the per-FTE figure is an average over grades, rounded), the caption says why.
    """
    caption = f"Extra cost a year of the agency practitioners in post ({basis})"
    money_cols = [c for c in premium.columns if c.startswith("Extra cost")]
    values = pd.to_numeric(premium[money_cols].stack(), errors="coerce")
    if (values < 0).any():
        caption += (  # a second sentence: the note under the table (core.outputs)
            ". A negative extra cost is a saving: the agency worker costs less than the "
            "permanent post"
        )
    full = {"Agency FTE", "Permanent cost per post (£)"} <= set(premium.columns)
    if full and not (adds_up(premium) and adds_up(premium_by_service(premium))):
        caption += (
            ". The extra cost a year is summed grade by grade, so it may differ by a few pounds "
            "from agency FTE x the rounded extra cost per FTE"
        )
    return caption


def adds_up(premium: pd.DataFrame) -> bool:
    """Whether every row's printed agency FTE x printed extra cost per FTE is its extra cost.

    As printed: FTE to one decimal place, pounds whole (the Total row has no cost per FTE).
    """
    rows = premium[premium["Service"] != "Total"]
    fte = pd.to_numeric(rows["Agency FTE"], errors="coerce").round(1)
    per = pd.to_numeric(rows["Extra cost per FTE (£)"], errors="coerce").round(0)
    total = pd.to_numeric(rows["Extra cost a year (£)"], errors="coerce").round(0)
    return bool(((fte * per).round(0) - total).abs().fillna(0).lt(1).all())


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


def premiums_by_service(premiums: pd.DataFrame) -> pd.DataFrame:
    """The tidy agency premiums (:func:`agency_premiums`) summed by service: no small groups.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`agency_premiums`, one row per service, ``job_title`` "All practitioner
        posts": ``agency_fte`` and ``extra_cost`` (pounds a year) summed, ``extra_cost_per_fte``
        = extra cost / agency FTE, ``permanent_cost_per_post`` FTE-weighted over the posts,
        ``agency_cost_per_fte`` as given (the same for every row). Empty when ``premiums`` is.

    """
    if premiums.empty:
        return premiums.copy()
    body = premiums.assign(permanent=premiums["permanent_cost_per_post"] * premiums["agency_fte"])
    sums = (
        body.groupby("service", sort=False)[["agency_fte", "extra_cost", "permanent"]]
        .sum()
        .reset_index()
    )
    return pd.DataFrame(
        {
            "service": sums["service"],
            "job_title": "All practitioner posts",
            "agency_fte": sums["agency_fte"],
            "agency_cost_per_fte": float(premiums["agency_cost_per_fte"].iloc[0]),
            "permanent_cost_per_post": sums["permanent"] / sums["agency_fte"],
            "extra_cost_per_fte": sums["extra_cost"] / sums["agency_fte"],
            "extra_cost": sums["extra_cost"],
        }
    )


def pay_basis_note(pay: pd.DataFrame) -> str | None:
    """The line saying which amounts the pay table does not give, or None when it gives all.

    An amount declared absent is blank on every row, so a post's annual cost leaves it out.
    """
    from pipelines.datasets.workforce.clean import PAY_PARTS, pay_basis_line

    left_out = [c for c in PAY_PARTS if c in pay and len(pay) and pay[c].isna().all()]
    return pay_basis_line(left_out) + "." if left_out else None
