"""Papers a scrutiny officer can table (issue 22), on configs and data made in the test.

One group per numbered point: 1 targets only with a source, 2 time-true, 3 the officers'
figures checked, 8 the final report from the review's own meetings, 9 background papers and
author. The built demo reports are checked in tests/e2e/test_papers.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core import reconcile
from pipelines.core.config import Dataset, load_review
from pipelines.core.dataset_access import about_individuals, open_to_inspection
from pipelines.core.errors import ConfigError
from pipelines.core.figures import Figure, Kind
from pipelines.core.review_targets import PublishedFigure
from pipelines.documents import checked, exempt, final, register_check, report, texts
from pipelines.documents import meeting as meeting_docs
from pipelines.documents.front import front_matter
from pipelines.sections import findings
from pipelines.sections.indicators import known_by
from tests.conftest import examples

ROOT = Path(__file__).resolve().parents[2]


def review_file(tmp_path: Path, **changes) -> Path:
    """The Luton demo config with ``changes`` over its top-level keys, under its own id."""
    data = yaml.safe_load((ROOT / "config/reviews/luton-sw-2016.yml").read_text("utf-8"))
    data.update(changes)
    data["id"] = "papers-test"
    path = tmp_path / "papers-test.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- 1. A target is printed only with its source ----------------------------------------------


def test_a_target_without_a_source_is_refused(tmp_path):
    path = review_file(
        tmp_path, targets={"turnover_percent": 15, "average_caseload": 20}, illustrative_targets={}
    )
    with pytest.raises(ConfigError) as err:
        load_review(path)
    text = str(err.value)
    assert "targets.turnover_percent (15) has no source" in text
    assert "target_sources.turnover_percent" in text and "illustrative_targets" in text


def test_a_source_needs_kind_name_and_date(tmp_path):
    path = review_file(
        tmp_path,
        target_sources={"average_caseload": {"kind": "meeting", "name": "Item 6 report"}},
    )
    with pytest.raises(ConfigError) as err:
        load_review(path)
    assert "target_sources.average_caseload.date" in str(err.value)


def test_luton_illustrative_targets_never_reach_the_targets():
    cfg = load_review("luton-sw-2016")
    assert cfg.targets.turnover_percent is None
    assert cfg.targets.exit_interview_return_percent is None
    assert cfg.illustrative_targets.turnover_percent == 15
    assert cfg.illustrative_targets.exit_interview_return_percent == 50
    assert cfg.target_note("turnover_percent") == "no target set"
    assert cfg.target_note("average_caseload") == (
        "20, set by Item 6 report to the group, paragraph 47, 21 September 2016"
    )


def test_the_targets_statement_names_each_source_and_says_no_target_set_once():
    text = texts.targets_text(load_review("luton-sw-2016"))
    assert text.count("No target set") == 1
    assert "15" not in text and "50" not in text  # the illustrative values
    assert "average caseload below 20 (set by Item 6 report to the group, paragraph 47, 21 " in text
    assert "turnover" in text and "exit interview return rate" in text
    coventry = texts.targets_text(load_review("coventry-sw-2018"))
    assert coventry.startswith("No target set for turnover") and "Targets:" not in coventry


def _figure(key: str, value: float, *, target=None, published=None, notes=None, **kw) -> Figure:
    return Figure(
        key=key,
        label=kw.pop("label", "Children's Social Care: turnover"),
        value=value,
        kind=kw.pop("kind", Kind.PEOPLE_PER_100_POSTS),
        direction="lower",
        numerator=kw.pop("numerator", 26),
        denominator=kw.pop("denominator", 112),
        comparators={} if target is None else {"target": target},
        source="HR",
        period=kw.pop("period", "1 September 2015 to 31 August 2016"),
        section="10_leavers",
        published=published,
        notes=notes or {},
    )


def test_a_measure_with_no_data_says_nothing_about_targets():
    """Issue 22 (papers19 point 4): "No target set for ... the exit interview return rate" in
    a report with no exit interview data. Only the measures the meeting has figures for are
    named; a figure without a value (NaN) is no data."""
    figures = [
        _figure("turnover_childrens", 13.9),
        _figure("agency_rate_childrens", 12.7, label="Children's Social Care: agency rate"),
        _figure("exit_return_rate_all", float("nan"), label="All: exit interview return rate"),
    ]
    measured = findings.measured_targets(figures)
    assert measured == {"turnover_percent", "agency_rate_percent"}
    coventry = load_review("coventry-sw-2018")
    text = texts.targets_text(coventry, measured=measured)
    assert text == "No target set for turnover or the agency rate."
    assert "exit interview" not in text and "caseload" not in text
    # Luton's caseload target has a source: said only where caseloads are measured
    luton = load_review("luton-sw-2016")
    assert "caseload" not in texts.targets_text(luton, measured=measured)
    caseload = [_figure("average_caseload_childrens", 18.0, label="Children's: caseload")]
    assert texts.targets_text(luton, measured=findings.measured_targets(caseload)).startswith(
        "Targets: children's social workers' average caseload below 20 (set by "
    )
    assert texts.targets_text(coventry, measured=set()) == ""


def test_a_finding_against_a_target_cites_its_source_and_none_without_a_target():
    with_target = _figure("turnover_childrens", 23.2, target=15.0)
    found = findings.propose(
        [with_target], target_sources={"turnover_*": "Item 9 report, 1 March 2016"}
    )
    assert len(found) == 1
    # 8.2 points over the target of 112 posts: 9.2 leavers a year, by hand
    assert found[0].amount == pytest.approx((23.2 - 15.0) / 100 * 112)
    assert "against the target of 15.0% (set by Item 9 report, 1 March 2016)" in found[0].text
    assert "review's target" not in found[0].text
    assert findings.propose([_figure("turnover_childrens", 23.2)]) == []


# --- 2. Time-true by rule ---------------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(
    meeting=st.dates(dt.date(2015, 1, 1), dt.date(2020, 12, 31)),
    published=st.lists(st.dates(dt.date(2015, 1, 1), dt.date(2020, 12, 31)), max_size=6),
)
def test_no_figure_published_after_the_meeting_is_kept(meeting, published):
    figures = [_figure(f"dfe_{i}", 1.0, published=p) for i, p in enumerate(published)]
    kept = known_by(figures, meeting)
    assert all(f.published <= meeting for f in kept)
    assert len(kept) == sum(1 for p in published if p <= meeting)


def test_a_figure_marked_later_data_is_dropped_whatever_its_date():
    fig = _figure("dfe_x", 1.0, notes={"later_data": "published after the meeting"})
    assert known_by([fig], dt.date(2030, 1, 1)) == []


def test_later_national_data_leaves_the_report_for_the_annex():
    luton = load_review("luton-sw-2016")
    release, after = texts.national_release(luton, luton.meeting("2017-02-28"))
    assert after and release.endswith("at 30 September 2017, published 15 February 2018")
    sections, note = meeting_docs.published_after(luton, luton.meeting("2017-02-28"))
    assert sections == {"30_local_vs_national"}
    assert "published after this meeting" in note and "Published after this meeting" in note
    # the background papers never claim a release "published before" the meeting
    papers = texts.report_text(luton, luton.meeting("2017-02-28"), []).background_papers
    assert not any("Department for Education" in p for p in papers)
    coventry = load_review("coventry-sw-2018")
    release, after = texts.national_release(coventry, coventry.meeting("2018-03-27"))
    assert not after and "published 15 February 2018" in release
    assert meeting_docs.published_after(coventry, coventry.meeting("2018-03-27")) == (set(), None)
    papers = texts.report_text(coventry, coventry.meeting("2018-03-27"), []).background_papers
    assert release in papers


# --- 3. The officers' figures, checked --------------------------------------------------------


@reconcile.metric("papers_test_leavers", "Leavers (number)")
def _test_leavers(frames, cfg):
    return float(len(frames["people"]))


@reconcile.metric("papers_test_rate", "Turnover (% of posts)")
def _test_rate(frames, cfg):
    return 100.0 * len(frames["people"]) / 112


@reconcile.metric("papers_test_cost", "Saving per post (£ a year)")
def _test_cost(frames, cfg):
    return 14720.0


def test_the_papers_figures_the_data_do_not_reproduce_are_tabled():
    frames = {"people": pd.DataFrame({"id": range(26)})}  # 26 leavers; 26 / 112 = 23.214%
    day = dt.date(2016, 9, 21)
    published = [
        PublishedFigure(key="papers_test_leavers", value=27, where="Item 7, para 21", meeting=day),
        PublishedFigure(
            key="papers_test_rate",
            value=23.5,
            where="Item 7, para 18",
            meeting=day,
            reason="The paper's establishment has fewer posts.",
        ),
        PublishedFigure(key="papers_test_leavers", value=26, where="Item 7, para 18", meeting=day),
        PublishedFigure(key="papers_test_cost", value=11982, where="Item 6", meeting=day),
        PublishedFigure(key="papers_test_leavers", value=99, where="Other", meeting=None),
    ]
    table, agree = reconcile.officers_figures(published, frames, None, day, threshold=5)
    assert agree == 1  # the 26 of paragraph 18
    assert list(table.columns) == reconcile.CHECKED_COLUMNS
    rows = table.set_index("Where")
    assert rows.loc["Item 7, para 21", "The paper's figure"] == "27"
    assert rows.loc["Item 7, para 21", "The data's figure"] == "26"
    assert rows.loc["Item 7, para 21", "Difference"] == "1 fewer"
    assert rows.loc["Item 7, para 18", "The data's figure"] == "23.2%"
    assert rows.loc["Item 7, para 18", "Difference"] == "0.3 points lower"
    assert rows.loc["Item 7, para 18", "Likely reason"] == (
        "The paper's establishment has fewer posts."
    )
    assert rows.loc["Item 6", "The data's figure"] == "£14,720"
    assert rows.loc["Item 6", "Difference"] == "£2,738 more"
    assert "Not known from the data" in rows.loc["Item 6", "Likely reason"]
    assert "Other" not in rows.index  # another meeting's figure


def test_a_small_count_from_the_data_is_suppressed_in_the_checked_table():
    frames = {"people": pd.DataFrame({"id": range(3)})}
    day = dt.date(2016, 9, 21)
    published = [PublishedFigure(key="papers_test_leavers", value=7, where="X", meeting=day)]
    table, _ = reconcile.officers_figures(published, frames, None, day, threshold=5)
    assert table.loc[0, "The data's figure"] == "[c]" and table.loc[0, "Difference"] == ""


def test_the_checked_chapter_counts_what_it_holds():
    table = pd.DataFrame([dict.fromkeys(reconcile.CHECKED_COLUMNS, "x")])
    section = checked.checked_section(9, table, 4)
    text = "".join(c.get("source", "") for c in section.notebook.cells)
    assert "# 9. Figures in the officers' reports, checked" in text
    assert "print 5 figures" in text and "4 of them agree" in text


def test_one_checked_figure_is_counted_in_words():
    table = pd.DataFrame([dict.fromkeys(reconcile.CHECKED_COLUMNS, "x")])
    text = checked.checked_section(9, table, 0).notebook.cells[0].source
    assert "print one figure" in text and "It does not agree with the data. It is below" in text
    text = checked.checked_section(9, table.iloc[:0], 1).notebook.cells[0].source
    # one figure, agreeing, not named (no "agreed" list): the count alone
    assert "print one figure" in text and "It agrees with the data." in text
    two = pd.concat([table, table])
    assert "None of them agree" in checked.checked_section(9, two, 0).notebook.cells[0].source
    assert "1 of them agrees" in checked.checked_section(9, table, 1).notebook.cells[0].source


def test_the_final_report_states_each_checked_figure_with_the_difference():
    """Issue 22 f: £30,000 against the pack's £28,086 with no reconciliation."""
    table = pd.DataFrame(
        [
            {
                "Figure": "Extra cost a year of one agency FTE (£)",
                "Where": "Report, paragraph 5.11",
                "The paper's figure": "£30,000",
                "The data's figure": "£28,086",
                "Difference": "£1,914 less",
                "Likely reason": "One post against the average.",
            }
        ],
        columns=reconcile.CHECKED_COLUMNS,
    )
    appendices = ["Appendix A: Evidence on x", "Appendix B: Evidence on y"]
    (line,) = meeting_docs.checked_sentences(table, appendices)
    assert line == (
        "Extra cost a year of one agency FTE (£): Report, paragraph 5.11 gives £30,000; the data "
        "give £28,086 (£1,914 less), as Appendix B shows under \u201cFigures in the officers' "
        "reports, checked\u201d. One post against the average."
    )
    assert meeting_docs.checked_sentences(table.iloc[:0], appendices) == []
    assert meeting_docs.checked_sentences(None, appendices) == []
    cfg = load_review("coventry-sw-2018")
    held = meeting_docs.meetings_heard(cfg, cfg.final_report.meeting)
    sections = final.final_report_sections(cfg, [], held, appendices, checked=[line])
    heard = "".join(c.get("source", "") for c in sections[4].notebook.cells)
    assert "## Figures in the officers' reports, checked" in heard and "£1,914 less" in heard


def test_luton_published_figures_belong_to_the_second_meeting():
    cfg = load_review("luton-sw-2016")
    assert {f.meeting for f in cfg.published_figures} == {dt.date(2016, 9, 21)}


# --- Key findings say as many as there are; the purpose reads rightly -------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "no finding"), (1, "The finding that matters most"), (3, "The three findings")],
)
def test_the_key_findings_say_as_many_as_there_are(n, words):
    assert words in report.key_findings_intro(n)


def test_a_purpose_without_agenda_items_names_the_packs_subject():
    cfg = load_review("coventry-sw-2018")
    purpose = texts.report_text(cfg, cfg.meeting("2018-04-16"), []).purpose
    assert "cabinet Member" not in purpose and "the matters before" not in purpose
    assert (
        "the workforce, the market supplement"
        in texts.report_text(cfg, cfg.meeting("2018-03-27"), []).purpose
    )


# --- 8. The final report from its own build ---------------------------------------------------


def test_the_final_report_lists_every_meeting_with_what_was_heard():
    cfg = load_review("luton-sw-2016")
    held = meeting_docs.meetings_heard(cfg, dt.date(2017, 2, 28))
    assert len(held) == len(cfg.meetings) == 7
    assert any(h.startswith("Monday 16 January 2017 (Sixth meeting)") for h in held)
    # past: never "TBA"; undated, it says which of the group's meetings it was
    # no record of what was heard: listed by date alone, said once after the list (reader11:
    # "no record" per row); 22 November 2016 had a pack (issue 22: it read "no record")
    assert "Third meeting, October 2016 (day not recorded in the council's papers)" in held
    assert "Monday 16 January 2017 (Sixth meeting)" in held
    assert not any("no record" in h for h in held)
    assert meeting_docs.unrecorded_note(cfg, dt.date(2017, 2, 28)) == (
        "Where a meeting is listed by its date alone, the review holds no evidence pack or note "
        "of what members heard there; it records only when the meeting was held."
    )
    # before the third meeting, every meeting listed has its record: no note
    assert meeting_docs.unrecorded_note(cfg, dt.date(2016, 9, 21)) is None
    assert any(
        h.startswith("Tuesday 22 November 2016 (Fourth meeting): the evidence pack") for h in held
    )
    assert not any("to be announced" in h for h in held)
    assert any("SWOT of the local position" in h for h in held)
    coventry = load_review("coventry-sw-2018")
    held = meeting_docs.meetings_heard(coventry, dt.date(2018, 4, 16))
    assert len(held) == len(coventry.meetings) - 1  # the report-back of September 2018 is to come
    assert not any("September 2018" in h for h in held)
    assert any(h.startswith("Two focus groups with social workers") for h in held)


def test_appendices_are_cited_by_title_and_date_not_path():
    cfg = load_review("coventry-sw-2018")
    appendices = meeting_docs.appendix_titles(cfg, dt.date(2018, 4, 16))
    # one scheme (reader14): the council's own appendices are 1 to 4 among the background
    # papers, so the two evidence packs go on from them
    assert [p for p in cfg.final_report.background_papers if p.startswith("Appendix ")][-1][
        :11
    ] == "Appendix 4:"
    assert appendices == [
        "Appendix 5: Tuesday 27 March 2018, Education and Children's Services Scrutiny Board (2), "
        "evidence on the workforce, the market supplement and the progression scheme",
        "Appendix 6: Monday 16 April 2018 (Cabinet Member for Children and Young People), "
        "evidence on the task and finish group's recommendations",
    ]
    assert not any("/" in a or ".pdf" in a for a in appendices)


def test_the_summary_counts_the_meetings_from_the_list_it_gives():
    """Issue 22 d: "over six meetings" where seven are listed."""
    assert final.summary_text("Over {meetings} members examined", 7) == (
        "Over seven meetings members examined"
    )
    assert final.summary_text("Met at {meetings}.", 1) == "Met at one meeting."
    with pytest.raises(ConfigError) as err:
        final.summary_text("Over six meetings members examined", 7)
    assert "\u201csix meetings\u201d" in str(err.value) and "holds seven meetings" in str(err.value)
    assert "{meetings}" in str(err.value)
    final.summary_text("Over 7 meetings and two focus groups", 7)  # agrees: kept
    cfg = load_review("luton-sw-2016")
    last = cfg.final_report.meeting
    text = final.summary_text(cfg.final_report.summary, meeting_docs.group_meetings(cfg, last))
    assert "Over seven meetings" in text


@given(n=st.integers(0, 30), said=st.integers(1, 30))
def test_a_count_of_meetings_is_kept_only_when_it_is_the_lists(n, said):
    words = final.count_words(said, "meeting")
    if said == n:
        assert final.summary_text(f"In {words}.", n) == f"In {words}."
    else:
        with pytest.raises(ConfigError):
            final.summary_text(f"In {words}.", n)


def test_each_scope_item_naming_a_section_says_where_the_report_holds_it():
    """Issue 22 d: the scope promised a SWOT and the national picture, not reported."""
    cfg = load_review("luton-sw-2016")
    notes = meeting_docs.scope_places(cfg, cfg.final_report.meeting)
    assert len(notes) == len(cfg.final_report.scope)
    by_item = dict(zip(cfg.final_report.scope, notes, strict=True))
    swot = next(v for k, v in by_item.items() if "SWOT" in k)
    letters = meeting_docs.appendix_titles(cfg, cfg.final_report.meeting)
    for day in ("21 December 2016", "28 February 2017"):
        letter = next(a.split(":")[0] for a in letters if day in a)
        assert f"{letter} ({day})" in swot
    national = next(v for k, v in by_item.items() if "national picture" in k)
    assert national.startswith("Local and national picture: the council's own figures are in")
    assert national.endswith(
        "Appendix A (15 August 2016) and Appendix C (22 November 2016) give no findings"
    )
    assert "in no evidence pack" not in national
    assert "published" not in national  # never names evidence published after the meetings
    # what was reported instead, and where: see tests/documents/test_final_scope.py
    assert "the council's own figures are in Appendix B" in national
    assert by_item[cfg.final_report.scope[0]] is None  # names no section
    assert meeting_docs.names_section("a SWOT analysis", "SWOT of the local position")
    assert not meeting_docs.names_section("to recruit and retain", "Recruitment")


def test_the_final_report_dates_each_meeting_as_the_meetings_list_does():
    """Issue 22 f: the Board's agreement on 27 March 2018 (the list) and 29 March 2018."""
    cfg = load_review("coventry-sw-2018")
    final.check_meeting_dates(cfg)  # the demo review, as shipped
    board = "Education and Children's Services Scrutiny Board (2)"
    for said in ("on 29th March 2018", "at its meeting of 29 March 2018"):
        papers = [*cfg.final_report.background_papers, f"Briefing note to the {board} {said}"]
        wrong = cfg.model_copy(
            update={
                "final_report": cfg.final_report.model_copy(update={"background_papers": papers})
            }
        )
        with pytest.raises(ConfigError) as err:
            final.check_meeting_dates(wrong)
        assert "29 March 2018" in str(err.value) and "29 June 2017 and 27 March 2018" in str(
            err.value
        )
    papers = [f"Minutes of the {board} of 27th March 2018", f"The {board} on 29 June 2017"]
    right = cfg.model_copy(
        update={"final_report": cfg.final_report.model_copy(update={"background_papers": papers})}
    )
    final.check_meeting_dates(right)


def test_demo_marks_are_left_to_the_cover():
    assert final.undemo("the group's successor, six months after agreement (demo)") == (
        "the group's successor, six months after agreement"
    )
    cfg = load_review("luton-sw-2016")
    front = front_matter(cfg, cfg.meeting("2016-09-21"), "public", "now")
    assert front.marking_note.count("Demonstration") == 1


# --- 9. Background papers and the author -------------------------------------------------------


def test_records_about_individuals_are_described_not_offered():
    forms = Dataset(
        file="x.xlsx",
        description="exit interview forms returned to HR Services, one row per form",
        source="Exit interview forms returned to HR Services",
        held_by="HR Services",
    )
    posts = Dataset(file="e.csv", description="qualified posts by service", source="Posts")
    # By the grain the family declares for the dataset's key (not the description's words).
    assert about_individuals(forms, "exit_interviews")
    assert not open_to_inspection(forms, "exit_interviews")
    assert open_to_inspection(posts, "establishment")
    applications = Dataset(
        file="r.csv", description="recruitment export, one row per application", source="R"
    )
    assert about_individuals(applications, "recruitment")
    assert not open_to_inspection(applications, "recruitment")
    assert texts.confidential_source(forms) == (
        "Exit interview forms returned to HR Services, held by HR Services; exempt "
        "(information about individuals, Schedule 12A, paragraph 1)"
    )
    cfg = load_review("luton-sw-2016")
    text = texts.report_text(cfg, cfg.meeting("2016-09-21"), [])
    offered = " ".join(text.background_papers)
    for name in ("leavers extract", "Exit interview forms", "staff survey", "locum survey"):
        assert name.lower() not in offered.lower()
    assert any(
        c.startswith("Exit interview forms returned to HR Services, held by HR")
        for c in text.confidential
    )


def test_the_author_is_the_reviews_contact_officer_never_a_reports_author():
    cfg = load_review("luton-sw-2016")
    front = front_matter(cfg, cfg.meeting("2016-09-21"), "public", "now")
    assert front.author == cfg.contact_officer.signed()
    assert front.author == f"{cfg.contact_officer.name}, Democracy and Scrutiny Officer"
    assert front.report_of is None
    for paper_author in ("Michelle Gwythyr", "Sheila Martin"):
        assert paper_author not in str(front)


# --- 4. Exempt only for a reason that holds: a test per paragraph -----------------------------


def _table(name: str, df: pd.DataFrame, **extra):
    import nbformat.v4 as v4

    from pipelines.core.outputs import output_metadata

    return v4.new_output(
        "display_data",
        data={"text/html": f"<table><caption>{name}</caption></table>", "text/plain": name},
        metadata=output_metadata("table", name, name, "HR", None, df, **extra),
    )


def _section(name: str, *outputs):
    import nbformat.v4 as v4

    from pipelines.documents.pack import Section

    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section(name, v4.new_notebook(cells=[v4.new_markdown_cell("# Costs\nIntro."), cell]))


COUNTS = pd.DataFrame({"Team": ["A", "B"], "Leavers": [3, 26]})
SUPPRESSED = COUNTS.astype(object).assign(Leavers=["[c]", "[c]"])
FORMS = pd.DataFrame({"Form": ["EX-1", "EX-2"], "Team": ["A", "B"]})  # one row per leaver
COSTS = pd.DataFrame({"Post": ["Social worker"], "Staff": [43], "Cost (£)": [215000]})


def _appendix(financial=None):
    private = _section(
        "40_costs",
        _table("small", COUNTS),
        _table("people", FORMS, individuals=True),
        _table("supplement", COSTS),
    )
    public = _section(
        "40_costs", _table("small", SUPPRESSED), _table("supplement", COSTS.assign(Staff=[40]))
    )
    return exempt.exempt_sections([private], [public], ["Paragraph 1"], financial=financial)


def _notes(appendix) -> list[str]:
    return exempt.exempt_lines(appendix)


def test_paragraph_1_for_records_the_public_report_cannot_show():
    people = exempt.exempt_paragraph(_table("people", FORMS, individuals=True), _section("40_c"))
    assert people[0] == 1 and "individual" in people[1]
    words = _table("comments", pd.DataFrame({"Comment": ["..."]}), free_text=["Comment"])
    assert exempt.exempt_paragraph(words, _section("40_c"))[0] == 1
    assert any("paragraph 1: records or words of individual" in n for n in _notes(_appendix()))


def test_an_aggregate_table_the_public_report_leaves_out_is_paragraph_2_not_1():
    """Issue 22: "Locum survey answers" (counts and shares of 31 locums, no one person) was
    exempted under paragraph 1, "information relating to any individual". With a group of 2
    (fewer than the threshold of 5) it is paragraph 2; with no group under 5 no paragraph holds
    (reader12), so it is not exempt at all."""
    small = pd.DataFrame({"Answer": ["Yes", "No"], "Locums": [29, 2]})
    para, why = exempt.exempt_paragraph(_table("locum-summary", small), _section("20_surveys"))
    assert (para, why) == (
        2,
        "groups so small that people could be identified; the public report does not show it",
    )
    answers = pd.DataFrame({"Answer": ["Yes", "No"], "Locums": [25, 6]})
    assert exempt.exempt_paragraph(_table("locum-summary", answers), _section("20_surveys")) is None


def test_paragraph_2_for_small_groups_the_public_report_suppresses():
    public = _section("40_costs", _table("small", SUPPRESSED))
    assert exempt.exempt_paragraph(_table("small", COUNTS), public)[0] == 2
    appendix = _appendix()
    assert exempt.exempt_paragraph_numbers(appendix) == [1, 2]
    intro = appendix[0].notebook.cells[0].source
    assert "Paragraph 1 of Part 1" in intro and "Paragraph 2 of Part 1" in intro
    assert "Paragraph 3" not in intro


def test_paragraph_3_only_where_the_review_records_why():
    public = _section("40_costs", _table("supplement", COSTS))
    # aggregate costs of 43 staff (no group under 5), no reason recorded: no paragraph holds
    assert exempt.exempt_paragraph(_table("supplement", COSTS), public) is None
    why = "the rates are under negotiation with the agency"
    para, reason = exempt.exempt_paragraph(_table("supplement", COSTS), public, {"supplement": why})
    assert (para, reason) == (3, why)
    appendix = _appendix({"supplement": why})
    assert exempt.exempt_paragraph_numbers(appendix) == [1, 2, 3]
    assert any(why in n and "paragraph 3:" in n for n in _notes(appendix))


def test_every_exempt_item_carries_its_paragraph():
    for financial, held in ((None, 2), ({"supplement": "under negotiation"}, 3)):
        appendix = _appendix(financial)
        items = sum(
            1
            for s in appendix
            for c in s.notebook.cells
            if c.cell_type == "code"
            for _ in c.outputs
        )
        # the costs (no paragraph holds without the review's reason) are left out
        assert items == held and len(_notes(appendix)) == held


def test_a_final_report_not_on_the_register_is_refused(tmp_path):
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data/raw/demo/luton-sw-2016", raw)
    register = yaml.safe_load((raw / "recommendations.yml").read_text("utf-8"))
    register["items"] = [i for i in register["items"] if i["id"] != "M5"]
    (raw / "recommendations.yml").write_text(yaml.safe_dump(register), encoding="utf-8")
    cfg = load_review(review_file(tmp_path, raw_dir=str(raw)))
    with pytest.raises(ConfigError) as err:
        register_check.check_one_register(cfg)
    assert (
        "the register has 4 members' recommendations (M1, M2, M3, M4) and the final report 5"
        in str(err.value)
    )
    assert "made_by: members" in str(err.value)
    register_check.check_one_register(load_review("luton-sw-2016"))
    register_check.check_one_register(load_review("coventry-sw-2018"))


def test_a_money_difference_is_written_in_words_never_with_a_minus_sign():
    label = "Adults Advanced Practitioner (M2): total cost for one year (£)"
    assert reconcile.checked_difference(39018 - 50974, label, 0) == "£11,956 less"
    assert reconcile.checked_difference(14720 - 11982, label, 0) == "£2,738 more"
    assert reconcile.checked_difference(-0.3, "Turnover (%)", 1) == "0.3 points lower"
    assert reconcile.checked_difference(2, "Leavers (number)", 0) == "2 more"


def test_a_negative_sum_of_money_is_written_minus_in_words():
    """A what-if with a cheaper agency rate makes the agency premium negative: the checked
    figure says "minus £5,704", never "-£5,704" (a minus before a pound sign is easily missed)."""
    label = "Children's Social Care: extra cost a year of one agency FTE over a permanent post (£)"
    assert reconcile.format_checked(-5704, label, 0) == "minus £5,704"
    assert reconcile.format_checked(5704, label, 0) == "£5,704"
    assert reconcile.checked_difference(-5704 - 11982, label, 0) == "£17,686 less"
    assert reconcile.format_checked(-0.5, "Turnover (%)", 1) == "-0.5%"


def test_a_paragraph_2_line_says_the_public_report_shows_a_table_only_when_it_does():
    """Issue 22 (point 2): the line claimed "public papers suppress them" for every table of the
    public run, also those the public report does not print (its report tags choose)."""
    public = _section("40_costs", _table("small", SUPPRESSED), _table("other", SUPPRESSED))
    printed = _section("40_costs", _table("small", SUPPRESSED))
    shown = exempt.exempt_paragraph(_table("small", COUNTS), public, None, printed)
    assert shown == (
        2,
        "groups so small that people could be identified; the public report shows it with "
        "them suppressed",
    )
    for in_report in (printed, None):
        para, why = exempt.exempt_paragraph(_table("other", COUNTS), public, None, in_report)
        assert para == 2 and why.endswith("the public report does not show it")
    private = _section("40_costs", _table("small", COUNTS), _table("other", COUNTS))
    notes = _notes(exempt.exempt_sections([private], [public], ["Paragraph 1"], printed=[printed]))
    assert len(notes) == 2
    assert "shows it with them suppressed" in notes[0]
    assert "the public report does not show it" in notes[1]


def test_the_checked_chapter_names_the_figure_that_agrees():
    """Issue 22 (point 5): "one figure ... It agrees with the data" did not say which figure."""
    frames = {"people": pd.DataFrame({"id": range(26)})}
    day = dt.date(2016, 9, 21)
    published = [
        PublishedFigure(key="papers_test_leavers", value=26, where="Item 7 report, para 18",
                        meeting=day),
    ]  # fmt: skip
    table, agree = reconcile.officers_figures(published, frames, None, day, threshold=5)
    assert agree == 1 and table.empty
    text = checked.checked_section(9, table, agree).notebook.cells[0].source
    # the metric "Leavers (number)": its unit bracket dropped, the value as the paper printed it
    # one sentence says what the figure is, one that the paper's value agrees (issue 22,
    # papers19 point 7): never "It agrees with the data. The figure that agrees is ..."
    assert text.endswith(
        "print one figure the council's data can test. It is Leavers, printed in Item 7 report, "
        "para 18. The paper's 26 agrees with the data."
    )
    assert "It agrees" not in text and "The figure that agrees" not in text
    named = checked.agreeing_named(
        [("Children's Social Care: extra cost of one agency worker (£)", "£30,000",
          "Report to the Cabinet, 3 May 2019, paragraph 5.11")]
    )  # fmt: skip
    assert named == [
        (
            "£30,000",
            "the extra cost of one agency worker in Children's Social Care, printed in the "
            "report to the Cabinet, 3 May 2019, paragraph 5.11",
        )
    ]
    # two of three agree: counted, then each named once with the paper's value
    two = [("Leavers (number)", "26", "Item 7 report, para 18"), ("Starters (number)", "9", "")]
    words = checked.agreeing_words(3, 2, checked.agreeing_named(two))
    assert words == (
        " Those that agree are the paper's 26 for Leavers, printed in Item 7 report, para 18; "
        "the paper's 9 for Starters."
    )
