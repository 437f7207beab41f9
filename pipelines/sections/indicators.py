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
from pipelines.sections.leavers import figures as leavers_figures
from pipelines.sections.national import figures as national_figures
from pipelines.sections.recruitment import FIGURE_KEYS as RECRUITMENT_KEYS
from pipelines.sections.retention import figures as retention_figures
from pipelines.sections.surveys import figures as survey_figures
from pipelines.sections.workforce import figures as workforce_figures

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
]

#: Keys :func:`collect_indicators` can produce (rules naming any other key are rejected).
KNOWN_KEYS = (
    *leavers_figures.FIGURE_KEYS,
    *leavers_figures.FINDING_KEYS,
    *workforce_figures.FIGURE_KEYS,
    *workforce_figures.FINDING_KEYS,
    *survey_figures.FIGURE_KEYS,
    *national_figures.FIGURE_KEYS,
    *retention_figures.FIGURE_KEYS,
    *RECRUITMENT_KEYS,
)
#: DfE measure column -> indicator key.
DFE_KEYS = national_figures.DFE_KEYS
#: Comparators a figure can carry, as columns of the indicators frame.
COMPARATORS = ("england", "region", "neighbour_median", "target", "previous")
#: Notes a figure can carry, as columns of the indicators frame.
NOTES = ("region_name", "comparator_period")


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

    Sections with a ``build`` (leavers, surveys, workforce, ...) give the figures of their
    result (:func:`result_figures`: the same records their notebook shows); the national
    comparison's ``compute_figures`` (only when ``include_national`` and the meeting's pack has
    the section) reads its result too (the stored one for ``ctx``). Parameters are those of
    :func:`collect_indicators`; ``ctx`` is the run (its stored results are read, not built
    again).

    Returns
    -------
    list of Figure
        Only figures shown by ``sections`` when it is given.

    """
    parameters = parameters or {}
    figures = result_figures(
        cfg,
        frames,
        meeting=meeting,
        sections=sections,
        parameters=parameters,
        ctx=ctx,
        skip=(national_figures.SECTION,),
    )
    if include_national and (sections is None or national_figures.SECTION in sections):
        figures += national_figures.compute_figures(
            cfg,
            frames,
            parameters.get(national_figures.SECTION, {}),
            meeting=meeting,
            national=national,
            ctx=ctx,
        )
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


def result_figures(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    *,
    meeting: str | dt.date | None = None,
    sections: Sequence[str] | None = None,
    parameters: Mapping[str, Mapping[str, object]] | None = None,
    ctx=None,
    skip: Sequence[str] = (),
) -> list[Figure]:
    """The figures of every registered section with a ``build``, from its result.

    Each such section (in notebook order; only those in ``sections`` when given) is built with
    :func:`pipelines.core.results.build_section` for the run ``ctx`` (its stored result is
    read when the notebook built it already), or, without a run, for ``cfg`` and ``frames``
    (:class:`~pipelines.core.results.FramesContext`). ``parameters`` gives each section's, by
    notebook. Sections in ``skip`` are left out (the national comparison, whose figures
    :func:`collect_figures` obtains with the DfE data it was given, or none without the files).
    """
    from pipelines.core import registry, results

    run = ctx if ctx is not None else results.FramesContext(cfg, meeting, frames)
    parameters = parameters or {}
    out: list[Figure] = []
    for notebook, spec in registry.discover().items():
        if spec.build is None or notebook in skip:
            continue
        if sections is not None and notebook not in sections:
            continue
        out += results.build_section(run, notebook, parameters.get(notebook, {})).figures
    return out


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
        (:func:`result_figures`) instead of building it again from ``frames``.

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
