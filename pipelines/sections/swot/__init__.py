"""The SWOT of the local position.

Written from the figures the other sections publish; it reads whichever tidy datasets the
review has.
"""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.core.section_build import EXTERNAL_INPUTS
from pipelines.sections.swot.parameters import SwotParameters


def build(ctx, params):
    """The SWOT's result (:func:`result.build`), imported lazily (the registry stays light)."""
    from pipelines.sections.swot import result

    return result.build(ctx, params)


def curated_inputs(ctx) -> dict[str, str]:
    """The officers' entries file, by content (:func:`result.curated_inputs`)."""
    from pipelines.sections.swot import result

    return result.curated_inputs(ctx)


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
        build=build,
        purpose=(
            "SWOT of the local position: a 2×2 grid and the evidence for every entry (figure, "
            "comparator, source, period, section of the pack); entries from rules in "
            "`config/swot/<review>.yml` over the pack's figures (`pipelines.sections.indicators`)"
            " and from officers' entries with cited evidence (`swot_curated.yml` in the raw "
            "folder)"
        ),
    )
)
EXTERNAL_INPUTS[SPEC.notebook] = curated_inputs
