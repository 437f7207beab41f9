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
