"""Exports of invented councils, in layouts the demo reviews do not use (issue 21).

Each generator writes, from a seeded random number generator, the record-level exports a
council's own systems would give: other headers (the readers' accepted alternatives), org units
instead of services, date-times where a date is expected, several rows for one service. The
tests compute the figures they check by hand from the same rows (``Council.rows``), never from
the demo exports.
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
    vacant FTE (vacant = establishment - permanent - agency on every row)."""
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
                        "Vacancy FTE": est - perm - agency,
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
    units = list(council.org_units)
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
                "Qualified Date": f"{dt.date(2015 + i % 8, 7, 1):%d/%m/%Y}",
                "LAC": cases[0],
                "CP": cases[1],
                "CIN": cases[2],
                "Former relevant children": cases[3],
                "Caseload": sum(cases),
            }
        )
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
    }
    council.files = {
        "leavers": "hr_leavers.csv",
        "establishment": "funded_posts.csv",
        "workforce_snapshot": "posts_by_org_unit.xlsx",
        "pay_rates": "pay.csv",
        "caseloads": "case_management_extract.csv",
    }
    return council
