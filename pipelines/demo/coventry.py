"""Synthetic demo exports of the second demo review: Coventry City Council, 2018.

The Education and Children's Services Scrutiny Board (2) task and finish group on the retention
of social workers reported in April 2018 (``shared/seeds/003_*.txt``). Its report prints a
handful of figures, read here from ``shared/reference/seed_figures.yml`` (never retyped):

- the £5,000 market supplement, paid to 43 social workers out of a workforce of 303;
- the additional £30,000 a year an agency social worker costs;
- 50 FTE grade 7 social worker posts converted into grade 8 advanced social worker posts, which
  the removal of the supplement makes cost neutral;
- the staffing model's caseloads: 14 looked after children or child protection cases, 20
  children in need and 25 care leavers per worker (these go into the review's configuration);
- the recommendations a to e (the tracker register).

:func:`write_coventry_demo` writes record-level exports from which the pack computes those
figures: a workforce snapshot (FTE by team, job title and grade), a pay table, a caseload extract
(one row per case-holding worker) and a market supplement register, all CSV, with the tracker
register and a README saying what is real and what is made up; and, for the retention section,
leavers, staff in post and leavers' qualification dates (:mod:`pipelines.demo.coventry_staff`).
Everything else (teams, the split of FTE between them, salaries other than those the figures
fix, every caseload, every date of qualifying, every tracker status) is invented,
deterministically (``SEED``).

The pay table and the agency spend export are built so that the published figures follow from
them: the agency cost for a year (the export's hours-weighted average charge rate,
``AGENCY_RATE``, x ``AGENCY_HOURS`` x ``AGENCY_WEEKS``, the review's hours and weeks) less a
grade 7 social worker's permanent cost is the £30,000; a grade 8 post costs the supplement saving
(43 x £5,000) divided by the 50 conversions more than a grade 7 one, so the conversions are cost
neutral as the report says.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pandas as pd
import yaml

from pipelines.core.config import project_root
from pipelines.core.exports import write_csv

REVIEW = "coventry-sw-2018"
DEFAULT_OUT_DIR = project_root() / "data" / "raw" / "demo" / REVIEW
SEED_FIGURES = project_root().parent / "shared" / "reference" / "seed_figures.yml"
SEED = 20180416
#: The date the snapshot and the caseload extract describe (synthetic; before the Board of
#: 27 March 2018). The review's configuration gives it as the datasets' ``as_at``.
AS_AT = dt.date(2018, 2, 28)
#: The agency costing: the hours-weighted average charge rate of the agency spend export
#: (pounds an hour, :func:`agency_spend`), and the review's hours a week and weeks a year.
AGENCY_RATE, AGENCY_HOURS, AGENCY_WEEKS = 39.0, 37.0, 46.0
SERVICE = "Children's Social Care"
#: Employer's National Insurance on a grade 7 salary, pounds a year (synthetic).
G7_NI = 3500.0

FILES = {
    "workforce_snapshot": "workforce_snapshot_2018-02-28.csv",
    "pay_rates": "pay_rates_2017-18.csv",
    "caseloads": "caseloads_2018-02-28.csv",
    "market_supplements": "market_supplements_2017-18.csv",
    "agency_spend": "agency_spend_2017-18.csv",
    "tracker": "recommendations.yml",
}
#: Meetings at which the tracker records a status (the Board and the Cabinet Member).
TRACKER_MEETINGS = ("2018-03-27", "2018-04-16")

#: Teams of the redesigned service: (team, main case type of its workers).
TEAMS = (
    ("Multi-Agency Safeguarding Hub", "children_in_need"),
    ("Assessment", "children_in_need"),
    ("Child Protection", "child_protection"),
    ("Children in Need", "children_in_need"),
    ("Looked After Children", "looked_after"),
    ("Leaving Care", "care_leavers"),
    ("Children with Disabilities", "children_in_need"),
)
#: Posts outside the seven teams: (team, job title, grade, establishment, permanent, agency).
OTHER_POSTS = (
    ("Service Management", "Service Manager", "G11", 7, 6, 1),
    ("Safeguarding and Quality Assurance", "Independent Reviewing Officer", "G10", 14, 12, 2),
)
#: Posts in every team: job title, grade, establishment, permanent and agency FTE per team.
TEAM_POSTS = (
    ("Team Manager", "G10", 3, 3, 0),
    ("Senior Practitioner", "G9", 5, 4, 1),
    ("ASYE Social Worker", "G6", 4, 4, 0),
)
CASE_HOLDING = (
    "ASYE Social Worker",
    "Social Worker",
    "Child Protection Social Worker",
    "Senior Practitioner",
    "Advanced Practitioner",
)
#: Share of a full caseload held by post (the staffing model's reductions for senior
#: practitioners and newly qualified social workers).
CASELOAD_SHARE = {"ASYE Social Worker": 0.6, "Senior Practitioner": 0.8}


def seed_figures(path: Path = SEED_FIGURES) -> dict:
    """The Coventry entry of the reference file of published figures."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["coventry"]


def published(seed: dict) -> dict[str, float]:
    """The figures the exports must reproduce, by name, read from the reference file."""
    ms, ap, cm = (
        seed["market_supplement"],
        seed["advanced_practitioner"],
        seed["caseload_model_assumptions"],
    )
    return {
        "supplement": float(ms["amount_gbp"]["value"]),
        "recipients": int(ms["social_workers_receiving"]["value"]),
        "workforce": int(ms["workforce"]["value"]),
        "agency_extra": float(ms["agency_social_worker_additional_cost_gbp_pa"]["value"]),
        "conversions": int(ap["grade_7_to_8_conversions_fte"]["value"]),
        "lac_cp": float(cm["looked_after_and_child_protection_per_sw"]["value"]),
        "cin": float(cm["children_in_need_per_sw"]["value"]),
        "care_leavers": float(cm["former_relevant_children_per_personal_adviser"]["value"]),
        "focus_group": int(seed["focus_groups"]["participants"]["value"]),
    }


def _split(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers differing by at most one."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def snapshot(fig: dict) -> pd.DataFrame:
    """The workforce snapshot: FTE by team, job title and grade (columns as the HR export).

    Permanent FTE add to the published workforce; the child protection social workers (the only
    posts with the supplement) hold the published number of permanent posts; the grade 8
    advanced practitioner posts are the published conversions, filled by the grade 7 social
    workers whose posts were converted. Grade 7 social workers make up the rest.
    """
    rows = [list(r) for r in OTHER_POSTS]
    for team, _ in TEAMS:
        rows += [[team, t, g, e, p, a] for t, g, e, p, a in TEAM_POSTS]
    rows.append(
        ["Child Protection", "Child Protection Social Worker", "G7", 50, fig["recipients"], 6]
    )
    for team, est in zip(
        [t for t, _ in TEAMS], _split(fig["conversions"], len(TEAMS)), strict=True
    ):
        rows.append([team, "Advanced Practitioner", "G8", est, est, 0])
    placed = sum(r[4] for r in rows)
    sw_perm = fig["workforce"] - placed
    teams = [t for t, _ in TEAMS]
    for team, perm, agency, vacant in zip(
        teams,
        _split(sw_perm, len(teams)),
        _split(28, len(teams)),
        _split(35, len(teams)),
        strict=True,
    ):
        rows.append([team, "Social Worker", "G7", perm + vacant, perm, agency])
    out = pd.DataFrame(
        rows,
        columns=["Team", "Job Title", "Grade", "Establishment FTE", "Permanent FTE", "Agency FTE"],
    )
    out["Vacant FTE"] = out["Establishment FTE"] - out["Permanent FTE"]
    out.insert(0, "Service", SERVICE)
    return out


def pay_rates(fig: dict) -> pd.DataFrame:
    """Annual pay per post for costing, 2017/18 (pounds): salary, employer's NI, supplement.

    A grade 7 social worker's salary and NI are the agency cost for a year less the published
    extra cost of an agency worker; a grade 8 post costs the supplement saving divided by the
    conversions more. Other grades are invented.
    """
    agency = AGENCY_RATE * AGENCY_HOURS * AGENCY_WEEKS
    g7 = agency - fig["agency_extra"]
    step = fig["recipients"] * fig["supplement"] / fig["conversions"]
    rows = [
        ("Service Manager", "G11", 52000, 6100, 0),
        ("Independent Reviewing Officer", "G10", 44000, 5000, 0),
        ("Team Manager", "G10", 44000, 5000, 0),
        ("Senior Practitioner", "G9", 39000, 4300, 0),
        ("Advanced Practitioner", "G8", g7 - G7_NI + step - 500, G7_NI + 500, 0),
        ("Social Worker", "G7", g7 - G7_NI, G7_NI, 0),
        ("Child Protection Social Worker", "G7", g7 - G7_NI, G7_NI, fig["supplement"]),
        ("ASYE Social Worker", "G6", 27000, 2600, 0),
    ]
    out = pd.DataFrame(
        rows, columns=["Job Title", "Grade", "Salary", "Employer NI", "Market Supplement"]
    )
    out["Car Allowance"] = 0
    out.insert(0, "Service", SERVICE)
    for col in ("Salary", "Employer NI", "Market Supplement"):
        out[col] = out[col].round(0).astype(int)
    return out


def caseloads(snap: pd.DataFrame, fig: dict, rng: random.Random) -> pd.DataFrame:
    """One row per case-holding worker in post (permanent and agency): cases by type.

    A worker's main case type is their team's; the number of cases is drawn around the staffing
    model's caseload for that type (fewer for newly qualified workers and senior practitioners),
    with a few cases of other types.
    """
    model = {
        "looked_after": fig["lac_cp"],
        "child_protection": fig["lac_cp"],
        "children_in_need": fig["cin"],
        "care_leavers": fig["care_leavers"],
    }
    main = dict(TEAMS)
    rows = []
    n = 0
    for r in snap.itertuples(index=False):
        title = r[2]
        if title not in CASE_HOLDING:
            continue
        kinds = ["Permanent"] * int(r[5]) + ["Agency"] * int(r[6])
        for kind in kinds:
            n += 1
            case_type = main[r[1]]
            share = CASELOAD_SHARE.get(title, 1.0)
            held = {k: 0 for k in model}
            held[case_type] = max(3, round(model[case_type] * share + rng.randint(-4, 3)))
            if case_type != "care_leavers":
                other = rng.choice([k for k in model if k not in (case_type, "care_leavers")])
                held[other] = rng.randint(0, 3)
            if title == "ASYE Social Worker":
                years = rng.uniform(0.1, 1.0)
            elif title == "Advanced Practitioner":
                years = rng.uniform(3.0, 15.0)
            elif title == "Senior Practitioner":
                years = rng.uniform(4.0, 20.0)
            else:
                years = rng.uniform(1.0, 12.0)
            qualified = AS_AT - dt.timedelta(days=round(years * 365.25))
            rows.append(
                {
                    "Worker ID": f"CW{n:04d}",
                    "Service": SERVICE,
                    "Team": r[1],
                    "Job Title": title,
                    "Grade": r[3],
                    "Worker Type": kind,
                    "FTE": 1,
                    "Date Qualified": qualified.strftime("%d/%m/%Y"),
                    "Looked After Children": held["looked_after"],
                    "Child Protection": held["child_protection"],
                    "Children in Need": held["children_in_need"],
                    "Care Leavers": held["care_leavers"],
                    "Total Cases": sum(held.values()),
                }
            )
    return pd.DataFrame(rows)


#: The agency spend export's layout (the agency framework's timesheet report: its own headers,
#: read through config/mappings/columns.yml) and its period: 46 weeks from Monday 3 April 2017.
SPEND_HEADERS = (
    "Assignment Ref", "Service", "Role", "Week Commencing", "Week Ending", "Charge Rate",
    "Hours Worked",
)  # fmt: skip
SPEND_FROM = dt.date(2017, 4, 3)
#: Hourly charge rate of the agency managers and reviewing officers (synthetic): outside the
#: roles the practitioner rate applies to, so it does not enter the average.
MANAGER_RATE = 52.0


def agency_spend(snap: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    """The agency spend export: one row per agency worker per week, 46 weeks of 2017/18.

    One assignment per agency FTE in the snapshot. The practitioners' (``CASE_HOLDING``) charge
    rates come in pairs ``AGENCY_RATE`` + d and ``AGENCY_RATE`` - d (d a multiple of 25p up to
    £4.50) with the same hours a week (33 to 40), one at ``AGENCY_RATE`` when their number is
    odd, so their hours-weighted average charge rate is ``AGENCY_RATE`` exactly: the rate the
    pay table's grade 7 cost is built from (:func:`pay_rates`), so the extra cost of an agency
    worker over that post is the published figure. Managers and reviewing officers are charged
    ``MANAGER_RATE``.
    """
    workers = []
    for r in snap.itertuples(index=False):
        workers += [r[2]] * int(r[6])
    practitioners = [t for t in workers if t in CASE_HOLDING]
    others = [t for t in workers if t not in CASE_HOLDING]
    rates: list[tuple[str, float, float]] = []
    pairs = len(practitioners) // 2
    for i in range(pairs):
        d = rng.randint(1, 18) * 0.25
        hours = float(rng.randint(33, 40))
        rates.append((practitioners[2 * i], AGENCY_RATE + d, hours))
        rates.append((practitioners[2 * i + 1], AGENCY_RATE - d, hours))
    if len(practitioners) % 2:
        rates.append((practitioners[-1], AGENCY_RATE, AGENCY_HOURS))
    rates += [(t, MANAGER_RATE, AGENCY_HOURS) for t in others]
    rows = []
    for n, (title, rate, hours) in enumerate(rates, start=1):
        for week in range(int(AGENCY_WEEKS)):
            start = SPEND_FROM + dt.timedelta(weeks=week)
            rows.append(
                (
                    f"AG{n:03d}",
                    SERVICE,
                    title,
                    start.strftime("%d/%m/%Y"),
                    (start + dt.timedelta(days=6)).strftime("%d/%m/%Y"),
                    f"{rate:.2f}",
                    f"{hours:g}",
                )
            )
    return pd.DataFrame(rows, columns=list(SPEND_HEADERS))


def supplement_register(fig: dict) -> pd.DataFrame:
    """The market supplement register: one entry, the child protection social workers' £5,000."""
    return pd.DataFrame(
        [
            {
                "JOB TITLE": "Child Protection Social Worker (Children's social care)",
                "GRADE": "G7",
                "MARKET SUPPLEMENT": f"£{fig['supplement']:,.0f}",
                "Compared to last year": "same",
            }
        ]
    )


#: Owner of each recommendation (the report names who is asked; the Board's own are its).
OWNERS = {
    "a": "Education and Children's Services Scrutiny Board (2)",
    "b": "Director of Children's Services",
    "c": "Director of Children's Services",
    "e": "Education and Children's Services Scrutiny Board (2)",
}
#: Illustrative statuses at the two meetings (the report prints none). The recommendations are
#: made at the second (the report to the Cabinet Member, the final report's meeting), so none
#: can have started by then (:func:`pipelines.sections.tracker.analysis.check_statuses_after_made`).
STATUSES = {
    "a": ("Grey", "Grey"),
    "b": ("Grey", "Grey"),
    "c": ("Grey", "Grey"),
    "d": ("Grey", "Grey"),
    "e": ("Grey", "Grey"),
}
#: Due dates: b's report and d's with it in September 2018 (the final report's report-back).
DUE = {"b": "2018-09-30", "c": "2019-03-31", "d": "2018-09-30"}


#: Slips in the printed recommendations, corrected as an officer keeping the register would
#: (the report itself says "the progression scheme" everywhere else; reader11).
SLIPS = {"career progressions scheme": "career progression scheme"}


def corrected(text: str) -> str:
    """A printed recommendation with the slips of :data:`SLIPS` corrected."""
    for slip, right in SLIPS.items():
        text = text.replace(slip, right)
    return text


def register(seed: dict) -> dict:
    """The tracker register: recommendations a to e (d as its three requests).

    Texts as printed, but for the slips of :data:`SLIPS`.
    """
    source = "Report to the Cabinet Member, 16 April 2018, recommendations"
    items = []
    for rec in seed["recommendations"]["value"]:
        rec = {**rec, "text": corrected(rec["text"])}
        label = rec["label"]
        subs = rec.get("sub") or []
        parts = [(f"{label}.{s['label']}", f"{rec['text']} {s['text']}") for s in subs] or [
            (label, rec["text"])
        ]
        for item_id, text in parts:
            asked = re.match(r"^The (Director of .+?)(?:,| ensure| give)", text.split(": ")[-1])
            owner = OWNERS.get(label) or (asked.group(1) if asked else None)
            items.append(
                {
                    "id": item_id,
                    "kind": "Recommendation",
                    "made_by": "members",
                    "workstream": "Recommendations of the task and finish group",
                    "text": text,
                    "owner": owner,
                    "due": DUE.get(label),
                    "source": source,
                    "status": dict(zip(TRACKER_MEETINGS, STATUSES[label], strict=True)),
                    # d.i, d.ii and d.iii are one recommendation, d: counted once
                    **({"part_of": label} if subs else {}),
                }
            )
    legend = [
        {"status": "Red", "meaning": "Not done by the date agreed; needs attention"},
        {"status": "Amber", "meaning": "Behind, with a plan to catch up"},
        {"status": "Green", "meaning": "On track"},
        {"status": "Blue", "meaning": "Completed"},
        {"status": "Grey", "meaning": "Not yet started"},
    ]
    return {"illustrative": True, "legend": legend, "items": items}


README = """\
# Coventry demo exports (synthetic)

**Synthetic: no real person's record.** These exports stand in for the HR and case management
extracts behind the report of the Education and Children's Services Scrutiny Board (2) task and
finish group on the retention of social workers (Cabinet Member for Children and Young People,
16 April 2018). They are written by `pipelines/demo/coventry.py`
(`evidence-pack demo --review coventry-sw-2018`), deterministically.

What the pack computes from them are the report's own figures, read from
`shared/reference/seed_figures.yml`: the £5,000 market supplement paid to 43 social workers out
of a workforce of 303 (permanent FTE in the snapshot), the additional £30,000 a year an agency
social worker costs (the agency cost for a year at the average charge rate of the agency spend
export, weighted by hours, less a grade 7 social worker's salary and employer's NI), the 50 FTE
grade 8 advanced practitioner posts converted from grade 7, and a grade 8 step that makes them
cost neutral against the supplement saving. The staffing model's caseloads (14 / 20 / 25) are
the review's section parameters.

Made up: the teams, the split of posts between them, every salary other than those the figures
fix, every caseload and date of qualifying, and every status and due date in
`recommendations.yml` (the report prints none; the recommendations' texts are as printed). The
focus group of 14 social workers and what they said are in the report, not in these exports.

Files: `workforce_snapshot_2018-02-28.csv` (FTE by team, job title and grade: establishment,
permanent, agency, vacant), `pay_rates_2017-18.csv` (salary, employer's NI and market supplement
per post and grade), `caseloads_2018-02-28.csv` (one row per case-holding social worker: cases by
type, date qualified), `market_supplements_2017-18.csv` (the register),
`agency_spend_2017-18.csv` (one row per agency worker per week: role, week, charge rate, hours;
the rates are invented, their hours-weighted average is what gives the £30,000) and
`recommendations.yml` (recommendations a to e, with illustrative statuses). The leavers, staff
in post and leavers' qualification dates the retention section reads are described in
`README-staff.md`.
"""


def write_coventry_demo(out_dir: Path | str = DEFAULT_OUT_DIR, seed_path: Path = SEED_FIGURES):
    """Write the Coventry demo exports into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seed = seed_figures(seed_path)
    fig = published(seed)
    rng = random.Random(SEED)
    snap = snapshot(fig)
    tables = {
        "workforce_snapshot": snap,
        "pay_rates": pay_rates(fig),
        "caseloads": caseloads(snap, fig, rng),
        "market_supplements": supplement_register(fig),
        "agency_spend": agency_spend(snap, rng),
    }
    written = []
    for name, table in tables.items():
        path = out / FILES[name]
        write_csv(table, path)
        written.append(path)
    body = yaml.safe_dump(register(seed), sort_keys=False, allow_unicode=True, width=100)
    head = (
        "# Recommendations of the task and finish group (synthetic demo; see README.md). Texts\n"
        "# as printed in the report of 16 April 2018; STATUSES AND DUE DATES ARE ILLUSTRATIVE.\n"
    )
    for name, text in ((FILES["tracker"], head + body), ("README.md", README)):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    from pipelines.datasets.recruitment.demo import write_recruitment_demo
    from pipelines.demo.coventry_staff import write_coventry_staff

    return written + write_coventry_staff(snap, out) + write_recruitment_demo(out, REVIEW)
