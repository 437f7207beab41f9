"""Recommendations and action tracker (from the register named by the review's ``tracker`` key)."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.core.section_build import EXTERNAL_INPUTS
from pipelines.sections.tracker.parameters import TrackerParameters


def build(ctx, params):
    """The tracker's result (:func:`result.build`), imported lazily (the registry stays light)."""
    from pipelines.sections.tracker import result

    return result.build(ctx, params)


def register_inputs(ctx) -> dict[str, str]:
    """The register file the result reads, by content (:func:`result.register_inputs`)."""
    from pipelines.sections.tracker import result

    return result.register_inputs(ctx)


SPEC = register_section(
    SectionSpec(
        name="tracker",
        notebook="60_recommendations",
        title="Recommendations and action tracker",
        parameters=TrackerParameters,
        datasets=(),
        optional_datasets=(),
        figures=(),
        officer_files=("recommendations.yml",),
        build=build,
        purpose=(
            "recommendations and action tracker: status of every recommendation and action at the"
            " meeting by workstream (the project plan's legend, status word always written), what"
            " changed since the previous meeting, what is overdue; register `recommendations.yml`"
            " in the raw folder (review key `tracker`; a register marked illustrative, as the "
            'demo\'s, prints every status and due date as "Not recorded", and where its items'
            " are in one workstream says what it holds in a sentence instead of a one-row table)"
        ),
    )
)
EXTERNAL_INPUTS[SPEC.notebook] = register_inputs
