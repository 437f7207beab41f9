"""What a table's [c] marks mean, said from the disclosure result (issue 22, papers19 point 3).

"[c] = fewer than 5 people" was printed under tables whose [c] included a figure hidden only
so that a small one could not be worked out from a total (a value of 5 or more): the line under
the table was the first clause of the note, cut at its first comma. The tables are generated.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core import disclosure
from pipelines.documents import notes

T = 5
PUBLIC = disclosure.Policy("public", T)


def reasons(body: list[list[int]]) -> pd.DataFrame:
    df = pd.DataFrame(body, columns=["Declined", "Withdrew"])
    df["Total"] = df.sum(axis=1)
    df.insert(0, "Reason", [f"Reason {i}" for i in range(len(df))])
    total = {"Reason": "Total", **{c: int(df[c].sum()) for c in ["Declined", "Withdrew", "Total"]}}
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


def hidden_cells(df: pd.DataFrame, shown: pd.DataFrame) -> list[int]:
    return [
        int(df.at[i, c])
        for i in range(len(df))
        for c in ["Declined", "Withdrew", "Total"]
        if shown.at[i, c] == disclosure.SUPPRESSED
    ]


def test_a_table_with_a_secondary_suppression_says_a_hidden_figure_may_be_5_or_more():
    df = reasons([[2, 8], [5, 0]])
    p = disclosure.protect(df, pol=PUBLIC, name="reasons")
    values = hidden_cells(df, p.shown)
    # by hand: the 2 is small; 5 beside it, and the row totals 10 and 5, are hidden with it
    assert sorted(values) == [2, 5, 5, 10]
    secondary = sum(v >= T for v in values)
    [note] = [n for n in p.notes if n.startswith("[c]")]
    assert note.startswith(
        "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked out"
    )
    assert secondary == 3
    # how many were hidden for the second reason is not said: an adversary used "(4 figures in
    # this table)" to tell the small hidden figures from the others and narrow them
    assert "in this table" not in note and str(secondary) not in note
    # the line a report prints under the table keeps the whole meaning
    line = notes.stub(note)
    assert line == (
        "[c] = hidden: fewer than 5 people, or hidden so that a small number cannot be worked out"
    )
    assert not line.endswith("fewer than 5 people")


def test_a_table_whose_hidden_figures_are_all_small_says_fewer_than_5():
    df = pd.DataFrame({"Reason": ["A", "B", "C"], "Leavers": [2, 7, 9]})
    p = disclosure.protect(df, pol=PUBLIC, name="small")
    assert p.shown["Leavers"].tolist() == [disclosure.SUPPRESSED, 7, 9]
    assert p.notes == ["[c] = fewer than 5 people, not shown to protect individuals."]
