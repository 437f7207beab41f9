"""Leavers: turnover, who left, after how long and why, and the section's sentences.

Pure functions over the tidy ``leavers`` and ``establishment`` tables written by
:mod:`pipelines.core.cleaning`: turnover by service on two bases, leavers by role, length of
service, the reasons for leaving recorded on the HR system, and the findings and notes written
from those tables. Tables come back with member-facing column labels, ready for
:func:`pipelines.core.presentation.show`. The exit interview forms (return rates, destinations,
ratings) are analysed in :mod:`pipelines.sections.leavers.exit_interviews`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from pipelines.core import reconcile
from pipelines.core.disclosure_audit import (
    SUPPRESSED,
    Layout,
    Population,
    PublishedTable,
    under_years_label,
)
from pipelines.core.figures import Kind, Sentence, phrase_share, phrase_value, sentences


def in_period(leavers: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Leavers whose leaving date falls within ``start``–``end`` inclusive."""
    d = leavers["leaving_date"]
    return leavers[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))].copy()


def turnover_rate(leavers: int, establishment_posts: float) -> float:
    """Leavers as a percentage of establishment posts.

    Parameters
    ----------
    leavers : int
        Permanent staff who left in the period (headcount).
    establishment_posts : float
        Funded posts in the establishment.

    Returns
    -------
    float
        Percentage, 0–100 (NaN when there are no posts). The DfE measure divides by FTE in post
        instead; this one follows the council's report and divides by posts.

    """
    if not establishment_posts:
        return float("nan")
    return 100.0 * leavers / establishment_posts


def with_total(table: pd.DataFrame, label: str = "Total") -> pd.DataFrame:
    """Append a total row: first column ``label``, numeric columns summed."""
    total = {
        c: (table[c].sum() if pd.api.types.is_numeric_dtype(table[c]) else "")
        for c in table.columns
    }
    total[table.columns[0]] = label
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def turnover(leavers: pd.DataFrame, establishment: pd.DataFrame) -> pd.DataFrame:
    """Turnover by service as a tidy frame: one row per service, no total, no formatting.

    Turnover (%) = leavers in the period / establishment posts × 100. "All qualified posts"
    counts social worker and occupational therapist posts up to Team Manager level; the social
    worker basis counts social work leavers over social worker posts.

    Returns
    -------
    pandas.DataFrame
        Columns ``service``, ``leavers`` (headcount), ``qualified_posts`` (posts),
        ``turnover_percent`` (0-100), ``social_work_leavers`` (headcount),
        ``social_worker_posts`` (posts), ``social_work_turnover_percent`` (0-100); services in
        the order of the establishment table.

    """
    rows = []
    for service in establishment["service"].drop_duplicates():
        est = establishment[establishment["service"] == service]
        lv = leavers[leavers["service"] == service]
        posts = float(est["posts"].sum())
        sw_posts = float(est.loc[est["profession"] == "Social work", "posts"].sum())
        sw_leavers = int((lv["profession"] == "Social work").sum())
        rows.append(
            {
                "service": service,
                "leavers": len(lv),
                "qualified_posts": int(posts),
                "turnover_percent": turnover_rate(len(lv), posts),
                "social_work_leavers": sw_leavers,
                "social_worker_posts": int(sw_posts),
                "social_work_turnover_percent": turnover_rate(sw_leavers, sw_posts),
            }
        )
    return pd.DataFrame(rows, columns=TURNOVER_LABELS.keys())


#: Tidy turnover columns -> the labels of the member-facing table.
TURNOVER_LABELS = {
    "service": "Service",
    "leavers": "Leavers",
    "qualified_posts": "Qualified posts",
    "turnover_percent": "Turnover, all qualified posts (%)",
    "social_work_leavers": "Social work leavers",
    "social_worker_posts": "Social worker posts",
    "social_work_turnover_percent": "Turnover, social workers (%)",
}


def turnover_by_service(leavers: pd.DataFrame, establishment: pd.DataFrame) -> pd.DataFrame:
    """Turnover by service, on two bases, as members read it (:func:`turnover` with labels)."""
    return turnover(leavers, establishment).rename(columns=TURNOVER_LABELS)


def roles(leavers: pd.DataFrame, service: str, role_order: Sequence[str] = ()) -> pd.DataFrame:
    """Leavers of one service by role, tidy: one row per role and profession, no total.

    Returns
    -------
    pandas.DataFrame
        Columns ``role``, ``profession`` and ``leavers`` (headcount); roles in ``role_order``
        first (in that order), then the rest by most leavers, then alphabetically.

    """
    lv = leavers[leavers["service"] == service]
    table = lv.groupby(["role", "profession"]).size().rename("leavers").reset_index()
    order = {r: i for i, r in enumerate(role_order)}
    table["_o"] = table["role"].map(lambda r: order.get(r, len(order)))
    table = table.sort_values(["_o", "leavers", "role"], ascending=[True, False, True])
    return table.drop(columns="_o").reset_index(drop=True)[["role", "profession", "leavers"]]


#: Tidy role columns -> the labels of the member-facing table.
ROLE_LABELS = {"role": "Role", "profession": "Profession", "leavers": "Leavers"}


def leavers_by_role(
    leavers: pd.DataFrame, service: str, role_order: Sequence[str] = ()
) -> pd.DataFrame:
    """Leavers of one service by role (headcount), with the profession; most common role first.

    The member-facing table of :func:`roles`, with a Total row.
    """
    return with_total(roles(leavers, service, role_order).rename(columns=ROLE_LABELS))


def band_labels(edges: Sequence[float]) -> list[str]:
    """Labels for length-of-service bands with the given edges in years.

    Bands include their lower edge: ``[1, 2]`` gives "Less than 1 year", "Between 1 and 2
    years" (at least 1, less than 2) and "More than 2 years" (2 or more).
    """

    def yrs(x: float) -> str:
        n = f"{x:g}"
        return f"{n} year" if x == 1 else f"{n} years"

    labels = [f"Less than {yrs(edges[0])}"]
    labels += [f"Between {a:g} and {b:g} years" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    labels.append(f"More than {yrs(edges[-1])}")
    return labels


def service_lengths(leavers: pd.DataFrame, service: str, edges: Sequence[float]) -> pd.DataFrame:
    """Leavers of one service by length of continuous service at leaving, tidy: one row per band.

    Length of service = whole days from the continuous service date to the leaving date, divided
    by 365.25 (the ``years_of_service`` column). Bands include their lower edge; every band is
    listed, including empty ones; no total.

    Returns
    -------
    pandas.DataFrame
        Columns ``band`` (its label, from :func:`band_labels`), ``from_years`` and ``to_years``
        (the band is from_years <= years < to_years; 0 and infinity at the ends) and ``leavers``
        (headcount).

    """
    lv = leavers[leavers["service"] == service]
    bins = [0.0, *[float(e) for e in edges], float("inf")]
    labels = band_labels(edges)
    banded = pd.cut(lv["years_of_service"], bins=bins, labels=labels, right=False)
    counts = banded.value_counts().reindex(labels, fill_value=0)
    return pd.DataFrame(
        {
            "band": labels,
            "from_years": bins[:-1],
            "to_years": bins[1:],
            "leavers": counts.to_numpy(),
        }
    )


def _years(x: float) -> str:
    """A number of years in words: "1 year", "2 years", "2.5 years"."""
    return f"{x:g} year" if x == 1 else f"{x:g} years"


def service_length_title(lengths: pd.DataFrame, service: str, *, public: bool = False) -> str:
    """Title of the length-of-service chart, written from the leavers in each band.

    ``lengths`` is :func:`service_lengths` (bands from the shortest service up). The title
    says "most leavers" only of a band holding more than half of them; otherwise it names the
    largest band (or bands, when tied) and where the majority lies: the shortest span from the
    start ("most had served less than 5 years") or, when that needs every band, from the end
    ("most had served 1 year or more"). No count is printed. For the public (``public``) it
    gives only where the majority lies: naming the largest bands ("as many in each") would
    give a band's count away when disclosure control hides it and shows the other (8 shown
    beside a hidden 8), and that count with a wider band published elsewhere gives away a
    small one.
    """
    counts = [int(n) for n in lengths["leavers"]]
    total = sum(counts)
    if total == 0:
        return f"{service}: no leavers in the period"
    top = max(counts)
    largest = [str(b) for b, n in zip(lengths["band"], counts, strict=True) if n == top]
    named = join_reasons(largest).lower()
    if top * 2 > total and not public:
        return f"{service}: most leavers had served {named}"
    head = (
        f"{service}: the largest groups of leavers had served {named}, as many in each"
        if len(largest) > 1
        else f"{service}: the largest group of leavers had served {named}"
    )
    if public:
        head = f"{service}: most leavers"
    running = 0
    for i, n in enumerate(counts[:-1]):
        running += n
        if running * 2 > total:
            span = f"less than {_years(lengths['to_years'].iloc[i])}"
            return f"{head} had served {span}" if public else f"{head}; most had served {span}"
    running = 0
    for i in range(len(counts) - 1, 0, -1):
        running += counts[i]
        if running * 2 > total:
            span = f"{_years(lengths['from_years'].iloc[i])} or more"
            return f"{head} had served {span}" if public else f"{head}; most had served {span}"
    if public:
        return f"{service}: no shorter or longer span of service held more than half of the leavers"
    return f"{head}; no shorter or longer span of service held more than half of them"


def service_length_population(service: str, edges: Sequence[float]) -> Population:
    """Who a length-of-service table's "Leavers" column counts, for disclosure control.

    The leavers of ``service`` by "Length of service", with each "under N years" group (one
    per band edge N, :func:`~pipelines.core.disclosure_audit.under_years_label`) made of the
    bands below N: so a count of the service's leavers under N years published in another
    table (the retention section's seed measure) is tied to the sum of those bands, and a
    hidden band cannot be worked out as that count less the bands shown.
    """
    labels = band_labels(edges)
    bands = {under_years_label(e): tuple(labels[: i + 1]) for i, e in enumerate(edges)}
    return Population(
        "leavers",
        by={"Length of service": "Length of service"},
        fixed={"Service": service},
        bands={"Length of service": bands},
    )


def short_service_published(
    leavers: pd.DataFrame, services: Sequence[str], years: float, threshold: int
) -> PublishedTable:
    """Each service's leavers with less than ``years`` years' service, as published elsewhere.

    The retention section's seed measure publishes them (``years`` its ``SEED_YEARS``): a table
    the length-of-service tables are protected together with
    (:attr:`pipelines.core.presentation.Page.published`), so a band they hide cannot be worked
    out from it. Counts of people (headcount), by service; ``years_of_service`` < ``years``;
    a count below ``threshold`` (the review's disclosure threshold) as ``[c]``, as published.
    """
    column = f"Leavers with under {years:g} years' service"
    counts = [
        int((leavers.loc[leavers["service"] == s, "years_of_service"] < years).sum())
        for s in services
    ]
    # A count from 1 to threshold - 1 is shown there as [c] (small), so it is not held as known.
    shown = [SUPPRESSED if 0 < n < threshold else n for n in counts]
    data = pd.DataFrame({"Service": list(services), column: shown}).astype(object)
    population = Population(
        "leavers", by={"Service": "Service"}, fixed={"Length of service": under_years_label(years)}
    )
    return PublishedTable(
        f"leavers under {years:g} years (another section)",
        data,
        Layout(counts=(column,), populations={column: population}),
    )


def length_of_service(leavers: pd.DataFrame, service: str, edges: Sequence[float]) -> pd.DataFrame:
    """Leavers of one service by length of continuous service at leaving, in bands (years).

    The member-facing table of :func:`service_lengths`: "Length of service" and "Leavers", every
    band including empty ones, then a total.
    """
    tidy = service_lengths(leavers, service, edges)
    table = pd.DataFrame({"Length of service": tidy["band"], "Leavers": tidy["leavers"]})
    return with_total(table)


def reasons(
    leavers: pd.DataFrame, service: str | None = None, under_years: float | None = None
) -> pd.DataFrame:
    """Leavers by reason for leaving as recorded on the HR system, tidy: one row per reason.

    Parameters
    ----------
    service : str, optional
        Restrict to one service.
    under_years : float, optional
        Restrict to leavers with less than this many years' service.

    Returns
    -------
    pandas.DataFrame
        Columns ``reason`` and ``leavers`` (headcount); most common first, then alphabetically;
        no total.

    """
    lv = leavers
    if service:
        lv = lv[lv["service"] == service]
    if under_years is not None:
        lv = lv[lv["years_of_service"] < under_years]
    table = (
        lv.groupby("leaving_reason")
        .size()
        .rename("leavers")
        .reset_index()
        .rename(columns={"leaving_reason": "reason"})
        .sort_values(["leavers", "reason"], ascending=[False, True])
    )
    return table.reset_index(drop=True)


def reasons_table(
    leavers: pd.DataFrame, service: str | None = None, under_years: float | None = None
) -> pd.DataFrame:
    """Leavers by reason for leaving, most common first, with total (see :func:`reasons`).

    Columns "Reason for leaving" and "Leavers".
    """
    return with_total(
        reasons(leavers, service, under_years).rename(
            columns={"reason": "Reason for leaving", "leavers": "Leavers"}
        )
    )


def reasons_acted_on(leavers: pd.DataFrame, influenceable: Sequence[str]) -> pd.DataFrame:
    """Leavers whose recorded reason the council can act on, by reason, every service, with total.

    The table behind the key finding on why staff leave (the ``leaving_reasons`` figure, read
    with the review's ``influenceable_reasons``): one row per reason in ``influenceable`` that
    some leaver gave (:func:`reasons`, most common first), and a Total row, the leavers whose
    reason the council can act on. Columns "Reason for leaving" and "Leavers".
    """
    counts = reasons(leavers)
    kept = counts[counts["reason"].isin(set(influenceable)) & (counts["leavers"] > 0)]
    return with_total(
        kept.rename(columns={"reason": "Reason for leaving", "leavers": "Leavers"}).reset_index(
            drop=True
        )
    )


def top_reasons(table: pd.DataFrame, n: int = 3) -> list[list[str]]:
    """The ``n`` most common reasons as ranked groups; tied reasons share a place.

    Returns a list of places, each a list of reasons with the same count, e.g.
    ``[["Career – better opportunity"], ["Dissatisfied with the council"], ["Moving"]]``.
    """
    body = table[table["Reason for leaving"] != "Total"]
    places: list[list[str]] = []
    for _, group in body.groupby("Leavers", sort=False):
        places.append(group["Reason for leaving"].tolist())
    places.sort(
        key=lambda reasons: (
            -int(body.loc[body["Reason for leaving"] == reasons[0], "Leavers"].iloc[0])
        )
    )
    return places[:n]


def top_reasons_finding(table: pd.DataFrame, n: int, service: str, pol=None) -> Sentence | str:
    """The "Top n reasons" line under a service's reasons table, under a disclosure policy.

    Exempt (``pol`` None or exempt): the ``n`` most common reasons as ranked places, tied reasons
    sharing a place (:func:`top_reasons`). Public: only reasons recorded for at least the
    threshold of leavers are ranked, because ranking and tying reasons the table shows as
    ``[c]`` would give their counts away (four reasons tied in first place and a fifth behind
    them, out of 9 leavers, can only be 2, 2, 2, 2 and 1); the others are said to be below it.
    """
    places = top_reasons(table, n)
    public = pol is not None and getattr(pol, "public", False)
    if not public:
        return (
            f"Top {n} reasons ({service}): "
            + "; ".join(f"{i + 1}. {join_reasons(p)}" for i, p in enumerate(places))
            + "."
        )
    t = pol.threshold
    body = table[table["Reason for leaving"] != "Total"]
    count = dict(zip(body["Reason for leaving"], body["Leavers"], strict=True))
    shown = [p for p in places if count[p[0]] >= t]
    rest = f"every other reason was recorded for fewer than {t} leavers, so they are not ranked"
    if not shown:
        return Sentence(
            f"Reasons for leaving ({service}): every reason was recorded for fewer than {t} "
            "leavers, so they are not ranked in this version."
        )
    ranked = "; ".join(
        f"{i + 1}. {join_reasons(p)} ({phrase_value(count[p[0]], Kind.PEOPLE, pol)} leavers)"
        for i, p in enumerate(shown)
    )
    tail = f"; {rest}." if len(body) > sum(len(p) for p in shown) else "."
    return Sentence(f"Most common reasons ({service}): {ranked}{tail}")


def join_reasons(reasons: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' in lower case after the first word."""
    items = list(reasons)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def turnover_note(turnover: pd.DataFrame, service: str, published: float) -> str:
    """Explain a published turnover rate against both bases the data allow."""
    row = turnover.set_index("Service").loc[service]
    return (
        f"The paper gave {service} turnover as {published:g}%. From the data, "
        f"{int(row['Leavers'])} leavers over {int(row['Qualified posts'])} qualified posts is "
        f"{row['Turnover, all qualified posts (%)']:.1f}%, and "
        f"{int(row['Social work leavers'])} social work leavers over "
        f"{int(row['Social worker posts'])} social worker posts is "
        f"{row['Turnover, social workers (%)']:.1f}%; neither gives {published:g}%. "
        f"This pack uses all qualified posts."
    )


def findings(
    turnover: pd.DataFrame,
    reasons_by_service: dict[str, pd.DataFrame],
    short_service: pd.DataFrame,
    short_years: float,
    short_service_name: str,
    returns: pd.DataFrame | None,
    would_return: pd.DataFrame | None,
    good_share: float | None,
    *,
    pol=None,
) -> list[str]:
    """A few sentences of findings written from the tables (no numbers typed by hand).

    Counts of people (leavers, forms) are written by :func:`pipelines.core.figures.phrase_value`
    with kind :attr:`~pipelines.core.figures.Kind.PEOPLE` under the disclosure policy ``pol``
    (None: exempt, every number as it is); posts and percentages are never rewritten. Without
    exit interview forms (``returns`` or ``would_return`` None) the sentences on them are left
    out.
    """

    def people(n: float) -> str:
        return phrase_value(int(n), Kind.PEOPLE, pol)

    public = pol is not None and getattr(pol, "public", False)
    t = getattr(pol, "threshold", 0)

    def unranked(n: float) -> bool:
        # Naming the most common of reasons each suppressed would rank and tie counts the
        # tables hide ([c]), and so give them away.
        return public and 0 < n < t

    out = []
    for _, row in turnover.iterrows():
        out.append(
            f"{row['Service']}: {people(row['Leavers'])} qualified staff left in the year, "
            f"{float(row['Turnover, all qualified posts (%)']):.1f}% of the "
            f"{int(row['Qualified posts'])} qualified posts."
        )
    for service, table in reasons_by_service.items():
        places = top_reasons(table, 1)
        if places:
            first = places[0]
            n = int(table.loc[table["Reason for leaving"] == first[0], "Leavers"].iloc[0])
            if unranked(n):
                out.append(
                    f"{service}: no reason for leaving was recorded for {t} or more of the "
                    f"{people(table['Leavers'].iloc[-1])} leavers."
                )
            elif len(first) == 1:
                out.append(
                    f"{service}: the most common recorded reason for leaving was "
                    f"\u201c{first[0]}\u201d ({people(n)} of "
                    f"{people(table['Leavers'].iloc[-1])})."
                )
            else:
                out.append(
                    f"{service}: no single reason stood out; "
                    f"{join_reasons([chr(8220) + r + chr(8221) for r in first])} "
                    f"were each recorded for {people(n)} leavers."
                )
    total = int(short_service["Leavers"].iloc[-1])
    if total:
        places = top_reasons(short_service, 1)
        n = int(
            short_service.loc[short_service["Reason for leaving"] == places[0][0], "Leavers"].iloc[
                0
            ]
        )
        if unranked(n):
            out.append(
                f"{short_service_name}: {people(total)} leavers had less than {short_years:g} "
                f"years' service; no reason was recorded for {t} or more of them."
            )
        else:
            out.append(
                f"{short_service_name}: {people(total)} leavers had less than {short_years:g} "
                f"years' service; the most common reason among them was "
                f"{join_reasons([chr(8220) + r + chr(8221) for r in places[0]])} ({people(n)})."
            )
    if returns is None or would_return is None:  # no exit interview forms in the review
        return sentences(out, pol)
    tot = returns[returns["Service"] == "Total"].iloc[0]
    rate = float(tot["Return rate (%)"])
    returned = f"{people(tot['Forms returned'])} of {people(tot['Leavers'])} leavers ({rate:.1f}%)"
    # "Only ..., fewer than half" where fewer than half returned a form; said plainly otherwise.
    out.append(
        f"Only {returned} returned an exit interview form, fewer than half: the forms may not "
        "speak for most leavers."
        if rate < 50
        else f"{returned[0].upper()}{returned[1:]} returned an exit interview form."
    )
    yes = int(would_return.iloc[0, 1])
    answered = int(would_return.iloc[:2, 1].sum())
    who = phrase_share(yes, answered, "leavers who answered", pol)
    out.append(
        f"{who[0].upper()}{who[1:]} would consider returning; "
        f"{good_share:.1f}% of the ratings they gave were good or excellent."
    )
    return sentences(out, pol)


def turnover_notes(turnover: pd.DataFrame, published: dict[str, float]) -> list[str]:
    """Notes for each published turnover rate the data do not reproduce (see turnover_note)."""
    keys = {
        "Adult Social Care": "adults_turnover_percent",
        "Children's Social Care": "childrens_turnover_percent",
    }
    col = "Turnover, all qualified posts (%)"
    notes = []
    for _, row in turnover.iterrows():
        key = keys.get(row["Service"])
        if (
            key in published
            and abs(published[key] - row[col]) > reconcile.printed_tolerance(published[key]) + 1e-9
        ):
            notes.append(turnover_note(turnover, row["Service"], published[key]))
    return notes


def most_common(table: pd.DataFrame, category: str, value: str) -> list[str]:
    """Categories with the largest value (all of them when tied), total row excluded."""
    body = table[table[category] != "Total"]
    return body.loc[body[value] == body[value].max(), category].tolist()
