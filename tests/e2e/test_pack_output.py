"""The built pack: HTML and PDF a councillor can read, CSV tables, and a manifest."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from pipelines.core.config import load_review
from pipelines.orchestrator import sha256
from tests.conftest import DEMO_REVIEW


def test_pack_folder_has_every_output(built):
    names = {p.name for p in built.folder.iterdir()}
    assert {"annex.html", "annex.pdf", "manifest.json", "sections", "tables"} <= names
    assert (built.folder / "sections" / "10_leavers.ipynb").exists()
    assert len(list((built.folder / "tables").glob("*.csv"))) >= 15


def test_html_cover_names_the_committee_date_and_agenda_item(built, seed):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    assert seed["luton"]["meeting"]["committee"]["value"].replace("&", "&amp;") in html
    assert "Wednesday 21 September 2016" in html
    assert "Item 7" in html and "NOT FOR PUBLICATION" in html


def test_html_has_no_code_and_one_h1(built):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "import " not in html and "In&nbsp;[" not in html and "load_review" not in html
    assert "Traceback" not in html


def test_every_chart_has_alt_text_and_every_table_a_caption_and_scoped_headers(built):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img [^>]*>", html)
    assert imgs and all(re.search(r'alt="[^"]{20,}"', i) for i in imgs)
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert tables and all("<caption>" in t and 'scope="col"' in t for t in tables)


def test_every_table_has_a_source_line(built):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    assert html.count('class="ep-table"') == html.count('class="ep-table"')
    blocks = re.findall(r'<div class="ep-table".*?</div>', html, flags=re.S)
    assert blocks and all("Source:" in b for b in blocks)


def test_pdf_has_pages_numbers_header_and_bookmarks(built, seed):
    reader = PdfReader(built.folder / "annex.pdf")
    assert len(reader.pages) >= 5
    text = reader.pages[2].extract_text()
    assert f"of {len(reader.pages)}" in text
    titles = [o.title for o in reader.outline if hasattr(o, "title")]
    assert "Leavers and exit interviews" in titles


def test_manifest_records_input_hashes_parameters_and_commit(built):
    manifest = json.loads((built.folder / "manifest.json").read_text(encoding="utf-8"))
    raw = load_review(DEMO_REVIEW).raw_path()
    for entry in manifest["inputs"].values():
        assert entry["sha256"] == sha256(raw / entry["file"].rsplit("/", 1)[-1])
    section = manifest["sections"]["10_leavers"]
    assert section["parameters"]["meeting"] == "2016-09-21"
    assert len(section["key"]) == 64 and section["processed_data_sha256"]
    assert manifest["git_commit"] and manifest["package_version"]


def test_processed_data_can_be_loaded_for_analysis(built):
    from pipelines import load, processed_dir

    leavers = load(DEMO_REVIEW, "leavers", processed_dir(DEMO_REVIEW, built.processed))
    assert {"service", "role", "leaving_reason", "years_of_service"} <= set(leavers.columns)


def test_every_page_of_the_exempt_pdf_carries_the_marking_with_its_paragraphs(built):
    from pipelines.documents.front import exempt_marking

    marking = exempt_marking(load_review(DEMO_REVIEW).exempt_paragraphs)
    assert "paragraphs 1 and 2" in marking
    pages = PdfReader(built.folder / "annex.pdf").pages
    assert all(marking in " ".join(p.extract_text().split()) for p in pages)


def test_data_quality_appendix_lists_warnings_and_published_figures_that_disagree(built, seed):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    assert "Exit-interview return rate for Adult Social Care is at least 50%" in html
    table = built.table("reconciliation", section="90_data_quality")
    para_21 = next(
        i for i in seed["inconsistencies"] if i["id"] == "luton_childrens_leavers_26_vs_27"
    )["figures"]["para_21"]
    assert "No" in set(table.loc[table["Published"] == para_21, "Agrees"])


def test_every_pack_gets_the_data_quality_appendix_even_when_the_config_omits_it():
    from pipelines.core.config import Meeting, SectionRef
    from pipelines.orchestrator import pack_sections

    meeting = Meeting(date="2016-09-21", label="x", sections=[SectionRef(notebook="10_leavers")])
    assert [r.notebook for r in pack_sections(meeting)] == ["10_leavers", "90_data_quality"]


def test_data_quality_appendix_lists_the_seed_inconsistencies_the_demo_data_reproduce(built, seed):
    """Leavers (23.5%, 27), workforce (the £50,974 total) and survey (55 respondents) figures."""
    found = {i["id"]: i["figures"] for i in seed["inconsistencies"]}
    figures = built.table("reconciliation", section="90_data_quality")
    differ = set(figures.loc[figures["Agrees"] == "No", "Published"].astype(float))
    assert (
        float(found["luton_childrens_turnover_23_5_percent"]["printed_percent"].rstrip("%"))
        in differ
    )
    assert float(found["luton_childrens_leavers_26_vs_27"]["para_21"]) in differ
    assert (
        float(found["luton_adults_ap_total_vs_salary"]["total"].lstrip("£").replace(",", ""))
        in differ
    )
    survey = built.table("survey_disagreements", section="90_data_quality")
    published = {str(v).strip() for v in survey["Published"]}
    assert str(found["luton_survey_respondents_text_vs_appendix"]["report_total"]) in published


def test_report_opens_with_at_most_five_key_findings_linked_to_their_chapters(built):
    html = (built.public / "report.html").read_text(encoding="utf-8")
    start = html.index('id="section-r03-key-findings"')
    assert start < html.index('id="10-leavers--5-leavers')
    block = html[start : html.index("</ul>", start)]
    items = re.findall(r"<li>(.*?)</li>", block, flags=re.S)
    assert 3 <= len(items) <= 5
    # "See section 5 and source 1.", "See section 9 and sources 1, 3 and 4.": the notes in
    # number order, in a sentence of their own (never a bracket after the finding's full stop)
    # A finding whose chapter does not print its figure's table cites its sources only
    # ("See source 3.": reader13, key finding 2 of 21 September 2016).
    ends = [
        re.search(
            r"\. See (?:section \d+( and sources? ((\d+, )*\d+ and )?\d+)?"
            r"|(sources? ((\d+, )*\d+ and )?\d+))\.$",
            i.strip(),
        )
        for i in items
    ]
    assert all(ends), items
    assert sum("See section" in e.group(0) for e in ends) >= 3, items
    for end in ends:
        cited = [int(n) for n in re.findall(r"\d+", end.group(1) or end.group(4) or "")]
        assert cited == sorted(set(cited)), end.group(0)


def test_durations_are_in_timings_json_not_in_the_manifest(built):
    manifest = json.loads((built.folder / "manifest.json").read_text(encoding="utf-8"))
    assert "timings_seconds" not in manifest
    timings = json.loads((built.folder / "timings.json").read_text(encoding="utf-8"))["seconds"]
    assert {"clean", "validate", "10_leavers", "10_leavers (public)", "report pdf"} <= set(timings)
    assert {"exempt pdf", "annex html", "annex pdf", "total"} <= set(timings)
    assert all(isinstance(v, float | int) and v >= 0 for v in timings.values())


def test_executed_notebooks_hold_no_timestamps_or_staging_paths(built):
    notebooks = sorted((built.folder / "sections").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        assert ".staging-" not in text and '"start_time"' not in text
        assert '"duration"' not in text and "iopub.execute_input" not in text
        nb = json.loads(text)
        injected = [
            c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
        ]
        assert [c["id"] for c in injected] == ["injected-parameters"]
        assert str(built.processed / DEMO_REVIEW) in "".join(injected[0]["source"])


def test_the_exempt_appendix_holds_no_codebook_and_claims_no_public_table_it_cannot(built):
    """The survey codebooks are the pack's own words (themes and the phrases that mark them),
    about no one: they are public, never exempted; a paragraph 2 line does not say the public
    report shows a table (it may not)."""
    html = (built.exempt / "exempt-appendix.html").read_text(encoding="utf-8")
    assert "Codebook" not in html
    assert "shown in public only" not in html
    assert "Exempt under Schedule 12A, paragraph 2" in html  # the appendix still cites it
