"""The scorecard's result: its measures, targets, sources and themes, computed once per meeting.

:func:`build` reads the figures of the meeting's other sections from their results (through
the registry: :func:`pipelines.sections.indicators.collect_figures`), adds the newly qualified
ratio from the workforce snapshot, and lays them out as tidy tables. Every number in the
measures table is a :class:`~pipelines.core.figures.Figure`'s value (and its latest earlier
value, where the data hold one), so the scorecard cannot print a measure with another value
than the section that owns it. The tables are the same for every audience: the public
scorecard withholds a disclosive figure at display time (:func:`analysis.scorecard_view`, from
each row's kind, numerator and denominator, which the table holds as data); the public themes
are the ``public_variant`` of the themes table (only counts the sections publish, at the
review's threshold).
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import Policy
from pipelines.core.figures import Figure
from pipelines.core.results import Column, SectionResult, TidyTable
from pipelines.sections.scorecard import analysis as sc

SECTION = "70_scorecard"

#: Tidy column -> member-facing label of the measures table (the labels
#: :func:`analysis.measures_table` gives).
MEASURE_COLUMNS = {
    "measure": "Measure",
    "figure_for": "Figure for",
    "value": "Figure",
    "unit": "Unit",
    "target": "Target",
    "target_met": "Target met",
    "due": "Due",
    "previous": "Previous period",
    "direction_of_travel": "Direction of travel",
    "source": "Source",
    "period": "Period",
    "kind": "kind",
    "numerator": "numerator",
    "denominator": "denominator",
    "as_at": "As at",  # the last day the figure counts, and the meeting: a count towards a
    "meeting": "Meeting",  # target says the day its data end when that is before the meeting
}
#: Tidy column -> label of the initiatives register (:data:`pipelines.sections.initiatives.
#: COLUMNS`).
INITIATIVE_COLUMNS = {
    "initiative": "Initiative",
    "started": "Started",
    "cost": "Cost",
    "measure": "Measure",
    "data_show": "What this pack's data show",
    "papers_report": "What the papers report",
    "source": "Source",
}
THEME_COLUMNS = {
    "measure": "Measure",
    "theme": "Theme",
    "mentions": "Mentions",
    "out_of": "Out of",
    "source": "Source",
}


def meeting_figures(ctx) -> list[Figure]:
    """The figures the meeting's other sections publish (known by the meeting), from their results.

    Each section with the meeting's parameters (its defaults under them); the run's stored
    results are read when ``ctx`` is a run.
    """
    from pipelines.sections import findings as fx
    from pipelines.sections import indicators as ix

    cfg = ctx.review
    names, given = ix.meeting_sections(cfg, ctx.meeting)
    params = {n: fx.section_parameters(n, given.get(n)) for n in names}
    run = ctx if getattr(ctx, "processed_dir", None) is not None else None
    return ix.collect_figures(
        cfg,
        ctx.frames(),
        meeting=str(cfg.meeting(ctx.meeting).date),
        sections=names,
        parameters=params,
        ctx=run,
    )


def snapshot_readers(ctx) -> tuple[list[str], dict[str, dict]]:
    """The meeting's sections that read the workforce snapshot, and the parameters it gives each.

    From the registry (``SectionSpec.datasets``), in the meeting's order; the parameters are
    those the review config gives (not the defaults).
    """
    from pipelines.core import registry
    from pipelines.sections import indicators as ix

    names, given = ix.meeting_sections(ctx.review, ctx.meeting)
    sections = registry.discover()
    readers = [n for n in names if "workforce_snapshot" in sections[n].datasets]
    return readers, {n: given.get(n, {}) for n in readers}


def snapshot_as_at(ctx) -> str | None:
    """The workforce snapshot's date as the meeting gives it (ISO text), or None.

    The ``as_at`` the meeting gives the first section that reads the snapshot (the workforce
    section), when it gives one.
    """
    readers, given = snapshot_readers(ctx)
    return next((given[n]["as_at"] for n in readers if given[n].get("as_at")), None)


def newly_qualified(ctx) -> list[Figure]:
    """The newly qualified ratio per service at the workforce snapshot's date (none without one).

    The snapshot date is :func:`snapshot_as_at`.
    """
    cfg, frames = ctx.review, ctx.frames()
    snapshot = frames.get("workforce_snapshot")
    if snapshot is None or not len(snapshot) or "workforce_snapshot" not in cfg.datasets:
        return []
    as_at = snapshot_as_at(ctx)
    source = cfg.datasets["workforce_snapshot"].source
    period = f"At {pd.Timestamp(as_at):%-d %B %Y}" if as_at else source
    figures = sc.newly_qualified_figures(snapshot, source=source, period=period)
    # Shown in the measures table, whose rows are measures: located by their key, not a cell.
    return [f.model_copy(update={"table": None, "row": None, "column": None}) for f in figures]


def initiatives(ctx) -> TidyTable:
    """The initiatives register (:func:`pipelines.sections.initiatives.initiatives_table`).

    One row per initiative and measure (tidy columns :data:`INITIATIVE_COLUMNS`): computed once
    for every audience. Counts of people are written in full here and under the public policy
    at the review's threshold in its ``public_variant`` ("fewer than 5 applications"). The
    agency and vacancy rates of whole services are those of the results of the meeting's
    sections that read the workforce snapshot (:func:`snapshot_readers`;
    :func:`~pipelines.sections.initiatives.rate_tables`), at :func:`snapshot_as_at`.
    """
    from pipelines.core import registry
    from pipelines.core.section_build import build_section
    from pipelines.sections import initiatives as it

    cfg, frames = ctx.review, ctx.frames()
    rates = {}
    snapshot = frames.get("workforce_snapshot")
    if snapshot is not None and len(snapshot):
        readers, given = snapshot_readers(ctx)
        sections = registry.discover()
        results = [
            build_section(ctx, n, given[n])
            for n in readers
            if sections[n].build is not None and not sections[n].summary
        ]
        rates = it.rate_tables(results)
    as_at = snapshot_as_at(ctx)
    kw = {
        "caption": "Recruitment and retention initiatives against the measures they should move",
        "source": "Review configuration (initiatives, with their item 6 paragraphs); HR leavers "
        "extract; workforce snapshot",
        "period": cfg.period.label,
    }
    public = Policy("public", cfg.disclosure_threshold)
    public_table = _table(
        "initiatives",
        it.initiatives_table(cfg, frames, as_at=as_at, pol=public, rates=rates),
        INITIATIVE_COLUMNS,
        **kw,
    )
    return _table(
        "initiatives",
        it.initiatives_table(cfg, frames, as_at=as_at, rates=rates),
        INITIATIVE_COLUMNS,
        public_variant=public_table,
        **kw,
    )


def _table(name: str, frame: pd.DataFrame, labels: dict[str, str], **kw) -> TidyTable:
    """A tidy table of ``frame`` (member-facing labels as headers) under tidy column names."""
    tidy = {label: col for col, label in labels.items()}
    frame = frame.rename(columns=tidy)
    for col in labels:
        if col not in frame.columns:
            frame[col] = None
    columns = {col: Column(label) for col, label in labels.items()}
    return TidyTable(name=name, frame=frame[list(labels)], columns=columns, **kw)


def build(ctx, params) -> SectionResult:
    """The scorecard for the run's meeting: measures against targets, sources, themes.

    Tables: ``scorecard`` (one row per figure of each measure, or "Not available"; value,
    target, previous value and direction of travel, source, period, and the figure's kind,
    numerator and denominator as data), ``targets`` (every target the review sets and its
    source), ``scorecard_sources`` (each source and period with its figures) and ``themes``
    (top themes of the staff survey, reasons for leaving and destinations; its
    ``public_variant`` lists only counts the sections publish, at the review's threshold) and
    ``initiatives`` (the initiatives register, :func:`initiatives`; its ``public_variant``
    writes small counts of people as "fewer than" the threshold).
    Figures: the newly qualified ratio per service (the scorecard's own).
    """
    cfg, frames = ctx.review, ctx.frames()
    own = newly_qualified(ctx)
    figures = [*meeting_figures(ctx), *own]
    from pipelines.sections.indicators import figures_frame

    # Targets with a deadline (a campaign's, the newly qualified plan's): "not yet due" before it.
    due = {f.key: f.notes["due"] for f in figures if f.notes.get("due")}
    measures = sc.measures_table(
        figures_frame(figures), meeting=cfg.meeting(ctx.meeting).date, due=due
    )
    measures_table = _table(
        "scorecard",
        measures,
        MEASURE_COLUMNS,
        caption="Scorecard: measures against the review's targets",
        source="Figures from the sections of this pack, each with its section's source",
        period="As each section gives them",
    )
    targets = sc.targets_table(cfg)
    targets_table = TidyTable(
        name="targets",
        frame=targets.rename(columns={"Target": "target", "Value": "value", "Source": "source"}),
        columns={
            "target": Column("Target"),
            "value": Column("Value"),
            "source": Column("Source"),
        },
        caption="The review's targets and where each comes from",
        source="Review configuration (targets and target_sources)",
        period=cfg.period.label,
    )
    sources = sc.sources_view(measures)
    sources_table = TidyTable(
        name="scorecard_sources",
        frame=sources.rename(
            columns={"Source": "source", "Period": "period", "Figures": "figures"}
        ),
        columns={
            "source": Column("Source"),
            "period": Column("Period"),
            "figures": Column("Figures"),
        },
        caption="Where the scorecard figures come from",
        source="The sections of this pack (each row names its source)",
        period="Each row gives its period",
    )
    public = Policy("public", cfg.disclosure_threshold)
    theme_kw = {
        "caption": "Scorecard: what staff and leavers said (top themes)",
        "source": "Staff survey; HR leavers extract; exit interview forms (source of each in "
        "the table)",
        "period": cfg.period.label,
    }
    public_themes = _table(
        "themes", sc.public_qualitative_table(frames, cfg, public), THEME_COLUMNS, **theme_kw
    )
    themes = _table(
        "themes",
        sc.qualitative_table(frames, cfg),
        THEME_COLUMNS,
        public_variant=public_themes,
        **theme_kw,
    )
    notes = scorecard_notes(measures)
    return SectionResult(
        section=SECTION,
        figures=tuple(own),
        tables={
            t.name: t
            for t in (measures_table, targets_table, sources_table, themes, initiatives(ctx))
        },
        notes=notes,
    )


def scorecard_notes(measures: pd.DataFrame) -> dict:
    """What the scorecard lacks, said once under the table in one note ("About these figures").

    The measures without a target and the figures without an earlier one
    (:func:`analysis.no_target_note`, :func:`analysis.no_earlier_note`), joined: a heading of
    its own ("Direction of travel") over one sentence was left at the foot of a page, away
    from the table it is about.
    """
    said = [t for t in (sc.no_target_note(measures), sc.no_earlier_note(measures)) if t]
    return {"no_target": (("About these figures", " ".join(said)),)} if said else {}


def measures(result: SectionResult) -> pd.DataFrame:
    """The measures table as :mod:`analysis` reads it (its labels as headers)."""
    return result.tables["scorecard"].labelled()
