"""Sandwell's recruitment campaigns as a council without the export types them into its review.

Sandwell's report to its scrutiny board (11 September 2017) prints 59 appointments in six months
of open recruitment, a recruitment partner's targets of 45 experienced social workers and 11 team
managers, 11 recruited against a target of 15 agency-to-permanent posts (4 in post, 7 in
pre-employment checks) and 20 newly qualified social workers to start by October. Every figure,
deadline and source is read from ../shared/reference/seed_figures.yml (the ``seed`` fixture).
"""

from __future__ import annotations

OPEN = "Open recruitment (first six months of 2017)"
PARTNER_SW = "Sanctuary: experienced social workers"
PARTNER_TM = "Sanctuary: team managers"
AGENCY = "Agency volume campaign"
NQSW = "Newly qualified social workers"


def sandwell_campaigns(seed: dict) -> list[dict[str, object]]:
    """The recruitment section's ``campaigns`` parameter holding Sandwell's printed figures.

    Each campaign's source is the report's paragraph with the report's date (``source_date``,
    the seed's report date), so its targets are sourced targets (issue 22).
    """
    s = seed["sandwell"]
    dated = s["report"]["date"]["value"]
    return [{**c, "source_date": dated} for c in _campaigns(s)]


def _campaigns(s: dict) -> list[dict[str, object]]:
    return [
        {
            "name": OPEN,
            "appointed": s["appointments_first_6_months_2017"]["value"],
            "source": s["appointments_first_6_months_2017"]["source"],
        },
        {
            "name": PARTNER_SW,
            "target": s["sanctuary_target_social_workers"]["value"],
            "deadline": s["sanctuary_target_social_workers"]["deadline"],
            "source": s["sanctuary_target_social_workers"]["source"],
        },
        {
            "name": PARTNER_TM,
            "target": s["sanctuary_target_team_managers"]["value"],
            "deadline": s["sanctuary_target_team_managers"]["deadline"],
            "source": s["sanctuary_target_team_managers"]["source"],
        },
        {
            "name": AGENCY,
            "target": s["dedicated_agency_target"]["value"],
            "in_post": s["dedicated_agency_in_post"]["value"],
            "in_checks": s["dedicated_agency_in_checks"]["value"],
            "source": s["dedicated_agency_recruited"]["source"],
        },
        {
            "name": NQSW,
            "target": s["nqsw_recruitment_target"]["value"],
            "deadline": s["nqsw_recruitment_target"]["deadline"],
            "source": s["nqsw_recruitment_target"]["source"],
        },
    ]
