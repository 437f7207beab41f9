"""The leavers section's result, built from data made here: the turnover table says what its
columns hold, and the turnover figures are that table's cells (two bases, two populations)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.figures import Kind
from pipelines.core.results import FramesContext, SectionResult
from pipelines.core.review_targets import TargetSource
from pipelines.sections.leavers import result as lr
from pipelines.sections.leavers.parameters import LeaversParameters
from tests.sections.figure_checks import CFG

#: The demo review with a sourced 15% turnover target (the Luton papers set none: issue 22).
TARGETED = CFG.model_copy(
    update={
        "targets": CFG.targets.model_copy(update={"turnover_percent": 15.0}),
        "target_sources": {
            **CFG.target_sources,
            "turnover_percent": TargetSource(kind="plan", name="Workforce plan", date="2016-01-01"),
        },
    }
)

CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
START = pd.Timestamp(CFG.period.start)


def frames() -> dict[str, pd.DataFrame]:
    """Six children's leavers in the period (four social workers) and one before it; two adults'.

    Children's: 24 qualified posts (20 social worker, 4 occupational therapist); adults': 10
    (all social worker).
    """
    rows = [
        (CHILDREN, "Social work", 0.5, "Career – better opportunity", 10),
        (CHILDREN, "Social work", 1.5, "Career – better opportunity", 20),
        (CHILDREN, "Social work", 3.0, "Retirement", 30),
        (CHILDREN, "Social work", 6.0, "Moving", 40),
        (CHILDREN, "Occupational therapy", 0.2, "Moving", 50),
        (CHILDREN, "Occupational therapy", 8.0, "Retirement", 60),
        (CHILDREN, "Social work", 1.0, "Moving", -30),  # left before the period
        (ADULTS, "Social work", 4.0, "Retirement", 70),
        (ADULTS, "Social work", 9.0, "Moving", 80),
    ]
    leavers = pd.DataFrame(
        [
            {
                "service": s,
                "profession": p,
                "role": "Social Worker",
                "years_of_service": y,
                "leaving_reason": r,
                "leaving_date": START + pd.Timedelta(days=d),
            }
            for s, p, y, r, d in rows
        ]
    )
    establishment = pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN, ADULTS],
            "profession": ["Social work", "Occupational therapy", "Social work"],
            "posts": [20, 4, 10],
        }
    )
    return {"leavers": leavers, "establishment": establishment}


@pytest.fixture(scope="module")
def result() -> SectionResult:
    return lr.build(FramesContext(TARGETED, None, frames()), LeaversParameters())


def test_turnover_table_is_tidy_and_its_columns_say_what_they_hold(result):
    table = result.tables["turnover"]
    assert table.frame["service"].tolist() == [CHILDREN, ADULTS]
    assert table.frame["leavers"].tolist() == [6, 2]
    rate = table.columns["turnover_percent"]
    assert (rate.kind, rate.numerator, rate.denominator) == (
        Kind.PEOPLE_PER_100_POSTS,
        "leavers",
        "qualified_posts",
    )
    assert table.columns["leavers"].kind is Kind.PEOPLE
    assert table.columns["qualified_posts"].kind is Kind.POSTS
    assert table.populations()["Social work leavers"].fixed == {"Profession": "Social work"}


def test_turnover_figures_are_the_tables_cells_on_two_bases(result):
    children = result.figure("turnover_childrens")
    # 6 leavers over 24 qualified posts; 4 social work leavers over 20 social worker posts.
    assert children.value == pytest.approx(25.0)
    assert (children.numerator, children.denominator) == (6.0, 24.0)
    social = result.figure("social_work_turnover_childrens")
    assert social.value == pytest.approx(20.0)
    assert (social.numerator, social.denominator) == (4.0, 20.0)
    assert result.figure("turnover_adults").value == pytest.approx(20.0)
    assert children.measure == social.measure == "turnover"
    assert children.population == f"{CHILDREN}: qualified posts"
    assert social.population == f"{CHILDREN}: social worker posts"
    assert children.identity != social.identity
    assert children.period == CFG.period.label
    # Only the qualified-posts basis is compared with the review's target.
    assert children.comparators == {"target": TARGETED.targets.turnover_percent}
    assert social.comparators == {}


def test_findings_are_proposed_with_their_materiality(result):
    first = result.findings[0]
    assert first.figure == "turnover_childrens"
    # (25% - 15% target) x 24 posts / 100 = 2.4 leavers a year more than the target allows.
    assert TARGETED.targets.turnover_percent == 15
    assert first.materiality == pytest.approx(2.4)
    assert first.unit == "people a year"
    # Adults' 20% of 10 posts: 0.5 a year; short service has no target here.
    assert [f.figure for f in result.findings] == ["turnover_childrens", "turnover_adults"]


def test_other_figures_come_with_the_result(result):
    short = result.figure("short_service_childrens")
    # Less than 2 years: 0.5, 1.5 and 0.2 of the 6 children's leavers in the period.
    assert (short.numerator, short.denominator) == (3.0, 6.0)
    reasons = result.figure("leaving_reasons")
    assert reasons.value == 3.0 and reasons.denominator == 8.0


def test_without_an_establishment_there_is_no_turnover(result):
    data = frames()
    data.pop("establishment")
    bare = lr.build(FramesContext(CFG, None, data), LeaversParameters())
    assert "turnover" not in bare.tables
    assert not [k for k in bare.figure_keys() if "turnover" in k]
    assert "short_service_childrens" in bare.figure_keys()


def test_the_registered_figures_include_every_key_the_result_can_give(result):
    from pipelines.sections.leavers import SPEC

    assert set(result.figure_keys()) <= set(SPEC.figures)
    assert SPEC.build is not None


def report_html(sentence: str) -> str:
    """A report page with the result's turnover table (as the data make it) and one finding."""
    return (
        f"<ul><li>{sentence}</li></ul>"
        '<div id="10-leavers--tbl-turnover"><table><thead><tr>'
        "<th>Service</th><th>Leavers</th><th>Qualified posts</th>"
        "<th>Turnover, all qualified posts (%)</th><th>Social work leavers</th>"
        "<th>Social worker posts</th><th>Turnover, social workers (%)</th></tr></thead><tbody>"
        f"<tr><th>{CHILDREN}</th><td>6</td><td>24</td><td>25.0</td><td>4</td><td>20</td>"
        f"<td>20.0</td></tr><tr><th>{ADULTS}</th><td>[c]</td><td>10</td><td>[c]</td>"
        "<td>[c]</td><td>10</td><td>[c]</td></tr></tbody></table></div>"
    )


def test_the_report_walk_finds_a_sentence_printing_another_bases_value(result):
    from bs4 import BeautifulSoup

    from tests.sections.leavers.test_report_figures import printed_values

    fig = result.figure("turnover_childrens")
    right = f"{CHILDREN}: 6 qualified staff left, a turnover of 25.0% of 24 qualified posts."
    printed = printed_values(BeautifulSoup(report_html(right), "html.parser"), result)
    assert printed[fig.identity] == {"25.0%"}
    assert printed[result.figure("social_work_turnover_childrens").identity] == {"20.0%"}
    # The social-work rate written as the qualified-posts turnover: one identity, two values.
    wrong = right.replace("25.0%", "20.0%")
    printed = printed_values(BeautifulSoup(report_html(wrong), "html.parser"), result)
    assert printed[fig.identity] == {"25.0%", "20.0%"}


def test_an_earlier_value_becomes_the_scorecards_previous_period(result):
    from pipelines.core.figures import EarlierValue
    from pipelines.sections.indicators import figures_frame

    fig = result.figure("turnover_childrens")
    earlier = fig.model_copy(
        update={
            "earlier": (
                EarlierValue(period="2013-14", value=18.0),
                EarlierValue(period="2014-15", value=21.5),
            )
        }
    )
    frame = figures_frame([fig, earlier]).set_index(pd.Index(["now", "with earlier"]))
    assert frame.loc["now", "previous"] is None or pd.isna(frame.loc["now", "previous"])
    assert frame.loc["with earlier", "previous"] == 21.5
