"""The tracker shows owners' roles, never initials, and counts the final report's recommendations.

Issue 22, points 9 and 8: the public tracker printed "IH/MG" (initials of officers) where the
information-governance reader wants roles from the review config; and Coventry's tracker counted
7 members' recommendations (d in three parts) while the final report lists 5. Registers here are
generated in the test; the last test compares the tracker with the final report in both demo
reviews.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.config import load_review
from pipelines.documents import register_check
from pipelines.sections.tracker import analysis as tr

ROLES = {"IH": "Head of Service", "MG": "HR Business Partner", "A/W": "Agency Workforce lead"}


def test_initials_read_as_their_roles_from_the_review_config():
    assert tr.public_owner("IH/MG", ROLES) == ("Head of Service / HR Business Partner", False)
    assert tr.public_owner("A/W", ROLES) == ("Agency Workforce lead", False)
    # a part the review gives no role for is not published; the officer is told
    assert tr.public_owner("IH/KS", ROLES) == ("Head of Service", True)
    assert tr.public_owner("KS", ROLES) == (tr.NO_ROLE, True)
    # a team's abbreviation that is a word for a team is kept
    assert tr.public_owner("HR/KS", ROLES) == ("HR", True)


#: Capitals that could be a person's initials (not a word for a team, as "HR" is).
initials = st.from_regex(r"\A[A-Z]{1,4}\Z").filter(lambda t: not tr.ROLE_WORDS.fullmatch(t))


@given(parts=st.lists(initials, min_size=1, max_size=4, unique=True))
def test_initials_never_reach_the_public_owner(parts):
    owner = "/".join(parts)
    shown, taken = tr.public_owner(owner)
    assert taken and shown == tr.NO_ROLE
    words = set(re.findall(r"[A-Za-z]+", shown))
    assert not words & set(parts)
    roles = {p: f"Role {n}" for n, p in enumerate(parts)}
    mapped, taken = tr.public_owner(owner, roles)
    assert not taken and mapped == " / ".join(roles[p] for p in parts)


def write(tmp_path, items) -> tr.Register:
    path = tmp_path / "recommendations.yml"
    path.write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    return tr.load_register(path)


def member(item_id, status, part_of=None, due=None, owner="Director of Children's Services"):
    return {
        "id": item_id,
        "kind": "Recommendation",
        "made_by": "members",
        "workstream": "Recommendations of the group",
        "text": f"Recommendation {item_id}.",
        "owner": owner,
        "due": due,
        "status": {"2018-04-16": status},
        **({"part_of": part_of} if part_of else {}),
    }


def test_a_recommendation_in_parts_counts_once_with_its_least_advanced_status(tmp_path):
    register = write(
        tmp_path,
        [
            member("a", "Blue"),
            member("d.i", "Blue", "d", due="2018-03-31"),
            member("d.ii", "Amber", "d", due="2018-06-30", owner="IH"),
            member("d.iii", "Green", "d"),
        ],
    )
    assert tr.members_recommendations(register) == ["a", "d"]
    frame = tr.register_frame(register, ROLES)
    table = tr.register_table(frame, "2018-04-16", "members")
    assert list(table["Ref"]) == ["a", "d"]
    # Amber is the least advanced of Blue, Amber and Green; the earliest due date is d's
    assert list(table["Status"]) == ["Blue (completed)", "Amber"]
    assert list(table["Due"]) == ["None set", "31 March 2018"]
    assert table["Owner"].iloc[1] == "Director of Children's Services / Head of Service"
    said = tr.findings(frame, "2018-04-16", None)[0]
    # d is overdue by its earliest part's date (31 March) and not completed
    assert "1 of 2 is overdue" in said and "1 is completed (Blue)" in said
    total = tr.by_workstream(frame, "2018-04-16").iloc[-1]
    assert total["Items"] == 2


def test_a_register_that_is_not_the_final_reports_list_is_refused(tmp_path):
    cfg = load_review("coventry-sw-2018")
    raw = tmp_path / "raw"
    raw.mkdir()
    register = yaml.safe_load((cfg.raw_path() / "recommendations.yml").read_text("utf-8"))
    for item in register["items"]:
        item.pop("part_of", None)  # d's three parts counted as three recommendations
    (raw / "recommendations.yml").write_text(yaml.safe_dump(register), encoding="utf-8")
    split = cfg.model_copy(update={"raw_dir": str(raw)})
    wrong = register_check.register_mismatches(split)
    assert wrong[0] == (
        "the register has 7 members' recommendations (a, b, c, d.i, d.ii, d.iii, e) and the "
        "final report 5"
    )
    with pytest.raises(Exception, match="part_of"):
        register_check.check_one_register(split)


@pytest.mark.parametrize("review", ["luton-sw-2016", "coventry-sw-2018"])
def test_the_tracker_counts_and_lists_the_final_reports_recommendations(review):
    cfg = load_review(review)
    fr = cfg.final_report
    register = tr.load_register(tr.register_path(cfg))
    frame = tr.register_frame(register, cfg.owner_roles)
    table = tr.register_table(frame, fr.meeting, "members")
    n = len(fr.recommendations)
    assert len(table) == n == len(tr.members_recommendations(register))
    if all(r.label for r in fr.recommendations):
        assert list(table["Ref"]) == [r.label for r in fr.recommendations]
    members = next(t for t in tr.findings(frame, fr.meeting, None) if "Members'" in t)
    assert f" of {n} " in members
    assert register_check.register_mismatches(cfg) == []
    # the public owners: roles, never initials
    for owner in frame["owner"]:
        caps = [w for w in re.split(r"[\s/,;&()]+", owner) if tr.INITIALS.match(w)]
        assert all(tr.ROLE_WORDS.fullmatch(w) for w in caps), owner


@pytest.mark.parametrize(
    ("due", "wrong"),
    [
        (None, "is due on no date on the register"),
        ("2018-10-31", "is due 31 October 2018 on the register"),
        ("2018-09-30", None),
    ],
)
def test_a_report_back_month_is_the_registers_due_date(tmp_path, due, wrong):
    """Issue 22 (point 1): the tracker showed d due "None set", the final report September 2018.

    A generated register of two recommendations, the second in two parts; the final report
    says the second reports back in September 2018. Its due date on the register (the
    earliest of its parts') must fall in that month.
    """
    cfg = load_review("coventry-sw-2018")
    raw = tmp_path / "raw"
    raw.mkdir()
    items = [member("a", "Grey"), member("b.i", "Grey", "b", due=due), member("b.ii", "Grey", "b")]
    (raw / "recommendations.yml").write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    fr = cfg.final_report.model_copy(
        update={
            "recommendations": [
                cfg.final_report.recommendations[0].model_copy(
                    update={"label": "a", "text": "Recommendation a.", "report_back": None}
                ),
                cfg.final_report.recommendations[0].model_copy(
                    update={
                        "label": "b",
                        "text": "Recommendation b.i. Recommendation b.ii.",
                        "report_back": "with the other report, September 2018",
                    }
                ),
            ]
        }
    )
    made = cfg.model_copy(update={"raw_dir": str(raw), "final_report": fr})
    found = register_check.register_mismatches(made)
    if wrong is None:
        assert found == []
    else:
        assert found == [
            f"recommendation 2 (b) reports back in September 2018 in the final report and {wrong}"
        ]
