"""The workforce snapshot's hours-typed-as-FTE rule (``fte_per_post``), against the rule as its
docstring states it, computed line by line here, on generated snapshots of any shape."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.datasets.workforce.plausibility import HOURS_FLOOR, HOURS_SPREAD, fte_per_post
from tests.conftest import examples

COLUMNS = ("establishment_fte", "permanent_fte", "agency_fte", "vacant_fte")


def flagged_by_the_rule(snap: pd.DataFrame, ceiling: float = 1.5) -> list[tuple[str, int]]:
    """(column, row) of every line the rule flags, in the order the check reports them.

    For each column, and each line in job-title order: the largest other line of the job title
    (at least 1) or, for a title's only line, the largest line of the service's other titles;
    flagged when the FTE is at least HOURS_FLOOR and more than max(ceiling, HOURS_SPREAD) times
    that, unless it is a filled or vacant FTE no larger than its own line's establishment that
    was not itself flagged.
    """
    out, hours_lines = [], set()
    for column in COLUMNS:
        for title in sorted(snap["job_title"].unique()):
            for i in snap.index[snap["job_title"] == title]:
                v = snap.at[i, column]
                if pd.isna(v):
                    continue
                others = [
                    snap.at[j, column]
                    for j in snap.index[snap["job_title"] == title]
                    if j != i and pd.notna(snap.at[j, column])
                ]
                if not others:
                    others = [
                        snap.at[j, column]
                        for j in snap.index
                        if snap.at[j, "service"] == snap.at[i, "service"]
                        and snap.at[j, "job_title"] != title
                        and pd.notna(snap.at[j, column])
                    ]
                if not others:
                    continue
                typical = max(1.0, max(others))
                est = snap.at[i, "establishment_fte"]
                within = (
                    column != "establishment_fte"
                    and pd.notna(est)
                    and v <= est
                    and i not in hours_lines
                )
                if v >= HOURS_FLOOR and v > max(ceiling, HOURS_SPREAD) * typical and not within:
                    if column == "establishment_fte":
                        hours_lines.add(i)
                    out.append((column, int(i) + 2))
    return out


fte = st.one_of(
    st.none(),
    st.sampled_from([0.0, 0.5, 1.0, 3.0, 8.0, 10.0, 14.0, 22.0, 37.0, 40.0, 74.0]),
)


@st.composite
def snapshots(draw):
    n = draw(st.integers(1, 14))
    rows = []
    for _ in range(n):
        rows.append(
            {
                "service": draw(st.sampled_from(["Adults", "Children"])),
                "job_title": draw(st.sampled_from(["SW", "TM", "PSW", "AP"])),
                **{c: draw(fte) for c in COLUMNS},
            }
        )
    return pd.DataFrame(rows).astype({c: float for c in COLUMNS})


@settings(max_examples=examples(300), deadline=None)
@given(snapshots())
def test_the_check_flags_exactly_the_lines_the_rule_flags(snap):
    results = fte_per_post({"workforce_snapshot": snap}, {})
    found = [(f.column, f.row) for r in results for f in r.failures]
    assert found == flagged_by_the_rule(snap)


def test_a_team_manager_line_of_37_among_lines_of_1_is_flagged_by_hand():
    """Three team manager lines of 1, 1 and 37 FTE: 37 >= 14 and 37 > 2.5 x 1, so the third line
    (row 4 of the file) is flagged, with the largest other line, 1."""
    snap = pd.DataFrame(
        {
            "service": ["Children"] * 3,
            "job_title": ["TM"] * 3,
            "establishment_fte": [1.0, 1.0, 37.0],
            "permanent_fte": [1.0, 1.0, 1.0],
            "agency_fte": [0.0, 0.0, 0.0],
            "vacant_fte": [0.0, 0.0, 0.0],
        }
    )
    (result,) = fte_per_post({"workforce_snapshot": snap}, {})
    assert [f.row for f in result.failures] == [4]
    assert "hold at most 1)" in result.failures[0].found
