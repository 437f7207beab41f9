"""The disclosure audit (linear programming over published tables) and the suppression it drives."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.disclosure import SUPPRESSED, Policy, protect, protect_table, table_layout
from pipelines.core.disclosure_audit import (
    INFEASIBLE,
    Layout,
    Population,
    PublishedTable,
    audit,
    component_ranges_by_lp,
    component_ranges_closed_form,
    count_whole_numbers,
    is_recoverable,
)
from pipelines.core.figures import Kind
from tests.conftest import examples

PUBLIC = Policy("public", 5)


def published(name: str, df: pd.DataFrame, **layout) -> PublishedTable:
    return PublishedTable(name, df.astype(object), Layout(**layout))


def test_a_total_and_one_suppressed_cell_is_caught():
    df = pd.DataFrame({"Reason": ["a", "b", "c", "Total"], "Leavers": [10, SUPPRESSED, 7, 20]})
    result = audit([published("t", df, counts=("Leavers",), total_rows=(3,))], 5)
    [cell] = result.ranges
    assert (cell.low, cell.high) == pytest.approx((3, 3)) and cell.recoverable
    assert not result.safe


def test_two_suppressed_cells_under_a_total_leave_a_wide_range():
    df = pd.DataFrame(
        {"Reason": ["a", "b", "c", "Total"], "Leavers": [10, SUPPRESSED, SUPPRESSED, 20]}
    )
    result = audit([published("t", df, counts=("Leavers",), total_rows=(3,))], 5)
    assert [(r.low, r.high) for r in result.ranges] == [(1, 9), (1, 9)]
    assert result.safe and "no suppressed value can be recovered" in result.summary()


def test_a_narrow_range_is_a_disclosure_even_when_not_unique():
    # Three suppressed cells sum to 4: each is 1 or 2, narrower than "fewer than 5".
    df = pd.DataFrame(
        {
            "Role": ["a", "b", "c", "d", "Total"],
            "Leavers": [5, SUPPRESSED, SUPPRESSED, SUPPRESSED, 9],
        }
    )
    result = audit([published("t", df, counts=("Leavers",), total_rows=(4,))], 5)
    assert all((r.low, r.high) == pytest.approx((1, 2)) and r.recoverable for r in result.ranges)


def test_recoverable_rule():
    assert is_recoverable(3, 3, 5)  # unique
    assert is_recoverable(1, 3.5, 5)  # 1, 2 or 3: narrower than 1..4
    assert not is_recoverable(1, 4, 5)  # as wide as "[c]" itself
    assert not is_recoverable(6, 7, 5)  # known to be at least the threshold: no small number
    assert not is_recoverable(0, 0, 5)  # known zero (zeros are published anyway)
    assert count_whole_numbers(0.5, 3.2) == 3


def test_a_published_mean_with_the_answered_total_solves_two_suppressed_counts():
    # 1*x + 5*y with x + y = 4 and the mean published: the survey rows.
    counts = {"1 most positive": 3, "2": 10, "3 middle": 16, "4": 11, "5 most negative": 3}
    mean = sum(int(k[0]) * v for k, v in counts.items()) / 43
    df = pd.DataFrame({"Question": ["q"], "Answered": [43], **{k: [v] for k, v in counts.items()}})
    df["Average"] = mean
    layout = table_layout(df, not_counts=["Average"])
    assert layout.means == {"Average": {c: float(c[0]) for c in counts}}
    raw = df.astype(object)
    raw.loc[0, "1 most positive"] = raw.loc[0, "5 most negative"] = SUPPRESSED
    result = audit([PublishedTable("likert", raw, layout)], 5)
    assert all(r.recoverable for r in result.ranges)
    without_mean = Layout(counts=layout.counts, total_columns=layout.total_columns)
    assert audit([PublishedTable("likert", raw, without_mean)], 5).safe


def test_protect_table_keeps_the_mean_and_hides_enough_answers():
    counts = {"1 most positive": [3, 0], "2": [10, 3], "3 middle": [16, 8], "4": [11, 6]}
    counts["5 most negative"] = [3, 1]
    df = pd.DataFrame({"Question": ["a", "b"], "Answered": [43, 18], **counts})
    df["Average"] = sum(int(k[0]) * df[k] for k in counts) / df["Answered"]
    p = protect(df, not_counts=["Average"], pol=PUBLIC, name="likert")
    assert p.shown["Average"].tolist() == df["Average"].tolist()
    assert p.shown["Answered"].tolist() == [43, 18]
    result = audit([p.table], 5)
    assert result.ranges and result.safe


def test_after_protect_table_nothing_is_recoverable_within_a_table():
    df = pd.DataFrame({"Role": ["a", "b", "c", "d", "Total"], "Leavers": [5, 2, 1, 1, 9]})
    p = protect(df, pol=PUBLIC, name="roles")
    assert p.shown["Leavers"].tolist() == [SUPPRESSED] * 4 + [9]
    assert audit([p.table], 5).safe


def test_kinds_decide_what_is_suppressed():
    df = pd.DataFrame(
        {
            "Service": ["A", "B"],
            "Leavers": [3, 12],
            "Qualified posts": [2, 40],
            "Agency FTE": [1.0, 3.0],
            "Spend (£)": [4, 4],
            "Turnover (%)": [150.0, 30.0],
            "Agency rate (%)": [2.5, 7.5],
            "Cases": [3, 60],
        }
    )
    kinds = {
        "Leavers": Kind.PEOPLE,
        "Qualified posts": Kind.POSTS,
        "Agency FTE": Kind.FTE,
        "Spend (£)": Kind.MONEY,
        "Turnover (%)": Kind.PEOPLE_PER_100_POSTS,
        "Agency rate (%)": Kind.PERCENT_OF_FTE,
    }
    shown, _ = protect_table(df, kinds=kinds, pol=PUBLIC)
    assert shown["Leavers"].tolist() == [SUPPRESSED, 12]
    assert shown["Turnover (%)"].tolist() == [SUPPRESSED, 30.0]
    for column in ("Qualified posts", "Agency FTE", "Spend (£)", "Agency rate (%)"):
        assert shown[column].tolist() == df[column].tolist(), column
    # A column not named in kinds keeps the older inference (whole numbers count people).
    assert shown["Cases"].tolist() == [SUPPRESSED, 60]


def test_numerators_hide_only_the_rate_of_the_hidden_count():
    df = pd.DataFrame(
        {
            "Service": ["A", "B"],
            "Leavers": [9, 26],
            "Turnover (%)": [14.1, 23.2],
            "Social work leavers": [3, 26],
            "Turnover, social workers (%)": [5.0, 23.6],
        }
    )
    kinds = {c: Kind.PEOPLE for c in df.columns if "Leavers" in c or "leavers" in c}
    kinds |= {c: Kind.PEOPLE_PER_100_POSTS for c in df.columns if "%" in c}
    shown, _ = protect_table(
        df,
        kinds=kinds,
        numerators={
            "Turnover (%)": "Leavers",
            "Turnover, social workers (%)": "Social work leavers",
        },
        pol=PUBLIC,
    )
    assert shown.iloc[0].tolist() == ["A", 9, 14.1, SUPPRESSED, SUPPRESSED]


def leavers_tables(pol: Policy) -> list[PublishedTable]:
    """The issue's cases: turnover total minus visible social workers; forms by profession."""
    kinds = {"Leavers": Kind.PEOPLE, "Social work leavers": Kind.PEOPLE}
    by_service = Population("leavers", by={"Service": "Service"})
    social_work = Population(
        "leavers", by={"Service": "Service"}, fixed={"Profession": "Social work"}
    )
    tables: list[PublishedTable] = []
    turnover = pd.DataFrame({"Service": ["Adults", "Children"], "Leavers": [9, 26]})
    turnover["Social work leavers"] = [8, 26]
    roles = pd.DataFrame(
        {
            "Role": ["Social Worker", "Advanced Practitioner", "OT", "Team Manager", "Total"],
            "Profession": ["Social work", "Social work", "Occupational therapy", "Social work", ""],
            "Leavers": [5, 2, 1, 1, 9],
        }
    )
    returns = pd.DataFrame(
        {"Service": ["Adults", "Children", "Total"], "Leavers": [9, 26, 35], "Forms": [3, 10, 13]}
    )
    by_profession = pd.DataFrame(
        {
            "Service": ["Adults", "Adults", "Children", "Total"],
            "Profession": ["Occupational therapy", "Social work", "Social work", ""],
            "Forms": [1, 2, 10, 13],
        }
    )
    would_return = pd.DataFrame({"Answer": ["Yes", "No", "Not answered"], "Leavers": [11, 2, 0]})
    specs = [
        ("turnover", turnover, {"Leavers": by_service, "Social work leavers": social_work}),
        (
            "roles",
            roles,
            {"Leavers": Population("leavers", {"Profession": "Profession"}, {"Service": "Adults"})},
        ),
        (
            "returns",
            returns,
            {"Leavers": by_service, "Forms": Population("exit_forms", {"Service": "Service"})},
        ),
        (
            "by_profession",
            by_profession,
            {"Forms": Population("exit_forms", {"Service": "Service", "Profession": "Profession"})},
        ),
        ("would_return", would_return, {"Leavers": Population("exit_forms", {"Return": "Answer"})}),
    ]
    for name, df, populations in specs:
        p = protect(df, kinds=kinds, populations=populations, prior=tables, name=name, pol=pol)
        tables.append(p.table)
    return tables


def test_the_same_population_in_two_tables_is_suppressed_consistently():
    tables = leavers_tables(PUBLIC)
    shown = {t.name: t.data for t in tables}
    # 9 - 8 would give away the one occupational therapist: social-work leavers are hidden.
    assert shown["turnover"].loc[0, "Social work leavers"] == SUPPRESSED
    # The forms table must not give 13 - 10 = 3 for adults: children's 10 is hidden there too.
    assert shown["by_profession"].loc[2, "Forms"] == SUPPRESSED
    # "Would return: No" = 13 - 11 is not left to subtraction.
    assert shown["would_return"].loc[0, "Leavers"] == SUPPRESSED
    result = audit(tables, 5)
    assert result.safe, [r for r in result.recoverable]
    assert any(r.implicit for r in result.ranges)


def test_the_audit_finds_total_minus_a_visible_part():
    # Turnover as published before: 9 leavers, 8 of them social workers: one other leaver.
    turnover = pd.DataFrame(
        {"Service": ["Adults", "Children"], "Leavers": [9, 26], "Social work leavers": [8, 26]}
    )
    layout = Layout(
        counts=("Leavers", "Social work leavers"),
        populations={
            "Leavers": Population("leavers", {"Service": "Service"}),
            "Social work leavers": Population(
                "leavers", {"Service": "Service"}, {"Profession": "Social work"}
            ),
        },
    )
    result = audit([PublishedTable("turnover", turnover.astype(object), layout)], 5)
    [leak] = result.recoverable
    assert leak.implicit and (leak.low, leak.high) == pytest.approx((1, 1))


def test_contradicting_tables_are_reported():
    a = published("a", pd.DataFrame({"S": ["x", "Total"], "N": [SUPPRESSED, 5]}), counts=("N",))
    b = PublishedTable(
        "b",
        pd.DataFrame({"S": ["x", "y", "Total"], "N": [SUPPRESSED, 9, 5]}).astype(object),
        Layout(counts=("N",), total_rows=(2,)),
    )
    assert audit([a, b], 5).inconsistent


tables_2_to_4 = st.integers(2, 4).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 20), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=tables_2_to_4, threshold=st.sampled_from([3, 5]))
def test_no_suppressed_cell_can_be_recovered_after_protect_table(body, threshold):
    columns = [f"Group {j + 1}" for j in range(len(body[0]))]
    df = pd.DataFrame(body, columns=columns)
    df["All groups"] = df[columns].sum(axis=1)
    df.insert(0, "Row", [f"r{i}" for i in range(len(df))])
    total = df.drop(columns="Row").sum()
    df = pd.concat([df, pd.DataFrame([{"Row": "Total", **total.to_dict()}])], ignore_index=True)
    pol = Policy("public", threshold)
    p = protect(df, pol=pol, name="t")
    shown = p.shown
    layout = table_layout(df)
    assert set(layout.counts) == {*columns, "All groups"}
    assert "All groups" in layout.total_columns and layout.total_rows == (len(df) - 1,)
    # No published count is small.
    for c in layout.counts:
        for v in shown[c]:
            assert v == SUPPRESSED or not (0 < v < threshold)
    # The independent audit, from the published table and the layout only.
    result = audit([PublishedTable("t", shown.reset_index(drop=True), layout)], threshold)
    assert not result.inconsistent
    assert not result.recoverable, result.recoverable
    hidden = int((shown[list(layout.counts)] == SUPPRESSED).to_numpy().sum())
    assert len(result.ranges) == hidden


@st.composite
def _component(draw):
    """A connected component of one of the shapes the closed form knows, feasible or not: its
    constraint rows (coefficients, low, high) and lower bounds."""
    n = draw(st.integers(1, 5))
    floors = [float(draw(st.sampled_from([0, 1]))) for _ in range(n)]
    shape = draw(
        st.sampled_from(
            [
                "none",
                "one sum",
                "one sum and a range",
                "determined",
                "determined, contradicted",
                "determined, a range",
            ]
        )
    )
    if shape == "none":
        return [], floors
    if shape.startswith("one sum"):
        a = np.array([float(draw(st.integers(1, 4))) for _ in range(n)])
        b = float(draw(st.integers(0, 40)))  # below a . l sometimes: no solution
        rows = [(a, b, b)]
        if shape == "one sum and a range":  # e.g. a published mean within its rounding
            line = np.array([float(draw(st.integers(-4, 4))) for _ in range(n)])
            low = float(draw(st.integers(-30, 30)))
            rows.append((line, low, low + draw(st.sampled_from([0.5, 1.0, 7.0]))))
        return rows, floors
    x = np.array([float(draw(st.integers(0, 12))) for _ in range(n)])
    while True:
        a = np.array([[float(draw(st.integers(-2, 3))) for _ in range(n)] for _ in range(n)])
        if np.linalg.matrix_rank(a) == n:
            break
        a = a + np.eye(n)
        if np.linalg.matrix_rank(a) == n:
            break
    b = a @ x
    rows = [(a[i], float(b[i]), float(b[i])) for i in range(n)]
    if shape == "determined, contradicted":  # one more equation the solution does not meet
        rows.append((a[0], float(b[0]) + 1.0, float(b[0]) + 1.0))
    if shape == "determined, a range":  # an inequality the solution meets, or misses by 1 or more
        line = np.array([float(draw(st.integers(-3, 3))) for _ in range(n)])
        low = float(line @ x) - draw(st.integers(-3, 2))
        rows.append((line, low, low + draw(st.integers(1, 4))))
    return rows, floors


@settings(max_examples=examples(150), deadline=None)
@given(_component())
def test_closed_form_ranges_equal_the_linear_programs(component):
    """Every range the closed form gives (or its "no solution") is what two linear programs per
    unknown give, for the shapes it accepts: no constraint, one positive sum, a determined
    system."""
    rows, floors = component
    closed = component_ranges_closed_form(rows, floors)
    if len(rows) == 1 and len(floors) == 1:
        assert closed is not None  # one unknown, one equation: determined
    if closed is None:
        return
    by_lp = component_ranges_by_lp(rows, floors)
    if by_lp == INFEASIBLE or closed == INFEASIBLE:
        assert closed == by_lp
        return
    for (lo, hi), (lp_lo, lp_hi) in zip(closed, by_lp, strict=True):
        assert lo == pytest.approx(lp_lo, abs=1e-6)
        assert hi == pytest.approx(lp_hi, abs=1e-6) or (math.isinf(hi) and math.isinf(lp_hi))


def test_closed_form_one_sum_by_hand():
    """Two suppressed cells (each at least 1) summing to 9: each lies in [1, 8]; summing to 1:
    no solution."""
    rows = [(np.array([1.0, 1.0]), 9.0, 9.0)]
    assert component_ranges_closed_form(rows, [1.0, 1.0]) == [(1.0, 8.0), (1.0, 8.0)]
    assert component_ranges_closed_form([(np.array([1.0, 1.0]), 1.0, 1.0)], [1.0, 1.0]) == (
        INFEASIBLE
    )


def test_hidden_counts_a_legend_says_are_under_the_threshold_cannot_sum_to_a_give_away():
    """5, [c], [c], 0 of 13 answered, under "[c] = fewer than 5 people": the two hidden counts
    sum to 8 and each is at most 4, so both are 4 (issue 22, reader11, L21 aspect ratings).
    Under the legend the table is audited with each [c] at most 4; protection hides one more
    count (the 5), and the legend then says a hidden figure may be 5 or more."""
    df = pd.DataFrame(
        {"Aspect": ["Communication"], "Excellent": [5], "Good": [4], "Average": [4], "Poor": [0],
         "Answered": [13]}
    )  # fmt: skip
    counts = ["Excellent", "Good", "Average", "Poor", "Answered"]
    shown = df.astype(object).copy()
    shown[["Good", "Average"]] = SUPPRESSED
    lay = Layout(
        counts=tuple(counts), total_columns={"Answered": ("Excellent", "Good", "Average", "Poor")}
    )
    as_shown = [PublishedTable("aspects", shown, lay)]
    assert audit(as_shown, 5).safe  # any size: 1 and 7 would do
    bounded = audit(as_shown, 5, bounded={"aspects"})
    assert {(r.low, r.high) for r in bounded.recoverable} == {(4, 4)}  # both 4: given away
    out, notes = protect_table(df, kinds=dict.fromkeys(counts, Kind.PEOPLE), pol=PUBLIC)
    assert list(out.iloc[0]) == ["Communication", SUPPRESSED, SUPPRESSED, SUPPRESSED, 0, 13]
    assert "may be 5 or more" in notes[-1]


@st.composite
def _bounded_sum(draw):
    """Suppressed cells summing to a published remainder, each at least 0 or 1 and, in a table
    whose legend says "fewer than 5", at most 4; the remainder sometimes out of reach."""
    n = draw(st.integers(1, 6))
    floors = [float(draw(st.sampled_from([0, 1]))) for _ in range(n)]
    tops = [draw(st.sampled_from([4.0, 4.0, math.inf])) for _ in range(n)]
    a = np.array([float(draw(st.integers(1, 3))) for _ in range(n)])
    total = float(draw(st.integers(0, 30)))
    return [(a, total, total)], floors, tops


@settings(max_examples=examples(200), deadline=None)
@given(_bounded_sum())
def test_closed_form_with_upper_bounds_equals_the_linear_programs(component):
    """A table that is one equality (its hidden cells sum to what its total leaves) with lower
    and upper bounds has ranges in closed form, equal to the two linear programs per cell,
    "no solution" included (issue 24: the bounded tables no longer need a solver)."""
    rows, floors, tops = component
    closed = component_ranges_closed_form(rows, floors, tops)
    assert closed is not None
    by_lp = component_ranges_by_lp(rows, floors, tops)
    if by_lp == INFEASIBLE or closed == INFEASIBLE:
        assert closed == by_lp
        return
    for (lo, hi), (lp_lo, lp_hi) in zip(closed, by_lp, strict=True):
        assert lo == pytest.approx(lp_lo, abs=1e-6)
        assert hi == pytest.approx(lp_hi, abs=1e-6) or (math.isinf(hi) and math.isinf(lp_hi))


def test_closed_form_with_upper_bounds_by_hand():
    """Two hidden counts of 1 to 4 summing to 8 are 4 and 4; summing to 6, each is 2 to 4;
    summing to 9, no solution. Beside an unbounded one, 8 leaves each bounded one 1 to 4 and
    the other 1 to 6."""
    two = np.array([1.0, 1.0])
    assert component_ranges_closed_form([(two, 8.0, 8.0)], [1, 1], [4, 4]) == [(4, 4), (4, 4)]
    assert component_ranges_closed_form([(two, 6.0, 6.0)], [1, 1], [4, 4]) == [(2, 4), (2, 4)]
    assert component_ranges_closed_form([(two, 9.0, 9.0)], [1, 1], [4, 4]) == INFEASIBLE
    three = np.array([1.0, 1.0, 1.0])
    assert component_ranges_closed_form([(three, 8.0, 8.0)], [1, 1, 1], [4, 4, math.inf]) == [
        (1, 4), (1, 4), (1, 6)
    ]  # fmt: skip


def _likert(rows: dict, **extra) -> PublishedTable:
    """A survey table as published: answers scored 1 and 2, the number answered, the average."""
    df = pd.DataFrame(rows)
    return published(
        "likert",
        df,
        counts=("1 Agree", "2 Disagree", "Answered"),
        total_columns={"Answered": ("1 Agree", "2 Disagree")},
        means={"Average": {"1 Agree": 1.0, "2 Disagree": 2.0}},
        **extra,
    )


def test_an_average_over_a_hidden_number_answered_bounds_the_counts_by_its_rounding():
    """A row whose counts and number answered are hidden, beside its average 1.25 (issue 22,
    the Eastmoor likert rows): the average lies in [1.245, 1.255], so the disagreeing share
    n2 / (n1 + n2) lies in [0.245, 0.255]. With n2 at least 1, n1 is at least
    0.745 / 0.255 = 2.92; neither count has an upper bound."""
    table = _likert(
        {"Q": ["q1"], "1 Agree": [SUPPRESSED], "2 Disagree": [SUPPRESSED],
         "Answered": [SUPPRESSED], "Average": ["1.25"]}
    )  # fmt: skip
    result = audit([table], 5)
    assert not result.inconsistent
    ranges = {r.cell[2]: (r.low, r.high) for r in result.ranges}
    assert ranges["1 Agree"][0] == pytest.approx(0.745 / 0.255, abs=1e-6)
    assert ranges["2 Disagree"][0] == pytest.approx(1.0)
    assert math.isinf(ranges["1 Agree"][1]) and math.isinf(ranges["2 Disagree"][1])


def test_an_average_over_more_than_a_hundred_hidden_answers_is_checked_not_contradicted():
    """Row a hides its counts and its number answered; row b and the Total row are published,
    so a's counts are the Total less b's: 150 - 10 = 140 agree and 111 - 0 = 111 disagree, 251
    answered, average 362 / 251 = 1.4422, printed 1.44. The model used to take 100 answers as
    the most a hidden number answered could be, so it allowed 0.005 x 100 = 0.5 for the
    average's rounding where 362 - 1.44 x 251 = 0.56 is needed: no solution (a warning, nothing
    checked). Now the row is checked and its counts are found, each one value."""
    table = _likert(
        {"Q": ["a", "b", "Total"], "1 Agree": [SUPPRESSED, 10, 150],
         "2 Disagree": [SUPPRESSED, 0, 111], "Answered": [SUPPRESSED, 10, 261],
         "Average": ["1.44", "1.00", "1.43"]},
        total_rows=(2,),
    )  # fmt: skip
    result = audit([table], 5)
    assert not result.inconsistent
    ranges = {r.cell[2]: (r.low, r.high) for r in result.ranges}
    assert ranges["1 Agree"] == pytest.approx((140, 140))
    assert ranges["2 Disagree"] == pytest.approx((111, 111))
    assert ranges["Answered"] == pytest.approx((251, 251))


def test_a_row_with_every_count_hidden_beside_its_average_is_checked():
    """The Eastmoor likert row (issue 22): the number answered and the counts of answers 1 to 4
    hidden, no answer 5, the average printed 2.45. The row has a solution (1, 1, 1, 1 with a
    little more on answer 1); the solver used to call the largest number answered, which has
    no upper bound, "infeasible", so the row was a warning and nothing was checked. By hand:
    the fewest answers are 4 + t with (10 + t) / (4 + t) = 2.455, t = 0.18 / 1.455."""
    scores = {"1 most positive": 1.0, "2": 2.0, "3 middle": 3.0, "4": 4.0, "5 most negative": 5.0}
    df = pd.DataFrame(
        [["Job satisfaction", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, 0,
          "2.45"]],
        columns=["Question", "Answered", *scores, "Average"],
    )  # fmt: skip
    table = published(
        "likert",
        df,
        counts=("Answered", *scores),
        total_columns={"Answered": tuple(scores)},
        means={"Average": scores},
    )
    result = audit([table], 5)
    assert not result.inconsistent and result.safe
    ranges = {r.cell[2]: (r.low, r.high) for r in result.ranges}
    assert ranges["Answered"][0] == pytest.approx(4 + 0.18 / 1.455, abs=1e-6)
    assert all(math.isinf(high) for _, high in ranges.values())
    assert [ranges[c][0] for c in ("2", "3 middle", "4")] == pytest.approx([1, 1, 1])
