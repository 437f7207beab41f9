"""Leavers and exit interviews: who left, after how long, why and where they went."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.leavers.parameters import LeaversParameters


def build(ctx, params) -> object:
    """The section's result for a run (:func:`pipelines.sections.leavers.result.build`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.leavers import result

    return result.build(ctx, params)


def compute_figures(ctx, params) -> list:
    """The section's typed figures for a run: the figures of its result (:func:`build`)."""
    return list(build(ctx, params).figures)


def finding_text(fig, m, pol=None, **words) -> str | None:
    """The sentence of a key finding on one of the section's figures (:mod:`.text`), or None.

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.leavers import text

    return text.finding_text(fig, m, pol, **words)


SPEC = register_section(
    SectionSpec(
        name="leavers",
        notebook="10_leavers",
        title="Leavers and exit interviews",
        parameters=LeaversParameters,
        datasets=("leavers", "establishment"),
        # Without exit interview forms the tables on them are left out, each saying why.
        optional_datasets=("exit_interviews", "exit_ratings"),
        figures=(
            "turnover_childrens",
            "turnover_adults",
            "social_work_turnover_childrens",
            "social_work_turnover_adults",
            "exit_return_rate",
            "lowest_rated_aspect",
            "exit_ratings_good_or_excellent",
            # figures.finding_figures: for the ranked findings and the SWOT
            "short_service_childrens",
            "short_service_adults",
            "leaving_reasons",
            "would_return",
        ),
        compute_figures=compute_figures,
        build=build,
        finding_text=finding_text,
        targets={
            "turnover_*": "turnover_percent",
            "exit_return_rate*": "exit_interview_return_percent",
        },
        purpose=(
            "leavers and exit interviews: turnover, roles, length of service, reasons, "
            "short-service leavers, exit forms, destinations, ratings"
        ),
    )
)
