"""Synthetic raw files for the Luton social worker leavers demo (2015-16).

Luton Borough Council's Scrutiny Recruitment & Retention of Social Workers Task & Finish Group
received, on 21 September 2016, an HR report (agenda item 7, "Social workers & occupational
therapists reasons for leaving and exit interviews") that summarises 35 leavers and 13 exit
interview forms in small tables. This module invents record-level raw files, as HR would export
them, whose aggregates reproduce those tables exactly:

* ``leavers_itrent_2015-16.csv`` - the i-Trent leavers extract (one row per leaver, plus the
  export glitches a real extract has: a duplicated row, a totals row, mixed labels and dates);
* ``exit_interviews_2015-16.xlsx`` - the exit-interview forms HR keyed into a workbook;
* ``establishment_2016-08.csv`` - the qualified-post establishment quoted in the report;
* ``README.md`` - what the files are, what is deliberately messy and which choices were made
  where the paper is silent.

No row describes a real person. Which leaver has which service, role, length-of-service band,
leaving reason and exit-interview answers is laid out explicitly below (the *design*); the
details the paper does not give (references, dates inside their band, FTE, team, grade, and the
ratings other than the published "Poor" ones) are drawn from a numpy ``Generator`` with the fixed
seed :data:`SEED`, so every run writes the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import pathlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pipelines.core.config import project_root
from pipelines.core.mappings import load_mapping
from pipelines.core.workbooks import save_workbook_reproducibly

SEED = 20160921
"""Seed of the numpy ``Generator`` (the date of the meeting, 21 September 2016)."""

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "raw" / "demo" / "luton-sw-2016"
"""Where ``python -m pipelines.demo`` writes by default."""

LEAVERS_FILE = "leavers_itrent_2015-16.csv"
EXIT_INTERVIEWS_FILE = "exit_interviews_2015-16.xlsx"
ESTABLISHMENT_FILE = "establishment_2016-08.csv"
README_FILE = "README.md"
EXIT_INTERVIEWS_SHEET = "Exit interviews"

PERIOD_START = dt.date(2015, 9, 1)
PERIOD_END = dt.date(2016, 8, 31)
FIXED_TIMESTAMP = dt.datetime(2016, 9, 21, 9, 0, 0)
"""Created/modified time written into the workbook (and its zip entries) for reproducibility."""

DAYS_PER_YEAR = 365.25
EDGE_MARGIN_DAYS = 45
EDGES_YEARS = (0, 1, 2, 3, 5, 6, 10, 11, 18, 20)
"""Every band edge of both published length-of-service tables (plus 2 and 3 years)."""

ASC = "Adult Social Care"
CSC = "Children's Social Care"

LEAVERS_HEADER = (
    "Employee Ref",
    "Service Area",
    "Team",
    "Job Title",
    "Grade",
    "FTE",
    "Continuous Service Date",
    "Leaving Date",
    "Leaving Reason",
)

# The sixteen rated aspects, in form order, from the mapping table the cleaning step uses.
#: Luton's own vocabulary (its exit form rates "LBC management"), laid over the shipped tables.
LUTON_MAPPINGS = project_root() / "config" / "reviews" / "luton-sw-2016" / "mappings"
ASPECTS = tuple(load_mapping("values", overrides=LUTON_MAPPINGS)["exit_aspects"])

EXIT_HEADER = (
    "Form No",
    "Employee Ref",
    "Date Received",
    "Service",
    "Profession",
    *ASPECTS,
    "Secured employment elsewhere?",
    "New employer",
    "Reasons for leaving",
    "Would you consider returning to LBC?",
)

ESTABLISHMENT_HEADER = ("Service", "Profession", "Posts", "Scope")
ADULT_SCOPE = "Qualified posts up to Team Manager level"
CHILDREN_SCOPE = "Qualified posts up to Team Manager level; excludes Independent Reviewing Officers"
ESTABLISHMENT_ROWS = (
    (ASC, "Social Work", 52, ADULT_SCOPE),
    (ASC, "Occupational Therapy", 12, ADULT_SCOPE),
    (CSC, "Social Work", 110, CHILDREN_SCOPE),
    (CSC, "Occupational Therapy", 2, CHILDREN_SCOPE),
)


class Band(NamedTuple):
    """A published length-of-service band and the range (in years) service is drawn from.

    Attributes
    ----------
    label : str
        The band as the report prints it.
    low, high : float
        Years of service are drawn from ``[low, high)``, at least ``EDGE_MARGIN_DAYS`` days
        away from every edge in :data:`EDGES_YEARS`.

    """

    label: str
    low: float
    high: float


BANDS = {
    "3-6": Band("Between 3 and 6 years", 3, 6),
    "10-11": Band("Between 10 and 11 years", 10, 11),
    "18-20": Band("Between 18 and 20 years", 18, 20),
    "<1": Band("Less than 1 year", 0, 1),
    "1-2": Band("Between 1 and 2 years", 1, 2),
    "2-5": Band("Between 2 and 5 years", 2, 5),
    "5-10": Band("Between 5 and 10 years", 5, 10),
    "10+": Band("More than 10 years", 10, 22),
    "10+ret": Band("More than 10 years", 24, 36),
}


class LeaverDesign(NamedTuple):
    """One designed leaver, in the categories of the published tables.

    Attributes
    ----------
    key : str
        Design key (``A01``-``A09`` adults, ``C01``-``C26`` children's); not written to files.
    service : str
        Published service (:data:`ASC` or :data:`CSC`).
    role : str
        Role as the report groups job titles.
    band : str
        Key into :data:`BANDS`.
    reason : str
        Leaving reason as the report's tables label it.

    """

    key: str
    service: str
    role: str
    band: str
    reason: str


SW, SP, AP, OT_SP, DTM, TM = (
    "Social Worker",
    "Senior Practitioner",
    "Advanced Practitioner",
    "Specialist Practitioner",
    "Deputy Team Manager",
    "Team Manager",
)
RETIRED = "Retired"
SELF_EMPLOYED = "To become self-employed"
BETTER_PAY = "Better pay and conditions"
DISSATISFIED = "Dissatisfied with LBC"
CAREER = "Career – better opportunity"
CHILDCARE = "Childcare/family/carers"
MOVING = "Moving location"
ABROAD = "Travel abroad/emigrating"
TOO_FAR = "Too far to travel"
STUDY = "To undertake full time study"
GIVING_UP = "Giving up work"
DISMISSAL = "Dismissal"

LEAVERS = (
    # Adult Social Care: 9 leavers, all with more than three years' service.
    LeaverDesign("A01", ASC, SW, "3-6", CAREER),
    LeaverDesign("A02", ASC, SW, "3-6", BETTER_PAY),
    LeaverDesign("A03", ASC, SW, "3-6", DISSATISFIED),
    LeaverDesign("A04", ASC, SW, "18-20", RETIRED),
    LeaverDesign("A05", ASC, SW, "10-11", SELF_EMPLOYED),
    LeaverDesign("A06", ASC, AP, "3-6", BETTER_PAY),
    LeaverDesign("A07", ASC, AP, "18-20", SELF_EMPLOYED),
    LeaverDesign("A08", ASC, OT_SP, "3-6", DISSATISFIED),
    LeaverDesign("A09", ASC, TM, "18-20", RETIRED),
    # Children's Social Care, under two years' service (12; ten of them Social Workers).
    LeaverDesign("C01", CSC, SW, "<1", DISSATISFIED),
    LeaverDesign("C02", CSC, SW, "<1", DISSATISFIED),
    LeaverDesign("C03", CSC, SW, "<1", DISSATISFIED),
    LeaverDesign("C04", CSC, SW, "1-2", DISSATISFIED),
    LeaverDesign("C05", CSC, SW, "<1", SELF_EMPLOYED),
    LeaverDesign("C06", CSC, SW, "1-2", SELF_EMPLOYED),
    LeaverDesign("C07", CSC, SW, "<1", BETTER_PAY),
    LeaverDesign("C08", CSC, SP, "<1", CAREER),
    LeaverDesign("C09", CSC, SW, "<1", CHILDCARE),
    LeaverDesign("C10", CSC, SW, "1-2", CHILDCARE),
    LeaverDesign("C11", CSC, SP, "1-2", MOVING),
    LeaverDesign("C12", CSC, SW, "<1", TOO_FAR),
    # Children's Social Care, two years' service or more (14).
    LeaverDesign("C13", CSC, SW, "2-5", CAREER),
    LeaverDesign("C14", CSC, SW, "2-5", CAREER),
    LeaverDesign("C15", CSC, SW, "2-5", MOVING),
    LeaverDesign("C16", CSC, SW, "2-5", MOVING),
    LeaverDesign("C17", CSC, SW, "2-5", DISMISSAL),
    LeaverDesign("C18", CSC, SW, "2-5", ABROAD),
    LeaverDesign("C19", CSC, SW, "2-5", STUDY),
    LeaverDesign("C20", CSC, SP, "2-5", BETTER_PAY),
    LeaverDesign("C21", CSC, SW, "5-10", GIVING_UP),
    LeaverDesign("C22", CSC, SP, "5-10", CHILDCARE),
    LeaverDesign("C23", CSC, SP, "10+", DISMISSAL),
    LeaverDesign("C24", CSC, DTM, "10+", CAREER),
    LeaverDesign("C25", CSC, DTM, "10+", CAREER),
    LeaverDesign("C26", CSC, TM, "10+ret", RETIRED),
)

# --- How the HR system writes the published categories (all listed in config/mappings) ----------

SERVICE_HR = {ASC: "Adult Social Care", CSC: "Children's Services"}
TITLE_HR = {
    SW: "Social Worker",
    SP: "Senior Practitioner",
    AP: "Advanced Practitioner",
    OT_SP: "Specialist Practitioner (OT)",
    DTM: "Deputy Team Manager",
    TM: "Team Manager",
}
REASON_HR = {
    RETIRED: "Retirement",
    SELF_EMPLOYED: "Resignation - Self Employment",
    BETTER_PAY: "Resignation - Better Pay/Conditions",
    DISSATISFIED: "Resignation - Dissatisfied with LBC",
    CAREER: "Resignation - Career/Better Opportunity",
    CHILDCARE: "Resignation - Childcare/Family/Carer",
    MOVING: "Resignation - Moving Location",
    ABROAD: "Resignation - Travel Abroad/Emigrating",
    TOO_FAR: "Resignation - Too Far to Travel",
    STUDY: "Resignation - Full Time Study",
    GIVING_UP: "Resignation - Giving Up Work",
    DISMISSAL: "Dismissal",
}

# Deliberate messiness: per-leaver label variants (design key -> raw label).
SERVICE_VARIANTS = {
    "A02": "Adults",
    "A03": "ASC",
    "A05": "Adult Social Care ",
    "A06": "ASC",
    "A08": "Adults",
    "A09": " Adult Social Care",
    "C02": "Childrens Social Care",
    "C04": "CSC",
    "C06": "Children and Families",
    "C08": "Children's Services ",
    "C10": "Childrens Social Care",
    "C12": "CSC",
    "C15": "Children and Families",
    "C17": " CSC",
    "C19": "Childrens Social Care",
    "C21": "CSC",
    "C24": "Children and Families",
}
TITLE_VARIANTS = {
    "A03": "social worker",
    "C04": "Social Worker ",
    "C11": "Senior practitioner",
    "C17": "SOCIAL WORKER",
    "C22": "Senior Practitioner ",
    "C26": "Team manager",
}
REASON_VARIANTS = {
    "A01": "Career – better opportunity",
    "A09": "Retirement - Age",
    "C02": "resignation - dissatisfied with LBC",
    "C06": "Self employed",
    "C11": "Resignation - Moving Location ",
    "C16": "Relocation",
    "C23": "Dismissed",
    "C25": "RESIGNATION - CAREER/BETTER OPPORTUNITY",
}
ISO_DATE_KEYS = frozenset({"A03", "A07", "C04", "C12", "C17", "C22"})
"""Leavers whose two dates the extract writes ``yyyy-mm-dd`` (the rest ``dd/mm/yyyy``)."""

DUPLICATE_AFTER_INDEX = 17
"""0-based position (in leaving-date order) of the leaver whose row is repeated just below it."""

TEAMS = {
    ASC: ("Locality North", "Locality South", "Hospital Discharge", "Safeguarding Adults"),
    CSC: (
        "Assessment and Intervention 1",
        "Assessment and Intervention 2",
        "Child Protection and Court",
        "Looked After Children",
        "MASH",
        "Leaving Care",
    ),
}
OT_TEAM = "Occupational Therapy"
GRADES = {SW: ("L", "M1"), SP: ("M2",), AP: ("M2",), OT_SP: ("M2",), DTM: ("M3",), TM: ("M4",)}
SW_GRADE_PROBS = {True: (0.75, 0.25), False: (0.25, 0.75)}
"""Chance of (L, M1) for a Social Worker with (True) under two years' service or (False) more."""
FTE_VALUES = (1.0, 0.8, 0.6, 0.5)
FTE_PROBS = (0.76, 0.12, 0.06, 0.06)


class FormDesign(NamedTuple):
    """One designed exit-interview form.

    Attributes
    ----------
    leaver : str
        Design key of the leaver who returned it.
    service : str
        Service as written on the form (a variant listed in ``config/mappings/services.yml``).
    profession : str
        ``Social Work`` or ``Occupational Therapy``.
    new_employer : str or None
        New employer when employment was secured elsewhere, else None.
    reasons : str
        Reasons for leaving as written on the form.
    returning : str
        Answer to "Would you consider returning to LBC?".
    poor : tuple of str
        Aspects rated Poor (the report's three poor raters); empty for everyone else.

    """

    leaver: str
    service: str
    profession: str
    new_employer: str | None
    reasons: str
    returning: str
    poor: tuple[str, ...] = ()


POOR_A = (
    "Job security",
    "Training and development",
    "Workload",
    "Relationship with manager",
    "Teamwork",
)
POOR_B = ("LBC management", "Workload", "Feedback on performance")
POOR_C = ("Departmental management",)

FORMS = (
    # Adults: one Occupational Therapy, two Social Work.
    FormDesign("A01", "Adult Social Care", "Social Work", "Herts CC",
               "Better career prospects (promotion)", "Yes"),
    FormDesign("A06", "ASC", "Social Work", "Central Beds",
               "Better career prospects/better training & development/reduced commuting/"
               "better remuneration/career change", "Yes"),
    FormDesign("A08", "Adults", "Occupational Therapy", None,
               "Unhappy with workload and how the service is managed", "No", POOR_B),
    # Children's: ten Social Work.
    FormDesign("C13", "Children's Services", "Social Work", "Herts CC",
               "Better career prospects/remuneration", "Yes"),
    FormDesign("C14", "Children's Services", "Social Work", "Milton Keynes",
               "Promotion & closer to home", "Yes"),
    FormDesign("C15", "Childrens Services", "Social Work", "South Essex college",
               "Different role & closer to home", "Yes"),
    FormDesign("C16", "Children's Social Care", "Social Work", "Richmond and Kingston",
               "Lives in London & headhunted", "Yes"),
    FormDesign("C01", "Children's Services", "Social Work", None,
               "Workload too high and not enough support in the team", "No", POOR_A),
    FormDesign("C03", "CSC", "Social Work", None,
               "Unhappy with how the department is managed", "Yes", POOR_C),
    FormDesign("C05", "Childrens Social Care", "Social Work", None,
               "Going self-employed as an independent social worker", "Yes"),
    FormDesign("C09", "Children and Families", "Social Work", None,
               "Family and childcare commitments", "Yes"),
    FormDesign("C19", "CSC ", "Social Work", None, "Returning to full time study", "Yes"),
    FormDesign("C26", "Children's Services", "Social Work", None, "Retirement", "Yes"),
)  # fmt: skip

RATINGS = ("Excellent", "Good", "Average")
RATING_PROBS = (0.32, 0.46, 0.22)
RATING_PROBS_POOR_RATER = (0.10, 0.40, 0.50)
BLANK_RATINGS = 5
LOWER_CASE_RATINGS = 4
RECEIVED_WITHIN_DAYS = 25


class Leaver(NamedTuple):
    """A generated leaver: the design plus the randomly drawn details.

    Attributes
    ----------
    design : LeaverDesign
        The designed categories.
    ref : str
        Pseudonymous employee reference, e.g. ``E104233``.
    team, grade : str
        Invented team and grade.
    fte : float
        Full-time equivalent.
    start, leaving : datetime.date
        Continuous service date and leaving date.

    """

    design: LeaverDesign
    ref: str
    team: str
    grade: str
    fte: float
    start: dt.date
    leaving: dt.date

    @property
    def service_years(self) -> float:
        """Length of service in years: days between the two dates / 365.25."""
        return (self.leaving - self.start).days / DAYS_PER_YEAR

    def csv_row(self) -> list[str]:
        """Render the leaver as a row of the i-Trent extract, messiness included."""
        d = self.design
        fmt = "%Y-%m-%d" if d.key in ISO_DATE_KEYS else "%d/%m/%Y"
        return [
            self.ref,
            SERVICE_VARIANTS.get(d.key, SERVICE_HR[d.service]),
            self.team,
            TITLE_VARIANTS.get(d.key, TITLE_HR[d.role]),
            self.grade,
            f"{self.fte:g}",
            self.start.strftime(fmt),
            self.leaving.strftime(fmt),
            REASON_VARIANTS.get(d.key, REASON_HR[d.reason]),
        ]


class Form(NamedTuple):
    """A generated exit-interview form.

    Attributes
    ----------
    design : FormDesign
        The designed answers.
    leaver : Leaver
        The leaver who returned it.
    received : datetime.date
        Date HR received it.
    ratings : list of str or None
        One rating per aspect in :data:`ASPECTS` order; None = not answered.

    """

    design: FormDesign
    leaver: Leaver
    received: dt.date
    ratings: list[str | None]


def _service_days(rng: np.random.Generator, band: Band) -> int:
    """Draw a length of service in days inside ``band``, well away from every band edge.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator.
    band : Band
        The band to draw from.

    Returns
    -------
    int
        Days between continuous service date and leaving date.

    """
    low = math.ceil(band.low * DAYS_PER_YEAR) + EDGE_MARGIN_DAYS
    high = math.floor(band.high * DAYS_PER_YEAR) - EDGE_MARGIN_DAYS
    while True:
        days = int(rng.integers(low, high + 1))
        if all(abs(days - edge * DAYS_PER_YEAR) > EDGE_MARGIN_DAYS for edge in EDGES_YEARS):
            return days


def generate_leavers(rng: np.random.Generator) -> list[Leaver]:
    """Draw the random details of the designed leavers, in leaving-date order.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator (advanced by this call).

    Returns
    -------
    list of Leaver
        The 35 leavers sorted by leaving date, then reference.

    """
    numbers = rng.choice(900_000, size=len(LEAVERS), replace=False) + 100_000
    period_days = (PERIOD_END - PERIOD_START).days + 1
    leavers = []
    for design, number in zip(LEAVERS, numbers, strict=True):
        leaving = PERIOD_START + dt.timedelta(days=int(rng.integers(0, period_days)))
        start = leaving - dt.timedelta(days=_service_days(rng, BANDS[design.band]))
        fte = float(rng.choice(FTE_VALUES, p=FTE_PROBS))
        teams = (OT_TEAM,) if design.role == OT_SP else TEAMS[design.service]
        team = str(rng.choice(teams))
        grades = GRADES[design.role]
        if len(grades) > 1:
            under_two = (leaving - start).days < 2 * DAYS_PER_YEAR
            grade = str(rng.choice(grades, p=SW_GRADE_PROBS[under_two]))
        else:
            grade = grades[0]
        leavers.append(Leaver(design, f"E{int(number)}", team, grade, fte, start, leaving))
    return sorted(leavers, key=lambda lv: (lv.leaving, lv.ref))


def generate_forms(
    rng: np.random.Generator, leavers: Sequence[Leaver]
) -> tuple[list[Form], list[tuple[int, int]], list[tuple[int, int]]]:
    """Draw received dates and ratings for the designed exit-interview forms.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator (advanced by this call).
    leavers : sequence of Leaver
        The generated leavers.

    Returns
    -------
    forms : list of Form
        The 13 forms in the order they were received (form numbers follow this order).
    blanks : list of (int, int)
        (form index, aspect index) of ratings left blank.
    lower : list of (int, int)
        (form index, aspect index) of ratings written in lower case.

    """
    by_key = {lv.design.key: lv for lv in leavers}
    forms = []
    for design in FORMS:
        leaver = by_key[design.leaver]
        latest = min(RECEIVED_WITHIN_DAYS, (PERIOD_END - leaver.leaving).days)
        offset = int(rng.integers(-RECEIVED_WITHIN_DAYS, latest + 1))
        probs = RATING_PROBS_POOR_RATER if design.poor else RATING_PROBS
        drawn = rng.choice(RATINGS, size=len(ASPECTS), p=probs)
        ratings: list[str | None] = [str(r) for r in drawn]
        for aspect in design.poor:
            ratings[ASPECTS.index(aspect)] = "Poor"
        forms.append(Form(design, leaver, leaver.leaving + dt.timedelta(days=offset), ratings))
    forms.sort(key=lambda f: (f.received, f.leaver.ref))

    cells = [
        (i, j)
        for i, form in enumerate(forms)
        for j, rating in enumerate(form.ratings)
        if rating != "Poor"
    ]
    picked = rng.choice(len(cells), size=BLANK_RATINGS + LOWER_CASE_RATINGS, replace=False)
    blanks = sorted(cells[int(k)] for k in picked[:BLANK_RATINGS])
    lower = sorted(cells[int(k)] for k in picked[BLANK_RATINGS:])
    for i, j in blanks:
        forms[i].ratings[j] = None
    for i, j in lower:
        forms[i].ratings[j] = forms[i].ratings[j].lower()

    given = [r for f in forms for r in f.ratings if r is not None]
    good = sum(r.lower() in ("excellent", "good") for r in given)
    if not good > len(given) / 2:
        raise AssertionError("most ratings must be Excellent or Good")
    return forms, blanks, lower


def _form_no(index: int) -> str:
    """Form number of the ``index``-th form received (0-based)."""
    return f"EX-2015-{index + 1:03d}"


def _write_csv(path: pathlib.Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a UTF-8, comma-separated file with Unix (LF) line endings."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def leaver_rows(leavers: Sequence[Leaver]) -> list[list[str]]:
    """Rows of the i-Trent extract below the header: leavers, the duplicate and the totals row.

    Parameters
    ----------
    leavers : sequence of Leaver
        Leavers in leaving-date order.

    Returns
    -------
    list of list of str
        36 data rows (the row at :data:`DUPLICATE_AFTER_INDEX` repeated just below itself)
        followed by the totals row.

    """
    rows = [lv.csv_row() for lv in leavers]
    rows.insert(DUPLICATE_AFTER_INDEX + 1, list(rows[DUPLICATE_AFTER_INDEX]))
    total_fte = round(sum(float(row[5]) for row in rows), 1)
    rows.append(["Total", "", "", "", "", f"{total_fte:g}", "", "", ""])
    return rows


def write_exit_interviews(path: pathlib.Path, forms: Sequence[Form]) -> None:
    """Write the exit-interview workbook (sheet ``Exit interviews``, header on row 1).

    Parameters
    ----------
    path : pathlib.Path
        Target ``.xlsx`` file.
    forms : sequence of Form
        Forms in the order received.

    """
    wb = Workbook()
    ws = wb.active
    ws.title = EXIT_INTERVIEWS_SHEET
    ws.append(list(EXIT_HEADER))
    for index, form in enumerate(forms):
        d = form.design
        ws.append(
            [
                _form_no(index),
                form.leaver.ref,
                form.received,
                d.service,
                d.profession,
                *form.ratings,
                "Yes" if d.new_employer else "No",
                d.new_employer,
                d.reasons,
                d.returning,
            ]
        )
        ws.cell(row=index + 2, column=3).number_format = "dd/mm/yyyy"
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col in range(1, len(EXIT_HEADER) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.column_dimensions[get_column_letter(EXIT_HEADER.index("Reasons for leaving") + 1)].width = 60
    ws.freeze_panes = "B2"
    wb.properties.creator = "pipelines.demo (synthetic data)"
    wb.properties.lastModifiedBy = "pipelines.demo (synthetic data)"
    wb.properties.title = "Exit interviews 2015-16 (synthetic demo)"
    wb.properties.created = FIXED_TIMESTAMP
    save_workbook_reproducibly(wb, path, FIXED_TIMESTAMP)


def _show_spaces(label: str) -> str:
    """Show leading and trailing spaces of ``label`` as ``·`` so a reader can see them."""
    lead = len(label) - len(label.lstrip(" "))
    trail = len(label) - len(label.rstrip(" "))
    return "·" * lead + label.strip(" ") + "·" * trail


def _rows_by_label(rows: Sequence[Sequence[str]], column: int) -> dict[str, list[int]]:
    """Excel row numbers (header = 1) of the leaver rows, grouped by the raw value of a column."""
    found: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row[0] != "Total":
            found[row[column]].append(index + 2)
    return found


def _label_table(
    rows: Sequence[Sequence[str]], column: int, canonical: dict[str, str], what: str
) -> list[str]:
    """Markdown table: raw label as written, the label it stands for, Excel rows using it."""
    found = _rows_by_label(rows, column)
    lines = [f"| {what} as written | Stands for | Rows |", "|---|---|---|"]
    for label in sorted(found, key=lambda s: (canonical[s], s.strip().lower(), s)):
        shown = _show_spaces(label)
        rows_text = ", ".join(str(n) for n in found[label])
        lines.append(f"| `{shown}` | {canonical[label]} | {rows_text} |")
    return lines


def readme_text(
    leavers: Sequence[Leaver],
    rows: Sequence[Sequence[str]],
    forms: Sequence[Form],
    blanks: Sequence[tuple[int, int]],
    lower: Sequence[tuple[int, int]],
) -> str:
    """Text of ``README.md``: provenance, file layouts, messiness (with rows) and choices.

    Parameters
    ----------
    leavers : sequence of Leaver
        Leavers in leaving-date order.
    rows : sequence of sequence of str
        Leaver rows as written (see :func:`leaver_rows`).
    forms : sequence of Form
        Forms in the order received.
    blanks, lower : sequence of (int, int)
        (form index, aspect index) of blank and lower-case ratings.

    Returns
    -------
    str
        Markdown.

    """
    canon_service: dict[str, str] = {}
    canon_title: dict[str, str] = {}
    canon_reason: dict[str, str] = {}
    for lv in leavers:
        raw = lv.csv_row()
        canon_service[raw[1]] = lv.design.service
        canon_title[raw[3]] = lv.design.role + (
            " (the Occupational Therapist)" if lv.design.role == OT_SP else ""
        )
        canon_reason[raw[8]] = lv.design.reason
    dup_row = DUPLICATE_AFTER_INDEX + 3
    total_row = len(rows) + 1
    dup_ref = rows[DUPLICATE_AFTER_INDEX][0]
    iso_rows = [str(i + 2) for i, row in enumerate(rows) if row[0] != "Total" and "-" in row[7]]
    by_key = {lv.design.key: lv for lv in leavers}
    under_two_sp = sorted(
        lv.ref
        for lv in leavers
        if lv.design.service == CSC and lv.service_years < 2 and lv.design.role != SW
    )
    form_rows = {f.leaver.ref: i + 2 for i, f in enumerate(forms)}

    def cell(i: int, j: int) -> str:
        return f"{get_column_letter(EXIT_HEADER.index(ASPECTS[j]) + 1)}{i + 2}"

    poor_lines = []
    for letter, aspects in (("A", POOR_A), ("B", POOR_B), ("C", POOR_C)):
        form_index = next(i for i, f in enumerate(forms) if f.design.poor == aspects)
        form = forms[form_index]
        poor_lines.append(
            f"- Form {letter}: `{_form_no(form_index)}` (row {form_index + 2}, "
            f"{form.leaver.ref}) rates Poor: {', '.join(aspects)}; would consider returning: "
            f"{form.design.returning}."
        )
    employer_lines = [
        f"| {_form_no(i)} | {i + 2} | {f.leaver.ref} | {f.design.new_employer} | "
        f"{f.design.reasons} | {f.leaver.design.reason} |"
        for i, f in enumerate(forms)
        if f.design.new_employer
    ]
    other_lines = [
        f"| {_form_no(i)} | {i + 2} | {f.leaver.ref} | {f.design.reasons} | "
        f"{f.leaver.design.reason} |"
        for i, f in enumerate(forms)
        if not f.design.new_employer
    ]
    form_service_rows: dict[str, list[str]] = defaultdict(list)
    for i, f in enumerate(forms):
        form_service_rows[f.design.service].append(str(i + 2))
    form_service_lines = [
        f"`{_show_spaces(label)}` ({'rows' if len(nums) > 1 else 'row'} {', '.join(nums)})"
        for label, nums in sorted(form_service_rows.items(), key=lambda kv: kv[0].strip())
    ]
    ot = next(lv for lv in leavers if lv.design.role == OT_SP)
    retired = sorted((lv for lv in leavers if lv.design.reason == RETIRED), key=lambda lv: lv.ref)
    period = f"{PERIOD_START:%-d %B %Y} to {PERIOD_END:%-d %B %Y}"
    total_fte = rows[-1][5]

    lines = [
        "# Luton social worker and occupational therapist leavers 2015-16 (synthetic demo data)",
        "",
        "**These data are SYNTHETIC. No row describes a real person.** Employee references,",
        "dates, teams, grades, FTEs, exit-interview ratings and free-text answers are invented.",
        "Only the *aggregates* are real: they reproduce the published tables of a public",
        "committee paper.",
        "",
        "## How they were made",
        "",
        "Written by `python -m pipelines.demo` (code: `pipelines/demo/luton.py`,",
        "`write_luton_demo`). The generator is deterministic: a designed list of 35 leavers and",
        "13 exit-interview forms fixes each leaver's service, role, length-of-service band and",
        "leaving reason and each form's answers; the details the paper does not give are drawn",
        f"from `numpy.random.default_rng({SEED})`. Rerunning writes identical files (the CSVs",
        "and this README byte for byte; the workbook has fixed document properties and zip",
        f"timestamps, {FIXED_TIMESTAMP:%Y-%m-%d %H:%M}).",
        "",
        "Source: Luton Borough Council, Scrutiny Recruitment & Retention of Social Workers Task",
        "& Finish Group, 21 September 2016, agenda item 7, *Social workers & occupational",
        "therapists reasons for leaving and exit interviews* (Head of HR and Monitoring",
        "Officer). Cleaning these files (drop the totals row and the duplicate, map labels with",
        "`config/mappings/*.yml`, parse both date formats) and aggregating them gives exactly",
        "the figures held in `shared/reference/seed_figures.yml` under:",
        "",
        "- `luton.establishment` (`adult_social_care` and `childrens_services`:",
        "  `social_worker_posts`, `occupational_therapist_posts`);",
        "- `luton.leavers.adult_social_care`: `leavers_total`, `by_role`,",
        "  `all_more_than_three_years_service`, `length_of_service_table`,",
        "  `reasons_for_leaving_table`, `exit_interview_forms_received`;",
        "- `luton.leavers.childrens_services`: `leavers_total`, `by_role`,",
        "  `length_of_service_table`, `reasons_for_leaving_table`,",
        "  `reasons_for_leaving_less_than_2_years_table`, `social_workers_among_leavers`,",
        "  `exit_interview_forms_received` (10 forms; see the 26-vs-27 note below),",
        "  `left_within_first_two_years_percent`;",
        "- `luton.leavers.both_services.leavers_total`;",
        "- `luton.exit_interviews`: `forms_received_total`, `forms_by_service_and_role`,",
        "  `secured_employment_elsewhere`, `new_employer_table`, `would_consider_returning`,",
        "  `aspects_rated`, `leavers_rating_something_poor`.",
        "",
        "`tests/demo/test_demo_data.py` checks all of these against the YAML.",
        "",
        "## Files",
        "",
        f"### `{LEAVERS_FILE}` - i-Trent leavers extract",
        "",
        "UTF-8, comma separated, header on line 1, one row per leaver (35: 9 Adult Social Care,",
        "26 Children's Social Care) plus one duplicated row and a totals row (see below).",
        "",
        "| Column | Meaning |",
        "|---|---|",
        "| Employee Ref | Pseudonymous reference `E` + 6 digits, unique per leaver |",
        "| Service Area | Adult or Children's Social Care, in several spellings |",
        "| Team | Team the leaver worked in (invented) |",
        "| Job Title | Job title as HR records it (maps to the report's roles) |",
        "| Grade | Pay grade (invented): Social Worker `L`/`M1`; Senior, Advanced and Specialist "
        "Practitioner `M2`; Deputy Team Manager `M3`; Team Manager `M4` |",
        "| FTE | Full-time equivalent, written `1`, `0.8`, `0.6` or `0.5` |",
        "| Continuous Service Date | Start of continuous service with LBC |",
        f"| Leaving Date | Last day of service, {period} |",
        "| Leaving Reason | i-Trent leaving-reason code label |",
        "",
        "Length of service = (Leaving Date - Continuous Service Date) in days / 365.25, in",
        'years; the report\'s bands are read as half-open intervals [a, b) ("Less than 1 year"',
        '= [0, 1), "More than 10 years" = [10, inf)). Every leaver is at least',
        f"{EDGE_MARGIN_DAYS} days away from every band edge of both tables (and from 2 and 3",
        "years), so no reasonable rounding moves anyone between bands.",
        "",
        f"### `{EXIT_INTERVIEWS_FILE}` - exit-interview forms received by HR",
        "",
        f"Sheet `{EXIT_INTERVIEWS_SHEET}`, header on row 1, one row per returned form (13), in",
        "the order received.",
        "",
        "| Column | Meaning |",
        "|---|---|",
        "| Form No | `EX-2015-001` ... `EX-2015-013` (2015-16 register, order received) |",
        "| Employee Ref | The leaver's reference in the i-Trent extract |",
        "| Date Received | Excel date cell: when HR received the form (within "
        f"{RECEIVED_WITHIN_DAYS} days of the leaving date, not after {PERIOD_END:%-d %B %Y}) |",
        "| Service | Service written on the form (several spellings) |",
        "| Profession | `Social Work` or `Occupational Therapy` |",
        "| Job security ... Recognition | The sixteen aspects, each rated `Excellent`, `Good`, "
        "`Average` or `Poor`; blank = not answered |",
        "| Secured employment elsewhere? | `Yes` / `No` |",
        "| New employer | Filled only when secured employment is `Yes` |",
        "| Reasons for leaving | Free text from the form (no names or contact details) |",
        "| Would you consider returning to LBC? | `Yes` / `No` |",
        "",
        f"### `{ESTABLISHMENT_FILE}` - qualified-post establishment",
        "",
        "`Service,Profession,Posts,Scope`: qualified posts up to Team Manager level as quoted in",
        "paras 10 and 17 (52 + 12 adults; 110 + 2 children's, excluding Independent Reviewing",
        "Officers). Clean; no deliberate messiness.",
        "",
        "## Deliberate messiness (for the cleaning step to handle)",
        "",
        "Row numbers are as Excel shows them (header = row 1). A `·` marks a stray space.",
        "",
        f"### `{LEAVERS_FILE}`",
        "",
        f"- **Duplicate row**: row {dup_row} is an exact copy of row {dup_row - 1} "
        f"(`{dup_ref}`). Drop it; there are 35 leavers, not 36.",
        f"- **Totals row**: row {total_row} (last) has `Total` in Employee Ref and the sum of",
        f"  the FTE column over the 36 data rows above it ({total_fte}, duplicate included);",
        "  every other cell is blank.",
        f"- **Mixed date formats**: rows {', '.join(iso_rows)} write both dates `yyyy-mm-dd`;",
        "  all other rows write `dd/mm/yyyy`. Parse each format explicitly: a blanket",
        "  `dayfirst=True` parse can swap day and month in the ISO dates.",
        "- **Service labels** vary and some carry stray leading or trailing spaces:",
        "",
        *_label_table(rows, 1, canon_service, "Service Area"),
        "",
        "- **Job titles** mostly as HR writes them, some in another case or with a trailing",
        "  space:",
        "",
        *_label_table(rows, 3, canon_title, "Job Title"),
        "",
        "- **Leaving reasons** mostly i-Trent codes (`Resignation - ...`), some in the variant",
        "  wording, case or spacing that `config/mappings/leaving_reasons.yml` allows:",
        "",
        *_label_table(rows, 8, canon_reason, "Leaving Reason"),
        "",
        f"### `{EXIT_INTERVIEWS_FILE}`",
        "",
        "- **Service spellings**: " + "; ".join(form_service_lines) + ".",
        "- **Lower-case ratings** (e.g. `good`) in cells "
        + ", ".join(cell(i, j) for i, j in lower)
        + ".",
        "- **Blank ratings** (aspect not answered) in cells "
        + ", ".join(cell(i, j) for i, j in blanks)
        + ".",
        "- Date Received is a real date cell (format `dd/mm/yyyy`), not text.",
        "",
        "## Choices made where the paper is silent",
        "",
        "- **Which adult role is the Occupational Therapist** (para 11 says 8 Social Workers",
        "  and 1 OT; para 12 lists 5 Social Workers, 2 Advanced Practitioners, 1 Specialist",
        "  Practitioner and 1 Team Manager; inconsistency `luton_adult_leavers_role_breakdown`):",
        f"  the Specialist Practitioner, job title `Specialist Practitioner (OT)`, `{ot.ref}`,",
        "  team Occupational Therapy. The 8 social workers are the other 8.",
        '- **"Ten of these leavers were Social Workers"** (para 20; inconsistency',
        "  `luton_childrens_ten_social_workers`): read as 10 of the 12 children's leavers with",
        "  under two years' service. The other two are Senior Practitioners",
        f"  ({', '.join(under_two_sp)}); 8 of the 14 with two years or more are Social Workers,",
        "  giving the 18 of para 18.",
        "- **All adult leavers had more than three years' service** and the first adult band",
        '  is "Between 3 and 6 years": every adult has at least 3 years + '
        f"{EDGE_MARGIN_DAYS} days.",
        f"- **Retirements** go to long service: {', '.join(lv.ref for lv in retired)}"
        " (adults 18-20 years; the children's Team Manager over 24 years).",
        "- **Under two years' reasons**: the 12 children's leavers with under two years' service",
        '  carry exactly the reasons of the para 19 second table; so all 4 "Dissatisfied with',
        '  LBC" and both "To become self-employed" children\'s leavers are in that group.',
        f'- **Dates**: leaving dates are drawn uniformly over {period} ("the last twelve',
        '  months" before the September 2016 report); continuous service dates are the',
        "  leaving date minus a length of service drawn uniformly inside the leaver's band",
        "  (More than 10 years: 10-22 years, the retiring Team Manager 24-36 years).",
        "- **Team, grade and FTE** are invented (the paper gives none). A Social Worker's grade",
        "  is drawn `L` or `M1` (3 in 4 `L` with under two years' service, 3 in 4 `M1`",
        "  otherwise); other grades follow the job title. FTE is 1 for about three in four.",
        "- **Which leavers returned forms**: the three adults are the Specialist Practitioner",
        "  (OT) and two social work leavers; the ten children's forms come from Social Work",
        "  leavers of several roles. The six who had secured employment elsewhere are leavers",
        "  whose i-Trent reason fits the published new-employer reasons:",
        "",
        "| Form No | Row | Employee Ref | New employer | Reasons for leaving | i-Trent reason |",
        "|---|---|---|---|---|---|",
        *employer_lines,
        "",
        "  The other seven answered `No`, with a short reason consistent with their i-Trent",
        "  reason:",
        "",
        "| Form No | Row | Employee Ref | Reasons for leaving | i-Trent reason |",
        "|---|---|---|---|---|",
        *other_lines,
        "",
        "- **Ratings**: only the three published poor raters give any `Poor`:",
        "",
        *poor_lines,
        "",
        "  Everything else is drawn at random from Excellent / Good / Average (probabilities "
        f"{' / '.join(f'{p:.2f}' for p in RATING_PROBS)}; the poor raters "
        f"{' / '.join(f'{p:.2f}' for p in RATING_PROBS_POOR_RATER)}), so that most given",
        "  ratings are Excellent or Good (para 26). The two who would not consider returning",
        "  (para 24: 11 of 13 would) are poor raters A and B.",
        '- **26 or 27 children\'s leavers** (para 21 says "this group of 27 leavers";',
        "  inconsistency `luton_childrens_leavers_26_vs_27`): the data have **26** children's",
        "  leavers, as para 18, both tables, para 22 (35 = 9 + 26) and para 32 (46% = 12/26).",
        "- **23.5% of the establishment** (para 18; inconsistency",
        "  `luton_childrens_turnover_23_5_percent`): cannot be reproduced; these files give",
        "  26 / 110 = 23.6% (or 26 / 112 = 23.2%).",
        "- **Richmond and Kingston** is kept as printed although para 27 says there is no",
        "  evidence of leavers joining London boroughs (inconsistency",
        "  `luton_exit_interviews_no_london_boroughs`).",
        "- **Para 16's two long-serving Team Managers** leaving at the end of September 2016",
        "  fall after the period and are not in the data. Children's Services' 2 OT posts",
        "  had no leavers.",
        "",
        f"Forms per leaver reference: {', '.join(f'{r} row {n}' for r, n in form_rows.items())}.",
        f"Design keys (for reading the code): "
        f"{', '.join(f'{k}={by_key[k].ref}' for k in sorted(by_key))}.",
        "",
    ]
    return "\n".join(lines)


def write_luton_demo(out_dir: pathlib.Path) -> list[pathlib.Path]:
    """Write the synthetic Luton leavers demo files into ``out_dir``.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into; created if missing. Existing files of the same names are
        overwritten.

    Returns
    -------
    list of pathlib.Path
        The files written: leavers CSV, exit-interview workbook, establishment CSV, README.

    """
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    leavers = generate_leavers(rng)
    forms, blanks, lower = generate_forms(rng, leavers)
    rows = leaver_rows(leavers)

    paths = [
        out_dir / LEAVERS_FILE,
        out_dir / EXIT_INTERVIEWS_FILE,
        out_dir / ESTABLISHMENT_FILE,
        out_dir / README_FILE,
    ]
    _write_csv(paths[0], LEAVERS_HEADER, rows)
    write_exit_interviews(paths[1], forms)
    _write_csv(paths[2], ESTABLISHMENT_HEADER, ESTABLISHMENT_ROWS)
    paths[3].write_text(readme_text(leavers, rows, forms, blanks, lower), encoding="utf-8")
    return paths
