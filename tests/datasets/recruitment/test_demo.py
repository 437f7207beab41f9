"""The demo recruitment exports: deterministic, clean, and the figures the seeds print."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.validation import validate_datasets
from pipelines.datasets.recruitment import demo
from pipelines.sections.recruitment import analysis as ra
from tests.datasets.recruitment.helpers import clean


@pytest.fixture(scope="module", params=sorted(demo.DESIGN))
def written(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    paths = demo.write_recruitment_demo(folder, request.param)
    df, problems, _ = clean(paths[0])
    return request.param, paths, df, problems


def test_demo_is_deterministic_and_matches_the_committed_file(written):
    review, paths, _, _ = written
    again = demo.csv_text(review)
    assert paths[0].read_text(encoding="utf-8") == again
    committed = demo.project_root() / "data" / "raw" / "demo" / review / demo.FILE[review]
    assert committed.read_text(encoding="utf-8") == again
    assert "SYNTHETIC" in paths[1].read_text(encoding="utf-8")


def test_demo_cleans_and_validates_without_a_problem(written):
    review, _, df, problems = written
    assert problems == []
    report = validate_datasets({"recruitment": df}, today=dt.date(2018, 4, 16))
    assert report.passed, [r.check for r in report.failed()]
    assert len(df) == sum(g.applied for g in demo.DESIGN[review])


def test_demo_stage_counts_are_the_design(written):
    review, _, df, _ = written
    flags = ra.reached(df)
    design = demo.DESIGN[review]
    assert int(flags["offered"].sum()) == sum(g.offered for g in design)
    assert int(flags["started"].sum()) == sum(g.started for g in design)
    assert int(df["declined_date"].notna().sum()) == sum(g.declined for g in design)


def test_luton_reproduces_the_recruitment_figures_item_6_prints(seed, tmp_path):
    paths = demo.write_recruitment_demo(tmp_path, "luton-sw-2016")
    df, _, _ = clean(paths[0])
    luton = seed["luton"]
    adwords = luton["programme_and_attraction"]["adwords_applications"]["value"]
    assert int((df["route"] == "Online advertising").sum()) == adwords
    step_up = luton["growing_our_own"]["step_up_cohort_4_trainees"]["value"]
    assert int((df["route"] == "Step Up to Social Work").sum()) == step_up
    iro = luton["pay_and_reward"]["iro_recent_permanent_appointments"]["value"]
    iros = df[df["job_title"] == "Independent Reviewing Officer"]
    assert int(iros["started_date"].notna().sum()) == iro
    # The AdWords campaign started in October 2015 (para 38, "October 2105" read as 2015).
    start = luton["programme_and_attraction"]["google_adwords_cost_per_month_gbp"]
    assert start["start_best_reading"] == "October 2015"
    assert df.loc[df["route"] == "Online advertising", "applied_date"].min() >= dt.datetime(
        2015, 10, 1
    )
