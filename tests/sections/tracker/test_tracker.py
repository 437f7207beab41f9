"""Recommendations and action tracker: status at a date, changes since the last meeting,
overdue items, unknown statuses rejected; the demo register's texts come from the seed."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from pipelines.core.config import load_review
from pipelines.core.errors import InputError
from pipelines.sections.tracker import analysis as tr
from pipelines.sections.tracker.demo import write_tracker_demo
from tests.conftest import DEMO_REVIEW

CFG = load_review(DEMO_REVIEW)


def item(id_, status, due=None, workstream="1. Recruitment", kind="Action"):
    return {
        "id": id_,
        "kind": kind,
        "workstream": workstream,
        "text": f"Task {id_}",
        "owner": "KS",
        "due": due,
        "status": status,
    }


def write(tmp_path, items, name="recommendations.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"items": items}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def frame(tmp_path):
    items = [
        item(
            "A",
            {"2016-09-21": "Grey", "2016-11-22": "Green", "2017-02-28": "Blue"},
            due="2017-01-31",
        ),
        item(
            "B",
            {"2016-09-21": "Green", "2016-12-21": "Amber", "2017-02-28": "Red"},
            due="2016-12-31",
        ),
        item("C", {"2016-11-22": "Violet"}, workstream="2. Market research"),
        item("D", {"2016-09-21": "Green"}, due="2017-02-28"),
    ]
    return tr.register_frame(tr.load_register(write(tmp_path, items)))


def status(frame, date):
    return dict(zip(*tr.status_at(frame, date)[["id", "status"]].T.values, strict=True))


def test_status_at_a_date_is_the_latest_recorded_on_or_before_it(frame):
    assert status(frame, "2016-09-21") == {
        "A": "Grey",
        "B": "Green",
        "C": tr.NOT_ON_REGISTER,
        "D": "Green",
    }
    assert status(frame, "2016-12-01") == {"A": "Green", "B": "Green", "C": "Violet", "D": "Green"}
    assert status(frame, dt.date(2017, 2, 28))["A"] == "Blue"
    assert status(frame, "2017-02-27")["B"] == "Amber"


def test_changes_since_last_meeting_lists_only_items_whose_status_moved(frame):
    changes = tr.changes_since(frame, "2017-01-16", "2017-02-28")
    assert changes["Ref"].tolist() == ["A", "B"]
    before, now = changes.columns[-2:]
    assert "16 January 2017" in before and "28 February 2017" in now
    assert changes.set_index("Ref").loc["A", now] == "Blue (completed)"
    assert changes.set_index("Ref").loc["B", before] == "Amber"
    assert tr.changes_since(frame, "2017-02-28", "2017-02-28").empty
    assert tr.changes_since(frame, None, "2017-02-28").empty


def test_overdue_is_due_before_the_meeting_and_not_blue(frame):
    late = tr.overdue(frame, "2017-02-28")
    # A is Blue; C has no due date (business as usual); D is due on the meeting day, not before.
    assert late["Ref"].tolist() == ["B"]
    assert late["Days overdue"].iloc[0] == (dt.date(2017, 2, 28) - dt.date(2016, 12, 31)).days
    assert late["Status"].iloc[0] == "Red"
    earlier = tr.overdue(frame, "2017-02-01")
    assert earlier["Ref"].tolist() == ["B", "A"]  # A was due 31 Jan and only Green then


def test_status_words_are_always_written_not_colour_alone(frame):
    table = tr.by_workstream(frame, "2017-02-28")
    assert {"Red", "Blue (completed)", "Violet (business as usual)"} <= set(table.columns)
    total = table[table["Workstream"] == "Total"].iloc[0]
    assert total["Items"] == 4
    register = tr.register_table(frame, "2017-02-28")
    assert set(register["Status"]) <= set(tr.STATUS_WORDS.values()) | {tr.NOT_ON_REGISTER}


def test_unknown_status_is_rejected_naming_file_and_item(tmp_path):
    path = write(
        tmp_path, [item("A", {"2016-09-21": "Green"}), item("1.1.7", {"2016-09-21": "Purple"})]
    )
    with pytest.raises(InputError) as err:
        tr.load_register(path)
    text = str(err.value)
    assert 'item 2 ("1.1.7")' in text and "unknown status" in text
    assert "recommendations.yml" in text and "Purple" in text
    assert "Red, Amber, Green, Blue, Grey, Violet" in text
    assert '"A"' not in text


def test_previous_meeting_follows_the_review_meetings_order():
    dated = [m.date for m in CFG.meetings if m.date]
    assert tr.previous_meeting(CFG, dated[-1]) == dated[-2]
    assert tr.previous_meeting(CFG, dated[0]) is None


def test_demo_register_texts_come_from_the_seed(seed, tmp_path):
    write_tracker_demo(tmp_path)
    register = tr.load_register(tmp_path / "recommendations.yml")
    texts = [i.text for i in register.items]
    ex = seed["luton"]["exit_interviews"]
    for text in [*ex["recommendations"]["value"], *ex["proposals"]["value"]]:
        assert text in texts
    plan = seed["luton"]["project_plan"]
    tasks = {i.id: i for i in register.items if i.kind == "Action"}
    assert len(tasks) == plan["task_count"]
    for section in plan["sections"]:
        for task in section["tasks"]:
            assert tasks[task["id"]].text == task["task"]
            assert tasks[task["id"]].owner == task["owner"]
            assert tasks[task["id"]].workstream.endswith(section["title"])
    assert [e.status for e in register.legend] == [e["status"] for e in plan["rag_legend"]["value"]]
    readme = (tmp_path / "README-tracker.md").read_text(encoding="utf-8")
    assert "illustrative" in readme.lower() and register.illustrative


def test_committed_register_matches_the_generator(tmp_path):
    write_tracker_demo(tmp_path)
    committed = tr.register_path(CFG)
    assert committed.read_text(encoding="utf-8") == (tmp_path / "recommendations.yml").read_text(
        encoding="utf-8"
    )


def test_members_recommendations_and_officers_actions_are_kept_apart(tmp_path):
    items = [
        {**item("M1", {"2016-09-21": "Green"}, kind="Recommendation"), "made_by": "members"},
        item("A1", {"2016-09-21": "Red"}, due="2016-09-01"),
        item("P1", {"2016-09-21": "Grey"}, kind="Proposal"),
    ]
    frame = tr.register_frame(tr.load_register(write(tmp_path, items)))
    assert list(tr.register_table(frame, "2016-09-21", "members")["Ref"]) == ["M1"]
    assert list(tr.register_table(frame, "2016-09-21", "officers")["Ref"]) == ["A1", "P1"]
    said = tr.findings(frame, "2016-09-21", None)
    members = next(t for t in said if t.startswith(tr.MADE_BY["members"]))
    officers = next(t for t in said if t.startswith(tr.MADE_BY["officers"]))
    assert "0 of 1 are overdue" in members and "1 of 2 is overdue" in officers
    assert "1 is rated Red" in officers and "0 are rated Red" in members


def test_illustrative_statuses_reach_no_sentence(frame):
    """Issue 22 (28 Feb 2017 report): "Illustrative statuses (made up ...)" was printed in a
    public report. A register marked illustrative publishes no status: each part says how many
    items it holds and that their statuses are not recorded; no change is counted."""
    said = tr.findings(frame, "2017-02-28", "2016-12-21", illustrative=True)
    joined = " ".join(said)
    assert "llustrative" not in joined and "made up" not in joined
    for word in ("Red", "Blue", "overdue (due", "changed status"):
        assert word not in joined, word
    assert said == [
        tr.UNRECORDED.format(label=tr.MADE_BY["members"], n=0, when="28 February 2017").replace(
            "0 on the register at 28 February 2017; their statuses and due dates are not recorded, "
            "so none is reported as completed or overdue",
            "none on the register at 28 February 2017",
        ),
        "Officers' recommendations and actions: 4 on the register at 28 February 2017; their "
        "statuses and due dates are not recorded, so none is reported as completed or overdue.",
    ]
    # the same register read plainly gives its statuses (B is overdue and Red)
    plain = " ".join(tr.findings(frame, "2017-02-28", "2016-12-21"))
    assert "1 of 4 is overdue" in plain and "1 is rated Red" in plain


def test_an_illustrative_register_prints_not_recorded_in_every_table(tmp_path):
    """The tracker's result for a register marked illustrative: every status and due date it
    shows reads "Not recorded"; nothing is overdue or changed; no caption calls the statuses
    illustrative (they are not shown)."""
    from types import SimpleNamespace

    from pipelines.sections.tracker import result as tracker_result

    items = [
        item("A", {"2016-09-21": "Red", "2016-11-22": "Blue"}, due="2016-10-31"),
        item("B", {"2016-09-21": "Amber", "2016-11-22": "Red"}, due="2016-10-01"),
    ]
    path = tmp_path / "recommendations.yml"
    path.write_text(
        yaml.safe_dump({"illustrative": True, "items": items}, sort_keys=False), encoding="utf-8"
    )
    cfg = CFG.model_copy(update={"raw_dir": str(tmp_path), "tracker": "recommendations.yml"})
    res = tracker_result.build(SimpleNamespace(review=cfg, meeting="2016-11-22"), None)
    officers = res.tables["register_officers"]
    # the columns would read "Not recorded" in every row: the caption says it once
    assert "Status" not in officers.labelled() and "Due" not in officers.labelled()
    assert officers.caption.endswith(": owner; statuses and due dates not recorded")
    plain = tr.register_table(
        tr.unrecorded(tr.register_frame(tr.load_register(path))), "2016-11-22"
    )
    assert list(plain["Status"]) == list(plain["Due"]) == ["Not recorded", "Not recorded"]
    assert res.tables["overdue"].frame.empty
    assert res.tables["changes_since_last_meeting"].frame.empty
    # a column "Not recorded" would repeat "Items": left out (issue 22, reader11)
    by = res.tables["status_by_workstream"].labelled()
    assert list(by.columns) == ["Workstream", "Items"]
    assert by.iloc[-1].tolist() == ["Total", 2]
    for t in res.tables.values():
        assert "llustrative" not in t.caption, t.caption
        if t.name == "legend":  # the plan's own legend: what each status word means
            continue
        shown = t.labelled().astype(str).to_numpy().ravel().tolist()
        assert not {"Red", "Blue (completed)", "Amber"} & set(shown), t.name


def test_officers_text_has_a_space_after_each_comma_and_says_where_it_stops(tmp_path):
    """Issue 22: the tracker printed "deposit,handcuffs" and "retention rates were 75-" (the
    project plan's cell stops there). A comma gets its space (not in a number); a text that
    stops short says so, with no bracket left open."""
    items = [
        {**item("A", {"2016-09-21": "Red"}), "text": "Scope levers - rent deposit,handcuffs etc"},
        {
            **item("B", {"2016-09-21": "Red"}),
            "text": "Evaluate TIER (post retention rates were 75-",
        },
        {**item("C", {"2016-09-21": "Red"}), "text": "Gain insight into 1/ leaving 2/ moves 3/"},
        {**item("D", {"2016-09-21": "Red"}), "text": "Hold 1,998 cases,or fewer (by March 2017)."},
    ]
    frame = tr.register_frame(tr.load_register(write(tmp_path, items)))
    texts = list(tr.register_table(frame, "2016-09-21")["Recommendation or action"])
    assert texts == [
        "Scope levers - rent deposit, handcuffs etc",
        f"Evaluate TIER ({tr.CUT_OFF})",
        f"Gain insight into 1/ leaving 2/ moves ({tr.CUT_OFF})",
        "Hold 1,998 cases, or fewer (by March 2017).",
    ]


def test_a_register_with_no_members_recommendations_gives_an_empty_members_table(frame):
    table = tr.register_table(frame, "2017-02-28", "members")
    assert table.empty and "Ref" in table.columns
    assert len(tr.register_table(frame, "2017-02-28", "officers")) == 4


def test_public_findings_keep_small_counts_of_items(tmp_path):
    """Items are not people: "3 are business as usual" stays 3 in the public pack (issue 12)."""
    from pipelines.core.disclosure import Policy, protect_text

    pol = Policy("public", threshold=5)
    date = dt.date(2017, 2, 28)
    statuses = ["Blue"] * 6 + ["Violet"] * 3 + ["Red"] * 2 + ["Grey"]
    items = [item(f"A{i}", {date: s}, due=dt.date(2017, 3, 31)) for i, s in enumerate(statuses)]
    frame = tr.register_frame(tr.load_register(write(tmp_path, items)))
    found = [protect_text(t, pol) for t in tr.findings(frame, date, None, pol=pol)]
    text = " ".join(found)
    assert "fewer than" not in text
    assert "6 are completed (Blue), 3 are business as usual (Violet)" in text
    assert "2 are rated Red" in text and "1 has not started (Grey)" in text


def test_the_result_holds_the_meetings_tables_and_its_key_follows_the_register(tmp_path):
    """Four items at 28 February 2017 (statuses by hand): A Blue, B Red and overdue (due 31
    December 2016), C Violet, D Green and due that day (not overdue); A and B moved since the
    meeting of 16 January 2017 (A Green -> Blue, B Amber -> Red)."""
    from pipelines.core.registry import get_section
    from pipelines.core.results import FramesContext
    from pipelines.core.section_build import build_section, result_key

    items = [
        item(
            "A", {"2016-09-21": "Grey", "2016-11-22": "Green", "2017-02-28": "Blue"}, "2017-01-31"
        ),
        item(
            "B", {"2016-09-21": "Green", "2016-12-21": "Amber", "2017-02-28": "Red"}, "2016-12-31"
        ),
        item("C", {"2016-11-22": "Violet"}, workstream="2. Market research"),
        item("D", {"2016-09-21": "Green"}, due="2017-02-28"),
    ]
    write(tmp_path, items)
    cfg = CFG.with_raw_dir(tmp_path)
    ctx = FramesContext(cfg, dt.date(2017, 2, 28), {}, processed_dir=tmp_path)
    result = build_section(ctx, "60_recommendations")
    status = result.tables["status_by_workstream"].labelled().set_index("Workstream")
    assert status.loc["Total", "Items"] == 4
    assert status.loc["1. Recruitment", "Items"] == 3
    assert result.tables["overdue"].frame["ref"].tolist() == ["B"]
    assert result.tables["overdue"].frame["days_overdue"].tolist() == [59]  # 31 Dec to 28 Feb
    assert sorted(result.tables["changes_since_last_meeting"].frame["ref"]) == ["A", "B"]
    words = result.tables["overdue"].columns["recommendation_or_action"]
    assert words.officer_text and not words.free_text, "published once checked (issue 22)"
    assert "illustrative" not in result.notes

    # The register is part of the stored result's key: another status is another result.
    spec = get_section("60_recommendations")
    params = spec.parameters()
    before = result_key(ctx, spec, params)
    items[3]["status"] = {"2016-09-21": "Green", "2017-02-28": "Blue"}
    write(tmp_path, items)
    assert result_key(ctx, spec, params) != before
    assert build_section(ctx, "60_recommendations").tables["overdue"].frame["ref"].tolist() == ["B"]


def test_a_recommendation_cannot_move_on_or_before_the_meeting_that_makes_it(tmp_path):
    """Issue 22 e: "2 completed" at the meeting where the recommendations are made."""
    members = {**item("a", {}), "kind": "Recommendation", "made_by": "members"}
    made = CFG.final_report.meeting  # the members' recommendations go to the decision-maker
    day = made.isoformat()
    before = (made - dt.timedelta(days=30)).isoformat()
    after = (made + dt.timedelta(days=30)).isoformat()
    path = write(
        tmp_path,
        [
            {**members, "id": "a", "status": {before: "Grey", day: "Blue"}},
            {**members, "id": "b", "status": {day: "Grey", after: "Blue"}},
            {**members, "id": "c", "status": {before: "Green"}},
            item("A1", {day: "Blue"}),  # an officers' action: the plan's own status
        ],
    )
    with pytest.raises(InputError) as err:
        tr.check_statuses_after_made(tr.load_register(path), CFG, path)
    problems = err.value.problems
    assert [p.column for p in problems] == [f"items[1].status.{day}", f"items[3].status.{before}"]
    assert problems[0].found == "Blue" and "Grey (not yet started) on or before" in (
        problems[0].expected
    )
    assert f"made on {tr.date_text(made)}" in problems[0].what
    # a date of its own moves it: made earlier, its status at the final meeting is kept
    dated = {**members, "id": "a", "made": before, "status": {before: "Grey", day: "Blue"}}
    path = write(tmp_path, [dated], name="dated.yml")
    tr.check_statuses_after_made(tr.load_register(path), CFG, path)


def test_the_demo_registers_have_no_recommendation_moving_before_it_is_made():
    for review in ("luton-sw-2016", "coventry-sw-2018"):
        cfg = load_review(review)
        path = tr.register_path(cfg)
        tr.check_statuses_after_made(tr.load_register(path), cfg, path)
