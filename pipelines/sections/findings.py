"""Each section's findings list, computed in Python from the tidy data and the parameters.

The key findings at the front of a pack (:func:`pipelines.core.pack.key_findings_section`) are
chosen from these lists; they are the same sentences each section notebook shows under its
title (``page.show_findings(...)``), written by the same functions and put through the same
disclosure rule (:func:`pipelines.core.disclosure.protect_text`), so the pack no longer reads
them back out of executed notebooks.

Sections with a findings list: leavers, surveys, the national comparison, workforce, the
recommendations tracker and the scorecard (:data:`WRITERS`). Each section's parameters are its
notebook's defaults with the meeting's values over them (:func:`section_parameters`).
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from pipelines.core import disclosure
from pipelines.sections.leavers import figures as leavers_figures
from pipelines.sections.national import figures as national_figures
from pipelines.sections.surveys import figures as survey_figures
from pipelines.sections.workforce import figures as workforce_figures


def notebook_defaults(notebook: str) -> dict[str, object]:
    """A section's default parameters.

    From the section's registered parameter model (:mod:`pipelines.core.registry`) when it has
    one, else from the notebook's parameters cell (read, not executed, with papermill).
    """
    from pipelines.core.registry import discover

    spec = discover().get(notebook)
    if spec is not None:
        return {
            name: field.default
            for name, field in spec.parameters.model_fields.items()
            if not field.is_required()
        }
    import papermill as pm

    from pipelines.core.config import project_root

    path = project_root() / "notebooks" / f"{notebook}.ipynb"
    out = {}
    for name, info in pm.inspect_notebook(str(path)).items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            continue
    return out


def section_parameters(notebook: str, given: Mapping[str, object] | None) -> dict[str, object]:
    """A section's parameters in a meeting: its defaults with the meeting's values over them."""
    return {**notebook_defaults(notebook), **dict(given or {})}


def tracker_findings(cfg, meeting: str | dt.date) -> list[str]:
    """The recommendations tracker's findings at a meeting (empty without a register)."""
    from pipelines.sections.tracker import analysis as tr

    register = tr.load_register(tr.register_path(cfg))
    frame = tr.register_frame(register)
    return tr.findings(frame, str(meeting), tr.previous_meeting(cfg, str(meeting)))


def scorecard_findings(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    meeting: str | dt.date,
    national=None,
) -> list[str]:
    """The scorecard's findings at a meeting, from the figures of the meeting's sections."""
    from pipelines.sections import indicators as ix
    from pipelines.sections.scorecard import analysis as sc

    sections, params = ix.meeting_sections(cfg, meeting)
    indicators = ix.collect_indicators(
        cfg, frames, meeting=meeting, sections=sections, parameters=params, national=national
    )
    indicators = sc.with_newly_qualified(
        indicators, frames, cfg, as_at=params.get("40_workforce_costs", {}).get("as_at")
    )
    return sc.findings(sc.measures_table(indicators))


#: Notebook -> ``(cfg, frames, params, pol, meeting, national) -> list[str]``.
WRITERS: dict[str, Callable[..., list[str]]] = {
    leavers_figures.SECTION: lambda cfg, frames, params, pol, meeting, national: (
        leavers_figures.section_findings(cfg, frames, params, pol)
    ),
    survey_figures.SECTION: lambda cfg, frames, params, pol, meeting, national: (
        survey_figures.section_findings(cfg, frames, params, pol)
    ),
    national_figures.SECTION: lambda cfg, frames, params, pol, meeting, national: (
        national_figures.section_findings(
            cfg, frames, params, pol, meeting=meeting, national=national
        )
    ),
    workforce_figures.SECTION: lambda cfg, frames, params, pol, meeting, national: (
        workforce_figures.section_findings(cfg, frames, params, pol)
    ),
    "60_recommendations": lambda cfg, frames, params, pol, meeting, national: tracker_findings(
        cfg, meeting
    ),
    "70_scorecard": lambda cfg, frames, params, pol, meeting, national: scorecard_findings(
        cfg, frames, meeting, national
    ),
}


def section_findings(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    meeting: str | dt.date,
    *,
    pol: disclosure.Policy | None = None,
    sections: Sequence[str] | None = None,
    national=None,
) -> dict[str, list[str]]:
    """The findings list of each section of a meeting's pack, as the section shows it.

    Parameters
    ----------
    cfg : Review
        The review configuration.
    frames : mapping of str to DataFrame
        The review's tidy datasets (those the build has just cleaned and validated).
    meeting : str or date
        The meeting (ISO date); its sections and their parameters come from the review config.
    pol : Policy, optional
        The disclosure policy of the build (its audience and threshold); exempt when None. Each
        sentence goes through :func:`pipelines.core.disclosure.protect_text` with it, as
        ``page.show_findings`` does.
    sections : sequence of str, optional
        Only these notebooks (default: the meeting's sections).
    national : NationalData, optional
        DfE data already read (read from the national files otherwise).

    Returns
    -------
    dict of str to list of str
        Notebook name -> its findings, in the meeting's section order; sections with no
        findings list (the SWOT, the data-quality appendix) are left out.

    """
    m = cfg.meeting(meeting)
    pol = pol or disclosure.Policy()
    out: dict[str, list[str]] = {}
    for ref in m.sections:
        if ref.notebook not in WRITERS or (sections is not None and ref.notebook not in sections):
            continue
        params = section_parameters(ref.notebook, ref.parameters)
        items = WRITERS[ref.notebook](cfg, frames, params, pol, str(m.date), national)
        out[ref.notebook] = [disclosure.protect_text(text, pol) for text in items]
    return out


def context_frames(ctx) -> dict[str, pd.DataFrame]:
    """The tidy datasets of a run: every ``*.parquet`` in ``ctx.processed_dir`` that is a dataset.

    (The cleaning log and the validation summary are left out, as in
    :func:`pipelines.core.validation.load_frames`.)
    """
    from pipelines.core.validation import NOT_DATASETS

    return {
        p.stem: pd.read_parquet(p)
        for p in sorted(ctx.processed_dir.glob("*.parquet"))
        if p.stem not in NOT_DATASETS
    }


def context_findings(ctx, *, national=None) -> dict[str, list[str]]:
    """:func:`section_findings` for a run context: its review, tidy data, meeting and policy.

    What the pack build passes to :func:`pipelines.core.pack.key_findings_section`.
    """
    return section_findings(
        ctx.review, context_frames(ctx), ctx.meeting, pol=ctx.policy, national=national
    )
