"""Keys of the retention section's figures (built by :mod:`pipelines.sections.retention.result`)."""

from __future__ import annotations

SECTION = "45_retention"
#: Figures the section publishes: the starters' two-year leaving share and the projected agency
#: cost, per service.
FIGURE_KEYS = (
    "retention_leave_within_two_years_childrens",
    "retention_leave_within_two_years_adults",
    "retention_agency_rise_childrens",
    "retention_agency_rise_adults",
)
