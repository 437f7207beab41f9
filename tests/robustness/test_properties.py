"""Property-based tests: cleaning never crashes on arbitrary text in label and date columns."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import CleaningLog
from pipelines.core.cleaning_values import label_key, parse_date
from pipelines.core.sources import read_export
from pipelines.datasets.leavers.clean import clean_leavers
from tests.conftest import examples

HEADER = [
    "Employee Ref",
    "Service Area",
    "Team",
    "Job Title",
    "Grade",
    "FTE",
    "Continuous Service Date",
    "Leaving Date",
    "Leaving Reason",
]
GOOD = [
    "E100001",
    "ASC",
    "Locality North",
    "Social Worker",
    "M1",
    "1",
    "01/04/2010",
    "31/03/2016",
    "Retirement",
]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def clean_one(service: str, start: str, leave: str, reason: str):
    row = list(GOOD)
    row[1], row[6], row[7], row[8] = service, start, leave, reason
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, row])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "leavers.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        return clean_leavers(read_export(path, "leavers"), CleaningLog())


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(service=text, start=text, leave=text, reason=text)
def test_cleaning_never_crashes_on_arbitrary_labels_and_dates(service, start, leave, reason):
    """Any text gives tidy rows or problems naming row 2 and a column, never an exception."""
    df, problems = clean_one(service, start, leave, reason)
    assert len(df) <= 1
    for p in problems:
        assert p.row == 2 and p.column in HEADER and p.render()


@settings(max_examples=examples(200), deadline=None)
@given(value=text)
def test_parse_date_either_parses_or_says_value_error(value):
    try:
        ts, fmt = parse_date(value)
    except ValueError:
        return
    assert fmt and ts.year > 1800


@settings(max_examples=examples(200), deadline=None)
@given(value=text)
def test_label_key_is_idempotent(value):
    assert label_key(label_key(value)) == label_key(value)
