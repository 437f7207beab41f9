"""The SWOT's result: its entries and rules, computed once per meeting from the sections' results.

:func:`build` reads the figures of the meeting's other sections through the registry
(:func:`pipelines.sections.indicators.collect_figures`: the stored results of the run), applies
the review's rules and the officers' entries (:func:`analysis.build_swot`) and keeps the
entries, the rules and the notes on entries left out. The same for every audience: the grid and
the evidence list are written from the entries under the run's policy at display time
(:mod:`pipelines.sections.swot.display`). The officers' entries file is part of the stored
result's key (:func:`curated_inputs`).
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.errors import InputError
from pipelines.core.results import Column, SectionResult, TidyTable
from pipelines.sections.swot import analysis as swot
from pipelines.sections.swot import display

SECTION = "50_swot"


def _table(name: str, frame: pd.DataFrame, caption: str, source: str, period: str) -> TidyTable:
    """A tidy table of a frame whose column names are tidy already (labels: the same words)."""
    return TidyTable(
        name=name,
        frame=frame,
        columns={str(c): Column(str(c)) for c in frame.columns},
        caption=caption,
        source=source,
        period=period,
    )


def build(ctx, params) -> SectionResult:
    """The SWOT of the run's meeting: its entries and rules as tables, and the entries left out.

    ``entries``: one row per entry, with its figure, source, period and section;
    ``swot_rules``: each rule and whether it applies; ``notes["left_out"]``: entries left out.
    """
    from pipelines.sections import findings as fx
    from pipelines.sections import indicators as ix

    cfg = ctx.review
    names, given = ix.meeting_sections(cfg, ctx.meeting)
    params_by = {n: fx.section_parameters(n, given.get(n)) for n in names}
    run = ctx if getattr(ctx, "processed_dir", None) is not None else None
    figures = ix.collect_figures(
        cfg,
        ctx.frames(),
        meeting=str(cfg.meeting(ctx.meeting).date),
        sections=names,
        parameters=params_by,
        ctx=run,
    )
    problems = swot.paper_figure_problems(cfg, ctx.frames())
    if problems:  # an officers' citation of a paper gives a figure the paper does not print
        raise InputError(problems)
    entries, rules, notes = swot.build_swot(cfg, ix.figures_frame(figures))
    period = cfg.period.label
    own = display.grid_period(entries)  # each entry's figure has its own period
    tables = {
        # the documents the entries name, each once (each entry gives its place in it)
        "entries": _table(
            "entries",
            entries,
            "SWOT entries and their evidence",
            display.grid_sources(entries),
            own,
        ),
        "swot_rules": TidyTable(
            name="swot_rules",
            frame=rules.rename(columns={c: f"c{i}" for i, c in enumerate(rules.columns)}),
            columns={f"c{i}": Column(str(c)) for i, c in enumerate(rules.columns)},
            caption="SWOT rules and whether each applies",
            source="Pack configuration (SWOT rules); figures as above",
            period=period,
        ),
    }
    return SectionResult(
        section=SECTION,
        tables=tables,
        notes={"left_out": tuple(("Entry left out", text) for text in notes)},
    )


def entries(result: SectionResult) -> pd.DataFrame:
    """The SWOT's entries as :mod:`display` reads them."""
    return result.tables["entries"].frame


def curated_inputs(ctx) -> dict[str, str]:
    """The officers' entries file the result reads, by content (part of its result's key)."""
    from pipelines.core.section_build import file_digests

    _, curated = swot.swot_files(ctx.review)
    return file_digests([curated]) if curated is not None and curated.is_file() else {}
