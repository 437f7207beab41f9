"""Parameters of the leavers section (``notebooks/10_leavers.ipynb``), besides the common ones."""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


class LeaversParameters(SectionParameters):
    """The leavers section's own parameters; defaults are the notebook's."""

    service_bands: dict[str, list[float]] = Field(
        default={
            "Adult Social Care": [3, 6, 10, 11, 18, 20],
            "Children's Social Care": [1, 2, 5, 10],
        },
        description="length-of-service band edges in years, per service",
    )
    short_service_years: float = Field(
        default=2.0, description='"short service" means less than this many years'
    )
    short_service_focus: str = Field(
        default="Children's Social Care",
        description="service whose short-service leavers are examined",
    )
    top_n: int = Field(default=3, description="how many top reasons to name")
