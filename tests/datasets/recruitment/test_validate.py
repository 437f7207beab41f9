"""Validation of the recruitment export: stages in order, no start without an offer."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.errors import InputError
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_report import raise_for_critical
from pipelines.datasets.recruitment.plausibility import recruitment_plausibility
from tests.datasets.recruitment.helpers import application, clean, write_export

TODAY = dt.date(2016, 9, 21)


def problems_of(tmp_path, rows):
    df, problems, _ = clean(write_export(tmp_path / "recruitment.csv", rows))
    assert problems == []
    report = validate_datasets({"recruitment": df}, today=TODAY)
    with pytest.raises(InputError) as exc:
        raise_for_critical(report, {"recruitment": df})
    return exc.value.problems


def test_a_clean_export_passes(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", shortlisted="05/10/2015",
                    interviewed="12/10/2015", offered="14/10/2015", accepted="16/10/2015",
                    started="04/01/2016"),
        application("A2", applied="01/10/2015"),
    ]  # fmt: skip
    df, _, _ = clean(write_export(tmp_path / "recruitment.csv", rows))
    report = validate_datasets({"recruitment": df}, today=TODAY)
    assert report.passed, [r.check for r in report.failed()]


def test_a_start_without_an_offer_names_the_row_and_what_to_do(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", offered="14/10/2015", started="04/01/2016"),
        application("A2", applied="01/10/2015", started="04/01/2016"),
    ]
    problems = problems_of(tmp_path, rows)
    mine = [p for p in problems if p.what == "The application has a start date but no offer date."]
    assert len(mine) == 1
    p = mine[0]
    assert (p.row, p.column) == (3, "Date Offered")
    assert p.file.endswith("recruitment.csv")
    assert p.expected.startswith('a date in "Date Offered"')
    assert "Fill in the date the job was offered" in p.hint
    assert "Start Date" in p.found


def test_a_start_before_the_offer_and_an_offer_before_the_application_are_refused(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", offered="14/10/2015", started="10/10/2015"),
        application("A2", applied="01/10/2015", offered="20/09/2015"),
    ]
    problems = problems_of(tmp_path, rows)
    found = {(p.what, p.row, p.column) for p in problems}
    assert ("The start date is before the date offered.", 2, "Start Date") in found
    assert ("The date offered is before the date applied.", 3, "Date Offered") in found
    start = next(p for p in problems if p.what == "The start date is before the date offered.")
    assert start.expected == 'a date on or after the date in "Date Offered"'
    assert start.found == "Start Date 10/10/2015, Date Offered 14/10/2015"
    assert "each stage is on or after the stage before it" in start.hint


def test_accepted_and_declined_together_and_repeated_references_are_refused(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", offered="14/10/2015", accepted="15/10/2015",
                    declined="16/10/2015"),
        application("A1", applied="02/10/2015"),
    ]  # fmt: skip
    whats = {(p.what, p.row) for p in problems_of(tmp_path, rows)}
    assert ("The offer is recorded as both accepted and declined.", 2) in whats
    assert ("The same application reference appears on more than one row.", 2) in whats
    assert ("The same application reference appears on more than one row.", 3) in whats


def test_plausibility_warns_of_a_start_long_after_the_offer(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", offered="14/10/2015", accepted="15/10/2015",
                    started="04/01/2017"),
        application("A2", applied="01/10/2016"),
    ]  # fmt: skip
    df, _, _ = clean(write_export(tmp_path / "recruitment.csv", rows))
    results = recruitment_plausibility({"recruitment": df}, {"period_end": dt.date(2016, 8, 31)})
    late, after = results
    assert late.severity == after.severity == "warning"
    assert (late.success, late.rows) == (False, [2])
    assert late.found == ["offered 14/10/2015, started 04/01/2017"]
    assert (after.success, after.rows) == (False, [3])


def test_an_offer_before_the_shortlisting_is_refused_when_there_was_no_interview(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", shortlisted="05/10/2015", offered="03/10/2015"),
        # An interview before the shortlisting: that rule names it; the offer, after the
        # interview, is not reported again against the shortlisting.
        application("A2", applied="01/10/2015", shortlisted="10/10/2015",
                    interviewed="05/10/2015", offered="07/10/2015"),
        application("A3", applied="01/10/2015", shortlisted="05/10/2015", offered="06/10/2015"),
    ]  # fmt: skip
    problems = problems_of(tmp_path, rows)
    offer = [p for p in problems if p.what == "The date offered is before the date shortlisted."]
    assert [(p.row, p.column) for p in offer] == [(2, "Date Offered")]
    assert offer[0].found == "Date Offered 03/10/2015, Date Shortlisted 05/10/2015"
    assert offer[0].expected == 'a date on or after the date in "Date Shortlisted"'
    assert "each stage is on or after the stage before it" in offer[0].hint
    interview = [
        p for p in problems if p.what == "The date interviewed is before the date shortlisted."
    ]
    assert [p.row for p in interview] == [3]
    assert {p.row for p in problems} == {2, 3}


def test_a_withdrawal_before_the_acceptance_it_withdraws_is_refused(tmp_path):
    rows = [
        application("A1", applied="01/10/2015", offered="14/10/2015", accepted="16/10/2015",
                    withdrawn="12/10/2015", reason="Personal reasons"),
        application("A2", applied="01/10/2015", offered="14/10/2015", accepted="16/10/2015",
                    withdrawn="30/10/2015", reason="Personal reasons"),
    ]  # fmt: skip
    problems = problems_of(tmp_path, rows)
    mine = [
        p
        for p in problems
        if p.what == "The date withdrawn is before the date the offer was accepted."
    ]
    assert [(p.row, p.column) for p in mine] == [(2, "Date Withdrawn")]
    assert mine[0].found == "Date Withdrawn 12/10/2015, Date Offer Accepted 16/10/2015"
    assert mine[0].expected == 'a date on or after the date in "Date Offer Accepted"'
    assert {p.row for p in problems} == {2}
