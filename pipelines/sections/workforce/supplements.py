"""Market supplements: the register, what the supplements cost, and withdrawing one.

Split from :mod:`pipelines.sections.workforce.analysis` (blocks moved unchanged). Supplements
are paid pro rata to permanent staff; agency workers do not receive them. Money is in pounds a
year per full-time post (the register) or a year (costs).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from pipelines.core.errors import ConfigError
from pipelines.sections.workforce.analysis import SERVICE_ORDER, money, signed_money, with_total
from pipelines.sections.workforce.costs import agency_annual_cost, pay_for


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
    if not math.isfinite(break_even):
        return {"saving": saving, "break_even": float("inf"), "leavers_still_saving": float("nan")}
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


def supplement_cost_entries(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """What each market supplement costs a year, tidy: one row per register entry, no total.

    The figures of :func:`supplement_costs`: cost a year = supplement x permanent FTE the entry
    covers at the snapshot date (:func:`supplement_recipients`); at last year's rates, last
    year's supplement x the same FTE; the change, their difference; if every post were filled,
    supplement x establishment FTE. Pounds a year; NaN where the snapshot does not cover the
    entry.

    Returns
    -------
    pandas.DataFrame
        Columns ``job_title``, ``grade``, ``service`` (the register's, "Both services" where it
        names none), ``permanent_fte``, ``cost``, ``cost_previous``, ``change``,
        ``cost_if_filled``, in register order.

    """
    fte = supplement_recipients(register, snapshot)
    perm = fte["permanent_fte"].to_numpy()
    cost = register["market_supplement"].to_numpy() * perm
    previous = register["previous_supplement"].to_numpy() * perm
    return pd.DataFrame(
        {
            "job_title": register["register_title"].to_numpy(),
            "grade": register["grades"].to_numpy(),
            "service": register["service"].fillna("Both services").to_numpy(),
            "permanent_fte": perm,
            "cost": cost,
            "cost_previous": previous,
            "change": cost - previous,
            "cost_if_filled": register["market_supplement"].to_numpy()
            * fte["establishment_fte"].to_numpy(),
        }
    )


def supplement_cost_services(entries: pd.DataFrame) -> pd.DataFrame:
    """The entries of :func:`supplement_cost_entries` summed by service (no small groups).

    Entries the snapshot does not cover are left out. Columns ``service``, ``entries_costed``
    (register entries summed), ``permanent_fte`` and the money columns summed; children's,
    adults', then "Both services".
    """
    costed = entries[entries["permanent_fte"].notna()]
    money_cols = ["cost", "cost_previous", "change", "cost_if_filled"]
    sums = costed.groupby("service", sort=False)[["permanent_fte", *money_cols]].sum()
    order = [s for s in [*SERVICE_ORDER, "Both services"] if s in sums.index]
    sums = sums.loc[order].reset_index()
    sums.insert(1, "entries_costed", costed.groupby("service").size().loc[order].to_numpy())
    return sums
