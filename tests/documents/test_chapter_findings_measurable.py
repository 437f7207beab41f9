"""A target not yet due is no finding of its chapter (reader15, Luton 21 September 2016, p5: the
recruitment chapter's findings box said "the target of 7 ... was set after this period: it is
measured after 30 April 2017"; the campaigns table's note under the target already says so)."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat.v4 as v4

from pipelines.core.outputs import META_KEY
from pipelines.documents import report
from tests.documents.test_report import code, section

LATE = "Campaigns with a target: the target of 7 was set after this period."


def _finding(text: str, pending: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(text=text, section="15_a", pending=pending)


def _chapter():
    listed = v4.new_output(
        "display_data",
        data={"text/html": "<ul></ul>", "text/plain": ""},
        metadata={META_KEY: {"kind": "findings", "name": "findings", "items": [LATE]}},
    )
    return section("15_a", "Recruitment", code(listed))


def test_a_finding_not_yet_measurable_is_not_in_its_chapter():
    due = "the target was set after the period counted"
    found = [_finding("Time to hire rose."), _finding(LATE, due)]
    assert report.chapter_findings(found, _chapter()) == ["Time to hire rose."]
    # every ranked finding of the section not yet measurable: no findings box, and not the
    # notebook's list in its place
    assert report.chapter_findings([_finding(LATE, due)], _chapter()) == []
    # a section with no ranked finding still shows its notebook's list
    assert report.chapter_findings([], _chapter()) == [LATE]
