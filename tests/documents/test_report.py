"""The committee report, exempt appendix and Word writer, on small hand-made notebooks."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import zipfile
from types import SimpleNamespace

import nbformat.v4 as v4
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.outputs import META_KEY, output_metadata, table_html
from pipelines.documents import blocks, exempt, final, report, texts
from pipelines.documents.docx import write_docx
from pipelines.documents.pack import FrontMatter, Section, assemble, collapse_chart_data


def table_output(name: str, df: pd.DataFrame, caption: str = "A table") -> dict:
    return v4.new_output(
        "display_data",
        data={
            "text/html": f'<div class="ep-table"><table class="ep-data"><caption>{caption}'
            '</caption></table><p class="ep-source">Source: HR.</p></div>',
            "text/plain": caption,
        },
        metadata=output_metadata("table", name, caption, "HR", None, df),
    )


def chart_output(name: str, df: pd.DataFrame, alt: str = "A bar chart of leavers by year") -> dict:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    png = base64.b64encode(buf.getvalue()).decode()
    return v4.new_output(
        "display_data",
        data={
            "text/html": f'<figure class="ep-chart"><figcaption class="ep-chart-title">Chart'
            f'</figcaption><img src="data:image/png;base64,{png}" alt="{alt}">'
            '<p class="ep-source">Source: HR.</p><table class="ep-data ep-chart-data">'
            "<caption>Data</caption></table></figure>",
            "text/plain": "Chart",
        },
        metadata=output_metadata("chart", name, "Most leavers left in year one", "HR", None, df),
    )


def section(name: str, title: str, *cells) -> Section:
    nb = v4.new_notebook(
        cells=[v4.new_markdown_cell(f"# {title}\nWhat this section is for."), *cells]
    )
    return Section(name, nb)


def code(*outputs, tags=()) -> dict:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


FRAME = pd.DataFrame({"Service": ["Adults", "Children"], "Leavers": [9, 26]})


def finding(text: str, section: str | None = None, source=None, period=None) -> SimpleNamespace:
    """A ranked finding as the findings collector gives it (text, section, source, period)."""
    return SimpleNamespace(text=text, section=section, source=source, period=period)


def test_key_findings_are_the_first_of_the_ranking_and_chapters_keep_its_order():
    items = [finding(f"f{i}", "10_a" if i % 2 else "20_b") for i in range(8)]
    top = report.top_findings(items)
    assert [f.text for f in top] == ["f0", "f1", "f2", "f3", "f4"]
    s = section("10_a", "Leavers", code())
    assert report.chapter_findings(items, s) == ["f1", "f3", "f5", "f7"]
    assert report.chapter_findings(items, s, limit=2) == ["f1", "f3"]


def test_report_reference_takes_the_meeting_month_and_year():
    assert texts.report_reference("R&RSWT&F/09/16", dt.date(2016, 11, 22)) == "R&RSWT&F/11/16"
    assert texts.report_reference("R&RSWT&F/09/16", dt.date(2017, 2, 28)) == "R&RSWT&F/02/17"
    assert texts.report_reference("ABC", dt.date(2017, 2, 28)) == "ABC"
    assert texts.report_reference(None, dt.date(2017, 2, 28)) is None


def test_report_takes_tagged_outputs_by_name_else_the_first_table():
    tagged = section(
        "10_a",
        "A",
        code(table_output("first", FRAME)),
        code(table_output("shown", FRAME), chart_output("hidden", FRAME), tags=["report:shown"]),
    )
    names = [o["metadata"][META_KEY]["name"] for o in report.report_outputs(tagged)]
    assert names == ["shown"]
    untagged = section("20_b", "B", code(table_output("one", FRAME), table_output("two", FRAME)))
    assert [o["metadata"][META_KEY]["name"] for o in report.report_outputs(untagged)] == ["one"]
    whole = section(
        "30_c", "C", code(table_output("x", FRAME), table_output("y", FRAME), tags=["report"])
    )
    assert len(report.report_outputs(whole)) == 2


def test_exempt_appendix_holds_only_what_the_public_run_does_not_show_as_it_is():
    suppressed = FRAME.astype(object).assign(Leavers=["[c]", 26])
    private = section(
        "10_a",
        "Leavers",
        code(
            table_output("same", FRAME), table_output("small", FRAME), table_output("people", FRAME)
        ),
    )
    public = section(
        "10_a", "Leavers", code(table_output("same", FRAME), table_output("small", suppressed))
    )
    names = [o["metadata"][META_KEY]["name"] for o in exempt.exempt_outputs(private, public)]
    assert names == ["small", "people"]
    appendix = exempt.exempt_sections(
        [private], [public], ["Paragraph 1 of Part 1 of Schedule 12A"]
    )
    assert [s.name for s in appendix] == ["e00_about", "10_a"]
    # nothing withheld: no appendix at all (reader15)
    assert exempt.exempt_sections([public], [public], ["Paragraph 1"]) == []


def review_text() -> texts.ReportText:
    return texts.ReportText(
        title="Evidence on leavers",
        reference="R/09/16",
        purpose="To give members the evidence.",
        recommendations=["Members are asked to note the findings."],
        questions=["Why do people leave?"],
        background_papers=["Item 7 report"],
    )


def test_report_follows_the_committee_report_order_and_leaves_the_annex_out():
    sections = [
        section("10_a", "Leavers", code(table_output("t", FRAME), tags=["report:t"])),
        section("90_data_quality", "Data quality", code(table_output("dq", FRAME))),
    ]
    found = [
        finding("9 left (£1,000 a year more for agency staff)", "10_a"),
        finding("26 left", "10_a"),
    ]
    for f in found:  # both drawn from the table "t" the chapter prints
        f.figure = SimpleNamespace(table="t")
    parts = report.report_sections(sections, found, review_text(), annex_only={"90_data_quality"})
    headings = [s.notebook.cells[0].source.splitlines()[0] for s in parts]
    assert headings == [
        "# 1. Purpose of the report",
        "# 2. Recommendations",
        "# 3. Key findings",
        "# 4. Questions members may wish to ask",
        "# 5. Leavers",
        "# 6. Implications",
        "# 7. Background papers",
        "# 8. Sources and notes",
    ]
    # the chapter's table carries a short source note, the full source in "Sources"
    table_html = parts[4].notebook.cells[2].outputs[0]["data"]["text/html"]
    assert '<p class="ep-source">Source: HR (note 1).</p>' in table_html
    assert parts[-1].notebook.cells[0].source.endswith("\n\n1. HR.")
    key = parts[2].notebook.cells[1].outputs[0]["metadata"][META_KEY]["items"]
    assert key == [
        "9 left (£1,000 a year more for agency staff). See section 5.",
        "26 left. See section 5.",
    ]
    # each finding is stated in full once: the chapter and the implications refer to it
    chapter = parts[4].notebook.cells
    assert chapter[1].source == (
        '<p class="ep-lead-in">Key findings 1 and 2 (section 3) are drawn from the table below.</p>'
    )
    assert all("findings" != o["metadata"][META_KEY].get("name") for o in chapter[2].outputs)
    implications = parts[5].notebook.cells[0].source
    assert "£1,000" not in implications and "set out in key finding 1;" in implications
    assert "risks to the stability" not in implications  # no finding on turnover or agency
    assert "protected characteristic" in implications


def test_report_text_defaults_name_the_meeting_and_config_overrides_them():
    from pipelines.core.config import load_review

    cfg = load_review("luton-sw-2016")
    november = cfg.meeting("2016-11-22")
    text = texts.report_text(cfg, november, [])
    assert text.reference == "R&RSWT&F/11/16"
    assert text.recommendations[0].startswith("Members are asked to note")
    assert "Minutes of the meeting of Wednesday 21 September 2016" in text.background_papers
    assert not any("group's meeting" in p for p in text.background_papers)
    september = cfg.meeting("2016-09-21")
    labels = [f"Item {a.item}: {a.subject}" for a in september.agenda_items]
    sept = texts.report_text(cfg, september, labels)
    assert sept.questions == september.report.questions and len(sept.questions) >= 3
    assert sept.background_papers[0].startswith("Item 6")
    assert sept.background_papers != text.background_papers


def test_chart_data_is_collapsed_under_the_chart_but_a_withheld_chart_keeps_its_table():
    html = chart_output("c", FRAME)["data"]["text/html"]
    wrapped = collapse_chart_data(html)
    assert re.search(r"<details class=\"ep-chart-details\"><summary>.*</summary><table", wrapped)
    withheld = (
        '<div class="ep-chart ep-chart-withheld">'
        '<table class="ep-data ep-chart-data"></table></div>'
    )
    assert collapse_chart_data(withheld) == withheld


def front() -> FrontMatter:
    return FrontMatter(
        title="Evidence on leavers",
        council="A Council",
        committee="A group",
        committee_ref="R/09/16",
        meeting_date=dt.date(2016, 9, 21),
        meeting_time=None,
        place=None,
        agenda_items=["Item 7: Leavers"],
        report_of=None,
        author=None,
        contact=None,
        marking="OFFICIAL",
        marking_note=None,
        built="x",
        provenance="Built by evidence-pack 0 from commit x",
        kind="report",
    )


def test_docx_has_real_headings_table_header_rows_and_alt_text(tmp_path):
    sections = [
        section(
            "10_a",
            "Leavers",
            v4.new_markdown_cell("## Who left\n- first point\n- second point"),
            code(
                v4.new_output(
                    "display_data",
                    data={"text/html": table_html(FRAME, "A table"), "text/plain": "A table"},
                    metadata=output_metadata("table", "t", "A table", "HR", None, FRAME),
                ),
                chart_output("c", FRAME, alt="Bar chart: 26 children's leavers"),
            ),
        )
    ]
    document = assemble(sections, front())
    path = write_docx(document, front(), tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode()
        assert any(n.startswith("word/media/") for n in z.namelist())
        assert 'w:styleId="Heading1"' in z.read("word/styles.xml").decode()
    assert re.search(r'<w:pStyle w:val="Title" />.*?Evidence on leavers', doc, re.S)
    assert re.search(r'<w:pStyle w:val="Heading1" />.*?Leavers</w:t>', doc, re.S)
    assert re.search(r'<w:pStyle w:val="Heading2" />.*?Who left</w:t>', doc, re.S)
    assert "first point" in doc and "second point" in doc
    assert doc.count("<w:tbl>") == doc.count("<w:tblHeader") >= 1
    assert 'descr="Bar chart: 26 children&#39;s leavers"' in doc
    again = write_docx(document, front(), tmp_path / "again.docx")
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("given", [[], [finding("x", "s")]])
def test_chapter_findings_fall_back_to_the_notebook_list(given):
    out = v4.new_output(
        "display_data",
        data={"text/html": "<ul></ul>", "text/plain": ""},
        metadata={META_KEY: {"kind": "findings", "name": "findings", "items": ["n1", "n2"]}},
    )
    s = section("10_a", "Leavers", code(out))
    assert report.chapter_findings(given, s) == ["n1", "n2"]
    ranked = [finding(x, "10_a") for x in "abcde"]
    assert report.chapter_findings(ranked, s) == ["a", "b", "c", "d"]


def test_final_report_has_the_task_and_finish_shape_from_the_review_config(tmp_path):
    from pipelines.core.config import load_review

    cfg = load_review("luton-sw-2016")
    fr = cfg.final_report
    assert fr is not None and fr.recommendations and all(r.to for r in fr.recommendations)
    held = [(m.date, m.label) for m in cfg.meetings if m.date]
    parts = final.final_report_sections(
        cfg, [finding("26 left", "10_a")], held, ["Appendix A: pack"]
    )
    heads = [s.notebook.cells[0].source.splitlines()[0] for s in parts]
    assert heads == [
        "# 1. Executive summary",
        "# 2. Recommendations",
        "# 3. Membership and meetings",
        "# 4. Scope",
        "# 5. What members heard",
        "# 6. Implications",
        "# 7. Appendices and background papers",
    ]
    recs = parts[1].notebook.cells[0].source
    # who acts is the register's owner, said once in the sentence (reader11: a "To:" line on
    # every recommendation); Luton's register gives no due date, so no report-back line
    for n, item in enumerate(final.register_items(cfg), start=1):
        line = next(x for x in recs.splitlines() if x.startswith(f"{n}. "))
        assert "To:" not in line and "Report back" not in line
        owner = item[0].owner.split(" and ")[0].removeprefix("the ")
        assert line.startswith(f"{n}. The {blocks.escape_md(owner)}"), line
    members = parts[2].notebook.cells[0].source
    assert all(m.name in members for m in cfg.members)
    implications = parts[5].notebook.cells[0].source
    assert all(f"**{k}.**" in implications for k in ("Financial", "Legal", "Equalities", "Risk"))
    path = write_docx(assemble(parts, front()), front(), tmp_path / "final.docx")
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode()
    assert doc.count('<w:pStyle w:val="Heading1" />') == 7 + 1  # and the contents heading


def test_a_key_finding_carries_its_chapter_and_a_source_note_number():
    sections = [section("10_a", "Leavers", code(table_output("t", FRAME)))]
    found = [
        finding("26 left.", "10_a", source="HR extract", period="2015/16"),
        finding("Turnover 23.2%.", "10_a", source="HR extract", period="2015/16"),
        finding("12 posts vacant.", None, source="Workforce snapshot"),
        finding("Caseload 20.6.", "10_a"),
    ]
    parts = report.report_sections(sections, found, review_text())
    items = parts[2].notebook.cells[1].outputs[0]["metadata"][META_KEY]["items"]
    assert items == [
        "26 left. See section 5 and source 1.",
        "Turnover 23.2%. See section 5 and source 1.",  # the same source and period: one note
        "12 posts vacant. See source 2.",
        "Caseload 20.6. See section 5.",
    ]
    assert parts[-1].name == "r93_sources"
    sources = parts[-1].notebook.cells[0].source
    assert sources.startswith("# 8. Sources and notes\n")
    assert sources.endswith("1. HR extract.\n2. Workforce snapshot.\n3. HR.")


def test_a_chapter_states_only_the_findings_that_are_not_key_findings():
    sections = [
        section("10_a", "Leavers", code(table_output("t", FRAME))),
        section("20_b", "Costs", code(table_output("c", FRAME))),
    ]
    found = [finding(f"a{i}", "10_a") for i in range(5)] + [finding("b0", "20_b")]
    found += [finding(f"a{i}", "10_a") for i in range(5, 8)]
    parts = report.report_sections(sections, found, review_text())
    key = parts[2].notebook.cells[1].outputs[0]["metadata"][META_KEY]["items"]
    assert [k.split(". See ")[0] for k in key] == ["a0", "a1", "a2", "a3", "a4"]
    leavers, costs = parts[4].notebook.cells, parts[5].notebook.cells
    # No key finding's figure is in a table the chapter prints: no pointer above another figure.
    assert not any("Key finding" in c.source for c in leavers if c.cell_type == "markdown")
    assert all(
        o["metadata"][META_KEY]["kind"] != "findings"
        for c in leavers[1:]
        for o in c.get("outputs", [])
    )
    shown = costs[1].outputs[0]["metadata"][META_KEY]["items"]
    assert shown == ["b0"]  # not a key finding: stated in full in its chapter
    text = " ".join(c.source for p in parts for c in p.notebook.cells if c.cell_type == "markdown")
    items = [
        i
        for p in parts
        for c in p.notebook.cells
        for o in c.get("outputs", [])
        for i in o["metadata"].get(META_KEY, {}).get("items", [])
    ]
    for name in ("a0", "a1", "a2", "a3", "a4", "b0"):  # each finding in full exactly once
        assert sum(i.split(". See ")[0] == name for i in items) == 1, name
        assert name not in text


@given(order=st.permutations(range(4)))
def test_the_implications_cite_each_finding_by_its_place_in_the_ranking_and_say_what_it_is(order):
    """Issue 22 a: "see key finding 4" pointed to the wrong finding. The places are computed
    from the ranked list, and each carries its figure's label, whatever the order."""
    made = [
        (
            "Agency staff rise to 50.6 FTE",
            "10_a",
            "Children's: agency FTE if rates continue",
            "cost",
        ),
        ("Turnover is 23.2%", "10_a", "Children's: turnover", "people"),
        ("Pay is £1,000 more", "20_b", "Agency premium", "cost"),
        ("Survey scores are low", "20_b", "Staff survey", "perception"),
    ]
    ranked = [
        SimpleNamespace(
            text=made[i][0],
            section=made[i][1],
            figure=SimpleNamespace(label=made[i][2]),
            category=made[i][3],
        )
        for i in order
    ]
    key = ranked[:2]
    rows = dict(report.implications(ranked, {}, key, {"10_a": 5, "20_b": 6}))
    risk = rows["Risk"]
    for n, f in enumerate(key, start=1):
        if f.text.startswith(("Agency", "Turnover")):
            assert f"key finding {n} ({report.short_title(f.figure.label)})" in risk, (risk, n)
    for f in ranked[2:]:
        if f.text.startswith(("Agency", "Turnover")):
            assert "section 5 (" in risk and report.short_title(f.figure.label) in risk
    if "£" in rows["Financial"] or "key finding" in rows["Financial"]:
        pound = next(f for f in ranked if "£" in f.text)
        at = next((n for n, f in enumerate(key, start=1) if f is pound), None)
        want = f"key finding {at} (agency premium)" if at else "section 6 (agency premium)"
        assert want in rows["Financial"], rows["Financial"]


def test_the_risk_implication_cites_findings_by_their_measure_not_their_words():
    """Fault 2 of issue 22: the risk implication cited the recruitment campaigns' finding only
    because its sentence mentions agency workers. A finding is a risk by its figure's category
    (turnover, early leaving, caseloads...), whatever its words."""

    def made(text, section, label, category):
        return SimpleNamespace(
            text=text, section=section, figure=SimpleNamespace(label=label), category=category
        )

    campaign = made(
        "Agency workers converting to permanent posts: 4 appointed against the target of 12",
        "15_r",
        "Campaigns with a target",
        "recruitment",
    )
    leavers = made(
        "Children's Social Care: 26 left in the year, 9.3 more than England's rate",
        "10_l",
        "Children's Social Care: leavers a year",
        "people",
    )
    caseload = made(
        "Children's Social Care: 21.3 cases a worker against 20", "40_w", "Caseloads", "workload"
    )
    survey = made(
        "Survey: agency staff feel least valued (3.4)", "20_s", "Locum survey", "perception"
    )
    ranked = [campaign, leavers, survey, caseload]
    numbers = {"15_r": 5, "10_l": 6, "20_s": 7, "40_w": 8}
    rows = dict(report.implications(ranked, {}, ranked[:2], numbers))
    risk = rows["Risk"]
    assert "key finding 2 (Children's Social Care: leavers a year)" in risk, risk
    assert "section 8 (caseloads)" in risk, risk
    assert "Campaigns with a target" not in risk and "key finding 1" not in risk, risk
    assert "Locum survey" not in risk and "section 7" not in risk, risk
    # a recruitment or survey finding alone is no risk to the workforce
    alone = dict(report.implications([campaign, survey], {}, [campaign], numbers))
    assert alone["Risk"] == "The evidence in this report does not point to a specific risk."


def test_a_one_line_chapter_is_headed_as_the_chapter_it_names():
    """reader14 on the Luton 28 February 2017 report: the one-line chapter 7 "Staff and locum
    surveys" named the 21 September report's section 7, headed "Staff surveys" there (no
    locum figure). A chapter whose figures an earlier report tabled takes its heading from
    what it holds, as that report's chapter did, not the section's full title."""
    staff = pd.DataFrame({"Question": ["Felt valued"], "Staff": [25]})
    survey = section(
        "20_surveys",
        "Staff and locum surveys",
        code(table_output("staff", staff, "Staff survey: felt valued"), tags=["report:staff"]),
    )
    full = report.report_sections([survey], [], review_text())
    line = "The figures of this chapter are unchanged since an earlier report."
    one = report.report_sections([survey], [], review_text(), unchanged={"20_surveys": line})

    def heading(out) -> str:
        cell = next(s for s in out if s.name == "20_surveys").notebook.cells[0]
        return cell.source.splitlines()[0]

    assert heading(full) == "# 5. Staff surveys"
    assert heading(one) == heading(full)
    assert line in next(s for s in one if s.name == "20_surveys").notebook.cells[0].source
