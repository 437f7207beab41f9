"""National comparison figures: the council's five DfE measures, with their comparators.

England, region, statistical-neighbour median, the year before and every earlier year the
meeting may show. They are the figures of the section's result
(:func:`pipelines.sections.national.result.build`, read from its comparison table), so the key
findings, SWOT and scorecard print what the chapter prints; :func:`compute_figures` only
obtains that result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import Figure
from pipelines.sections.national.result import DFE_KEYS, DFE_KINDS, SECTION

__all__ = ["DFE_KEYS", "DFE_KINDS", "FIGURE_KEYS", "SECTION", "compute_figures", "read_national"]

#: Keys of the figures :func:`compute_figures` can publish.
FIGURE_KEYS = tuple(DFE_KEYS.values())


def read_national(national=None):
    """The DfE data given, else read (None when the national files are not there).

    Read with :func:`~pipelines.datasets.national.dfe.load_national`.
    """
    if national is not None:
        return national
    from pipelines.datasets.national.dfe import load_national

    try:
        return load_national()
    except Exception:  # noqa: BLE001 - the national files are optional for the figures
        return None


def compute_figures(
    cfg,
    frames: Mapping[str, pd.DataFrame] | None = None,
    params: Mapping[str, object] | None = None,
    *,
    meeting: str | dt.date | None = None,
    national=None,
    ctx=None,
) -> list[Figure]:
    """The council's DfE figures for the latest year published by the meeting.

    Parameters
    ----------
    cfg : Review
        The review configuration (its ``la_code`` names the council).
    frames : mapping, optional
        Not used (the figures come from the DfE files); accepted like every section's.
    params : mapping, optional
        The section's parameters in the meeting (``la``, ``year``, ``comparators``).
    meeting : str or date, optional
        Meeting date (ISO); the year is the latest published by it (or later when the review
        opted into later data).
    national : NationalData, optional
        DfE data already read; read from the national files otherwise (no figures when they
        are not there).
    ctx : RunContext, optional
        The run: its stored result is read (:func:`pipelines.core.section_build.build_section`)
        instead of building it again, when ``national`` is not given.

    Returns
    -------
    list of Figure
        The figures of the section's result (:func:`pipelines.sections.national.result.
        figures`); none when nothing was published by the meeting and the review did not opt
        into later data.

    """
    from pipelines.core.results import FramesContext
    from pipelines.core.section_build import build_section
    from pipelines.datasets.national.resolve import NotPublishedByMeeting
    from pipelines.sections.national.result import build_from

    data = read_national(national)
    if data is None:
        return []
    try:
        if ctx is not None and national is None:
            return list(build_section(ctx, SECTION, params or {}).figures)
        run = FramesContext(cfg, meeting, dict(frames or {}))
        return list(build_from(data, run, _own(params)).figures)
    except NotPublishedByMeeting:
        return []  # nothing published by the meeting and no opt-in to later data


def _own(params: Mapping[str, object] | None) -> dict[str, object]:
    """The section's own parameters among ``params`` (the common ones left out)."""
    from pipelines.sections.national.parameters import NationalParameters

    return {k: v for k, v in dict(params or {}).items() if k in NationalParameters.model_fields}
