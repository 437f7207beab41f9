"""Staff and locum surveys: what permanent staff and locum social workers said."""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.sections.surveys.parameters import SurveysParameters


def build(ctx, params) -> object:
    """The section's result for a run (:func:`pipelines.sections.surveys.result.build`).

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.surveys import result

    return result.build(ctx, params)


def compute_figures(ctx, params) -> list:
    """The section's typed figures for a run: the figures of its result (:func:`build`)."""
    return list(build(ctx, params).figures)


SPEC = register_section(
    SectionSpec(
        name="surveys",
        notebook="20_surveys",
        title="Staff and locum surveys",
        parameters=SurveysParameters,
        datasets=("staff_survey", "staff_survey_answers"),
        optional_datasets=("locum_survey", "survey_published"),
        figures=(
            "survey_least_positive_childrens",
            "survey_least_positive_adults",
            "locum_felt_valued",
        ),
        compute_figures=compute_figures,
        build=build,
        purpose=(
            "staff and locum surveys: answers per question and service (number answering, average"
            " with a 95% bootstrap range, questions above the midpoint flagged), diverging "
            "(Likert) bar charts worst first, children's vs adults' staff (Mann-Whitney U), every"
            " published survey figure checked against the respondent data, free-text themes from "
            "a codebook (verbatim comments in the exempt pack only), locum survey, comparison "
            "with an earlier wave"
        ),
    )
)
