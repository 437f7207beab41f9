"""A row total a table is protected with but does not print (issue 22, reader14, papers39).

The exit-interview ratings table gave each aspect's forms ("Answered": 12 beside 13), which told
which aspects one leaver left unrated. Dropped before protection, the protection no longer saw
each aspect's row total, yet a reader who knows the forms returned (13) bounds it: a row "6, 6,
[c], 0" of 13 forms leaves the hidden count at most 1, so it is 1. The table is protected with
the total (``unpublished``) and shown without it; the pack's audit takes the total as known.
"""

import nbformat
import pandas as pd

from pipelines.core import disclosure_audit
from pipelines.core.disclosure import EXEMPT, SUPPRESSED, Policy, protect
from pipelines.core.disclosure_layout import table_layout
from pipelines.core.outputs import output_metadata
from pipelines.core.presentation import _disclosure_metadata
from pipelines.documents import pack_disclosure
from pipelines.documents.pack import Section, collect_tables

PUBLIC = Policy("public", 5)
RATINGS = ["Excellent", "Good", "Average", "Poor"]
#: Two aspects of the forms returned; the first rated on all 13, the second on 12.
ASPECTS = pd.DataFrame(
    {
        "Aspect": ["Workload", "Teamwork"],
        "Excellent": [6, 7],
        "Good": [6, 5],
        "Average": [1, 0],
        "Poor": [0, 0],
        "Answered": [13, 12],
    }
)
FORMS = 13


def with_answered(shown: pd.DataFrame) -> pd.DataFrame:
    """A published table with each row's total beside it, as a reader bounds it."""
    return shown.assign(Answered=ASPECTS["Answered"].to_list())


def test_dropping_the_total_before_protection_lets_a_reader_narrow_a_count():
    """The premise: protected without its total, Workload shows "6, 6, [c], 0"; with the 13
    forms the hidden Average is 13 - 6 - 6 - 0 = 1."""
    naive = protect(ASPECTS.drop(columns="Answered"), name="ratings", pol=PUBLIC)
    assert list(naive.shown.iloc[0][RATINGS]) == [6, 6, SUPPRESSED, 0]
    assert 6 + 6 + 0 == FORMS - 1  # by hand: the hidden count is 1
    table = disclosure_audit.PublishedTable(
        "ratings", with_answered(naive.shown), table_layout(ASPECTS)
    )
    result = disclosure_audit.audit([table], 5)
    assert [(r.cell[1], r.cell[2], r.low, r.high) for r in result.recoverable] == [
        (0, "Average", 1.0, 1.0)
    ]


def test_protected_with_the_total_and_shown_without_it():
    kept = protect(ASPECTS, name="ratings", unpublished=["Answered"], pol=PUBLIC)
    assert "Answered" not in kept.shown.columns
    assert kept.held_back == {"Answered": [13.0, 12.0]}
    workload = kept.shown.iloc[0][RATINGS]
    # the small Average and one more count of its row hidden, so the total gives nothing away
    assert workload["Average"] == SUPPRESSED
    assert (workload == SUPPRESSED).sum() >= 2
    audited = disclosure_audit.PublishedTable(
        "ratings", with_answered(kept.shown), kept.table.layout
    )
    assert disclosure_audit.audit([audited], 5).safe
    # the exempt table does not print the total either
    assert "Answered" not in protect(ASPECTS, unpublished=["Answered"], pol=EXEMPT).shown.columns


def section(protected) -> Section:
    """A section notebook whose one output is the table as presentation.show records it."""
    meta = output_metadata(
        "table", "ratings", "ratings", "source", None, protected.shown,
        **_disclosure_metadata(protected, (), None),
    )  # fmt: skip
    output = nbformat.v4.new_output("display_data", data={"text/plain": ""}, metadata=meta)
    cell = nbformat.v4.new_code_cell("", outputs=[output])
    return Section("10_leavers", nbformat.v4.new_notebook(cells=[cell]))


def test_the_pack_audit_takes_the_held_back_total_as_known():
    """The pack's audit reads the table from its CSV data (no total) and the total from the
    output's record: the naive table is caught, the protected one passes."""
    kept = section(protect(ASPECTS, name="ratings", unpublished=["Answered"], pol=PUBLIC))
    tables = collect_tables([kept])
    assert "Answered" not in tables["10_leavers__ratings.csv"].columns
    held = pack_disclosure.collect_held_back([kept])
    assert held == {"10_leavers__ratings.csv": {"Answered": [13.0, 12.0]}}
    layouts = pack_disclosure.collect_layouts([kept])
    assert pack_disclosure.disclosure_audit(tables, layouts, 5, held).safe
    # the same check catches a table protected without its total
    naive = protect(ASPECTS.drop(columns="Answered"), name="ratings", pol=PUBLIC)
    naive_tables = {"10_leavers__ratings.csv": naive.shown}
    result = pack_disclosure.disclosure_audit(naive_tables, layouts, 5, held)
    assert not result.safe
