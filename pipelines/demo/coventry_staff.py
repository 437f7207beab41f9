"""Synthetic leavers, staff-in-post and leavers' qualification exports of the Coventry demo.

The retention section (:mod:`pipelines.sections.retention`) follows each starter from the day
they started to the day they left or the snapshot date. For the second demo review it needs
three exports beside the workforce snapshot (:mod:`pipelines.demo.coventry`):

* ``leavers_2016-10_to_2018-02.csv``: one row per qualified children's social worker (up to
  team manager) who left between 1 October 2016 and the snapshot date, 28 February 2018, in the
  columns of an HR leavers extract (continuous service date, leaving date and reason);
* ``staff_in_post_2018-02-28.csv``: one row per permanent member of staff in post at the
  snapshot date in the same scope: every permanent FTE of the snapshot's rows less its service
  managers and independent reviewing officers (all whole FTE there, so one full-timer each),
  with start date, date qualified and whether they were appointed from an agency post;
* ``leaver_qualifications_2016-18.csv``: the date each leaver qualified.

Consistent with the snapshot (the staff in post add up to its permanent FTE, row by row) and
with every figure of the report that ``shared/reference/seed_figures.yml`` holds: the exports
change no other file, so the 43 supplement recipients out of a workforce of 303 and the other
figures still follow from the snapshot and the pay table; among the staff in post are some who
have been with the council for more than 10 years, as some of the focus group's had. The report
prints no leavers, starters or lengths of service: everything here is made up,
deterministically (:data:`SEED`, a random stream of its own, so the other exports keep their
bytes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

# The same HR system's layouts as the Luton demo's exports.
from pipelines.datasets.leavers.demo import LEAVERS_HEADER
from pipelines.demo.staff import QUALIFICATIONS_HEADER, STAFF_HEADER

SEED = 20180228
AS_AT = dt.date(2018, 2, 28)
#: First day of the leavers extract: the start of the review period.
LEAVERS_FROM = dt.date(2016, 10, 1)
DAYS_PER_YEAR = 365.25
SERVICE = "Children's Social Care"

FILES = {
    "leavers": "leavers_2016-10_to_2018-02.csv",
    "staff_in_post": "staff_in_post_2018-02-28.csv",
    "leaver_qualifications": "leaver_qualifications_2016-18.csv",
    "readme": "README-staff.md",
}

#: Snapshot job titles outside the leavers extract's scope (not in the staff in post either).
OUT_OF_SCOPE = ("Service Manager", "Independent Reviewing Officer")
#: Length of service of staff in post by job title: (least years, bands of (upper edge in
#: years, relative density per year)), piecewise constant.
TENURE = {
    "ASYE Social Worker": (0.05, ((0.95, 1.0),)),
    "Social Worker": (0.1, ((2, 1.0), (5, 0.8), (10, 0.45), (20, 0.15))),
    "Child Protection Social Worker": (0.5, ((2, 0.6), (5, 1.0), (10, 0.8), (20, 0.3))),
    "Advanced Practitioner": (1.0, ((3, 0.6), (8, 1.0), (15, 0.6), (25, 0.2))),
    "Senior Practitioner": (2.0, ((5, 1.0), (10, 0.8), (20, 0.4), (30, 0.1))),
    "Team Manager": (3.0, ((10, 1.0), (20, 0.6), (30, 0.2))),
}
#: Chance of having joined newly qualified, by job title (ASYE posts: always).
NQ_CHANCE = {
    "ASYE Social Worker": 1.0,
    "Social Worker": 0.45,
    "Child Protection Social Worker": 0.3,
    "Advanced Practitioner": 0.3,
    "Senior Practitioner": 0.25,
    "Team Manager": 0.05,
}
#: Chance that an experienced joiner of the last two years came from an agency post.
FROM_AGENCY_CHANCE = 0.5

#: Leavers: how many, and their job titles (title, grade, weight).
N_LEAVERS = 62
LEAVER_TITLES = (
    ("Social Worker", "G7", 0.45),
    ("Child Protection Social Worker", "G7", 0.15),
    ("ASYE Social Worker", "G6", 0.08),
    ("Senior Practitioner", "G9", 0.20),
    ("Team Manager", "G10", 0.12),
)
#: Leavers' length of service: (share, least years, most years) of a mixture of uniforms.
LEAVER_SERVICE = ((0.45, 0.2, 2.0), (0.35, 2.0, 6.0), (0.20, 6.0, 20.0))
#: Leaving reasons as the HR system labels them, with weights.
REASONS = (
    ("Resignation - Career/Better Opportunity", 0.30),
    ("Resignation - Dissatisfied with the council", 0.14),
    ("Resignation - Better Pay/Conditions", 0.12),
    ("Resignation - Moving Location", 0.10),
    ("Resignation - Childcare/Family/Carer", 0.10),
    ("Retirement", 0.08),
    ("Resignation - Self Employment", 0.06),
    ("Resignation - Full Time Study", 0.04),
    ("Resignation - Giving Up Work", 0.04),
    ("Dismissal", 0.02),
)
#: Leavers' chance of having joined newly qualified, by service under two years or not.
LEAVER_NQ_CHANCE = {True: 0.6, False: 0.3}


class Person(NamedTuple):
    """One permanent member of staff in post at the snapshot date, or one leaver."""

    ref: str
    team: str
    job_title: str
    grade: str
    fte: float
    start: dt.date
    qualified: dt.date
    from_agency: bool = False
    left: dt.date | None = None
    reason: str = ""


def _tenure(rng: random.Random, title: str) -> float:
    """Length of service at the snapshot date, years (:data:`TENURE`)."""
    least, bands = TENURE.get(title, TENURE["Social Worker"])
    parts, lower = [], 0.0
    for upper, density in bands:
        lo = max(lower, least)
        if upper > lo:
            parts.append((lo, upper, density))
        lower = upper
    target = rng.random() * sum((u - lo) * d for lo, u, d in parts)
    for lo, upper, density in parts:
        if target <= (upper - lo) * density:
            return lo + target / density
        target -= (upper - lo) * density
    return parts[-1][1]


def _qualified(rng: random.Random, start: dt.date, newly: bool) -> dt.date:
    """Date qualified: 1 to 11 months before joining if newly qualified, else 2 to 15 years."""
    days = rng.randint(30, 330) if newly else int(rng.uniform(2, 15) * DAYS_PER_YEAR)
    return start - dt.timedelta(days=days)


def _refs(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct invented employee references."""
    return [f"C{k}" for k in rng.sample(range(100_000, 1_000_000), n)]


def staff_in_post(snapshot: pd.DataFrame, rng: random.Random, refs: Sequence[str]) -> list[Person]:
    """One full-timer per permanent FTE of each in-scope snapshot row, in snapshot row order.

    ``snapshot`` has the export's columns (Team, Job Title, Grade, Permanent FTE); its
    permanent FTE are whole numbers.
    """
    people, n = [], 0
    for r in snapshot.to_dict("records"):
        title = r["Job Title"]
        if title in OUT_OF_SCOPE:
            continue
        for _ in range(int(r["Permanent FTE"])):
            years = _tenure(rng, title)
            start = AS_AT - dt.timedelta(days=int(years * DAYS_PER_YEAR))
            newly = rng.random() < NQ_CHANCE.get(title, 0.3)
            agency = (not newly) and years < 2 and rng.random() < FROM_AGENCY_CHANCE
            people.append(
                Person(
                    refs[n],
                    r["Team"],
                    title,
                    r["Grade"],
                    1.0,
                    start,
                    _qualified(rng, start, newly),
                    agency,
                )
            )
            n += 1
    return people


def leavers(rng: random.Random, teams: Sequence[str], refs: Sequence[str]) -> list[Person]:
    """:data:`N_LEAVERS` leavers between :data:`LEAVERS_FROM` and :data:`AS_AT`, by leaving date.

    Job title by :data:`LEAVER_TITLES` (child protection social workers in the Child Protection
    team); length of service from :data:`LEAVER_SERVICE` (ASYE posts: 0.2 to 1.2 years); FTE 1,
    one in ten 0.8 and one in twenty 0.5; reason by :data:`REASONS`.
    """
    out = []
    span = (AS_AT - LEAVERS_FROM).days
    titles = [(t, g) for t, g, _ in LEAVER_TITLES]
    for ref in refs:
        title, grade = rng.choices(titles, weights=[w for *_, w in LEAVER_TITLES])[0]
        left = LEAVERS_FROM + dt.timedelta(days=rng.randint(0, span))
        if title == "ASYE Social Worker":
            years = rng.uniform(0.2, 1.2)
        else:
            _, low, high = rng.choices(LEAVER_SERVICE, weights=[s for s, *_ in LEAVER_SERVICE])[0]
            years = rng.uniform(max(low, 3.0 if title == "Team Manager" else 0.0), high)
            years = max(years, low)
        start = left - dt.timedelta(days=int(years * DAYS_PER_YEAR))
        team = "Child Protection" if title.startswith("Child Protection") else rng.choice(teams)
        u = rng.random()
        fte = 0.5 if u < 0.05 else 0.8 if u < 0.15 else 1.0
        reason = rng.choices([r for r, _ in REASONS], weights=[w for _, w in REASONS])[0]
        if reason == "Retirement" and years < 2:
            reason = "Resignation - Career/Better Opportunity"
        newly = title == "ASYE Social Worker" or rng.random() < LEAVER_NQ_CHANCE[years < 2]
        out.append(
            Person(
                ref,
                team,
                title,
                grade,
                fte,
                start,
                _qualified(rng, start, newly),
                False,
                left,
                reason,
            )  # fmt: skip
        )
    return sorted(out, key=lambda p: (p.left, p.ref))


def _date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _fte(value: float) -> object:
    return int(value) if float(value).is_integer() else value


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def readme_text(staff: Sequence[Person], gone: Sequence[Person]) -> str:
    """``README-staff.md``: what the three files are and how they were made."""
    long_serving = sum(1 for p in staff if (AS_AT - p.start).days > 10 * DAYS_PER_YEAR)
    return "\n".join(
        [
            "# Synthetic leavers and staff in post (Coventry demo)",
            "",
            "**Synthetic. No row describes a real person.** Written by",
            "`evidence-pack demo --review coventry-sw-2018` (module",
            f"`pipelines/demo/coventry_staff.py`, seed {SEED}); running it again writes the same",
            "bytes. They feed the retention section (how long starters stay, and where the",
            "workforce is heading). The report of 16 April 2018 prints no leavers, starters or",
            "lengths of service: every value here is made up, and no other export changed.",
            "",
            f"## `{FILES['staff_in_post']}`",
            "",
            f"{len(staff)} permanent staff in post at 28 February 2018 (the workforce snapshot",
            "date): one full-timer per permanent FTE of the snapshot's rows, less its service",
            "managers and independent reviewing officers. Start dates are drawn by job title",
            "(ASYE posts within their first year, senior practitioners after two years, team",
            f"managers after three); {long_serving} have been with the council for more than 10",
            "years. Date Qualified: 1 to 11 months before joining for staff who joined newly",
            "qualified, 2 to 15 years before for the others. Appointed From Agency: Yes for an",
            "experienced joiner of the last two years appointed from an agency post (chance "
            f"{FROM_AGENCY_CHANCE:g}).",
            "",
            f"## `{FILES['leavers']}`",
            "",
            f"{len(gone)} qualified children's social workers up to team manager who left between",
            "1 October 2016 and 28 February 2018, in the columns of an HR leavers extract.",
            "",
            f"## `{FILES['leaver_qualifications']}`",
            "",
            "The date each leaver qualified, by employee reference.",
            "",
        ]
    )


def write_coventry_staff(snapshot: pd.DataFrame, out_dir: Path | str) -> list[Path]:
    """Write the leavers, staff-in-post and leavers' qualification exports and their README.

    ``snapshot``: the workforce snapshot as exported (:func:`pipelines.demo.coventry.snapshot`).
    Returns the paths written.
    """
    out = Path(out_dir)
    rng = random.Random(SEED)
    in_scope = int(snapshot.loc[~snapshot["Job Title"].isin(OUT_OF_SCOPE), "Permanent FTE"].sum())
    refs = _refs(rng, in_scope + N_LEAVERS)
    staff = staff_in_post(snapshot, rng, refs[:in_scope])
    teams = sorted(
        set(snapshot["Team"]) - {"Service Management", "Safeguarding and Quality Assurance"}
    )
    gone = leavers(rng, teams, refs[in_scope:])
    texts = {
        "staff_in_post": _csv_text(
            STAFF_HEADER,
            [
                [
                    p.ref,
                    SERVICE,
                    p.team,
                    p.job_title,
                    p.grade,
                    _fte(p.fte),
                    _date(p.start),
                    _date(p.qualified),
                    "Yes" if p.from_agency else "No",
                ]
                for p in staff
            ],
        ),  # fmt: skip
        "leavers": _csv_text(
            LEAVERS_HEADER,
            [
                [
                    p.ref,
                    SERVICE,
                    p.team,
                    p.job_title,
                    p.grade,
                    _fte(p.fte),
                    _date(p.start),
                    _date(p.left),
                    p.reason,
                ]
                for p in gone
            ],
        ),  # fmt: skip
        "leaver_qualifications": _csv_text(
            QUALIFICATIONS_HEADER, [[p.ref, _date(p.qualified)] for p in gone]
        ),
        "readme": readme_text(staff, gone),
    }
    written = []
    for key, text in texts.items():
        path = out / FILES[key]
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
