"""Issue 22: the workforce costs rest on the agency spend export where the review has it; a cost
resting on an assumed (unsourced) hourly rate says so and is never a ranked finding."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.results import FramesContext
from pipelines.sections import findings as fx
from pipelines.sections.workforce import result as wr
from pipelines.sections.workforce.caseloads import MEETS_LABEL, TARGET_LABEL
from tests.sections.figure_checks import CFG
from tests.sections.workforce.test_result import PARAMS, frames

CHILDREN = "Children's Social Care"


def spend() -> pd.DataFrame:
    """Tidy agency spend: a social worker at £44 x 20 h and £40 x 30 h; a senior practitioner
    charged £1,260 for 30 h; a team manager (not a practitioner role) at £70 x 37 h."""
    return pd.DataFrame(
        {
            "job_title": ["Social Worker", "Social Worker", "Senior Practitioner", "Team Manager"],
            "service": CHILDREN,
            "hourly_rate": [44.0, 40.0, float("nan"), 70.0],
            "charge": [float("nan"), float("nan"), 1260.0, float("nan")],
            "weekly_charge": float("nan"),
            "hours": [20.0, 30.0, 30.0, 37.0],
            "weeks": float("nan"),
            "period_start": pd.to_datetime(
                ["2018-01-01", "2018-01-08", "2018-01-01", "2018-01-01"]
            ),
            "period_end": pd.to_datetime(["2018-01-07", "2018-01-14", "2018-01-14", "2018-01-07"]),
        }
    )


def premium(result):
    return next(f for f in result.figures if f.key == "agency_premium")


def test_an_assumed_rate_is_said_and_its_cost_is_never_a_ranked_finding():
    result = wr.build(FramesContext(CFG, None, frames()), PARAMS)
    fig = premium(result)
    assert "an assumed rate: the review gives no source for it" in fig.notes["assumptions"]
    assert fig.direction is None
    keys = [f.key for f in fx.propose(result.figures)]
    assert "agency_premium" not in keys
    caption = result.tables["agency_premium"].caption
    assert "assumed rate" in caption


def test_the_exports_rate_replaces_the_parameter_and_its_cost_is_a_finding():
    data = {**frames(), "agency_spend": spend()}
    result = wr.build(FramesContext(CFG, None, data), PARAMS)
    fig = premium(result)
    # (44 x 20 + 40 x 30 + 1,260) / (20 + 30 + 30) = 3,340 / 80 = 41.75 pounds an hour; a year:
    # 41.75 x 37 x 46 = 71,058.50 pounds. Agency FTE: children's 3 social workers (permanent
    # cost 40,000) and 1 senior practitioner (45,000), adults' 4 social workers (38,000):
    # extra = 3 x 31,058.50 + 26,058.50 + 4 x 33,058.50 = 251,468.00 pounds a year.
    assert fig.value == pytest.approx(3 * 31058.5 + 26058.5 + 4 * 33058.5)
    assert fig.direction == "lower"
    assert "assumed" not in fig.notes["assumptions"]
    assert "1 January 2018 to 14 January 2018" in fig.notes["assumptions"]
    found = [f for f in fx.propose(result.figures) if f.key == "agency_premium"]
    assert len(found) == 1
    # The key finding states the rate and price base; where the rate comes from (the export
    # and its period) and the hours and weeks are the chapter's caption and notes.
    said = str(found[0].text)
    assert "agency at £41.75 an hour; " in said
    assert "1 January 2018" not in said and "hours a week" not in said
    assert len(said.split()) <= 45, said
    assert "1 January 2018 to 14 January 2018" in result.tables["agency_premium"].caption
    per_post = next(
        f for f in result.figures if f.key.startswith("agency_extra_cost_per_post_childrens")
    )
    assert per_post.value == pytest.approx(71058.5 - 40000)


def test_a_rate_the_review_sources_stays_a_finding_without_the_export():
    params = {**PARAMS, "agency_rate_source": "Item 6 report, 21 September 2016, paragraph 15"}
    result = wr.build(FramesContext(CFG, None, frames()), params)
    fig = premium(result)
    assert fig.direction == "lower"
    assert "Item 6 report, 21 September 2016, paragraph 15" in fig.notes["assumptions"]
    assert "agency_premium" in [f.key for f in fx.propose(result.figures)]


def _with_caseload_target(value):
    return CFG.model_copy(
        update={"targets": CFG.targets.model_copy(update={"average_caseload": value})}
    )


def test_a_caseload_table_without_a_target_prints_no_blank_target_columns():
    """Issue 22 item 2: no target in any row, so no "–" column; "no target set" said once."""
    cfg = _with_caseload_target(None)
    table = wr.build(FramesContext(cfg, None, frames()), PARAMS).tables["caseload_summary"]
    shown = table.labelled()
    assert TARGET_LABEL not in shown.columns and MEETS_LABEL not in shown.columns
    assert not (shown.astype(str) == "–").any().any()
    assert table.caption.count("no target set") == 1
    # Averages by hand: all (10 + 20 + 30 + 24) / 4 = 21.0; permanent 60 / 3 = 20.0; agency 24.
    assert shown["Average caseload (cases per worker)"].tolist() == [21.0, 20.0, 24.0]


def test_a_caseload_table_with_a_target_keeps_its_target_columns():
    cfg = _with_caseload_target(22.0)
    table = wr.build(FramesContext(cfg, None, frames()), PARAMS).tables["caseload_summary"]
    shown = table.labelled()
    assert shown[TARGET_LABEL].tolist() == [22.0] * 3
    assert shown[MEETS_LABEL].tolist() == ["Yes", "Yes", "No"]
    assert "no target set" not in table.caption


def test_the_premium_table_cites_the_agency_export_when_its_rate_is_used():
    class Spend:
        source = "Agency timesheets 2017/18"

    cfg = CFG.model_copy(update={"datasets": {**CFG.datasets, "agency_spend": Spend()}})
    data = {**frames(), "agency_spend": spend()}
    table = wr.build(FramesContext(cfg, None, data), PARAMS).tables["agency_premium"]
    assert table.source.endswith("; Agency timesheets 2017/18")
    assumed = wr.build(FramesContext(cfg, None, frames()), PARAMS).tables["agency_premium"]
    assert "Agency timesheets" not in assumed.source


def test_a_finding_on_an_assumed_rate_says_so_in_its_sentence():
    from pipelines.core.finding_words import Materiality
    from pipelines.sections.workforce import text as wt

    fig = premium(wr.build(FramesContext(CFG, None, frames()), PARAMS))
    assert (
        fig.notes["rate_short"]
        == f"agency at £{PARAMS['agency_hourly_rate']:g} an hour, an assumed rate"
    )
    m = Materiality(fig.value, "pounds a year", 1.0, "permanent_cost", None)
    said = wt.finding_text(fig, m)
    assert "an assumed rate" in said and "hours a week" not in said
