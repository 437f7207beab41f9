"""Exempt only for a reason that holds, said as the public report does it (issue 22 point 4,
reader12 on the Luton 21 September and Coventry 16 April exempt appendices).

- An aggregate projection of permanent, agency and vacant FTE cited paragraph 2 ("groups so
  small that people could be identified"): FTE identify no one, so no paragraph holds and the
  item is not exempt (the technical annex shows it).
- "Where leavers went" (leavers' own words) cited paragraph 2 because the public report shows
  the table without the words: paragraph 1 holds.
- A table whose public copy leaves out a row was said to be shown "with them suppressed".
- The introduction said "Everything else is in the public report".

The notebooks' outputs are made here, with the metadata the section notebooks give them.
"""

from __future__ import annotations

import nbformat.v4 as v4
import pandas as pd

from pipelines.core.figures import Kind
from pipelines.core.outputs import output_metadata
from pipelines.documents import blocks, exempt
from pipelines.documents.pack import Section

FTE = ["Permanent FTE", "Agency FTE", "Vacant FTE"]
#: A projection by option: the public run leaves out the illustrative option's row.
PROJECTION = pd.DataFrame(
    {
        "Scenario": ["Current rates continue", "6 agency posts made permanent"],
        "Permanent FTE": [82.0, 88.0],
        "Agency FTE": [43.0, 37.0],
        "Vacant FTE": [44.0, 38.0],
    }
)
#: Where leavers went, with their reasons in their own words; the public copy has no words.
DESTINATIONS = pd.DataFrame(
    {
        "Destination": ["Another council", "Education"],
        "Leavers": [7, 2],
        "Reasons given": ["Better pay", "Promotion"],
    }
)
#: Declines by reason: the public copy merges the small reasons into one row, no "[c]".
DECLINES = pd.DataFrame({"Reason": ["Pay", "Moved", "Other"], "Declined": [6, 2, 1]})
DECLINES_PUBLIC = pd.DataFrame({"Reason": ["Pay", "Other reasons"], "Declined": [6, 3]})


def _table(name: str, df: pd.DataFrame, **extra):
    return v4.new_output(
        "display_data",
        data={"text/html": f"<table><caption>{name}</caption></table>", "text/plain": name},
        metadata=output_metadata("table", name, name, "HR", None, df, **extra),
    )


def _projection(df: pd.DataFrame):
    kinds = {c: Kind.FTE.value for c in FTE}
    return _table("projection", df, kinds=kinds, not_counts=FTE)


def _section(*outputs) -> Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section("45_retention", blocks.notebook(blocks.md("# Staying\nIntro."), cell))


def _captions(parts) -> list[str]:
    return [
        blocks.meta(o).get("name")
        for s in parts
        for c in s.notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    ]


def test_an_aggregate_fte_projection_is_not_exempt_under_any_paragraph():
    private = _section(_projection(PROJECTION), _table("declines", DECLINES))
    public = _section(_projection(PROJECTION.iloc[:1]), _table("declines", DECLINES_PUBLIC))
    assert exempt.exempt_paragraph(_projection(PROJECTION), public) is None
    parts = exempt.exempt_sections([private], [public], [], printed=[public])
    # the projection (FTE only) is left out; the declines (groups of 2 and 1) stay
    assert _captions(parts) == ["declines"]
    assert "projection" not in exempt.exempt_note([private], [public])
    # a count of people under the threshold is a small group; at or over it is not
    assert exempt.small_groups(_table("declines", DECLINES))
    assert not exempt.small_groups(_table("declines", DECLINES.assign(Declined=[6, 5, 0])))
    assert exempt.small_groups(_table("declines", DECLINES.assign(Declined=[6, 5, 9])), 10)


def test_leavers_own_words_cite_paragraph_1_and_what_the_public_report_leaves_out():
    words = _table("destinations", DESTINATIONS, free_text=["Reasons given"])
    public = _section(_table("destinations", DESTINATIONS.drop(columns="Reasons given")))
    assert exempt.exempt_paragraph(words, public, None, public) == (
        1,
        "records or words of individual staff; the public report shows it without their words",
    )
    # not printed in the report: it says so
    assert exempt.exempt_paragraph(words, public, None, None)[1].endswith(
        "the public report does not show it"
    )


def test_a_row_left_out_is_not_called_suppressed():
    public = _section(_table("declines", DECLINES_PUBLIC))
    para, why = exempt.exempt_paragraph(_table("declines", DECLINES), public, None, public)
    assert para == 2
    assert why.endswith(
        "the public report shows it with the rows that hold them merged or left out"
    )
    assert "suppressed" not in why
    shown = DECLINES.astype(object).assign(Declined=[6, "[c]", "[c]"])
    in_report = _section(_table("declines", shown))
    assert exempt.exempt_paragraph(_table("declines", DECLINES), in_report, None, in_report)[
        1
    ].endswith("the public report shows it with them suppressed")


def test_the_introduction_says_what_the_public_report_shows_of_the_items():
    words = _table("destinations", DESTINATIONS, free_text=["Reasons given"])
    private = _section(_table("declines", DECLINES), words, _table("steps", DECLINES))
    public = _section(_table("declines", DECLINES_PUBLIC))
    parts = exempt.exempt_sections([private], [public], [], printed=[public])
    intro = parts[0].notebook.cells[0].source
    assert "Everything else is in the public report" not in intro
    # 3 items: the declines shown in part; the words and the steps not shown at all
    assert "The public report shows 1 of these 3 only in part and does not show the other 2." in (
        " ".join(intro.split())
    )
    assert exempt.in_part([]) == ""
    assert exempt.in_part(["x; the public report does not show it"]) == (
        "The public report shows none of them."
    )


def test_a_table_whose_only_small_figures_are_fte_cites_no_paragraph():
    """FTE count posts, not people (docs/architecture.md): a job title with 4 agency FTE, or
    a market supplement costed on 2 permanent FTE (Luton 21 September cited paragraph 2,
    "groups so small that people could be identified", for it), identifies no one. The
    paragraph follows the content: a count of people from 1 to 4 beside them still does."""
    premium = pd.DataFrame(
        {"Job title": ["Social Worker", "Senior Practitioner"], "Agency FTE": [20.0, 4.0]}
    )
    kinds = {"Agency FTE": Kind.FTE.value}
    by_post = _table("agency-premium", premium, kinds=kinds, not_counts=["Agency FTE"])
    public = _section(_table("agency-premium", premium.iloc[:1]))
    assert exempt.exempt_paragraph(by_post, public) is None
    for fte in (0.5, 2.0, 4.0):
        assert not exempt.small_groups(
            _table("p", premium.assign(**{"Agency FTE": [20.0, fte]}), kinds=kinds)
        )
    supplement = pd.DataFrame(
        {"Job title": ["Occupational Therapist"], "Permanent FTE": [2.0], "Cost a year (£)": [4000]}
    )
    costs = _table(
        "supplement-costs",
        supplement,
        kinds={"Permanent FTE": Kind.FTE.value, "Cost a year (£)": Kind.MONEY_PER_YEAR.value},
    )
    merged = _section(_table("supplement-costs", supplement.assign(**{"Job title": ["Adults"]})))
    assert exempt.exempt_paragraph(costs, merged) is None
    parts = exempt.exempt_sections([_section(costs)], [merged], [], printed=[merged])
    assert _captions(parts) == []  # not exempt: the appendix leaves it out
    people = premium.assign(**{"Agency workers": [21, 4]})
    with_people = _table("p", people, kinds={**kinds, "Agency workers": Kind.PEOPLE.value})
    assert exempt.small_groups(with_people)
    assert exempt.exempt_paragraph(with_people, public)[0] == 2


def test_the_introduction_does_not_credit_this_report_with_an_earlier_reports_tables():
    """Coventry 16 April: the items an earlier report showed were counted as shown by "the
    public report"."""
    earlier = "groups so small; the report to the meeting of 27 March shows it with them suppressed"
    here = "groups so small; the public report shows it with them suppressed"
    absent = "records; the public report does not show it"
    assert exempt.in_part([earlier, earlier, absent]) == (
        "Of these 3, 2 are shown only in part, in the report each names; the public report "
        "does not show the other 1."
    )
    assert exempt.in_part([earlier, here]) == (
        "Each of them is shown only in part, in the report its line names."
    )
    assert exempt.in_part([here, here]) == "The public report shows each of them only in part."


def test_a_projection_resting_on_small_flows_is_exempt_under_paragraph_2():
    """adversary15 D2: a projection whose values give back 3 starters a year is marked by its
    section (metadata ``small_groups``); it cites paragraph 2 though it prints only FTE."""
    kinds = {c: Kind.FTE.value for c in FTE}
    marked = _table("projection", PROJECTION, kinds=kinds, not_counts=FTE, small_groups=True)
    public = _section(_projection(PROJECTION.iloc[:1]))
    found = exempt.exempt_paragraph(marked, public)
    assert found is not None and found[0] == 2
    assert found[1].startswith("groups so small that people could be identified")
