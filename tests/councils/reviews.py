"""The review of an invented council, written as a new council's officer would set it up.

:func:`write_review` writes, into one folder, the review configuration (``<id>.yml``), the raw
exports (``raw/``, from :mod:`tests.councils.generators`) and the review's own mapping tables
(``mappings/``: its org units under its services, its survey questions, its exit form's
aspects and its job titles), so a test can build the council's pack without touching
``config/`` or ``data/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tests.councils.generators import (
    EXIT_ASPECTS,
    SURVEY_MAPPING,
    Council,
    write,
    write_survey,
)

#: What each dataset is, as the council's officer describes it (one row per person where so).
DESCRIPTIONS = {
    "leavers": "HR system leavers extract, one row per leaver",
    "exit_interviews": "exit interview forms, one row per form",
    "establishment": "funded social work posts by org unit",
    "workforce_snapshot": "posts by org unit, team, job title and grade",
    "pay_rates": "annual pay per post and grade used for costing",
    "caseloads": "case management extract, one row per case-holding worker",
    "market_supplements": "market supplement register",
    "staff_survey": "staff survey export, one row per respondent",
}
SNAPSHOTS = ("workforce_snapshot", "caseloads")


def _dataset(council: Council, key: str, file: str) -> dict:
    entry = {
        "file": file,
        "description": DESCRIPTIONS[key],
        "source": f"{council.council}, {DESCRIPTIONS[key]}",
    }
    if key in SNAPSHOTS:
        entry["as_at"] = council.snapshot.isoformat()
    return entry


def write_review(
    council: Council,
    folder: Path,
    *,
    survey_tool: str,
    meeting: dt.date,
    sections: list[dict],
    themes: dict | None = None,
) -> Path:
    """Write the council's review into ``folder``; returns the configuration's path.

    ``sections`` are the meeting's sections as the configuration lists them (notebook and
    parameters). The staff survey is written in ``survey_tool``'s layout
    (:func:`tests.councils.generators.survey_export`); ``themes``, when given, is the review's
    own codebook of its free-text question (``survey_themes.yml`` under ``staff_survey``).
    """
    raw = folder / "raw"
    write(council, raw)
    datasets = {key: _dataset(council, key, council.files[key]) for key in council.rows}
    if council.survey:
        path = write_survey(survey_tool, council.survey, raw)
        datasets["staff_survey"] = _dataset(council, "staff_survey", path.name)
    mappings = folder / "mappings"
    mappings.mkdir(parents=True, exist_ok=True)
    services = {
        s: [s, *(u for u, of in council.org_units.items() if of == s)] for s in council.services
    }
    own = {
        "services.yml": services,
        "survey_questions.yml": SURVEY_MAPPING,
        "values.yml": {"exit_aspects": EXIT_ASPECTS},
    }
    if themes:
        own["survey_themes.yml"] = {"staff_survey": themes}
    for name, table in own.items():
        (mappings / name).write_text(
            yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    start, end = council.period_start, council.period_end
    label = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    config = {
        "id": council.review_id,
        "council": council.council,
        "la_code": council.la,
        "committee": f"{council.council} scrutiny panel: social work recruitment and retention",
        "members": [{"name": "Councillor Ashby", "role": "Chair"}, {"name": "Councillor Brook"}],
        "contact_officer": {"name": "Sam Rowe", "title": "Scrutiny Officer"},
        "services": council.services,
        "raw_dir": str(raw),
        "mappings": str(mappings),
        "period": {
            "start": council.period_start.isoformat(),
            "end": council.period_end.isoformat(),
            "label": label,
        },
        "datasets": datasets,
        "disclosure_threshold": 5,
        "meetings": [{"date": meeting.isoformat(), "label": "Panel meeting", "sections": sections}],
    }
    path = folder / f"{council.review_id}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def workforce_parameters(council: Council) -> dict:
    """The workforce section's parameters a new council sets: its agency hourly rate (pounds an
    hour), the job titles it applies to, its posts and its price base."""
    service = council.services[-1]  # Children's Social Care (services are sorted)
    post = {"service": service, "job_title": "Social Worker", "grade": "G7"}
    return {
        "agency_hourly_rate": 36,
        "cost_comparators": [post],
        "supplement_change": post,
        "agency_comparator": "Agency Social Worker",
        "capped_rate_roles": ["Social Worker", "Senior Practitioner"],
        "price_base": f"{council.period_end.year}/{council.period_end.year % 100 + 1:02d} "
        "pay rates, cash",
    }


#: Each invented council's review: the survey tool its export comes from, its own codebook
#: for its free-text question (None: none, so the themes are left out) and its sections.
#: Southvale has no exit forms: its leavers section and its scorecard (which reads them where
#: there are some) build without them (issue 21: validate passed such a review and the build
#: failed). Eastmoor names its compared post without a grade (costed at the job title's commonest
#: permanent grade) and no supplement change (the withdrawal model is not done, said in a line).
SETUPS = {
    "northshire": {"survey_tool": "ms_forms", "themes": True, "sections": ("10", "20", "40")},
    "eastmoor": {
        "survey_tool": "surveymonkey",
        "themes": False,
        "sections": ("10", "20", "40"),
        "workforce": "grade left out, no supplement change",
    },
    "southvale": {
        "survey_tool": "google_forms",
        "themes": False,
        "sections": ("10", "20", "70", "90"),
    },
}
NOTEBOOKS = {
    "10": "10_leavers",
    "20": "20_surveys",
    "40": "40_workforce_costs",
    "70": "70_scorecard",
    "90": "90_data_quality",
}
#: Northshire's codebook for "What one thing would make you more likely to stay?".
STAY_THEMES = {
    "stay": {
        "Caseloads": {"description": "Smaller caseloads", "phrases": ["caseload"]},
        "Pay": {"description": "Better pay", "phrases": ["pay"]},
        "Paperwork": {"description": "Less paperwork", "phrases": ["paperwork"]},
    }
}


def meeting_date(council: Council) -> dt.date:
    """The council's meeting: about eleven weeks after the end of its data."""
    return council.period_end + dt.timedelta(days=80)


def write_setup(council: Council, folder: Path) -> Path:
    """Write the review of one of :data:`SETUPS` (by the council's generator name)."""
    name = council.review_id.removeprefix("zz-")
    setup = SETUPS[name]
    sections = []
    for number in setup["sections"]:
        entry: dict = {"notebook": NOTEBOOKS[number]}
        if number == "40":
            entry["parameters"] = workforce_parameters(council)
            if setup.get("workforce"):
                params = entry["parameters"]
                params["cost_comparators"] = [
                    {k: v for k, v in post.items() if k != "grade"}
                    for post in params["cost_comparators"]
                ]
                params.pop("supplement_change")
        sections.append(entry)
    return write_review(
        council,
        folder,
        survey_tool=setup["survey_tool"],
        meeting=meeting_date(council),
        sections=sections,
        themes=STAY_THEMES if setup["themes"] else None,
    )
