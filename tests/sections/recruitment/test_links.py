"""The recruitment figures feed the ranked findings, the scorecard and the initiatives register."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.sections import findings as fx
from pipelines.sections import initiatives as it
from pipelines.sections.indicators import figures_frame, known_keys
from pipelines.sections.scorecard import analysis as sc
from tests.datasets.recruitment.helpers import application, clean, write_export


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    """Step Up: 3 applications, 1 appointed (in post); microsite: 2 applications, none offered."""
    rows = [
        application("S1", route="Step Up", campaign="LBC-STEPUP-C4", applied="01/03/2016",
                    offered="10/03/2016", accepted="11/03/2016", started="02/05/2016"),
        application("S2", route="Step Up", campaign="LBC-STEPUP-C4", applied="01/03/2016"),
        application("S3", route="Step Up", campaign="LBC-STEPUP-C4", applied="01/03/2016"),
        application("M1", route="jobsgopublic", applied="01/04/2016"),
        application("M2", route="jobsgopublic", service="Adult Social Care", applied="01/04/2016"),
    ]  # fmt: skip
    df, problems, _ = clean(write_export(tmp_path_factory.mktemp("r") / "r.csv", rows))
    assert problems == []
    return df


def test_the_meetings_campaign_targets_reach_the_ranked_findings(frame):
    cfg = load_review("luton-sw-2016")
    figures = [
        f
        for f in fx.meeting_figures(cfg, {"recruitment": frame}, "2016-09-21")
        if f.section == "15_recruitment"
    ]
    keys = {f.key for f in figures}
    assert keys <= set(known_keys())
    # The meeting's parameters (review config) give Step Up cohort 4 a target of 7.
    target = next(f for f in figures if f.key == "recruitment_appointments_against_target")
    assert (target.value, target.comparators["target"]) == (1, 7)
    found = fx.rank(fx.propose(figures, fx.load_rules(), Policy("exempt", 5)))
    text = next(f for f in found if f.key == "recruitment_appointments_against_target")
    assert text.category == "recruitment" and text.amount == 6
    # The target was set on 21 September 2016, after the period counted (to 31 August 2016):
    # that period is not measured against it; the sentence says so once, short, and when it
    # will be (L21 p5 printed 55 words saying "measured" three times).
    assert text.text == (
        "Campaigns with a target: the target of 7 (set by Item 6 report, para 54, 21 September "
        "2016) was set after this period: it is measured after 30 April 2017."
    )
    assert len(text.text.split()) <= 30 and text.text.count("measured") == 1
    # A target set before the period ended is measured, with its source, period and deadline.
    before = target.model_copy(update={"notes": {**target.notes, "target_set": "2016-01-15"}})
    exempt = fx.propose([before], fx.load_rules(), Policy("exempt", 5))[0].text
    assert exempt == (
        "Campaigns with a target: 1 appointed against the target of 7 (set by Item 6 report, "
        "para 54, 21 September 2016; 1 September 2015 to 31 August 2016; due by 30 April "
        "2017): 6 still to appoint."
    )
    said = fx.propose([before], fx.load_rules(), Policy("public", 5))[0].text
    assert "fewer than 5 appointed against" in said
    # 7 - 6 = 1: printing the 6 still to appoint beside the target would give the 1 away.
    assert said.endswith(": most still to appoint.") and "6" not in said.split(": ")[-1]
    # The scorecard: appointments against target, not met after the deadline, not yet due
    # before it (30 April 2017).
    measures = sc.measures_table(figures_frame(figures), "2017-05-02", {target.key: "2017-04-30"})
    row = measures[measures["Measure"] == "Appointments against target"].iloc[0]
    assert (row["Figure"], row["Target"], row["Target met"]) == (1, 7, "Not met")
    assert target.notes["due"] == "2017-04-30"
    measures = sc.measures_table(figures_frame(figures), "2017-02-28", {target.key: "2017-04-30"})
    row = measures[measures["Measure"] == "Appointments against target"].iloc[0]
    assert (row["Figure"], row["Target"], row["Target met"]) == (1, 7, sc.NOT_YET_DUE)


def test_initiatives_count_applications_and_appointments_of_their_routes(frame):
    cfg = load_review("luton-sw-2016")
    frames = {"recruitment": frame}
    step = {"services": ["Children's Social Care"], "routes": ["Step Up to Social Work"]}
    assert it.measure_text("applications", step, frames, cfg).startswith("3 applications in")
    assert it.measure_text("appointments", step, frames, cfg).startswith(
        "1 appointments (offer accepted) in"
    )
    both = {"services": ["Adult Social Care", "Children's Social Care"],
            "routes": ["Recruitment microsite"]}  # fmt: skip
    assert it.measure_text("applications", both, frames, cfg).startswith("2 applications")
    public = it.measure_text("applications", both, frames, cfg, pol=Policy("public", 5))
    assert public.startswith("fewer than 5 applications")
    assert it.measure_text("applications", step, {}, cfg) == it.NO_DATA
    assert isinstance(pd.Timestamp(cfg.period.end), pd.Timestamp)


def test_a_small_number_still_to_appoint_is_not_given_away_by_the_target():
    """11 appointed against a published target of 15: the 4 still to appoint would follow."""
    cfg = load_review("luton-sw-2016")
    rows = [
        application(f"A{i}", route="Step Up", campaign="LBC-STEPUP-C4", applied="01/03/2016",
                    offered="10/03/2016", accepted="11/03/2016", started="02/05/2016")
        for i in range(11)
    ]  # fmt: skip
    figures = fx.meeting_figures(cfg, {"recruitment": _clean_rows(rows)}, "2016-09-21")
    fig = next(f for f in figures if f.key == "recruitment_appointments_against_target")
    fig = fig.model_copy(
        update={
            "comparators": {**fig.comparators, "target": 15},
            "notes": {**fig.notes, "target_set": "2016-01-15"},  # before the period ended
        }
    )
    public = fx.propose([fig], fx.load_rules(), Policy("public", 5))
    said = next(f for f in public if f.key == fig.key)
    assert said.amount == 4
    assert "most of the target of 15 appointed (set by" in said.text
    assert said.text.endswith("fewer than 5 still to appoint.") and "11" not in said.text
    exempt = next(f for f in fx.propose([fig], fx.load_rules(), Policy("exempt", 5)))
    assert "11 appointed against the target of 15" in exempt.text and "4 still" in exempt.text


def _clean_rows(rows):
    import tempfile
    from pathlib import Path

    df, problems, _ = clean(write_export(Path(tempfile.mkdtemp()) / "r.csv", rows))
    assert problems == []
    return df
