"""Synthetic recruitment system exports for the two demo reviews (one row per application).

Luton's agenda item 6 report of 21 September 2016 prints a few recruitment figures: the Google
AdWords campaign (from October 2015, £200 a month) brought 8 applications (para 38); the Step
Up to Social Work cohort 4 has 7 trainees to be recruited into vacancies by April 2017 (para 54);
two recent permanent Independent Reviewing Officer appointments are attributed to the £5,500
market supplement (para 43). The Luton export reproduces those figures; everything else
(the microsite, job boards, agency conversions, the other campaigns, dates and reasons) is
invented. Coventry's report of 16 April 2018 prints no recruitment figures, so its export is
wholly invented (labelled synthetic in its README).

Each campaign is laid out below as groups of applications with exact stage counts (the
*design*: applied, shortlisted, interviewed, offered, declined, started, withdrawn); the dates
of each application are drawn from a ``random.Random`` with a fixed seed, so every run writes
the same bytes. Deliberate messiness (documented in the README the writer adds): route labels
spelt as a recruitment system writes them ("Google Ad Words", "jobsgopublic", "Sanctuary"),
extra spaces, a blank row and, in Luton's file, a totals row at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path
from typing import NamedTuple

from pipelines.core.config import project_root

HEADER = (
    "Application ID", "Vacancy Ref", "Job Title", "Service", "Source",
    "Newly Qualified or Experienced", "Date Applied", "Date Shortlisted", "Date Interviewed",
    "Date Offered", "Date Offer Accepted", "Date Offer Declined", "Start Date", "Date Withdrawn",
    "Decline or Withdrawal Reason",
)  # fmt: skip
FILE = {"luton-sw-2016": "recruitment_2015-16.csv", "coventry-sw-2018": "recruitment_2016-17.csv"}
README = "README-recruitment.md"
SEED = {"luton-sw-2016": 20160831, "coventry-sw-2018": 20170930}
#: The date each export was taken (the review period's end): no date is later.
EXTRACTED = {"luton-sw-2016": dt.date(2016, 8, 31), "coventry-sw-2018": dt.date(2017, 9, 30)}
START = {"luton-sw-2016": dt.date(2015, 9, 1), "coventry-sw-2018": dt.date(2016, 10, 1)}
CSC, ASC = "Children's Social Care", "Adult Social Care"


class Group(NamedTuple):
    """Applications of one campaign by one route, with exact counts at each stage.

    ``offered`` includes ``declined``; of the offers not declined, ``started`` started,
    ``dropped`` withdrew after accepting, and the rest accepted but had not started when the
    export was taken. ``withdrew`` applicants withdrew before an offer. ``first`` and ``last``
    bound the application dates.
    """

    campaign: str
    title: str
    service: str
    route: str  # as the recruitment system writes it
    experience: str
    applied: int
    shortlisted: int
    interviewed: int
    offered: int
    declined: int
    started: int
    dropped: int
    withdrew: int
    first: dt.date
    last: dt.date


D = dt.date
LUTON = (
    # Children's social workers, rolling campaign: job boards, the microsite, agency conversions.
    Group("LBC-CSC-SW-1516", "Social Worker", CSC, "jobsgopublic", "Experienced",
          14, 9, 7, 4, 1, 3, 0, 1, D(2015, 9, 7), D(2016, 3, 31)),
    Group("LBC-CSC-SW-1516", "Social Worker", CSC, "Community Care", "Experienced",
          11, 7, 5, 3, 1, 2, 0, 1, D(2015, 9, 14), D(2016, 4, 29)),
    Group("LBC-CSC-SW-1516", "Social Worker", CSC, "Google Ad Words", "Experienced",
          8, 5, 4, 2, 1, 1, 0, 0, D(2015, 10, 5), D(2016, 6, 30)),
    Group("LBC-CSC-SW-1516", "Social Worker", CSC, "Agency to permanent", "Experienced",
          6, 6, 6, 4, 1, 2, 1, 0, D(2015, 11, 2), D(2016, 2, 26)),
    Group("LBC-CSC-SW-1516", "Social Worker", CSC, "Community Care Live", "Experienced",
          4, 2, 2, 1, 0, 1, 0, 0, D(2015, 10, 12), D(2015, 10, 30)),
    # Independent Reviewing Officers: the two appointments of para 43.
    Group("LBC-IRO-1516", "Independent Reviewing Officer", CSC, "Guardian Jobs", "Experienced",
          6, 4, 3, 2, 0, 2, 0, 1, D(2016, 1, 11), D(2016, 2, 19)),
    # Step Up cohort 4: the 7 trainees of para 54, shortlisted for April 2017 vacancies.
    Group("LBC-STEPUP-C4", "Social Worker (newly qualified)", CSC, "Step Up", "NQSW",
          7, 7, 0, 0, 0, 0, 0, 0, D(2016, 7, 4), D(2016, 7, 29)),
    # Newly qualified children's social workers (university route), summer 2016.
    Group("LBC-CSC-NQSW-2016", "Social Worker (newly qualified)", CSC, "University fair",
          "NQSW", 12, 9, 8, 6, 1, 3, 0, 1, D(2016, 3, 7), D(2016, 5, 27)),
    # Adults' social workers and occupational therapists.
    Group("LBC-ASC-SW-1516", "Social Worker", ASC, "jobsgopublic", "Experienced",
          9, 5, 4, 2, 1, 1, 0, 1, D(2015, 9, 21), D(2016, 4, 15)),
    Group("LBC-ASC-SW-1516", "Social Worker", ASC, "Indeed", "Experienced",
          5, 2, 2, 1, 0, 1, 0, 0, D(2015, 12, 1), D(2016, 3, 18)),
    Group("LBC-ASC-SW-1516", "Social Worker", ASC, "Locum conversion", "Experienced",
          3, 3, 3, 2, 0, 2, 0, 0, D(2016, 1, 4), D(2016, 3, 4)),
    Group("LBC-ASC-TM-1516", "Team Manager", ASC, "Community Care", "Experienced",
          4, 3, 3, 1, 0, 1, 0, 0, D(2016, 2, 1), D(2016, 3, 11)),
)  # fmt: skip
COVENTRY = (
    # Social work academy: newly qualified intake, summer 2017 (demo plan of 15).
    Group("CCC-ACAD-2017", "ASYE Social Worker", CSC, "Social work academy", "Newly qualified",
          31, 22, 20, 14, 2, 9, 1, 2, D(2017, 2, 6), D(2017, 5, 26)),
    # Experienced social workers: rolling campaign with a recruitment partner and job boards.
    Group("CCC-EXP-SW-1617", "Social Worker", CSC, "Sanctuary", "Experienced",
          24, 14, 11, 7, 2, 4, 1, 2, D(2016, 10, 10), D(2017, 6, 30)),
    Group("CCC-EXP-SW-1617", "Social Worker", CSC, "Community Care", "Experienced",
          17, 9, 7, 4, 1, 3, 0, 1, D(2016, 10, 17), D(2017, 6, 30)),
    Group("CCC-EXP-SW-1617", "Senior Practitioner", CSC, "Careers site", "Experienced",
          9, 5, 4, 2, 0, 2, 0, 1, D(2016, 11, 7), D(2017, 4, 28)),
    Group("CCC-EXP-SW-1617", "Social Worker", CSC, "LinkedIn", "Experienced",
          3, 1, 1, 0, 0, 0, 0, 0, D(2017, 1, 9), D(2017, 3, 31)),
    # Agency workers converting to permanent posts (demo target of 12 by 31 March 2018).
    Group("CCC-AGENCY-CONV-2017", "Social Worker", CSC, "Agency to permanent", "Experienced",
          10, 10, 9, 7, 1, 3, 0, 0, D(2017, 4, 3), D(2017, 7, 28)),
    Group("CCC-TM-1617", "Team Manager", CSC, "Sanctuary", "Experienced",
          6, 4, 4, 2, 1, 1, 0, 0, D(2016, 11, 14), D(2017, 3, 17)),
)  # fmt: skip
DESIGN = {"luton-sw-2016": LUTON, "coventry-sw-2018": COVENTRY}
PREFIX = {"luton-sw-2016": "LBC-A", "coventry-sw-2018": "CCC-A"}

REASONS_DECLINED = ("Salary too low", "Accepted another offer", "Too far to travel",
                    "Staying with agency")  # fmt: skip
REASONS_WITHDRAWN = ("Personal reasons", "Accepted another offer", "Not interested",
                     "References not received")  # fmt: skip


def _day(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def applications(review: str) -> list[list[str]]:
    """The export's data rows for one demo review (deterministic; see the module docstring).

    Every application's dates are in stage order and on or before the extract date; a start
    comes 4 to 12 weeks after acceptance, and a start that would fall after the extract date is
    moved back to it (so the design's started counts are exact).
    """
    rng = random.Random(SEED[review])
    extracted = EXTRACTED[review]
    rows: list[list[str]] = []
    n = 0
    for g in DESIGN[review]:
        for i in range(g.applied):
            n += 1
            applied = _between(rng, g.first, g.last)
            short = interview = offer = accept = decline = start = withdrawn = None
            reason = ""
            if i < g.shortlisted:
                short = applied + dt.timedelta(days=rng.randint(5, 15))
            if i < g.interviewed:
                interview = short + dt.timedelta(days=rng.randint(5, 14))
            if i < g.offered:
                offer = (interview or short) + dt.timedelta(days=rng.randint(1, 5))
                answered = offer + dt.timedelta(days=rng.randint(1, 7))
                if i < g.declined:
                    decline, reason = answered, REASONS_DECLINED[i % len(REASONS_DECLINED)]
                else:
                    accept = answered
                    k = i - g.declined
                    if k < g.started:
                        start = min(accept + dt.timedelta(days=rng.randint(28, 84)), extracted)
                    elif k < g.started + g.dropped:
                        withdrawn = accept + dt.timedelta(days=rng.randint(7, 21))
                        reason = REASONS_WITHDRAWN[k % len(REASONS_WITHDRAWN)]
            elif g.applied - i <= g.withdrew:
                withdrawn = (short or applied) + dt.timedelta(days=rng.randint(2, 10))
                reason = REASONS_WITHDRAWN[i % len(REASONS_WITHDRAWN)]
            dates = [applied, short, interview, offer, accept, decline, start, withdrawn]
            dates = [d if d is None or d <= extracted else None for d in dates]
            route = g.route if n % 7 else f" {g.route} "  # stray spaces, as exports have
            rows.append(
                [f"{PREFIX[review]}{n:04d}", g.campaign, g.title, g.service, route, g.experience]
                + [_day(d) for d in dates]
                + [reason]
            )
    return rows


def csv_text(review: str) -> str:
    """The export as CSV text: header, rows, a blank row and (Luton) a totals row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    rows = applications(review)
    w.writerows(rows[:20])
    w.writerow([""] * len(HEADER))
    w.writerows(rows[20:])
    if review == "luton-sw-2016":
        w.writerow(["Total", f"{len(rows)} applications", *[""] * (len(HEADER) - 2)])
    return buf.getvalue()


def readme_text(review: str) -> str:
    """``README-recruitment.md``: synthetic, how made, the messiness, choices the seeds leave."""
    seeds = (
        "It reproduces the recruitment figures Luton's agenda item 6 report of 21 September "
        "2016 prints: 8 applications from the Google AdWords campaign (para 38; route "
        "'Online advertising', written 'Google Ad Words' in the export), the 7 Step Up cohort 4 "
        "trainees (para 54; shortlisted for vacancies to be filled by April 2017) and the two "
        "permanent Independent Reviewing Officer appointments (para 43). Every other count, "
        "date and reason is invented."
        if review == "luton-sw-2016"
        else "Coventry's report of 16 April 2018 prints no recruitment figures: every count, "
        "date and reason is invented, including the social work academy's newly qualified "
        "intake plan and the agency conversion target in the review configuration (marked demo)."
    )
    return (
        f"# Recruitment export ({FILE[review]}): SYNTHETIC\n\n"
        "One row per application, as a council's recruitment system exports it. Written by "
        "`pipelines.datasets.recruitment.demo.write_recruitment_demo` (deterministic: fixed "
        f"seed {SEED[review]}); not real data.\n\n{seeds}\n\n"
        "Deliberate messiness: routes spelt as the system writes them (mapped in "
        "config/mappings/recruitment.yml), stray spaces around some routes, a blank row after "
        "the 20th application"
        + (", a totals row at the end" if review == "luton-sw-2016" else "")
        + ". Dates are dd/mm/yyyy; blank where the application did not reach the stage; no date "
        f"is after {EXTRACTED[review]:%-d %B %Y}, when the export was taken.\n"
    )


def write_recruitment_demo(
    out_dir: Path | str | None = None, review: str = "luton-sw-2016"
) -> list[Path]:
    """Write one demo review's recruitment export and its README; returns the paths written.

    ``out_dir`` defaults to ``data/raw/demo/<review>``.
    """
    if review not in DESIGN:
        raise ValueError(f"No recruitment demo for {review}; there are: {', '.join(DESIGN)}")
    out = Path(out_dir) if out_dir else project_root() / "data" / "raw" / "demo" / review
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / FILE[review], out / README]
    paths[0].write_text(csv_text(review), encoding="utf-8")
    paths[1].write_text(readme_text(review), encoding="utf-8")
    return paths
