"""Three invented councils, their exports as their own systems give them, built end to end
(issue 21, "Done when").

- **Northshire**: children's services only; org units (three to one service, rows added up);
  a Microsoft Forms survey export (full question text as headers, date-times); its own exit
  form aspects; a market supplement paid in one team.
- **Eastmoor**: adults' and children's services in five org units; a SurveyMonkey export (two
  header rows, the service in Custom Data 1).
- **Southvale**: children's services only; no exit interview forms and no locum survey (the
  tables needing them are left out, each with one line saying why); a Google Forms export.
- **Westbury** (a fourth, from the generator a new user wrote): children's only; the columns its
  systems lack declared absent (pay table's service and on-costs, caseloads' grade, FTE and
  cases by type, establishment's profession), one header feeding two columns, no market
  supplement register. Its meeting is small: leavers, survey, workforce and data quality.

The exports come from :mod:`tests.councils.generators` (never the demo exports), the reviews
from :mod:`tests.councils.reviews`; each council's one meeting is built once per test run into
a shared folder under pytest's temporary folder. The figures checked are worked out here by hand
from the generated rows and compared with the tables the build wrote.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from tests.councils import generators as gen
from tests.councils.reviews import (
    NOTEBOOKS,
    SETUPS,
    WESTBURY_MEETING,
    WESTBURY_NOTEBOOKS,
    meeting_date,
    write_setup,
    write_westbury_review,
)

COUNCILS = (*SETUPS, "westbury")

#: Another council's words: the demo councils, the councils whose papers the shipped defaults
#: came from (and Luton's "HR Services"), the demo reviews' dates, and occupational therapy
#: (none of these councils has it).
DEMO_DATES = (
    "30 July 2016",
    "31 August 2016",
    "1 September 2015",
    "21 September 2016",
    "28 February 2017",
    "28 February 2018",
    "27 March 2018",
    "16 April 2018",
    "January to February 2016",
    "November 2015",
    "2015/16",
    "2016/17",
    "2017/18",
    "30/07/2016",
    "2016-07-30",
)
OTHER_WORDS = re.compile(
    r"\b(Luton|LBC|Coventry|Lancashire|Sandwell|HR Services|occupational therap(?:y|ist|ists))\b|"
    + "|".join(re.escape(d) for d in DEMO_DATES),
    re.IGNORECASE,
)
#: Phrases of the shipped defaults (config/findings.yml, notebook text and parameter defaults)
#: that another helper ("words") is removing at the time of writing. A hit inside one of them
#: makes the words test xfail, naming them; any other hit fails it.
SHIPPED_DEFAULTS = (
    "January to February 2016",
    "November 2015",
    "what drives social workers and occupational therapists to leave",
    "HR workforce snapshot at 30 July 2016",
    "managers and occupational therapy staff",
    "social worker and occupational therapist posts up to Team Manager",
    "Lancashire County Council recommended caseloads",
    "returned to HR Services",
    "forms sent to HR Services",
)


@dataclass
class Pack:
    """One council's built meeting: its generated exports and the three folders."""

    name: str
    council: gen.Council
    folder: Path

    @property
    def notebooks(self) -> list[str]:
        if self.name == "westbury":
            return list(WESTBURY_NOTEBOOKS)
        return [NOTEBOOKS[n] for n in SETUPS[self.name]["sections"]]

    def table(self, name: str) -> pd.DataFrame:
        """A table of the technical annex (``internal/tables/<name>.csv``)."""
        return pd.read_csv(self.folder / "internal" / "tables" / f"{name}.csv")


def _build(tmp_path_factory, name: str) -> Pack:
    """Write the council's review and build its meeting once per test run (a file lock makes
    the first xdist worker build it); later calls read the same folder."""
    from pipelines.orchestrator import build_pack

    council = getattr(gen, name)()
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / f"council-{name}"
    day = WESTBURY_MEETING if name == "westbury" else meeting_date(council)
    meeting = day.isoformat()
    with open(shared / f"council-{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if not (target / ".done").exists():
                shutil.rmtree(target, ignore_errors=True)
                if name == "westbury":
                    config = write_westbury_review(council, target)
                else:
                    config = write_setup(council, target)
                old = os.environ.get("SOURCE_DATE_EPOCH")
                # built a week before the meeting, so the build stamp is the council's own date
                built = dt.datetime.combine(day - dt.timedelta(days=7), dt.time(17), dt.UTC)
                os.environ["SOURCE_DATE_EPOCH"] = str(int(built.timestamp()))
                try:
                    build_pack(
                        config,
                        meeting,
                        outputs_root=target / "outputs",
                        processed_root=target / "processed",
                    )
                finally:
                    if old is None:
                        os.environ.pop("SOURCE_DATE_EPOCH", None)
                    else:
                        os.environ["SOURCE_DATE_EPOCH"] = old
                (target / ".done").touch()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return Pack(name, council, target / "outputs" / council.review_id / meeting)


@pytest.fixture(scope="session")
def northshire_pack(tmp_path_factory) -> Pack:
    return _build(tmp_path_factory, "northshire")


@pytest.fixture(scope="session")
def eastmoor_pack(tmp_path_factory) -> Pack:
    return _build(tmp_path_factory, "eastmoor")


@pytest.fixture(scope="session")
def southvale_pack(tmp_path_factory) -> Pack:
    return _build(tmp_path_factory, "southvale")


@pytest.fixture(scope="session")
def westbury_pack(tmp_path_factory) -> Pack:
    return _build(tmp_path_factory, "westbury")


def on_one_worker(council: str):
    """The xdist mark that runs every test of one council on one worker (``--dist loadgroup``),
    so two workers never wait on each other for that council's pack."""
    return pytest.mark.xdist_group(f"council-{council}")


@pytest.fixture(params=[pytest.param(c, marks=on_one_worker(c)) for c in COUNCILS])
def pack(request) -> Pack:
    return request.getfixturevalue(f"{request.param}_pack")


# --- Figures worked out by hand from the generated rows --------------------------------------


def in_period(council: gen.Council) -> pd.DataFrame:
    """The leavers whose leaving date-time falls in the review period, with their service."""
    rows = council.rows["leavers"].copy()
    left = pd.to_datetime(rows["Date Left"], format="%d/%m/%Y %H:%M").dt.date
    rows = rows[(left >= council.period_start) & (left <= council.period_end)]
    return rows.assign(service=rows["Division"].map(council.org_units))


def posts(council: gen.Council, service: str) -> int:
    """Funded posts of a service: its org units' rows added up."""
    table = council.rows["establishment"]
    return int(
        table[table["Service Area"].map(council.org_units) == service]["Number of posts"].sum()
    )


def fte(council: gen.Council, service: str | None = None) -> dict[str, float]:
    """Establishment, permanent, agency and vacant FTE of the snapshot (one service or all)."""
    table = council.rows["workforce_snapshot"]
    if service is not None:
        table = table[table["Directorate"].map(council.org_units) == service]
    return {
        "establishment": float(table["Funded FTE"].sum()),
        "permanent": float(table["Permanent FTE in post"].sum()),
        "agency": float(table["Locum FTE"].sum()),
        "vacant": float(table["Vacancy FTE"].sum()),
    }


def survey_mean(council: gen.Council, question: str, service: str | None = None) -> float:
    """Mean score (1 = most positive) of the labelled answers; non-answers and blanks left out;
    "I intend to leave" turned over (agreeing is the negative answer)."""
    scale = gen.SATISFACTION if question == "job_satisfaction" else gen.AGREEMENT
    scores = [
        scale.index(r[question]) + 1
        for r in council.survey
        if r[question] in scale and (service is None or r["service"] == service)
    ]
    if question == "intend_to_leave":
        scores = [6 - s for s in scores]
    return sum(scores) / len(scores)


def row(frame: pd.DataFrame, first: str) -> pd.Series:
    """The row of a table whose first column holds ``first``.

    A table of one row prints no Total row (it would repeat the row: papers19, point 5), so
    "Total" of a one-row table is its row.
    """
    found = frame[frame.iloc[:, 0] == first]
    if found.empty and first == "Total" and len(frame) == 1:
        return frame.iloc[0]
    return found.iloc[0]


def slug(service: str) -> str:
    from pipelines.core.outputs import slug as make

    return make(service)


@on_one_worker("northshire")
def test_northshire_figures_by_hand(northshire_pack):
    p, c = northshire_pack, northshire_pack.council
    leavers = in_period(c)
    turnover = row(p.table("10_leavers__turnover"), gen.CHILDREN)
    # 1. leavers in the period (date-times read as dates; rows outside the period left out)
    assert int(turnover["Leavers"]) == len(leavers) == 23
    # 2. turnover: three org units' establishment rows added up into one service
    assert int(turnover["Qualified posts"]) == posts(c, gen.CHILDREN) == 40 + 35 + 30
    assert float(turnover["Turnover, all qualified posts (%)"]) == pytest.approx(
        100 * len(leavers) / 105, abs=0.05
    )
    # 3 and 4. agency worker rate and vacancy rate from the snapshot by org unit and team
    f = fte(c)
    rates = row(p.table("40_workforce_costs__agency-rates"), gen.CHILDREN)
    assert float(rates["Agency worker rate (%)"]) == pytest.approx(
        100 * f["agency"] / (f["permanent"] + f["agency"]), abs=0.05
    )
    assert float(rates["Vacancy rate (%)"]) == pytest.approx(
        100 * f["vacant"] / f["establishment"], abs=0.05
    )
    # 5. the survey mean of the Microsoft Forms export
    results = row(p.table(f"20_surveys__results-{slug(gen.CHILDREN)}"), "Job satisfaction")
    assert float(results["Average"]) == pytest.approx(survey_mean(c, "job_satisfaction"), abs=0.005)
    # 6. exit forms returned as a share of leavers
    forms = len(c.rows["exit_interviews"])
    returned = row(p.table("10_leavers__exit-return-rate"), "Total")
    assert int(returned["Forms returned"]) == forms
    assert float(returned["Return rate (%)"]) == pytest.approx(100 * forms / len(leavers), abs=0.5)


@on_one_worker("northshire")
def test_northshire_supplement_is_costed_on_its_one_team(northshire_pack):
    """The register pays £3,000 to Social Workers at G7 in one team: the cost is £3,000 times
    that team's permanent FTE, not every children's Social Worker at G7."""
    p, c = northshire_pack, northshire_pack.council
    snapshot = c.rows["workforce_snapshot"]
    posts_paid = snapshot[
        (snapshot["Post Title"] == "Social Worker") & (snapshot["Pay Grade"] == "G7")
    ]
    team = posts_paid[posts_paid["Team Name"] == gen.SUPPLEMENT_TEAM]
    cost = float(row(p.table("40_workforce_costs__supplement-costs"), "Total")["Cost a year (£)"])
    whole_service = 3000 * float(posts_paid["Permanent FTE in post"].sum())
    if cost == pytest.approx(whole_service) and len(team) < len(posts_paid):
        pytest.xfail(
            "issue 21 item 4 (the supplements helper's work): the register's Team column is "
            "not read, so the supplement is costed on every Social Worker at G7 "
            f"(£{whole_service:,.0f})"
        )
    assert cost == pytest.approx(3000 * float(team["Permanent FTE in post"].sum()))


@on_one_worker("eastmoor")
def test_eastmoor_figures_by_hand(eastmoor_pack):
    p, c = eastmoor_pack, eastmoor_pack.council
    leavers = in_period(c)
    turnover = p.table("10_leavers__turnover")
    for service in (gen.ADULTS, gen.CHILDREN):
        mine = leavers[leavers["service"] == service]
        got = row(turnover, service)
        # 1 and 2. leavers and turnover of each service, its org units added up
        assert int(got["Leavers"]) == len(mine)
        assert int(got["Qualified posts"]) == posts(c, service)
        assert float(got["Turnover, all qualified posts (%)"]) == pytest.approx(
            100 * len(mine) / posts(c, service), abs=0.05
        )
        # 3. agency worker rate of each service
        f = fte(c, service)
        rates = row(p.table("40_workforce_costs__agency-rates"), service)
        assert float(rates["Agency worker rate (%)"]) == pytest.approx(
            100 * f["agency"] / (f["permanent"] + f["agency"]), abs=0.05
        )
        # 4. the survey mean of each service, from the SurveyMonkey export's Custom Data 1
        results = row(p.table(f"20_surveys__results-{slug(service)}"), "Job satisfaction")
        assert float(results["Average"]) == pytest.approx(
            survey_mean(c, "job_satisfaction", service), abs=0.005
        )
    # 5. the vacancy rate over both services (the table's total row)
    f = fte(c)
    total = row(p.table("40_workforce_costs__agency-rates"), "Total")
    assert float(total["Vacancy rate (%)"]) == pytest.approx(
        100 * f["vacant"] / f["establishment"], abs=0.05
    )
    assert len(leavers) == 31


@on_one_worker("eastmoor")
def test_eastmoor_costs_its_post_at_its_commonest_grade_and_says_what_is_not_done(eastmoor_pack):
    """Eastmoor names the post it compares with an agency worker without a grade, and no
    supplement to model: the post is costed at the job title's grade with the most permanent
    FTE in its own snapshot (worked out here), and the withdrawal model is not done, said in
    one line naming the parameter to set."""
    from pipelines.sections.workforce import posts as wpo
    from pipelines.sections.workforce.parameters import WorkforceParameters

    p, c = eastmoor_pack, eastmoor_pack.council
    snap = c.rows["workforce_snapshot"]
    mine = snap[
        (snap["Directorate"].map(c.org_units) == gen.CHILDREN)
        & (snap["Post Title"] == "Social Worker")
    ]
    grade = mine.groupby("Pay Grade")["Permanent FTE in post"].sum().idxmax()
    pay = c.rows["pay_rates"]
    rate = pay[
        (pay["Service Area"] == gen.CHILDREN)
        & (pay["Post Title"] == "Social Worker")
        & (pay["Pay Grade"] == grade)
    ].iloc[0]
    cost = float(rate["Annual salary"] + rate["Employer on-costs"])
    tables = p.folder / "internal" / "tables"
    (compared,) = tables.glob("40_workforce_costs__cost-per-post*.csv")
    table = pd.read_csv(compared)
    assert table["Grade or rate"].iloc[0] == grade
    assert float(table["Cost for one year (£)"].iloc[0]) == cost
    assert float(table["Cost for one year (£)"].iloc[1]) == 36 * 37 * 46
    line = wpo.not_done(WorkforceParameters(agency_hourly_rate=36), "supplement_model")
    assert "supplement_change" in line
    for document in ("internal/annex.html", "public/report.html"):
        assert line in (p.folder / document).read_text("utf-8"), document
    assert not list(tables.glob("40_workforce_costs__supplement-model*"))


@on_one_worker("southvale")
def test_southvale_figures_by_hand(southvale_pack):
    p, c = southvale_pack, southvale_pack.council
    leavers = in_period(c)
    turnover = row(p.table("10_leavers__turnover"), gen.CHILDREN)
    # 1 and 2. leavers and turnover without any exit form
    assert int(turnover["Leavers"]) == len(leavers) == 18
    assert float(turnover["Turnover, all qualified posts (%)"]) == pytest.approx(
        100 * len(leavers) / (30 + 25), abs=0.05
    )
    results = p.table(f"20_surveys__results-{slug(gen.CHILDREN)}")
    # 3. the job satisfaction mean of the Google Forms export
    sat = row(results, "Job satisfaction")
    assert float(sat["Average"]) == pytest.approx(survey_mean(c, "job_satisfaction"), abs=0.005)
    # 4. the reversed question's mean
    leave = row(results, "Intends to leave within a year")
    assert float(leave["Average"]) == pytest.approx(survey_mean(c, "intend_to_leave"), abs=0.005)
    # 5. people who gave a scored answer (non-answers and blanks not counted)
    answered = sum(r["job_satisfaction"] in gen.SATISFACTION for r in c.survey)
    assert int(sat["Answered"]) == answered
    # only the council's own questions: none of the demo survey's
    assert set(results["Question"]) == {"Job satisfaction", "Intends to leave within a year"}


@on_one_worker("westbury")
def test_westbury_figures_by_hand(westbury_pack):
    """The new user's figures, from the exports as they came (the columns they lack declared
    absent): worked out by hand from the generator's rows."""
    p, c = westbury_pack, westbury_pack.council
    est = c.rows["establishment"]
    funded = float(est["Budgeted FTE"].sum())
    perm, agency = (
        float(est["Substantive FTE in Post"].sum()),
        float(est["Interim/Agency FTE"].sum()),
    )
    assert (funded, float(est["Vacant FTE"].sum()), perm, agency) == (120, 25, 95, 19)
    # 1. turnover: 40 leavers over 120 funded posts, the establishment's org units added up
    turnover = row(p.table("10_leavers__turnover"), gen.CHILDREN)
    assert (int(turnover["Leavers"]), int(turnover["Qualified posts"])) == (
        len(c.rows["leavers"]),
        120,
    )
    assert float(turnover["Turnover, all qualified posts (%)"]) == pytest.approx(33.3, abs=0.05)
    # 2 and 3. vacancy 25 / 120 and agency 19 / (95 + 19) from the snapshot (same sheet)
    rates = row(p.table("40_workforce_costs__agency-rates"), gen.CHILDREN)
    assert float(rates["Vacancy rate (%)"]) == pytest.approx(100 * 25 / 120, abs=0.05)
    assert float(rates["Agency worker rate (%)"]) == pytest.approx(100 * 19 / 114, abs=0.05)
    # 4. average caseload: 1,557 cases over the 86 workers holding any (8 managers hold none)
    cases = c.rows["caseloads"]["Children Allocated"]
    assert (int(cases.sum()), int((cases > 0).sum())) == (1557, 86)
    summary = row(p.table("40_workforce_costs__caseload-summary"), "All case-holding workers")
    assert float(summary["Average caseload (cases per worker)"]) == pytest.approx(18.1, abs=0.05)
    per_fte = summary["Cases per FTE (no target for it)"]  # the target is per worker
    assert float(per_fte) == pytest.approx(18.1, abs=0.05)  # FTE 1.0 each


@on_one_worker("westbury")
def test_westbury_leaves_out_what_needs_absent_columns_saying_why(westbury_pack):
    from pipelines.sections.leavers.result import NO_PROFESSION
    from pipelines.sections.workforce.caseloads import NO_QUALIFIED_DATES, NO_WORKER_TYPE
    from pipelines.sections.workforce.supplements import NO_REGISTER

    annex = re.sub(
        r"\s+", " ", (westbury_pack.folder / "internal" / "annex.html").read_text("utf-8")
    )
    for line in (NO_PROFESSION, NO_REGISTER, NO_QUALIFIED_DATES, NO_WORKER_TYPE):
        assert sum(annex.count(f) for f in {line, line.replace("'", "&#x27;")}) == 1, line
    assert "a post&#x27;s annual cost is its salary only" in annex or (
        "a post's annual cost is its salary only" in annex
    )
    tables = {p.stem for p in (westbury_pack.folder / "internal" / "tables").glob("*.csv")}
    assert not {t for t in tables if "supplement" in t or "caseload-bands" in t}
    assert "Social worker posts" not in westbury_pack.table("10_leavers__turnover")
    # the survey's source is cited once, never repeated as its period
    source = "Westbury Council, staff survey export, one row per respondent"
    assert source in annex and f"Period: {source}" not in annex


# --- Every section builds, for both audiences, in every folder -------------------------------


def test_every_section_of_the_meeting_builds(pack):
    from pipelines.core.registry import get_section

    for name in ("report.html", "report.pdf", "report.docx"):
        assert (pack.folder / "public" / name).stat().st_size > 0, name
    for name in ("exempt/exempt-appendix.html", "exempt/exempt-appendix.pdf"):
        assert (pack.folder / name).stat().st_size > 0, name
    annex = (pack.folder / "internal" / "annex.html").read_text("utf-8")
    assert pack.council.council in (pack.folder / "public" / "report.html").read_text("utf-8")
    for notebook in pack.notebooks:
        assert (pack.folder / "internal" / "sections" / f"{notebook}.ipynb").is_file(), notebook
        assert (pack.folder / "internal" / "sections" / "public" / f"{notebook}.ipynb").is_file()
        assert get_section(notebook).title in annex, notebook


@on_one_worker("southvale")
def test_southvale_leaves_out_what_needs_absent_datasets_saying_why(southvale_pack):
    from pipelines.sections.leavers.result import NO_EXIT_FORMS

    annex = (southvale_pack.folder / "internal" / "annex.html").read_text("utf-8")
    assert annex.count(NO_EXIT_FORMS) == 1
    assert annex.count("The review has no locum survey") == 1
    tables = {p.stem for p in (southvale_pack.folder / "internal" / "tables").glob("*.csv")}
    assert "10_leavers__turnover" in tables
    assert not {t for t in tables if "exit" in t or "would-return" in t or "locum" in t}


# --- No other council's words in any document of any folder ----------------------------------


def document_text(path: Path) -> str:
    """The text a reader sees: HTML and CSV as written, PDF through pdftotext (or pypdf),
    DOCX's XML without its tags."""
    if path.suffix == ".pdf":
        if shutil.which("pdftotext") is None:  # poppler not installed: pypdf reads the text
            from pypdf import PdfReader

            return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if path.suffix == ".docx":
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        return re.sub(r"<[^>]+>", "", xml)
    return path.read_text("utf-8", errors="replace")


def test_no_document_holds_another_councils_words(pack):
    hits: list[tuple[str, str]] = []
    for path in sorted(pack.folder.rglob("*")):
        if path.suffix not in (".html", ".pdf", ".docx", ".csv"):
            continue
        text = re.sub(r"\s+", " ", document_text(path))
        for m in OTHER_WORDS.finditer(text):
            hits.append(
                (str(path.relative_to(pack.folder)), text[max(0, m.start() - 90) : m.end() + 60])
            )
    ours = [(f, t) for f, t in hits if not any(d.lower() in t.lower() for d in SHIPPED_DEFAULTS)]
    assert not ours, f"another council's words in {pack.council.council}'s documents: {ours[:8]}"
    if hits:
        found = sorted({d for _, t in hits for d in SHIPPED_DEFAULTS if d.lower() in t.lower()})
        pytest.xfail(
            "shipped defaults still hold other councils' words (the 'words' helper is removing "
            f"them from config/ and notebook text): {found}"
        )
