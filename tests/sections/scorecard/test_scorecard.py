"""Scorecard: direction of travel and target met on crafted indicator frames; missing measures
say "Not available"; the final pack's tables include the tracker and the scorecard."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.sections import indicators as ix
from pipelines.sections.scorecard import analysis as sc
from pipelines.sections.tracker import analysis as tr
from tests.conftest import DEMO_REVIEW, demo_frames

FINAL_MEETING = "2017-02-28"


def indicator(key, value, direction="lower", target=None, previous=None, unit="%"):
    row = dict.fromkeys(ix.COLUMNS)
    row.update(
        key=key,
        label=f"Label of {key}",
        value=value,
        unit=unit,
        direction=direction,
        target=target,
        previous=previous,
        source="A source",
        period="A period",
        section="10_leavers",
        table="t",
    )
    return row


@pytest.mark.parametrize(
    ("value", "previous", "direction", "expected"),
    [
        (20.0, 25.0, "lower", "improving"),
        (25.0, 20.0, "lower", "worse"),
        (40.0, 30.0, "higher", "improving"),
        (30.0, 40.0, "higher", "worse"),
        (20.0, 20.0, "lower", "no change"),
        (20.0, 20.0 + sc.NO_CHANGE_WITHIN / 2, "higher", "no change"),
        (20.0, None, "lower", "no earlier figure"),
        (20.0, float("nan"), "higher", "no earlier figure"),
    ],
)
def test_direction_of_travel_uses_the_measures_direction(value, previous, direction, expected):
    assert sc.direction_of_travel(value, previous, direction) == expected


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (14.0, 15.0, "lower", "Met"),
        (15.0, 15.0, "lower", "Met"),
        (15.1, 15.0, "lower", "Not met"),
        (37.0, 50.0, "higher", "Not met"),
        (50.0, 50.0, "higher", "Met"),
        (20.0, None, "lower", "No target set"),
        (20.0, float("nan"), "lower", "No target set"),
    ],
)
def test_target_met_at_or_better_than_target(value, target, direction, expected):
    assert sc.target_met(value, target, direction) == expected


def test_measures_table_on_crafted_indicators():
    frame = pd.DataFrame(
        [
            indicator("turnover_childrens", 23.2, target=15.0, previous=20.0),
            indicator("exit_return_rate", 60.0, direction="higher", target=50.0, previous=37.0),
            indicator("dfe_caseload", 18.0, unit="cases", previous=18.0),
        ],
        columns=ix.COLUMNS,
    )
    table = sc.measures_table(frame).set_index("Figure for")
    turnover = table.loc["Label of turnover_childrens"]
    assert (turnover["Target met"], turnover["Direction of travel"]) == ("Not met", "worse")
    exits = table.loc["Label of exit_return_rate"]
    assert (exits["Target met"], exits["Direction of travel"]) == ("Met", "improving")
    caseload = table.loc["Label of dfe_caseload"]
    assert (caseload["Target met"], caseload["Direction of travel"]) == (
        "No target set",
        "no change",
    )
    missing = sc.measures_table(frame)
    missing = missing[missing["Figure for"] == sc.NOT_AVAILABLE]["Measure"].tolist()
    assert missing == [
        "Vacancy rate",
        "Agency worker rate",
        "Newly qualified ratio",
        "Appointments against target",
    ]
    assert any("not available" in f.lower() for f in sc.findings(sc.measures_table(frame)))


def test_newly_qualified_ratio_from_snapshot():
    snap = pd.DataFrame(
        {
            "service": ["Children's Social Care"] * 3 + ["Adult Social Care"],
            "job_title": [
                "ASYE Social Worker",
                "Social Worker",
                "Occupational Therapist",
                "Social Worker",
            ],
            "profession": ["Social work", "Social work", "Occupational therapy", "Social work"],
            "permanent_fte": [2.0, 6.0, 5.0, 4.0],
            "agency_fte": [1.0, 1.0, 0.0, 0.0],
        }
    )
    rows = sc.newly_qualified(snap).set_index("key")
    assert rows.loc["newly_qualified_childrens", "value"] == pytest.approx(100 * 3 / 10)
    assert rows.loc["newly_qualified_adults", "value"] == 0.0
    assert sc.newly_qualified(snap.assign(job_title="Social Worker")).empty


def test_top_themes_keeps_ties_and_drops_unmatched():
    counts = pd.DataFrame(
        {
            "Theme": ["Pay", "Workload", "Managers", "Travel", "No theme matched"],
            "Comments (of 10)": [5, 3, 3, 1, 9],
        }
    )
    top = sc.top_themes(counts, "Staff", "Comments (of 10)", n=2)
    assert top["Theme"].tolist() == ["Pay", "Workload", "Managers"]
    assert top["Mentions"].tolist() == [5, 3, 3]


# --- The built final pack -----------------------------------------------------------------


@pytest.fixture(scope="module")
def final_pack(luton):
    """The final meeting's technical annex folder, from the shared Luton build (tests/conftest)."""
    return luton / FINAL_MEETING / "internal"


def test_final_pack_tables_include_tracker_and_scorecard(final_pack):
    tables = final_pack / "tables"
    for name in ("status_by_workstream", "register_officers", "legend"):
        assert (tables / f"60_recommendations__{name.replace('_', '-')}.csv").exists(), name
    # the demo register is illustrative: no change and nothing overdue is shown (issue 22)
    for name in ("changes_since_last_meeting", "overdue"):
        assert not (tables / f"60_recommendations__{name.replace('_', '-')}.csv").exists()
    cfg = load_review(DEMO_REVIEW)
    frame = tr.register_frame(tr.load_register(tr.register_path(cfg)))
    by_ws = pd.read_csv(tables / "60_recommendations__status-by-workstream.csv")
    total = by_ws[by_ws["Workstream"] == "Total"].iloc[0]
    assert total["Items"] == frame["id"].nunique()
    assert set(by_ws.columns) == {"Workstream", "Items"}  # "Not recorded" would repeat Items
    card = pd.read_csv(tables / "70_scorecard__scorecard.csv")
    assert list(sc.MEASURES) == list(dict.fromkeys(card["Measure"]))
    # as printed: met, not met, not yet due (with the figure so far), not available, or blank
    # (no target: the note says so once)
    said = set(card["Target met"].fillna(sc.NO_TARGET_CELL))
    assert {t for t in said if not t.startswith("Due by ")} <= {
        "Met",
        "Not met",
        sc.NO_TARGET_CELL,
        sc.NOT_AVAILABLE,
        sc.NOT_YET_KNOWN,
    }
    # Step Up, due after the meeting: "Not yet due" for its figure (a count so far would read as
    # the result) and the date it is due by
    step_up = card[card["Period"] == "Due by 30 April 2017"]
    assert len(step_up) == 1 and list(step_up["Figure"]) == [sc.NOT_YET_DUE], card
    assert "No target set" not in set(card["Target met"])
    themes = pd.read_csv(tables / "70_scorecard__themes.csv")
    assert len(themes) and themes["Mentions"].notna().all()
    html = (final_pack / "annex.html").read_text(encoding="utf-8")
    assert "Illustrative statuses" not in html
    assert "The register records no due dates, so nothing can be shown as overdue." in html
    # a measure without a target says so once, not in every row
    assert html.count("The review sets no target for") == 1
    targets = pd.read_csv(tables / "70_scorecard__targets.csv")
    assert len(targets) and not (targets["Source"] == "No source given").any()
    initiatives = pd.read_csv(tables / "70_scorecard__initiatives.csv")
    assert set(initiatives["Initiative"]) == {i["name"] for i in cfg.initiatives}


def test_sources_view_lists_each_source_once_with_its_figures():
    frame = pd.DataFrame(
        [
            indicator("turnover_childrens", 23.2),
            indicator("turnover_adults", 14.0),
            indicator("exit_return_rate", 37.0, direction="higher"),
        ],
        columns=ix.COLUMNS,
    )
    frame.loc[2, "source"] = "Exit forms"
    view = sc.sources_view(sc.measures_table(frame))
    assert view["Source"].tolist() == ["A source", "Exit forms"]
    assert view["Figures"].iloc[0] == "Label of turnover_childrens; Label of turnover_adults"


# --- Targets with sources, one note for measures without a target, initiatives -----------------


def test_every_target_of_the_demo_review_has_a_source():
    cfg = load_review(DEMO_REVIEW)
    assert sc.missing_target_sources(cfg) == []
    table = sc.targets_table(cfg)
    assert len(table) == sum(getattr(cfg.targets, f) is not None for f in sc.TARGET_LABELS)
    bare = cfg.model_copy(update={"target_sources": {}})
    assert (
        sc.missing_target_sources(bare)
        and (sc.targets_table(bare)["Source"] == "No source given").all()
    )


def test_a_measure_without_a_target_is_said_once():
    measures = sc.measures_table(
        pd.DataFrame(
            [
                indicator("turnover_childrens", 23.2, target=15.0),
                indicator("vacancy_rate_childrens", 34.9),
                indicator("vacancy_rate_adults", 50.7),
            ]
        )
    )
    view = sc.scorecard_view(measures)
    assert "No target set" not in set(view["Target met"])
    assert (view["Target met"] == sc.NO_TARGET_CELL).sum() == 2
    note = sc.no_target_note(measures)
    assert note.count("vacancy rate") == 1 and "turnover" not in note
    assert sc.no_target_note(measures[measures["Measure"] == "Turnover"]) is None


def test_scorecard_findings_are_sentences_under_a_policy():
    from pipelines.core import disclosure
    from pipelines.core.figures import Sentence

    measures = sc.measures_table(pd.DataFrame([indicator("turnover_childrens", 23.2, target=15)]))
    said = sc.findings(measures, disclosure.Policy("public", 5))
    assert said and all(isinstance(t, Sentence) for t in said)


def test_initiatives_register_shows_each_initiative_against_its_measures(seed):
    from pipelines.sections import initiatives as it

    cfg = load_review(DEMO_REVIEW)
    frames = demo_frames()
    assert it.unknown_measures(cfg) == []
    table = it.initiatives_table(cfg, frames, as_at="2016-07-30")
    names = [i["name"] for i in cfg.initiatives]
    assert list(dict.fromkeys(table["Initiative"])) == names
    for words in ("microsite", "Step Up", "TIER", "newly qualified", "Market supplements"):
        assert any(words.lower() in n.lower() for n in names), words
    # applications and appointments come from the recruitment export (issue 25): Step Up's
    # applications are the cohort's trainees
    asked = table[table["Measure"].isin(["Applications", "Appointments"])]
    assert len(asked) and not (asked["What this pack's data show"] == it.NO_DATA).any()
    trainees = seed["luton"]["growing_our_own"]["step_up_cohort_4_trainees"]["value"]
    step_apps = asked[
        asked["Initiative"].str.contains("Step Up") & (asked["Measure"] == "Applications")
    ]
    assert step_apps["What this pack's data show"].iloc[0].startswith(f"{trainees} applications")
    no_export = {k: v for k, v in frames.items() if k != "recruitment"}
    assert it.measure_text("applications", {}, no_export, cfg) == it.NO_DATA
    # every row cites its paragraph of the item 6 report
    assert table["Source"].str.contains("Item 6 report").all()
    # the TIER fee and the Step Up cohort come from the seed
    tier = seed["luton"]["growing_our_own"]["tier_programme"]["value"]["tuition_fees_gbp"]
    assert f"£{tier:,}" in table[table["Initiative"].str.contains("TIER")]["Cost"].iloc[0]
    cohort = seed["luton"]["growing_our_own"]["step_up_cohort_4_trainees"]["value"]
    step = table[table["Initiative"].str.contains("Step Up")]["What the papers report"].iloc[0]
    assert f"{cohort} trainees" in step
    # the agency rate for both services equals the snapshot's
    snap = frames["workforce_snapshot"]
    rate = 100 * snap["agency_fte"].sum() / (snap["agency_fte"].sum() + snap["permanent_fte"].sum())
    micro = table[
        (table["Initiative"].str.contains("microsite")) & (table["Measure"] == "Agency worker rate")
    ]
    assert micro["What this pack's data show"].iloc[0].startswith(f"{rate:.1f}%")


# --- Themes under a public policy (issue 12) -----------------------------------------------


def _themes_inputs():
    """Leavers of two services whose combined reason counts differ from each service's."""
    import datetime as dt
    from types import SimpleNamespace

    rows = (
        [("Children", "Career")] * 5
        + [("Children", "Pay")] * 4
        + [("Children", "Moving")] * 3
        + [("Adults", "Career")] * 1
        + [("Adults", "Pay")] * 2
        + [("Adults", "Moving")] * 3
        + [("Adults", "Retired")] * 6
    )
    leavers = pd.DataFrame(
        {
            "service": [s for s, _ in rows],
            "leaving_reason": [r for _, r in rows],
            "years_of_service": 3.0,
            "profession": "Social work",
            "role": "Social Worker",
            "leaving_date": pd.Timestamp("2016-01-01"),
        }
    )
    src = SimpleNamespace(source="HR extract")
    cfg = SimpleNamespace(
        period=SimpleNamespace(start=dt.date(2015, 9, 1), end=dt.date(2016, 8, 31)),
        services=["Children", "Adults"],
        datasets={"leavers": src},
    )
    return {"leavers": leavers}, cfg


def test_public_themes_list_only_published_counts_of_at_least_the_threshold():
    from pipelines.core.disclosure import SUPPRESSED, Policy

    frames, cfg = _themes_inputs()
    pol = Policy("public", threshold=5)
    exempt = sc.qualitative_table(frames, cfg)
    public = sc.qualitative_table(frames, cfg, pol=pol)
    # Exempt ranks the combined counts, small ones included (Career, Pay, Moving, Retired: 6).
    assert set(exempt["Mentions"]) == {6} and len(exempt) == 4
    # Public: no [c], nothing below the threshold, so neither a value nor an order is given away.
    assert SUPPRESSED not in public["Mentions"].astype(str).tolist()
    assert (public["Mentions"].astype(int) >= pol.threshold).all()
    # Each count is one a service's reasons table publishes (Adults: Retired 6), never a combined
    # count from which a service's small count could be subtracted. Children's Career 5 is
    # hidden there: beside it Pay 4 and Moving 3 of 12 leave 7 for two counts the legend says
    # are under 5, so each is 3 or 4 (reader11, the "fewer than 5" legend's bound).
    got = {
        (m.rsplit(", ", 1)[1], t, int(n))
        for m, t, n in public[["Measure", "Theme", "Mentions"]].values
    }
    assert got == {("Adults", "Retired", 6)}
    assert public["Out of"].tolist() == ["12 leavers"]


def test_public_themes_follow_the_sections_secondary_suppression():
    from pipelines.core.disclosure import Policy

    frames, cfg = _themes_inputs()
    adults = frames["leavers"]["service"] == "Adults"
    # Without Moving, Adults' Retired 6 is hidden in the leavers section (9 - 6 = Pay + Career),
    # so the scorecard must not print it either; Children's Career 5 is hidden there too (see
    # above), so no theme can be printed.
    frames["leavers"] = frames["leavers"][
        ~(adults & (frames["leavers"]["leaving_reason"] == "Moving"))
    ]
    public = sc.qualitative_table(frames, cfg, pol=Policy("public", threshold=5))
    assert public["Theme"].tolist() == []


def test_public_themes_leave_out_a_count_hidden_by_secondary_suppression():
    shown = pd.DataFrame(
        {
            "Reason for leaving": ["Career", "Pay", "Moving", "Total"],
            "Leavers": [7, "[c]", "[c]", 12],
        }
    )
    top = sc.published_themes(shown, "Leavers", "Reasons", threshold=5, n=3)
    assert top["Theme"].tolist() == ["Career"] and top["Mentions"].tolist() == [7]


def test_public_themes_note_says_what_is_left_out():
    note = sc.public_themes_note(pd.DataFrame(columns=sc.THEME_COLUMNS), 5)
    assert "at least 5" in note and "No theme reaches" in note
