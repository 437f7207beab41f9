"""Parameters of the national comparison (``notebooks/30_local_vs_national.ipynb``).

Besides the common ones. Ranges (a value outside is refused before the build, naming the
parameter): the year is 0 (the latest) or a year from 2000 to 2100; comparators are among
"England", "region" and "statistical neighbours", at least one.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from pipelines.core.registry import SectionParameters

#: What the council can be compared with (as :func:`pipelines.sections.national.analysis`
#: accepts them; "neighbours", "sn" and "statistical neighbour" mean the last).
COMPARATOR_NAMES = ("england", "region", "statistical neighbours")
COMPARATOR_ALIASES = ("neighbours", "sn", "statistical neighbour")


class NationalParameters(SectionParameters):
    """The national comparison's own parameters; defaults are the notebook's."""

    la: str = Field(
        default="",
        description=(
            "local authority: name, ONS code or DfE code; blank means the la_code of the review"
        ),
    )
    year: int = Field(
        default=0,
        description=(
            "reporting year (figures at 30 September); 0 means the latest not after the meeting"
        ),
    )
    comparators: list[str] = Field(
        default=["England", "region", "statistical neighbours"],
        description="what the council is compared with",
    )

    @field_validator("year")
    @classmethod
    def _year(cls, value: int) -> int:
        if value != 0 and not 2000 <= value <= 2100:
            raise ValueError("year must be 0 (the latest year) or a year such as 2016")
        return value

    @field_validator("comparators")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError('comparators must name at least one of "England", "region"')
        known = COMPARATOR_NAMES + COMPARATOR_ALIASES
        bad = [v for v in value if v.strip().casefold() not in known]
        if bad:
            raise ValueError(
                f'comparators can be "England", "region" or "statistical neighbours"; '
                f"not known: {', '.join(bad)}"
            )
        return value
