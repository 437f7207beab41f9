"""Reader11's edits to the Luton 21 September 2016 report, checked on the built pack (issue 22).

The shared demo build (tests/conftest.py ``built``): the public report (HTML, Word, CSV) and the
exempt appendix's tables. Each figure is worked out here from the pack's own tidy data or CSV.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.core.data_periods import stated_period
from pipelines.sections.leavers.exit_interviews import NO_SHARE_SHOWN, NOT_CHARTED
from tests.documents.test_word import CHART_DATA, python_docx_text

REVIEW = "luton-sw-2016"


def _text(path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def report(built) -> str:
    return _text(built.public / "report.html")


def test_the_survival_source_says_what_the_curves_follow(built, report):
    staff = pd.read_parquet(built.processed / REVIEW / "staff_in_post.parquet")
    leavers = pd.read_parquet(built.processed / REVIEW / "leavers.parquet")
    # the people the curves follow: the staff in post, and the window's leavers
    window = pd.to_datetime(leavers["leaving_date"]) >= pd.Timestamp("2015-09-01")
    starts = pd.to_datetime(
        pd.concat([staff["start_date"], leavers.loc[window, "service_start_date"]])
    )
    first, last = starts.min(), starts.max()
    assert first.year < 2014  # the curves run years back before the window
    chart = report.index("Share of starters still in post at each whole year")
    source = report[report.index("Source:", chart) :].split(" (notes", 1)[0]
    assert source.endswith(
        f"leavers of 1 September 2015 to 30 July 2016 and staff in post at 30 July 2016, who "
        f"started between {first.year} and {last:%B %Y}"
    ), source


def test_the_ratings_title_names_only_a_published_share(built, report):
    shown = pd.read_csv(built.public / "tables" / "10_leavers__aspect-ratings.csv", dtype=str)
    found = re.search(r"ratings were good or excellent(?: for [^;]*)?; ([^(.]*)", report)
    if "Good or excellent (%)" not in shown:  # reader14: every share hidden, no chart drawn
        assert found is None and NOT_CHARTED in report and NO_SHARE_SHOWN not in report
        return
    hidden = shown.set_index("Aspect of employment")["Good or excellent (%)"] == "[c]"
    title = found.group(1)
    named = [a for a in shown["Aspect of employment"] if a.lower() in title]
    assert all(not hidden[a] for a in named), (title, named)


def test_no_public_document_names_the_technical_annex(built, report):
    assert "annex" not in report.casefold()
    words = " ".join(python_docx_text(built.public / "report.docx"))
    assert "annex" not in words.casefold()


def test_the_campaigns_period_is_the_exports(report):
    assert "up to the export" not in report
    period = stated_period(load_review(REVIEW).datasets["recruitment"])
    assert period == "1 September 2015 to 31 August 2016"
    assert re.search(
        rf"Every application to the campaign in the export is counted\..*?Source: [^.]*?"
        rf"{re.escape(period)}",
        report,
    )


def test_the_agency_worker_rate_is_defined_where_it_is_printed(built, report):
    rates = pd.read_csv(built.public / "tables" / "40_workforce_costs__agency-rates.csv")
    row = rates.set_index("Service").loc["Children's Social Care"]
    agency, permanent = float(row["Agency FTE"]), float(row["Permanent FTE"])
    assert float(row["Agency worker rate (%)"]) == pytest.approx(
        100 * agency / (agency + permanent), abs=0.05
    )
    first = report.index("Agency worker rate")
    assert (
        report.index(
            "Agency worker rate: agency FTE as a percentage of agency FTE plus permanent FTE."
        )
        < first + 1500
    )


def test_no_illustrative_number_reaches_a_public_file(built):
    public = built.public
    files = [public / "report.html", *sorted((public / "tables").glob("*.csv"))]
    said = {p.name: p.read_text(encoding="utf-8") for p in files}
    said["report.docx"] = " ".join(python_docx_text(public / "report.docx"))
    assert not [n for n, t in said.items() if "illustrate" in t], sorted(said)
    # the technical annex (internal) keeps the option; the exempt appendix holds no aggregate
    # table that no Schedule 12A paragraph fits (papers29)
    annex = pd.read_csv(built.folder / "tables" / "45_retention__scenarios.csv")
    assert annex["What changes"].str.contains("chosen to illustrate").any()


def test_the_flows_leavers_are_the_years_up_to_the_staff_in_post_date(built):
    leavers = pd.read_parquet(built.processed / REVIEW / "leavers.parquet")
    left = pd.to_datetime(leavers["leaving_date"])
    cfg = load_review(REVIEW)
    start, end = pd.Timestamp(cfg.period.start), pd.Timestamp(cfg.period.end)
    as_at = pd.Timestamp(cfg.datasets["staff_in_post"].as_at)
    # the annex's table in full (the exempt appendix holds only what the public report withholds)
    flows = pd.read_csv(built.folder / "tables" / "45_retention__rates.csv").set_index("Service")
    column = f"Leavers to {as_at:%-d %B %Y}"
    for service, rows in leavers.groupby("service"):
        year = ((left[rows.index] >= start) & (left[rows.index] <= end)).sum()
        to_as_at = ((left[rows.index] >= start) & (left[rows.index] <= as_at)).sum()
        assert int(flows.loc[service, column]) == to_as_at, service
        assert year >= to_as_at


def test_every_word_chart_has_its_values_in_its_alt_text_and_a_data_table(built):
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(built.public / "report.docx"))
    blocks = list(doc.iter_inner_content())
    charts = 0
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        alts = [d.get("descr", "") for d in block._p.xpath(".//wp:docPr")]
        if not alts:
            continue
        charts += 1
        assert all(re.search(r"\d", a) for a in alts), alts  # its key values
        after = blocks[i + 1 : i + 8]
        caption = next(
            (j for j, b in enumerate(after) if isinstance(b, Paragraph) and b.text == CHART_DATA),
            None,
        )
        assert caption is not None, alts
        assert any(isinstance(b, Table) for b in after[caption:]), alts
    assert charts >= 5  # the ratings chart is not drawn: no aspect's share can be shown
