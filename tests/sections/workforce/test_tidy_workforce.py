"""Workforce tidy frames: snake_case columns, no total rows, numbers unformatted; the
member-facing tables are built from them (their own tests are in test_analysis_workforce.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import costs as wco


def _is_tidy(table: pd.DataFrame) -> bool:
    snake = all(str(c) == str(c).lower() and " " not in str(c) for c in table.columns)
    return snake and not table.astype(str).isin(["Total"]).any().any()


def snapshot() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service": ["A", "A", "A", "B"],
            "job_title": ["Social Worker", "Social Worker", "Team Manager", "Social Worker"],
            "grade": ["M1", "M2", "M3", "M1"],
            "establishment_fte": [10.0, 4.0, 2.0, 5.0],
            "permanent_fte": [6.0, 2.0, 2.0, 4.0],
            "agency_fte": [2.0, 1.0, 0.0, 0.0],
            "vacant_fte": [2.0, 1.0, 0.0, 1.0],
        }
    )


def test_fte_by_role_sums_job_titles_with_rates():
    tidy = wf.fte_by_role(snapshot(), "A")
    assert _is_tidy(tidy)
    assert tidy["job_title"].tolist() == ["Social Worker", "Team Manager"]
    row = tidy.iloc[0]
    assert (row["establishment_fte"], row["agency_fte"]) == (14.0, 3.0)
    assert row["agency_rate_percent"] == pytest.approx(100 * 3 / 11)
    assert row["vacancy_rate_percent"] == pytest.approx(100 * 3 / 14)
    assert wf.fte_by_role(snapshot(), "A", order=["Team Manager"])["job_title"].tolist() == [
        "Team Manager",
        "Social Worker",
    ]
    table = wf.agency_rates_by_role(snapshot(), "A")
    assert table["Job title"].tolist() == ["Social Worker", "Team Manager", "Total"]
    assert table["Agency worker rate (%)"].iloc[-1] == pytest.approx(100 * 3 / 13)


def test_agency_premiums_per_service_and_title():
    pay = pd.DataFrame(
        {
            "service": ["A", "A"],
            "job_title": ["Social Worker", "Social Worker"],
            "grade": ["M1", "M2"],
            "annual_cost": [40_000.0, 46_000.0],
        }
    )
    tidy = wco.agency_premiums(snapshot(), pay, 30.0, 37.0, 46.0, ["Social Worker"])
    assert _is_tidy(tidy)
    agency = wco.agency_annual_cost(30.0, 37.0, 46.0)
    [row] = tidy.to_dict("records")
    assert row["service"] == "A" and row["agency_fte"] == 3.0
    assert row["agency_cost_per_fte"] == pytest.approx(agency)
    assert row["permanent_cost_per_post"] == pytest.approx((2 * 40_000 + 46_000) / 3)
    assert row["extra_cost"] == pytest.approx(2 * (agency - 40_000) + (agency - 46_000))
    assert row["extra_cost_per_fte"] == pytest.approx(row["extra_cost"] / 3)
    table = wco.agency_premium(snapshot(), pay, 30.0, 37.0, 46.0, ["Social Worker"])
    assert table["Service"].tolist() == ["A", "Total"]
    assert table["Extra cost a year (£)"].iloc[-1] == pytest.approx(row["extra_cost"])


@pytest.mark.parametrize("target", [None, 10.0, 20.0])
def test_caseload_groups_and_their_display(target):
    caseloads = pd.DataFrame(
        {
            "worker_type": ["Permanent", "Permanent", "Agency"],
            "total_cases": [12, 18, 24],
            "fte": [1.0, 1.0, 0.5],
        }
    )
    tidy = wcl.caseload_groups(caseloads, target)
    assert _is_tidy(tidy)
    assert tidy["workers"].tolist() == [wcl.ALL_CASE_HOLDING, "Permanent workers", "Agency workers"]
    assert tidy["average_caseload"].tolist() == [18.0, 15.0, 24.0]
    assert tidy["cases_per_fte"].tolist() == [54 / 2.5, 15.0, 48.0]
    expected = {None: [None] * 3, 10.0: [False] * 3, 20.0: [True, True, False]}[target]
    assert tidy["meets_target"].tolist() == expected
    shown = wcl.caseload_summary(caseloads, target)[wcl.MEETS_LABEL].tolist()
    assert shown == ["–" if m is None else "Yes" if m else "No" for m in expected]


def test_the_caseload_target_is_read_against_the_average_it_is_set_for():
    """reader14 (L21 p12): "Permanent workers 64 | 1,246 | 19.5 | 20.1 | 20 | Yes" read as
    "below 20" met at 20.1. The target is for the average caseload per worker (by head): its
    columns follow that figure and name it; cases per FTE come after, said to have no target."""
    # two permanent workers: 19 and 20 cases, 1.95 FTE between them; target 20
    caseloads = pd.DataFrame(
        {"worker_type": ["Permanent"] * 2, "total_cases": [19, 20], "fte": [1.0, 0.95]}
    )
    shown = wcl.caseload_summary(caseloads, 20.0)
    row = shown.iloc[-1]
    assert row["Average caseload (cases per worker)"] == 19.5  # (19 + 20) / 2, below 20
    columns = list(shown.columns)
    per_fte = next(c for c in columns if c.startswith("Cases per FTE"))
    assert row[per_fte] == pytest.approx(39 / 1.95)  # 20.0: not below 20, yet no target for it
    # the target and the verdict come right after the figure they are for, and name it
    at = columns.index("Average caseload (cases per worker)")
    target, verdict = columns[at + 1], columns[at + 2]
    assert "average caseload" in target.casefold() and "average caseload" in verdict.casefold()
    assert (row[target], row[verdict]) == (20.0, "Yes")
    assert columns.index(per_fte) > at + 2 and "no target" in per_fte
