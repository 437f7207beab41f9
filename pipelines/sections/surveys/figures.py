"""Survey figures: each service's least positive staff-survey answer and the locums who felt valued.

:func:`compute_figures` works from the tidy frames of :mod:`pipelines.sections.surveys.analysis`
(:func:`~pipelines.sections.surveys.analysis.question_averages`) and the tidy locum survey;
:func:`section_findings` writes the section's findings list as the notebook shows it.
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
#: Bootstrap resamples for the results tables behind the findings: the findings use the
#: averages and the midpoint flags, which do not depend on the bootstrap.
FINDINGS_RESAMPLES = 200


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


def section_findings(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None, pol=None
) -> list[str]:
    """The section's findings list, as the notebook shows it (:func:`sv.findings`).

    Needs ``staff_survey`` and ``staff_survey_answers`` (empty list otherwise); the locum survey
    and the published figures are used when the review has them. ``params`` needs
    ``confidence`` (the level of the likely ranges).
    """
    if not has(frames, "staff_survey", "staff_survey_answers"):
        return []
    params = params or {}
    services = list(cfg.services)
    staff, answers = frames["staff_survey"], frames["staff_survey_answers"]
    locum = frames.get("locum_survey") if "locum_survey" in cfg.datasets else None
    published = frames.get("survey_published") if "survey_published" in cfg.datasets else None
    level = float(params.get("confidence", 0.95))
    results = {
        s: sv.results_table(answers, staff, s, level=level, resamples=FINDINGS_RESAMPLES)
        for s in sv.iter_services(services)
    }
    compared = sv.compare_services(answers, services[0], services[1]) if len(services) > 1 else None
    checks = sv.reconcile(published, staff, answers, locum) if published is not None else None
    themes = sv.theme_counts(
        staff, "improvement", sv.codebook("staff_survey", "improvement"), services
    )
    return sv.findings(staff, results, compared, checks, themes, locum, services, pol=pol)
