"""Plausibility checks across leavers, exit forms and establishment (issue 13)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.validation_checks import CROSS_CHECKS
from pipelines.core.validation_report import CRITICAL, WARNING, ValidationReport
from pipelines.datasets.leavers import plausibility as pl
from pipelines.sections.leavers.analysis import in_period
from tests.conftest import demo_frames

START, END = dt.date(2015, 9, 1), dt.date(2016, 8, 31)
SETTINGS = {"period_start": START, "period_end": END, "return_rate_threshold": 0.5}


def frame(rows: list[dict], file: str, headers: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df["source_row"] = range(2, len(df) + 2)
    df.attrs = {"source_file": file, "sheet": None, "raw_columns": headers}
    return df


def leavers(dates: list[str], services: list[str] | None = None) -> pd.DataFrame:
    services = services or ["Adult Social Care"] * len(dates)
    return frame(
        [
            {"employee_ref": f"E{i}", "service": s, "leaving_date": pd.Timestamp(d)}
            for i, (d, s) in enumerate(zip(dates, services, strict=True))
        ],
        "leavers.csv",
        {"employee_ref": "Employee Ref", "service": "Service Area", "leaving_date": "Leaving Date"},
    )


def forms(refs: list[str], received: list[str] | None = None) -> pd.DataFrame:
    received = received or ["2016-01-01"] * len(refs)
    return frame(
        [
            {"form_id": f"F{i}", "employee_ref": r, "date_received": pd.Timestamp(d)}
            for i, (r, d) in enumerate(zip(refs, received, strict=True))
        ],
        "exit.xlsx",
        {"employee_ref": "Employee Ref", "date_received": "Date Received"},
    )


def establishment(posts: dict[str, int]) -> pd.DataFrame:
    return frame(
        [{"service": s, "profession": "Social work", "posts": p} for s, p in posts.items()],
        "establishment.csv",
        {"service": "Service", "posts": "Posts"},
    )


def problems(results, frames) -> str:
    report = ValidationReport(results=results)
    return "\n\n".join(p.render() for p in report.critical_problems(frames))


def test_the_checks_are_registered_for_validate_and_build():
    assert "leavers_plausibility" in CROSS_CHECKS and "workforce_plausibility" in CROSS_CHECKS


def test_two_forms_for_one_leaver_stop_naming_both_rows():
    f = forms(["E1", "E2", "e1 ", None, None])
    result = pl.duplicate_exit_forms(f)
    assert not result.success and result.severity == CRITICAL and result.rows == [2, 4]
    message = problems([result], {"exit_interviews": f})
    assert "same employee reference" in message and "file:     exit.xlsx" in message
    assert "row:      2" in message and "row:      4" in message
    assert "column:   Employee Ref" in message and "the same reference is on row 4" in message
    assert "Keep one form per leaver" in message
    assert pl.duplicate_exit_forms(forms(["E1", "E2"])).success


def test_leavers_outside_the_period_are_counted_and_add_up_to_rows_read():
    lv = leavers(["2015-08-31", "2015-09-01", "2016-08-31", "2016-09-01", "2017-01-01"])
    n = pl.period_counts(lv, START, END)
    assert n == {"read": 5, "in_period": 2, "before": 1, "after": 2, "no_date": 0}
    assert n["in_period"] + n["before"] + n["after"] + n["no_date"] == n["read"]
    assert n["in_period"] == len(in_period(lv, START, END))  # the section's own rule
    result = pl.leavers_outside_period(lv, START, END)
    assert result.severity == WARNING and not result.success and result.rows == [2, 5, 6]
    assert "5 rows read: 2 counted in the period, 1 left before it and 2 after it" in result.check
    row = ValidationReport(results=[result]).summary_table().iloc[0]
    assert row["Severity"] == "Warning" and row["Result"] == "Failed" and row["Rows failing"]


def test_leavers_all_in_the_period_pass_and_say_so():
    result = pl.leavers_outside_period(leavers(["2015-10-01", "2016-01-01"]), START, END)
    assert result.success and "2 rows read: 2 counted in the period" in result.check


def test_a_form_received_long_after_the_period_is_a_warning():
    f = forms(["E1", "E2"], ["2016-09-30", "2019-05-01"])
    result = pl.late_exit_forms(f, END)
    assert result.severity == WARNING and result.rows == [3] and result.found == ["01/05/2019"]
    assert "still counted in the period's return rate" in result.what


def test_zero_posts_for_a_service_with_leavers_stops():
    lv = leavers(["2016-01-01"] * 3, ["Adult Social Care"] * 2 + ["Children's Social Care"])
    est = establishment({"Adult Social Care": 52, "Children's Social Care": 0})
    zero, far = pl.denominators(lv, est)
    assert not zero.success and zero.severity == CRITICAL and far.success
    message = problems([zero], {"establishment": est})
    assert "no establishment posts" in message and "row:      3" in message
    assert "column:   Posts" in message and "0 posts for Children's Social Care" in message


def test_a_service_missing_from_the_establishment_stops():
    lv = leavers(["2016-01-01"], ["Children's Social Care"])
    zero, _ = pl.denominators(lv, establishment({"Adult Social Care": 52}))
    assert not zero.success and zero.rows == []


def test_far_more_leavers_than_posts_stops():
    lv = leavers(["2016-01-01"] * 5)
    _, far = pl.denominators(lv, establishment({"Adult Social Care": 2}))
    assert not far.success and far.severity == CRITICAL
    assert far.found == ["2 posts for Adult Social Care, 5 leavers"]
    _, ok = pl.denominators(lv, establishment({"Adult Social Care": 3}))
    assert ok.success


def test_the_registered_check_uses_the_period_and_skips_without_it():
    lv = leavers(["2014-01-01"] * 9 + ["2016-01-01"])
    frames = {
        "leavers": lv,
        "exit_interviews": forms(["E1"]),
        "establishment": establishment({"Adult Social Care": 1}),
    }
    with_period = pl.leavers_plausibility_checks(frames, SETTINGS)
    by_check = {r.check.split(" (")[0].split(":")[0]: r for r in with_period}
    assert not by_check["Leavers in the review period"].success
    # Only the one leaver in the period is set against the one post: plausible.
    assert all(r.success for r in with_period if r.dataset == "establishment")
    without = pl.leavers_plausibility_checks(frames, {"return_rate_threshold": 0.5})
    assert not any("review period" in r.check for r in without)
    assert any(not r.success for r in without if r.dataset == "establishment")  # 10 per post


def test_plausibility_settings_come_from_the_review():
    from pipelines.core.config import load_review

    settings = pl.plausibility_settings(load_review("luton-sw-2016"))
    assert settings["period_start"] == START and settings["period_end"] == END
    assert settings["snapshot_date"] == dt.date(2016, 7, 30)
    bare = SimpleNamespace(period=SimpleNamespace(start=START, end=END), meetings=[])
    assert pl.plausibility_settings(bare) == {"period_start": START, "period_end": END}


@pytest.mark.parametrize("value", [dt.date(2016, 1, 2), "2016-01-02", pd.Timestamp("2016-01-02")])
def test_as_date(value):
    assert pl.as_date(value) == dt.date(2016, 1, 2)


def test_the_demo_review_passes_every_plausibility_check():
    from pipelines.core.config import load_review

    cfg = load_review("luton-sw-2016")
    frames = demo_frames()
    settings = {**pl.plausibility_settings(cfg), "return_rate_threshold": 0.5}
    results = [
        r
        for name in ("leavers_plausibility", "workforce_plausibility")
        for r in CROSS_CHECKS[name](frames, settings)
    ]
    assert all(r.success for r in results), [r.check for r in results if not r.success]
    checks = " | ".join(r.check for r in results)
    for measure in ("turnover", "exit-interview return rate", "agency worker rate", "vacancy rate"):
        assert f"Every {measure} is a percentage from 0% to 100%" in checks
    for measure in ("turnover", "agency worker rate", "vacancy rate"):
        assert f"Every {measure} is at most the review's ceiling" in checks


def test_an_unknown_service_is_left_to_the_label_check():
    lv = leavers(["2016-01-01"], ["Public Health"])
    zero, far = pl.denominators(lv, establishment({"Adult Social Care": 52}))
    assert zero.success and far.success


# --- rates: outside 0-100% stops; above the review's ceiling warns (or stops) -----------------

CEILINGS = {"ceilings": {"turnover": (40.0, WARNING)}}


def by_check(results, start: str):
    [result] = [r for r in results if r.check.startswith(start)]
    return result


def test_turnover_above_the_ceiling_warns_naming_the_service_rate_and_figure():
    lv = leavers(["2016-01-01"] * 6)  # 6 leavers over 10 posts: 60%
    results = pl.rate_plausibility(lv, establishment({"Adult Social Care": 10}), None, CEILINGS)
    assert by_check(results, "Every turnover is a percentage").success
    high = by_check(results, "Every turnover is at most the review's ceiling of 40%")
    assert not high.success and high.severity == WARNING
    assert high.found[0] == "Adult Social Care: 60.0% (6 leavers / 10 posts)"
    assert "Adult Social Care (60.0%) is above the review's ceiling of 40%" in high.what
    assert "plausibility: turnover" in high.check and "raise the ceiling" in high.hint
    assert "turnover table" in high.affects and high.tables == ("turnover",)
    report = ValidationReport(results=results)
    assert report.passed and report.failed(WARNING) == [high]


def test_turnover_above_a_critical_ceiling_stops():
    lv = leavers(["2016-01-01"] * 6)
    settings = {"ceilings": {"turnover": (40.0, CRITICAL)}}
    results = pl.rate_plausibility(lv, establishment({"Adult Social Care": 10}), None, settings)
    report = ValidationReport(results=results)
    assert not report.passed
    message = problems(results, {"leavers": lv})
    assert (
        "above the review's ceiling of 40%" in message and "60.0% (6 leavers / 10 posts)" in message
    )
    assert "raise the ceiling" not in message


def test_turnover_above_100_percent_stops_even_without_a_ceiling():
    """15 leavers over 10 posts (150%) is below the 'far outside' ratio of 2 but not a rate."""
    lv = leavers(["2016-01-01"] * 15)
    est = establishment({"Adult Social Care": 10})
    results = pl.leavers_plausibility_checks({"leavers": lv, "establishment": est}, SETTINGS)
    rate = by_check(results, "Every turnover is a percentage from 0% to 100%")
    assert not rate.success and rate.severity == CRITICAL
    message = problems([rate], {"leavers": lv})
    assert "A turnover is outside 0-100%" in message
    assert "Adult Social Care: 150.0% (15 leavers / 10 posts)" in message
    assert "file:     leavers.csv" in message and "Check the number of rows" in message


def test_far_more_leavers_than_posts_is_reported_once_not_also_as_a_rate():
    lv = leavers(["2016-01-01"] * 50)
    est = establishment({"Adult Social Care": 2})
    results = pl.leavers_plausibility_checks({"leavers": lv, "establishment": est}, SETTINGS)
    failed = [r.check for r in results if not r.success]
    assert len(failed) == 1 and "at most 2 times" in failed[0]


def test_more_forms_than_leavers_stops_as_a_return_rate_above_100_percent():
    lv = leavers(["2016-01-01"] * 2)
    f = forms(["E0", "E1", "X9"])
    f["service"] = "Adult Social Care"
    results = pl.rate_plausibility(lv, None, f, {})
    rate = by_check(results, "Every exit-interview return rate is a percentage")
    assert not rate.success and rate.severity == CRITICAL
    assert rate.found == ["Adult Social Care: 150.0% (3 forms / 2 leavers)"]
    assert rate.tables == ("exit_return_rate",)


def test_the_review_config_sets_the_ceilings_with_documented_defaults():
    from pipelines.core.config import Review, load_review
    from pipelines.core.plausibility_settings import Plausibility

    settings = pl.plausibility_settings(load_review("luton-sw-2016"))
    defaults = Plausibility()
    assert settings["ceilings"] == {
        "turnover": (defaults.turnover.percent, "warning"),
        "agency_rate": (defaults.agency_rate.percent, "warning"),
        "vacancy_rate": (defaults.vacancy_rate.percent, "warning"),
    }
    for measure in ("turnover", "agency worker rate", "vacancy rate"):
        assert measure in Plausibility.__doc__
    cfg = load_review("luton-sw-2016").model_dump()
    cfg["plausibility"] = {"turnover": {"percent": 30, "severity": "critical"}}
    changed = Review.model_validate(cfg)
    assert changed.plausibility.turnover.percent == 30
    assert pl.plausibility_settings(changed)["ceilings"]["turnover"] == (30, "critical")
    assert changed.plausibility.agency_rate == defaults.agency_rate


@pytest.mark.parametrize(
    "block",
    [
        {"turnover": {"percent": 140}},
        {"turnover": {"percent": 0}},
        {"turnover": {"percent": 40, "severity": "stop"}},
        {"turnovr": {"percent": 40}},
    ],
)
def test_a_wrong_ceiling_in_the_review_config_is_refused(block):
    from pydantic import ValidationError

    from pipelines.core.config import Review, load_review

    cfg = load_review("luton-sw-2016").model_dump()
    cfg["plausibility"] = block
    with pytest.raises(ValidationError):
        Review.model_validate(cfg)


def test_the_readme_documents_the_plausibility_defaults():
    """The `plausibility:` block shown in the README is valid and gives the defaults."""
    import re
    from pathlib import Path

    import yaml

    from pipelines.core.plausibility_settings import Plausibility

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(plausibility:\n.*?)```", readme, re.S)
    assert block, "the README shows no plausibility: block"
    documented = yaml.safe_load(block.group(1))["plausibility"]
    assert Plausibility.model_validate(documented) == Plausibility()
