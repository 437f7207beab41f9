"""SectionResult and TidyTable: tidy tables that say what their columns hold, results that agree
with themselves, shown with labels, formats and disclosure applied at display time (built once
and read back: tests/core/test_section_build.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core import presentation
from pipelines.core.disclosure import Policy
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import Figure, Kind
from pipelines.core.results import (
    ChartSpec,
    Column,
    ProposedFinding,
    SectionResult,
    TidyTable,
    population_text,
    share_materiality,
)

BY = {"Service": "service"}


def table(leavers=(3, 12), posts=(20, 40), total=False) -> TidyTable:
    """A turnover table of two services, made here (not from the demo data)."""
    frame = pd.DataFrame(
        {
            "service": ["A", "B"],
            "leavers": list(leavers),
            "posts": list(posts),
            "rate": [100 * n / p for n, p in zip(leavers, posts, strict=True)],
        }
    )
    return TidyTable(
        name="turnover",
        frame=frame,
        columns={
            "service": Column("Service"),
            "leavers": Column("Leavers", Kind.PEOPLE, Population("leavers", BY)),
            "posts": Column("Posts", Kind.POSTS),
            "rate": Column(
                "Turnover (%)",
                Kind.PEOPLE_PER_100_POSTS,
                Population("posts", BY),
                numerator="leavers",
                denominator="posts",
                format="{:.1f}",
                measure="turnover",
            ),
        },
        caption="Turnover by service",
        source="HR",
        period="2015-16",
        total=total,
    )


def figure(key="turnover_b", value=30.0, **extra) -> Figure:
    base = dict(
        key=key,
        label="B: turnover",
        value=value,
        kind=Kind.PEOPLE_PER_100_POSTS,
        numerator=12.0,
        denominator=40.0,
        direction="lower",
        source="HR",
        period="2015-16",
        section="99_test",
        table="turnover",
        row="B",
        column="Turnover (%)",
        measure="turnover",
        population="B: posts",
    )
    base.update(extra)
    return Figure(**base)


def test_columns_carry_kind_population_and_numerator_keyed_by_label():
    t = table()
    assert t.kinds() == {
        "Leavers": Kind.PEOPLE,
        "Posts": Kind.POSTS,
        "Turnover (%)": Kind.PEOPLE_PER_100_POSTS,
    }
    assert t.populations()["Leavers"] == Population("leavers", {"Service": "Service"})
    assert t.numerators() == {"Turnover (%)": "Leavers"}
    assert t.formats() == {"Turnover (%)": "{:.1f}"}
    assert list(t.labelled().columns) == ["Service", "Leavers", "Posts", "Turnover (%)"]
    # The tidy frame stays as it was: tidy names, no total row.
    assert list(t.frame.columns) == ["service", "leavers", "posts", "rate"]


def test_a_column_without_description_or_a_reference_to_no_column_is_refused():
    frame = pd.DataFrame({"service": ["A"], "leavers": [3]})
    with pytest.raises(ValueError, match="columns described"):
        TidyTable("t", frame, {"service": Column("Service")}, "c", "s")
    with pytest.raises(ValueError, match="refers to posts"):
        TidyTable(
            "t",
            frame,
            {"service": Column("Service"), "leavers": Column("L", Kind.PEOPLE, numerator="posts")},
            "c",
            "s",
        )


def test_total_row_sums_counts_and_recomputes_the_rate_from_its_totals():
    shown = table(leavers=(3, 12), posts=(20, 40), total=True).labelled()
    total = shown.iloc[-1]
    assert total["Service"] == "Total"
    assert total["Leavers"] == 15 and total["Posts"] == 60
    # 15 leavers over 60 posts is 25%, not the mean of 15% and 30%.
    assert total["Turnover (%)"] == pytest.approx(25.0)


def test_each_rate_cell_has_an_identity_of_measure_population_and_period():
    t = table()
    assert t.identity("rate", 1) == ("turnover", "B: posts", "2015-16")
    assert t.identity("leavers", 1) is None  # no measure: a count shown as context
    assert population_text(
        Population("leavers", BY, {"Profession": "Social work"}), {"service": "A"}
    ) == ("A, Social work: leavers")


def test_a_result_refuses_a_figure_that_disagrees_with_its_table_cell():
    t = table()
    SectionResult("99_test", (figure(value=30.0),), {"turnover": t})
    with pytest.raises(ValueError, match="turnover shows 30.0"):
        SectionResult("99_test", (figure(value=23.6),), {"turnover": t})


def test_a_figure_with_no_value_agrees_with_an_empty_cell_only():
    """A rate the data cannot give (a column the council does not collect: NaN) is the table's
    empty cell, not a disagreement; beside a number it is still refused (issue 21)."""
    t = table()
    t.frame.loc[1, "rate"] = float("nan")
    SectionResult("99_test", (figure(value=float("nan")),), {"turnover": t})
    SectionResult("99_test", (figure(value=None),), {"turnover": t})
    with pytest.raises(ValueError, match="turnover shows nan"):
        SectionResult("99_test", (figure(value=30.0),), {"turnover": t})
    with pytest.raises(ValueError, match="is nan but turnover shows 30.0"):
        SectionResult("99_test", (figure(value=float("nan")),), {"turnover": table()})


def test_a_result_refuses_one_identity_with_two_values_and_one_key_twice():
    one = figure(table=None)
    other = figure(key="turnover_b_again", value=31.0, table=None)
    with pytest.raises(ValueError, match="two values"):
        SectionResult("99_test", (one, other))
    with pytest.raises(ValueError, match="given twice"):
        SectionResult("99_test", (one, one))
    # Two bases are two populations: both may be given.
    SectionResult("99_test", (one, other.model_copy(update={"population": "B: social workers"})))


def test_findings_and_charts_must_name_a_figure_and_a_table():
    with pytest.raises(ValueError, match="not a figure"):
        SectionResult("99_test", (), {}, (ProposedFinding("nope", 1.0, "people"),))
    with pytest.raises(ValueError, match="on no table"):
        SectionResult("99_test", charts={"c": ChartSpec("c", "nope", "bar", "x", ("y",), "t")})


def test_share_materiality_is_the_gap_to_target_times_the_base():
    # 30% turnover of 40 posts against a 15% target: 15 points x 40 / 100 = 6 leavers a year.
    m = share_materiality(figure(comparators={"target": 15.0}))
    assert m == ProposedFinding("turnover_b", pytest.approx(6.0), "people a year", "target", 15.0)
    assert share_materiality(figure(comparators={"target": 35.0})) is None
    assert share_materiality(figure()) is None


@given(
    leavers=st.lists(st.integers(0, 500), min_size=1, max_size=6),
    extra=st.lists(st.integers(1, 500), min_size=6, max_size=6),
)
def test_total_rate_is_always_total_numerator_over_total_denominator(leavers, extra):
    posts = [n + e for n, e in zip(leavers, extra, strict=False)]
    frame = pd.DataFrame(
        {
            "group": [f"g{i}" for i in range(len(leavers))],
            "n": leavers,
            "d": posts,
            "r": [100 * n / d for n, d in zip(leavers, posts, strict=True)],
        }
    )
    t = TidyTable(
        "t",
        frame,
        {
            "group": Column("Group"),
            "n": Column("N", Kind.PEOPLE),
            "d": Column("D", Kind.POSTS),
            "r": Column("R", Kind.PEOPLE_PER_100_POSTS, numerator="n", denominator="d"),
        },
        "c",
        "s",
        total=True,
    )
    total = t.labelled().iloc[-1]
    assert total["N"] == sum(leavers) and total["D"] == sum(posts)
    assert total["R"] == pytest.approx(100 * sum(leavers) / sum(posts))


def test_page_shows_a_tidy_table_with_labels_formats_and_suppression(monkeypatch):
    shown = []
    monkeypatch.setattr(presentation, "display", lambda html, plain, meta: shown.append(meta))

    class Ctx:
        policy = Policy("public", 5)
        review = None
        processed_dir = None

    page = presentation.Page(Ctx())
    monkeypatch.setattr(page, "flag_warnings", lambda name: None)
    page.show(table(leavers=(3, 12)))
    meta = shown[0][presentation.META_KEY]
    data = pd.read_json(__import__("io").StringIO(meta["data"]), orient="split")
    assert meta["name"] == "turnover" and meta["caption"] == "Turnover by service"
    assert list(data.columns) == ["Service", "Leavers", "Posts", "Turnover (%)"]
    # 3 leavers is fewer than 5: hidden, with the rate computed from it; posts never are.
    assert data.loc[0, "Leavers"] == "[c]" and data.loc[0, "Turnover (%)"] == "[c]"
    assert data.loc[0, "Posts"] == 20 and data.loc[1, "Leavers"] == 12
    assert meta["kinds"]["Posts"] == Kind.POSTS.value
