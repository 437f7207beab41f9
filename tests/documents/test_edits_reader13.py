"""What a councillor would still edit in the demo papers (issue 22, reader13's list), on data
made here, every figure worked by hand:

1. a key finding cites its chapter only when the chapter prints the table of its figure;
3. the campaigns table's note on a dash applies only to the rows it is true of;
4. an FTE is printed in a sentence as a table's cell prints it (43 beside a table's 43);
5. a SWOT entry cites a chapter only where the chapter prints its figure; its source line
   claims no figures of sections that hold none;
6. the Word footer prints the marking the PDF prints;
7. the public CSVs' README gives each note as the report prints it and says what a blank
   is; the supplement model's CSV holds numbers, its units in its labels;
8. a measure with no target whose model's values question 4 states: the targets line says
   those values are options, not targets (no target invented);
9. the final report's scope items are printed as agreed, the notes on where the evidence is
   apart; its financial implication promises no figure the public papers do not hold.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipelines.core import outputs
from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.core.figures import Kind, format_value
from pipelines.documents import report
from pipelines.documents.notes import SourceNotes
from pipelines.sections import findings as fd
from pipelines.sections.recruitment import result as rr
from pipelines.sections.recruitment.parameters import RecruitmentParameters
from pipelines.sections.swot import display
from tests.documents.test_councillor_edits import REASONS, reasons_figure
from tests.documents.test_report import code, section, table_output
from tests.sections.recruitment.test_appointments import K


def _reasons_finding():
    rules = fd.RankingRules(
        influenceable_reasons=["Workload", "Pay", "Management"],
        people_counted={"leaving_reasons": "influenceable"},
    )
    [found] = fd.propose([reasons_figure()], rules, Policy("public", 5))
    return found


def test_a_key_finding_cites_its_chapter_only_where_the_chapter_prints_its_figures():
    """L21 key finding 2 ("21 of 35 leavers ...", "(6)", "(6)") said "See section 5", whose
    only public reasons table was another one (short-service leavers, every row [c]): the
    counts of both services' reasons are in no public table. The finding then cites only its
    source note, which says truly where its figures come from."""
    found = _reasons_finding()
    # 6 + 6 + 3 = 15 of the 30 recorded reasons can be acted on (REASONS, by hand)
    assert sum(REASONS.values()) == 30 and "15 of 30 leavers" in str(found.text)
    numbers = {"10_leavers": 5}
    elsewhere = {"10_leavers": ["reasons-short-service", "turnover", "service-length-chart"]}
    item = report._key_item(found, numbers, SourceNotes(), shown=elsewhere)
    assert "section 5" not in item
    assert item.endswith(". See source 1."), item
    # the chapter that prints the figure's table is cited, with the source
    here = {"10_leavers": ["turnover", "Reasons"]}
    item = report._key_item(found, numbers, SourceNotes(), shown=here)
    assert item.endswith(". See section 5 and source 1."), item
    # a chapter that prints no table or chart at all: nothing to tell, its number is kept
    item = report._key_item(found, numbers, SourceNotes(), shown={"10_leavers": []})
    assert item.endswith(". See section 5 and source 1."), item
    # a chapter not printed in full is never cited, whatever it shows
    item = report._key_item(found, {}, SourceNotes(), shown=here)
    assert item.endswith(". See source 1."), item


def _campaigns(*names_and_sources) -> RecruitmentParameters:
    """Campaigns on the export's campaign K (2 appointed), target 4 due 30 April 2017: each
    (name, date its target was set, or None for a target without a source: no target)."""
    common = {"campaign": "K", "target": 4, "deadline": "2017-04-30"}
    return RecruitmentParameters(
        campaigns=[
            {**common, "name": name}
            | ({"source": "Plan", "source_date": when} if when else {"source": None})
            for name, when in names_and_sources
        ]
    )


def test_the_campaigns_notes_on_dashes_apply_only_to_the_rows_they_are_true_of():
    """L21 p8: "A share shown as – is not measured: its target was set after the period
    counted" stood under rows with no target at all (AdWords, IRO), whose dashes mean no
    target. Each dash has its own note, printed only when a row it is true of is shown."""
    cfg = load_review("luton-sw-2016")  # period counted to 31 August 2016
    both = rr.campaigns_table(cfg, _campaigns(("Late", "2016-09-21"), ("None", None)), K)
    rows = both.frame.set_index("campaign")
    # Late: 2 appointed of 4, its share not measured; None: no target, share or deadline
    assert rows.loc["Late", ["appointed", "target", "still_to_appoint"]].tolist() == [2, 4, 2]
    assert rows.loc["None", ["target", "share_of_target", "still_to_appoint"]].isna().all()
    assert "has no target set" in both.caption and "not measured" in both.caption
    assert "beside a target is not measured" in both.caption
    # no row with a late target: no word of one; no row without a target: no word of that
    untargeted = rr.campaigns_table(cfg, _campaigns(("Early", "2015-12-01"), ("None", None)), K)
    assert "has no target set" in untargeted.caption and "not measured" not in untargeted.caption
    late = rr.campaigns_table(cfg, _campaigns(("Late", "2016-09-21")), K)
    assert "not measured" in late.caption and "no target set" not in late.caption


@pytest.mark.parametrize("value", [43.0, 64.0, 77.0, 1234.0, 58.24, 0.5, 41.95])
def test_an_fte_in_a_sentence_is_printed_as_its_table_cell_prints_it(value):
    """L21 key findings said "64.0 FTE of the 77.0 FTE" and "43.0 FTE" beside tables printing
    64, 77 and 43: one figure, one printed form."""
    assert format_value(value, Kind.FTE) == f"{outputs.format_value(value)} FTE"
    assert format_value(43.0, Kind.FTE) == "43 FTE" and format_value(58.24, Kind.FTE) == (
        "58.2 FTE"
    )


def _swot_and_leavers(leavers_prints: str):
    """A SWOT grid entry on "most of the 13 people; fewer than 5 did not" (a figure in two
    parts) citing the leavers chapter, and that chapter printing ``leavers_prints``."""
    titles = display.section_titles()
    cite = f"section \u201c{titles['10_leavers']}\u201d"
    grid = table_output("swot_grid", pd.DataFrame({"a": [1]}), "SWOT")
    grid["data"]["text/html"] = (
        "<li><strong>S3</strong> Most leavers would come back. Evidence: most of the 13 people; "
        f"fewer than 5 did not; period: 2016; {cite}; source: Exit interview forms.</li>"
    )
    swot = section("50_swot", titles["50_swot"], code(grid, tags=["report"]))
    leavers = section(
        "10_leavers",
        titles["10_leavers"],
        code(
            table_output("t", pd.DataFrame({"Forms": [leavers_prints]}), "Forms"), tags=["report"]
        ),
    )
    return swot, leavers


def test_a_swot_entry_cites_the_chapter_only_where_a_public_reader_finds_its_figure():
    """L28 p4: S3 cited "section 5, 'Leavers and exit interviews'" for "would consider coming
    back", whose table is only in the exempt appendix (the chapter was one line: an earlier
    report tabled it). A figure in two parts was not read as a citation, so the chapter was
    named whatever it printed."""
    swot, leavers = _swot_and_leavers("The figures are unchanged since the earlier report.")
    printed = {"10_leavers": (5, "Leavers and exit interviews"), "50_swot": (10, "SWOT")}
    report.cite_printed_chapters([leavers, swot], printed)
    text = str(swot.notebook.cells[1].outputs[0]["data"]["text/html"])
    assert "section 5" not in text and "Leavers and exit" not in text, text
    assert (
        "Evidence: most of the 13 people; fewer than 5 did not; period: 2016; source: Exit "
        "interview forms.</li>"
    ) in text
    # where the chapter prints the 13, it is cited, by its number and heading
    swot, leavers = _swot_and_leavers("13 forms returned")
    report.cite_printed_chapters([leavers, swot], printed)
    text = str(swot.notebook.cells[1].outputs[0]["data"]["text/html"])
    assert (
        "fewer than 5 did not; period: 2016; section 5, \u201cLeavers and exit interviews\u201d."
    ) in text


def test_the_swot_source_claims_no_figures_of_the_packs_sections():
    """L28 p4: "Figures from the sections of this pack", when every chapter of that pack was
    one line naming an earlier report: the source names the documents the entries cite
    (reader14: never "the source named in each entry" either)."""
    import pandas as pd

    from pipelines.sections.swot import display

    cited = pd.DataFrame({"source": ["HR leavers extract", "Locum survey, November 2015"]})
    said = display.grid_sources(cited)
    assert said == "HR leavers extract; Locum survey, November 2015"
    assert "section" not in said and "pack" not in said and "each entry" not in said


def test_the_word_footer_prints_the_marking_the_pdf_prints():
    """The Word report's footer said "Public" while its PDF said "OFFICIAL": one marking, from
    the one place the front page takes it."""
    from pipelines.documents.docx import footer_marking
    from pipelines.documents.front import front_matter

    cfg = load_review("luton-sw-2016")
    meeting = cfg.meeting("2016-09-21")
    public = front_matter(cfg, meeting, "public", "2016-09-20")
    assert public.marking == "OFFICIAL" and footer_marking(public) == public.marking
    exempt = front_matter(cfg, meeting, "exempt", "2016-09-20")
    assert exempt.marking.startswith("NOT FOR PUBLICATION")
    assert footer_marking(exempt) == "NOT FOR PUBLICATION"


def test_the_csv_readme_gives_each_note_as_the_report_prints_it(tmp_path, monkeypatch):
    """L21 tables/README.txt said its notes were "as the report prints them" but added "(1
    figure in this table)", which the report does not print; it did not say what a blank cell
    (printed – in the report) means."""
    from pipelines.core.disclosure import suppression_note
    from pipelines.documents import pack_disclosure

    # the legend once said "(1 figure in this table)"; the README must drop any such count
    note = suppression_note(5, 1).replace("worked out;", "worked out (1 figure in this table);")
    monkeypatch.setattr(pack_disclosure, "collect_notes", lambda _sections: {"t.csv": [note]})
    pack_disclosure.write_table_notes([], tmp_path)
    text = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "in this table)" not in text
    printed = (
        "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked "
        "out; a figure hidden for that reason may be 5 or more. Not shown to protect individuals."
    )
    assert f"t.csv\n  {printed}\n" in text
    assert "A blank cell has no figure: the report's tables print it as –." in text


def test_the_supplement_model_table_holds_numbers_with_units_in_its_labels():
    """L21 supplement-model.csv held "£5,500" as text while every other CSV holds plain
    numbers. 33 FTE x £5,500 = £181,500 saved; 181,500 / 19,589.4 = 9.27 leavers break even."""
    from pipelines.sections.workforce import supplements as wsu

    inputs = {"recipients": 33.0, "supplement": 5500.0, "extra_cost_per_leaver": 19_589.4}
    model = wsu.supplement_withdrawal(33, 5500, 19_589.4)
    table = wsu.supplement_model_table(inputs, model)
    values = table.set_index("Input or result")["Value"]
    assert values.tolist() == [33, 5_500, 181_500, 19_589, 9.3]
    assert all(isinstance(v, float) for v in values), values.tolist()
    assert all("£" in label for label in values.index[1:4])  # the unit in the label
    assert "£" not in table.to_csv(index=False).split("\n", 1)[1].replace("(£", "")


def test_a_models_caseloads_beside_no_target_are_said_to_be_options_not_targets():
    """C16 p2: "No target set for ... average caseload" beside question 4's model caseloads
    14, 20 and 25, which read as targets. The targets line says what they are, once, and
    invents no target; without the model it says nothing of one."""
    from pipelines.documents import texts
    from tests.documents.test_model_against_data import MODEL, SOURCE, caseload, meeting

    cfg = load_review("coventry-sw-2018")  # no caseload target
    assert cfg.targets.average_caseload is None
    mtg = meeting(cases_per_worker=MODEL, caseload_model_source=SOURCE)
    figures = [caseload(17.5)]
    models = texts.models_of_targets(mtg, figures)
    assert models == {"average_caseload": "the caseloads the caseload model assumes"}
    line = texts.targets_text(cfg, measured={"average_caseload"}, models=models)
    assert line == (
        "No target set for children's social workers' average caseload. The caseloads the "
        "caseload model assumes are options, not targets: see the question on them in section 4."
    )
    assert "14" not in line and "20" not in line  # the values are stated once, in question 4
    # the question 4 the line points to states the model
    [(said, _question)] = texts.model_comparisons(mtg, figures)
    assert said.startswith("The caseload model (Westmere staffing model) assumes 14 cases")
    # no model stated: nothing said of one
    assert texts.models_of_targets(meeting(), figures) == {}
    assert texts.targets_text(cfg, measured={"average_caseload"}, models={}) == (
        "No target set for children's social workers' average caseload."
    )
    # a target set (Luton's 20): the model is not called an option beside it
    luton = load_review("luton-sw-2016")
    said = texts.targets_text(luton, measured={"average_caseload"}, models=models)
    assert said.startswith("Targets: ") and "options" not in said


def test_the_final_reports_scope_items_are_printed_as_agreed_and_the_notes_apart():
    """Luton final p2-3: a scope bullet ran the agreed scope item into a note on the
    appendices, 70 words in one sentence. The scope items print as the config gives them; the
    notes follow as their own list, without the appendices' chapters (listed in section 7)."""
    from pipelines.documents import final
    from pipelines.documents import meeting as meeting_docs

    cfg = load_review("luton-sw-2016")
    scope = cfg.final_report.scope
    notes = meeting_docs.scope_places(cfg, cfg.final_report.meeting)
    text = final.scope_text(scope, notes)
    head, _, rest = text.partition(final.SCOPE_NOTES)
    bullets = [b.removeprefix("- ").strip() for b in head.strip().splitlines() if b.strip()]
    assert bullets == [" ".join(i.split()) for i in scope]  # each item as agreed, alone
    said = [b.removeprefix("- ").strip() for b in rest.strip().splitlines() if b.strip()]
    assert len(said) == sum(1 for n in notes if n) == 2
    national = next(n for n in said if n.startswith("Local and national picture: "))
    assert national.endswith(" give no findings.") and "recruitment" not in national
    assert len(national.split()) < 55, national  # 68 with the chapters listed
    assert final.scope_text(scope, [None] * len(scope)).count("\n\n") == 0


def test_the_final_reports_financial_implication_promises_no_saving_the_papers_lack():
    """Luton final p4: "The evidence packs set out ... the saving if posts were made
    permanent", a table the committee reports never print (the workforce chapter sends only
    its other outputs to the report; the saving is in the technical annex, not published)."""
    import nbformat

    from pipelines.core.config import project_root

    nb = nbformat.read(project_root() / "notebooks" / "40_workforce_costs.ipynb", as_version=4)
    cell = next(c for c in nb.cells if 'name="conversion_savings"' in c.source)
    tags = cell.metadata.get("tags", [])
    assert "report" not in tags and "report:conversion_savings" not in tags
    for name in ("luton-sw-2016", "coventry-sw-2018"):
        fr = load_review(name).final_report
        assert "made permanent" not in " ".join(str(fr.financial or "").split()), name


def test_an_unchanged_key_finding_names_one_report_and_its_section_only_if_it_printed_it():
    """reader14 on the Luton 28 February 2017 report: key finding 2 said "Unchanged since the
    report to the meeting of 21 September 2016. See section 5 of that report", whose section 5
    prints only the short-service reasons, not the finding's table; key finding 1 named two
    reports (the next test). The report that first stated the figure is named once; its
    section is cited only where it prints the finding's table, else the source alone."""
    from pipelines.documents.unchanged import EarlierReport

    found = _reasons_finding()
    first = EarlierReport("Evidence", "Wednesday 21 September 2016", 5, dt.date(2016, 9, 21))
    later = "section 7 of the report to the meeting of Wednesday 21 December 2016"
    without = {"10_leavers": ["reasons-short-service", "turnover"]}
    item = report._key_item(
        found, {}, SourceNotes(), {"10_leavers": later}, shown=without, first=first
    )
    assert item.endswith(
        ". Unchanged since the report to the meeting of Wednesday 21 September 2016. See source 1."
    ), item
    held = {"10_leavers": ["turnover", "Reasons"]}
    item = report._key_item(
        found, {}, SourceNotes(), {"10_leavers": later}, shown=held, first=first
    )
    assert item.endswith(
        ". Unchanged since the report to the meeting of Wednesday 21 September 2016. "
        "See section 5 of that report and source 1."
    ), item
    assert "21 December" not in item
