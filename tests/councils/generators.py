"""Exports of invented councils, in layouts the demo reviews do not use (issue 21).

Each generator writes, from a seeded random number generator, the record-level exports a
council's own systems would give: other headers (the readers' accepted alternatives), org units
instead of services, date-times where a date is expected, several rows for one service. The
tests compute the figures they check by hand from the same rows (``Council.rows``), never from
the demo exports.

Three councils (built end to end by tests/e2e/test_three_councils.py, their reviews written by
:mod:`tests.councils.reviews`): :func:`northshire` (children's only, three org units, a market
supplement paid in one team, exit forms rating its own aspects), :func:`eastmoor` (adults' and
children's services in five org units) and :func:`southvale` (no exit forms, no locum survey).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

CHILDREN = "Children's Social Care"
ADULTS = "Adult Social Care"

#: Leaving reasons as the HR system words them (all in the shipped mapping).
REASONS = [
    "Resignation - Better Pay/Conditions",
    "Resignation - Career/Better Opportunity",
    "Resignation - Moving Location",
    "Retirement",
    "Resignation - Childcare/Family/Carer",
    "Resignation - Dissatisfied with the council",
]


@dataclass
class Council:
    """An invented council: its review settings and the rows of each export it wrote.

    ``org_units`` maps each org unit (as the HR system names it) to the service it belongs to;
    ``rows`` holds the DataFrames exactly as written (before any cleaning), by dataset key.
    """

    review_id: str
    council: str
    la: str
    services: list[str]
    org_units: dict[str, str]
    period_start: dt.date
    period_end: dt.date
    snapshot: dt.date
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    survey: list[dict] = field(default_factory=list)


def _date_time(day: dt.date, rng: np.random.Generator) -> str:
    """A day as a date-time the way HR and survey tools export it (``26/09/2024 11:19``)."""
    return f"{day:%d/%m/%Y} {int(rng.integers(8, 18)):02d}:{int(rng.integers(0, 60)):02d}"


def leavers(council: Council, rng: np.random.Generator, n: int) -> pd.DataFrame:
    """``n`` leavers inside the review period (one in four also outside it), HR headers."""
    units = list(council.org_units)
    span = (council.period_end - council.period_start).days
    rows = []
    for i in range(n + n // 4):
        inside = i < n
        left = council.period_start + dt.timedelta(days=int(rng.integers(0, span + 1)))
        if not inside:
            left = council.period_start - dt.timedelta(days=int(rng.integers(1, 200)))
        years = float(rng.choice([0.4, 0.9, 1.5, 3, 7, 12, 16]))
        start = left - dt.timedelta(days=int(years * 365.25))
        rows.append(
            {
                "Employee Number": f"N{5000 + i}",
                "Division": units[i % len(units)],
                "Team Name": f"Team {i % 3 + 1}",
                "Post Title": str(rng.choice(["Social Worker", "Senior Practitioner"])),
                "Grade": "G7",
                "Full Time Equivalent": 1,
                "Start Date": f"{start:%d/%m/%Y}",
                "Date Left": _date_time(left, rng),
                "Reason For Leaving": str(rng.choice(REASONS)),
            }
        )
    return pd.DataFrame(rows)


def establishment(council: Council, posts: dict[str, int]) -> pd.DataFrame:
    """Funded qualified posts by org unit: several rows for one service, to be added up."""
    return pd.DataFrame(
        [
            {"Service Area": unit, "Post type": "Social Worker", "Number of posts": n}
            for unit, n in posts.items()
        ]
    )


def workforce_snapshot(council: Council, rng: np.random.Generator) -> pd.DataFrame:
    """Posts by org unit, team, job title and grade with establishment, permanent, agency and
    vacant FTE (vacant = establishment - permanent on every row: a post an agency worker covers
    is vacant, as the DfE counts vacancies)."""
    rows = []
    for unit in council.org_units:
        for team in ("Team 1", "Team 2", "Team 3"):
            for title, grade in (("Social Worker", "G7"), ("Senior Practitioner", "G8")):
                est = float(rng.integers(4, 9))
                perm = float(rng.integers(1, int(est)))
                agency = float(rng.integers(0, int(est - perm) + 1))
                rows.append(
                    {
                        "Directorate": unit,
                        "Team Name": f"{unit} {team}",
                        "Post Title": title,
                        "Pay Grade": grade,
                        "Funded FTE": est,
                        "Permanent FTE in post": perm,
                        "Locum FTE": agency,
                        "Vacancy FTE": est - perm,
                    }
                )
    return pd.DataFrame(rows)


def pay_rates(council: Council) -> pd.DataFrame:
    """One annual rate per service, job title and grade."""
    rows = []
    for service in council.services:
        for title, grade, salary in (
            ("Social Worker", "G7", 34_000),
            ("Senior Practitioner", "G8", 39_000),
        ):
            rows.append(
                {
                    "Service Area": service,
                    "Post Title": title,
                    "Pay Grade": grade,
                    "Annual salary": salary,
                    "Employer on-costs": round(salary * 0.28),
                    "Market supplement (£)": 0,
                    "Essential car user allowance": 0,
                }
            )
    return pd.DataFrame(rows)


def caseloads(council: Council, rng: np.random.Generator, n: int) -> pd.DataFrame:
    """``n`` case-holding workers with cases by type (total = sum of the four)."""
    units = [u for u, s in council.org_units.items() if s == CHILDREN]
    rows = []
    for i in range(n):
        cases = [int(x) for x in rng.integers(0, 8, size=4)]
        rows.append(
            {
                "Worker Ref": f"W{700 + i}",
                "Service Area": units[i % len(units)],
                "Team Name": f"Team {i % 3 + 1}",
                "Post Title": "Social Worker",
                "Pay Grade": "G7",
                "Contract Type": "Agency" if i % 5 == 0 else "Permanent",
                "FTE": 1,
                "Qualified Date": f"{dt.date(council.snapshot.year - 1 - i % 6, 7, 1):%d/%m/%Y}",
                "LAC": cases[0],
                "CP": cases[1],
                "CIN": cases[2],
                "Former relevant children": cases[3],
                "Caseload": sum(cases),
            }
        )
    return pd.DataFrame(rows)


def supplement_register(
    entries: list[dict[str, object]], *, team_column: bool = True
) -> pd.DataFrame:
    """A market supplement register as an HR team keeps it, one row per entry.

    Each entry: ``job_title`` (the register's words, a team or org unit in brackets allowed),
    ``grade``, ``amount`` (pounds a year), and optionally ``team`` (the Team column: the
    supplement is limited to that team) and ``posts`` (the Posts column: a number of posts or
    their references). Headers are ones the reader accepts, not the demo reviews'.
    """
    rows = []
    for e in entries:
        row = {
            "Job Title": e["job_title"],
            "Grade": e["grade"],
            "Market Supplement": f"£{int(e['amount']):,}",
            "Change on last year": e.get("change", "Same"),
        }
        if team_column:
            row["Team"] = e.get("team", "")
        if "posts" in e:
            row["Posts"] = e["posts"]
        rows.append(row)
    return pd.DataFrame(rows)


def write(council: Council, raw: Path) -> None:
    """Write every export of the council into ``raw`` under the names in ``council.files``."""
    raw.mkdir(parents=True, exist_ok=True)
    for key, frame in council.rows.items():
        path = raw / council.files[key]
        if path.suffix == ".xlsx":
            frame.to_excel(path, index=False)
        else:
            frame.to_csv(path, index=False, encoding="utf-8")


def northshire(seed: int = 21) -> Council:
    """A children's-services-only council: org units, date-times, several establishment rows
    for one service, HR and finance headers the demo reviews do not use."""
    rng = np.random.default_rng(seed)
    council = Council(
        review_id="zz-northshire",
        council="Northshire County Council",
        la="909",
        services=[CHILDREN],
        org_units={
            "CSC - Safeguarding North": CHILDREN,
            "CSC - Safeguarding South": CHILDREN,
            "CSC - Children in Care": CHILDREN,
        },
        period_start=dt.date(2024, 4, 1),
        period_end=dt.date(2025, 3, 31),
        snapshot=dt.date(2025, 3, 31),
    )
    council.rows = {
        "leavers": leavers(council, rng, 23),
        "establishment": establishment(
            council,
            {
                "CSC - Safeguarding North": 40,
                "CSC - Safeguarding South": 35,
                "CSC - Children in Care": 30,
            },
        ),
        "workforce_snapshot": workforce_snapshot(council, rng),
        "pay_rates": pay_rates(council),
        "caseloads": caseloads(council, rng, 40),
        "market_supplements": market_supplements(
            [
                {
                    "team": SUPPLEMENT_TEAM,
                    "job_title": "Social Worker",
                    "grade": "G7",
                    "amount": 3000,
                    "change": "New",
                }
            ]
        ),
    }
    council.rows["exit_interviews"] = exit_interviews(council, rng)
    council.files = {
        "leavers": "hr_leavers.csv",
        "exit_interviews": "exit_forms.csv",
        "establishment": "funded_posts.csv",
        "workforce_snapshot": "posts_by_org_unit.xlsx",
        "pay_rates": "pay.csv",
        "caseloads": "case_management_extract.csv",
        "market_supplements": "supplement_register.csv",
    }
    council.survey = survey_respondents(rng, 36, council.services)
    return council


#: The one team Northshire pays its market supplement in (a team of the workforce snapshot).
SUPPLEMENT_TEAM = "CSC - Safeguarding North Team 1"


# --- Survey exports, in the layouts of the tools councils use --------------------------------

#: The questions of the invented councils' staff survey: key -> the header the tool writes.
SURVEY_QUESTIONS = {
    "job_satisfaction": "How satisfied are you with your job overall?",
    "intend_to_leave": "I intend to leave the council within the next twelve months",
    "help": "Which of these would help you most?",
    "stay": "What one thing would make you more likely to stay?",
}
SATISFACTION = [
    "Very satisfied",
    "Satisfied",
    "Neither satisfied nor dissatisfied",
    "Dissatisfied",
    "Very dissatisfied",
]
AGREEMENT = [
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
]
NON_ANSWERS = ["Don't know", "N/A", "Prefer not to say"]
HELP_OPTIONS = [
    "Reflective supervision",
    "Practice educator training",
    "Management and leadership development",
]
#: The layouts :func:`survey_export` writes.
SURVEY_TOOLS = ("ms_forms", "smartsurvey", "surveymonkey", "qualtrics", "google_forms", "plain")

#: The review's own mapping of the survey (config/reviews/<id>/mappings/survey_questions.yml).
SURVEY_MAPPING = {
    "staff_survey": {
        "questions": {
            "job_satisfaction": {
                "number": 1,
                "question": SURVEY_QUESTIONS["job_satisfaction"],
                "short": "Job satisfaction",
                "family": "satisfaction",
            },
            "intend_to_leave": {
                "number": 2,
                "question": SURVEY_QUESTIONS["intend_to_leave"],
                "short": "Intends to leave within a year",
                "family": "agreement",
                "reverse": True,
            },
            "help": {
                "number": 3,
                "question": SURVEY_QUESTIONS["help"],
                "short": "What would help",
                "family": "training_choice",
                "multiple": True,
            },
            "stay": {
                "number": 4,
                "question": SURVEY_QUESTIONS["stay"],
                "short": "What would make you stay",
                "family": "free_text",
            },
        }
    }
}


def survey_respondents(rng: np.random.Generator, n: int, services: list[str]) -> list[dict]:
    """``n`` respondents' answers: a label (or a non-answer, or blank) per scored question,
    the options ticked, a sentence, their service, name and e-mail (to be dropped)."""
    out = []
    for i in range(n):

        def scored(scale: list[str]) -> str | None:
            pick = int(rng.integers(0, 9))
            if pick < 5:
                return scale[pick]
            if pick < 8:
                return NON_ANSWERS[pick - 5]
            return None

        ticked = [o for o in HELP_OPTIONS if rng.random() < 0.5]
        out.append(
            {
                "id": 1000 + i,
                "service": services[i % len(services)],
                "name": f"Person {i}",
                "email": f"person{i}@example.invalid",
                "job_satisfaction": scored(SATISFACTION),
                "intend_to_leave": scored(AGREEMENT),
                "help": ticked,
                "stay": str(rng.choice(["Less paperwork", "Smaller caseloads", "More pay"])),
                "submitted": dt.datetime(2025, 5, 1, 9, 0) + dt.timedelta(hours=int(i) * 7),
            }
        )
    return out


def survey_export(tool: str, respondents: list[dict]) -> list[list[object]]:
    """The rows (header rows first) a survey tool writes for ``respondents``.

    ``ms_forms``: ID, Start time, Completion time, Email, Name, then the questions (date-times,
    options ticked ";"-separated); ``smartsurvey``: UserNo, Name, Email, IP Address, Started,
    Ended; ``surveymonkey``: two header rows (question, then "Response" / "Open-Ended
    Response" / the option), a column per option of a tick-all question, Custom Data 1 holding
    the service; ``qualtrics``: three header rows (ids, question text, ImportId JSON);
    ``google_forms``: Timestamp and Email address first, no respondent ID; ``plain``: Service
    and the questions only.
    """
    q = SURVEY_QUESTIONS
    scored = ["job_satisfaction", "intend_to_leave"]

    def answers(r: dict) -> list[object]:
        return [r["job_satisfaction"], r["intend_to_leave"], ";".join(r["help"]), r["stay"]]

    if tool == "ms_forms":
        head = ["ID", "Start time", "Completion time", "Email", "Name", "Service area"]
        rows = [
            [
                r["id"],
                r["submitted"],
                r["submitted"] + dt.timedelta(minutes=6),
                r["email"],
                r["name"],
                r["service"],
                *answers(r),
            ]
            for r in respondents
        ]
        return [head + list(q.values()), *rows]
    if tool == "smartsurvey":
        head = ["UserNo", "Name", "Email", "IP Address", "Started", "Ended", "Service"]
        rows = [
            [
                r["id"],
                r["name"],
                r["email"],
                f"10.0.0.{r['id'] % 250}",
                f"{r['submitted']:%d/%m/%Y %H:%M:%S}",
                f"{r['submitted']:%d/%m/%Y %H:%M:%S}",
                r["service"],
                *answers(r),
            ]
            for r in respondents
        ]
        return [head + list(q.values()), *rows]
    if tool == "surveymonkey":
        meta = [
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        ]
        head = meta + [q[k] for k in scored] + [q["help"], "", ""] + [q["stay"]]
        second = [""] * len(meta) + ["Response", "Response", *HELP_OPTIONS, "Open-Ended Response"]
        rows = [
            [
                r["id"],
                4242,
                f"{r['submitted']:%m/%d/%Y %I:%M:%S %p}",
                f"{r['submitted']:%m/%d/%Y %I:%M:%S %p}",
                f"10.0.0.{r['id'] % 250}",
                r["email"],
                r["name"].split()[0],
                r["name"].split()[1],
                r["service"],
                r["job_satisfaction"],
                r["intend_to_leave"],
                *[o if o in r["help"] else "" for o in HELP_OPTIONS],
                r["stay"],
            ]
            for r in respondents
        ]
        return [head, second, *rows]
    if tool == "qualtrics":
        ids = ["StartDate", "EndDate", "IPAddress", "ResponseId", "RecipientEmail", "Q0"]
        ids += ["Q1", "Q2", "Q3", "Q4"]
        texts = ["Start Date", "End Date", "IP Address", "Response ID", "Recipient Email"]
        texts += ["Which service do you work in? - Selected Choice", *q.values()]
        imports = [
            '{"ImportId":"startDate","timeZone":"Europe/London"}',
            '{"ImportId":"endDate","timeZone":"Europe/London"}',
            '{"ImportId":"ipAddress"}',
            '{"ImportId":"_recordId"}',
            '{"ImportId":"recipientEmail"}',
            *[f'{{"ImportId":"QID{i}"}}' for i in range(5)],
        ]
        rows = [
            [
                f"{r['submitted']:%Y-%m-%d %H:%M:%S}",
                f"{r['submitted']:%Y-%m-%d %H:%M:%S}",
                f"10.0.0.{r['id'] % 250}",
                f"R_{r['id']:06d}",
                r["email"],
                r["service"],
                r["job_satisfaction"],
                r["intend_to_leave"],
                ",".join(r["help"]).replace(",", ";"),
                r["stay"],
            ]
            for r in respondents
        ]
        return [ids, texts, imports, *rows]
    if tool == "google_forms":
        head = ["Timestamp", "Email address", "Service"]
        rows = [
            [f"{r['submitted']:%d/%m/%Y %H:%M:%S}", r["email"], r["service"], *answers(r)]
            for r in respondents
        ]
        return [head + list(q.values()), *rows]
    if tool == "plain":
        return [["Service", *q.values()], *[[r["service"], *answers(r)] for r in respondents]]
    raise ValueError(f"unknown survey tool {tool!r}")


def write_survey(tool: str, respondents: list[dict], folder: Path) -> Path:
    """Write the export of ``tool`` into ``folder`` (Microsoft Forms as XLSX, others CSV)."""
    import csv

    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    rows = survey_export(tool, respondents)
    if tool == "ms_forms":
        path = folder / "staff_survey.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Sheet1"
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
        book.save(path)
        return path
    path = folder / "staff_survey.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def southvale(seed: int = 22) -> Council:
    """A council with no exit-interview forms and a staff survey from an online tool:
    children's social care in two org units, leavers with date-times, a survey of 30."""
    rng = np.random.default_rng(seed)
    council = Council(
        review_id="zz-southvale",
        council="Southvale Borough Council",
        la="908",
        services=[CHILDREN],
        org_units={"Family Safeguarding": CHILDREN, "Looked After Children": CHILDREN},
        period_start=dt.date(2024, 10, 1),
        period_end=dt.date(2025, 9, 30),
        snapshot=dt.date(2025, 9, 30),
    )
    council.rows = {
        "leavers": leavers(council, rng, 18),
        "establishment": establishment(
            council, {"Family Safeguarding": 30, "Looked After Children": 25}
        ),
    }
    council.files = {"leavers": "leavers.csv", "establishment": "posts.csv"}
    council.survey = survey_respondents(rng, 30, council.services)
    return council


# --- Exit interview forms, the market supplement register, and the third council -------------

#: The aspects the invented councils' exit forms rate (their own list, not the shipped one).
EXIT_ASPECTS = ["Pay", "Workload", "Supervision", "Career progression", "Manager support"]
RATINGS = ["Excellent", "Good", "Average", "Poor"]


def exit_interviews(council: Council, rng: np.random.Generator, every: int = 2) -> pd.DataFrame:
    """A form from every ``every``-th leaver inside the period (the first rows of
    ``council.rows["leavers"]``), received a fortnight after leaving, as a date-time."""
    frame = council.rows["leavers"]
    rows = []
    for i, leaver in frame.iterrows():
        left = dt.datetime.strptime(leaver["Date Left"], "%d/%m/%Y %H:%M").date()
        if not council.period_start <= left <= council.period_end or i % every:
            continue
        secured = bool(rng.random() < 0.6)
        rows.append(
            {
                "Form Number": f"X{len(rows) + 1:03d}",
                "Employee Number": leaver["Employee Number"],
                "Received": _date_time(left + dt.timedelta(days=14), rng),
                "Service Area": council.org_units[leaver["Division"]],
                "Role": "Social Worker",
                "Secured employment elsewhere": "Yes" if secured else "No",
                "New employer": "Another council" if secured else "",
                "Reasons given": str(rng.choice(["Workload", "Travel", "Pay", "Family"])),
                "Would consider returning": str(rng.choice(["Yes", "No"])),
                **{a: str(rng.choice(RATINGS)) for a in EXIT_ASPECTS},
            }
        )
    return pd.DataFrame(rows)


def market_supplements(entries: list[dict]) -> pd.DataFrame:
    """The register: one row per entry, ``team`` naming the one team it is paid in."""
    return pd.DataFrame(
        [
            {
                "Team": e.get("team", ""),
                "Job Title": e["job_title"],
                "Grade": e["grade"],
                "Market Supplement": e["amount"],
                "Change on last year": e.get("change", "Same"),
            }
            for e in entries
        ]
    )


def eastmoor(seed: int = 23) -> Council:
    """A council with adults' and children's services in five teams (three children's, two
    adults') and a staff survey from SurveyMonkey (two header rows, the service in Custom Data 1).
    """
    rng = np.random.default_rng(seed)
    council = Council(
        review_id="zz-eastmoor",
        council="Eastmoor Metropolitan Borough Council",
        la="907",
        services=[ADULTS, CHILDREN],
        org_units={
            "Assessment and Intervention": CHILDREN,
            "Child Protection and Court": CHILDREN,
            "Corporate Parenting": CHILDREN,
            "Adults Locality East": ADULTS,
            "Adults Locality West": ADULTS,
        },
        period_start=dt.date(2023, 7, 1),
        period_end=dt.date(2024, 6, 30),
        snapshot=dt.date(2024, 6, 30),
    )
    council.rows = {"leavers": leavers(council, rng, 31)}
    council.rows.update(
        {
            "exit_interviews": exit_interviews(council, rng, every=3),
            "establishment": establishment(
                council, {u: 20 + 3 * i for i, u in enumerate(council.org_units)}
            ),
            "workforce_snapshot": workforce_snapshot(council, rng),
            "pay_rates": pay_rates(council),
            "caseloads": caseloads(council, rng, 30),
            "market_supplements": market_supplements(
                [{"job_title": "Social Worker", "grade": "G7", "amount": 2000}]
            ),
        }
    )
    council.files = {
        "leavers": "leavers.csv",
        "exit_interviews": "exit_forms.xlsx",
        "establishment": "establishment.csv",
        "workforce_snapshot": "workforce.csv",
        "pay_rates": "pay.csv",
        "caseloads": "caseloads.csv",
        "market_supplements": "supplements.csv",
    }
    council.survey = survey_respondents(rng, 40, council.services)
    return council


# --- Westbury: a new user's own exports, with the columns its systems do not have -----------

#: Westbury's org units as its finance and HR systems name them (one service: children's).
WESTBURY_UNITS = {
    "CYPS > Assessment > Assessment Team East": "Assessment Team East",
    "CYPS > Assessment > Assessment Team West": "Assessment Team West",
    "CYPS > Safeguarding > Child Protection Hub": "Child Protection Hub",
    "CYPS > Corporate Parenting > Looked After Children Team": "Looked After Children Team",
}
#: The staff survey's agreement statements (Google Forms headers) and its free-text question.
WESTBURY_QUESTIONS = [
    "I feel supported by my line manager.",
    "My caseload is manageable.",
    "I receive regular, good-quality reflective supervision.",
    "I would recommend Westbury Council as a place to work for social workers.",
    "I see myself still working at Westbury Council in two years' time.",
]
WESTBURY_STAY = "What would make you stay?"
#: Files as the new user's systems named them.
WESTBURY_FILES = {
    "establishment": "Establishment_Control_CYPS_31-03-2026.xlsx",
    "workforce_snapshot": "Establishment_Control_CYPS_31-03-2026.xlsx",
    "pay_rates": "Pay_Bands_2025-26.xlsx",
    "leavers": "HCM_Terminations_CYPS_2025-26.csv",
    "caseloads": "LCS_Caseloads_31-03-2026.csv",
    "staff_survey": "Westbury CYPS Staff Survey 2025 (Responses) - Form responses 1.csv",
}
#: Title rows above the establishment control report's header (row 4 of the sheet).
WESTBURY_TITLES = [
    "Westbury Council - Establishment Control Report",
    "Directorate: Children & Young People's Services   Run date: 31/03/2026",
]


def westbury(seed: int = 20261207) -> Council:
    """A children's-only council's exports as a new user's systems wrote them (issue 21).

    A port of the generator a new user wrote (same seeded draws, same figures): a finance
    establishment control report (XLSX, title rows, org unit paths, no team column) read as both
    the establishment and the workforce snapshot; a pay bands table with no service and no
    on-cost columns (one row per grade: bottom and top of band, agency charge rate); an Oracle
    HCM terminations report (date-times, no team, no profession); a case management caseload
    report with one total per worker (no grade, FTE, worker type, qualification date or case
    types; Team Managers holding no cases); and a Google Forms staff survey naming the team,
    not a service. No market supplement register: the council pays none.

    By hand: 120 funded FTE, 25 vacant (20.8%); 19 agency of 114 permanent and agency FTE
    (16.7%); 40 leavers (33.3% of 120); 1,557 cases held by 86 case-holding workers (18.1).
    """
    import random

    rng = random.Random(seed)
    council = Council(
        review_id="zz-westbury",
        council="Westbury Council",
        la="909",
        services=[CHILDREN],
        org_units={unit: CHILDREN for unit in (*WESTBURY_UNITS, *WESTBURY_UNITS.values())},
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
        snapshot=dt.date(2026, 3, 31),
    )
    units = list(WESTBURY_UNITS)
    shape = [
        (22, 17.5, 3.0, 6, 5.0, 1.0),
        (20, 14.0, 5.0, 6, 5.0, 1.0),
        (26, 18.0, 6.0, 8, 7.0, 1.0),
        (18, 15.5, 2.0, 6, 5.0, 0.0),
    ]
    est = []
    for unit, (sw, sw_perm, sw_agency, sp, sp_perm, sp_agency) in zip(units, shape, strict=True):
        for title, band, funded, perm, agency in (
            ("Social Worker", "WB7", sw, sw_perm, sw_agency),
            ("Senior Practitioner", "WB8", sp, sp_perm, sp_agency),
            ("Team Manager", "WB9", 2, 2.0, 0.0),
        ):
            est.append(
                {
                    "Cost Centre / Org Unit": unit,
                    "Post Title": title,
                    "Pay Band": band,
                    "Budgeted FTE": funded,
                    "Substantive FTE in Post": perm,
                    "Interim/Agency FTE": agency,
                    "Vacant FTE": funded - perm,
                }
            )
    pay = pd.DataFrame(
        [
            ("WB7", "Social Worker", 36124, 40476, 36.00),
            ("WB8", "Senior Practitioner", 41418, 45718, 42.50),
            ("WB9", "Team Manager", 49764, 54269, 55.00),
        ],
        columns=[
            "Pay Band",
            "Role",
            "Bottom of Band (£ pa)",
            "Top of Band (£ pa)",
            "Agency Charge Rate (£/hr)",
        ],
    )
    counts = dict(zip(units, (11, 12, 11, 6), strict=True))
    reasons = (
        ["Resigned - caseload too high"] * 9
        + ["Resigned - going to agency/locum work"] * 8
        + ["Resigned - promotion elsewhere"] * 6
        + ["Resigned - family reasons"] * 4
        + ["Resigned - moving away"] * 4
        + ["Retirement"] * 3
        + ["Resigned - salary"] * 3
        + ["End of temporary contract"] * 2
        + ["Dismissal"] * 1
    )
    rng.shuffle(reasons)
    rows, pid, i = [], 300100, 0
    start, end = council.period_start, council.period_end
    for unit, n in counts.items():
        for _ in range(n):
            pid += rng.randint(3, 40)
            title, band = rng.choice(
                [("Social Worker", "WB7")] * 7
                + [("Senior Practitioner", "WB8")] * 2
                + [("Team Manager", "WB9")]
            )
            term = start + dt.timedelta(days=rng.randint(0, (end - start).days))
            hire = term - dt.timedelta(days=rng.randint(120, 365 * 12))
            fte = rng.choice([1.0] * 8 + [0.8, 0.6])
            rows.append(
                {
                    "Person Number": pid,
                    "Department": unit,
                    "Job": title,
                    "Grade": band,
                    "Assignment FTE": fte,
                    "Latest Hire Date": hire.strftime("%d/%m/%Y") + " 09:00",
                    "Actual Termination Date": term.strftime("%d/%m/%Y")
                    + " "
                    + rng.choice(["17:00", "16:30", "12:00", "23:59"]),
                    "Action Reason": reasons[i],
                }
            )
            i += 1
    leavers_rows = pd.DataFrame(rows).sort_values("Person Number").reset_index(drop=True)
    cases, wid = [], 5000
    for team, sw, sp, tm in (
        ("Assessment Team East", 17, 5, 2),
        ("Assessment Team West", 14, 5, 2),
        ("Child Protection Hub", 18, 7, 2),
        ("Looked After Children Team", 15, 5, 2),
    ):
        for role, n, lo, hi in (
            ("Social Worker", sw, 14, 24),
            ("Senior Practitioner", sp, 10, 18),
            ("Team Manager", tm, 0, 0),
        ):
            for _ in range(n):
                wid += 1
                cases.append(
                    {
                        "LCS Worker ID": f"W{wid}",
                        "Team": team,
                        "Worker Role": role,
                        "Children Allocated": rng.randint(lo, hi),
                        "Report Date": "31/03/2026",
                    }
                )
    scale = [*AGREEMENT, "Don't know"]
    weights = {
        0: [20, 40, 15, 15, 5, 5],
        1: [5, 15, 20, 35, 20, 5],
        2: [15, 40, 20, 15, 5, 5],
        3: [10, 30, 25, 20, 10, 5],
        4: [10, 25, 25, 20, 10, 10],
    }
    stay = [
        "Lower caseloads",
        "Better pay",
        "More flexible working",
        "More time for direct work with families",
        "Career progression",
        "Less paperwork",
        "Stable management",
        "Hybrid working kept",
    ]
    survey = []
    for _ in range(62):
        ts = dt.datetime(2025, 11, 3, 9) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 14))
        answer = {
            "Timestamp": ts.strftime("%d/%m/%Y %H:%M:%S"),
            "Which team do you work in?": rng.choice(
                ["Assessment East", "Assessment West", "Child Protection", "Looked After Children"]
            ),
            "What is your role?": rng.choice(
                ["Social Worker"] * 6 + ["Senior Practitioner"] * 2 + ["Team Manager"]
            ),
        }
        for qi, q in enumerate(WESTBURY_QUESTIONS):
            answer[q] = rng.choices(scale, weights=weights[qi])[0]
        answer[WESTBURY_STAY] = rng.choice(stay) + rng.choice(
            ["", " and " + rng.choice(stay).lower()]
        )
        survey.append(answer)
    council.rows = {
        "establishment": pd.DataFrame(est),
        "pay_rates": pay,
        "leavers": leavers_rows,
        "caseloads": pd.DataFrame(cases),
        "staff_survey": pd.DataFrame(survey),
    }
    council.files = {k: WESTBURY_FILES[k] for k in council.rows}
    return council


def write_westbury(council: Council, raw: Path) -> None:
    """Write Westbury's exports as its systems do: the establishment control report with two
    title rows and a blank row above its header (sheet "Establishment"), the pay bands on sheet
    "Bands", the others as CSV."""
    raw.mkdir(parents=True, exist_ok=True)
    for key, frame in council.rows.items():
        path = raw / council.files[key]
        if key == "establishment":
            with pd.ExcelWriter(path) as book:
                frame.to_excel(book, sheet_name="Establishment", index=False, startrow=3)
                sheet = book.sheets["Establishment"]
                sheet["A1"], sheet["A2"] = WESTBURY_TITLES
        elif key == "pay_rates":
            with pd.ExcelWriter(path) as book:
                frame.to_excel(book, sheet_name="Bands", index=False)
        else:
            frame.to_csv(path, index=False, encoding="utf-8")
