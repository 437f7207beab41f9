"""Parameters of the surveys section (``notebooks/20_surveys.ipynb``), besides the common ones.

Ranges (a value outside is refused before the build, naming the parameter): the small-numbers
threshold is 0 or more (0: no caution); the confidence level is between 0 and 1 (0.95 for 95%);
bootstrap resamples are 100 to 100,000 (fewer give unstable ranges); at least 1 comment is quoted.
"""

from __future__ import annotations

import re

from pydantic import Field

from pipelines.core.registry import SectionParameters


class SurveysParameters(SectionParameters):
    """The surveys section's own parameters; defaults are the notebook's."""

    staff_period: str = Field(
        default="",
        description="when the staff survey was open (blank: no period stated; the source "
        "line cites the survey)",
    )
    locum_period: str = Field(
        default="",
        description="when the locum survey was run (blank: no period stated; the source "
        "line cites the survey)",
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

        A ``staff_period`` or ``locum_period`` given while the survey's dataset ``source``
        names another period ("early 2016" against "January to February 2016") is refused:
        a paper would print both.
        """
        datasets = getattr(review, "datasets", {})
        out = []
        for key, name in (("staff_period", "staff_survey"), ("locum_period", "locum_survey")):
            given = " ".join(str(getattr(self, key)).split())
            source = " ".join(str(getattr(datasets.get(name), "source", "") or "").split())
            named = NAMED_PERIOD.findall(source)
            if given and named and given.lower() not in source.lower():
                out.append(
                    f"parameter '{key}' is {given!r} but the {name} dataset's source names "
                    f"{named[0]!r}: give the survey's period once, the same in both"
                )
        if self.previous_wave and self.previous_wave not in datasets:
            out.append(
                f"parameter 'previous_wave' is {self.previous_wave!r}, which is not a dataset of "
                f"this review (its datasets: {', '.join(datasets)}); name the earlier wave's "
                "dataset or leave it blank"
            )
        return out


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A period as a survey's source names it: "November 2015", "January to February 2016", "early
#: 2016" (refused elsewhere as vague, but a period all the same).
NAMED_PERIOD = re.compile(
    rf"\b(?:(?:{_MONTHS})(?:\s+\d{{4}})?\s*(?:to|-|–)\s*)?(?:{_MONTHS})\s+\d{{4}}\b"
    r"|\b(?:early|late|mid|spring|summer|autumn|winter)[\s-]+\d{4}\b",
    re.IGNORECASE,
)
