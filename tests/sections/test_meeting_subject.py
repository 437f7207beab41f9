"""The meeting's subject is a key finding whatever its score (reader15, Coventry 27 March and
16 April 2018: the papers are about the market supplement, recommendations a and b remove it,
yet none of the four key findings was about it).

The rule (``subjects`` in ``config/findings.yml``, :mod:`pipelines.sections.subjects`): a figure
whose words the meeting's pack title, agenda items or (at the final report's meeting) the
final report's recommendations name opens the key findings. Data made here: the workforce
section's generated review (tests/sections/workforce/test_result.py).
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from pipelines.core.config import project_root
from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections import findings as fd
from pipelines.sections import subjects as sj
from pipelines.sections.workforce import result as wr
from pipelines.sections.workforce.supplement_figure import KEY
from tests.sections.figure_checks import CFG
from tests.sections.workforce.test_result import PARAMS, frames, register

DAY = dt.date(2018, 3, 27)
SUBJECT = "Evidence pack: the workforce, the market supplement and the progression scheme"
OTHER = "Evidence pack: the local and national picture of the workforce"


def _review(title: str, final: list[str] | None = None):
    mtg = SimpleNamespace(date=DAY, pack_title=title, agenda_items=[])
    report = (
        SimpleNamespace(meeting=DAY, title="Recommendations", recommendations=[
            SimpleNamespace(text=t) for t in final
        ])
        if final is not None
        else None
    )  # fmt: skip
    return SimpleNamespace(meeting=lambda date: mtg, final_report=report)


def said(figures) -> str:
    """The sentence of the subject's finding, as the report prints it."""
    found = fd.propose(list(figures), fd.load_rules(), Policy("public", 5), subjects={KEY})
    return next(str(f.text) for f in found if f.key == KEY)


@pytest.fixture(scope="module")
def result():
    return wr.build(FramesContext(CFG, None, frames()), PARAMS)


def test_the_supplements_cost_is_the_chapters_total_worked_out_by_hand(result):
    fig = result.figure(KEY)
    # social workers: 6 permanent FTE x 2,000; senior practitioners: 4 FTE x 1,000; the team
    # managers' entry is not in the snapshot, so not costed
    assert fig.value == 6 * 2000 + 4 * 1000
    assert fig.numerator == 6 + 4
    total = result.tables["supplement_costs"].labelled().iloc[-1]
    assert total["Cost a year (£)"] == fig.value  # the cell the chapter prints
    assert fig.table == "supplement_costs" and fig.row == "Total"
    assert said(result.figures) == (
        "The market supplements cost about £16,000 a year at 28 February 2018: paid to 10 FTE "
        "of permanent staff under 2 entries of the register."
    )


def test_one_supplement_is_said_with_its_post_and_amount():
    data = {**frames(), "market_supplements": register().iloc[:1]}
    one = wr.build(FramesContext(CFG, None, data), PARAMS)
    assert one.figure(KEY).value == 6 * 2000
    assert said(one.figures) == (
        "The market supplements cost about £12,000 a year at 28 February 2018: 6 FTE of "
        "permanent staff, Social Worker at G7, are paid £2,000 a year for a full-time post."
    )


def test_the_table_it_cites_is_printed_in_the_chapter():
    nb = json.loads((project_root() / "notebooks" / "40_workforce_costs.ipynb").read_text())
    tags = {t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])}
    assert "report:supplement_costs" in tags


def test_the_meetings_papers_name_their_subject():
    rules = fd.load_rules()
    keys = [KEY, "agency_premium"]
    assert sj.subject_keys(keys, rules.subjects, sj.subject_text(_review(SUBJECT), DAY)) == {KEY}
    assert sj.subject_keys(keys, rules.subjects, sj.subject_text(_review(OTHER), DAY)) == set()
    # the final report's meeting: its recommendations name what it decides
    removal = ["Support the removal of the market supplement for specific social workers"]
    text = sj.subject_text(_review(OTHER, removal), DAY)
    assert sj.subject_keys(keys, rules.subjects, text) == {KEY}
    assert sj.names("the market supplements cost", "market supplement")
    assert not sj.names("the supermarket supplementary", "market supplement")


def test_the_subject_opens_the_key_findings_whatever_its_score(result):
    rules, pol = fd.load_rules(), Policy("public", 5)
    figures = list(result.figures)
    fig = result.figure(KEY)
    # no comparator, no direction: the ranking alone never picks it
    assert fd.materiality(fig, rules) is None
    assert KEY not in {f.key for f in fd.rank(fd.propose(figures, rules, pol), rules)}
    ranked = fd.rank(fd.propose(figures, rules, pol, subjects={KEY}), rules)
    first = ranked.top(rules=rules)[0]
    assert first.key == KEY and first.subject
    # scored as pounds a year, like any cost: £16,000 / pounds_per_person
    assert first.score == pytest.approx(16000 / rules.pounds_per_person)
    assert first.score < rules.min_score  # kept though it scores under the threshold
    assert [f.key for f in ranked[1:]] == [
        f.key for f in fd.rank(fd.propose(figures, rules, pol), rules)
    ]


def test_a_supplement_cost_the_review_keeps_exempt_is_no_public_finding():
    """Where the review records why the supplement costs are exempt (``exempt_financial``),
    the table is in the exempt appendix only, and so is the finding on it."""
    from pipelines.core.figures import EXEMPT_ONLY
    from pipelines.sections.workforce.supplement_figure import supplement_cost_figure

    table = wr.build(FramesContext(CFG, None, frames()), PARAMS).tables["supplement_costs"]
    fig = supplement_cost_figure(table, DAY, wr.SECTION, "commercial negotiation under way")
    assert EXEMPT_ONLY in fig.notes
    rules = fd.load_rules()
    public = fd.propose([fig], rules, Policy("public", 5), subjects={KEY})
    exempt = fd.propose([fig], rules, Policy("exempt", 5), subjects={KEY})
    assert public == [] and [f.key for f in exempt] == [KEY]
