"""The recruitment section's result: what it computes for a meeting, once, for every audience.

:func:`build` is the section's ``SectionSpec.build``. From the tidy ``recruitment`` table (the
recruitment system's export, one row per application) it makes the funnel (overall by stage, by
route and by campaign, with the conversion at each stage), time to hire by route, offers
declined and withdrawals by reason, starters a year by service, appointments against each
campaign's target and deadline, the newly qualified intake against the plan and the cost per
hire where the review gives a campaign's cost; the figures read from those tables; and the
findings it proposes. Tables whose small groups the public version merges (routes or campaigns
with fewer applicants than the review's disclosure threshold) are made twice, as ``<name>`` and
``<name>_public`` (both named ``<name>``, so the public report's table replaces the full one);
:func:`for_audience` picks one at display time.

Without the export the result still holds the campaigns typed into the review (their
``in_post``, ``in_checks`` or ``appointed`` total, with their source), and the notebook says in
one line, :data:`NOT_PROVIDED`, what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from pipelines.core.data_periods import stated_period
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import (
    SERVICE_KEYS,
    Figure,
    Kind,
    format_value,
    has,
    phrase_share,
    phrase_value,
    sentences,
)
from pipelines.core.results import (
    ChartSpec,
    Column,
    ProposedFinding,
    SectionResult,
    TidyTable,
    share_materiality,
)
from pipelines.core.review_targets import cited_source
from pipelines.sections.recruitment import analysis as ra
from pipelines.sections.recruitment.funnel_tables import (
    application_parts,
    declines_table,
    funnel_table,
    parts_of,
    stage_population,
    stage_table,
    starters_table,
    time_table,
)
from pipelines.sections.recruitment.parameters import RecruitmentParameters
from pipelines.sections.recruitment.text import (
    campaigns_sentence,
    dash_notes,
    declines_sentence,
    time_to_hire_sentence,
)

SECTION = "15_recruitment"
#: What the section says, in one line, when the review has no recruitment export.
NOT_PROVIDED = (
    "Recruitment data were not provided for this review, so the funnel, time to hire, offers "
    "declined and withdrawals cannot be shown."
)
#: The fixed dimension of the cost-per-hire table's populations: only the campaigns the review
#: gives a cost for (a part of the campaigns table's rows).
COSTED = {"Campaigns": "with a cost the review gives"}
#: Label of the offer acceptance column of the funnel tables.
ACCEPTED_PCT = ra.CONVERSIONS["accepted_pct"][2]


def campaign_name(c: Mapping[str, object]) -> str:
    """A campaign's name as its rows show it (name, else reference, else route)."""
    return str(c.get("name") or c.get("campaign") or c.get("route"))


def target_source(p: RecruitmentParameters, c: Mapping[str, object]) -> str | None:
    """Where campaign ``c``'s target was set, cited "name, date"; None when it has no source.

    The campaign's ``source`` (else ``campaigns_source``) and ``source_date`` (else
    ``campaigns_source_date``), :func:`pipelines.core.review_targets.cited_source`. A target
    without both is illustrative: never a target in a table, a finding or the scorecard.
    """
    return cited_source(
        c.get("source") or p.campaigns_source, c.get("source_date") or p.campaigns_source_date
    )


def plan_source(p: RecruitmentParameters) -> str | None:
    """Where the newly qualified plan was set, cited "name, date"; None when illustrative."""
    return cited_source(p.newly_qualified_source, p.newly_qualified_source_date)


#: Columns of the campaigns table that a target gives (left blank for an illustrative one).
TARGET_COLUMNS = ("target", "share_of_target", "still_to_appoint")


def campaign_parts(
    p: RecruitmentParameters, apps: pd.DataFrame, parts: pd.Series
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Who each campaign's counts are: column -> {campaign: parts} (:func:`application_parts`).

    Its applications, its appointed (among the accepted) and its in post (among the started),
    so the disclosure audit ties each to the funnel rows holding the same people.
    """
    out: dict[str, dict[str, tuple[str, ...]]] = {"applications": {}, "appointed": {}}
    out["in_post"] = {}
    for c in p.campaigns:
        mine = ra.campaign_applications(c, apps)
        if mine is None or not len(mine):
            continue
        got = ra.appointed(mine)
        started = ra.reached(mine)["started"]
        for column, who in (
            ("applications", mine),
            ("appointed", mine[got]),
            ("in_post", mine[got & started]),
        ):
            label = pd.Series(campaign_name(c), index=who.index)
            out[column].update(parts_of(label, parts))
    return out


def campaigns_table(
    cfg, p: RecruitmentParameters, apps: pd.DataFrame | None, parts: pd.Series | None = None
) -> TidyTable:
    """Appointments against each campaign's target and deadline (:func:`analysis.campaign_rows`).

    The "Figures from" column is left out when every campaign's figures come from the export
    (the table's source says so); it is there when any were typed in, naming their source. The
    applications column is left out when no campaign has them (typed-in figures without). A
    target without a dated source (:func:`target_source`: an illustrative value) is left
    blank, with its share, the number still to appoint and its deadline; the target columns
    are left out when no campaign has a sourced target (and the deadline with them when no
    campaign has one).
    """
    by = {"Campaign": "campaign"}
    frame = ra.campaign_rows(p.campaigns, apps)
    unsourced = {campaign_name(c) for c in p.campaigns if target_source(p, c) is None}
    frame.loc[frame["campaign"].isin(unsourced), list(TARGET_COLUMNS)] = float("nan")
    late = frame["campaign"].isin(p.set_after(cfg.period.end) - unsourced) & (apps is not None)
    frame.loc[late, "share_of_target"] = float("nan")  # not measured: no share, never a 0
    # No deadline is a blank cell, as every other "none" of the table (its target, share and
    # still to appoint): the page prints a blank as –, the CSV leaves it blank (README.txt).
    frame["deadline"] = frame["deadline"].astype(object)
    no_deadline = frame["campaign"].isin(unsourced) | (frame["deadline"] == ra.long_date(None))
    frame.loc[no_deadline, "deadline"] = None
    if frame["target"].isna().all():
        frame = frame.drop(columns=list(TARGET_COLUMNS))
    if "target" not in frame and frame["deadline"].isna().all():
        frame = frame.drop(columns=["deadline"])
    # The source line names the targets only when the table shows one.
    what = "targets" if "target" in frame else "campaigns"
    source = p.campaigns_source or f"Review configuration (campaign {what})"
    if apps is not None:
        source = f"{cfg.datasets['recruitment'].source}; {what}: {source}"
    if (frame["figures_from"] == "recruitment system").all():
        frame = frame.drop(columns=["figures_from"])
    if frame["applications"].isna().all():
        frame = frame.drop(columns=["applications"])
    held = campaign_parts(p, apps, parts) if apps is not None and parts is not None else {}

    def who(column: str, stage: str) -> Population:
        listed = {"Campaign": held[column]} if held else {}
        if column == "applications":
            return Population(stage_population(stage), by, parts=listed)
        # appointed (in post): among the funnel's accepted (started), not all of them
        return Population(f"appointees: {column}", by, parts=listed, within=stage_population(stage))

    columns = {
        "campaign": Column("Campaign"),
        "applications": Column("Applications", Kind.PEOPLE, who("applications", "applications")),
        "in_post": Column("In post", Kind.PEOPLE, who("in_post", "started")),
        "in_checks": Column(
            ra.checks_label(cfg), Kind.PEOPLE, Population("appointees in checks", by)
        ),
        "appointed": Column("Appointed", Kind.PEOPLE, who("appointed", "accepted")),
        "target": Column("Target", Kind.POSTS),
        "share_of_target": Column(
            "Share of target (%)",
            Kind.PERCENT_OF_PEOPLE,
            Population("campaign target", by),
            numerator="appointed",
            denominator="target",
            format="{:.0f}",
        ),
        "still_to_appoint": Column("Still to appoint", Kind.POSTS),
        "deadline": Column("Deadline"),
        "figures_from": Column("Figures from"),
    }
    return TidyTable(
        name="campaigns",
        frame=frame,
        columns={k: c for k, c in columns.items() if k in frame.columns},
        # Title, then sentences the page prints as a note under the table (core.outputs).
        caption=(
            "Appointments against each campaign's target and deadline. "
            if "target" in frame
            else "Appointments to each campaign. "
        )
        + (
            "Every application to the campaign in the export is counted."
            if apps is not None
            else "The figures are as the council's papers report them."
        )
        + dash_notes(late.any(), "target" in frame and frame["target"].isna().any()),
        source=source,
        # The applications' period is the export's, said once by its dataset (data_periods).
        period=(stated_period(cfg.datasets["recruitment"]) if apps is not None else "")
        or cfg.period.label,
    )


def cost_table(cfg, p: RecruitmentParameters, campaigns: TidyTable) -> TidyTable:
    """Cost per hire of the campaigns whose cost the review gives (:func:`ra.cost_per_hire`).

    Its applicants and hires are those of the campaigns table, but only for the costed
    campaigns: the populations fix :data:`COSTED`, so the disclosure audit and the protection
    read a campaign missing here as not costed, not as a campaign with no applicants.
    """
    by = {"Campaign": "campaign"}
    # The campaigns table's populations, for the costed campaigns (their parts where known).
    pops = {k: campaigns.columns[k].population for k in ("applications", "appointed")}

    def costed(column: str) -> Population:
        pop = pops[column]
        return Population(pop.name, by, COSTED, parts=pop.parts if pop is not None else {})

    return TidyTable(
        name="cost_per_hire",
        frame=ra.cost_per_hire(p.campaigns, campaigns.frame),
        columns={
            "campaign": Column("Campaign"),
            "cost": Column("Cost (£)", Kind.MONEY, format="{:,.0f}"),
            "applications": Column("Applications", Kind.PEOPLE, costed("applications")),
            "hires": Column("Hires", Kind.PEOPLE, costed("appointed")),
            "cost_per_application": Column(
                "Cost per application (£)", Kind.MONEY, numerator="applications", format="{:,.0f}"
            ),
            "cost_per_hire": Column(
                "Cost per hire (£)",
                Kind.MONEY,
                costed("appointed"),
                numerator="hires",
                format="{:,.0f}",
                measure="cost per hire",
            ),
            "basis": Column("How the cost was worked out"),
        },
        caption="Cost per hire where the review gives a campaign's cost",
        source=campaigns.source,
        period=cfg.period.label,
    )


def _date(text: str, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(text) if text else default


def newly_qualified_table(cfg, p: RecruitmentParameters, apps: pd.DataFrame) -> TidyTable:
    """Newly qualified appointees against the plan (:func:`analysis.newly_qualified_intake`)."""
    since = _date(p.newly_qualified_from, cfg.period.start)
    until = _date(p.newly_qualified_by, cfg.period.end)
    got = ra.newly_qualified_intake(apps, since, until)
    appointed = got["appointed"]
    sourced = plan_source(p) is not None
    frame = pd.DataFrame(
        [
            {
                "plan": "Newly qualified social workers, applications "
                f"{ra.long_date(since.isoformat())} to {ra.long_date(until.isoformat())}",
                "planned": p.newly_qualified_plan,
                "in_post": got["in_post"],
                "in_checks": got["in_checks"],
                "appointed": appointed,
                "still_to_appoint": max(p.newly_qualified_plan - appointed, 0),
                "by": ra.long_date(until.isoformat()),
            }
        ]
    )
    by = {"Plan": "plan"}
    if not sourced:  # an illustrative plan: the appointments alone, no number planned
        frame = frame.drop(columns=["planned", "still_to_appoint"])
    columns = {
        "plan": Column("Plan"),
        "planned": Column("Planned", Kind.POSTS),
        "in_post": Column("In post", Kind.PEOPLE, Population("newly qualified in post", by)),
        "in_checks": Column(
            ra.checks_label(cfg), Kind.PEOPLE, Population("newly qualified in checks", by)
        ),
        "appointed": Column(
            "Appointed",
            Kind.PEOPLE,
            Population("newly qualified appointees", by),
            measure="newly qualified intake",
        ),
        "still_to_appoint": Column("Still to appoint", Kind.POSTS),
        "by": Column("Due by"),
    }
    return TidyTable(
        name="newly_qualified",
        frame=frame,
        columns={k: c for k, c in columns.items() if k in frame.columns},
        caption="Newly qualified social workers appointed against the plan"
        if sourced
        else "Newly qualified social workers appointed",
        source=f"{cfg.datasets['recruitment'].source}"
        + (f"; plan: {plan_source(p)}" if sourced else ""),
        period=cfg.period.label,
    )


def _fig(cfg, key: str, label: str, value, kind: Kind, table: TidyTable | None, **kw) -> Figure:
    """A figure of the section (source and period from its table, or the review's)."""
    return Figure(
        key=key,
        label=label,
        value=None if value is None or pd.isna(value) else float(value),
        kind=kind,
        source=table.source if table is not None else kw.pop("source", "Review configuration"),
        period=cfg.period.label,
        as_at=cfg.period.end,
        section=SECTION,
        table=table.name if table is not None and "row" in kw else None,
        **kw,
    )


def figures_from(cfg, p: RecruitmentParameters, tables: Mapping[str, TidyTable]) -> list[Figure]:
    """The section's figures, each read from the table that shows it (see the module)."""
    out: list[Figure] = []
    route = tables.get("funnel_route")
    if route is not None:
        shown = route.labelled().set_index("Route")
        total = shown.loc["Total"]
        out.append(
            _fig(
                cfg,
                "recruitment_applications",
                "Applications received",
                total[ra.STAGES["applications"]],
                Kind.PEOPLE,
                route,
                row="Total",
                column=ra.STAGES["applications"],
                measure="applications",
                population="applicants (recruitment system)",
            )  # fmt: skip
        )
        out.append(
            _fig(
                cfg,
                "recruitment_offer_acceptance",
                "Offers accepted (% of offers made)",
                total[ACCEPTED_PCT],
                Kind.PERCENT_OF_PEOPLE,
                route,
                row="Total",
                column=ACCEPTED_PCT,
                numerator=float(total["Accepted"]),
                denominator=float(total["Offered"]),
                direction="higher",
                measure="offers accepted",
                population="offers made",
            )  # fmt: skip
        )
    time = tables.get("time_to_hire")
    if time is not None and len(time.frame):
        row = time.frame.iloc[0]
        out.append(
            _fig(
                cfg,
                "recruitment_time_to_hire",
                "Time to hire, median (days from application to start)",
                row["median_days"],
                Kind.DAYS,
                time,
                row=ra.ALL,
                column="Median (days)",
                denominator=float(row["starters"]),
                direction="lower",
                measure="time to hire (application to start)",
                population="starters: all routes",
                notes={
                    "quartiles": f"{row['lower_quartile_days']:.0f} to "
                    f"{row['upper_quartile_days']:.0f} days"
                },
            )  # fmt: skip
        )
    starters = tables.get("starters")
    if starters is not None:
        for r in starters.frame.to_dict("records"):
            key = SERVICE_KEYS.get(r["service"])
            if key:
                out.append(
                    _fig(
                        cfg,
                        f"starters_per_year_{key}",
                        f"{r['service']}: starters from outside a year",
                        r["outside_per_year"],
                        Kind.PEOPLE,
                        starters,
                        row=r["service"],
                        column="Starters from outside a year",
                        numerator=float(r["from_outside"]),
                        denominator=float(r["days"]),
                        measure="starters from outside a year",
                        population=f"{r['service']}: starters from outside a year",
                    )  # fmt: skip
                )
    camp = tables.get("campaigns")
    if camp is not None and "target" in camp.frame:
        with_target = camp.frame[camp.frame["target"].notna() & camp.frame["appointed"].notna()]
        if len(with_target):
            appointed, target = (
                float(with_target["appointed"].sum()),
                float(with_target["target"].sum()),
            )
            names = "; ".join(
                f"{r['campaign']} ({r['appointed']:.0f} of {r['target']:.0f}"
                + (f" by {r['deadline']})" if pd.notna(r["deadline"]) else ")")
                for _, r in with_target.iterrows()
            )
            deadlines = ", ".join(
                f"{r['deadline']} ({r['campaign']})"
                for _, r in with_target.iterrows()
                if pd.notna(r["deadline"])
            )
            # Each target with its source, name and date (the campaign's, else the campaigns').
            sources = {campaign_name(c): target_source(p, c) for c in p.campaigns}
            cited = "; ".join(
                dict.fromkeys(
                    sources[str(r["campaign"])]
                    for _, r in with_target.iterrows()
                    if sources.get(str(r["campaign"]))
                )
            )
            # Counted from the export over the period (typed-in figures are as of their paper).
            typed = with_target.get("figures_from", pd.Series("", index=with_target.index))
            counted = with_target.loc[~typed.astype(str).str.startswith("typed in"), "campaign"]
            out.append(
                _fig(
                    cfg,
                    "recruitment_appointments_against_target",
                    "Campaigns with a target",
                    appointed,
                    Kind.PEOPLE,
                    camp,
                    numerator=appointed,
                    denominator=target,
                    direction="higher",
                    comparators={"target": target},
                    measure="appointments against target",
                    population="campaigns with a target",
                    notes={
                        "campaigns": names,
                        "deadlines": deadlines,
                        "target_source": cited,
                        **p.campaign_dates(with_target["campaign"], counted),
                    },
                )  # fmt: skip
            )
    nq = tables.get("newly_qualified")
    if nq is not None and p.newly_qualified_plan:
        r = nq.frame.iloc[0]
        out.append(
            _fig(
                cfg,
                "newly_qualified_intake",
                "Newly qualified social workers",
                r["appointed"],
                Kind.PEOPLE,
                nq,
                row=r["plan"],
                column="Appointed",
                denominator=float(r["planned"]) if "planned" in r else None,
                direction="higher",
                comparators={"target": float(r["planned"])} if "planned" in r else {},
                measure="newly qualified intake",
                population=r["plan"],
                notes={"by": r["by"], "target_source": plan_source(p) or ""}
                | p.plan_dates(cfg.period.end),
            )  # fmt: skip
        )
    cost = tables.get("cost_per_hire")
    if cost is not None and len(cost.frame):
        spent = float(cost.frame["cost"].sum())
        hires = float(cost.frame["hires"].fillna(0).sum())
        out.append(
            _fig(
                cfg,
                "recruitment_cost_per_hire",
                "Cost per hire of the costed campaigns",
                spent / hires if hires else None,
                Kind.MONEY,
                cost,
                numerator=spent,
                denominator=hires,
                direction="lower",
                measure="cost per hire",
                population="costed campaigns (all)",
            )  # fmt: skip
        )
    return out


def proposed_findings(figures: list[Figure]) -> list[ProposedFinding]:
    """Findings on the figures short of their target, most material first.

    Appointments and the newly qualified intake: the shortfall against the target in people;
    shares (offer acceptance) by :func:`~pipelines.core.results.share_materiality`.
    """
    out = []
    for f in figures:
        target = f.comparators.get("target")
        if f.kind is Kind.PEOPLE and target is not None and f.value is not None:
            if target > f.value:
                out.append(ProposedFinding(f.key, target - f.value, "people", "target", target))
        elif (m := share_materiality(f)) is not None:
            out.append(m)
    return sorted(out, key=lambda m: -m.materiality)


def build(ctx, params: RecruitmentParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The recruitment section's result for a run (its ``SectionSpec.build``).

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run: ``ctx.review`` and ``ctx.frames()`` (the tidy datasets).
    params : RecruitmentParameters or mapping, optional
        The section's parameters in the meeting (defaults when None).

    Returns
    -------
    SectionResult
        With the export: tables ``funnel``, ``funnel_route`` (+ ``_public``),
        ``funnel_campaign`` (+ ``_public``), ``time_to_hire`` (+ ``_public``), ``declines``
        (+ ``_public``),
        ``starters``, ``campaigns``, ``cost_per_hire`` and ``newly_qualified`` (when the review
        gives a plan), the figures read from them and the findings. Without it: only the
        ``campaigns`` typed into the review (and their cost per hire), if any.

    """
    p = (
        params
        if isinstance(params, RecruitmentParameters)
        else RecruitmentParameters(**dict(params or {}))
    )
    cfg, frames = ctx.review, ctx.frames()
    tables: dict[str, TidyTable] = {}
    charts: dict[str, ChartSpec] = {}
    apps_all = frames["recruitment"] if has(frames, "recruitment") else None
    parts = None
    if apps_all is not None:
        t = int(cfg.disclosure_threshold)
        apps = ra.in_period(apps_all, cfg.period.start, cfg.period.end)
        starters = ra.in_period(apps_all, cfg.period.start, cfg.period.end, "started_date")
        starters = starters[starters["started_date"].notna()]
        tables["funnel"] = stage_table(cfg, apps)
        # Campaigns the review names by their name, the others said from their applications.
        names = {str(c["campaign"]): str(c["name"]) for c in p.campaigns if c.get("campaign")}
        named = apps.assign(
            campaign=apps["campaign"].astype(str).replace(ra.campaign_labels(apps, names))
        )
        # Who each row is, so tables counting the same people are tied (Population.parts).
        parts = application_parts(apps_all, cfg.period.start, cfg.period.end)
        for by, label, rows in (("route", "Route", apps), ("campaign", "Campaign", named)):
            name = f"funnel_{by}"
            tables[name] = funnel_table(cfg, rows, by, label, name, parts=parts)
            tables[f"{name}_public"] = funnel_table(cfg, rows, by, label, name, t, parts)
        tables["time_to_hire"] = time_table(cfg, starters)
        tables["time_to_hire_public"] = time_table(cfg, starters, merge=t)
        tables["declines"] = declines_table(cfg, apps)
        tables["declines_public"] = declines_table(cfg, apps, merge=t)
        tables["starters"] = starters_table(cfg, starters)
        if p.newly_qualified_plan:
            tables["newly_qualified"] = newly_qualified_table(cfg, p, apps_all)
        charts["funnel_chart"] = ChartSpec(
            "funnel_chart", "funnel", "bar", "stage", ("applications",),
            "How many of the period's applications reached each stage",
        )  # fmt: skip
    if p.campaigns:
        tables["campaigns"] = campaigns_table(cfg, p, apps_all, parts)
        if any(c.get("cost") not in (None, "") for c in p.campaigns):
            tables["cost_per_hire"] = cost_table(cfg, p, tables["campaigns"])
    figures = figures_from(cfg, p, tables)
    return SectionResult(SECTION, tuple(figures), tables, tuple(proposed_findings(figures)), charts)


def for_audience(result: SectionResult, name: str, pol) -> TidyTable:
    """The table ``name`` as an audience sees it.

    Under a public policy its ``_public`` version (small routes or campaigns merged) when the
    result has one; else the table itself.
    """
    if pol is not None and getattr(pol, "public", False) and f"{name}_public" in result.tables:
        return result.tables[f"{name}_public"]
    return result.tables[name]


def findings(result: SectionResult, pol=None) -> list[str]:
    """The section's findings in words, written from its figures and tables under ``pol``.

    Counts of people go through :func:`~pipelines.core.figures.phrase_value` or
    :func:`~pipelines.core.figures.phrase_share`, so the public version never prints a small
    number. Without the export they are only those of the typed-in campaigns: the notebook says
    :data:`NOT_PROVIDED` once, as a note where the funnel would be (not here too).
    """
    keys = set(result.figure_keys())
    out: list[str] = []
    if "funnel" in result.tables:
        stages = result.tables["funnel"].frame.set_index("stage")["applications"]
        apps, started = (
            float(stages[ra.STAGES["applications"]]),
            float(stages[ra.STAGES["started"]]),
        )
        out.append(
            f"{phrase_value(apps, Kind.PEOPLE, pol)} applications were received in the period; "
            f"{phrase_share(started, apps, 'applications', pol)} led to a start."
        )
        if "recruitment_offer_acceptance" in keys:
            f = result.figure("recruitment_offer_acceptance")
            out.append(
                f"Offers: {phrase_share(f.numerator or 0, f.denominator or 0, 'offers made', pol)}"
                " were accepted."
            )
        if len(result.tables["declines"].frame):  # from the table the audience sees
            out.append(declines_sentence(for_audience(result, "declines", pol), pol))
        if "recruitment_time_to_hire" in keys:
            out.append(time_to_hire_sentence(result.figure("recruitment_time_to_hire"), pol))
    if "recruitment_appointments_against_target" in keys:
        f = result.figure("recruitment_appointments_against_target")
        out.append(campaigns_sentence(f, pol))
    if "newly_qualified_intake" in keys:
        f = result.figure("newly_qualified_intake")
        plan = (
            f" against a plan of {format_value(f.denominator, Kind.POSTS)}"
            if f.comparators.get("target") is not None
            else ""  # an illustrative plan is no target
        )
        out.append(
            f"Newly qualified social workers: {phrase_value(f.value, Kind.PEOPLE, pol)} "
            f"appointed{plan} by {f.notes.get('by', '')}."
        )
    if "recruitment_cost_per_hire" in keys:
        f = result.figure("recruitment_cost_per_hire")
        small = bool(pol is not None and getattr(pol, "public", False)) and (
            0 < (f.denominator or 0) < pol.threshold
        )
        if small:  # the cost divided by the cost per hire would give the small number away
            out.append(
                "Cost per hire of the campaigns whose cost is known: not shown, as they made "
                f"fewer than {pol.threshold} hires ({format_value(f.numerator, Kind.MONEY)} in "
                "all)."
            )
        elif f.value is not None:
            out.append(
                f"Cost per hire of the campaigns whose cost is known: "
                f"{format_value(f.value, Kind.MONEY)} ({format_value(f.numerator, Kind.MONEY)} "
                f"for {phrase_value(f.denominator, Kind.PEOPLE, pol)} hires)."
            )
    return sentences(out, pol)


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back."""
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
