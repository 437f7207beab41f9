"""Parameters of the leavers section (``notebooks/10_leavers.ipynb``), besides the common ones.

Ranges (a value outside is refused before the build, naming the parameter): each service's
length-of-service band edges are above 0 and increase (at most 100, two decimal places);
"short service" is above 0 years (at most 50); the focus service has bands of its own; at
least one top reason is named (at most 20); every service of the review has band edges.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from pipelines.core.registry import SectionParameters, increasing


class LeaversParameters(SectionParameters):
    """The leavers section's own parameters; defaults are the notebook's."""

    service_bands: dict[str, list[float]] = Field(
        default={
            "Adult Social Care": [1, 2, 5, 10],
            "Children's Social Care": [1, 2, 5, 10],
        },
        description="length-of-service band edges in years, per service",
    )
    short_service_years: float = Field(
        default=2.0, gt=0, le=50, description='"short service" means less than this many years'
    )
    short_service_focus: str = Field(
        default="Children's Social Care",
        description="service whose short-service leavers are examined",
    )
    top_n: int = Field(default=3, ge=1, le=20, description="how many top reasons to name")

    @field_validator("service_bands")
    @classmethod
    def _bands(cls, value: dict[str, list[float]]) -> dict[str, list[float]]:
        if not value:
            raise ValueError("service_bands must give band edges for at least one service")
        for service, edges in value.items():
            increasing(
                edges,
                f"the band edges of {service} (years of service)",
                above=0,
                at_most=100,
                decimals=2,
            )
        return value

    @model_validator(mode="after")
    def _focus_has_bands(self) -> LeaversParameters:
        if self.short_service_focus not in self.service_bands:
            raise ValueError(
                f"short_service_focus is {self.short_service_focus!r}, which has no band edges "
                f"in service_bands (services: {', '.join(self.service_bands)}): name one of them"
            )
        return self

    def review_problems(self, review: object) -> list[str]:
        """Every service of the review needs band edges (the section shows each service)."""
        missing = [s for s in getattr(review, "services", []) if s not in self.service_bands]
        if not missing:
            return []
        return [
            f"parameter 'service_bands' gives no band edges for {', '.join(missing)}, a service "
            f"of this review (it gives: {', '.join(self.service_bands)}); add them, e.g. "
            f"{missing[0]}: [1, 2, 5, 10]"
        ]
