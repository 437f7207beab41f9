"""The workforce section's result: what it computes for a meeting, once, for every audience.

:func:`build` is the section's ``SectionSpec.build``: from the run's tidy data it makes the
tables the report shows (agency workers and vacancies by service, the extra cost of the agency
practitioners in post, the children's caseloads against the target) as
:class:`~pipelines.core.results.TidyTable` s whose columns say what they hold, and the figures
read from those tables, so the report's sentences, the key findings, the SWOT and the scorecard
print what the tables print. The notebook renders it (``page.show(result.tables[...])``).

Populations and periods
-----------------------
Every figure here is the council's own data at the snapshot date (the section's ``as_at``):

- the agency and vacancy rates count FTE in the HR workforce snapshot's posts (qualified social
  work staff, managers, independent reviewing officers, occupational therapy staff), not the
  DfE's children's social workers at 30 September;
- the average caseload is cases per case-holding worker (headcount) in the case management
  extract at the snapshot date, not the DfE's cases per FTE at 30 September;
- the extra cost of an agency worker is given for two populations: the FTE-weighted average over
  every agency practitioner in post (``agency_extra_cost_per_fte_<service>``) and one post of each
  compared job title and grade (``agency_extra_cost_per_post_<post>``). They are distinct figures
  and are printed with the population they describe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from pipelines.core.disclosure import Policy
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, Sentence, has, target
from pipelines.core.results import Column, SectionResult, TidyTable
from pipelines.sections.workforce import agency_rate as war
from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import posts as wpo
from pipelines.sections.workforce import supplements as wsu
from pipelines.sections.workforce.parameters import WorkforceParameters
from pipelines.sections.workforce.supplement_figure import supplement_cost_figure

SECTION = "40_workforce_costs"
CHILDRENS = "Children's Social Care"
#: The population of the snapshot's rates, in words (with the service before it).
SNAPSHOT_POSTS = "FTE in the HR workforce snapshot's posts"
#: The population of the caseload figures, in words.
CASE_HOLDING = "case-holding social workers (headcount)"
#: The population of the extra cost of the agency workers in post (their total, their average).
AGENCY_IN_POST = "agency workers in practitioner posts"


def as_at_date(params: Mapping[str, object]):
    """The snapshot date of the section's ``as_at`` parameter, or None."""
    as_at = (params or {}).get("as_at")
    return pd.Timestamp(str(as_at)).date() if as_at else None


def as_at_period(params: Mapping[str, object]) -> str | None:
    """The period as the section states it ("At 30 July 2016"), or None without ``as_at``."""
    day = as_at_date(params)
    return f"At {day:%-d %B %Y}" if day else None


def agency_rates_table(cfg, snapshot: pd.DataFrame, period: str | None) -> TidyTable:
    """FTE and the agency and vacancy rates by service (:func:`wf.fte_by_service`), total row.

    Agency worker rate = agency FTE / (agency FTE + permanent FTE) x 100; vacancy rate = vacant
    FTE / establishment FTE x 100 (:attr:`Kind.PERCENT_OF_FTE`: FTE count posts filled, not
    people, so nothing here is suppressed). The total row sums the FTE and recomputes both rates
    from the totals.
    """
    by = {"Service": "service"}
    source = cfg.datasets["workforce_snapshot"].source
    fte = {
        "establishment_fte": "Establishment FTE",
        "permanent_fte": "Permanent FTE",
        "agency_fte": "Agency FTE",
        "vacant_fte": "Vacant FTE",
    }
    columns = {"service": Column("Service")}
    columns |= {tidy: Column(label, Kind.FTE) for tidy, label in fte.items()}
    columns["agency_rate_percent"] = Column(
        "Agency worker rate (%)",
        Kind.PERCENT_OF_FTE,
        Population(f"agency and permanent {SNAPSHOT_POSTS}", by),
        numerator="agency_fte",
        denominator_parts=("agency_fte", "permanent_fte"),
        format="{:.1f}",
        measure="agency worker rate",
    )
    columns["vacancy_rate_percent"] = Column(
        "Vacancy rate (%)",
        Kind.PERCENT_OF_FTE,
        Population(f"establishment {SNAPSHOT_POSTS}", by),
        numerator="vacant_fte",
        denominator="establishment_fte",
        format="{:.1f}",
        measure="vacancy rate",
    )
    return TidyTable(
        name="agency_rates",
        frame=wf.fte_by_service(snapshot),
        columns=columns,
        caption="Agency workers and vacancies by service: the council's HR snapshot"
        + (f" {_from_day(period)}" if period else "")
        + " (FTE in all posts, managers included)",
        source=source,
        period=period or source,
        total=True,
    )


def rate_figures(cfg, table: TidyTable, day) -> list[Figure]:
    """``agency_rate_<service>`` and ``vacancy_rate_<service>``, read from the rates table.

    Value, numerator and denominator are the table's cells; measure and population its
    column's. The agency rate is compared with the review's agency target.
    """
    out: list[Figure] = []
    for i, row in enumerate(table.frame.to_dict("records")):
        key = SERVICE_KEYS.get(row["service"])
        if not key:
            continue
        for prefix, column, numerator, denominator, comparators in (
            (
                "agency_rate_",
                "agency_rate_percent",
                row["agency_fte"],
                row["agency_fte"] + row["permanent_fte"],
                target(cfg.targets.agency_rate_percent),
            ),
            (
                "vacancy_rate_",
                "vacancy_rate_percent",
                row["vacant_fte"],
                row["establishment_fte"],
                target(None),
            ),
        ):
            col = table.columns[column]
            measure, population, period = table.identity(column, i)
            out.append(
                Figure(
                    key=f"{prefix}{key}",
                    label=f"{row['service']}: {col.label[0].lower()}{col.label[1:]}",
                    value=float(row[column]),
                    kind=col.kind,
                    numerator=float(numerator),
                    denominator=float(denominator),
                    direction="lower",
                    source=table.source,
                    period=period,
                    as_at=day,
                    section=SECTION,
                    table=table.name,
                    row=row["service"],
                    column=col.label,
                    comparators=comparators,
                    measure=measure,
                    population=population,
                )
            )
    return out


def _premium_columns(by: Mapping[str, str]) -> dict[str, Column]:
    """The columns of the agency premium tables (by job title or by service)."""
    per = {"in_total": False, "format": "{:,.0f}"}
    return {
        "service": Column("Service"),
        "job_title": Column("Job title"),
        "agency_fte": Column("Agency FTE", Kind.FTE),
        "agency_cost_per_fte": Column("Agency cost per FTE (£)", Kind.MONEY_PER_YEAR, **per),
        "permanent_cost_per_post": Column(
            "Permanent cost per post (£)", Kind.MONEY_PER_YEAR, **per
        ),
        "extra_cost_per_fte": Column(
            "Extra cost per FTE (£)",
            Kind.MONEY_PER_YEAR,
            Population(AGENCY_IN_POST, dict(by)),
            numerator="extra_cost",
            denominator="agency_fte",
            measure="extra cost a year of one agency worker over a permanent post",
            **per,
        ),
        "extra_cost": Column(
            "Extra cost a year (£)",
            Kind.MONEY_PER_YEAR,
            Population(AGENCY_IN_POST, dict(by)),
            format="{:,.0f}",
            measure="extra cost a year of the agency workers in post",
        ),
    }


def premium_tables(
    cfg, frames, p: WorkforceParameters, period: str | None
) -> tuple[TidyTable, TidyTable]:
    """The extra cost a year of the agency practitioners in post (:func:`wco.agency_premiums`).

    Returns the table by service and job title (total row) and the same summed by service
    (:func:`wco.premiums_by_service`: the averages by service the figures read). The table by
    job title is public at any size: agency FTE count posts filled, not people (the rates
    table publishes them by service, so a public table of fewer would be undone by the
    difference), and its costs are one agency rate for every row and the pay scale of the
    posts, never a person's pay (``docs/architecture.md``).
    """
    premiums = wco.agency_premiums(
        frames["workforce_snapshot"],
        frames["pay_rates"],
        p.agency_hourly_rate,
        p.agency_hours_per_week,
        p.agency_weeks_per_year,
        list(p.capped_rate_roles),
    )
    basis = f"{p.price_base}; " + war.rate_words(p)
    source = f"{cfg.datasets['workforce_snapshot'].source}; {cfg.datasets['pay_rates'].source}"
    if war.export_source(cfg, p):  # the agency rate is the agency spend export's
        source += f"; {war.export_source(cfg, p)}"
    # A negative extra cost (agency cheaper than the post) is said to be a saving.
    caption = wco.premium_caption(premiums.rename(columns=wco.PREMIUM_LABELS), basis)
    common = dict(
        caption=caption,
        source=source,
        period=period or cfg.datasets["workforce_snapshot"].source,
        total=True,
    )
    by_service = TidyTable(
        name="agency_premium",
        frame=wco.premiums_by_service(premiums),
        columns=_premium_columns({"Service": "service"}),
        **common,
    )
    table = TidyTable(
        name="agency_premium",
        frame=premiums,
        columns=_premium_columns({"Service": "service", "Job title": "job_title"}),
        **common,
    )
    return table, by_service


def premium_figures(
    cfg, table: TidyTable, p: WorkforceParameters, day, by_service: TidyTable | None = None
) -> list[Figure]:
    """``agency_premium`` (the total extra cost a year) and the averaged extra cost per FTE.

    ``agency_premium``: the extra cost a year of the agency workers in practitioner posts over
    permanent staff in the same posts (:attr:`Kind.MONEY_PER_YEAR`, numerator the agency FTE,
    comparator ``permanent_cost``: what permanent staff in those posts would cost a year), the
    table's total. ``agency_extra_cost_per_fte_<service>``: extra cost a year / agency FTE of a
    service, the FTE-weighted average over its practitioner posts (no direction: context for
    the per-post figures, not a finding of its own).
    """
    frame = table.frame
    if frame.empty:
        return []
    fte = float(frame["agency_fte"].sum())
    extra = float(frame["extra_cost"].sum())
    permanent = float((frame["agency_fte"] * frame["permanent_cost_per_post"]).sum())
    assumptions = war.rate_words(p)
    # A finding resting on an assumed (unsourced) rate is never ranked: no direction.
    direction = None if war.is_assumed(p) else "lower"
    total_col = table.columns["extra_cost"]
    out = [
        Figure(
            key="agency_premium",
            label="Extra cost a year of agency workers in practitioner posts over permanent staff",
            value=extra,
            kind=Kind.MONEY_PER_YEAR,
            numerator=fte,
            direction=direction,
            source=table.source,
            period=table.period,
            as_at=day,
            section=SECTION,
            table=table.name,
            row="Total",
            column=total_col.label,
            comparators={"permanent_cost": permanent},
            notes={
                "price_base": p.price_base,
                "assumptions": assumptions,
                "rate_short": war.rate_short(p),
            },
            measure=total_col.measure,
            population=AGENCY_IN_POST,
        )
    ]
    public = by_service if by_service is not None else table.public_variant
    col = public.columns["extra_cost_per_fte"]
    for i, row in enumerate(public.frame.to_dict("records")):
        key = SERVICE_KEYS.get(row["service"])
        if not key:
            continue
        measure, population, period = public.identity("extra_cost_per_fte", i)
        out.append(
            Figure(
                key=f"agency_extra_cost_per_fte_{key}",
                label=f"{row['service']}: extra cost a year of an agency practitioner in post "
                "over a permanent post (FTE-weighted over practitioner posts)",
                value=float(row["extra_cost_per_fte"]),
                kind=Kind.MONEY_PER_YEAR,
                numerator=float(row["extra_cost"]),
                denominator=float(row["agency_fte"]),
                source=public.source,
                period=period,
                as_at=day,
                section=SECTION,
                table=public.name,
                row=row["service"],
                column=col.label,
                notes={"price_base": p.price_base, "assumptions": assumptions},
                measure=measure,
                population=population,
            )
        )
    return out


def post_key(service: str, job_title: str, grade: str) -> str:
    """A compared post as a figure key's ending: ``childrens_social_worker_g7``."""
    words = f"{SERVICE_KEYS.get(service, service)} {job_title} {grade}".lower()
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")


def per_post_figures(
    cfg, frames, p: WorkforceParameters, day, posts: list[dict[str, str]] | None = None
) -> list[Figure]:
    """``agency_extra_cost_per_post_<post>``: agency cost less one compared post's cost, a year.

    For each post of ``cost_comparators`` (``posts``: those posts with their grades,
    :func:`wpo.compared_posts`, worked out here when None): hourly rate x hours x weeks less the
    post's salary, employer's NI, market supplement and car allowance
    (:func:`wco.cost_comparison`), pounds a year, at the price base. Population: one post of
    that job title and grade; no direction (a comparison, not a finding of its own).
    """
    out: list[Figure] = []
    agency = wco.agency_annual_cost(
        p.agency_hourly_rate, p.agency_hours_per_week, p.agency_weeks_per_year
    )
    for post in posts if posts is not None else wpo.compared_posts(cfg, frames, p):
        service, title, grade = post["service"], post["job_title"], post["grade"]
        cost = float(wco.pay_for(frames["pay_rates"], service, title, grade)["annual_cost"])
        out.append(
            Figure(
                key=f"agency_extra_cost_per_post_{post_key(service, title, grade)}",
                label=f"{wco.post_words(service, title, grade)}: extra cost a year of an "
                "agency worker over the post",
                value=agency - cost,
                kind=Kind.MONEY_PER_YEAR,
                numerator=agency,
                denominator=cost,
                source=f"{cfg.datasets['pay_rates'].source}; " + war.rate_words(p),
                period=p.price_base,
                as_at=day,
                section=SECTION,
                table=f"cost_per_post_{service}",
                row="Potential reduction in spend per post",
                column="Cost for one year (£)",
                notes={"price_base": p.price_base},
                measure="extra cost a year of one agency worker over a permanent post",
                population=f"{service}: one {title} post ({grade})",
            )
        )
    return out


def caseload_table(cfg, caseloads: pd.DataFrame, period: str | None) -> TidyTable:
    """Children's average caseload overall and by worker type (:func:`wcl.caseload_groups`).

    Without a target (the review's ``targets.average_caseload`` unset) the target and "meets
    target" columns are left out (they would be blank in every row) and the caption says "no
    target set" once.

    Average caseload = cases held / case-holding workers (headcount); cases per FTE = cases /
    the workers' FTE. The head count of each group is a count of people (suppressed when small
    in the public version). The average carries no kind: the disclosure rules treat it as an
    average over the group's people, hidden where the group's head count is (core.figures has
    no kind for a mean over people that is not a survey score; not done).
    """
    by = {"Workers": "workers"}
    target_value = cfg.targets.average_caseload
    frame = wcl.caseload_groups(caseloads, target_value)
    frame["meets_target"] = [
        "–" if m is None else "Yes" if m else "No" for m in frame["meets_target"]
    ]
    frame["target"] = frame["target"].astype(float)
    if target_value is None:
        # No target for any row: the target columns would be blank in every row, so they are
        # not printed; the caption says "no target set" once.
        frame = frame.drop(columns=["target", "meets_target"])
    source = cfg.datasets["caseloads"].source
    # the target's paper and paragraph, from the one place that holds them (the review's
    # target_sources), so the note under the table names what the finding cites (reader15)
    cited = (
        f"; target: {cfg.target_sources['average_caseload'].short()}"
        if target_value is not None
        else ""
    )
    columns = {
        "workers": Column("Workers"),
        "case_holding_workers": Column(
            "Case-holding workers", Kind.PEOPLE, Population("case-holding social workers", by)
        ),
        "cases": Column("Cases", Kind.CASES),
        "average_caseload": Column(
            "Average caseload (cases per worker)",
            None,
            Population(CASE_HOLDING, by, {"Service": CHILDRENS}),
            numerator="cases",
            denominator="case_holding_workers",
            format="{:.1f}",
            measure="average caseload",
        ),
        "target": Column(wcl.TARGET_LABEL, Kind.CASES_PER_WORKER),
        "meets_target": Column(wcl.MEETS_LABEL),
        "cases_per_fte": Column(
            wcl.CASELOAD_LABELS["cases_per_fte"], Kind.RATIO, numerator="cases", format="{:.1f}"
        ),
    }
    columns = {k: v for k, v in columns.items() if k in frame.columns}
    return TidyTable(
        name="caseload_summary",
        frame=frame,
        columns=columns,
        caption="Children's social workers: average caseload"
        + (" against the target" if target_value is not None else "")
        + ", from the council's case management extract"
        + (f" {_from_day(period)}" if period else "")
        + " (cases per case-holding worker, counted by head"
        + ("; no target set)" if target_value is None else ")"),
        source=source + cited,
        period=period or source,
    )


def caseload_figures(cfg, table: TidyTable, day) -> list[Figure]:
    """``average_caseload_childrens``: the first row of the caseload table (every worker)."""
    if table.frame.empty:
        return []
    row = table.frame.iloc[0]
    measure, population, period = table.identity("average_caseload", 0)
    return [
        Figure(
            key="average_caseload_childrens",
            label="Children's social workers: average caseload (cases per worker)",
            value=float(row["average_caseload"]),
            kind=Kind.CASES_PER_WORKER,
            numerator=float(row["cases"]),
            denominator=float(row["case_holding_workers"]),
            direction="lower",
            source=table.source,
            period=period,
            as_at=day,
            section=SECTION,
            table=table.name,
            row=str(row["workers"]),
            column=table.columns["average_caseload"].label,
            comparators=target(cfg.targets.average_caseload),
            measure=measure,
            population=population,
        )
    ]


def supplement_tables(cfg, frames, p: WorkforceParameters, period: str | None) -> TidyTable:
    """What the market supplements cost a year, and the change on last year's rates.

    One row per register entry (:func:`wsu.supplement_cost_entries`), total row, each costed on
    the population the register names and saying which ("Costed on": the named posts, or the
    permanent FTE in the posts of the job title and grade in the team, org unit, service or
    every service the entry names; never a whole service for an entry limited to a team).
    Supplements are paid pro rata to permanent staff: cost a year = supplement x that FTE
    (pounds a year, :attr:`Kind.MONEY_PER_YEAR`); FTE and money never count people. The year
    compared with is the ``previous_year`` parameter ("the previous year" when blank).

    The aggregate cost of a supplement is public by job title at any size, like the agency
    premium table (docs/architecture.md, FTE count posts): each row is the register's rate for
    the posts, which the register (a background paper, open to inspection) prints, times the
    permanent FTE of those posts, which the workforce tables publish; never a person's pay. So
    the public report shows the entries themselves and the exempt appendix has nothing of it,
    unless the review records why it is exempt (``exempt_financial``, :func:`withheld`).
    """
    previous = p.previous_year or "the previous year"
    money_cols = {
        "cost": "Cost a year (£)",
        "cost_previous": f"Cost at {previous} rates (£)",
        "change": "Change in cost a year (£)",
        "cost_if_filled": "Cost if every post filled (£)",
    }
    money = {
        tidy: Column(label, Kind.MONEY_PER_YEAR, format="{:,.0f}")
        for tidy, label in money_cols.items()
    }
    fte = Column("Permanent FTE", Kind.FTE)
    common = dict(
        caption=f"What the market supplements cost a year, and the change on {previous} rates "
        f"({p.price_base}), each costed on the posts the register names",
        source=f"{cfg.datasets['market_supplements'].source}; "
        f"{cfg.datasets['workforce_snapshot'].source}",
        period=period or cfg.datasets["workforce_snapshot"].source,
        total=True,
    )
    entries = wsu.supplement_cost_entries(
        frames["market_supplements"], frames["workforce_snapshot"]
    )
    return TidyTable(
        name="supplement_costs",
        frame=entries.drop(columns=["service", "basis"]),
        columns={
            "job_title": Column("Job title"),
            "grade": Column("Grade"),
            "costed_on": Column("Costed on"),
            "permanent_fte": fte,
            **money,
        },
        **common,
    )


#: The outputs of the section that state aggregate costs: public unless the review records
#: (``exempt_financial``: output name -> reason) why one is exempt under paragraph 3.
COST_OUTPUTS = (
    "agency_premium",
    "supplement_costs",
    "supplement_model",
    "supplement_breakeven",
)


def withheld(cfg, name: str, policy) -> str | None:
    """The note the public report shows in place of a cost output the review keeps exempt.

    Aggregate costs (:data:`COST_OUTPUTS`) are public. Where the review records, under
    ``exempt_financial``, why output ``name`` is exempt under paragraph 3 of Schedule 12A
    (information about the financial or business affairs of a person, the council included),
    the public run shows this note instead of the output, so the output is in the exempt
    appendix only, carrying paragraph 3 and the review's reason. None for the exempt run, for
    any other output, or where the review records no reason.
    """
    reason = (getattr(cfg, "exempt_financial", None) or {}).get(name)
    if not getattr(policy, "public", False) or name not in COST_OUTPUTS or not reason:
        return None
    return (
        "Exempt information: this table is in the exempt appendix under paragraph 3 of "
        "Schedule 12A to the Local Government Act 1972 (the financial or business affairs of "
        f"a particular person, the council included): {' '.join(str(reason).split())}."
    )


def _texts(value: object) -> list[str]:
    """Every string inside a dumped model (dicts, lists), in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _texts(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _texts(v)]
    return []


def _national_in_meeting(cfg, meeting) -> bool:
    """Whether the meeting's report holds the national comparison (the DfE's figures).

    The meeting runs the national section and the DfE had published a release by the meeting
    date (``releases`` of ``config/national.yml``). A release published after the meeting is
    left to the technical annex (time-true), so the report holds no national comparison for
    a note to set the council's figures against.
    """
    from pipelines.core import registry
    from pipelines.core.errors import ConfigError
    from pipelines.datasets.national.dfe import load_national_config

    national = {s.notebook for s in registry.discover().values() if s.name == "national"}
    mtg = cfg.meeting(meeting)
    if not any(s.notebook in national for s in mtg.sections):
        return False
    try:
        releases = load_national_config().releases
    except ConfigError:
        return False
    return mtg.date is not None and any(r.published <= mtg.date for r in releases)


def _from_day(period: str) -> str:
    """A period as a sentence continues it: "At 28 February 2018" -> "at 28 February 2018"."""
    return period[:1].lower() + period[1:]


def basis_notes(cfg, meeting, result: SectionResult, table: str, policy=None) -> list[str]:
    """Sentences saying which population a table's figures describe, where they need saying.

    Where the documents print another figure of the same measure for another population or
    date:

    - ``agency_rates`` and ``caseload_summary``, when the meeting's pack has the national
      comparison: the council's own figures at the snapshot date against the DfE's at 30
      September (another date, another population: children's social workers; caseloads per
      FTE).
    - ``agency_premium``, when the review's final report quotes the extra cost of one compared
      post (:func:`per_post_figures`, in pounds as :func:`wf.money` prints them) and the table
      as ``policy`` (by default the public report's) prints it (:meth:`TidyTable.for_policy`:
      by job title, or summed by service) gives another figure for it: the service's average
      per FTE (by service), or the job title's row averaged over its grades (by job title). No
      note when the table's row for the post prints the quoted figure: one measure, one value,
      one wording.
    """
    keys = set(result.figure_keys())
    out: list[str] = []
    national = _national_in_meeting(cfg, meeting)
    if table == "agency_rates" and "vacancy_rate_childrens" in keys and national:
        day = _from_day(result.figure("vacancy_rate_childrens").period)
        out.append(
            "The agency worker and vacancy rates in this table are the council's own, from the "
            f"HR workforce snapshot {day}: FTE in every post of the snapshot, managers and "
            "independent reviewing officers included (vacancy rate: vacant FTE as a share of "
            "the establishment FTE). The national comparison's rates are the Department for "
            "Education's for children's social workers at 30 September of its year: another "
            "date and another population, so the two are not meant to agree."
        )
    if table == "caseload_summary" and "average_caseload_childrens" in keys and national:
        day = _from_day(result.figure("average_caseload_childrens").period)
        out.append(
            "The average caseload in this table is the council's own: cases per case-holding "
            f"social worker, counted by head, in the case management extract {day}. The "
            "national comparison's average caseload is the Department for Education's cases per "
            "case-holding social worker counted in FTE, at 30 September of its year: another "
            "date and another count of workers, so the two are not meant to agree."
        )
    if table == "agency_premium" and cfg.final_report is not None:
        quoted = " ".join(_texts(cfg.final_report.model_dump(mode="json")))
        averages = [f for f in result.figures if f.key.startswith("agency_extra_cost_per_fte_")]
        shown = result.tables.get("agency_premium")
        public = Policy("public", cfg.disclosure_threshold)  # the report's, by default
        shown = shown.for_policy(policy or public) if shown is not None else None
        rows = shown.frame if shown is not None and "job_title" in shown.frame else None
        for fig in result.figures:
            if not fig.key.startswith("agency_extra_cost_per_post_"):
                continue
            printed = wf.money(fig.value)
            if not re.search(rf"{re.escape(printed)}(?![\d,])", quoted):
                continue
            group, post = fig.population.split(": one ", 1)
            if rows is not None:  # the post's own row, if the table has one (by job title)
                title = post.split(" post (", 1)[0]
                row = rows[(rows["service"] == group) & (rows["job_title"] == title)]
                if len(row) and wf.money(float(row["extra_cost_per_fte"].iloc[0])) == printed:
                    continue  # the table prints the quoted figure itself
                if len(row):
                    out.append(
                        Sentence(
                            f"The extra cost per FTE of the {title} row in this table "
                            f"({wf.money(float(row['extra_cost_per_fte'].iloc[0]))}) is the "
                            f"average over its {float(row['agency_fte'].iloc[0]):g} agency FTE, "
                            f"of every grade. The group's final report quotes {printed}: the "
                            f"extra cost of one agency worker over one {post}. They describe "
                            "different posts, so they are not meant to agree."
                        )
                    )
                continue  # no row for the post: the table prints no other figure for it
            for avg in averages:  # the table prints the service's average (by service)
                if not avg.population.startswith(f"{group}: ") or wf.money(avg.value) == printed:
                    continue
                # No count of people in it ("one agency worker" is the unit of the cost; the
                # FTE are posts): written as a Sentence, public disclosure leaves its numbers.
                out.append(
                    Sentence(
                        f"The extra cost per FTE in this table ({wf.money(avg.value)} for {group}) "
                        f"is the average over all {avg.denominator:g} FTE agency workers in "
                        "practitioner posts, of every job title and grade. The group's final "
                        f"report quotes {printed}: the extra cost of one agency worker over "
                        f"one {post} "
                        f"({wf.money(fig.numerator)} for the agency worker less "
                        f"{wf.money(fig.denominator)} for the post). They describe different "
                        "posts, so they are not meant to agree."
                    )
                )
    return out


def build(ctx, params: WorkforceParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The workforce section's result for a run (its ``SectionSpec.build``).

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run: ``ctx.review`` and ``ctx.frames()`` (the tidy datasets).
    params : WorkforceParameters or mapping, optional
        The section's parameters in the meeting (defaults when None).

    Returns
    -------
    SectionResult
        ``tables``: ``agency_rates`` (:func:`agency_rates_table`), ``agency_premium``
        (:func:`premium_tables`; where the review sets an agency hourly rate and the job titles
        it applies to, :func:`wpo.not_done` otherwise), ``caseload_summary``
        (:func:`caseload_table`) and
        ``supplement_costs`` (:func:`supplement_tables`), and ``agency_premium_by_service``
        (the by-service averages the figures read; the premium table is public by job
        title), each where
        its data are loaded; the figures read from them (:func:`rate_figures`,
        :func:`premium_figures`, :func:`caseload_figures`) and the extra cost of an agency
        worker over each compared post (:func:`per_post_figures`; where the review sets an
        agency hourly rate and compared posts).

    Raises
    ------
    OfficerError
        A compared post or the supplement change names a job title or grade the pay rates do
        not cost (:func:`wpo.resolve_post`).

    """
    p = (
        params
        if isinstance(params, WorkforceParameters)
        else WorkforceParameters(**dict(params or {}))
    )
    cfg, frames = ctx.review, ctx.frames()
    # The agency rate of the council's agency spend export where the review has it; the
    # parameter's rate (a fallback) otherwise.
    p = war.effective_parameters(cfg, frames, p)
    given = p.model_dump()
    period, day = as_at_period(given), as_at_date(given)
    tables: dict[str, TidyTable] = {}
    figures: list[Figure] = []
    if has(frames, "workforce_snapshot"):
        tables["agency_rates"] = agency_rates_table(cfg, frames["workforce_snapshot"], period)
        figures += rate_figures(cfg, tables["agency_rates"], day)
    if has(frames, "caseloads"):
        cases = frames["caseloads"]
        cases = cases[cases["service"] == CHILDRENS] if "service" in cases else cases
        if len(cases):
            tables["caseload_summary"] = caseload_table(cfg, cases, period)
            figures += caseload_figures(cfg, tables["caseload_summary"], day)
    if has(frames, "pay_rates"):
        # The posts the parameters name, each checked against the pay rates (a post they do
        # not cost stops the build here, naming the parameter and the file).
        ref = getattr(ctx, "review_ref", "")
        posts = wpo.compared_posts(cfg, frames, p, ref)
        wpo.supplement_post(cfg, frames, p, ref)
    if has(frames, "workforce_snapshot", "pay_rates") and not wpo.missing(p, "agency_premium"):
        tables["agency_premium"], by_service = premium_tables(cfg, frames, p, period)
        # Public by job title: the by-service averages the figures read are kept as a table
        # of their own (not shown), so each figure is still a cell of a table.
        by_service = replace(by_service, name="agency_premium_by_service")
        tables[by_service.name] = by_service
        figures += premium_figures(cfg, tables["agency_premium"], p, day, by_service)
    if has(frames, "pay_rates") and not wpo.missing(p, "cost_comparison"):
        figures += per_post_figures(cfg, frames, p, day, posts)
    if has(frames, "market_supplements", "workforce_snapshot") and wsu.pays_supplements(
        frames["market_supplements"]
    ):
        tables["supplement_costs"] = supplement_tables(cfg, frames, p, period)
        reason = (getattr(cfg, "exempt_financial", None) or {}).get("supplement_costs")
        cost = supplement_cost_figure(tables["supplement_costs"], day, SECTION, reason)
        figures += [cost] if cost is not None else []
    return SectionResult(SECTION, tuple(figures), tables)


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back.

    What the notebook calls (``result = build_section(ctx, params)``):
    :func:`pipelines.core.section_build.build_section` for this section.
    """
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
