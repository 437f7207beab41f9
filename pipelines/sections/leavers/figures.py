"""Leavers' figures: turnover by service, the exit-form return rate and the lowest-rated aspect.

:func:`compute_figures` turns the section's tidy frames (:func:`~pipelines.sections.leavers.
analysis.turnover`, :func:`~pipelines.sections.leavers.exit_interviews.return_rates`,
:func:`~pipelines.sections.leavers.exit_interviews.aspect_counts`) into typed
:class:`~pipelines.core.figures.Figure` records from the review config, the tidy datasets and
the section's parameters in the meeting, like every section's ``figures`` module.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import SERVICE_KEYS, Figure, Kind, has, target
from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import exit_interviews as lx

SECTION = "10_leavers"
#: Keys of the figures :func:`compute_figures` can publish.
FIGURE_KEYS = (
    "turnover_childrens",
    "turnover_adults",
    "social_work_turnover_childrens",
    "social_work_turnover_adults",
    "exit_return_rate",
    "lowest_rated_aspect",
    "exit_ratings_good_or_excellent",
)
#: The notebook's defaults for the parameters the findings use.
DEFAULTS = {"short_service_years": 2.0, "short_service_focus": "Children's Social Care"}


def period_leavers(cfg, frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The leavers whose leaving date falls in the review period."""
    return lv.in_period(frames["leavers"], cfg.period.start, cfg.period.end)


def compute_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """The leavers section's headline figures.

    Parameters
    ----------
    cfg : Review
        The review configuration (period, targets, dataset sources).
    frames : mapping of str to DataFrame
        The review's tidy datasets; without ``leavers`` and ``establishment`` there are no
        figures, without ``exit_interviews`` no return rate, without ``exit_ratings`` no aspect.
    params : mapping, optional
        The section's parameters in the meeting (not used by these figures).

    Returns
    -------
    list of Figure
        ``turnover_<service>`` (leavers per 100 qualified posts, kind
        :attr:`Kind.PEOPLE_PER_100_POSTS`, numerator leavers, denominator posts) and
        ``social_work_turnover_<service>`` (social work leavers per 100 social worker posts),
        read from the turnover table (:func:`pipelines.sections.leavers.result.turnover_figures`),
        ``exit_return_rate`` (forms returned as a percentage of leavers, both services,
        :attr:`Kind.PERCENT_OF_PEOPLE`) and ``lowest_rated_aspect`` (percentage of forms rating
        the lowest-rated aspect good or excellent) and ``exit_ratings_good_or_excellent`` (the
        share of all ratings given, every form and aspect, that were good or excellent: a
        percentage of ratings, :attr:`Kind.PERCENT`, not of people). All describe the review
        period, as at its last day.

    """
    figures: list[Figure] = []
    if not has(frames, "leavers", "establishment"):
        return figures
    leavers = period_leavers(cfg, frames)
    hr = cfg.datasets["leavers"].source
    common = dict(section=SECTION, period=cfg.period.label, as_at=cfg.period.end)
    # The turnover figures are read from the section's turnover table (leavers.result).
    from pipelines.sections.leavers import result

    table = result.turnover_table(cfg, leavers, frames["establishment"])
    figures += result.turnover_figures(cfg, table)
    if has(frames, "exit_interviews"):
        returns = lx.return_rates(leavers, frames["exit_interviews"])
        n_leavers = int(returns["leavers"].sum())
        n_forms = int(returns["forms_returned"].sum())
        figures.append(
            Figure(
                key="exit_return_rate",
                label="Exit interview forms returned (% of leavers)",
                value=100.0 * n_forms / n_leavers if n_leavers else float("nan"),
                kind=Kind.PERCENT_OF_PEOPLE,
                numerator=float(n_forms),
                denominator=float(n_leavers),
                direction="higher",
                source=f"{cfg.datasets['exit_interviews'].source}; {hr}",
                table="exit_return_rate",
                row="Total",
                column="Return rate (%)",
                comparators=target(cfg.targets.exit_interview_return_percent),
                **common,
            )
        )
    if has(frames, "exit_ratings"):
        ratings = frames["exit_ratings"]
        good = int(ratings["rating"].isin(["Excellent", "Good"]).sum())
        figures.append(
            Figure(
                key="exit_ratings_good_or_excellent",
                label="Exit interview ratings that were good or excellent (% of ratings given)",
                value=lx.share_good_or_excellent(ratings),
                kind=Kind.PERCENT,
                numerator=float(good),
                denominator=float(len(ratings)),
                direction="higher",
                source=cfg.datasets["exit_interviews"].source
                if "exit_interviews" in cfg.datasets
                else "Exit interview forms",
                **common,
            )
        )
        worst = lx.aspect_counts(frames["exit_ratings"]).iloc[0]
        figures.append(
            Figure(
                key="lowest_rated_aspect",
                label=f"Leavers' lowest-rated aspect of employment: "
                f"{worst['aspect'].lower()} (% good or excellent)",
                value=float(worst["good_or_excellent_percent"]),
                kind=Kind.PERCENT_OF_PEOPLE,
                numerator=float(worst["excellent"] + worst["good"]),
                denominator=float(worst["answered"]),
                direction="higher",
                source=cfg.datasets["exit_interviews"].source
                if "exit_interviews" in cfg.datasets
                else "Exit interview forms",
                table="aspect_ratings",
                row=worst["aspect"],
                column=lx.ASPECT_LABELS["good_or_excellent_percent"],
                **common,
            )
        )
    return figures


#: Keys of the figures :func:`finding_figures` can publish (for ranked findings and the SWOT).
FINDING_KEYS = (
    "short_service_childrens",
    "short_service_adults",
    "leaving_reasons",
    "would_return",
)


def finding_figures(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object] | None = None
) -> list[Figure]:
    """Further leavers' figures the ranked findings and the SWOT use.

    Parameters
    ----------
    params : mapping, optional
        The section's parameters; ``short_service_years`` (default 2) sets "short service".

    Returns
    -------
    list of Figure
        ``short_service_<service>``: leavers with less than ``short_service_years`` years'
        service as a percentage of the service's leavers (:attr:`Kind.PERCENT_OF_PEOPLE`,
        numerator and denominator headcounts); ``leaving_reasons``: the most common recorded
        reason for leaving, both services (value: leavers giving it, :attr:`Kind.PEOPLE`,
        denominator all leavers in the period; ``row`` names the reason, ``notes["reasons"]``
        lists every reason as ``reason=count`` separated by ``|``); ``would_return``: leavers
        who answered the exit form's "would you consider returning" Yes (:attr:`Kind.PEOPLE`,
        denominator those who answered Yes or No).

    """
    out: list[Figure] = []
    if not has(frames, "leavers"):
        return out
    p = {**DEFAULTS, **dict(params or {})}
    years = float(p["short_service_years"])
    leavers = period_leavers(cfg, frames)
    hr = cfg.datasets["leavers"].source
    common = dict(section=SECTION, period=cfg.period.label, as_at=cfg.period.end)
    for service, key in SERVICE_KEYS.items():
        group = leavers[leavers["service"] == service]
        if group.empty:
            continue
        short = int((group["years_of_service"] < years).sum())
        out.append(
            Figure(
                key=f"short_service_{key}",
                label=f"{service}: leavers with less than {years:g} years' service (% of leavers)",
                value=100.0 * short / len(group),
                kind=Kind.PERCENT_OF_PEOPLE,
                numerator=float(short),
                denominator=float(len(group)),
                direction="lower",
                source=hr,
                table=f"service-length-{service}",
                row=f"Less than {years:g} years",
                column="Leavers",
                **common,
            )
        )
    reasons = lv.reasons(leavers)
    if len(reasons):
        top = reasons.iloc[0]
        out.append(
            Figure(
                key="leaving_reasons",
                label="Most common recorded reason for leaving, both services",
                value=float(top["leavers"]),
                kind=Kind.PEOPLE,
                denominator=float(len(leavers)),
                source=hr,
                table="reasons",
                row=str(top["reason"]),
                column="Leavers",
                notes={
                    "reasons": "|".join(
                        f"{r.reason}={int(r.leavers)}" for r in reasons.itertuples()
                    )
                },
                **common,
            )
        )
    if has(frames, "exit_interviews"):
        forms = frames["exit_interviews"]
        if "would_consider_returning" in forms:
            counts = lx.answer_counts(forms, "would_consider_returning")
            yes, no = int(counts["forms"].iloc[0]), int(counts["forms"].iloc[1])
            if yes + no:
                out.append(
                    Figure(
                        key="would_return",
                        label="Leavers who would consider returning (of those who answered)",
                        value=float(yes),
                        kind=Kind.PEOPLE,
                        numerator=float(yes),
                        denominator=float(yes + no),
                        direction="higher",
                        source=cfg.datasets["exit_interviews"].source,
                        table="would-return",
                        row="Yes",
                        column="Leavers",
                        **common,
                    )
                )
    return out
