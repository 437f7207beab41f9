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


# --- Westbury: a new user's exports as they came, the columns it lacks declared absent -------

#: Westbury's own columns.yml: its headers, one header feeding two columns (the snapshot's
#: org unit is its service and its team) and every column its systems do not have set to ``~``.
WESTBURY_COLUMNS = {
    "leavers": {
        "employee_ref": ["Person Number"],
        "service": ["Department"],
        "team": None,
        "job_title": ["Job"],
        "grade": ["Grade"],
        "fte": ["Assignment FTE"],
        "service_start_date": ["Latest Hire Date"],
        "leaving_date": ["Actual Termination Date"],
        "leaving_reason": ["Action Reason"],
    },
    "establishment": {
        "service": ["Cost Centre / Org Unit"],
        "posts": ["Budgeted FTE"],
        "profession": None,
        "scope": None,
    },
    "workforce_snapshot": {
        "service": ["Cost Centre / Org Unit"],
        "team": ["Cost Centre / Org Unit"],
        "job_title": ["Post Title"],
        "grade": ["Pay Band"],
        "establishment_fte": ["Budgeted FTE"],
        "permanent_fte": ["Substantive FTE in Post"],
        "agency_fte": ["Interim/Agency FTE"],
        "vacant_fte": ["Vacant FTE"],
    },
    "pay_rates": {
        "service": None,
        "job_title": ["Role"],
        "grade": ["Pay Band"],
        "salary": ["Top of Band (£ pa)"],
        "employer_ni": None,
        "market_supplement": None,
        "car_allowance": None,
    },
    "caseloads": {
        "worker_id": ["LCS Worker ID"],
        "service": ["Team"],
        "team": ["Team"],
        "job_title": ["Worker Role"],
        "grade": None,
        "worker_type": None,
        "fte": None,
        "date_qualified": None,
        "looked_after": None,
        "child_protection": None,
        "children_in_need": None,
        "care_leavers": None,
        "total_cases": ["Children Allocated"],
    },
}
#: Westbury's leaving reasons, as its HR system words them.
WESTBURY_REASONS = {
    "Workload": ["Resigned - caseload too high"],
    "Agency work": ["Resigned - going to agency/locum work"],
    "Career – better opportunity": ["Resigned - promotion elsewhere"],
    "Childcare/family/carers": ["Resigned - family reasons"],
    "Moving location": ["Resigned - moving away"],
    "Better pay and conditions": ["Resigned - salary"],
    "End of fixed-term contract": ["End of temporary contract"],
}


def westbury_survey_mapping() -> dict:
    """Westbury's staff survey: five agreement statements and one free-text question."""
    from tests.councils.generators import WESTBURY_QUESTIONS, WESTBURY_STAY

    keys = ["manager", "caseload", "supervision", "recommend", "two_years"]
    questions = {
        key: {"number": i + 1, "question": q, "short": q.rstrip("."), "family": "agreement"}
        for i, (key, q) in enumerate(zip(keys, WESTBURY_QUESTIONS, strict=True))
    }
    questions["stay"] = {
        "number": 6,
        "question": WESTBURY_STAY,
        "short": "What would make them stay",
        "family": "free_text",
    }
    return {"staff_survey": {"name": "Staff survey", "questions": questions}}


def westbury_workforce_parameters() -> dict:
    """The workforce section's parameters Westbury set: its grade, its agency rate's basis."""
    post = {"service": CHILDREN_SERVICE, "job_title": "Social Worker", "grade": "WB7"}
    return {
        "price_base": "2025/26 pay rates, cash",
        "agency_hourly_rate": 36,
        "agency_hours_per_week": 37,
        "agency_weeks_per_year": 46,
        "agency_rate_basis": "agency charge rate for a social worker (pay bands table)",
        "agency_comparator": "Agency Social Worker",
        "cost_comparators": [post],
        "supplement_change": dict(post),
        "capped_rate_roles": ["Social Worker", "Senior Practitioner"],
    }


CHILDREN_SERVICE = "Children's Social Care"
#: Westbury's first meeting, and the sections its end-to-end build holds (tiny data).
WESTBURY_MEETING = dt.date(2026, 6, 17)
WESTBURY_NOTEBOOKS = ("10_leavers", "20_surveys", "40_workforce_costs", "90_data_quality")


def write_westbury_review(
    council, folder: Path, *, notebooks: tuple[str, ...] = WESTBURY_NOTEBOOKS
) -> Path:
    """Write Westbury's review into ``folder`` (exports in ``raw/``, its own ``mappings/``):
    the datasets its exports give, a meeting of ``notebooks`` (``40_workforce_costs`` with
    :func:`westbury_workforce_parameters`); no market supplement register (it pays none)."""
    from tests.councils.generators import write_westbury

    raw = folder / "raw"
    write_westbury(council, raw)
    datasets = {key: _dataset(council, key, council.files[key]) for key in council.rows}
    datasets["establishment"]["sheet"] = "Establishment"
    datasets["pay_rates"]["sheet"] = "Bands"
    datasets["workforce_snapshot"] = {
        **_dataset(council, "workforce_snapshot", council.files["establishment"]),
        "sheet": "Establishment",
    }
    mappings = folder / "mappings"
    mappings.mkdir(parents=True, exist_ok=True)
    own = {
        "columns.yml": WESTBURY_COLUMNS,
        "services.yml": {CHILDREN_SERVICE: [CHILDREN_SERVICE, *council.org_units]},
        "leaving_reasons.yml": WESTBURY_REASONS,
        "survey_questions.yml": westbury_survey_mapping(),
    }
    for name, table in own.items():
        (mappings / name).write_text(
            yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    sections = [
        {"notebook": n, "parameters": westbury_workforce_parameters()}
        if n == "40_workforce_costs"
        else {"notebook": n}
        for n in notebooks
    ]
    config = {
        "id": council.review_id,
        "council": council.council,
        "la_code": council.la,
        "committee": "Children's social work workforce task and finish group",
        "members": [],
        "contact_officer": {"name": "Alex Morgan"},
        "services": council.services,
        "raw_dir": str(raw),
        "mappings": str(mappings),
        "period": {
            "start": council.period_start.isoformat(),
            "end": council.period_end.isoformat(),
            "label": "1 April 2025 to 31 March 2026",
        },
        "question": "why do Westbury's children's social workers leave, and what would make "
        "them stay?",
        "influenceable_reasons": ["Workload", "Agency work", "Better pay and conditions"],
        "datasets": datasets,
        "meetings": [
            {
                "date": WESTBURY_MEETING.isoformat(),
                "label": "First meeting",
                "sections": sections,
            },
        ],
    }
    path = folder / f"{council.review_id}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
