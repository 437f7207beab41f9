"""Synthetic workforce, pay, caseload and market supplement files for the Luton demo (July 2016).

Luton's agenda item 6 report of 21 September 2016 ("Recruitment and retention activity
undertaken by the People Directorate") gives, at 30 July 2016, agency rates of 34.4% in
children's and 50% in adults' social care, a permanent-versus-agency cost table, an average
children's caseload of 20.6 against a target of under 20, and the market supplement register
(Appendix 4). This module invents the record-level exports behind those figures:

* ``workforce_2016-07-30.xlsx``, sheet ``Establishment``: the HR workforce snapshot by service,
  team, job title and grade (establishment, permanent, agency and vacant FTE);
* the same workbook, sheet ``Pay rates``: annual pay per post and grade for costing (salary,
  employer's National Insurance, market supplement, car allowance), 2016/17;
* ``caseloads_2016-07-30.csv``: the case management system's caseload extract, one row per
  children's case-holding social worker with cases by type;
* ``market_supplements_2016-17.csv``: the market supplement register as printed in Appendix 4;
* ``README-workforce.md``: how the files were made and what is deliberately messy.

The snapshot and pay table are laid out explicitly below (the *design*); worker-level details
of the caseload extract (part-time splits, caseloads, case types, qualification dates) are drawn
from a numpy ``Generator`` with the fixed seed :data:`SEED`, so every run writes the same bytes.
The agency hourly rate, hours and weeks are parameters of the pack section (in the review
configuration), not data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import pathlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pipelines.core.workbooks import save_workbook_reproducibly

SEED = 20160730
"""Seed of the numpy ``Generator`` (the snapshot date, 30 July 2016)."""

DEFAULT_OUT_DIR = (
    pathlib.Path(__file__).resolve().parents[3] / "data" / "raw" / "demo" / "luton-sw-2016"
)
"""Where ``python -m pipelines.demo`` writes by default (beside the leavers demo's exports)."""
FIXED_TIMESTAMP = dt.datetime(2016, 9, 21, 9, 0, 0)
"""Created/modified time written into the workbook (and its zip entries), as the leavers demo's."""

AS_AT = dt.date(2016, 7, 30)
WORKFORCE_FILE = "workforce_2016-07-30.xlsx"
SNAPSHOT_SHEET = "Establishment"
PAY_SHEET = "Pay rates"
CASELOADS_FILE = "caseloads_2016-07-30.csv"
SUPPLEMENTS_FILE = "market_supplements_2016-17.csv"
README_FILE = "README-workforce.md"

ASC = "Adult Social Care"
CSC = "Children's Social Care"

SNAPSHOT_HEADER = (
    "Service",
    "Team",
    "Job Title",
    "Grade",
    "Establishment FTE",
    "Permanent FTE",
    "Agency FTE",
    "Vacant FTE",
)
PAY_HEADER = (
    "Service",
    "Job Title",
    "Grade",
    "Salary",
    "Employer NI",
    "Market Supplement",
    "Car Allowance",
)
CASELOAD_HEADER = (
    "Worker ID",
    "Service",
    "Team",
    "Job Title",
    "Grade",
    "Worker Type",
    "FTE",
    "Date Qualified",
    "Looked After Children",
    "Child Protection",
    "Children in Need",
    "Care Leavers",
    "Total Cases",
)
SUPPLEMENT_HEADER = ("JOB TITLE", "GRADE", "MARKET SUPPLEMENT", "COMPARED TO 15/16")

#: Published figures the files reproduce (agenda item 6, paras 13, 15 and 47).
CHILDRENS_AGENCY_RATE = 34.4
ADULTS_AGENCY_RATE = 50.0
AVERAGE_CASELOAD = 20.6
CHILDRENS_SP_COST = 42482
ADULTS_AP_COST = 39018

#: Employer's National Insurance 2016/17: 13.8% of pay above the secondary threshold.
NI_RATE = 0.138
NI_THRESHOLD = 8112
ESSENTIAL_CAR_USER = 963
MANAGER_CAR_ALLOWANCE = 1239


class Post(NamedTuple):
    """One line of the workforce snapshot (FTE); vacant FTE = establishment - permanent."""

    service: str
    team: str
    job_title: str
    grade: str
    establishment: float
    permanent: float
    agency: float


def _team_rows(
    service: str, title: str, grade: str, rows: Sequence[tuple[str, float, float, float]]
) -> list[Post]:
    return [Post(service, team, title, grade, est, perm, ag) for team, est, perm, ag in rows]


CSC_TEAMS = (
    "MASH",
    "Assessment and Intervention 1",
    "Assessment and Intervention 2",
    "Child Protection and Court",
    "Looked After Children",
    "Leaving Care",
    "Children with Disabilities",
)
ASC_TEAMS = ("Hospital Discharge", "Locality North", "Locality South", "Safeguarding and DoLS")

SNAPSHOT: tuple[Post, ...] = tuple(
    [
        # Children's Social Care: 126 FTE establishment; 82 permanent, 43 agency -> 34.4%.
        Post(CSC, "Service Management", "Service Manager", "M7", 6, 4, 2),
        Post(
            CSC,
            "Safeguarding and Quality Assurance",
            "Independent Reviewing Officer",
            "M4",
            8,
            3,
            5,
        ),
        *_team_rows(
            CSC,
            "Team Manager",
            "M5",
            [
                (
                    t,
                    1,
                    0 if t == "Child Protection and Court" else 1,
                    1 if t == "Child Protection and Court" else 0,
                )
                for t in CSC_TEAMS
            ],
        ),
        *_team_rows(
            CSC,
            "Deputy Team Manager",
            "M3",
            [
                (t, 1, 0, 1)
                if t in ("Assessment and Intervention 2", "Looked After Children")
                else (t, 1, 1, 0)
                for t in CSC_TEAMS
            ],
        ),
        *_team_rows(
            CSC,
            "Senior Practitioner",
            "M2",
            [
                ("MASH", 2, 1, 1),
                ("Assessment and Intervention 1", 3, 2, 1),
                ("Assessment and Intervention 2", 3, 1.6, 1),
                ("Child Protection and Court", 3, 2, 1),
                ("Looked After Children", 3, 2, 1),
                ("Leaving Care", 2, 1.4, 0),
                ("Children with Disabilities", 2, 1, 1),
            ],
        ),
        *_team_rows(
            CSC,
            "Social Worker",
            "M1",
            [
                ("MASH", 6, 4, 2),
                ("Assessment and Intervention 1", 9, 6, 3),
                ("Assessment and Intervention 2", 8, 4, 4),
                ("Child Protection and Court", 10, 6, 4),
                ("Looked After Children", 9, 6, 3),
                ("Leaving Care", 5, 3, 2),
                ("Children with Disabilities", 6, 4, 2),
            ],
        ),
        *_team_rows(
            CSC,
            "Social Worker",
            "L7",
            [
                ("MASH", 2, 1, 1),
                ("Assessment and Intervention 1", 3, 2, 1),
                ("Assessment and Intervention 2", 3, 1.5, 2),
                ("Child Protection and Court", 2, 1, 1),
                ("Looked After Children", 3, 1, 2),
                ("Leaving Care", 1, 1, 0),
                ("Children with Disabilities", 2, 1.5, 0),
            ],
        ),
        *_team_rows(
            CSC,
            "ASYE Social Worker",
            "L7",
            [
                ("MASH", 1, 1, 0),
                ("Assessment and Intervention 1", 2, 2, 0),
                ("Assessment and Intervention 2", 2, 2, 0),
                ("Child Protection and Court", 1, 1, 0),
                ("Looked After Children", 1, 1, 0),
                ("Leaving Care", 1, 1, 0),
                ("Children with Disabilities", 1, 1, 0),
            ],
        ),
        Post(CSC, "Children with Disabilities", "Occupational Therapist", "M1", 1, 1, 0),
        Post(CSC, "Children with Disabilities", "Senior Occupational Therapist", "M2", 1, 1, 0),
        # Adult Social Care: 69 FTE establishment; 34 permanent, 34 agency -> 50%.
        Post(ASC, "Service Management", "Service Manager", "M7", 5, 2, 3),
        *_team_rows(ASC, "Team Manager", "M4", [(t, 1, 1, 0) for t in ASC_TEAMS]),
        *_team_rows(
            ASC,
            "Advanced Practitioner",
            "M2",
            [
                ("Hospital Discharge", 3, 1, 2),
                ("Locality North", 2, 0, 2),
                ("Locality South", 2, 1, 1),
                ("Safeguarding and DoLS", 3, 1, 1),
            ],
        ),
        *_team_rows(
            ASC,
            "Social Worker",
            "M1",
            [
                ("Hospital Discharge", 9, 3.5, 5),
                ("Locality North", 9, 3, 6),
                ("Locality South", 9, 4, 5),
                ("Safeguarding and DoLS", 7, 2.5, 5),
            ],
        ),
        *_team_rows(ASC, "ASYE Social Worker", "L7", [(t, 1, 1, 0) for t in ASC_TEAMS]),
        Post(ASC, "Occupational Therapy", "Senior Occupational Therapist", "M2", 3, 2, 1),
        Post(ASC, "Occupational Therapy", "Occupational Therapist", "M1", 6, 4, 2),
        Post(ASC, "Occupational Therapy", "Occupational Therapist", "L7", 3, 2, 1),
    ]
)


class Supplement(NamedTuple):
    """One row of the market supplement register, as printed in Appendix 4."""

    job_title: str
    grade: str
    supplement: str
    compared: str


#: Appendix 4, all 15 rows, in printed order and wording.
REGISTER: tuple[Supplement, ...] = (
    Supplement("Occupational Therapist (Adult social care)", "L7", "£2,000", "same"),
    Supplement("Occupational Therapist (Adult social care)", "M1", "£2,000", "same"),
    Supplement(
        "Senior Practitioner Occupational Therapy (Adult social care)", "M2", "£2,000", "same"
    ),
    Supplement("Social Worker (Adult social care)", "M1", "£2,500", "Increased by £1,500"),
    Supplement("Advanced Practitioner (Adult social care)", "M2", "£2,000", "Increased by £500"),
    Supplement("Team Manager (Adult social care)", "M4", "£2,500", "New"),
    Supplement("Independent Reviewing Officer (Children's social care)", "M4", "£5,500", "New"),
    Supplement(
        "Occupational Therapist / Senior Occupational Therapist Practitioner "
        "(Children's social care)",
        "M1/M2",
        "£2,000",
        "same",
    ),
    Supplement("ASYE Social Worker", "L7", "£2,500", "same"),
    Supplement("Social Worker (Children's social care)", "L7", "£4,500", "same"),
    Supplement("Social Worker (Children's social care)", "M1", "£5,500", "same"),
    Supplement("Senior Practitioner (Children's social care)", "M2", "£5,500", "same"),
    Supplement("Deputy Team Manager (Children's social care)", "M3", "£5,000", "same"),
    Supplement("Team Manager (Children's social care)", "M5", "£5,000", "same"),
    Supplement("Youth Justice Officers", "L7/M1/M2", "£3,000", "same"),
)


class PayRate(NamedTuple):
    """Annual pay of one post at one grade, for costing (pounds, 2016/17)."""

    service: str
    job_title: str
    grade: str
    salary: int
    employer_ni: int
    supplement: int
    car_allowance: int

    @property
    def total(self) -> int:
        """Salary + employer's NI + market supplement + car allowance."""
        return self.salary + self.employer_ni + self.supplement + self.car_allowance


#: Salary point used for costing, per (service, job title, grade), before the two published
#: posts are solved for exactly (see :func:`pay_rates`).
SALARIES = {
    (CSC, "Service Manager", "M7"): 50_500,
    (CSC, "Independent Reviewing Officer", "M4"): 38_500,
    (CSC, "Team Manager", "M5"): 41_500,
    (CSC, "Deputy Team Manager", "M3"): 35_500,
    (CSC, "Senior Practitioner", "M2"): None,  # solved: total = CHILDRENS_SP_COST
    (CSC, "Social Worker", "M1"): 30_000,
    (CSC, "Social Worker", "L7"): 26_800,
    (CSC, "ASYE Social Worker", "L7"): 26_000,
    (CSC, "Occupational Therapist", "M1"): 29_800,
    (CSC, "Senior Occupational Therapist", "M2"): 32_200,
    (ASC, "Service Manager", "M7"): 50_500,
    (ASC, "Team Manager", "M4"): 38_500,
    (ASC, "Advanced Practitioner", "M2"): None,  # solved: total = ADULTS_AP_COST
    (ASC, "Social Worker", "M1"): 30_000,
    (ASC, "ASYE Social Worker", "L7"): 26_000,
    (ASC, "Senior Occupational Therapist", "M2"): 32_200,
    (ASC, "Occupational Therapist", "M1"): 29_800,
    (ASC, "Occupational Therapist", "L7"): 26_800,
}
SOLVED_TOTALS = {
    (CSC, "Senior Practitioner", "M2"): CHILDRENS_SP_COST,
    (ASC, "Advanced Practitioner", "M2"): ADULTS_AP_COST,
}


def employer_ni(pay: int) -> int:
    """Employer's National Insurance on annual pay, 2016/17 (13.8% above £8,112), whole pounds."""
    return max(0, math.floor(NI_RATE * (pay - NI_THRESHOLD) + 0.5))


def register_supplement(service: str, job_title: str, grade: str) -> int:
    """The register's supplement (pounds a year) for a post and grade; 0 when none applies."""
    service_words = {ASC: "(Adult social care)", CSC: "(Children's social care)"}[service]
    names = {
        "Senior Occupational Therapist": (
            "Senior Practitioner Occupational Therapy",
            "Senior Occupational Therapist Practitioner",
        )
    }
    for row in REGISTER:
        title = row.job_title
        in_service = title.endswith(service_words) or "(" not in title
        titles = [t.strip() for t in title.replace(service_words, "").split(" / ")]
        wanted = (job_title, *names.get(job_title, ()))
        if in_service and any(t in wanted for t in titles) and grade in row.grade.split("/"):
            return int(row.supplement.replace("£", "").replace(",", ""))
    return 0


def pay_rates() -> list[PayRate]:
    """The pay table: one row per post and grade in the snapshot.

    Employer's NI is worked out on salary + supplement + car allowance. For the two posts in the
    published cost table the salary is the whole number of pounds that makes the total equal the
    published figure.
    """
    rows = []
    for (service, title, grade), salary in SALARIES.items():
        supplement = register_supplement(service, title, grade)
        car = MANAGER_CAR_ALLOWANCE if title == "Service Manager" else ESSENTIAL_CAR_USER
        if salary is None:
            target = SOLVED_TOTALS[(service, title, grade)]
            guess = int(
                (target - supplement - car - NI_RATE * (supplement + car - NI_THRESHOLD))
                / (1 + NI_RATE)
            )
            salary = next(
                s
                for s in range(guess - 20, guess + 21)
                if s + supplement + car + employer_ni(s + supplement + car) == target
            )
        rows.append(
            PayRate(
                service,
                title,
                grade,
                salary,
                employer_ni(salary + supplement + car),
                supplement,
                car,
            )
        )
    return rows


# --------------------------------------------------------------------------------------------
# Caseload extract


class Worker(NamedTuple):
    """One case-holding children's social worker in the caseload extract."""

    worker_id: str
    team: str
    job_title: str
    grade: str
    worker_type: str
    fte: float
    date_qualified: dt.date
    looked_after: int
    child_protection: int
    children_in_need: int
    care_leavers: int

    @property
    def total(self) -> int:
        """All cases held."""
        return self.looked_after + self.child_protection + self.children_in_need + self.care_leavers


CASE_HOLDING = ("ASYE Social Worker", "Social Worker", "Senior Practitioner")
#: Share of each team's cases by type: looked after, child protection, in need, care leavers.
CASE_MIX = {
    "MASH": (0.0, 0.2, 0.8, 0.0),
    "Assessment and Intervention 1": (0.0, 0.4, 0.6, 0.0),
    "Assessment and Intervention 2": (0.0, 0.4, 0.6, 0.0),
    "Child Protection and Court": (0.2, 0.7, 0.1, 0.0),
    "Looked After Children": (1.0, 0.0, 0.0, 0.0),
    "Leaving Care": (0.2, 0.0, 0.0, 0.8),
    "Children with Disabilities": (0.25, 0.15, 0.6, 0.0),
}
#: Full-time caseload each kind of worker is drawn around (cases).
TYPICAL_CASELOAD = {"ASYE Social Worker": 13, "Social Worker": 22, "Senior Practitioner": 21}
#: Extra cases an agency worker is drawn around (agency workers often hold the complex cases).
AGENCY_EXTRA_CASES = 1.5
#: Years since qualifying at the snapshot date are drawn from these ranges.
EXPERIENCE_YEARS = {
    ("ASYE Social Worker", "L7"): (0.2, 0.95),
    ("Social Worker", "L7"): (1.1, 2.9),
    ("Social Worker", "M1"): (2.2, 18.0),
    ("Senior Practitioner", "M2"): (4.0, 22.0),
}


def _people(fte: float) -> list[float]:
    """Split FTE into people: whole full-timers, then one part-timer with the remainder."""
    whole = int(math.floor(fte + 1e-9))
    rest = round(fte - whole, 2)
    return [1.0] * whole + ([rest] if rest > 0 else [])


def generate_workers(rng: np.random.Generator) -> list[Worker]:
    """Case-holding children's social workers with caseloads averaging exactly 20.6 (1 dp).

    One worker per permanent person (FTE split by :func:`_people`) and per agency FTE in the
    snapshot's case-holding rows. Full-time caseloads are drawn around :data:`TYPICAL_CASELOAD`
    and scaled by FTE; then single cases are moved on or off full-time qualified workers until
    the total is the whole number nearest 20.6 x workers.
    """
    slots = []
    for post in SNAPSHOT:
        if post.service != CSC or post.job_title not in CASE_HOLDING:
            continue
        for fte in _people(post.permanent):
            slots.append((post, "Permanent", fte))
        for _ in range(int(post.agency)):
            slots.append((post, "Agency", 1.0))
    sizes = [
        max(
            4,
            round(
                fte
                * (
                    TYPICAL_CASELOAD[p.job_title]
                    + rng.normal(0, 2.5)
                    + (AGENCY_EXTRA_CASES if kind == "Agency" else 0)
                )
            ),
        )
        for p, kind, fte in slots
    ]
    target = round(AVERAGE_CASELOAD * len(slots))
    adjustable = [
        i
        for i, (p, _, fte) in enumerate(slots)
        if fte == 1.0 and p.job_title != "ASYE Social Worker"
    ]
    while sum(sizes) != target:
        i = int(rng.choice(adjustable))
        sizes[i] += 1 if sum(sizes) < target else -1
    workers = []
    for n, ((post, kind, fte), size) in enumerate(zip(slots, sizes, strict=True), start=1):
        lac, cp, cin, cl = (int(x) for x in rng.multinomial(size, CASE_MIX[post.team]))
        low, high = EXPERIENCE_YEARS[(post.job_title, post.grade)]
        if kind == "Agency":
            low = max(low, 3.2 if post.grade != "L7" else low)
        years = float(rng.uniform(low, high))
        qualified = AS_AT - dt.timedelta(days=int(years * 365.25))
        workers.append(
            Worker(
                f"W{1000 + 7 * n}",
                post.team,
                post.job_title,
                post.grade,
                kind,
                fte,
                qualified,
                lac,
                cp,
                cin,
                cl,
            )
        )
    return workers


# --------------------------------------------------------------------------------------------
# Writing the files (with the messiness real exports have)

#: Deliberate messiness in the snapshot, keyed by (service, team, job title, grade) of the row.
SNAPSHOT_SERVICE_SPELLING = {
    (
        CSC,
        "Safeguarding and Quality Assurance",
        "Independent Reviewing Officer",
        "M4",
    ): "Childrens Services",
    (CSC, "Child Protection and Court", "Senior Practitioner", "M2"): "CSC ",
    (ASC, "Locality North", "Team Manager", "M4"): "Adults",
}
SNAPSHOT_TITLE_SPELLING = {
    (CSC, "Safeguarding and Quality Assurance", "Independent Reviewing Officer", "M4"): "IRO",
    (CSC, "Looked After Children", "Senior Practitioner", "M2"): "Snr Practitioner",
}
SNAPSHOT_GRADE_SPELLING = {
    (CSC, "Child Protection and Court", "Social Worker", "M1"): " m1",
    (ASC, "Locality South", "Advanced Practitioner", "M2"): "m2 ",
}
#: Job titles spelt differently on the first worker of (team, job title).
CASELOAD_TITLE_SPELLING = {
    ("Assessment and Intervention 2", "Social Worker"): "social worker",
    ("Leaving Care", "ASYE Social Worker"): "NQSW",
}
CASELOAD_ISO_DATES = ("W1028", "W1091", "W1301")
CASELOAD_SERVICE_SPELLING = {"W1035": "CSC", "W1210": "Childrens Social Care"}
CASELOAD_BLANK_AFTER = "W1140"
PAY_TEXT_MONEY = {(CSC, "Senior Practitioner", "M2"), (ASC, "Advanced Practitioner", "M2")}


def _fmt_fte(value: float) -> object:
    return int(value) if float(value).is_integer() else float(value)


def snapshot_rows() -> list[list[object]]:
    """The Establishment sheet's rows under the header: posts, a subtotal per service, a total.

    Returns
    -------
    list of list
        Cells as written; row ``i`` of the list is Excel row ``i + 2``.

    """
    rows: list[list[object]] = []
    for service in (CSC, ASC):
        posts = [p for p in SNAPSHOT if p.service == service]
        for p in posts:
            rows.append(
                [
                    p.service,
                    p.team,
                    p.job_title,
                    p.grade,
                    _fmt_fte(p.establishment),
                    _fmt_fte(p.permanent),
                    _fmt_fte(p.agency),
                    _fmt_fte(round(p.establishment - p.permanent, 2)),
                ]
            )
        rows.append(
            [
                f"Total {service}",
                None,
                None,
                None,
                *(
                    _fmt_fte(round(sum(getattr(p, f) for p in posts), 2))
                    for f in ("establishment", "permanent", "agency")
                ),
                _fmt_fte(round(sum(p.establishment - p.permanent for p in posts), 2)),
            ]
        )
    rows.append(
        [
            "Grand total",
            None,
            None,
            None,
            *(
                _fmt_fte(round(sum(getattr(p, f) for p in SNAPSHOT), 2))
                for f in ("establishment", "permanent", "agency")
            ),
            _fmt_fte(round(sum(p.establishment - p.permanent for p in SNAPSHOT), 2)),
        ]
    )
    for spelling, column in (
        (SNAPSHOT_SERVICE_SPELLING, 0),
        (SNAPSHOT_TITLE_SPELLING, 2),
        (SNAPSHOT_GRADE_SPELLING, 3),
    ):
        for post_key, text in spelling.items():
            rows[snapshot_row(post_key) - 2][column] = text
    return rows


def snapshot_row(post_key: tuple[str, str, str, str]) -> int:
    """Excel row of a post (service, team, job title, grade) on the Establishment sheet."""
    row = 2
    for service in (CSC, ASC):
        for p in SNAPSHOT:
            if p.service != service:
                continue
            if (p.service, p.team, p.job_title, p.grade) == post_key:
                return row
            row += 1
        row += 1  # the service's subtotal row
    raise KeyError(post_key)


def pay_rows(rates: Sequence[PayRate]) -> list[list[object]]:
    """The Pay rates sheet's rows; the two published posts' money cells are typed as text."""
    rows = []
    for r in rates:
        cells: list[object] = [
            r.service,
            r.job_title,
            r.grade,
            r.salary,
            r.employer_ni,
            r.supplement,
            r.car_allowance,
        ]
        if (r.service, r.job_title, r.grade) in PAY_TEXT_MONEY:
            cells[3:] = [f"£{v:,}" for v in cells[3:]]
        rows.append(cells)
    return rows


def write_workbook(
    path: pathlib.Path, snapshot: list[list[object]], pay: list[list[object]]
) -> None:
    """Write the two-sheet workforce workbook reproducibly (fixed timestamps)."""
    wb = Workbook()
    for ws, header, rows in (
        (wb.active, SNAPSHOT_HEADER, snapshot),
        (wb.create_sheet(), PAY_HEADER, pay),
    ):
        ws.title = SNAPSHOT_SHEET if header is SNAPSHOT_HEADER else PAY_SHEET
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for i, name in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 2)
    save_workbook_reproducibly(wb, path, FIXED_TIMESTAMP)


def caseload_title_spelling(workers: Sequence[Worker]) -> dict[str, str]:
    """Worker ID -> the job title as the extract spells it, where it differs."""
    out = {}
    for (team, title), text in CASELOAD_TITLE_SPELLING.items():
        first = next(w for w in workers if w.team == team and w.job_title == title)
        out[first.worker_id] = text
    return out


def caseload_rows(workers: Sequence[Worker]) -> list[list[str]]:
    """The caseload CSV's rows (as text), with a blank line and a totals row."""
    rows = []
    spelling = caseload_title_spelling(workers)
    for w in workers:
        iso = w.worker_id in CASELOAD_ISO_DATES
        rows.append(
            [
                w.worker_id,
                CASELOAD_SERVICE_SPELLING.get(w.worker_id, CSC),
                w.team,
                spelling.get(w.worker_id, w.job_title),
                w.grade,
                w.worker_type,
                f"{w.fte:g}",
                w.date_qualified.strftime("%Y-%m-%d" if iso else "%d/%m/%Y"),
                str(w.looked_after),
                str(w.child_protection),
                str(w.children_in_need),
                str(w.care_leavers),
                str(w.total),
            ]
        )
        if w.worker_id == CASELOAD_BLANK_AFTER:
            rows.append([""] * len(CASELOAD_HEADER))
    totals = [
        sum(getattr(w, f) for w in workers)
        for f in ("looked_after", "child_protection", "children_in_need", "care_leavers")
    ]
    rows.append(
        [
            "Total",
            "",
            "",
            "",
            "",
            "",
            f"{sum(w.fte for w in workers):g}",
            "",
            *map(str, totals),
            str(sum(totals)),
        ]
    )
    return rows


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def readme_text(
    snapshot: list[list[object]], rates: Sequence[PayRate], workers: Sequence[Worker]
) -> str:
    """Text of ``README-workforce.md``: provenance, layouts, messiness (with rows), choices."""

    def fte(service: str, field: str) -> float:
        return sum(getattr(p, field) for p in SNAPSHOT if p.service == service)

    def rate(service: str) -> float:
        return 100 * fte(service, "agency") / (fte(service, "agency") + fte(service, "permanent"))

    cases = sum(w.total for w in workers)
    row_of = {w.worker_id: i for i, w in enumerate(workers, start=2)}
    blank_row = row_of[CASELOAD_BLANK_AFTER] + 1

    def caseload_row(worker_id: str) -> int:
        return row_of[worker_id] + (1 if row_of[worker_id] > row_of[CASELOAD_BLANK_AFTER] else 0)

    pay_lines = [
        f"| {r.service} | {r.job_title} | {r.grade} | {r.salary:,} | {r.employer_ni:,} | "
        f"{r.supplement:,} | {r.car_allowance:,} | {r.total:,} |"
        for r in rates
    ]
    lines = [
        "# Synthetic workforce, pay, caseload and market supplement data (Luton demo)",
        "",
        "**Synthetic. No row describes a real person or a real post.** Written by",
        "`python -m pipelines.demo` (module `pipelines/demo/workforce.py`, numpy seed "
        f"{SEED}); running it again writes the same bytes. Do not edit these files by hand:",
        "change the generator and run it again.",
        "",
        "They stand behind the figures of Luton Borough Council's agenda item 6 report to the",
        "Scrutiny Recruitment & Retention of Social Workers Task & Finish Group, 21 September 2016",
        "(shared/seeds/000_*.txt, paras 13-15 and 47, Appendix 4):",
        "",
        f"- agency worker rate at 30 July 2016: {rate(CSC):.1f}% in children's and "
        f"{rate(ASC):.1f}% in adults' social care (published {CHILDRENS_AGENCY_RATE}% and "
        f"{ADULTS_AGENCY_RATE:g}%), defined as agency FTE / (agency FTE + permanent FTE), the DfE "
        "measure;",
        f"- cost for one year of a Children's Senior Practitioner (M2) £{CHILDRENS_SP_COST:,} and "
        f"of an Adults Advanced Practitioner (M2) £{ADULTS_AP_COST:,} (salary, employer's NI, "
        "market supplement and car allowance, as the published table counts them);",
        f"- average children's caseload {cases / len(workers):.1f} ({cases:,} cases held by "
        f"{len(workers)} case-holding social workers; published {AVERAGE_CASELOAD});",
        "- the market supplement register, all 15 rows of Appendix 4 as printed.",
        "",
        "The agency assumptions of the published cost table (£32 an hour, 37 hours a week, 46",
        "weeks) are not data: they are parameters of the pack section in",
        '`config/reviews/luton-sw-2016.yml`, so members can ask "what if".',
        "",
        "## Files",
        "",
        f"### `{WORKFORCE_FILE}`, sheet `{SNAPSHOT_SHEET}`",
        "",
        "The HR workforce snapshot at 30 July 2016: qualified social work, occupational therapy",
        "and manager posts (the scope of the published agency percentages) by service, team, job",
        "title and grade. Columns: " + ", ".join(SNAPSHOT_HEADER) + ". Vacant FTE = establishment",
        "FTE - permanent FTE (posts without a permanent holder, whether or not an agency worker",
        "covers them, as the DfE counts vacancies). Permanent staff on long-term sick leave count",
        "as permanent; agency workers covering them count as agency, so a row's agency FTE can",
        "exceed its vacant FTE but never its establishment.",
        "",
        "| Service | Establishment FTE | Permanent FTE | Agency FTE | Vacant FTE | Agency rate |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {s} | {fte(s, 'establishment'):g} | {fte(s, 'permanent'):g} | "
            f"{fte(s, 'agency'):g} | {fte(s, 'establishment') - fte(s, 'permanent'):g} | "
            f"{rate(s):.1f}% |"
            for s in (CSC, ASC)
        ],
        "",
        "The children's establishment has the 110 social worker and 2 occupational therapist",
        "posts of the establishment file plus 8 Independent Reviewing Officers and 6 service",
        "managers; the adults' has the 52 + 12 posts plus 5 service managers, 3 of them covered by",
        'agency (para 14: "3 out of 5 service managers are agency").',
        "",
        f"### `{WORKFORCE_FILE}`, sheet `{PAY_SHEET}`",
        "",
        "Annual pay per post and grade used for costing, 2016/17 (pounds). Employer's NI is",
        f"{NI_RATE:.1%} of salary + supplement + car allowance above £{NI_THRESHOLD:,} (2016/17",
        "secondary threshold), rounded to the pound. Employer pension contributions are left",
        "out, as in the published table. Supplements are the register's. Car allowance: essential",
        f"car user lump sum £{ESSENTIAL_CAR_USER:,} (service managers £{MANAGER_CAR_ALLOWANCE:,}).",
        "The salary of the two published posts is the whole number of pounds that makes the total",
        "equal the published figure; other salaries are plausible points for the grade.",
        "",
        "| Service | Job title | Grade | Salary | Employer NI | Supplement | Car allowance "
        "| Total |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
        *pay_lines,
        "",
        f"### `{CASELOADS_FILE}`",
        "",
        "The case management system's extract at 30 July 2016: one row per case-holding children's",
        "social worker (ASYE social workers, social workers and senior practitioners; permanent",
        "staff split into people by FTE, one row per agency FTE). Columns: "
        + ". Caseloads are drawn around 13 (ASYE,",
        "protected), 22 (social workers) and 21 (senior practitioners) for a full-time worker,",
        f"{AGENCY_EXTRA_CASES:g} more for agency workers, scaled by FTE, then adjusted a case at a "
        "time so that the total",
        f"is {cases:,} = 20.6 x {len(workers)} rounded.",
        "Case types follow each team's mix (e.g. Looked After Children holds only looked-after",
        "children; Leaving Care mostly care leavers). Qualification dates give under 1 year for",
        "ASYE workers, 1-3 years for L7 social workers and more for the rest.",
        "",
        f"### `{SUPPLEMENTS_FILE}`",
        "",
        "Appendix 4 as printed: " + ", ".join(SUPPLEMENT_HEADER) + "; money written",
        '"£2,000", changes written "same", "New" or "Increased by £1,500". No total row',
        "(none is printed).",
        "",
        "## Deliberate messiness (what the cleaning step must cope with)",
        "",
        f"- `{SNAPSHOT_SHEET}` sheet: a subtotal row after each service (\"Total Children's Social",
        '  Care", "Total Adult Social Care") and a "Grand total" row; service spelt '
        + ", ".join(f'"{t}" (row {snapshot_row(k)})' for k, t in SNAPSHOT_SERVICE_SPELLING.items())
        + "; job title "
        + ", ".join(f'"{t}" (row {snapshot_row(k)})' for k, t in SNAPSHOT_TITLE_SPELLING.items())
        + "; grade "
        + ", ".join(f'"{t}" (row {snapshot_row(k)})' for k, t in SNAPSHOT_GRADE_SPELLING.items())
        + ".",
        f"- `{PAY_SHEET}` sheet: the money cells of the two published posts are typed as text",
        '  with a pound sign and commas ("£42,482"-style) instead of numbers.',
        f'- `{CASELOADS_FILE}`: a blank line (row {blank_row}); a "Total" row at the end; dates',
        "  written dd/mm/yyyy except rows "
        + ", ".join(str(caseload_row(w)) for w in CASELOAD_ISO_DATES)
        + " (yyyy-mm-dd); service "
        + ", ".join(f'"{t}" (row {caseload_row(w)})' for w, t in CASELOAD_SERVICE_SPELLING.items())
        + "; job title "
        + ", ".join(
            f'"{t}" (row {caseload_row(w)})' for w, t in caseload_title_spelling(workers).items()
        )
        + ".",
        f"- `{SUPPLEMENTS_FILE}`: money as text with pound signs; the change column mixes",
        '  "same", "New" and "Increased by £...".',
        "",
        "## Choices where the paper is silent",
        "",
        "- Teams, grades per team, part-time splits and which posts agency workers fill are",
        "  invented; totals by service reproduce the published percentages exactly.",
        "- Service managers are graded M7 (not in the register: no supplement).",
        "- Youth Justice Officers are in the register but outside the snapshot's scope, so the",
        "  pack cannot cost their supplement.",
        "- The caseload extract counts people (headcount), as the DfE average caseload does;",
        "  deputy team managers and managers hold no cases in it.",
        "",
    ]
    return "\n".join(lines)


def write_workforce_demo(out_dir: pathlib.Path = DEFAULT_OUT_DIR) -> list[pathlib.Path]:
    """Write the synthetic workforce demo files into ``out_dir``.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into; created if missing. Files of the same names are overwritten.

    Returns
    -------
    list of pathlib.Path
        The workbook (snapshot and pay rates), the caseload CSV, the supplement register CSV and
        ``README-workforce.md``.

    """
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    rates = pay_rates()
    workers = generate_workers(rng)
    snapshot = snapshot_rows()
    paths = [
        out_dir / WORKFORCE_FILE,
        out_dir / CASELOADS_FILE,
        out_dir / SUPPLEMENTS_FILE,
        out_dir / README_FILE,
    ]
    write_workbook(paths[0], snapshot, pay_rows(rates))
    paths[1].write_text(_csv_text(CASELOAD_HEADER, caseload_rows(workers)), encoding="utf-8")
    paths[2].write_text(_csv_text(SUPPLEMENT_HEADER, [list(r) for r in REGISTER]), encoding="utf-8")
    paths[3].write_text(readme_text(snapshot, rates, workers), encoding="utf-8")
    return paths
