"""The printed scorecard (issue 22, point 1): a target is never "not met" before its deadline,
"no earlier figure" and "no target set" are said once, and a column empty in every row is left
out. On indicator frames the test writes; the figures are worked out by hand below."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.sections import indicators as ix
from pipelines.sections.scorecard import analysis as sc


def indicator(key, value, *, direction="lower", target=None, previous=None, unit="%"):
    row = dict.fromkeys(ix.COLUMNS)
    row.update(key=key, label=f"Label of {key}", value=value, unit=unit, direction=direction,
               target=target, previous=previous, source="A source", period="A period",
               section="15_recruitment", table="t")  # fmt: skip
    return row


CAMPAIGN = "recruitment_appointments_against_target"


def frame(*rows):
    return pd.DataFrame(list(rows), columns=ix.COLUMNS)


def test_a_target_due_after_the_meeting_is_not_yet_due_never_not_met():
    indicators = frame(
        indicator(CAMPAIGN, 0.0, direction="higher", target=7.0, unit="people"),
        indicator("turnover_childrens", 23.2, target=15.0),
    )
    due = {CAMPAIGN: "2017-04-30"}
    before = sc.measures_table(indicators, "2017-02-28", due).set_index("Figure for")
    assert before.loc[f"Label of {CAMPAIGN}", "Target met"] == sc.NOT_YET_DUE
    assert before.loc["Label of turnover_childrens", "Target met"] == "Not met"  # no deadline
    view = sc.scorecard_view(before.reset_index()).set_index("Figure for")
    # reader11, L28: "Appointments against target 0" read as the result of a target due two
    # months after the meeting. Its figure cell says it is not yet due, from the target's date,
    # whatever day the data count to; no count so far is printed as if it were the result.
    old = dict(indicator(CAMPAIGN, 0.0, direction="higher", target=7.0, unit="people"))
    for as_at in ("2016-08-31", "2017-02-28"):
        dated = sc.measures_table(frame({**old, "as_at": as_at}), "2017-02-28", due)
        # through the section's stored table, as the notebook reads it back
        from pipelines.sections.scorecard import result as sr

        stored = sr._table("scorecard", dated, sr.MEASURE_COLUMNS, caption="c", source="s")
        shown = sc.scorecard_view(stored.labelled()).set_index("Figure for")
        row = shown.loc[f"Label of {CAMPAIGN}"]
        assert (row["Figure"], row["Target met"]) == ("Not yet due", "Not yet known")
        # reader12, L28: its period was the data's, "1 September 2015 to 31 August 2016", as if
        # measured; it is the target's deadline
        assert row["Period"] == "Due by 30 April 2017"
    # the target prints whole, rates keep their decimals
    assert list(view.loc[f"Label of {CAMPAIGN}", ["Figure", "Target"]]) == ["Not yet due", "7"]
    assert view.loc["Label of turnover_childrens", "Figure"] == 23.2
    said = " ".join(sc.findings(before.reset_index()))
    assert "0 people against a target" not in said and "Label of turnover_childrens" in said
    assert (
        f"Label of {CAMPAIGN}: the target of 7 people is due by 30 April 2017, after this "
        "meeting, so it is not yet assessed." in said
    )
    after = sc.measures_table(indicators, "2017-05-01", due).set_index("Figure for")
    assert after.loc[f"Label of {CAMPAIGN}", "Target met"] == "Not met"
    # Reached before the deadline: met.
    reached = frame(indicator(CAMPAIGN, 7.0, direction="higher", target=7.0, unit="people"))
    met = sc.measures_table(reached, "2017-02-28", due).set_index("Figure for")
    assert met.loc[f"Label of {CAMPAIGN}", "Target met"] == "Met"


def test_a_withheld_figure_is_not_given_away_by_its_not_yet_due_cell():
    from pipelines.core.disclosure import Policy

    row = indicator(CAMPAIGN, 2.0, direction="higher", target=7.0, unit="people")
    row.update(kind="count of people", numerator=2.0, denominator=7.0)
    measures = sc.measures_table(frame(row), "2017-02-28", {CAMPAIGN: "2017-04-30"})
    view = sc.scorecard_view(measures, Policy("public", 5)).set_index("Figure for")
    row = view.loc[f"Label of {CAMPAIGN}"]
    assert (row["Figure"], row["Period"]) == ("Not yet due", "Due by 30 April 2017")
    assert "2 of" not in " ".join(map(str, row)) and row["Figure"] != "2"


def test_no_earlier_figure_anywhere_leaves_the_travel_columns_out_and_says_so_once():
    measures = sc.measures_table(
        frame(
            indicator("turnover_childrens", 23.2, target=15.0),
            indicator("vacancy_rate_childrens", 34.9),
        )
    )
    view = sc.scorecard_view(measures)
    assert "Previous period" not in view and "Direction of travel" not in view
    assert "no earlier figure" not in view.to_string()
    assert sc.no_earlier_note(measures) == (
        "The data hold no earlier figure for any of these measures, so no direction of travel "
        "is shown."
    )


def test_some_earlier_figures_keep_the_columns_with_blank_cells_and_one_note():
    measures = sc.measures_table(
        frame(
            indicator("turnover_childrens", 23.2, target=15.0, previous=25.0),
            indicator("turnover_adults", 14.1, target=15.0),
        )
    )
    view = sc.scorecard_view(measures).set_index("Figure for")
    assert view.loc["Label of turnover_childrens", "Direction of travel"] == "improving"
    assert view.loc["Label of turnover_adults", "Direction of travel"] == ""
    assert sc.no_earlier_note(measures) == (
        "The data hold no earlier figure for label of turnover_adults: their direction of "
        "travel is blank."
    )


def test_no_target_anywhere_leaves_the_target_columns_out():
    measures = sc.measures_table(
        frame(indicator("vacancy_rate_childrens", 34.9), indicator("vacancy_rate_adults", 50.7))
    )
    view = sc.scorecard_view(measures)
    assert "Target" not in view and "Target met" not in view
    assert "–" not in view.to_string()
    note = sc.no_target_note(measures)
    assert note == (
        "The review sets no target for vacancy rate; these figures are shown for information."
    )


def test_a_measure_without_a_target_has_blank_target_cells_beside_one_with_a_target():
    measures = sc.measures_table(
        frame(
            indicator("turnover_childrens", 23.2, target=15.0),
            indicator("vacancy_rate_childrens", 34.9),
        )
    )
    view = sc.scorecard_view(measures).set_index("Figure for")
    assert list(view.loc["Label of vacancy_rate_childrens", ["Target", "Target met"]]) == ["", ""]
    assert view.loc["Label of turnover_childrens", "Target met"] == "Not met"
    assert sc.no_target_note(measures).count("vacancy rate") == 1
    three = sc.measures_table(
        frame(
            indicator("vacancy_rate_childrens", 34.9),
            indicator("turnover_childrens", 23.2),
            indicator("exit_return_rate", 37.1, direction="higher"),
            indicator("average_caseload_childrens", 20.6, target=20.0, unit="cases"),
        )
    )
    assert sc.no_target_note(three).startswith(
        "The review sets no target for vacancy rate, turnover and exit interview return rate "
        "(their target cells are blank)"
    )


@given(
    value=st.floats(0, 50),
    target=st.floats(1, 50),
    days=st.integers(-400, 400),
    direction=st.sampled_from(["lower", "higher"]),
)
def test_never_not_met_before_the_deadline(value, target, days, direction):
    meeting = dt.date(2017, 2, 28)
    due = meeting + dt.timedelta(days=days)
    said = sc.target_met(value, target, direction, due, meeting)
    reached = value <= target if direction == "lower" else value >= target
    if reached:
        assert said == "Met"
    elif due > meeting:
        assert said == sc.NOT_YET_DUE
    else:
        assert said == "Not met"


def test_the_scorecard_title_says_how_many_measures_have_a_target_and_each_row_its_period():
    """Issue 22 (28 Feb 2017 report): the scorecard was titled "measures against the review's
    targets" though one row of eleven had a target, and its rows gave no period. The title is
    written from what the table holds, and each row prints its figure's period."""
    some = sc.measures_table(
        frame(
            indicator("turnover_childrens", 23.2),
            indicator("turnover_adults", 14.1),
            indicator("average_caseload_childrens", 20.6, target=20.0, unit="cases per worker"),
        ),
        "2017-02-28",
    )
    assert sc.scorecard_caption(some) == "Scorecard: 3 measures, 1 of them against a target"
    none = sc.measures_table(frame(indicator("turnover_childrens", 23.2)), "2017-02-28")
    assert sc.scorecard_caption(none) == "Scorecard: the review's measures (no target set)"
    every = sc.measures_table(frame(indicator("turnover_childrens", 23.2, target=15.0)), "x")
    assert sc.scorecard_caption(every) == "Scorecard: measures against the review's targets"
    view = sc.scorecard_view(some)
    shown = view[view["Figure for"] != sc.NOT_AVAILABLE]
    assert list(shown["Period"]) == ["A period"] * 3
    assert list(view.columns[:4]) == ["Measure", "Figure for", "Figure", "Period"]


def test_the_scorecard_says_what_it_lacks_in_one_note():
    """The "Direction of travel" note, a heading over one sentence, was left at a page foot:
    the scorecard's result says what it lacks (targets, earlier figures) in one note."""

    from pipelines.sections.scorecard import result as scr

    measures = sc.measures_table(frame(indicator("turnover_childrens", 23.2)), "2017-02-28")
    said = [sc.no_target_note(measures), sc.no_earlier_note(measures)]
    assert all(said)
    notes = scr.scorecard_notes(measures)
    assert notes == {"no_target": (("About these figures", " ".join(said)),)}


def test_a_newly_qualified_share_of_a_small_group_is_hidden_in_public():
    """4 newly qualified FTE of 56 social work FTE (7.1%): with the base published elsewhere,
    7.1% gives the 4 away, so the public scorecard hides it; 12 of 60 (20.0%) is shown."""
    from pipelines.core.disclosure import SUPPRESSED, Policy

    snap = pd.DataFrame(
        {
            "service": ["Adult Social Care"] * 2 + ["Children's Social Care"] * 2,
            "job_title": ["ASYE Social Worker", "Social Worker"] * 2,
            "profession": ["Social work"] * 4,
            "permanent_fte": [3.0, 40.0, 10.0, 45.0],
            "agency_fte": [1.0, 12.0, 2.0, 3.0],
        }
    )
    measures = sc.measures_table(sc.newly_qualified(snap))
    shown = sc.scorecard_view(measures, Policy("public", 5)).set_index("Figure for")
    adults = "Adult Social Care: newly qualified social workers (% of social work FTE in post)"
    children = adults.replace("Adult", "Children's")
    assert shown.loc[adults, "Figure"] == SUPPRESSED
    assert shown.loc[children, "Figure"] == pytest.approx(100 * 12 / 60)
    # The exempt scorecard shows both: 4 / 56 = 7.14%.
    full = sc.scorecard_view(measures, Policy("exempt", 5)).set_index("Figure for")
    assert full.loc[adults, "Figure"] == pytest.approx(100 * 4 / 56)
    # The note under the public scorecard says what the [c] stands for; the exempt one has none.
    public_caption = sc.scorecard_caption(measures, Policy("public", 5))
    assert public_caption.endswith(". A figure shown as [c] is hidden: it rests on a group of "
                                   "people too small to publish, which other figures in this "
                                   "report would give away")  # fmt: skip
    assert "[c]" not in sc.scorecard_caption(measures, Policy("exempt", 5))
