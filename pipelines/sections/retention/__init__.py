"""Retention: how long starters stay (Kaplan-Meier curves) and where the workforce is heading."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.retention.figures import FIGURE_KEYS
from pipelines.sections.retention.parameters import RetentionParameters


def build(ctx, params) -> object:
    """The section's result for a run (:func:`pipelines.sections.retention.result.build`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.retention import result

    return result.build(ctx, params)


def compute_figures(ctx, params) -> list:
    """The section's typed figures for a run: the figures of its result (:func:`build`)."""
    return list(build(ctx, params).figures)


def finding_text(fig, m, pol=None, **words) -> str | None:
    """The sentence of a key finding on one of the section's figures (:mod:`.text`), or None.

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.retention import text

    return text.finding_text(fig, m, pol, others=words.get("others", ()))


SPEC = register_section(
    SectionSpec(
        name="retention",
        notebook="45_retention",
        title="How long starters stay, and where the workforce is heading",
        parameters=RetentionParameters,
        datasets=(
            "leavers",
            "staff_in_post",
            "workforce_snapshot",
            "pay_rates",
        ),
        optional_datasets=("leaver_qualifications", "caseloads", "market_supplements"),
        figures=FIGURE_KEYS,
        compute_figures=compute_figures,
        build=build,
        finding_text=finding_text,
        # the "posts made permanent" option is the workforce section's number of posts
        parameters_of=("40_workforce_costs",),
        purpose=(
            "retention: Kaplan-Meier curves of how long starters stay by service, start year and "
            "experience on joining, beside the share-of-leavers measure; permanent, agency and "
            "vacant FTE projected by quarter at current rates, with scenarios and their cost"
        ),
    )
)
