"""The recruitment and retention scorecard.

Written from the figures the other sections publish; it reads whichever tidy datasets the
review has.
"""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.scorecard.parameters import ScorecardParameters


def build(ctx, params):
    """The scorecard's result (:func:`result.build`), imported lazily (the registry stays light)."""
    from pipelines.sections.scorecard import result

    return result.build(ctx, params)


SPEC = register_section(
    SectionSpec(
        name="scorecard",
        notebook="70_scorecard",
        title="Recruitment and retention scorecard",
        parameters=ScorecardParameters,
        datasets=(),
        optional_datasets=(),
        figures=("newly_qualified_childrens", "newly_qualified_adults"),
        summary=True,
        build=build,
        purpose=(
            "scorecard: vacancy, turnover, agency worker rate, caseload, newly qualified ratio "
            "and exit interview return rate against the review's targets, met or not, direction "
            "of travel; top themes from the staff survey, reasons for leaving and leavers' new "
            "employers"
        ),
    )
)
