"""Recommendations and action tracker (from the register named by the review's ``tracker`` key)."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.tracker.parameters import TrackerParameters

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
        purpose=(
            "recommendations and action tracker: status of every recommendation and action at the"
            " meeting by workstream (the project plan's legend, status word always written), what"
            " changed since the previous meeting, what is overdue; register `recommendations.yml`"
            " in the raw folder (review key `tracker`; demo statuses illustrative, see "
            "`README-tracker.md`)"
        ),
    )
)
