"""Indicators: the headline figures the other pack sections produce, in one table.

The SWOT (:mod:`pipelines.sections.swot.analysis`) and the scorecard
(:mod:`pipelines.sections.scorecard.analysis`) work from these figures. Each section computes its
own as typed :class:`~pipelines.core.figures.Figure` records in its ``figures`` module
(``pipelines/sections/<name>/figures.py``, ``compute_figures``) from the review's tidy data (and,
for the national comparison, the DfE files read by :mod:`pipelines.datasets.national.dfe`); this
module only collects them (:func:`collect_figures`) and lays them out as a table
(:func:`figures_frame`). Each records where the section shows it: the section (notebook), the
table's name (``tables/<section>__<table>.csv`` in the built pack), the row and the column. So
every figure can be checked against its section.

Each source is optional: a dataset that is not loaded, or national files that are not there,
leave their indicators out.

Columns of :func:`collect_indicators`
-------------------------------------
key, label, value, unit ("%", "cases" or "average (1 to 5)"), direction ("lower" or "higher"
is better), england, region, neighbour_median, target, previous (comparators; missing when
there is none), region_name, comparator_period (the period of the national comparators),
source (as cited under the section's table), period, section (notebook name), table, row,
column, kind (the :class:`~pipelines.core.figures.Kind` value, e.g. "percentage of people"),
numerator and denominator (the counts behind a rate; missing when there are none): the SWOT
needs them to protect a percentage whose small numerator, or small rest, a published base would
give away (issue 26).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.core.figures import SERVICE_KEYS as SERVICE_KEYS  # re-exported
from pipelines.core.figures import Figure, Kind, format_value

COLUMNS = [
    "key",
    "label",
    "value",
    "unit",
    "direction",
    "england",
    "region",
    "neighbour_median",
    "target",
    "previous",
    "region_name",
    "comparator_period",
    "source",
    "period",
    "section",
    "table",
    "row",
    "column",
    "kind",
    "numerator",
    "denominator",
    "as_at",
]

#: Comparators a figure can carry, as columns of the indicators frame.
COMPARATORS = ("england", "region", "neighbour_median", "target", "previous")
#: Notes a figure can carry, as columns of the indicators frame.
NOTES = ("region_name", "comparator_period")


def known_keys() -> tuple[str, ...]:
    """Keys :func:`collect_indicators` can produce: every registered section's ``figures``.

    Read from the section registry (:func:`pipelines.core.registry.figure_keys`), so a new
    section's figures are known here without editing this module; SWOT rules naming any other
    key are refused.
    """
    from pipelines.core import registry

    return registry.figure_keys()


def collect_figures(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    *,
    meeting: str | dt.date | None = None,
    sections: Sequence[str] | None = None,
    parameters: Mapping[str, Mapping[str, object]] | None = None,
    national=None,
    include_national: bool = True,
    ctx=None,
) -> list[Figure]:
    """The headline figures of the pack's sections, as typed records.

    Every registered section that publishes figures (:func:`pipelines.core.registry.
    figure_sections`, in notebook order; only those in ``sections`` when given) gives the
    figures of its result: a section with a ``build`` and no inputs of its own through
    :func:`pipelines.core.section_build.build_section` (the result stored for ``ctx`` is read, not
    built again), a section with inputs outside the tidy data (``SectionSpec.inputs``: the
    national comparison's DfE files) through its ``compute_figures``, given those inputs when
    the caller holds them (``national``). ``include_national=False`` leaves out the sections
    that read the DfE files (no national files needed). Without ``ctx`` the sections are built
    from ``cfg`` and ``frames`` (:class:`~pipelines.core.results.FramesContext`).

    Returns
    -------
    list of Figure
        Only figures shown by ``sections`` when it is given, and published by ``meeting``
        (:func:`known_by`) when it is given.

    """
    from pipelines.core import registry, results, section_build

    run = ctx if ctx is not None else results.FramesContext(cfg, meeting, frames)
    parameters = parameters or {}
    given = {"national": national}
    left_out = set() if include_national else {"national"}
    figures: list[Figure] = []
    for notebook, spec in registry.figure_sections().items():
        if sections is not None and notebook not in sections:
            continue
        if left_out & set(spec.inputs):
            continue
        params = parameters.get(notebook, {})
        if spec.build is not None and not spec.inputs:
            figures += section_build.build_section(run, notebook, params).figures
        else:
            held = {name: given[name] for name in spec.inputs if given.get(name) is not None}
            figures += spec.compute_figures(run, params, **held)
    if sections is not None:
        figures = [f for f in figures if f.section in set(sections)]
    if meeting:
        figures = known_by(figures, meeting)
    return figures


def known_by(figures: Sequence[Figure], meeting: str | dt.date) -> list[Figure]:
    """The figures published by the meeting date (time-true by rule, not by opt-in).

    A figure published after the meeting (``published`` later than the date, or marked
    ``later_data`` by the national comparison) never reaches that meeting's findings, SWOT or
    scorecard; a review that shows later DfE data for context shows it in the technical annex
    only, under "published after this meeting".
    """
    day = meeting if isinstance(meeting, dt.date) else dt.date.fromisoformat(str(meeting))
    return [
        f
        for f in figures
        if not f.notes.get("later_data") and not (f.published is not None and f.published > day)
    ]


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """Figure records as the indicators table (columns :data:`COLUMNS`, one row per figure).

    ``unit`` is the kind's unit ("%", "cases", "average (1 to 5)"); value and target are
    floats (NaN where there is none); other comparators and notes a figure lacks are None.
    ``previous`` is the figure's ``previous`` comparator, else its latest earlier value
    (``Figure.earlier``), so the scorecard shows the direction of travel where the data hold it.
    """
    rows = []
    for f in figures:
        row = dict.fromkeys(COLUMNS)
        row.update(
            key=f.key,
            label=f.label,
            value=None if f.value is None else float(f.value),
            unit=f.unit,
            direction=f.direction,
            source=f.source,
            period=f.period,
            section=f.section,
            table=f.table,
            row=f.row,
            column=f.column,
            kind=f.kind.value,
            numerator=f.numerator,
            denominator=f.denominator,
            as_at=None if f.as_at is None else str(f.as_at),  # the last day the figure counts
        )
        row.update({c: f.comparators.get(c) for c in COMPARATORS})
        if row["previous"] is None and f.earlier:
            row["previous"] = f.earlier[-1].value  # the latest earlier value the data hold
        row.update({n: f.notes.get(n) for n in NOTES})
        rows.append(row)
    table = pd.DataFrame(rows, columns=COLUMNS)
    numeric = ["value", "target", "numerator", "denominator"]
    table[numeric] = table[numeric].astype(float)
    return table


def collect_indicators(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    *,
    meeting: str | dt.date | None = None,
    sections: Sequence[str] | None = None,
    parameters: Mapping[str, Mapping[str, object]] | None = None,
    national=None,
    include_national: bool = True,
    ctx=None,
) -> pd.DataFrame:
    """The headline figures of the pack's sections, with their comparators and where shown.

    The table of :func:`collect_figures` (:func:`figures_frame`).

    Parameters
    ----------
    cfg : Review
        The review configuration (period, targets, dataset sources, LA code).
    frames : mapping of str to DataFrame
        The review's tidy datasets (:func:`pipelines.core.validation_summary.load_frames`);
        absent datasets leave their indicators out.
    meeting : str or date, optional
        Meeting date: the national comparison uses the latest DfE year not after it.
    sections : sequence of str, optional
        Keep only indicators shown by these sections (the meeting's pack); None keeps all.
    parameters : mapping, optional
        Section name -> that section's parameters in the meeting (for the snapshot date and
        survey period as the section states them).
    national : NationalData, optional
        DfE data already read; read with
        :func:`pipelines.datasets.national.dfe.load_national` otherwise.
    include_national : bool
        False leaves the DfE indicators out (no national files needed).
    ctx : RunContext, optional
        The run: sections with a ``build`` give the figures of the result stored for it
        (:func:`collect_figures`) instead of building it again from ``frames``.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, columns :data:`COLUMNS`. Rates are percentages (0 to 100),
        caseloads cases per worker, survey averages on the survey's 1 to 5 scale.

    """
    figures = collect_figures(
        cfg,
        frames,
        meeting=meeting,
        sections=sections,
        parameters=parameters,
        national=national,
        include_national=include_national,
        ctx=ctx,
    )
    return figures_frame(figures).reset_index(drop=True)


def meeting_sections(cfg, meeting: str | dt.date) -> tuple[list[str], dict[str, dict]]:
    """The section names of a meeting's pack and their parameters, from the review config."""
    m = cfg.meeting(meeting)
    return [s.notebook for s in m.sections], {s.notebook: dict(s.parameters) for s in m.sections}


def value_text(value: float | None, unit: str) -> str:
    """A figure in words for sentences: "23.2%", "20.6 cases", "3.28 (1 to 5 scale)"."""
    if value is None or pd.isna(value):
        return "no figure"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "average (1 to 5)":
        return f"{value:.2f}"
    if unit in ("people", "posts", "forms") or unit.startswith("£"):
        return format_value(value, UNIT_KINDS[unit]) + ("" if unit.startswith("£") else f" {unit}")
    return f"{value:.1f} {unit}"


#: Units of counts and money -> the kind that formats them.
UNIT_KINDS = {
    "people": Kind.PEOPLE,
    "posts": Kind.POSTS,
    "forms": Kind.FORMS,
    "£ a year": Kind.MONEY_PER_YEAR,
    "£": Kind.MONEY,
}
