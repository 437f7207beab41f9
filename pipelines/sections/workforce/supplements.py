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

from pipelines.core.cleaning_values import label_key
from pipelines.core.errors import ConfigError
from pipelines.sections.workforce.analysis import SERVICE_ORDER, signed_money, with_total
from pipelines.sections.workforce.costs import agency_annual_cost, pay_for


def _field(entry: Mapping[str, object], name: str) -> str | None:
    """A text field of a register entry, None when blank or not in the register."""
    value = entry.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _posts_paid(entry: Mapping[str, object]) -> float | None:
    """The posts the register says the entry is paid to (full-time posts), or None."""
    value = entry.get("posts_paid")
    if value is None or pd.isna(value):
        return None
    return float(value)


def _covers(entry: Mapping[str, object], service: str, title: str, grade: str) -> bool:
    """Whether a register entry names this service (or no service), job title and grade.

    A blank grade in the register names every grade. Teams and org units are checked apart
    (:func:`_unit_mask`).
    """
    titles = (_field(entry, "job_titles") or "").split("; ")
    grades = _field(entry, "grades")
    named = _field(entry, "service")
    in_service = named is None or named == service
    return in_service and title in titles and (grades is None or grade in grades.split("/"))


def _units(entry: Mapping[str, object]) -> list[str]:
    """The teams or org units an entry is limited to (none: every team of its service).

    The register's Team column (several separated by ";"), else the team or org unit in
    brackets after the job title or in its Service column (``unit``: the cleaner keeps only
    words that are not a service's name).
    """
    teams = _field(entry, "teams")
    if teams:
        return [t.strip() for t in teams.split(";") if t.strip()]
    unit = _field(entry, "unit")
    return [unit] if unit else []


def _unit_mask(snapshot: pd.DataFrame, units: list[str]) -> pd.Series:
    """Snapshot rows whose team or org unit is one of ``units`` (case and spacing ignored)."""
    keys = {label_key(u) for u in units}
    mask = pd.Series(False, index=snapshot.index)
    for column in ("team", "org_unit"):
        if column in snapshot:
            mask |= snapshot[column].map(lambda v: v is not None and label_key(v) in keys)
    return mask


def supplement_populations(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """The population each register entry is costed on, and its permanent and establishment FTE.

    The population is the one the register names, never more:

    - **named posts** (the register's Posts column): the number of full-time posts it gives
      (or one per post reference); the snapshot is not used;
    - otherwise the snapshot's posts of the entry's job titles and grades (a blank grade: every
      grade), in the service it names (none: every service) and, where it names a **team or
      org unit** (the Team column, or the words in brackets after the job title when the
      snapshot has a team or org unit of that name), in those only. A Team the snapshot does
      not have leaves the entry not costed (said in ``costed_on``), never costed on the whole
      service. Words in brackets that are neither a team nor an org unit of the snapshot are
      the service written another way ("Adult social care").

    A snapshot row is covered by one entry only: the most specific that names it (a team or org
    unit first, then a service, then every service), in register order among equals.

    Returns
    -------
    pandas.DataFrame
        Index as ``register``; columns ``permanent_fte`` and ``establishment_fte`` (FTE; for
        named posts, the posts; NaN where nothing matched), ``basis`` ("named posts", "team,
        job title and grade", "job title and grade" or "not costed") and ``costed_on`` (the
        population in words, as the table prints it).

    """
    return _populate(register, snapshot)[0]


def _populate(register: pd.DataFrame, snapshot: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """:func:`supplement_populations` and, per snapshot row, the entry covering it (or None)."""
    perm = pd.Series(np.nan, index=register.index)
    est = pd.Series(np.nan, index=register.index)
    owner = pd.Series(None, index=snapshot.index, dtype=object)
    basis = pd.Series("not costed", index=register.index, dtype=object)
    words = pd.Series("", index=register.index, dtype=object)
    entries = register.to_dict("index")
    masks: dict[object, pd.Series] = {}
    rank: dict[object, int] = {}
    for i, entry in entries.items():
        posts = _posts_paid(entry)
        if posts is not None:
            perm[i] = est[i] = posts
            basis[i] = "named posts"
            refs = _field(entry, "post_refs")
            words[i] = (
                f"{posts:g} posts named in the register ({refs})"
                if refs
                else f"{posts:g} posts, as the register states"
            )
            continue
        covered = pd.Series(
            [
                _covers(entry, r["service"], r["job_title"], r["grade"])
                for r in snapshot[["service", "job_title", "grade"]].to_dict("records")
            ],
            index=snapshot.index,
            dtype=bool,
        )
        units = _units(entry)
        in_units = _unit_mask(snapshot, units) if units else None
        if units and not bool(in_units.any()):
            # Never the whole service instead: the register limits the entry to this unit.
            words[i] = "not costed: the workforce snapshot has no team or org unit " + " or ".join(
                f"'{u}'" for u in units
            )
            continue
        if units:
            covered &= in_units
            rank[i] = 0
        else:
            rank[i] = 1 if _field(entry, "service") else 2
        masks[i] = covered
        where = " and ".join(units) if units else (_field(entry, "service") or "every service")
        # The job title and grades are the table's own columns: not said again here.
        grades = "" if _field(entry, "grades") else ", every grade"
        words[i] = f"workforce snapshot, permanent FTE{grades} in {where}"
        basis[i] = "team, job title and grade" if units else "job title and grade"
    taken = pd.Series(False, index=snapshot.index)
    for i in sorted(masks, key=lambda k: (rank[k], list(entries).index(k))):
        mine = masks[i] & ~taken
        taken |= mine
        owner[mine] = i
        if mine.any():
            perm[i] = float(snapshot.loc[mine, "permanent_fte"].sum())
            est[i] = float(snapshot.loc[mine, "establishment_fte"].sum())
        else:
            basis[i] = "not costed"
            words[i] = (
                "not costed: its posts are costed under another entry"
                if masks[i].any()
                else "not costed: the workforce snapshot has no post it names"
                if not _units(entries[i])
                else f"not costed: the workforce snapshot has no such post in "
                f"{' and '.join(_units(entries[i]))}"
            )
    frame = pd.DataFrame(
        {"permanent_fte": perm, "establishment_fte": est, "basis": basis, "costed_on": words}
    )
    return frame, owner


def supplement_recipients(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """Permanent and establishment FTE each register entry covers (NaN where none matched).

    The FTE of :func:`supplement_populations`: the population the register names (named
    posts, a team or org unit, a service, or every service), each snapshot row counted under
    one entry only.

    Returns
    -------
    pandas.DataFrame
        Index as ``register``; columns permanent_fte and establishment_fte.

    """
    return supplement_populations(register, snapshot)[["permanent_fte", "establishment_fte"]]


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

#: The line shown in place of the supplement tables when the review lists no register.
NO_REGISTER = (
    "The review lists no market supplement register (the council pays none, or has not given "
    "it), so the tables of what supplements cost and of withdrawing one are left out."
)
#: The line shown in their place when every supplement of the register is £0.
NONE_PAID = (
    "The market supplement register pays no supplement (every amount is £0), so the tables of "
    "what supplements cost and of withdrawing one are left out."
)


def pays_supplements(register: pd.DataFrame | None) -> bool:
    """Whether the register pays any supplement: it has a row whose amount is above £0."""
    if register is None or not len(register) or "market_supplement" not in register:
        return False
    return bool((pd.to_numeric(register["market_supplement"], errors="coerce") > 0).any())


def no_supplements_line(register: pd.DataFrame | None) -> str:
    """The one line saying why the supplement tables are left out.

    :data:`NO_REGISTER` when the review has no register, :data:`NONE_PAID` when it pays nothing.
    """
    return NO_REGISTER if register is None or not len(register) else NONE_PAID


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
        Columns Job title, Grade, Costed on (the population, :func:`supplement_populations`),
        Permanent FTE, Cost a year (£), Cost at 2015/16 rates (£), Change in cost a year (£),
        Cost if every post filled (£), in register order, with a Total row. Entries not in the
        snapshot show "–" for FTE and costs.

    """
    fte = supplement_populations(register, snapshot)
    out = pd.DataFrame(
        {
            "Job title": register["register_title"].to_numpy(),
            "Grade": register["grades"].to_numpy(),
            "Costed on": fte["costed_on"].to_numpy(),
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
    total.loc[total.index[-1], ["Grade", "Costed on"]] = ""
    return total


def supplement_costs_by_service(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """Supplement costs summed by the service each register entry names (public variant).

    Entries naming no service (e.g. ASYE social workers) are grouped as "Both services"; entries
    the snapshot does not cover are left out of the sums. Columns as :func:`supplement_costs`
    with Service and Entries costed instead of Job title and Grade.
    """
    costs = supplement_costs(register, snapshot).iloc[:-1].drop(columns="Costed on")
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

    Recipients are the population the register entry paying the post names
    (:func:`supplement_populations`): the permanent FTE at the snapshot date in the post and in
    the team or org unit the entry is limited to, or the posts it names; the supplement is the
    register's; the extra cost of a leaver replaced by an agency worker is the agency cost for
    a year less the post's permanent cost without the supplement, unless
    ``extra_cost_per_leaver`` is given.

    Returns
    -------
    dict
        ``recipients`` (FTE), ``supplement`` and ``extra_cost_per_leaver`` (pounds a year),
        ``permanent_cost_without_supplement`` (pounds a year).

    """
    post = (
        (snapshot["service"] == service)
        & (snapshot["job_title"] == job_title)
        & (snapshot["grade"] == grade)
    )
    populations, owner = _populate(register, snapshot)
    # The entry paying the post: the one that covers its rows in the snapshot (a team-limited
    # entry before a service-wide one), else the first naming it.
    owners = [i for i in dict.fromkeys(owner[post]) if i is not None and not pd.isna(i)]
    named = [i for i, e in register.iterrows() if _covers(e, service, job_title, grade)]
    chosen = owners[0] if owners else (named[0] if named else None)
    entries = [] if chosen is None else [register.loc[chosen]]
    if not entries:
        paid = sorted(
            {
                f"{t} ({_field(e, 'grades') or 'every grade'})"
                for _, e in register.iterrows()
                for t in (_field(e, "job_titles") or "").split("; ")
                if t
            }
        )
        raise ConfigError(
            f"The market supplement register has no entry for {job_title} at "
            f"{grade} in {service}, the post supplement_change names (parameter of the "
            "40_workforce_costs section).\n"
            f"  expected: an entry paying {job_title} at {grade} in {service}\n"
            f"  found:    entries for {', '.join(paid) or 'no post'}\n"
            "What to do: name a post the register pays in supplement_change under parameters "
            "of the 40_workforce_costs section in the review configuration, or remove "
            "supplement_change (the withdrawal model is then not done)."
        )
    supplement = float(entries[0]["market_supplement"])
    if populations.loc[chosen, "basis"] == "named posts":
        recipients = float(populations.loc[chosen, "permanent_fte"])
    else:
        recipients = float(snapshot.loc[post & (owner == chosen), "permanent_fte"].sum())
    rate = pay_for(pay, service, job_title, grade)
    without = float(rate["annual_cost"]) - supplement
    extra = (
        float(extra_cost_per_leaver)
        if extra_cost_per_leaver
        else agency_annual_cost(hourly_rate, hours_per_week, weeks) - without
    )
    return {
        "recipients": recipients,
        "supplement": supplement,
        "extra_cost_per_leaver": extra,
        "permanent_cost_without_supplement": without,
    }


def supplement_model_table(inputs: Mapping[str, float], model: Mapping[str, float]) -> pd.DataFrame:
    """The supplement model's inputs and results: numbers, each row's unit in its label.

    A value is a number (pounds rounded to whole pounds, the break-even to one decimal place),
    so the table's CSV holds plain numbers as the other tables' do; only a result whose sign
    changes its meaning, or a break-even that never comes, is words.

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
                float(inputs["recipients"]),
                float(round(inputs["supplement"])),
                float(round(model["saving"]))
                if model["saving"] >= 0
                else signed_money(model["saving"], "a saving", "a cost"),
                float(round(extra))
                if extra >= 0
                else signed_money(extra, "an extra cost", "a saving"),
                round(break_even, 1)
                if math.isfinite(break_even)
                else "none: replacing leavers by agency workers does not use the saving up",
            ],
        }
    )


def supplement_cost_entries(register: pd.DataFrame, snapshot: pd.DataFrame) -> pd.DataFrame:
    """What each market supplement costs a year, tidy: one row per register entry, no total.

    The figures of :func:`supplement_costs`: cost a year = supplement x the FTE of the
    population the register names (:func:`supplement_populations`: named posts, or the
    permanent FTE at the snapshot date in the team, org unit, service or every service the
    entry names); at last year's rates, last year's supplement x the same FTE; the change,
    their difference; if every post were filled, supplement x establishment FTE (named posts:
    the posts). Pounds a year; NaN where the entry is not costed.

    Returns
    -------
    pandas.DataFrame
        Columns ``job_title``, ``grade``, ``service`` (the register's; where it names none, the
        service of the posts the entry covers, or "Both services": :func:`_service_of`),
        ``costed_on`` (the population in words), ``basis`` (its kind), ``permanent_fte``,
        ``cost``, ``cost_previous``, ``change``, ``cost_if_filled``, in register order.

    """
    fte, owner = _populate(register, snapshot)
    perm = fte["permanent_fte"].to_numpy()
    cost = register["market_supplement"].to_numpy() * perm
    previous = register["previous_supplement"].to_numpy() * perm
    return pd.DataFrame(
        {
            "job_title": register["register_title"].to_numpy(),
            "grade": register["grades"].to_numpy(),
            "service": [_service_of(register.loc[i], snapshot, owner == i) for i in register.index],
            "costed_on": fte["costed_on"].to_numpy(),
            "basis": fte["basis"].to_numpy(),
            "permanent_fte": perm,
            "cost": cost,
            "cost_previous": previous,
            "change": cost - previous,
            "cost_if_filled": register["market_supplement"].to_numpy()
            * fte["establishment_fte"].to_numpy(),
        }
    )


def _service_of(entry: pd.Series, snapshot: pd.DataFrame, covered: pd.Series) -> str:
    """The service an entry is summed under: the register's, else that of the posts it covers.

    An entry naming no service but limited to a team or org unit whose posts are all in one
    service is that service's; otherwise "Both services" where the snapshot has two, the one
    service of a single-service review, or "Every service".
    """
    named = _field(entry, "service")
    if named:
        return named
    services = list(dict.fromkeys(snapshot.loc[covered, "service"]))
    if _units(entry) and len(services) == 1:
        return str(services[0])
    everyone = list(dict.fromkeys(snapshot["service"]))
    if len(everyone) == 1:
        return str(everyone[0])
    return "Both services" if len(everyone) == 2 else "Every service"


def supplement_cost_services(entries: pd.DataFrame) -> pd.DataFrame:
    """The entries of :func:`supplement_cost_entries` summed by service (no small groups).

    Entries the snapshot does not cover are left out. Columns ``service``, ``entries_costed``
    (register entries summed), ``costed_on`` (the kinds of population the entries are costed
    on, with how many entries each when they are of several kinds: :func:`_bases`),
    ``permanent_fte`` and the money columns summed; children's, adults', then "Both services".
    """
    costed = entries[entries["permanent_fte"].notna()]
    money_cols = ["cost", "cost_previous", "change", "cost_if_filled"]
    sums = costed.groupby("service", sort=False)[["permanent_fte", *money_cols]].sum()
    order = [s for s in [*SERVICE_ORDER, "Both services", "Every service"] if s in sums.index]
    order += [s for s in sums.index if s not in order]
    sums = sums.loc[order].reset_index()
    sums.insert(1, "entries_costed", costed.groupby("service").size().loc[order].to_numpy())
    sums.insert(
        2,
        "costed_on",
        [_bases(costed.loc[costed["service"] == s, "basis"]) for s in order],
    )
    return sums


def _bases(basis: pd.Series) -> str:
    """The populations of a service's entries in words, each count said once.

    One kind for every entry: the kind alone ("job title and grade"), since the table's
    "Entries costed" beside it says how many (reader12: "7 | job title and grade (7
    entries)"). Several kinds: how many entries each, "team, job title and grade (2 entries);
    named posts (1 entry)", which the entries costed add up to.
    """
    counts = basis.value_counts(sort=False)
    if len(counts) == 1:
        return str(counts.index[0])
    return "; ".join(f"{b} ({n} {'entry' if n == 1 else 'entries'})" for b, n in counts.items())
