# ruff: noqa: F811 (the "docs" fixture is imported from test_papers and named by each test)
"""What a councillor reading the Luton demo papers page by page would still edit (issue 22, the
reader's list), checked on the built packs: each point of the list, fixed in the shared code."""

from __future__ import annotations

import re

import pytest

from tests.documents.brackets import nested, side_by_side
from tests.e2e.test_papers import (  # noqa: F401
    ALL,
    _key_findings,
    _soup,
    _words,
    findings_by_document,
    text,
)


@pytest.mark.parametrize("name", ALL)
def test_no_findings_or_swot_sentence_puts_a_bracket_beside_another(docs, name):
    """L21: "...2016/17 pay rates, cash). (section 8; sources 1 and 2)"."""
    found = []
    for said in findings_by_document(docs, name, "ul.ep-findings li, table.ep-swot li"):
        found += side_by_side(said) + nested(said)
    assert not found, found


def test_luton_21_september_key_findings(docs):
    """Point 1: no source detail inside a finding; point 2: 46.2% stated by one key finding."""
    items = _key_findings(docs["luton-0921"]["report"])
    assert not any("recorded reason" in i or "HR system" in i for i in items), items
    assert sum("46.2%" in i for i in items) == 1, items
    assert all(re.search(r"\. See (?:section \d+|sources? )[^()]*\.$", i) for i in items), items


def test_luton_21_september_tables_name_the_report_and_print_no_minus_sign(docs):
    """Points 4 to 6: a cost or a saving, never "-59,672"; "Item 6 report, paragraphs 23 ...",
    not "Report para 23"; the survey row says what the paper printed (55) and the data (61)."""
    words = text(docs["luton-0921"]["report"])
    assert "Report para" not in words and "negative saves" not in words
    money = r"(?<![\w-])-£?\d{1,3}(?:,\d{3})+(?![\d])"  # "-59,672" (a difference "-1" is data)
    assert not re.search(money, words), re.findall(rf".{{40}}{money}", words)
    assert "Item 6 report, paragraphs 23, 24" in words
    assert "the paper gives 55 and the data 61" in words


def test_luton_28_february_states_the_caseload_once_and_counts_to_a_date(docs):
    """Points 7 to 9: the caseload 20.6 stated in full once in prose (the scorecard's row is
    its table); S2's period is a time; the campaign count says the day its data end."""
    soup = _soup(docs["luton-0228"]["report"])
    prose = [_words(li) for li in soup.select("ul.ep-findings li")]
    assert sum("20.6" in p for p in prose) == 1, [p for p in prose if "20.6" in p]
    grid = [_words(li) for li in soup.select("table.ep-swot li")]
    # the grid refers to a key finding that states it ("W1 ...: see key finding 5."); else its
    # entry states it once, never again in its evidence
    assert all(e.count("20.6") <= 1 for e in grid), grid
    assert any("20.6" in e or re.search(r": see key finding \d+\.$", e) for e in grid), grid
    assert not any("period: Permanent staff survey" in e for e in grid), grid
    words = text(docs["luton-0228"]["report"])
    # the Step Up target falls due after the meeting: no count "so far" that reads as the result
    assert "Not yet due" in words and "Due by 30 April 2017" in words and "so far" not in words


def test_luton_final_report_scope_meetings_and_reference(docs):
    """Point 11: no nested brackets in the scope; the undated meeting says it was the third;
    the final report's reference is its own."""
    final = _soup(docs["luton-final"]["report"])
    scope = [_words(li) for li in final.select("section[data-section=f04_scope] li")]
    assert scope and not nested(scope) and not side_by_side(scope), scope
    words = text(docs["luton-final"]["report"])
    assert "Third meeting, October 2016 (day not recorded in the council's papers)" in words
    report = text(docs["luton-0228"]["report"])
    ref = re.search(r"Reference: (\S+)", report).group(1)
    own = re.search(r"Reference: (\S+)", words).group(1)
    assert own != ref, own
