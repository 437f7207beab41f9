"""What a councillor would still edit in the demo papers (issue 22, reader13's list), on data
made here, every figure worked by hand:

1. a key finding cites its chapter only when the chapter prints the table of its figure;
3. the campaigns table's note on a dash applies only to the rows it is true of;
4. an FTE is printed in a sentence as a table's cell prints it (43 beside a table's 43).
"""

from __future__ import annotations

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
from tests.documents.test_councillor_edits import REASONS, reasons_figure
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
