"""Workforce figures: the figures of the section's result, for the collectors that name them.

The figures are computed once, by :func:`pipelines.sections.workforce.result.build`, from the
tables the chapter shows; :func:`compute_figures` and :func:`finding_figures` read them from that
result, so the key findings, the SWOT and the scorecard print what the chapter prints.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import Figure
from pipelines.core.results import FramesContext
from pipelines.sections.workforce import result as wr

SECTION = wr.SECTION
#: Keys of the headline figures :func:`compute_figures` can publish.
FIGURE_KEYS = (
    "agency_rate_childrens",
    "agency_rate_adults",
    "vacancy_rate_childrens",
    "vacancy_rate_adults",
    "average_caseload_childrens",
    "agency_extra_cost_per_fte_childrens",
    "agency_extra_cost_per_fte_adults",
)
#: Keys of the figures :func:`finding_figures` can publish (for ranked findings).
FINDING_KEYS = ("agency_premium",)
as_at_date = wr.as_at_date
as_at_period = wr.as_at_period


def _figures(cfg, frames, params) -> list[Figure]:
    """The figures of the section's result built on ``frames`` (not stored: no run folder)."""
    return list(wr.build(FramesContext(cfg, None, dict(frames)), dict(params or {})).figures)


def compute_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """The section's headline figures (:data:`FIGURE_KEYS`), from its result.

    Per service: ``agency_rate_<service>`` (agency FTE as a percentage of FTE in post) and
    ``vacancy_rate_<service>`` (vacant FTE as a percentage of establishment FTE);
    ``average_caseload_childrens`` (cases per case-holding children's worker, headcount);
    ``agency_extra_cost_per_fte_<service>`` (extra cost a year of an agency practitioner in
    post over a permanent post, FTE-weighted over the service's practitioner posts). See
    :mod:`pipelines.sections.workforce.result`.
    """
    return [f for f in _figures(cfg, frames, params) if f.key in FIGURE_KEYS]


def finding_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """Further figures the ranked findings use (:data:`FINDING_KEYS`): ``agency_premium``."""
    return [f for f in _figures(cfg, frames, params) if f.key in FINDING_KEYS]
