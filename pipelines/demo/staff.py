"""Synthetic staff-in-post and leavers' qualification exports for the Luton demo (retention).

The retention section (:mod:`pipelines.sections.retention`) needs, besides the leavers extract,
the start dates of the staff in post at the workforce snapshot date and, for everyone, the date
they qualified (to tell staff who joined newly qualified from experienced joiners). Two files:

* ``staff_in_post_2016-07-30.csv``: one row per permanent member of staff in post at 30 July
  2016 in the leavers extract's scope (qualified social workers and occupational therapists up
  to Team Manager: the workforce snapshot's rows less service managers and independent
  reviewing officers), each snapshot row's permanent FTE split into people as the caseload
  extract splits it (whole full-timers, then one part-timer); start date, date qualified, and
  whether the council appointed them from one of its own agency workers.
* ``leaver_qualifications_2015-16.csv``: the date each leaver of the leavers extract qualified
  (HR's professional registration record), one row per leaver, by employee reference.

Neither changes any other demo file, so every seed figure still reproduces. Deterministic:
numpy seed :data:`SEED`; running it again writes the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from pipelines.datasets.leavers import demo as leavers_demo
from pipelines.datasets.workforce.demo import AS_AT, ASC, CSC, DEFAULT_OUT_DIR, SNAPSHOT, _people

SEED = 20160731
STAFF_FILE = "staff_in_post_2016-07-30.csv"
QUALIFICATIONS_FILE = "leaver_qualifications_2015-16.csv"
README_FILE = "README-staff.md"
STAFF_HEADER = (
    "Employee Ref",
    "Service",
    "Team",
    "Job Title",
    "Grade",
    "FTE",
    "Start Date",
    "Date Qualified",
    "Appointed From Agency",
)
QUALIFICATIONS_HEADER = ("Employee Ref", "Date Qualified")
DAYS_PER_YEAR = 365.25

#: Snapshot job titles outside the leavers extract's scope (not in the staff-in-post file).
OUT_OF_SCOPE = ("Service Manager", "Independent Reviewing Officer")
#: Relative density of lengths of service of staff in post, per year, by band (upper edge in
#: years, density): piecewise constant. They echo the leavers extract (many children's leavers
#: in their first five years; adults' leavers between three and six years and near twenty), so
#: that the people in post at each length of service are many enough for the leavers there.
TENURE_DENSITY = {
    CSC: ((2, 1.0), (5, 0.9), (10, 0.5), (20, 0.2), (30, 0.05)),
    ASC: ((3, 0.9), (7, 1.3), (12, 0.8), (18, 0.4), (22, 0.6), (30, 0.1)),
}
#: Chance that an experienced joiner in their first two years came from the council's agency.
FROM_AGENCY_CHANCE = 0.25
#: Chance of having joined newly qualified, by job title (ASYE posts: always).
NQ_CHANCE = {
    "ASYE Social Worker": 1.0,
    "Social Worker": 0.45,
    "Occupational Therapist": 0.4,
    "Senior Practitioner": 0.25,
    "Advanced Practitioner": 0.2,
    "Senior Occupational Therapist": 0.2,
    "Deputy Team Manager": 0.1,
    "Team Manager": 0.05,
}
#: Leavers: chance of having joined newly qualified, by length of service under two years.
LEAVER_NQ_CHANCE = {True: 0.6, False: 0.3}
#: Rows written with ISO dates (yyyy-mm-dd) instead of dd/mm/yyyy (deliberate messiness).
ISO_ROWS = (5, 40)
#: The tenth person of each service has the service spelt as the HR system's older label
#: (deliberate messiness).
SERVICE_SPELLING = {CSC: "Children's Services", ASC: "ASC"}
SPELLING_NTH = 10


def spelling_rows(people: Sequence[Person]) -> dict[int, str]:
    """Excel row (header = 1) -> the service spelling written there (:data:`SERVICE_SPELLING`)."""
    out, seen = {}, dict.fromkeys(SERVICE_SPELLING, 0)
    for row, p in enumerate(people, start=2):
        seen[p.service] += 1
        if seen[p.service] == SPELLING_NTH:
            out[row] = SERVICE_SPELLING[p.service]
    return out


class Person(NamedTuple):
    """One permanent member of staff in post at the snapshot date."""

    ref: str
    service: str
    team: str
    job_title: str
    grade: str
    fte: float
    start: dt.date
    qualified: dt.date
    from_agency: bool


def _years(rng: np.random.Generator, service: str, job_title: str, grade: str, u: float) -> float:
    """Length of service at the snapshot date, years, for one person (``u``: a uniform draw)."""
    if job_title == "ASYE Social Worker":
        return float(rng.uniform(0.05, 0.95))
    if job_title == "Social Worker" and grade == "L7":
        return float(rng.uniform(0.1, 3.0))
    low = 2.0 if job_title in ("Team Manager", "Deputy Team Manager") else 0.0
    bands, lower, mass = [], 0.0, 0.0
    for upper, density in TENURE_DENSITY[service]:
        lo = max(lower, low)
        if upper > lo:
            bands.append((lo, upper, density))
            mass += (upper - lo) * density
        lower = upper
    target = u * mass
    for lo, upper, density in bands:
        part = (upper - lo) * density
        if target <= part:
            return lo + target / density
        target -= part
    return float(bands[-1][1])


def _qualified(rng: np.random.Generator, start: dt.date, newly: bool) -> dt.date:
    """Date qualified: 1 to 11 months before joining if newly qualified, else 2 to 15 years."""
    days = int(rng.integers(30, 330)) if newly else int(rng.uniform(2, 15) * DAYS_PER_YEAR)
    return start - dt.timedelta(days=days)


def generate_staff(rng: np.random.Generator) -> list[Person]:
    """The permanent staff in post at :data:`AS_AT`, in snapshot row order.

    One person per permanent FTE part of each in-scope snapshot row (:func:`_people`); start
    date = snapshot date - a drawn length of service; newly qualified on joining with
    :data:`NQ_CHANCE` (ASYE posts always); experienced joiners of the last two years came from
    the council's own agency workers with :data:`FROM_AGENCY_CHANCE`.
    """
    people = []
    taken = {
        lv.ref for lv in leavers_demo.generate_leavers(np.random.default_rng(leavers_demo.SEED))
    }
    drawn = rng.choice(900_000, size=400, replace=False) + 100_000
    numbers = [n for n in drawn if f"E{int(n)}" not in taken]
    n = 0
    # stratified draws per service (one per stratum of the length-of-service distribution, in a
    # random order), so that every length of service has someone in post: no gaps in the curves
    counts = {
        s: sum(
            len(_people(p.permanent))
            for p in SNAPSHOT
            if p.service == s and p.job_title not in OUT_OF_SCOPE
        )
        for s in (CSC, ASC)
    }
    draws = {s: iter((rng.permutation(k) + rng.uniform(size=k)) / k) for s, k in counts.items()}
    for post in SNAPSHOT:
        if post.job_title in OUT_OF_SCOPE:
            continue
        for fte in _people(post.permanent):
            years = _years(
                rng, post.service, post.job_title, post.grade, float(next(draws[post.service]))
            )
            start = AS_AT - dt.timedelta(days=int(years * DAYS_PER_YEAR))
            newly = bool(rng.uniform() < NQ_CHANCE.get(post.job_title, 0.3))
            agency = (not newly) and years < 2 and bool(rng.uniform() < FROM_AGENCY_CHANCE)
            people.append(
                Person(
                    f"E{int(numbers[n])}",
                    post.service,
                    post.team,
                    post.job_title,
                    post.grade,
                    fte,
                    start,
                    _qualified(rng, start, newly),
                    agency,
                )
            )
            n += 1
    return people


def leaver_qualifications(rng: np.random.Generator) -> list[tuple[str, dt.date]]:
    """Date qualified of each leaver of the leavers demo (by reference, in its order)."""
    leavers = leavers_demo.generate_leavers(np.random.default_rng(leavers_demo.SEED))
    out = []
    for lv in leavers:
        short = (lv.leaving - lv.start).days < 2 * DAYS_PER_YEAR
        managers = lv.design.role in (leavers_demo.DTM, leavers_demo.TM)
        chance = 0.1 if managers else LEAVER_NQ_CHANCE[short]
        out.append((lv.ref, _qualified(rng, lv.start, bool(rng.uniform() < chance))))
    return out


def staff_rows(people: Sequence[Person]) -> list[list[object]]:
    """The staff-in-post rows below the header, with the deliberate messiness."""
    rows = []
    spelt = spelling_rows(people)
    for i, p in enumerate(people, start=2):
        fmt = "%Y-%m-%d" if i in ISO_ROWS else "%d/%m/%Y"
        fte = int(p.fte) if float(p.fte).is_integer() else p.fte
        rows.append(
            [
                p.ref,
                spelt.get(i, p.service),
                p.team,
                p.job_title,
                p.grade,
                fte,
                p.start.strftime(fmt),
                p.qualified.strftime(fmt),
                "Yes" if p.from_agency else "No",
            ]
        )
    return rows


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def readme_text(people: Sequence[Person]) -> str:
    """``README-staff.md``: what the two files are, how they were made, their messiness."""
    by_service = {
        s: (sum(1 for p in people if p.service == s), sum(p.fte for p in people if p.service == s))
        for s in (CSC, ASC)
    }
    lines = [
        "# Synthetic staff in post and leavers' qualification dates (Luton demo)",
        "",
        "**Synthetic. No row describes a real person.** Written by `python -m pipelines.demo`",
        f"(module `pipelines/demo/staff.py`, numpy seed {SEED}); running it",
        "again writes the same bytes. They feed the retention section (how long starters stay);",
        "no published figure comes from them, and no other demo file changed to make them.",
        "",
        f"## `{STAFF_FILE}`",
        "",
        "One row per permanent member of staff in post at 30 July 2016 (the workforce snapshot",
        "date), in the leavers extract's scope: qualified social workers and occupational",
        "therapists up to Team Manager (the snapshot less its service managers and independent",
        "reviewing officers). Each snapshot row's permanent FTE is split into people as in the",
        "caseload extract (whole full-timers, then one part-timer), so the FTE add up to the",
        "snapshot's permanent FTE of those rows. Columns: " + ", ".join(STAFF_HEADER) + ".",
        "",
        "| Service | People | FTE |",
        "| --- | ---: | ---: |",
        *[f"| {s} | {n} | {f:g} |" for s, (n, f) in by_service.items()],
        "",
        "- Start Date: the continuous service date. Lengths of service are drawn from a density",
        "  by band of years (upper edge: relative density) of "
        + "; ".join(
            f"{s} " + ", ".join(f"{u}: {d:g}" for u, d in bands)
            for s, bands in TENURE_DENSITY.items()
        )
        + ",",
        "  echoing the leavers extract (one draw per equal stratum, so no length of service is",
        "  left empty); ASYE posts within their first year, social workers at L7 within three",
        "  years, team and deputy team managers with at least two years.",
        "- Date Qualified: the date of the social work or occupational therapy qualification",
        "  (HR's professional registration record): 1 to 11 months before joining for staff who",
        "  joined newly qualified, 2 to 15 years before for experienced joiners.",
        "- Appointed From Agency: Yes when the council appointed one of its own agency workers",
        "  to the permanent post (experienced joiners of the last two years, chance "
        f"{FROM_AGENCY_CHANCE:g}).",
        "- Employee references are invented and do not link to the caseload extract's worker IDs.",
        "",
        f"## `{QUALIFICATIONS_FILE}`",
        "",
        "The date each leaver of the leavers extract qualified, by employee reference (one row",
        "per leaver). Leavers with under two years' service joined newly qualified with chance",
        f"{LEAVER_NQ_CHANCE[True]:g}, others {LEAVER_NQ_CHANCE[False]:g} (team and deputy team",
        "managers 0.1).",
        "",
        "## Deliberate messiness",
        "",
        f"- `{STAFF_FILE}`: dates written yyyy-mm-dd in rows "
        + ", ".join(str(r) for r in ISO_ROWS)
        + " (dd/mm/yyyy elsewhere); service spelt "
        + ", ".join(f'"{t}" (row {r})' for r, t in spelling_rows(people).items())
        + ".",
        "",
    ]
    return "\n".join(lines)


def write_staff_demo(out_dir: pathlib.Path = DEFAULT_OUT_DIR) -> list[pathlib.Path]:
    """Write the staff-in-post and leavers' qualification demo files into ``out_dir``.

    Returns
    -------
    list of pathlib.Path
        The staff-in-post CSV, the leavers' qualification CSV and ``README-staff.md``.

    """
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    people = generate_staff(rng)
    quals = leaver_qualifications(rng)
    paths = [out_dir / STAFF_FILE, out_dir / QUALIFICATIONS_FILE, out_dir / README_FILE]
    paths[0].write_text(_csv_text(STAFF_HEADER, staff_rows(people)), encoding="utf-8")
    paths[1].write_text(
        _csv_text(QUALIFICATIONS_HEADER, [[ref, d.strftime("%d/%m/%Y")] for ref, d in quals]),
        encoding="utf-8",
    )
    paths[2].write_text(readme_text(people), encoding="utf-8")
    return paths
