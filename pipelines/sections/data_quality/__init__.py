"""The data-quality appendix, in every pack.

What was read, what cleaning changed, every published figure checked against the data and every
validation check. Its analysis helpers live in :mod:`pipelines.core.validation_summary`
and :mod:`pipelines.core.reconcile`.
"""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.data_quality.parameters import DataQualityParameters


def build(ctx, params):
    """The appendix's result (:func:`result.build`), imported lazily (the registry stays light)."""
    from pipelines.sections.data_quality import result

    return result.build(ctx, params)


SPEC = register_section(
    SectionSpec(
        name="data_quality",
        notebook="90_data_quality",
        title="Data quality",
        parameters=DataQualityParameters,
        datasets=("cleaning_log",),
        optional_datasets=(),
        figures=(),
        every_pack=True,
        annex_only=True,  # in the technical annex only, never in the report
        build=build,
        purpose=(
            "appendix in every pack: warnings, rows read and kept, cleaning fixes, every "
            "published figure checked against the data, validation results"
        ),
    )
)
