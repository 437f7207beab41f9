"""Recruitment and retention scorecard: the review's measures against its targets.

Quantitative measures come from :func:`pipelines.sections.indicators.collect_indicators` (the
figures the pack's sections show): vacancy rate, turnover, agency worker rate, caseload, exit
interview return rate, plus the newly qualified ratio from the workforce snapshot where the
review has one. Each is set against the review's target (``cfg.targets``), met or not, with its
direction of travel against the previous period where the indicators give one. Qualitative
measures sit beside them: the staff survey's free-text themes and the reasons leavers gave and
where they went.

Definitions
-----------
Met target
    "Met" when the figure is at or better than the target in the measure's direction (at or
    below for turnover, vacancies, agency workers and caseloads; at or above for exit interview
    forms returned), "Not met" otherwise, "No target set" when the review has none. A target
    with a deadline after the meeting (appointments by a campaign's deadline) that is not yet
    reached is "Not yet due": it is never "Not met" before its deadline.
Direction of travel
    "improving" when the figure is better than the previous period's by more than
    :data:`NO_CHANGE_WITHIN` (in the measure's unit), "worse" when worse by more, "no change"
    within it, "no earlier figure" when there is no previous figure.
Newly qualified ratio
    Full-time equivalent newly qualified social workers in their assessed and supported year
    (ASYE) in post, permanent and agency, as a percentage of all social work FTE in post, per
    service, from the workforce snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, format_value
from pipelines.sections.indicators import UNIT_KINDS, value_text
from pipelines.sections.scorecard.themes import (  # noqa: F401 (re-exported)
    THEME_COLUMNS,
    public_qualitative_table,
    public_themes_note,
    published_themes,
    qualitative_table,
    staff_theme_question,
    top_themes,
)

#: Measure -> indicator keys, in the scorecard's order.
MEASURES: dict[str, tuple[str, ...]] = {
    "Vacancy rate": ("vacancy_rate_childrens", "vacancy_rate_adults", "dfe_vacancy_rate"),
    "Turnover": ("turnover_childrens", "turnover_adults", "dfe_turnover"),
    "Agency worker rate": ("agency_rate_childrens", "agency_rate_adults", "dfe_agency_rate"),
    "Caseload": ("average_caseload_childrens", "dfe_caseload"),
    "Newly qualified ratio": ("newly_qualified_childrens", "newly_qualified_adults"),
    "Exit interview return rate": ("exit_return_rate",),
    "Appointments against target": (
        "recruitment_appointments_against_target",
        "newly_qualified_intake",
    ),
}
#: Differences smaller than this (in the measure's unit) are "no change".
NO_CHANGE_WITHIN = 0.05
NOT_AVAILABLE = "Not available"
#: "Target met" of a target whose deadline is after the meeting and is not yet reached.
NOT_YET_DUE = "Not yet due"
#: "Target met" of a target not yet due, in the printed scorecard (its period says when).
NOT_YET_KNOWN = "Not yet known"
#: Job titles of newly qualified social workers in the workforce snapshot.
NEWLY_QUALIFIED_TITLES = ("ASYE Social Worker",)


def newly_qualified_definition(figures: Sequence[Figure]) -> str | None:
    """The newly qualified ratio defined where the scorecard prints it, with its source.

    "Newly qualified ratio: the full-time equivalent of newly qualified social workers in their
    assessed and supported year, permanent and agency, as a percentage of all social work
    FTE in post in the service; source: HR workforce snapshot at 30 July 2016." The scorecard
    computes this figure itself and no other chapter prints it, so it is explained here;
    None when the scorecard has none (``figures``: its own, :func:`newly_qualified_figures`).
    """
    sources = list(dict.fromkeys(str(f.source) for f in figures if f.key.startswith("newly_")))
    if not sources:
        return None
    return (
        "Newly qualified ratio: the full-time equivalent of newly qualified social workers in "
        "their assessed and supported year, permanent and agency, as a percentage of all social "
        f"work FTE in post in the service; source: {'; '.join(sources)}."
    )


def direction_of_travel(
    value: float | None, previous: float | None, direction: str, within: float = NO_CHANGE_WITHIN
) -> str:
    """'improving', 'worse', 'no change' or 'no earlier figure' (see module definitions).

    Parameters
    ----------
    value, previous : float or None
        This period's and the previous period's figure, in the same unit.
    direction : {"lower", "higher"}
        Which way is better.
    within : float
        Differences of at most this size count as no change.

    """
    if previous is None or pd.isna(previous) or value is None or pd.isna(value):
        return "no earlier figure"
    change = float(value) - float(previous)
    if abs(change) <= within:
        return "no change"
    better = change < 0 if direction == "lower" else change > 0
    return "improving" if better else "worse"


def target_met(
    value: float | None,
    target: float | None,
    direction: str,
    due: dt.date | None = None,
    meeting: dt.date | None = None,
) -> str:
    """'Met', 'Not met', 'Not yet due' or 'No target set': the figure at or better than the target.

    ``due`` is the target's deadline and ``meeting`` the date of the meeting the scorecard is
    for: a target not reached whose deadline is after the meeting is :data:`NOT_YET_DUE`, never
    "Not met" (the figure so far is not the result the target is measured on).
    """
    if target is None or pd.isna(target):
        return "No target set"
    if value is None or pd.isna(value):
        return "No figure"
    ok = float(value) <= float(target) if direction == "lower" else float(value) >= float(target)
    if ok:
        return "Met"
    if due is not None and meeting is not None and due > meeting:
        return NOT_YET_DUE
    return "Not met"


def iso_date(value: object) -> dt.date | None:
    """``value`` as a date (a date, or text YYYY-MM-DD), else None.

    :func:`pipelines.core.review_targets.as_date`.
    """
    from pipelines.core.review_targets import as_date

    return as_date(value)


def newly_qualified_figures(
    snapshot: pd.DataFrame,
    titles: Sequence[str] = NEWLY_QUALIFIED_TITLES,
    source: str = "Workforce snapshot",
    period: str | None = None,
    as_at: dt.date | None = None,
) -> list[Figure]:
    """The newly qualified ratio per service, as typed figures the scorecard shows.

    The ratio is newly qualified (``titles``) social work FTE in post (permanent plus agency)
    as a percentage of all social work FTE in post in the service, numerator and denominator
    in FTE. Its kind is :attr:`~pipelines.core.figures.Kind.PERCENT_OF_PEOPLE`: FTE in posts
    are not people, but the newly qualified are picked out by who they are (in their first,
    assessed year), so their FTE are a small group of people when below the disclosure
    threshold, and the public scorecard hides the share (``docs/architecture.md``).
    Services with no social work FTE in post are left out; none when no row has one of
    ``titles``.
    """
    sw = snapshot[snapshot["profession"] == "Social work"] if "profession" in snapshot else snapshot
    if not sw["job_title"].isin(list(titles)).any():
        return []
    figures = []
    for service, g in sw.groupby("service", sort=False):
        in_post = float((g["permanent_fte"] + g["agency_fte"]).sum())
        nq = g[g["job_title"].isin(list(titles))]
        key = SERVICE_KEYS.get(service)
        if not in_post or not key:
            continue
        nq_fte = float((nq["permanent_fte"] + nq["agency_fte"]).sum())
        figures.append(
            Figure(
                key=f"newly_qualified_{key}",
                label=f"{service}: newly qualified social workers (% of social work FTE in post)",
                value=100.0 * nq_fte / in_post,
                kind=Kind.PERCENT_OF_PEOPLE,
                numerator=nq_fte,
                denominator=in_post,
                direction="higher",
                source=source,
                period=period or source,
                as_at=as_at,
                section="70_scorecard",
                table="scorecard",
                row=service,
                column="Figure",
            )
        )
    return figures


def newly_qualified(
    snapshot: pd.DataFrame,
    titles: Sequence[str] = NEWLY_QUALIFIED_TITLES,
    source: str = "Workforce snapshot",
    period: str | None = None,
) -> pd.DataFrame:
    """Newly qualified ratio per service as indicator rows (columns of ``collect_indicators``).

    The rows of :func:`newly_qualified_figures` (:func:`~pipelines.sections.indicators.
    figures_frame`); an empty frame when no row has one of ``titles``.
    """
    from pipelines.sections.indicators import figures_frame

    return figures_frame(newly_qualified_figures(snapshot, titles, source, period))


def with_newly_qualified(
    indicators: pd.DataFrame, frames: Mapping[str, pd.DataFrame], cfg, as_at: str | None = None
) -> pd.DataFrame:
    """The indicators plus the newly qualified ratio rows, when the review has a snapshot.

    ``as_at`` is the snapshot date (ISO), for the period stated; rows from :func:`newly_qualified`.
    """
    snapshot = frames.get("workforce_snapshot")
    if snapshot is None or not len(snapshot) or "workforce_snapshot" not in cfg.datasets:
        return indicators
    source = cfg.datasets["workforce_snapshot"].source
    period = f"At {pd.Timestamp(as_at):%-d %B %Y}" if as_at else source
    newly = newly_qualified(snapshot, source=source, period=period)
    if newly.empty:
        return indicators
    return pd.DataFrame(
        [*indicators.to_dict("records"), *newly.to_dict("records")],
        columns=list(dict.fromkeys([*indicators.columns, *newly.columns])),
    )


def measures_table(
    indicators: pd.DataFrame,
    meeting: dt.date | str | None = None,
    due: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """The quantitative scorecard: one row per figure of each measure, or "Not available".

    Parameters
    ----------
    indicators : DataFrame
        Rows of :func:`~pipelines.sections.indicators.collect_indicators` (plus, optionally,
        :func:`newly_qualified`).
    meeting : date or ISO text, optional
        The meeting the scorecard is for.
    due : mapping of indicator key to date, optional
        Deadlines of targets that have one (a campaign's appointments): such a target not
        reached by the meeting and due after it is "Not yet due" (:func:`target_met`).

    Returns
    -------
    pandas.DataFrame
        Columns: Measure, Figure for (the indicator's label), Figure (number in its unit),
        Unit, Target, Target met, Due (the target's deadline, a date, or None), Previous
        period, Direction of travel, Source, Period. A measure with no figure in the pack has
        one row saying "Not available".

    """
    rows = []
    meeting_date = iso_date(meeting)
    due = {k: iso_date(v) for k, v in (due or {}).items()}
    by_key = {r["key"]: r for _, r in indicators.iterrows()}
    for measure, keys in MEASURES.items():
        found = [by_key[k] for k in keys if k in by_key]
        if not found:
            rows.append(
                {
                    "Measure": measure,
                    "Figure for": NOT_AVAILABLE,
                    "Figure": None,
                    "Unit": "",
                    "Target": None,
                    "Target met": NOT_AVAILABLE,
                    "Due": None,
                    "Previous period": None,
                    "Direction of travel": NOT_AVAILABLE,
                    "Source": "No source in this pack has this measure",
                    "Period": "",
                }
            )
            continue
        for r in found:
            target = r.get("target")
            previous = r.get("previous")
            rows.append(
                {
                    "Measure": measure,
                    "Figure for": r["label"],
                    "Figure": float(r["value"]),
                    "Unit": r["unit"],
                    "Target": None if target is None or pd.isna(target) else float(target),
                    "Target met": target_met(
                        r["value"], target, r["direction"], due.get(r["key"]), meeting_date
                    ),
                    "Due": due.get(r["key"]),
                    "Previous period": None
                    if previous is None or pd.isna(previous)
                    else float(previous),
                    "Direction of travel": direction_of_travel(
                        r["value"], previous, r["direction"]
                    ),
                    "Source": r["source"],
                    "Period": r["period"],
                    "kind": r.get("kind"),
                    "numerator": r.get("numerator"),
                    "denominator": r.get("denominator"),
                    "As at": iso_date(r.get("as_at")),
                    "Meeting": meeting_date,
                }
            )
    return pd.DataFrame(rows)


SCORECARD_COLUMNS = [
    "Measure",
    "Figure for",
    "Figure",
    "Period",
    "Target",
    "Target met",
    "Previous period",
    "Direction of travel",
]


#: What the scorecard prints in "Target" and "Target met" for a measure the review sets no
#: target for (a blank cell): the note of :func:`no_target_note` says once which measures have
#: none, instead of "No target set" or a dash in every row.
NO_TARGET_CELL = ""
#: What it prints in "Direction of travel" (and "Previous period") where the data hold no
#: earlier figure: :func:`no_earlier_note` says so once.
NO_EARLIER_CELL = ""
#: Units of counts: their figure and target print as whole numbers.
COUNT_UNITS = ("people", "posts", "forms")


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def not_yet_due_text(
    figure: object,
    target: float,
    unit: str,
    due: dt.date | None,
    as_at: dt.date | None = None,
    meeting: dt.date | None = None,
) -> str:
    """The "Target met" cell of a target not yet due.

    "Not yet due: 0 of 7 in the data to 31 August 2016, due by 30 April 2017": the figure
    towards the target, in the measure's unit, with the last day its data count (``as_at``)
    whenever that is before the ``meeting`` ("so far" would claim it runs to the meeting);
    "so far" only when the data run to the meeting (or no date is known). Without the figure
    when it is withheld (``figure`` not a number, "[c]").
    """
    by = f", due by {_long_date(due)}" if due else ""
    if not isinstance(figure, int | float) or pd.isna(figure):
        return f"{NOT_YET_DUE}{by}"

    def words(v: float) -> str:
        return format_value(v, UNIT_KINDS[unit]) if unit in UNIT_KINDS else value_text(v, unit)

    upto = (
        f"in the data to {_long_date(as_at)}"
        if as_at is not None and (meeting is None or as_at < meeting)
        else "so far"
    )
    return f"{NOT_YET_DUE}: {words(float(figure))} of {words(float(target))} {upto}{by}"


def scorecard_view(measures: pd.DataFrame, pol=None) -> pd.DataFrame:
    """The scorecard as printed: the figures and their assessment, without sources.

    Columns of :data:`SCORECARD_COLUMNS`, less those empty in every row: "Target" and "Target
    met" when no measure has a target, "Previous period" and "Direction of travel" when no
    measure has an earlier figure. A measure without a target has blank target cells and
    :func:`no_target_note` says once which measures have none; a row without an earlier figure
    has blank travel cells and :func:`no_earlier_note` says so once. A target due after the
    meeting and not yet reached has "Not yet due" for its figure, "Due by 30 April 2017" for its
    period and "Not yet known" for whether it is met: a count so far ("0") would read as the
    result, and the data's period ("1 September 2015 to 31 August 2016") as the one measured.
    A count (:data:`COUNT_UNITS`) prints as a whole number.
    Under a public policy a figure that would give away a count of people below the threshold
    with its published base
    (:func:`pipelines.core.disclosure.figure_is_disclosive`: a turnover of fewer than 5 leavers,
    a percentage of people whose numerator or rest is small) reads "[c]" (issue 26), and so
    does not appear in its "Not yet due" cell either.
    """
    from pipelines.core import disclosure

    rows = measures.reset_index(drop=True)
    view = rows[SCORECARD_COLUMNS].copy()
    view["Figure"] = view["Figure"].astype(object)
    public = pol is not None and getattr(pol, "public", False) and "kind" in rows.columns
    for i, r in enumerate(rows.to_dict("records")):
        value, kind = r.get("Figure"), r.get("kind")
        if (
            public
            and kind
            and value is not None
            and not pd.isna(value)
            and disclosure.figure_is_disclosive(
                kind, float(value), r.get("numerator"), r.get("denominator"), pol.threshold
            )
        ):
            view.at[i, "Figure"] = disclosure.SUPPRESSED
    view["Target"] = view["Target"].astype(object)
    view["Previous period"] = view["Previous period"].astype(object)
    for i, r in enumerate(rows.to_dict("records")):
        status = r["Target met"]
        if status == "No target set":
            view.at[i, "Target met"] = NO_TARGET_CELL
            view.at[i, "Target"] = NO_TARGET_CELL
        elif status == NOT_YET_DUE:
            # a target due after the meeting has no result yet: its figure cell says so, from
            # the target's date, never a count that reads as the result ("0")
            # and its period is the target's, never the data's (reader12: "Not yet due | 1
            # September 2015 to 31 August 2016" read as the period measured)
            due_date = iso_date(r.get("Due"))
            view.at[i, "Figure"] = NOT_YET_DUE
            view.at[i, "Period"] = f"Due by {_long_date(due_date)}" if due_date else ""
            view.at[i, "Target met"] = NOT_YET_KNOWN
        unit = r.get("Unit") or ""
        if unit in COUNT_UNITS:  # a count prints whole ("0 of 7"), not "0.0" under "{:.1f}"
            for column in ("Figure", "Target"):
                v = view.at[i, column]
                if isinstance(v, int | float) and not pd.isna(v):
                    view.at[i, column] = format_value(float(v), UNIT_KINDS[unit])
        if r["Direction of travel"] == "no earlier figure":
            view.at[i, "Direction of travel"] = NO_EARLIER_CELL
            view.at[i, "Previous period"] = NO_EARLIER_CELL
    known = rows["Figure for"] != NOT_AVAILABLE
    drop = []
    if not rows.loc[known, "Target"].notna().any():
        drop += ["Target", "Target met"]
    if not rows.loc[known, "Previous period"].notna().any():
        drop += ["Previous period", "Direction of travel"]
    return view.drop(columns=drop)


def scorecard_caption(measures: pd.DataFrame, pol=None) -> str:
    """The scorecard's title, from what it holds: how many of its measures have a target.

    "Scorecard: measures against the review's targets" only when every measure with a figure
    has a target; "Scorecard: 11 measures, 2 of them against a target" when some have;
    "Scorecard: the review's measures (no target set)" when none has. Where the view under
    ``pol`` hides a figure (:func:`scorecard_view`), a second sentence, printed under the
    table, says what "[c]" stands for.
    """
    from pipelines.core.disclosure import SUPPRESSED

    known = measures[measures["Figure for"] != NOT_AVAILABLE]
    n = len(known)
    targeted = int(known["Target"].notna().sum()) if n else 0
    if n and targeted == n:
        caption = "Scorecard: measures against the review's targets"
    elif not targeted:
        caption = "Scorecard: the review's measures (no target set)"
    else:
        caption = f"Scorecard: {n} measures, {targeted} of them against a target"
    if pol is not None and (scorecard_view(measures, pol)["Figure"] == SUPPRESSED).any():
        caption += (
            f". A figure shown as {SUPPRESSED} is hidden: it rests on a group of people too "
            "small to publish, which other figures in this report would give away"
        )
    return caption


def _listed(items: Sequence[str]) -> str:
    """Items joined as in a sentence: "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def no_target_note(measures: pd.DataFrame) -> str | None:
    """One sentence naming the measures the review sets no target for (None when all have one)."""
    none = measures[measures["Target met"] == "No target set"]["Measure"]
    names = list(dict.fromkeys(none))
    if not names:
        return None
    has_target = measures["Target"].notna().any()
    return (
        f"The review sets no target for {_listed([n.lower() for n in names])}"
        + (" (their target cells are blank)" if has_target else "")
        + "; these figures are shown for information."
    )


def no_earlier_note(measures: pd.DataFrame) -> str | None:
    """One sentence on the figures without an earlier figure to compare with (None if none).

    When no figure has one, it says the direction of travel is not shown at all (the columns
    are left out, :func:`scorecard_view`); when some have, that the others' cells are blank.
    """
    known = measures[measures["Figure for"] != NOT_AVAILABLE]
    without = known["Direction of travel"] == "no earlier figure"
    if not without.any():
        return None
    if without.all():
        return (
            "The data hold no earlier figure for any of these measures, so no direction of "
            "travel is shown."
        )
    return (
        "The data hold no earlier figure for "
        + _listed(list(known.loc[without, "Figure for"].map(str).str.lower()))
        + ": their direction of travel is blank."
    )


#: Target field of the review config (``targets``) -> what it is, in members' words.
TARGET_LABELS = {
    "turnover_percent": "Turnover (% of qualified posts, each service)",
    "agency_rate_percent": "Agency worker rate (% of FTE in post)",
    "average_caseload": "Average caseload, children's social workers (cases per worker, below)",
    "exit_interview_return_percent": "Exit interview forms returned (% of leavers)",
}


def targets_table(cfg) -> pd.DataFrame:
    """Every target the review sets, with its value and where it comes from.

    Columns Target, Value, Source (``target_sources`` in the review config; "No source given"
    when the config names none, which :func:`missing_target_sources` reports).
    """
    rows = []
    for field, label in TARGET_LABELS.items():
        value = getattr(cfg.targets, field)
        if value is None:
            continue
        rows.append(
            {
                "Target": label,
                "Value": float(value),
                "Source": " ".join(str(cfg.target_sources.get(field, "No source given")).split()),
            }
        )
    return pd.DataFrame(rows, columns=["Target", "Value", "Source"])


def missing_target_sources(cfg) -> list[str]:
    """The review's targets that have no source in ``target_sources`` (should be empty)."""
    return [
        field
        for field in TARGET_LABELS
        if getattr(cfg.targets, field) is not None and not cfg.target_sources.get(field)
    ]


def scorecard_source(measures: pd.DataFrame) -> str:
    """The scorecard's source: the sources of the figures it shows, each once, in order.

    Joined with semicolons, as a table's source lists its sources ("HR workforce snapshot at
    30 July 2016; i-Trent HR leavers extract (...); ..."), so the report's short source line
    names each and numbers its full text; "No figure in this pack" when it shows none.
    """
    known = measures[measures["Figure for"] != NOT_AVAILABLE]
    parts: list[str] = []
    for source in known["Source"].map(str):
        for part in _split_sources(source):
            if part not in parts:
                parts.append(part)
    return "; ".join(parts) or "No figure in this pack"


def _split_sources(source: str) -> list[str]:
    """A source text's sources, split at semicolons outside brackets."""
    out, depth, current = [], 0, ""
    for ch in source:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    out.append(current.strip())
    return [p.rstrip(".") for p in out if p]


def sources_view(measures: pd.DataFrame) -> pd.DataFrame:
    """Where the scorecard figures come from: one row per source and period, naming its figures.

    Columns: Source, Period, Figures (the "Figure for" labels, joined with semicolons), in the
    order the sources first appear in the scorecard.
    """
    known = measures[measures["Figure for"] != NOT_AVAILABLE]
    table = (
        known.groupby(["Source", "Period"], sort=False)["Figure for"]
        .agg("; ".join)
        .reset_index()
        .rename(columns={"Figure for": "Figures"})
    )
    return table[["Source", "Period", "Figures"]]


def findings(measures: pd.DataFrame, pol=None) -> list[str]:
    """Sentences: targets missed and met, targets not yet due, and figures getting worse.

    Under a policy they are :class:`~pipelines.core.figures.Sentence` objects: they hold rates,
    caseloads and averages, never counts of people.
    """
    from pipelines.core.figures import sentences

    scored = measures[measures["Target met"].isin(["Met", "Not met"])]
    out = []
    missed = scored[scored["Target met"] == "Not met"]
    for _, r in missed.iterrows():
        out.append(
            f"{r['Figure for']}: {value_text(r['Figure'], r['Unit'])} against a target "
            f"of {value_text(r['Target'], r['Unit'])}: target not met."
        )
    for _, r in measures[measures["Target met"] == NOT_YET_DUE].iterrows():
        due = iso_date(r.get("Due"))
        out.append(
            f"{r['Figure for']}: the target of {value_text(r['Target'], r['Unit'])} is due "
            + (f"by {_long_date(due)}, " if due else "")
            + "after this meeting, so it is not yet assessed."
        )
    met = scored[scored["Target met"] == "Met"]
    if len(met):
        out.append(
            "Targets met: "
            + "; ".join(
                f"{r['Figure for']} ({value_text(r['Figure'], r['Unit'])}, target "
                f"{value_text(r['Target'], r['Unit'])})"
                for _, r in met.iterrows()
            )
            + "."
        )
    worse = measures[measures["Direction of travel"] == "worse"]
    for _, r in worse.iterrows():
        out.append(
            f"{r['Figure for']} got worse: {value_text(r['Figure'], r['Unit'])}, "
            f"from {value_text(r['Previous period'], r['Unit'])} the year before."
        )
    gaps = measures[measures["Figure for"] == NOT_AVAILABLE]["Measure"].tolist()
    if gaps:
        out.append("Not available in this pack: " + ", ".join(m.lower() for m in gaps) + ".")
    return sentences(out, pol)
