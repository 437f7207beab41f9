"""Parameters of the surveys section (``notebooks/20_surveys.ipynb``), besides the common ones.

Ranges (a value outside is refused before the build, naming the parameter): the small-numbers
threshold is 0 or more (0: no caution); the confidence level is between 0 and 1 (0.95 for 95%);
bootstrap resamples are 100 to 100,000 (fewer give unstable ranges); at least 1 comment is quoted.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from pipelines.core.data_periods import period_problems
from pipelines.core.registry import SectionParameters


class SurveysParameters(SectionParameters):
    """The surveys section's own parameters; defaults are the notebook's.

    The survey periods come from the review config's datasets (``dataset_periods``): the
    parameters only override them, and one naming another period is refused.
    """

    #: Parameter -> the dataset whose period it carries (pipelines.core.data_periods).
    dataset_periods: ClassVar[dict[str, str]] = {
        "staff_period": "staff_survey",
        "locum_period": "locum_survey",
    }

    staff_period: str = Field(
        default="",
        description="when the staff survey was open (blank: the staff_survey dataset's "
        "period in the review config)",
    )
    locum_period: str = Field(
        default="",
        description="when the locum survey was run (blank: the locum_survey dataset's "
        "period in the review config)",
    )
    previous_wave: str = Field(
        default="",
        description="dataset key of an earlier wave of the staff survey; blank for none",
    )
    small_n: int = Field(
        default=30,
        ge=0,
        description="fewer answers than this in a group earns a small-numbers caution",
    )
    confidence: float = Field(
        default=0.95, gt=0, lt=1, description="level of the likely range shown for each average"
    )
    resamples: int = Field(
        default=10000,
        ge=100,
        le=100_000,
        description="bootstrap resamples behind each likely range",
    )
    comments_shown: int = Field(
        default=200,
        ge=1,
        description=(
            "most staff comments quoted in the exempt pack; above it, examples of each theme"
        ),
    )

    def review_problems(self, review: object) -> list[str]:
        """An earlier wave must be a dataset of the review; a survey's period is said once.

        A ``staff_period`` or ``locum_period`` naming another period than its dataset in the
        review config ("early 2025" against "May to June 2025") is refused: a paper
        would print both (:func:`pipelines.core.data_periods.period_problems`).
        """
        datasets = getattr(review, "datasets", {})
        out = period_problems(self.model_dump(), self.dataset_periods, datasets)
        if self.previous_wave and self.previous_wave not in datasets:
            out.append(
                f"parameter 'previous_wave' is {self.previous_wave!r}, which is not a dataset of "
                f"this review (its datasets: {', '.join(datasets)}); name the earlier wave's "
                "dataset or leave it blank"
            )
        return out
