"""Each finding stated in full once, referred to elsewhere by number and plain short title, and a
finding not yet measurable never ranked among the key findings (issue 22, point 7: "key finding
5 ... will be measured once 30 April 2017 has passed"; "key finding 2 (Most common recorded
reason for leaving (both services))" where key finding 2 reads "Why staff leave")."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.figures import Figure, Kind
from pipelines.documents import report
from pipelines.documents.glossary import document_text
from pipelines.sections import findings as fd
from tests.documents.test_report import FRAME, code, review_text, section, table_output

RULES = fd.load_rules()


def campaign(due: str | None, as_at=dt.date(2016, 8, 31), target_set=None) -> Figure:
    """Appointments against a target of 7: none appointed, counted to ``as_at``."""
    notes = {"due": due} if due else {}
    if target_set:
        notes["target_set"] = target_set
    return Figure(
        key="campaign_appointments",
        label="Campaigns with a target (all campaigns)",
        value=0,
        kind=Kind.PEOPLE,
        direction="higher",
        comparators={"target": 7},
        as_at=as_at,
        notes=notes,
        source="Recruitment export",
        period="1 September 2015 to 31 August 2016",
        section="15_recruitment",
    )


def leavers(value: float) -> Figure:
    """Turnover of 100 posts against England's 15%: (value - 15) people a year over it."""
    return Figure(
        key="turnover_childrens",
        label="Children's Social Care: turnover (% of qualified posts)",
        value=value,
        kind=Kind.PEOPLE_PER_100_POSTS,
        numerator=value,
        denominator=100,
        direction="lower",
        comparators={"england": 15.0},
        source="HR leavers extract",
        period="2015/16",
        section="10_leavers",
    )


def test_a_target_not_yet_due_is_pending_and_ranks_after_every_measurable_finding():
    # 7 still to appoint (7 people) outranks 2 people over England's turnover by score...
    [pending] = fd.propose([campaign("2017-04-30")], RULES)
    [measured] = fd.propose([leavers(17.0)], RULES)
    assert pending.score == 7 * RULES.weight("campaign_appointments")
    assert measured.score == 2.0 * RULES.weight("turnover_childrens")
    assert pending.score > measured.score
    assert pending.pending == "the target falls due on 30 April 2017"
    assert not pending.measurable and measured.measurable
    # ...but a target not yet due is not a finding yet: it ranks last and is no key finding
    assert fd.rank([pending, measured]) == [measured, pending]
    assert report.top_findings([pending, measured]) == [measured]
    assert fd.rank([pending, measured]).top() == [measured]
    # due by the end of the period counted: measurable
    [due] = fd.propose([campaign("2016-08-31")], RULES)
    assert due.measurable
    # set after the period counted (and no deadline): not measurable either
    [late] = fd.propose([campaign(None, target_set="2016-09-21")], RULES)
    assert (
        late.pending == "the target was set after the period counted, which ended on 31 August 2016"
    )


@given(st.lists(st.tuples(st.floats(0, 1e6), st.booleans()), max_size=12))
def test_the_ranking_puts_every_measurable_finding_first_by_score(rows):
    found = [
        SimpleNamespace(score=score, pending="not yet" if late else None) for score, late in rows
    ]
    ranked = fd.rank(found)
    flags = [f.pending is not None for f in ranked]
    assert flags == sorted(flags)  # no measurable finding after a pending one
    for part in (False, True):
        scores = [f.score for f in ranked if (f.pending is not None) is part]
        assert scores == sorted(scores, reverse=True)
    assert report.top_findings(ranked) == [f for f in ranked if f.pending is None][:5]


def chapters_and_findings():
    """A two-chapter report of six findings, one of them not yet measurable."""
    sections = [
        section("10_leavers", "Leavers", code(table_output("t", FRAME), tags=["report"])),
        section("15_recruitment", "Recruitment", code(table_output("r", FRAME), tags=["report"])),
    ]
    figures = [leavers(15.0 + n) for n in (30, 20, 10)]
    figures = [
        f.model_copy(update={"key": f"turnover_{n}", "label": f"{label} (% of posts)"})
        for n, (f, label) in enumerate(
            zip(
                figures,
                ["Most common recorded reason for leaving", "Turnover", "Agency rate"],
                strict=True,
            )
        )
    ]
    found = fd.rank(
        [
            *fd.propose(figures, RULES),
            *fd.propose([campaign("2017-04-30")], RULES),
        ]
    )
    return sections, found


def test_the_report_names_a_pending_finding_once_after_the_key_findings_and_never_ranks_it():
    sections, found = chapters_and_findings()
    parts = report.report_sections(sections, found, review_text())
    key_section = next(p for p in parts if p.name == "r03_key_findings")
    items = key_section.notebook.cells[1].outputs[0]["metadata"]["evidence_pack"]["items"]
    assert len(items) == 3 and not any("Campaigns" in i for i in items)
    line = key_section.notebook.cells[2].source
    # the line points to its chapter, whose table shows the target (issue 22, L21 p3 and p5)
    assert line == "Not yet measurable: campaigns with a target (see section 6)."
    text = document_text(parts)
    pending = next(f for f in found if not f.measurable)
    # not a finding, so in no findings box: the table showing the target says it is not yet
    # measured (reader15, L21 p5: "was set after this period" in the chapter's findings box)
    assert text.count(str(pending.text)) == 0


def test_every_key_finding_reference_names_its_finding_by_short_title_and_each_is_stated_once():
    sections, found = chapters_and_findings()
    # a finding with money, so the financial implication refers to findings too
    found[0] = SimpleNamespace(
        **{**found[0].__dict__, "text": str(found[0].text) + " It costs £90,000 a year."}
    )
    parts = report.report_sections(sections, found, review_text())
    key = report.top_findings(found)
    text = document_text(parts)
    refs = re.findall(r"key findings? (\d+) \(([^()]*)\)", text)
    assert refs, text
    for number, title in refs:
        n = int(number)
        assert 1 <= n <= len(key), (n, text)
        assert title == report.short_title(key[n - 1].figure.label), title
        assert title[:1].islower() and "(" not in title  # plain words, no label capital
    assert "key finding 1 (most common recorded reason for leaving)" in text
    for f in found:  # every finding measurable now in full once; one not yet, never
        assert text.count(str(f.text)) == (1 if f.pending is None else 0), f.text
