"""A public pack whose disclosure audit finds a hidden count that can be worked out is not
written: the build stops with the officer's message naming the table, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.disclosure import SUPPRESSED
from pipelines.core.disclosure_audit import Layout, PublishedTable, audit
from pipelines.core.errors import InputError
from pipelines.documents.meeting import stop_if_recoverable


def table(counts: list) -> PublishedTable:
    """Leavers by reason with a total row (the fourth)."""
    df = pd.DataFrame({"Reason": ["Pay", "Caseload", "Other", "Total"], "Leavers": counts})
    return PublishedTable(
        "10_leavers__reasons.csv", df.astype(object), Layout(counts=("Leavers",), total_rows=(3,))
    )


def test_a_hidden_count_the_total_gives_away_stops_the_build_naming_the_cell():
    # 20 - 10 - 7 = 3: the hidden "Caseload" count is known exactly.
    result = audit([table([10, SUPPRESSED, 7, 20])], 5)
    with pytest.raises(InputError) as stopped:
        stop_if_recoverable(result)
    [problem] = stopped.value.problems
    assert problem.what == (
        "A hidden count in a public table could be worked out from the other published figures."
    )
    assert problem.file == "public/tables/10_leavers__reasons.csv"
    assert (problem.row, problem.column) == (3, "Leavers")  # the CSV's third line
    assert problem.found == "between 3 and 3"
    assert problem.expected == "a range of at least 4 values"
    assert "fault in the tool" in problem.hint and "not written" in problem.hint


def test_hidden_counts_the_total_cannot_narrow_let_the_build_go_on():
    # 20 - 10 = 10 between two hidden cells: each could be 1 to 9 (at least 4 values).
    result = audit([table([10, SUPPRESSED, SUPPRESSED, 20])], 5)
    assert result.safe
    assert stop_if_recoverable(result) is None


def test_tables_the_audit_cannot_fit_are_a_warning_not_a_stop(caplog):
    # A total that its parts exceed with nothing hidden: the tables disagree with the audit's
    # model of them; there is nothing hidden to work out, so the build goes on, with a warning.
    result = audit([table([10, 5, 7, 20])], 5)
    assert result.inconsistent and not result.recoverable
    with caplog.at_level("WARNING"):
        assert stop_if_recoverable(result) is None
    assert "could not check these public tables together" in caplog.text
    assert ", ".join(result.inconsistent[0]) in caplog.text  # what disagrees, named
