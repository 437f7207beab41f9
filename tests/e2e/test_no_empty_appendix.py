"""No exempt appendix that withholds nothing (reader15 C16x).

The Coventry 16 April 2018 meeting's exempt appendix held nothing of its own ("NOTHING
EXEMPT" on its cover), yet was written for the private agenda and listed by the report as "not
open to inspection (... Schedule 12A)". Read from every built meeting: an appendix is written
only when it cites a paragraph of Schedule 12A for an item of its own, and the report lists it
exactly then. The rule on generated sections: tests/documents/test_exempt_nothing_own.py.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

REPORTS = ["luton-0921", "luton-0228", "coventry-0327", "coventry-0416"]


def _words(path) -> str:
    return " ".join(BeautifulSoup(path.read_text("utf-8"), "html.parser").get_text(" ").split())


@pytest.mark.parametrize("name", REPORTS)
def test_an_appendix_is_written_and_listed_only_when_it_withholds_something(docs, name):
    report = _words(docs[name]["report"])
    path = docs[name]["exempt"]
    listed = "The exempt appendix is not open to inspection" in report
    if not path.exists():
        assert not path.parent.exists()
        assert not listed and "exempt appendix" not in report.casefold()
        return
    page = path.read_text("utf-8")
    own = re.findall(r"Exempt under Schedule 12A, paragraph [123]", page)
    assert own and "NOTHING EXEMPT" not in page, name
    assert listed, name


def test_the_16_april_meeting_tables_no_appendix_and_the_27_march_one_does(docs):
    """Every exempt section of 16 April 2018 is that of the 27 March appendix, unchanged."""
    assert not (docs["coventry-0416"]["folder"] / "exempt").exists()
    assert docs["coventry-0327"]["exempt"].is_file()
    assert docs["coventry-0327"]["exempt"].with_suffix(".pdf").is_file()


def test_what_the_register_prints_is_public_not_exempt(docs):
    """reader15 (L21 p17-19): the report offered "Market supplement register 2016/17" for
    inspection while the exempt appendix withheld its costs by job title. The costs by job
    title (the register's rate times the posts' FTE) are public: the report prints them, the
    appendix does not, and the register stays open to inspection."""
    report = _words(docs["luton-0921"]["report"])
    exempt = _words(docs["luton-0921"]["exempt"])
    caption = "What the market supplements cost a year"
    assert caption in report and caption not in exempt
    soup = BeautifulSoup(docs["luton-0921"]["report"].read_text("utf-8"), "html.parser")
    (table,) = [t for t in soup.select("table") if caption in _cell(t.caption)]
    head = [_cell(th) for th in table.select("thead th")]
    assert head[:2] == ["Job title", "Grade"], head
    rows = {_cell(tr.find(["th", "td"])) for tr in table.select("tbody tr")}
    assert "Occupational Therapist (Adult social care)" in rows, rows
    papers = report[report.rindex("Background papers") :]
    offered = papers.split("The exempt appendix is not open to inspection")[0]
    assert "Market supplement register 2016/17" in offered


def _cell(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""
