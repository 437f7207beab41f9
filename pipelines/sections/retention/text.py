"""Sentences of the retention section's findings (called by :mod:`pipelines.sections.findings`)."""

from __future__ import annotations

from pipelines.core.figures import Figure, Kind, format_value


def finding_text(fig: Figure, m, pol=None) -> str:
    """The key-finding sentence of a retention figure under the policy ``pol``.

    ``retention_leave_within_two_years_*``: the Kaplan-Meier share of starters who leave within
    two years, its interval and the seed's share-of-leavers measure beside it;
    ``retention_agency_rise_*``: agency FTE now and at the end of the projection, and the extra
    cost a year. No count of people is printed (shares and FTE only).
    """
    service = fig.label.split(":", 1)[0]
    if fig.key.startswith("retention_leave_within_two_years_"):
        share = float(fig.value or 0)
        one_in = round(100 / share) if share > 0 else None
        about = f"about 1 in {one_in}" if one_in and one_in >= 2 else f"{share:.0f}%"
        return (
            f"{service}: {about} social workers who start leave within two years "
            f"({share:.0f}% of starters, 95% interval {fig.notes.get('low')}% to "
            f"{fig.notes.get('high')}%; {fig.period}). This is a starter's chance of leaving; "
            f"the papers' {fig.notes.get('share_of_leavers')}% is a share of the year's leavers, "
            "which moves with how many were recruited."
        )
    n = fig.notes
    return (
        f"{service}: at current starting, leaving and agency-conversion rates, agency FTE goes "
        f"from {n.get('agency_start')} at {n.get('start')} to {n.get('agency_end')} by "
        f"{n.get('end')} (95% interval {n.get('agency_low')} to {n.get('agency_high')}), about "
        f"{format_value(fig.value, Kind.MONEY_PER_YEAR)} more than now."
    )
