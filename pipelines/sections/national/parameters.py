"""Parameters of the national comparison (``notebooks/30_local_vs_national.ipynb``).

Besides the common ones.
"""

from __future__ import annotations

from pydantic import Field

from pipelines.core.registry import SectionParameters


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
