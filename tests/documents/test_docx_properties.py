"""The Word file's Author and dates are the PDF's: the scrutiny officer and the build time.

Issue 22, point 10: the Word report's author field was blank and its created date 1 January
1980. Both now come from the review config's scrutiny officer (the cover's author) and the
build time (``SOURCE_DATE_EPOCH`` when set). A small report is made here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from docx import Document

from pipelines.documents.docx import docx_text, write_docx
from pipelines.documents.pack import assemble
from tests.documents.test_report import FRAME, code, front, section, table_output

OFFICER = "Robin Ashdown, Democracy and Scrutiny Officer"  # fictional


def _report(tmp_path, name: str, **changes):
    cover = dataclasses.replace(front(), author=OFFICER, **changes)
    sections = [section("10_a", "Leavers", code(table_output("t", FRAME), tags=["report"]))]
    return write_docx(assemble(sections, cover), cover, tmp_path / name)


def test_author_and_dates_come_from_the_officer_and_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1474477200")  # 21 September 2016 17:00 UTC
    path = _report(tmp_path, "r.docx")
    props = Document(str(path)).core_properties
    assert props.author == OFFICER and props.last_modified_by == OFFICER
    when = dt.datetime(2016, 9, 21, 17, 0, tzinfo=dt.UTC)
    assert props.created.replace(tzinfo=dt.UTC) == when
    assert props.modified.replace(tzinfo=dt.UTC) == when
    # the cover names the author once; the field does not print it a second time
    assert " ".join(docx_text(path)).count("Robin Ashdown") == 1
    # the same build gives the same bytes
    again = _report(tmp_path, "again.docx")
    assert again.read_bytes() == path.read_bytes()


def test_without_source_date_epoch_the_date_is_the_covers_build_time(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = _report(tmp_path, "r.docx", built="7 December 2026 04:30 UTC")
    props = Document(str(path)).core_properties
    assert props.created.replace(tzinfo=dt.UTC) == dt.datetime(2026, 12, 7, 4, 30, tzinfo=dt.UTC)
    assert props.created.year != 1980
    assert props.author == OFFICER


@pytest.mark.parametrize("author", [None, ""])
def test_no_author_leaves_the_field_empty(tmp_path, monkeypatch, author):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1474477200")
    cover = dataclasses.replace(front(), author=author)
    sections = [section("10_a", "Leavers", code(table_output("t", FRAME), tags=["report"]))]
    path = write_docx(assemble(sections, cover), cover, tmp_path / "r.docx")
    assert not Document(str(path)).core_properties.author
