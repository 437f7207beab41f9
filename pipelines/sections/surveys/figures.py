"""Survey figures: each service's least positive staff-survey answer and the locums who felt valued.

:func:`compute_figures` works from the tidy frames of :mod:`pipelines.sections.surveys.analysis`
(:func:`~pipelines.sections.surveys.analysis.question_averages`) and the tidy locum survey.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, has
from pipelines.sections.surveys import analysis as sv

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
    """The survey section's headline figures.

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
        positive, :attr:`Kind.MEAN_SCORE`, denominator the people who answered it) and
        ``locum_felt_valued`` (locums answering Yes as a percentage of all respondents,
        :attr:`Kind.PERCENT_OF_PEOPLE`).

    """
    params = params or {}
    figures: list[Figure] = []
    if not has(frames, "staff_survey", "staff_survey_answers"):
        return figures
    source = cfg.datasets["staff_survey"].source
    period = str(params.get("staff_period") or source)
    for service in cfg.services:
        key = SERVICE_KEYS.get(service)
        scored = sv.question_averages(frames["staff_survey_answers"], service).dropna(
            subset=["average"]
        )
        if scored.empty or not key:
            continue
        worst = scored.loc[scored["average"].idxmax()]
        figures.append(
            Figure(
                key=f"survey_least_positive_{key}",
                label=f"{service} staff survey: least positive answer, "
                f"\u201c{worst['short']}\u201d (average, 1 = most positive)",
                value=float(worst["average"]),
                kind=Kind.MEAN_SCORE,
                denominator=float(worst["answered"]),
                direction="lower",
                source=source,
                period=period,
                section=SECTION,
                table=f"results_{service}",
                row=worst["short"],
                column=sv.AVERAGE,
            )
        )
    if has(frames, "locum_survey") and "locum_survey" in cfg.datasets:
        locum = frames["locum_survey"]
        n = len(locum)
        yes = sv.yes_count(locum["valued_by_la"])
        source = cfg.datasets["locum_survey"].source
        figures.append(
            Figure(
                key="locum_felt_valued",
                label="Locums who felt valued by the authority (%)",
                value=100.0 * yes / n,
                kind=Kind.PERCENT_OF_PEOPLE,
                numerator=float(yes),
                denominator=float(n),
                direction="higher",
                source=source,
                period=str(params.get("locum_period") or source),
                section=SECTION,
                table="locum_summary",
                row=sv.survey_questions("locum_survey")["valued_by_la"]["short"],
                column=f"% of {n} respondents",
            )
        )
    return figures
