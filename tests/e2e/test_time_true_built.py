"""Every built report cites no document dated after its meeting (issue 22, point 2; reader15).

The report to the Board of 27 March 2018 listed "HR pay rates for costing, 2017/18 (Appendix 3
to the report to the Cabinet Member, 16 April 2018)" among its background papers and its notes.
Read from each built report: every date in a background paper, and every date a source note
gives in brackets or as a publication day, is on or before the meeting's. The rule itself is in
tests/documents/test_time_true_papers.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipelines.core.time_true import DATE, dates

REPORTS = ["luton-0921", "luton-0228", "coventry-0327", "coventry-0416"]


def later_citations(report: Path, meeting: dt.date) -> list[str]:
    """The background papers and source notes of ``report`` that cite a date after ``meeting``."""
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    out = []
    papers = soup.select_one("section[data-section=r91_background]")
    for li in papers.select("li") if papers else ():
        said = " ".join(li.get_text(" ").split())
        if any(d > meeting for d in dates(said)):
            out.append(said)
    notes = soup.select_one("section[data-section=r93_sources]")
    for li in notes.select("li") if notes else ():
        said = " ".join(li.get_text(" ").split())
        cited = [*re.findall(r"\(([^()]*)\)", said)]
        cited += [m.group(0) for m in re.finditer(rf"published {DATE.pattern}", said)]
        if any(d > meeting for part in cited for d in dates(part)):
            out.append(said)
    return out


@pytest.mark.parametrize("name", REPORTS)
def test_no_built_report_cites_a_document_dated_after_its_meeting(docs, name):
    folder = docs[name]["folder"]
    meeting = dt.date.fromisoformat(folder.name)
    report = docs[name]["report"]
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("section[data-section=r91_background]") is not None
    assert later_citations(report, meeting) == []


def test_the_board_report_says_its_pay_rates_were_the_officers_data(docs):
    """27 March 2018: the pay rates and the supplement register were published on 16 April."""
    report = docs["coventry-0327"]["report"]
    words = " ".join(BeautifulSoup(report.read_text("utf-8"), "html.parser").get_text(" ").split())
    for source in ("HR pay rates for costing, 2017/18", "Market supplement register 2017/18"):
        assert f"{source}: the officers' data, not yet published at this meeting" in words
    later = docs["coventry-0416"]["report"]
    words = " ".join(BeautifulSoup(later.read_text("utf-8"), "html.parser").get_text(" ").split())
    assert "(Appendix 3 to the report to the Cabinet Member, 16 April 2018)" in words
