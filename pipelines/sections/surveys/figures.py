"""Survey figures: each service's least positive staff-survey answer and the locums who felt valued.

The figures are those of the section's result (:func:`pipelines.sections.surveys.result.build`):
each service's least positive answer is a cell of its results table there, so the key findings,
SWOT and scorecard print the value the chapter prints.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import Figure
from pipelines.core.results import FramesContext

SECTION = "20_surveys"
#: Keys of the figures :func:`compute_figures` can publish.
FIGURE_KEYS = (
    "survey_least_positive_childrens",
    "survey_least_positive_adults",
    "locum_felt_valued",
)


def compute_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """The survey section's headline figures: the figures of its result on ``frames``.

    Parameters
    ----------
    cfg : Review
        The review configuration (services, dataset sources).
    frames : mapping of str to DataFrame
        Tidy datasets: ``staff_survey`` and ``staff_survey_answers`` give the least positive
        answers, ``locum_survey`` the share of locums who felt valued.
    params : mapping, optional
        The section's parameters in the meeting: ``staff_period`` and ``locum_period`` (when the
        surveys were open) are the figures' periods (the dataset's source line otherwise).

    Returns
    -------
    list of Figure
        ``survey_least_positive_<service>`` (the highest mean score of any question, 1 = most
        positive, :attr:`Kind.MEAN_SCORE`, denominator the people who answered it, read from
        the service's results table) and ``locum_felt_valued`` (locums answering Yes as a
        percentage of all respondents, :attr:`Kind.PERCENT_OF_PEOPLE`).

    """
    from pipelines.core.section_build import build_section

    given = {k: v for k, v in dict(params or {}).items() if v is not None}
    return list(build_section(FramesContext(cfg, None, frames), SECTION, given).figures)
