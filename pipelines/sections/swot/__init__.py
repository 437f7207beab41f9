"""The SWOT of the local position.

Written from the figures the other sections publish; it reads whichever tidy datasets the
review has.
"""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.swot.parameters import SwotParameters

SPEC = register_section(
    SectionSpec(
        name="swot",
        notebook="50_swot",
        title="SWOT of the local position",
        parameters=SwotParameters,
        datasets=(),
        optional_datasets=(),
        figures=(),
        summary=True,
        purpose=(
            "SWOT of the local position: a 2×2 grid and the evidence for every entry (figure, "
            "comparator, source, period, section of the pack); entries from rules in "
            "`config/swot/<review>.yml` over the pack's figures (`pipelines.sections.indicators`)"
            " and from officers' entries with cited evidence (`swot_curated.yml` in the raw "
            "folder)"
        ),
    )
)
