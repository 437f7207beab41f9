"""Recruitment: the funnel by route and campaign, time to hire, declines, campaigns and targets."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.recruitment.parameters import RecruitmentParameters

#: Keys of the figures the section publishes (:mod:`pipelines.sections.recruitment.result`).
FIGURE_KEYS = (
    "recruitment_applications",
    "recruitment_offer_acceptance",
    "recruitment_time_to_hire",
    "starters_per_year_childrens",
    "starters_per_year_adults",
    "recruitment_appointments_against_target",
    "newly_qualified_intake",
    "recruitment_cost_per_hire",
)


def build(ctx, params) -> object:
    """The section's result for a run (:func:`pipelines.sections.recruitment.result.build`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.recruitment import result

    return result.build(ctx, params)


def finding_text(fig, m, pol=None, **words) -> str | None:
    """The sentence of a key finding on one of the section's figures (:mod:`.text`), or None.

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.recruitment import text

    return text.finding_text(fig, m, pol, **words)


SPEC = register_section(
    SectionSpec(
        name="recruitment",
        notebook="15_recruitment",
        title="Recruitment",
        parameters=RecruitmentParameters,
        datasets=(),
        optional_datasets=("recruitment",),
        figures=FIGURE_KEYS,
        build=build,
        finding_text=finding_text,
        purpose=(
            "recruitment: the funnel by route and campaign, time to hire, offers declined and "
            "withdrawals, appointments against campaign targets, newly qualified intake, cost "
            "per hire"
        ),
    )
)
