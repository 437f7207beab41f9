"""The SWOT's figures and officers' words under the public policy (issue 26).

The leak on the demo: the Word report and ``tables/50_swot__swot-grid.csv`` gave a weakness as
"30.8%" (4 of the 13 exit forms, with 13 printed in the same report) and a strength as "11
people would return" (13 - 11 = 2). Entries here are made in the test with those numbers.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import EXEMPT, SUPPRESSED, Policy
from pipelines.core.figures import Kind
from pipelines.sections import indicators as ix
from pipelines.sections.swot import analysis as swot
from pipelines.sections.swot import display

PUBLIC = Policy("public", 5)


def indicator(key, value, kind: Kind, numerator=None, denominator=None) -> pd.Series:
    row = dict.fromkeys(ix.COLUMNS)
    row.update(
        key=key,
        label=key,
        value=value,
        unit=kind.unit,
        kind=kind.value,
        numerator=numerator,
        denominator=denominator,
        source="Exit interview forms",
        period="2015/16",
        section="10_leavers",
        table=key,
    )
    return pd.Series(row)


def entries() -> pd.DataFrame:
    # 4 of 13 forms rated job security good or excellent: 4 / 13 = 30.769...%.
    worst = indicator("lowest_rated_aspect", 100 * 4 / 13, Kind.PERCENT_OF_PEOPLE, 4, 13)
    # 11 of the 13 who answered would return: 13 - 11 = 2 would not.
    would = indicator("would_return", 11.0, Kind.PEOPLE, 11, 13)
    # 26 of 112 posts: 23.2%; 26 leavers is not small.
    turnover = indicator("turnover_childrens", 100 * 26 / 112, Kind.PEOPLE_PER_100_POSTS, 26, 112)
    officers = [
        swot._entry(
            "Weaknesses", "Leavers rated job security lowest.", worst, origin="Officers: a"
        ),
        swot._entry("Strengths", "Most leavers would come back.", would, origin="Officers: b"),
        swot._entry(
            "Weaknesses",
            "Four newly qualified social workers in Leaving Care left within a year.",
            None,
            origin="Officers: c",
            figure="4 of the 9 newly qualified staff",
            source="Team records",
            period="2016",
        ),
        swot._entry(
            "Threats",
            "Two of the councils that signed are leaving the cap.",
            None,
            origin="Officers: d",
            figure="2 of the 12 councils that signed",
            source="Agenda item 6 report, paragraph 45",
            period="2016",
        ),
    ]
    rule = swot._entry(
        "Weaknesses",
        "Turnover was 23.2%.",
        turnover,
        origin="Rule: r",
    )
    return swot.swot_entries([rule], officers)


def test_a_percentage_of_a_published_base_and_a_small_rest_are_withheld():
    data = display.grid_data(entries(), PUBLIC).set_index("Indicator")
    # 4 of the 13 forms: the share is withheld in words that give its published base, 13
    assert data.loc["lowest_rated_aspect", "Figure"] == (
        "fewer than 5 of the 13 people"  # 4 of 13, the count the share stands for (reader14)
    )
    assert data.loc["lowest_rated_aspect", "Value"] == SUPPRESSED
    # 11 of 13: 2 did not, fewer than 5; 11 is more than half of 13 (issue 22, reader11 S3:
    # "more than 8 of the 13 people" read as a figure of 8)
    assert data.loc["would_return", "Figure"] == "most of the 13 people; fewer than 5 did not"
    assert data.loc["would_return", "Value"] == SUPPRESSED
    # Turnover: 26 leavers of 112 posts gives nothing small away; it is shown as computed.
    assert data.loc["turnover_childrens", "Figure"] == "23.2%"
    assert abs(float(data.loc["turnover_childrens", "Value"]) - 23.214) < 0.001
    text = data.to_csv()
    assert "30.8" not in text and "11 people" not in text and ",11.0," not in text


def test_the_same_entries_are_shown_in_full_in_the_exempt_version():
    data = display.grid_data(entries(), EXEMPT).set_index("Indicator")
    assert data.loc["lowest_rated_aspect", "Figure"] == "30.8%"
    assert data.loc["would_return", "Figure"] == "11 people"


def test_officers_words_are_checked_for_counts_of_people():
    data = display.grid_data(entries(), PUBLIC)
    texts = " ".join(data["Entry"]) + " " + " ".join(data["Figure"])
    assert "Fewer than 5 newly qualified social workers in Leaving Care" in texts
    assert "Four" not in texts and "4 of the 9" not in texts
    # Councils are not people: the threat keeps its numbers.
    assert "Two of the councils that signed" in texts and "2 of the 12 councils" in texts
    items = display.grid_items(entries(), PUBLIC)
    assert not any("Four newly" in t for t in items["text"])
    evidence = display.evidence_items(entries(), PUBLIC)
    assert not any("30.8" in d or "11 people" in d for d in evidence["detail"])


def test_officers_words_are_redacted_under_every_policy():
    e = entries()
    e.loc[e["origin"] == "Officers: c", "text"] = (
        "Ask Zo\u00eb Gr\u200bimshaw on 0 7 7 0 0 9 0 0 1 2 3."
    )
    e.loc[e["origin"] == "Officers: c", "source"] = "jane dot grimshaw at luton dot gov dot uk"
    for pol in (PUBLIC, EXEMPT):
        data = display.grid_data(e, pol)
        text = data.to_csv()
        assert "imshaw" not in text and "9 0 0 1" not in text and "luton dot gov" not in text
        assert "[name removed]" in text and "[e-mail removed]" in text


def test_the_grids_source_names_the_documents_its_entries_cite():
    """reader14 (Luton 21 December 2016, SWOT note): the grid's note read only "The source
    named in each entry." The source names each document the entries cite, once, without the
    paragraph or appendix each entry gives with it."""
    cited = pd.DataFrame(
        {
            "source": [
                "Locum survey, November 2015",
                "Agenda item 6 report, 21 September 2016, paragraph 26; Appendix 1 (all)",
                "Agenda item 6 report, 21 September 2016, paragraph 54",
                "Staff survey (online tool export; all staff)",
                None,
            ]
        }
    )
    assert display.grid_sources(cited) == (
        "Locum survey, November 2015; Agenda item 6 report, 21 September 2016; "
        "Staff survey (online tool export; all staff)"
    )
    assert "each entry" not in display.grid_sources(entries())
