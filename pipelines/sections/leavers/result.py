"""The leavers section's result: what it computes for a meeting, once, for every audience.

:func:`build` is the section's ``SectionSpec.build``: from the run's tidy data it makes the
turnover table (a :class:`~pipelines.core.results.TidyTable` whose columns say what they hold),
the figures read from that table (so the report's sentences and its table print one value for
one measure, population and period), the section's other figures, and the findings it proposes
with their materiality. The notebook renders it (``page.show(result.tables["turnover"])``); the
key findings, SWOT and scorecard read ``result.figures``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, has, target
from pipelines.core.results import Column, SectionResult, TidyTable, share_materiality
from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import figures as lf
from pipelines.sections.leavers.parameters import LeaversParameters

SECTION = "10_leavers"
#: The line shown where the exit interview tables are left out (a review without the forms).
NO_EXIT_FORMS = (
    "The review has no exit interview forms (no exit_interviews dataset in its "
    "configuration), so the return rate, where leavers went, whether they would return and "
    "their ratings of their employment are left out."
)
#: Keys of the turnover figures :func:`turnover_figures` reads from the turnover table.
TURNOVER_KEYS = tuple(
    f"{prefix}{k}"
    for prefix in ("turnover_", "social_work_turnover_")
    for k in SERVICE_KEYS.values()
)


#: The turnover table's columns on the social worker basis (they need the posts' profession).
SOCIAL_WORK_COLUMNS = ("social_work_leavers", "social_worker_posts", "social_work_turnover_percent")
#: The line shown under the turnover table when the establishment has no profession column.
NO_PROFESSION = (
    "Turnover of social workers alone is left out of the turnover table: the establishment "
    "export has no profession (declared absent in the review), so its social worker posts "
    "cannot be told from its other qualified posts. Turnover is given over all qualified posts."
)


def professions_given(establishment: pd.DataFrame) -> bool:
    """Whether the establishment says the profession of its posts.

    True when at least one row has a profession (the column is not declared absent).
    """
    return "profession" in establishment and bool(establishment["profession"].notna().any())


def turnover_table(cfg, leavers: pd.DataFrame, establishment: pd.DataFrame) -> TidyTable:
    """Turnover by service on two bases (:func:`~pipelines.sections.leavers.analysis.turnover`).

    Turnover = leavers in the period / posts in the establishment x 100 (leavers per 100 posts,
    :attr:`Kind.PEOPLE_PER_100_POSTS`). Two bases, two populations: all qualified posts (social
    worker and occupational therapist posts up to Team Manager) with all leavers, and social
    worker posts with social work leavers.

    Parameters
    ----------
    cfg : Review
        The review (period, dataset sources).
    leavers : DataFrame
        The tidy leavers in the review period.
    establishment : DataFrame
        The tidy establishment (posts by service and profession).

    """
    by = {"Service": "service"}
    labels = lv.TURNOVER_LABELS
    columns = {
        "service": Column(labels["service"]),
        "leavers": Column(labels["leavers"], Kind.PEOPLE, Population("leavers", by)),
        "qualified_posts": Column(labels["qualified_posts"], Kind.POSTS),
        "turnover_percent": Column(
            labels["turnover_percent"],
            Kind.PEOPLE_PER_100_POSTS,
            Population("qualified posts", by),
            numerator="leavers",
            denominator="qualified_posts",
            format="{:.1f}",
            measure="turnover",
        ),
        "social_work_leavers": Column(
            labels["social_work_leavers"],
            Kind.PEOPLE,
            Population("leavers", by, {"Profession": "Social work"}),
        ),
        "social_worker_posts": Column(labels["social_worker_posts"], Kind.POSTS),
        "social_work_turnover_percent": Column(
            labels["social_work_turnover_percent"],
            Kind.PEOPLE_PER_100_POSTS,
            Population("social worker posts", by),
            numerator="social_work_leavers",
            denominator="social_worker_posts",
            format="{:.1f}",
            measure="turnover",
        ),
    }
    frame = lv.turnover(leavers, establishment)
    if not professions_given(establishment):
        frame = frame.drop(columns=list(SOCIAL_WORK_COLUMNS))
        columns = {k: v for k, v in columns.items() if k not in SOCIAL_WORK_COLUMNS}
    return TidyTable(
        name="turnover",
        frame=frame,
        columns=columns,
        caption="Leavers and turnover by service",
        source=f"{cfg.datasets['leavers'].source}; {cfg.datasets['establishment'].source}",
        period=cfg.period.label,
    )


def turnover_figures(cfg, table: TidyTable) -> list[Figure]:
    """The turnover figures, one per service and basis, read from the turnover table.

    ``turnover_<service>`` (all qualified posts; compared with the review's turnover target)
    and ``social_work_turnover_<service>`` (social worker posts; no target): value, numerator
    and denominator are the table's cells, measure and population its column's, so a sentence
    written from the figure prints what the table prints.
    """
    out: list[Figure] = []
    bases = (
        ("turnover_", "turnover_percent", "turnover (% of qualified posts)", True),
        (
            "social_work_turnover_",
            "social_work_turnover_percent",
            "social work turnover (% of social worker posts)",
            False,
        ),
    )
    for prefix, column, words, with_target in bases:
        if column not in table.columns:  # no professions: no social work basis
            continue
        col = table.columns[column]
        for i, row in enumerate(table.frame.to_dict("records")):
            key = SERVICE_KEYS.get(row["service"])
            if not key:
                continue
            measure, population, period = table.identity(column, i)
            out.append(
                Figure(
                    key=f"{prefix}{key}",
                    label=f"{row['service']}: {words}",
                    value=float(row[column]),
                    kind=col.kind,
                    numerator=float(row[col.numerator]),
                    denominator=float(row[col.denominator]),
                    direction="lower",
                    source=table.source,
                    period=period,
                    as_at=cfg.period.end,
                    section=SECTION,
                    table=table.name,
                    row=row["service"],
                    column=col.label,
                    comparators=target(cfg.targets.turnover_percent) if with_target else {},
                    measure=measure,
                    population=population,
                )
            )
    return out


def build(ctx, params: LeaversParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The leavers section's result for a run (its ``SectionSpec.build``).

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run: ``ctx.review`` and ``ctx.frames()`` (the tidy datasets).
    params : LeaversParameters or mapping, optional
        The section's parameters in the meeting (defaults when None).

    Returns
    -------
    SectionResult
        ``tables["turnover"]`` (:func:`turnover_table`), the turnover figures read from it
        (:func:`turnover_figures`), the section's other figures
        (:func:`~pipelines.sections.leavers.figures.compute_figures` and ``finding_figures``) and
        the findings on figures worse than their target
        (:func:`~pipelines.core.results.share_materiality`), most material first. Without the
        leavers or establishment data there is no turnover table and no turnover figure.

    """
    p = params if isinstance(params, LeaversParameters) else LeaversParameters(**dict(params or {}))
    cfg, frames = ctx.review, ctx.frames()
    tables: dict[str, TidyTable] = {}
    figures: list[Figure] = []
    if has(frames, "leavers", "establishment"):
        leavers = lf.period_leavers(cfg, frames)
        tables["turnover"] = turnover_table(cfg, leavers, frames["establishment"])
        figures += turnover_figures(cfg, tables["turnover"])
    given = p.model_dump()
    others = [f for f in lf.compute_figures(cfg, frames, given) if f.key not in TURNOVER_KEYS]
    figures += others + lf.finding_figures(cfg, frames, given)
    proposed = [m for f in figures if (m := share_materiality(f)) is not None]
    proposed.sort(key=lambda m: -m.materiality)
    return SectionResult(SECTION, tuple(figures), tables, tuple(proposed))


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back.

    What the notebook calls (``result = build_section(ctx, params)``):
    :func:`pipelines.core.section_build.build_section` for this section.
    """
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
